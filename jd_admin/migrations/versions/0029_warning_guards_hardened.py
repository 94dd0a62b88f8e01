"""early warning: the server's guards hardened against a login's own SQL

Issue 12 (a hostile try at the early-warning rules as each real login, in plain SQL). No
schema change; PostgreSQL only, binding every login but a superuser:

- ``jd_warning_guard`` (0027's, replaced): a warning's explanation is never blank and a hand-
  filed one's evidence neither (``' '`` passed as evidence); the server writes who raised a
  warning and when (``created_by`` was whatever the login wrote — a warning "raised by" a
  colleague), when its verification started (on open → verifying; never changed after) and
  who closed it and when (``closed_by``, ``closed_at`` were the login's to write — a warning
  "closed by" the approver, in 2020);
- ``jd_warning_voucher_check`` (new, per statement after INSERT on ``warning_voucher``): a
  warning's vouchers are vouchers redeemed at its venue (any open warning could hold any
  venue's vouchers out of settlement), and it is open — read locked, so a step taken at the
  same moment cannot slip a voucher onto a warning under verification (the matrix's grant
  checks the state as of the inserting statement's snapshot only);
- ``jd_warning_version_guard`` (new, before INSERT or UPDATE on ``alert_line`` and
  ``signal_parameter``): never dated in the past — a version taking effect before today
  (Asia/Shanghai) is refused, a version already in effect before today is never changed, and
  an update changes the value only (``daily_limit``, ``params``), not the venue, signal or
  date; the server writes who set a version and when; a signal's parameters are those
  declared for it (:data:`SPECS`, domain/warnings.PARAMETERS as of this revision: names known,
  each a number in range, integral where declared so, none missing) — the administrator's
  login could store ``{"count": "abc"}`` and break every scan. (Python's rule, the services'
  ``set_line``/``set_parameters``: the same day is today or later.)

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None

SUPERUSER = "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
TODAY = "(now() AT TIME ZONE 'Asia/Shanghai')::date"

#: The signals' parameters as declared when this revision was written (name, low, high,
#: integral); a test keeps them equal to domain/warnings.PARAMETERS — a change of the
#: declaration needs a revision of this check.
SPECS: dict[str, tuple[tuple[str, str, str, bool], ...]] = {
    "above_pattern": (("window_days", "7", "90", True), ("k", "1", "20", False),
                      ("min_active_days", "1", "90", True), ("mad_floor", "0", "1000", False),
                      ("min_count", "1", "100000", True)),
    "min_order_cluster": (("band_yuan", "0", "100", False), ("ratio", "1", "100", False),
                          ("min_share_percent", "1", "100", True),
                          ("min_orders", "1", "100000", True)),
    "repeat_citizen": (("max_uses", "1", "1000", True), ("days", "1", "366", True)),
    "outside_hours": (("grace_minutes", "0", "240", True), ("min_count", "1", "100000", True)),
    "above_list_price": (("margin_percent", "0", "1000", True),
                         ("min_count", "1", "100000", True)),
    "burst": (("count", "2", "1000", True), ("minutes", "1", "1440", True)),
}

_SPEC_ROWS = ", ".join(f"('{signal}', '{name}', {low}, {high}, {str(whole).lower()})"
                       for signal, specs in SPECS.items()
                       for name, low, high, whole in specs)
#: The declared parameters as a table (alias ``s``).
SPEC_TABLE = f"(VALUES {_SPEC_ROWS}) AS s(signal, name, low, high, integral)"

#: A number as JSON holds it or as text (the services store decimals as text, exactly:
#: ``Decimal.normalize`` may write an exponent, 10 as ``1E+1``).
NUMBER = r"'^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$'"

GUARD = rf"""
CREATE OR REPLACE FUNCTION jd_warning_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.assigned_to IS NOT NULL OR NEW.started_at IS NOT NULL OR NEW.finding IS NOT NULL
       OR NEW.decision IS NOT NULL OR NEW.rectification_plan_id IS NOT NULL
       OR NEW.venue_suspended OR NEW.closed_by IS NOT NULL OR NEW.closed_at IS NOT NULL THEN
      RAISE EXCEPTION '新的预警须为待核查状态，不能带有核查或处理信息' USING ERRCODE = 'JD422';
    END IF;
    IF btrim(coalesce(NEW.explanation, '')) = '' THEN
      RAISE EXCEPTION '预警须有说明（发现了什么）' USING ERRCODE = 'JD422';
    END IF;
    IF NEW.signal = 'platform_report' AND btrim(coalesce(NEW.evidence, '')) = '' THEN
      RAISE EXCEPTION '人工上报的预警须附证据' USING ERRCODE = 'JD422';
    END IF;
    IF NEW.signal <> 'platform_report' AND NEW.evidence IS NOT NULL THEN
      RAISE EXCEPTION '扫描生成的预警不附证据' USING ERRCODE = 'JD422';
    END IF;
    NEW.created_by := session_user;
    NEW.created_at := now();
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
  IF btrim(coalesce(NEW.explanation, '')) = '' THEN
    RAISE EXCEPTION '预警须有说明（发现了什么）' USING ERRCODE = 'JD422';
  END IF;
  IF NEW.assigned_to IS DISTINCT FROM OLD.assigned_to AND NOT EXISTS (
      SELECT FROM app_user u WHERE u.username = NEW.assigned_to AND u.role = 'bureau_staff'
                               AND u.is_active) THEN
    RAISE EXCEPTION '预警的核查人须为在用的区体育局经办人账户' USING ERRCODE = 'JD422';
  END IF;
  -- when the verification started: the server's clock, at the step, once
  IF OLD.status = 'open' AND NEW.status <> 'open' THEN
    NEW.started_at := now();
  ELSIF NEW.started_at IS DISTINCT FROM OLD.started_at THEN
    RAISE EXCEPTION '预警 % 开始核查的时间由服务器在开始核查时记录，不能填写或更改', OLD.id
      USING ERRCODE = 'JD422';
  END IF;
  IF NEW.status IN ('closed_normal', 'closed_violation') THEN
    IF btrim(coalesce(NEW.finding, '')) = '' THEN
      RAISE EXCEPTION '预警 % 结案须有核查结论', OLD.id USING ERRCODE = 'JD422';
    END IF;
    -- who closed it and when: the login taking the step (jd_workflow_guard: a verifier), now
    NEW.closed_by := session_user;
    NEW.closed_at := now();
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

