"""early warning: verification, decisions, hand-filed warnings, and the hold on settlement

Issue 12. Both dialects:

- ``venue_warning``: ``evidence`` (a warning filed by hand — the new signal
  ``platform_report``), ``started_at`` (verification), ``rectification_plan_id`` and
  ``venue_suspended`` (a violation's decisions besides the deduction); a warning under
  verification or decided names its verifier (``verifier``);
- ``settlement_exclusion.reason``: a voucher is left out while a warning on it is undecided
  (``under_warning``) and for good once one is closed as a violation (``warning_violation``).

PostgreSQL:

- ``jd_warning_guard`` (before INSERT and UPDATE of ``venue_warning``): a warning is raised
  open and undecided; what it is about (venue, signal, day, evidence, who raised it) never
  changes; its figures change only while it is open; the verifier is an active member of the
  bureau's staff; a decided warning changes no more; decisions come with the closing as a
  violation. (Vouchers are added only to open warnings: the matrix's grant, by state.)
- ``jd_audit_scope`` (0022's): a service's note on a warning is filed under its venue's 街镇;
- ``jd_settlement_check`` (0019's) also refuses to verify a settlement paying a voucher under
  an undecided warning or one closed as a violation, and does not ask for the held vouchers
  among the month's valid ones.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None

SIGNALS_BEFORE = ("daily_above_line", "above_pattern", "min_order_cluster", "repeat_citizen",
                  "outside_hours", "above_list_price", "burst")
SIGNALS = (*SIGNALS_BEFORE, "platform_report")
REASONS_BEFORE = ("no_venue", "not_redeemable", "unchecked", "flagged")
REASONS = (*REASONS_BEFORE, "under_warning", "warning_violation")

SUPERUSER = "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"

GUARD = rf"""
CREATE FUNCTION jd_warning_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.assigned_to IS NOT NULL OR NEW.started_at IS NOT NULL OR NEW.finding IS NOT NULL
       OR NEW.decision IS NOT NULL OR NEW.rectification_plan_id IS NOT NULL
       OR NEW.venue_suspended OR NEW.closed_by IS NOT NULL OR NEW.closed_at IS NOT NULL THEN
      RAISE EXCEPTION '新的预警须为待核查状态，不能带有核查或处理信息' USING ERRCODE = 'JD422';
    END IF;
    IF (NEW.signal = 'platform_report') <> (NEW.evidence IS NOT NULL) THEN
      RAISE EXCEPTION '人工上报的预警须附证据，扫描生成的预警不附' USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW.venue_id, NEW.signal, NEW.day, NEW.period_end, NEW.evidence, NEW.created_by,
      NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.venue_id, OLD.signal, OLD.day, OLD.period_end, OLD.evidence,
                       OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION '预警 % 的场馆、信号、日期和上报信息不能更改', OLD.id USING ERRCODE = 'JD422';
  END IF;
  IF OLD.status IN ('closed_normal', 'closed_violation') THEN
    IF (to_jsonb(NEW) - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'version') THEN
      RAISE EXCEPTION '预警 % 已结案，不能再更改', OLD.id USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status <> 'open' AND (NEW.figures::jsonb, NEW.explanation)
     IS DISTINCT FROM (OLD.figures::jsonb, OLD.explanation) THEN
    RAISE EXCEPTION '预警 % 已在核查中，其数据不能再更新', OLD.id USING ERRCODE = 'JD422';
  END IF;
  IF NEW.assigned_to IS DISTINCT FROM OLD.assigned_to AND NOT EXISTS (
      SELECT FROM app_user u WHERE u.username = NEW.assigned_to AND u.role = 'bureau_staff'
                               AND u.is_active) THEN
    RAISE EXCEPTION '预警的核查人须为在用的区体育局经办人账户' USING ERRCODE = 'JD422';
  END IF;
  IF NEW.status IN ('closed_normal', 'closed_violation') THEN
    IF btrim(coalesce(NEW.finding, '')) = '' OR NEW.closed_by IS NULL
       OR NEW.closed_at IS NULL THEN
      RAISE EXCEPTION '预警 % 结案须有核查结论、结案人和时间', OLD.id USING ERRCODE = 'JD422';
    END IF;
  ELSE
    IF NEW.finding IS NOT NULL OR NEW.closed_by IS NOT NULL OR NEW.closed_at IS NOT NULL THEN
      RAISE EXCEPTION '预警 % 尚未结案，不能填写结论', OLD.id USING ERRCODE = 'JD422';
    END IF;
  END IF;
  IF NEW.status <> 'closed_violation' AND (NEW.rectification_plan_id IS NOT NULL
      OR NEW.venue_suspended OR NEW.decision IS NOT NULL) THEN
    RAISE EXCEPTION '只有确认违规的预警才有处理决定' USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
