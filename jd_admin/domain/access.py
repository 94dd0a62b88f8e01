"""Who may touch which table, row and column: the declared permission matrix.

Every table of the schema has an entry here, and nothing else grants access to data. On
PostgreSQL ``jd_admin/migrations/access.py`` turns it into GRANTs (with column lists),
row-level security policies (ENABLE + FORCE) and the EXECUTE rights of the server's functions,
rebuilt after every upgrade; ``tests/test_access_matrix.py`` runs the whole matrix as real login
roles and fails on a table with no entry. On both databases the services check the same
:data:`~jd_admin.domain.permissions.PERMISSIONS` (``require(actor, Action.X)``): a grant here
names the action it serves, so its roles and row scope are the action's — one declaration of
who may do what.

A grant gives the roles of its action (or the roles taking the steps of a workflow) some
operations on the rows of their scope (``Scope`` of the action for the role):

- ``ALL``: every row;
- ``OWN_SUBDISTRICT``: the rows of the login's own 街镇 — by the table's ``subdistrict`` column,
  or through a parent row (``Via``) the login can see;
- ``OWN``: the rows whose ``owner`` column is the login itself;
- ``ASSIGNED``: the rows of the venues assigned to the login — by the table's ``venue``
  column, in the venues of the inspection assignments (:data:`ASSIGNMENTS`) made to it.

The ``subdistrict`` or ``owner`` column may be a ``Via`` column: the row's 街镇 (or owner) is
its parent's, and the scope is the parent rows the login sees (an inspection belongs to its
venue's 街镇 and to the inspector of its assignment). A grant's ``via`` with the own scope
works the same way: the rows of the parents the login sees.

``via`` narrows a grant to the rows of one parent (an attachment of an application, the scan of
an agreement), ``states`` to the rows (or, with ``via``, the parents) in those states, and
``columns`` an UPDATE to those columns. Sensitive columns (bank accounts, legal
representatives) are read only by the roles of :attr:`Action.READ_BANK_DETAILS`; everyone
else who reads the table gets every other column.

What the matrix does not say — which step leads where, which columns a state still lets
change, a voucher's money — the guards of the migrations say (triggers, raising a message).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jd_admin.domain.agreements import AGREEMENT_WORKFLOW, AgreementState
from jd_admin.domain.inspections import (
    ASSIGNMENT_WORKFLOW,
    INSPECTION_WORKFLOW,
    ORDER_WORKFLOW,
    InspectionState,
    OrderState,
)
from jd_admin.domain.permissions import PERMISSIONS, Action, Scope
from jd_admin.domain.recruitment import (
    APPLICATION_WORKFLOW,
    CALL_WORKFLOW,
    EDITABLE_APPLICATION_STATES,
    ApplicationState,
)
from jd_admin.domain.register import VENUE_WORKFLOW
from jd_admin.domain.roles import Role
from jd_admin.domain.settlement import LINE_WORKFLOW, SETTLEMENT_WORKFLOW
from jd_admin.domain.vouchers import BATCH_WORKFLOW
from jd_admin.domain.warnings import WARNING_WORKFLOW
from jd_admin.domain.workflow import Workflow


class Op(enum.StrEnum):
    SELECT = "SELECT"
    INSERT = "INSERT"
    UPDATE = "UPDATE"
    DELETE = "DELETE"


SEL, INS, UPD, DEL = Op.SELECT, Op.INSERT, Op.UPDATE, Op.DELETE


class Everyone(enum.Enum):
    """Every member of staff, whatever the role (reference data everybody reads)."""

    STAFF = "staff"


STAFF = Everyone.STAFF


@dataclass(frozen=True)
class Via:
    """The table's rows belong to the rows of ``parent`` that ``column`` points at."""

    column: str
    parent: str


@dataclass(frozen=True)
class Grant:
    by: Action | Workflow | Everyone
    ops: tuple[Op, ...]
    via: str | None = None  # a Via column of the table: only rows through that parent
    states: tuple[str, ...] = ()  # only rows (or their parent, with via) in these states
    columns: tuple[str, ...] = ()  # UPDATE only these columns