VOUCHER_CHECK = rf"""
CREATE FUNCTION jd_warning_voucher_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_warning integer;
  v_code text;
BEGIN
  IF {SUPERUSER} THEN RETURN NULL; END IF;
  -- the warnings, locked against a step taken meanwhile (read as last committed)
  PERFORM 1 FROM venue_warning w WHERE w.id IN (SELECT warning_id FROM new_rows)
    ORDER BY w.id FOR SHARE;
  SELECT w.id INTO v_warning FROM venue_warning w
   WHERE w.id IN (SELECT warning_id FROM new_rows) AND w.status <> 'open'
   ORDER BY w.id LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '预警 % 已在核查中或已结案，不能再添加消费券', v_warning
      USING ERRCODE = 'JD422';
  END IF;
  SELECT n.warning_id, v.code INTO v_warning, v_code
    FROM new_rows n JOIN venue_warning w ON w.id = n.warning_id
    JOIN voucher v ON v.id = n.voucher_id
   WHERE v.venue_id IS DISTINCT FROM w.venue_id OR v.redeemed_at IS NULL
   ORDER BY n.warning_id, v.code LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '券 % 不是预警 % 所涉场馆核销的券，不能列入该预警', v_code, v_warning
      USING ERRCODE = 'JD422';
  END IF;
  RETURN NULL;
END $$;
"""