"""

TRIGGER = ("CREATE TRIGGER venue_warning_guard BEFORE INSERT OR UPDATE ON venue_warning "
           "FOR EACH ROW EXECUTE FUNCTION jd_warning_guard()")

#: 0019's check, and what this revision adds to it.
HELD = ("EXISTS (SELECT FROM warning_voucher wv JOIN venue_warning w ON w.id = wv.warning_id "
        "WHERE wv.voucher_id = v.id AND w.status IN ('open', 'verifying', 'closed_violation'))")
CHECK_ITEMS = ("""        WHEN EXISTS (SELECT FROM voucher_violation f WHERE f.voucher_id = v.id
                        AND f.cleared_at IS NULL AND f.withdrawn_at IS NULL)
          THEN '有未解除的规则标记'
""", f"""        WHEN EXISTS (SELECT FROM voucher_violation f WHERE f.voucher_id = v.id
                        AND f.cleared_at IS NULL AND f.withdrawn_at IS NULL)
          THEN '有未解除的规则标记'
        WHEN {HELD}
          THEN '所涉预警尚未结案或已确认违规'
""")
CHECK_FORGOTTEN = ("""     AND v.batch_id NOT IN (SELECT batch_id FROM voucher_batch_check_pending)
   LIMIT 1;""", f"""     AND v.batch_id NOT IN (SELECT batch_id FROM voucher_batch_check_pending)
     AND NOT {HELD}
   LIMIT 1;""")


def _revision(number: str) -> ModuleType:
    path = next(Path(__file__).parent.glob(f"{number}_*.py"))
    spec = importlib.util.spec_from_file_location(f"jd_admin_migration_{number}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _settlement_check(with_warnings: bool) -> str:
    """0019's ``jd_settlement_check``, with the warnings' hold (``with_warnings``) or as it
    was."""
    functions: str = _revision("0019").FUNCTIONS
    body = functions[functions.index("CREATE FUNCTION jd_settlement_check("):
                     functions.index("CREATE FUNCTION jd_settlement_mark(")]
    body = body.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
    if with_warnings:
        for old, new in (CHECK_ITEMS, CHECK_FORGOTTEN):
            assert body.count(old) == 1, old
            body = body.replace(old, new)
    return body


def _audit_scope(with_warnings: bool) -> str:
    """0022's ``jd_audit_scope`` (the 街镇 of a service's audit note), with warnings in their
    venue's (``with_warnings``) or as it was."""
    revision = _revision("0022")
    more: str = revision.SCOPE_BY_VENUE
    if with_warnings:
        more += ("\n    WHEN 'venue_warning' THEN (SELECT v.subdistrict_id FROM venue_warning x"
                 "\n                     JOIN venue v ON v.id = x.venue_id "
                 "WHERE x.id = p_id::bigint)")
    return str(revision.SCOPE).replace("{more}", more)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _checks(signals: tuple[str, ...], reasons: tuple[str, ...]) -> None:
    with op.batch_alter_table('venue_warning', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_venue_warning_signal'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_venue_warning_signal'),
                                         _in("signal", signals))
    with op.batch_alter_table('settlement_exclusion', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_settlement_exclusion_reason'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_settlement_exclusion_reason'),
                                         _in("reason", reasons))


def upgrade() -> None:
    with op.batch_alter_table('venue_warning', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('started_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('rectification_plan_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('venue_suspended', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.create_foreign_key(
            batch_op.f('fk_venue_warning_rectification_plan_id_inspection_plan'),
            'inspection_plan', ['rectification_plan_id'], ['id'])
        batch_op.create_check_constraint(batch_op.f('ck_venue_warning_verifier'),
                                         "status = 'open' OR assigned_to IS NOT NULL")
    _checks(SIGNALS, REASONS)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARD)
        op.execute(TRIGGER)
        op.execute(_settlement_check(with_warnings=True))
        op.execute(_audit_scope(with_warnings=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_settlement_check(with_warnings=False))
        op.execute(_audit_scope(with_warnings=False))
        op.execute("DROP TRIGGER venue_warning_guard ON venue_warning")
        op.execute("DROP FUNCTION jd_warning_guard()")
    op.execute(sa.text("DELETE FROM settlement_exclusion "
                       "WHERE reason IN ('under_warning', 'warning_violation')"))
    op.execute(sa.text("DELETE FROM warning_voucher WHERE warning_id IN "
                       "(SELECT id FROM venue_warning WHERE signal = 'platform_report')"))
    op.execute(sa.text("DELETE FROM venue_warning WHERE signal = 'platform_report'"))
    _checks(SIGNALS_BEFORE, REASONS_BEFORE)
    with op.batch_alter_table('venue_warning', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_venue_warning_verifier'), type_='check')
        batch_op.drop_constraint(
            batch_op.f('fk_venue_warning_rectification_plan_id_inspection_plan'),
            type_='foreignkey')
        batch_op.drop_column('venue_suspended')
        batch_op.drop_column('rectification_plan_id')
        batch_op.drop_column('started_at')
        batch_op.drop_column('evidence')