@dataclass(frozen=True)
class Table:
    grants: tuple[Grant, ...]
    subdistrict: str | None = None  # the column naming the row's 街镇
    via: tuple[Via, ...] = ()
    owner: str | None = None  # the column naming the login a row is "own" to
    venue: str | None = None  # the column naming the row's venue (the assigned scope)
    sensitive: tuple[str, ...] = ()
    public_read: bool = False  # every member of staff reads every row: no row security
    view: bool = False  # a view: its grants only (a view has no row security of its own)
    audited: bool = True  # changes recorded by the audit triggers (migration 0012)

    def parent(self, column: str) -> Via:
        found = [v for v in self.via if v.column == column]
        if not found:
            raise ValueError(f"no Via for {column}")
        return found[0]


def _states(states: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(getattr(s, "value", s)) for s in states)


#: The assigned scope's source: (table, venue column, login column) — the venues of the
#: inspection assignments whose inspector is the login, whatever the assignment's state (its
#: past inspections stay readable to it, with what they were compared against).
ASSIGNMENTS = ("inspection_assignment", "venue_id", "inspector")

EDITABLE = _states(EDITABLE_APPLICATION_STATES)
VOUCHER_LEDGER = Action.READ_VOUCHERS
DRAFT_INSPECTION = InspectionState.DRAFT.value