VERSION_GUARD = rf"""
CREATE FUNCTION jd_warning_version_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_today date := {TODAY};
  v_value text := CASE TG_TABLE_NAME WHEN 'alert_line' THEN 'daily_limit' ELSE 'params' END;
  v_what text := CASE TG_TABLE_NAME WHEN 'alert_line' THEN '警戒线' ELSE '预警参数' END;
  v_params jsonb;
  v_name text;
BEGIN
  IF {SUPERUSER} THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.effective_from < v_today THEN
      RAISE EXCEPTION '% 起生效的%已经生效，不能更改：以往的日子按当时的界线判断',
        OLD.effective_from, v_what USING ERRCODE = 'JD422';
    END IF;
    IF (to_jsonb(NEW) - v_value) IS DISTINCT FROM (to_jsonb(OLD) - v_value) THEN
      RAISE EXCEPTION '%的版本只能更改其数值（场馆、信号、生效日期和设置人不能更改）', v_what
        USING ERRCODE = 'JD422';
    END IF;
  ELSE
    NEW.created_by := session_user;
    NEW.created_at := now();
  END IF;
  IF NEW.effective_from < v_today THEN
    RAISE EXCEPTION '%的生效日期不能早于今天（%）', v_what, v_today USING ERRCODE = 'JD422';
  END IF;
  IF TG_TABLE_NAME = 'signal_parameter' THEN
    v_params := to_jsonb(NEW) -> 'params';
    IF jsonb_typeof(v_params) IS DISTINCT FROM 'object' THEN
      RAISE EXCEPTION '预警参数须为参数名及其数值' USING ERRCODE = 'JD422';
    END IF;
    IF NOT EXISTS (SELECT FROM {SPEC_TABLE} WHERE s.signal = NEW.signal) THEN
      RAISE EXCEPTION '预警信号 % 没有可设置的参数（其界线为警戒线）', NEW.signal
        USING ERRCODE = 'JD422';
    END IF;
    SELECT k INTO v_name FROM jsonb_object_keys(v_params) k
     WHERE k NOT IN (SELECT s.name FROM {SPEC_TABLE} WHERE s.signal = NEW.signal)
     ORDER BY k LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION '预警信号 % 没有参数 %', NEW.signal, v_name USING ERRCODE = 'JD422';
    END IF;
    SELECT s.name INTO v_name FROM {SPEC_TABLE}
     WHERE s.signal = NEW.signal AND NOT CASE
       WHEN coalesce(jsonb_typeof(v_params -> s.name), 'absent') NOT IN ('number', 'string')
         OR NOT (v_params ->> s.name) ~ {NUMBER} THEN false
       ELSE (v_params ->> s.name)::numeric BETWEEN s.low AND s.high
         AND (NOT s.integral OR (v_params ->> s.name)::numeric
                                = trunc((v_params ->> s.name)::numeric)) END
     ORDER BY s.name LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION '预警信号 % 的参数 % 缺少或不在允许范围内（须为声明范围内的数）',
        NEW.signal, v_name USING ERRCODE = 'JD422';
    END IF;
  END IF;
  RETURN NEW;
END $$;
"""

TRIGGERS = [
    "CREATE TRIGGER warning_voucher_check AFTER INSERT ON warning_voucher "
    "REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION jd_warning_voucher_check()",
    *(f"CREATE TRIGGER {t}_version_guard BEFORE INSERT OR UPDATE ON {t} "
      f"FOR EACH ROW EXECUTE FUNCTION jd_warning_version_guard()"
      for t in ("alert_line", "signal_parameter")),
]


def _revision(number: str) -> ModuleType:
    path = next(Path(__file__).parent.glob(f"{number}_*.py"))
    spec = importlib.util.spec_from_file_location(f"jd_admin_migration_{number}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GUARD)
    op.execute(VOUCHER_CHECK)
    op.execute(VERSION_GUARD)
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER warning_voucher_check ON warning_voucher")
    for table in ("alert_line", "signal_parameter"):
        op.execute(f"DROP TRIGGER {table}_version_guard ON {table}")
    op.execute("DROP FUNCTION jd_warning_voucher_check()")
    op.execute("DROP FUNCTION jd_warning_version_guard()")
    op.execute(str(_revision("0027").GUARD).replace("CREATE FUNCTION",
                                                    "CREATE OR REPLACE FUNCTION", 1))
