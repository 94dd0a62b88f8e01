"""Who may do what: one declaration of every action, the roles that may take it and on which rows.

Services call ``require(actor, Action.X)`` (``services/actor.py``), the GUI asks
``may(role, Action.X)`` to show or hide a control, the CLI goes through the services. Workflow
steps are declared with their workflow (``domain/workflow.py``). To change who may do something,
change its line here.

The system actor — the command line run by whoever holds the database itself (the SQLite file's
owner, the PostgreSQL DBA) — may take every action: it can change the data directly anyway, and
what it does is recorded under its own name.

Scope says on which rows a role acts: every row, its own subdistrict's (the subdistrict role is
bound to one 街镇), the venues assigned to it, or its own records (an inspector's: the rows of
the inspection assignments made to it).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jd_admin.domain.roles import Role
from jd_admin.domain.text import Text, _


class Scope(enum.StrEnum):
    ALL = "all"
    OWN_SUBDISTRICT = "own_subdistrict"
    ASSIGNED = "assigned"
    OWN = "own"


@dataclass(frozen=True)
class Permission:
    roles: frozenset[Role]
    label: Text  # the verb in "当前角色（…）无权{label}"
    scopes: Mapping[Role, Scope] = field(default_factory=dict)

    def scope(self, role: Role) -> Scope:
        return self.scopes.get(role, Scope.ALL)


class Action(enum.StrEnum):
    # accounts
    LIST_USERS = "accounts.list"
    CREATE_USER = "accounts.create"
    RESET_PASSWORD = "accounts.reset_password"
    ENABLE_USER = "accounts.enable"
    UNLOCK_USER = "accounts.unlock"
    LOAD_DEMO = "accounts.demo_data"
    # recruitment
    MANAGE_CALLS = "recruitment.manage_calls"
    READ_DRAFT_CALLS = "recruitment.read_draft_calls"
    READ_APPLICATIONS = "recruitment.read_applications"
    RECORD_APPLICATION = "recruitment.record_application"
    EDIT_APPLICATION = "recruitment.edit_application"
    MANAGE_ATTACHMENTS = "recruitment.manage_attachments"
    # register
    READ_REGISTER = "register.read"
    READ_BANK_DETAILS = "register.read_bank_details"
    DESIGNATE_VENUES = "register.designate"
    READ_FILED_COACHES = "register.read_filed_coaches"
    EXPORT_REGISTER = "register.export"
    # agreements
    SET_PARTIES = "agreements.set_parties"
    READ_AGREEMENTS = "agreements.read"
    READ_AGREEMENT_SCANS = "agreements.read_scans"
    DRAFT_AGREEMENT = "agreements.draft"
    RECORD_SIGNATURES = "agreements.record_signatures"
    EXPIRE_AGREEMENTS = "agreements.expire"
    # vouchers
    READ_VOUCHERS = "vouchers.read"
    IMPORT_VOUCHERS = "vouchers.import"
    CHECK_VOUCHERS = "vouchers.check"
    CLEAR_FLAG = "vouchers.clear_flag"
    EDIT_RULE_TABLES = "vouchers.edit_rules"
    MANAGE_BATCHES = "vouchers.manage_batches"
    # monthly settlement (its steps: domain/settlement.py)
    GENERATE_SETTLEMENT = "settlement.generate"
    READ_SETTLEMENTS = "settlement.read"
    ADJUST_SETTLEMENT = "settlement.adjust"
    RECORD_PAYMENT = "settlement.record_payment"
    # inspections (its steps: domain/inspections.py)
    MANAGE_CHECKLISTS = "inspections.manage_checklists"
    PLAN_INSPECTIONS = "inspections.plan"
    RECORD_INSPECTIONS = "inspections.record"
    READ_INSPECTIONS = "inspections.read"
    MANAGE_ORDERS = "inspections.manage_orders"
    MANAGE_TRAINING = "inspections.manage_training"
    READ_TRAINING = "inspections.read_training"
    # early warning (its steps: domain/warnings.py)
    MANAGE_ALERT_LINES = "warnings.manage_alert_lines"
    READ_WARNINGS = "warnings.read"
    SCAN_WARNINGS = "warnings.scan"
    VERIFY_WARNINGS = "warnings.verify"
    FILE_WARNINGS = "warnings.file"
    # statistics (DOMAIN.md process 4: the dashboard and the evaluation figures)
    READ_STATISTICS = "statistics.read"
    REFRESH_STATISTICS = "statistics.refresh"
    # statistics and benefit evaluation
    RUN_WHATIF = "statistics.whatif"
    # audit trail
    READ_AUDIT = "audit.read"
    READ_OWN_AUDIT = "audit.read_own"


def _p(roles: Iterable[Role], label: Text, **scopes: Scope) -> Permission:
    return Permission(frozenset(roles), label, {Role(r): s for r, s in scopes.items()})


ADMIN = (Role.ADMIN,)
BUREAU = (Role.BUREAU_STAFF,)
SUBDISTRICT = (Role.SUBDISTRICT,)
OFFICE = (Role.BUREAU_STAFF, Role.BUREAU_APPROVER, Role.ADMIN)  # the bureau's own desks
OWN = Scope.OWN_SUBDISTRICT

PERMISSIONS: Mapping[Action, Permission] = {
    Action.LIST_USERS: _p(ADMIN, _("查看用户列表")),
    Action.CREATE_USER: _p(ADMIN, _("创建用户")),
    Action.RESET_PASSWORD: _p(ADMIN, _("重置密码")),
    Action.ENABLE_USER: _p(ADMIN, _("启用或停用用户")),
    Action.UNLOCK_USER: _p(ADMIN, _("解锁用户")),
    Action.LOAD_DEMO: _p(ADMIN, _("生成演示数据")),

    Action.MANAGE_CALLS: _p(BUREAU, _("管理招募公告")),
    Action.READ_DRAFT_CALLS: _p(BUREAU, _("查看未发布的招募公告")),
    Action.READ_APPLICATIONS: _p((*SUBDISTRICT, *OFFICE), _("查看场馆自荐申请"),
                                 subdistrict=OWN),
    Action.RECORD_APPLICATION: _p(SUBDISTRICT, _("登记场馆自荐申请"), subdistrict=OWN),
    Action.EDIT_APPLICATION: _p(SUBDISTRICT, _("修改场馆自荐申请"), subdistrict=OWN),
    Action.MANAGE_ATTACHMENTS: _p(SUBDISTRICT, _("上传或删除申请材料"), subdistrict=OWN),

    Action.READ_REGISTER: _p(tuple(Role), _("查看定点场馆名录"), subdistrict=OWN),
    Action.EXPORT_REGISTER: _p(OFFICE, _("导出定点场馆名录")),
    Action.READ_BANK_DETAILS: _p((*OFFICE, Role.SUBDISTRICT), _("查看场馆的银行账户和法定代表人"),
                                subdistrict=OWN),
    Action.DESIGNATE_VENUES: _p(BUREAU, _("将审定通过的场馆登记入名录")),
    # the coaches filed with a venue's application (personal data: names, certificate
    # numbers): the bureau, the venue's own subdistrict and the inspectors it is assigned to
    Action.READ_FILED_COACHES: _p((*OFFICE, Role.SUBDISTRICT, Role.INSPECTOR),
                                  _("查看场馆备案的教练"),
                                  subdistrict=OWN, inspector=Scope.ASSIGNED),

    Action.SET_PARTIES: _p(ADMIN, _("设置协议当事方")),
    Action.READ_AGREEMENTS: _p((*OFFICE, Role.SUBDISTRICT, Role.OPERATOR, Role.INSPECTOR),
                               _("查看三方协议"),
                               subdistrict=OWN),
    Action.READ_AGREEMENT_SCANS: _p((*OFFICE, Role.SUBDISTRICT), _("查看协议签署扫描件"),
                                   subdistrict=OWN),
    Action.DRAFT_AGREEMENT: _p(BUREAU, _("生成或续签三方协议")),
    Action.RECORD_SIGNATURES: _p(BUREAU, _("登记协议签署情况")),
    Action.EXPIRE_AGREEMENTS: _p(BUREAU, _("将到期协议标记为已到期")),

    Action.READ_VOUCHERS: _p((Role.OPERATOR, *OFFICE), _("查看消费券数据")),
    Action.IMPORT_VOUCHERS: _p((Role.OPERATOR,), _("导入消费券数据")),
    Action.CHECK_VOUCHERS: _p((Role.OPERATOR, Role.BUREAU_STAFF), _("重新检查消费券")),
    Action.CLEAR_FLAG: _p(BUREAU, _("解除消费券的规则标记")),
    Action.EDIT_RULE_TABLES: _p(ADMIN, _("修改消费券规则表")),
    Action.MANAGE_BATCHES: _p(BUREAU, _("管理发放批次")),

    Action.GENERATE_SETTLEMENT: _p((Role.OPERATOR, Role.BUREAU_STAFF), _("生成月度结算")),
    Action.READ_SETTLEMENTS: _p((Role.OPERATOR, *OFFICE), _("查看月度结算")),
    Action.ADJUST_SETTLEMENT: _p(BUREAU, _("在结算中增加调整行")),
    Action.RECORD_PAYMENT: _p(BUREAU, _("登记结算拨付")),

    Action.MANAGE_CHECKLISTS: _p((Role.ADMIN, Role.BUREAU_STAFF), _("管理巡查检查表")),
    Action.PLAN_INSPECTIONS: _p(BUREAU, _("制定巡查计划")),
    # an inspector records for the assignments made to it (Scope.OWN: its own assignments)
    Action.RECORD_INSPECTIONS: _p((Role.INSPECTOR, *BUREAU), _("登记巡查记录"),
                                  inspector=Scope.OWN),
    Action.READ_INSPECTIONS: _p((*OFFICE, Role.SUBDISTRICT, Role.INSPECTOR), _("查看巡查记录"),
                                subdistrict=OWN, inspector=Scope.OWN),
    Action.MANAGE_ORDERS: _p((Role.INSPECTOR, *BUREAU), _("跟进整改通知"),
                             inspector=Scope.OWN),
    Action.MANAGE_TRAINING: _p(BUREAU, _("管理场馆培训")),
    Action.READ_TRAINING: _p((*OFFICE, Role.SUBDISTRICT), _("查看场馆培训"), subdistrict=OWN),

    Action.MANAGE_ALERT_LINES: _p(ADMIN, _("设置警戒线和预警参数")),
    # the bureau reads every warning, a subdistrict its own venues', the operator (which
    # monitors the platform and scans) all of them
    Action.READ_WARNINGS: _p((*OFFICE, Role.SUBDISTRICT, Role.OPERATOR), _("查看预警"),
                             subdistrict=OWN),
    Action.SCAN_WARNINGS: _p((Role.OPERATOR, Role.BUREAU_STAFF), _("扫描预警")),
    Action.VERIFY_WARNINGS: _p(BUREAU, _("核查预警")),
    # a warning filed by hand with its evidence: the operator's own monitoring of the platform,
    # or the bureau (a complaint, a tip-off)
    Action.FILE_WARNINGS: _p((Role.OPERATOR, Role.BUREAU_STAFF), _("上报预警")),

    # the aggregate figures (no voucher, no citizen): the bureau and the operator all of them,
    # a subdistrict its own venues' (claims are made on the platform, in no 街镇: the district's)
    Action.READ_STATISTICS: _p((*OFFICE, Role.SUBDISTRICT, Role.OPERATOR), _("查看统计分析"),
                               subdistrict=OWN),
    # rebuilding the aggregate from the ledger: whoever writes the ledger (the import) and the
    # bureau's staff (whose settlement verification changes what is settled)
    Action.REFRESH_STATISTICS: _p((Role.OPERATOR, Role.BUREAU_STAFF), _("更新统计数据")),
    # the what-if re-judges the period's vouchers (read only): a policy question for the
    # bureau's desks, not the operator's
    Action.RUN_WHATIF: _p(OFFICE, _("进行规则调整测算")),

    Action.READ_AUDIT: _p((*OFFICE, Role.SUBDISTRICT), _("查看审计日志"), subdistrict=OWN),
    # everybody reads the trail of their own actions (in SQL; the audit page is READ_AUDIT's)
    Action.READ_OWN_AUDIT: _p(tuple(Role), _("查看本人操作的审计记录"),
                              **{r.value: Scope.OWN for r in Role}),
}


def may(role: Role, action: Action, *, system: bool = False) -> bool:
    """Whether ``role`` may take ``action`` (the system actor may take every action)."""
    return system or role in PERMISSIONS[action].roles


def scope(role: Role, action: Action) -> Scope:
    return PERMISSIONS[action].scope(role)