#: Every table of the schema. A table missing here fails the tests (and has no grants at all).
TABLES: Mapping[str, Table] = {
    # reference data and the rule tables: read by all, written by the action's roles
    "alembic_version": Table((Grant(STAFF, (SEL,)),), public_read=True, audited=False),
    "app_role": Table((Grant(STAFF, (SEL,)),), public_read=True),
    "subdistrict": Table((Grant(STAFF, (SEL,)),), public_read=True),
    "workflow_step": Table((Grant(STAFF, (SEL,)),), public_read=True, audited=False),
    # accounts change only through the server's account functions (FUNCTIONS below)
    "app_user": Table((Grant(STAFF, (SEL,)),), public_read=True),
    "face_value_rule": Table((Grant(STAFF, (SEL,)), Grant(Action.EDIT_RULE_TABLES, (INS,))),
                             public_read=True),
    "usage_rule": Table((Grant(STAFF, (SEL,)), Grant(Action.EDIT_RULE_TABLES, (INS,))),
                        public_read=True),
    "voucher_restriction": Table((Grant(STAFF, (SEL,)), Grant(Action.EDIT_RULE_TABLES, (INS,))),
                                 public_read=True),
    "party_setting": Table((Grant(STAFF, (SEL,)), Grant(Action.SET_PARTIES, (INS, UPD))),
                           public_read=True),
    "recruitment_call": Table((Grant(STAFF, (SEL,)), Grant(Action.MANAGE_CALLS, (INS, UPD)),
                               Grant(CALL_WORKFLOW, (UPD,))), public_read=True),
    "issuance_batch": Table((Grant(STAFF, (SEL,)), Grant(Action.MANAGE_BATCHES, (INS, UPD)),
                             Grant(BATCH_WORKFLOW, (UPD,))), public_read=True),
    "batch_face_value": Table((Grant(STAFF, (SEL,)), Grant(Action.MANAGE_BATCHES, (INS,))),
                              public_read=True),
    "agreement_number_counter": Table((Grant(STAFF, (SEL,)),
                                       Grant(Action.DRAFT_AGREEMENT, (INS, UPD))),
                                      public_read=True),

    # recruitment: a subdistrict's own applications, the bureau's decisions
    "application": Table((
        Grant(Action.READ_APPLICATIONS, (SEL,)),
        Grant(Action.RECORD_APPLICATION, (INS,)),
        Grant(Action.EDIT_APPLICATION, (UPD,)),
        Grant(Action.EDIT_APPLICATION, (DEL,), states=(ApplicationState.DRAFT.value,)),
        Grant(APPLICATION_WORKFLOW, (UPD,)),
    ), subdistrict="subdistrict_id"),
    "application_sport": Table((
        Grant(Action.READ_APPLICATIONS, (SEL,), via="application_id"),
        Grant(Action.EDIT_APPLICATION, (INS, UPD, DEL), via="application_id", states=EDITABLE),
    ), via=(Via("application_id", "application"),)),
    "application_coach": Table((
        Grant(Action.READ_APPLICATIONS, (SEL,), via="application_id"),
        Grant(Action.EDIT_APPLICATION, (INS, UPD, DEL), via="application_id", states=EDITABLE),
    ), via=(Via("application_id", "application"),)),
    "attachment": Table((
        Grant(Action.READ_APPLICATIONS, (SEL,), via="application_id"),
        Grant(Action.MANAGE_ATTACHMENTS, (INS, DEL), via="application_id", states=EDITABLE),
        Grant(Action.READ_AGREEMENT_SCANS, (SEL,), via="agreement_id"),
        Grant(Action.RECORD_SIGNATURES, (INS,), via="agreement_id",
              states=(AgreementState.OUT_FOR_SIGNATURE.value,)),
    ), via=(Via("application_id", "application"), Via("agreement_id", "agreement"))),

    # the register: venues by 街镇; their history is written by the server only
    "venue": Table((
        Grant(Action.READ_REGISTER, (SEL,)),
        Grant(Action.DESIGNATE_VENUES, (INS, UPD)),
        Grant(VENUE_WORKFLOW, (UPD,)),
    ), subdistrict="subdistrict_id",
        sensitive=("legal_representative", "bank_name", "bank_account_name",
                   "bank_account_number")),
    "venue_sport": Table((
        Grant(Action.READ_REGISTER, (SEL,), via="venue_id"),
        Grant(Action.DESIGNATE_VENUES, (INS, UPD, DEL), via="venue_id"),
    ), via=(Via("venue_id", "venue"),)),
    "venue_status_change": Table((
        Grant(Action.READ_REGISTER, (SEL,), via="venue_id"),
    ), via=(Via("venue_id", "venue"),)),
    # the coaches filed with the application that designated the venue, copied by that step
    # (personal data: read by the bureau, the venue's subdistrict and the inspectors it is
    # assigned to — an inspector compares them on site but reads no application)
    "venue_coach": Table((
        Grant(Action.READ_FILED_COACHES, (SEL,)),
        Grant(Action.DESIGNATE_VENUES, (INS, UPD, DEL), via="venue_id"),
    ), subdistrict="venue_id", venue="venue_id", via=(Via("venue_id", "venue"),)),

    # agreements: the bureau's; a subdistrict reads its own venues'
    "agreement": Table((
        Grant(Action.READ_AGREEMENTS, (SEL,), via="venue_id"),
        Grant(Action.DRAFT_AGREEMENT, (INS, UPD)),
        Grant(Action.RECORD_SIGNATURES, (UPD,)),
        Grant(AGREEMENT_WORKFLOW, (UPD,)),
    ), via=(Via("venue_id", "venue"),),
        sensitive=("venue_legal_representative", "venue_bank")),

    # the voucher ledger: the operator's imports, the bureau's clearing of flags
    "voucher": Table((Grant(VOUCHER_LEDGER, (SEL,)), Grant(Action.IMPORT_VOUCHERS, (INS, UPD)))),
    "citizen": Table((Grant(VOUCHER_LEDGER, (SEL,)), Grant(Action.IMPORT_VOUCHERS, (INS,)))),
    "voucher_import": Table((Grant(VOUCHER_LEDGER, (SEL,)),
                             Grant(Action.IMPORT_VOUCHERS, (INS, UPD)))),
    # flags: written and withdrawn by the server's check only (jd_check_vouchers, 0011),
    # cleared by the bureau with a reason, deleted by nobody
    "voucher_violation": Table((
        Grant(VOUCHER_LEDGER, (SEL,)),
        Grant(Action.CLEAR_FLAG, (UPD,), columns=("cleared_by", "cleared_at", "clear_reason")),
    )),
    # the citizens and batches whose vouchers changed since the server last checked them: the
    # import's own login marks them (by trigger), the server's check empties them
    "voucher_check_pending": Table((Grant(VOUCHER_LEDGER, (SEL,)),
                                    Grant(Action.IMPORT_VOUCHERS, (INS,))), audited=False),
    "voucher_batch_check_pending": Table((Grant(VOUCHER_LEDGER, (SEL,)),
                                          Grant(Action.IMPORT_VOUCHERS, (INS,))),
                                         audited=False),
    "voucher_checked": Table((Grant(VOUCHER_LEDGER, (SEL,)),), view=True, audited=False),

    # monthly settlement: the operator and the bureau's staff generate it, the bureau reads
    # it (the operator too: it generates it); no subdistrict rows (the bureau pays the venues).
    # Steps, freezing, four eyes and the totals: the guards of migration 0019. Bank details
    # are the register's (taken by the server), read only by those who read the register's.
    "settlement": Table((
        Grant(Action.READ_SETTLEMENTS, (SEL,)),
        Grant(Action.GENERATE_SETTLEMENT, (INS, UPD)),
        Grant(SETTLEMENT_WORKFLOW, (UPD,)),
    )),
    "settlement_line": Table((
        Grant(Action.READ_SETTLEMENTS, (SEL,)),
        Grant(Action.GENERATE_SETTLEMENT, (INS, UPD, DEL)),
        Grant(Action.ADJUST_SETTLEMENT, (INS, DEL)),
        Grant(LINE_WORKFLOW, (UPD,)),
    ), sensitive=("bank_name", "bank_account_name", "bank_account_number")),
    "settlement_item": Table((
        Grant(Action.READ_SETTLEMENTS, (SEL,)),
        Grant(Action.GENERATE_SETTLEMENT, (INS, DEL)),
    )),
    "settlement_exclusion": Table((
        Grant(Action.READ_SETTLEMENTS, (SEL,)),
        Grant(Action.GENERATE_SETTLEMENT, (INS, DEL)),
    )),

    # inspections (DOMAIN.md "Inspection"): checklists and plans read by all staff; an
    # inspection, its items and photos and its orders by the bureau, the venue's subdistrict
    # and the inspector of its assignment (``owner``: through the assignment's ``inspector``,
    # the login name); recorded by that inspector or the bureau's staff while a draft.
    # Immutability, the order's steps and deletions: the guards of migration 0022.
    "checklist_template": Table((Grant(STAFF, (SEL,)),
                                 Grant(Action.MANAGE_CHECKLISTS, (INS, UPD))), public_read=True),
    # a checklist's items are added with its version and never changed (guard of 0023)
    "checklist_item": Table((Grant(STAFF, (SEL,)), Grant(Action.MANAGE_CHECKLISTS, (INS,))),
                            public_read=True),
    "inspection_plan": Table((Grant(STAFF, (SEL,)), Grant(Action.PLAN_INSPECTIONS, (INS, UPD))),
                             public_read=True),
    "inspection_assignment": Table((
        Grant(Action.READ_INSPECTIONS, (SEL,)),
        Grant(Action.PLAN_INSPECTIONS, (INS, UPD)),
        Grant(ASSIGNMENT_WORKFLOW, (UPD,), columns=("status", "version")),
    ), subdistrict="venue_id", owner="inspector", via=(Via("venue_id", "venue"),)),
    "inspection": Table((
        Grant(Action.READ_INSPECTIONS, (SEL,)),
        Grant(Action.RECORD_INSPECTIONS, (INS, UPD), states=(DRAFT_INSPECTION,)),
        Grant(INSPECTION_WORKFLOW, (UPD,)),
    ), subdistrict="venue_id", owner="assignment_id",
        via=(Via("venue_id", "venue"), Via("assignment_id", "inspection_assignment"))),
    "inspection_item": Table((
        Grant(Action.READ_INSPECTIONS, (SEL,), via="inspection_id"),
        # the checklist's snapshot: answered, never deleted (guard of 0023)
        Grant(Action.RECORD_INSPECTIONS, (INS, UPD), via="inspection_id",
              states=(DRAFT_INSPECTION,)),
    ), via=(Via("inspection_id", "inspection"),)),
    "inspection_photo": Table((
        Grant(Action.READ_INSPECTIONS, (SEL,), via="inspection_id"),
        Grant(Action.READ_INSPECTIONS, (SEL,), via="order_id"),
        Grant(Action.RECORD_INSPECTIONS, (INS, DEL), via="inspection_id",
              states=(DRAFT_INSPECTION,)),
        Grant(Action.MANAGE_ORDERS, (INS,), via="order_id", states=(OrderState.ISSUED.value,)),
    ), via=(Via("inspection_id", "inspection"), Via("order_id", "rectification_order"))),
    "rectification_order": Table((
        Grant(Action.READ_INSPECTIONS, (SEL,)),
        Grant(Action.RECORD_INSPECTIONS, (INS,)),
        Grant(Action.MANAGE_ORDERS, (UPD,)),
        Grant(ORDER_WORKFLOW, (UPD,)),
    ), subdistrict="venue_id", owner="inspection_id",
        via=(Via("venue_id", "venue"), Via("inspection_id", "inspection"))),
    # offline checkouts (services/inspections/offline.py): an inspector's own, the bureau's all;
    # the file's token is no secret (the file carries it), the digest only compares
    "inspection_checkout": Table((
        Grant(Action.RECORD_INSPECTIONS, (SEL, INS, UPD)),
    ), owner="inspector"),
    "order_number_counter": Table((Grant(STAFF, (SEL,)),
                                   Grant(Action.RECORD_INSPECTIONS, (INS, UPD))),
                                  public_read=True),
    "training_session": Table((Grant(STAFF, (SEL,)), Grant(Action.MANAGE_TRAINING, (INS, UPD))),
                              public_read=True),
    "training_attendance": Table((
        Grant(Action.READ_TRAINING, (SEL,), via="venue_id"),
        Grant(Action.MANAGE_TRAINING, (INS, UPD, DEL), via="venue_id"),
    ), via=(Via("venue_id", "venue"),)),

    # early warning (DOMAIN.md "Early warning"): alert lines read by all staff and set by the
    # administrator; warnings and their vouchers read by the bureau, the operator and the
    # venue's subdistrict, written by the scan's roles, verified and decided by the bureau.
    # Lines and parameters are never dated in the past nor changed once in effect, and a
    # warning's vouchers are its venue's, added while it is open: the guards of 0029
    "alert_line": Table((Grant(STAFF, (SEL,)), Grant(Action.MANAGE_ALERT_LINES, (INS, UPD))),
                        public_read=True),
    # the other signals' parameters (domain/warnings.PARAMETERS): the same as the lines
    "signal_parameter": Table((Grant(STAFF, (SEL,)),
                               Grant(Action.MANAGE_ALERT_LINES, (INS, UPD))),
                              public_read=True),
    # (the scan brings an open warning's figures up to date; the bureau verifies and decides;
    # the server's guard keeps a decided warning as it is — migration 0027)
    "venue_warning": Table((
        Grant(Action.READ_WARNINGS, (SEL,)),
        Grant(Action.SCAN_WARNINGS, (INS,)),
        Grant(Action.SCAN_WARNINGS, (UPD,), columns=("figures", "explanation", "version")),
        Grant(Action.FILE_WARNINGS, (INS,)),
        Grant(Action.VERIFY_WARNINGS, (UPD,), columns=(
            "assigned_to", "started_at", "finding", "decision", "rectification_plan_id",
            "venue_suspended", "closed_by", "closed_at", "version")),
        Grant(WARNING_WORKFLOW, (UPD,), columns=("status", "version")),
    ), subdistrict="venue_id", via=(Via("venue_id", "venue"),)),
    "warning_voucher": Table((
        Grant(Action.READ_WARNINGS, (SEL,), via="warning_id"),
        # (only onto an open warning: what is under verification or decided stays as it is)
        Grant(Action.SCAN_WARNINGS, (INS,), via="warning_id", states=("open",)),
        Grant(Action.FILE_WARNINGS, (INS,), via="warning_id", states=("open",)),
    ), via=(Via("warning_id", "venue_warning"),)),

    # statistics (services/statistics): the ledger aggregated by day — counts and sums, no
    # voucher, no citizen. Read by the statistics' readers, a subdistrict its own venues'
    # redemption rows (claim rows name no 街镇: the district's); written by the refresh's roles
    # (after an import, or whole). Derived data, rebuilt from the audited ledger: not audited.
    "voucher_day_stat": Table((
        Grant(Action.READ_STATISTICS, (SEL,)),
        Grant(Action.REFRESH_STATISTICS, (SEL, INS, DEL)),
    ), subdistrict="subdistrict_id", audited=False),
    # its redemptions rolled up by month (what the dashboard reads for whole months), kept by
    # the same refresh: the same readers, writers and 街镇 scope
    "voucher_month_stat": Table((
        Grant(Action.READ_STATISTICS, (SEL,)),
        Grant(Action.REFRESH_STATISTICS, (SEL, INS, DEL)),
    ), subdistrict="subdistrict_id", audited=False),

    # the audit trail: appended by the server's triggers and functions only (migration 0012);
    # the bureau reads all of it, a subdistrict its own records' history, everyone their own acts
    "audit_event": Table((
        Grant(Action.READ_AUDIT, (SEL,)),
        Grant(Action.READ_OWN_AUDIT, (SEL,)),
    ), subdistrict="subdistrict_id", owner="actor", audited=False),
    # the newest link of the chain: written by the chain's commit trigger alone, read by all
    "audit_chain_head": Table((Grant(STAFF, (SEL,)),), public_read=True, audited=False),
}


class Call(enum.Enum):
    """Who executes a server function besides its own owner."""

    TRIGGER = "trigger"  # a trigger function: nobody calls it
    INTERNAL = "internal"  # called inside the other functions only
    EVERY_LOGIN = "every_login"  # every login of the program, also before its first password
    STAFF = "staff"


#: Every function of the schema and who may execute it.
FUNCTIONS: Mapping[str, Call | Action] = {
    "jd_require_admin": Call.INTERNAL,
    "jd_audit": Call.INTERNAL,
    "jd_is_scram_verifier": Call.INTERNAL,
    "jd_my_subdistrict": Call.STAFF,  # the row-security policies call it as the login
    "jd_record_login": Call.EVERY_LOGIN,
    "jd_change_own_password": Call.EVERY_LOGIN,
    "jd_create_user": Action.CREATE_USER,
    "jd_reset_password": Action.RESET_PASSWORD,
    "jd_set_user_active": Action.ENABLE_USER,
    "jd_audit_event_guard": Call.TRIGGER,
    "jd_workflow_guard": Call.TRIGGER,
    "jd_agreement_immutable": Call.TRIGGER,
    "jd_rule_version_guard": Call.TRIGGER,
    "jd_initial_state_guard": Call.TRIGGER,
    "jd_application_freeze": Call.TRIGGER,
    "jd_venue_status_stamp": Call.TRIGGER,
    "jd_venue_status_history": Call.TRIGGER,
    # the audit trail (migration 0012)
    "jd_note": Call.STAFF,  # a service's note on the record it changed in this transaction
    "jd_audit_row": Call.TRIGGER,
    "jd_audit_statement": Call.TRIGGER,
    "jd_audit_chain": Call.TRIGGER,
    "jd_audit_diff": Call.INTERNAL,
    "jd_audit_hash": Call.INTERNAL,
    "jd_audit_row_scope": Call.INTERNAL,
    "jd_audit_scope": Call.INTERNAL,
    # the voucher ledger (migration 0011)
    "jd_check_vouchers": Action.CHECK_VOUCHERS,  # the rule checks, run by the server
    "jd_voucher_inserted": Call.TRIGGER,
    "jd_voucher_updated": Call.TRIGGER,
    "jd_voucher_violation_clear": Call.TRIGGER,
    # monthly settlement (migration 0019)
    "jd_settlement_mark": Action.GENERATE_SETTLEMENT,  # the vouchers a draft pays
    "jd_settlement_check": Call.INTERNAL,
    "jd_settlement_guard": Call.TRIGGER,
    "jd_settlement_line_guard": Call.TRIGGER,
    "jd_settlement_child_guard": Call.TRIGGER,
    "jd_settlement_totals": Call.TRIGGER,
    # inspections (migration 0022)
    "jd_inspection_guard": Call.TRIGGER,
    "jd_inspection_child_guard": Call.TRIGGER,
    "jd_rectification_order_guard": Call.TRIGGER,
    # inspections' further guards (migration 0023)
    "jd_assignment_guard": Call.TRIGGER,
    "jd_inspection_check": Call.TRIGGER,
    "jd_inspection_item_check": Call.TRIGGER,
    "jd_inspection_photo_stamp": Call.TRIGGER,
    "jd_rectification_order_check": Call.TRIGGER,
    "jd_order_counter_guard": Call.TRIGGER,
    "jd_checklist_guard": Call.TRIGGER,
    # early warning (migration 0027)
    "jd_warning_guard": Call.TRIGGER,
    # early warning's guards hardened (migration 0029)
    "jd_warning_voucher_check": Call.TRIGGER,
    "jd_warning_version_guard": Call.TRIGGER,
    # statistics (migration 0030): distinct citizens, in the caller's own scope
    "jd_statistics_citizens": Action.READ_STATISTICS,
    # a stale edit's refusal (migration 0032): who changed a record the caller reads, and when
    "jd_last_change": Call.STAFF,
}

#: What a login whose initial password is unchanged may read (to log in and change it).
FIRST_LOGIN_READS = ("alembic_version", "app_user", "app_role", "subdistrict")


def roles_of(grant: Grant) -> frozenset[Role]:
    """The roles a grant gives its operations to."""
    if isinstance(grant.by, Everyone):
        return frozenset(Role)
    if isinstance(grant.by, Workflow):
        return frozenset(r for t in grant.by.transitions for r in t.roles)
    return PERMISSIONS[grant.by].roles


def read_grants(table: Table, role: Role) -> list[Grant]:
    return [g for g in table.grants if SEL in g.ops and role in roles_of(g)]


def scope_of(table: Table, grant: Grant, role: Role) -> Scope:
    """The rows ``role`` acts on through ``grant``: its action's scope; a workflow step's role
    acts on the rows it reads."""
    if isinstance(grant.by, Action):
        return PERMISSIONS[grant.by].scope(role)
    if isinstance(grant.by, Workflow):
        scopes = {scope_of(table, g, role) for g in read_grants(table, role)}
        if len(scopes) != 1:
            raise ValueError(f"{grant.by.entity_type}: {role} has no single read scope")
        return scopes.pop()
    return Scope.ALL


def may_touch(table: str, role: Role, op: Op) -> bool:
    """Whether ``role`` has ``op`` on some rows of ``table`` (the matrix's answer)."""
    return any(op in g.ops and role in roles_of(g) for g in TABLES[table].grants)


def function_roles(call: Call | Action) -> frozenset[Role] | None:
    """The roles executing a function; None for trigger and internal functions."""
    if isinstance(call, Action):
        return PERMISSIONS[call].roles
    if call in (Call.STAFF, Call.EVERY_LOGIN):
        return frozenset(Role)
    return None
