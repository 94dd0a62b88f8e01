"""monthly settlement

Issue 10 (items 1 to 4, the database's part). Both dialects: the tables ``settlement`` (one per
month: ``month`` unique), ``settlement_line`` (a venue's line, or an adjustment of a line of an
earlier approved month — the only line with negative amounts), ``settlement_item`` (the vouchers
a line pays; a voucher once: its id is the key) and ``settlement_exclusion`` (the month's vouchers
left out, with the reason); CHECK constraints: four eyes (the approver is not the verifier), the
stamps of each state, a paid line has its date and bank reference, negative amounts only in
adjustments; an index on the vouchers in a settlement; the steps of the two workflows in
``workflow_step``.

PostgreSQL only, binding every login but a superuser:

- ``settlement`` (trigger ``settlement_guard``): a new one is a draft of a month that has ended,
  without verification, approval or payment; the server writes who generated, verified,
  approved it and when (session_user, now()); whoever verified it cannot approve it (four
  eyes, refused with the login's name); verification needs the settlement to be sound
  (``jd_settlement_check``: every item a voucher of the month — or carried over from a settled
  month —, marked, without an open flag, checked by the server (as ``voucher_checked``: no
  pending citizen or batch), on the line of its venue; every
  valid voucher of the month paid or listed as excluded; every line equal to the sums of its
  vouchers); approval needs every line to have a bank account; a return to draft needs a reason
  and no line paid, and clears the verification and approval; the settlement is paid only when
  every line is; a verified, approved or paid settlement changes only by its steps; nothing is
  deleted;
- ``settlement_line`` (``settlement_line_guard``): inserted and deleted only in a draft, unpaid,
  with the register's bank details taken by the server (and ``no_bank_account`` set by it, for
  every writer); an
  adjustment corrects a line of the same venue in an approved or paid settlement of an earlier
  month; frozen once the settlement is verified; paid (the line workflow's step) only while the
  settlement is approved, with a date and a reference, the server writing who and when;
- ``settlement_item``, ``settlement_exclusion`` (``settlement_child_guard``, per statement):
  written and deleted only while their settlement is a draft, never updated;
- the settlement's totals equal the sums of its lines: a constraint trigger deferred to the
  commit (``jd_settlement_totals``), binding superusers too;
- ``jd_settlement_mark(settlement)`` (SECURITY DEFINER, EXECUTE for the roles generating
  settlements): sets ``voucher.settlement_id`` of the draft's items (and clears it of vouchers
  no longer in it) — the voucher guard of 0011 refuses every app login that — then checks the
  draft (``jd_settlement_check``);
- ``jd_voucher_updated`` (0011's voucher guard): its pending marks are planned at each firing
  (EXECUTE), so marking a month's vouchers does not run a plan made for a few rows;
- audit triggers: per row on ``settlement`` and ``settlement_line``, per statement on the items
  and exclusions (a month's vouchers at once); the initial-state and step guards of the two
  workflows.

Grants and row security come from the permission matrix (``jd_admin/domain/access.py``).

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 23:30:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

#: The declared steps (jd_admin/domain/settlement.py; a test keeps both equal).
SETTLEMENT_STEPS = [
    ("settlement", "approved", "draft", "bureau_approver"),
    ("settlement", "approved", "paid", "bureau_staff"),
    ("settlement", "draft", "verified", "bureau_staff"),
    ("settlement", "verified", "approved", "bureau_approver"),
    ("settlement", "verified", "draft", "bureau_approver"),
    ("settlement", "verified", "draft", "bureau_staff"),
    ("settlement_line", "unpaid", "paid", "bureau_staff"),
]
#: (table, entity type, initial state) for the initial-state guard of 0009.
INITIAL_STATES = (("settlement", "settlement", "draft"),
                  ("settlement_line", "settlement_line", "unpaid"))
ROW_AUDITED = ("settlement",)
STATEMENT_AUDITED = {"settlement_line": "id", "settlement_item": "voucher_id",
                     "settlement_exclusion": "settlement_id,voucher_id"}

SUPERUSER = "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
SETTLED = "('verified', 'approved', 'paid')"
MONTH_START = "(s.month::timestamp AT TIME ZONE 'Asia/Shanghai')"
MONTH_END = "((s.month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')"

FUNCTIONS = rf"""
CREATE FUNCTION jd_settlement_check(p_settlement integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_month text;
  v_code text;
  v_problem text;
  v_line text;
  v_start timestamptz;
  v_end timestamptz;
BEGIN
  SELECT to_char(month, 'YYYY-MM') INTO v_month FROM settlement WHERE id = p_settlement;
  -- every item: a voucher of the month (or carried over from a settled month), valid, marked
  SELECT x.code, x.problem INTO v_code, v_problem FROM (
    SELECT v.code, CASE
        WHEN v.settlement_id IS DISTINCT FROM p_settlement THEN '未标记为本结算的券'
        WHEN l.settlement_id <> p_settlement OR l.kind <> 'regular'
          OR l.venue_id IS DISTINCT FROM v.venue_id THEN '不在其核销场馆的结算行中'
        WHEN v.redeemed_at IS NULL THEN '尚未核销'
        WHEN i.carried_from IS NULL
          AND NOT (v.redeemed_at >= {MONTH_START} AND v.redeemed_at < {MONTH_END})
          THEN '不是本月核销的券'
        WHEN i.carried_from IS NOT NULL AND (i.carried_from >= s.month
          OR i.carried_from <> date_trunc('month', v.use_day)::date
          OR NOT EXISTS (SELECT FROM settlement c WHERE c.month = i.carried_from
                                                   AND c.status IN {SETTLED}))
          THEN '结转来源月份不符（须为已核定的以前月份）'
        WHEN EXISTS (SELECT FROM voucher_violation f WHERE f.voucher_id = v.id
                        AND f.cleared_at IS NULL AND f.withdrawn_at IS NULL)
          THEN '有未解除的规则标记'
        WHEN v.citizen_id IN (SELECT citizen_id FROM voucher_check_pending)
          OR v.batch_id IN (SELECT batch_id FROM voucher_batch_check_pending)
          THEN '服务器尚未检查该券的当前版本'
        ELSE '' END AS problem
      FROM settlement_item i
      JOIN settlement s ON s.id = i.settlement_id
      JOIN settlement_line l ON l.id = i.line_id
      JOIN voucher v ON v.id = i.voucher_id
     WHERE i.settlement_id = p_settlement) x
   WHERE x.problem <> '' LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '% 的结算不能核定：券 % %', v_month, v_code, v_problem USING ERRCODE = 'JD422';
  END IF;
  SELECT v.code INTO v_code FROM voucher v
   WHERE v.settlement_id = p_settlement
     AND NOT EXISTS (SELECT FROM settlement_item i WHERE i.voucher_id = v.id
                                                    AND i.settlement_id = p_settlement)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '% 的结算不能核定：券 % 标记为本结算却不在任何结算行中', v_month, v_code
      USING ERRCODE = 'JD422';
  END IF;
  -- nothing valid of the month forgotten: paid here or listed as excluded
  SELECT {MONTH_START}, {MONTH_END} INTO v_start, v_end
    FROM settlement s WHERE s.id = p_settlement;
  SELECT v.code INTO v_code FROM voucher v
   WHERE v.redeemed_at >= v_start AND v.redeemed_at < v_end
     AND v.settlement_id IS NULL AND v.venue_id IS NOT NULL
     AND v.id NOT IN (SELECT e.voucher_id FROM settlement_exclusion e
                       WHERE e.settlement_id = p_settlement)
     AND NOT EXISTS (SELECT FROM voucher_violation f WHERE f.voucher_id = v.id
                        AND f.cleared_at IS NULL AND f.withdrawn_at IS NULL)
     AND v.citizen_id NOT IN (SELECT citizen_id FROM voucher_check_pending)
     AND v.batch_id NOT IN (SELECT batch_id FROM voucher_batch_check_pending)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '% 的结算不能核定：有效的券 % 既未计入也未列为不计入（请重新生成）',
      v_month, v_code USING ERRCODE = 'JD422';
  END IF;
  -- every venue line is the sum of its vouchers
  SELECT l.venue_name INTO v_line FROM settlement_line l
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, count(i.carried_from) AS carried,
             coalesce(sum(v.face_value), 0) AS face, coalesce(sum(v.subsidy), 0) AS subsidy,
             coalesce(sum(v.concession), 0) AS concession,
             coalesce(sum(v.order_amount), 0) AS orders,
             coalesce(sum(v.paid_amount), 0) AS paid
        FROM settlement_item i JOIN voucher v ON v.id = i.voucher_id
       WHERE i.line_id = l.id) a ON true
   WHERE l.settlement_id = p_settlement AND l.kind = 'regular'
     AND (l.voucher_count, l.carried_count, l.face_total, l.subsidy, l.concession,
          l.order_total, l.citizen_paid)
         IS DISTINCT FROM (a.n, a.carried, a.face, a.subsidy, a.concession, a.orders, a.paid)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '% 的结算不能核定：“%”一行的数字与其消费券之和不符', v_month, v_line
      USING ERRCODE = 'JD422';
  END IF;
END $$;

CREATE FUNCTION jd_settlement_mark(p_settlement integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE n integer;
BEGIN
  PERFORM 1 FROM settlement WHERE id = p_settlement AND status = 'draft' FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION '结算 % 不存在或已核定，不能再计入消费券', p_settlement
      USING ERRCODE = 'JD422';
  END IF;
  UPDATE voucher v SET settlement_id = NULL
   WHERE v.settlement_id = p_settlement
     AND NOT EXISTS (SELECT FROM settlement_item i WHERE i.voucher_id = v.id
                                                    AND i.settlement_id = p_settlement);
  UPDATE voucher v SET settlement_id = p_settlement
    FROM settlement_item i
   WHERE i.settlement_id = p_settlement AND i.voucher_id = v.id AND v.settlement_id IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM jd_settlement_check(p_settlement);
  RETURN n;
END $$;

CREATE FUNCTION jd_settlement_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_month text := to_char(coalesce(NEW.month, OLD.month), 'YYYY-MM');
  v_steps text[] := ARRAY['status', 'verified_by', 'verified_at', 'approved_by', 'approved_at',
                          'paid_at', 'return_reason', 'version', 'updated_at'];
  v_stamps text[] := ARRAY['version', 'updated_at'];
  v_venue text;
BEGIN
  IF {SUPERUSER} THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% 的结算不能删除', v_month USING ERRCODE = 'JD422';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF num_nonnulls(NEW.verified_by, NEW.verified_at, NEW.approved_by, NEW.approved_at,
                    NEW.paid_at) > 0 THEN
      RAISE EXCEPTION '新的结算不能带有核定、审批或拨付信息' USING ERRCODE = 'JD422';
    END IF;
    IF NEW.month <> date_trunc('month', NEW.month)::date THEN
      RAISE EXCEPTION '结算月份须为该月第一天（不是 %）', NEW.month USING ERRCODE = '22023';
    END IF;
    IF NEW.month >= date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date THEN
      RAISE EXCEPTION '% 尚未结束，月份结束后才能生成结算', v_month USING ERRCODE = '22023';
    END IF;
    NEW.generated_by := session_user;
    NEW.generated_at := now();
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW.month <> OLD.month THEN
    RAISE EXCEPTION '结算的月份不能更改（%）', v_month USING ERRCODE = 'JD422';
  END IF;
  IF NEW.status = OLD.status THEN
    IF OLD.status <> 'draft' THEN
      IF (to_jsonb(NEW) - v_stamps) IS DISTINCT FROM (to_jsonb(OLD) - v_stamps) THEN
        RAISE EXCEPTION '% 的结算已%，不能修改（更正须在以后月份的结算中增加调整行）',
          v_month, CASE OLD.status WHEN 'verified' THEN '核定' WHEN 'approved' THEN '审批'
                   ELSE '拨付' END USING ERRCODE = 'JD422';
      END IF;
      RETURN NEW;
    END IF;
    -- a draft regenerated (by the roles generating settlements: GENERATE_SETTLEMENT of
    -- domain/permissions.py): the server stamps who and when; the steps' columns stay
    IF NOT (pg_has_role(session_user, 'jd_operator', 'MEMBER')
            OR pg_has_role(session_user, 'jd_bureau_staff', 'MEMBER')) THEN
      RAISE EXCEPTION '只有生成结算的角色能修改 % 的结算草稿', v_month USING ERRCODE = '42501';
    END IF;
    IF (NEW.verified_by, NEW.verified_at, NEW.approved_by, NEW.approved_at, NEW.paid_at,
        NEW.return_reason)
       IS DISTINCT FROM (OLD.verified_by, OLD.verified_at, OLD.approved_by, OLD.approved_at,
                         OLD.paid_at, OLD.return_reason) THEN
      RAISE EXCEPTION '核定、审批、退回和拨付信息只能由相应步骤写入' USING ERRCODE = 'JD422';
    END IF;
    NEW.generated_by := session_user;
    NEW.generated_at := now();
    RETURN NEW;
  END IF;
  -- a step (jd_workflow_guard says whether this login may take it)
  IF (to_jsonb(NEW) - v_steps) IS DISTINCT FROM (to_jsonb(OLD) - v_steps) THEN
    RAISE EXCEPTION '% 的结算变更状态时不能同时修改其内容', v_month USING ERRCODE = 'JD422';
  END IF;
  IF OLD.status = 'draft' AND NEW.status = 'verified' THEN
    PERFORM jd_settlement_check(OLD.id);
    NEW.verified_by := session_user;
    NEW.verified_at := now();
    NEW.approved_by := NULL;
    NEW.approved_at := NULL;
  ELSIF OLD.status = 'verified' AND NEW.status = 'approved' THEN
    IF OLD.verified_by = session_user THEN
      RAISE EXCEPTION '四眼原则：% 核定了 % 的结算，不能再审批它', session_user, v_month
        USING ERRCODE = '42501';
    END IF;
    SELECT venue_name INTO v_venue FROM settlement_line
     WHERE settlement_id = OLD.id AND no_bank_account ORDER BY venue_name LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION '% 的结算中“%”没有银行账户：在名录中补全并重新生成后才能审批',
        v_month, v_venue USING ERRCODE = 'JD422';
    END IF;
    NEW.approved_by := session_user;
    NEW.approved_at := now();
  ELSIF NEW.status = 'draft' THEN
    IF coalesce(btrim(NEW.return_reason), '') = '' THEN
      RAISE EXCEPTION '请填写退回 % 结算的原因', v_month USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT FROM settlement_line WHERE settlement_id = OLD.id AND status = 'paid') THEN
      RAISE EXCEPTION '% 的结算已有场馆拨付，不能退回', v_month USING ERRCODE = 'JD422';
    END IF;
    NEW.return_reason := btrim(NEW.return_reason);
    NEW.verified_by := NULL;
    NEW.verified_at := NULL;
    NEW.approved_by := NULL;
    NEW.approved_at := NULL;
  ELSIF NEW.status = 'paid' THEN
    IF EXISTS (SELECT FROM settlement_line WHERE settlement_id = OLD.id AND status <> 'paid') THEN
      RAISE EXCEPTION '% 的结算还有场馆未拨付', v_month USING ERRCODE = 'JD422';
    END IF;
    NEW.paid_at := now();
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION jd_settlement_line_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_status text;
  v_month date;
  v_label text;
  v_payment text[] := ARRAY['status', 'paid_on', 'payment_reference', 'paid_by', 'paid_at'];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- the register's bank details, as the server reads them (for every writer)
    SELECT bank_name, bank_account_name, bank_account_number
      INTO NEW.bank_name, NEW.bank_account_name, NEW.bank_account_number
      FROM venue WHERE id = NEW.venue_id;
    NEW.no_bank_account := coalesce(btrim(NEW.bank_account_number), '') = ''
                           OR coalesce(btrim(NEW.bank_account_name), '') = '';
  END IF;
  IF {SUPERUSER} THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  SELECT status, month INTO v_status, v_month FROM settlement
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.settlement_id ELSE NEW.settlement_id END;
  v_label := to_char(v_month, 'YYYY-MM');
  IF TG_OP = 'DELETE' THEN
    IF v_status <> 'draft' THEN
      RAISE EXCEPTION '% 的结算已核定，结算行不能删除', v_label USING ERRCODE = 'JD422';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.id <> OLD.id OR NEW.settlement_id <> OLD.settlement_id) THEN
    RAISE EXCEPTION '结算行不能移到别的结算' USING ERRCODE = 'JD422';
  END IF;
  IF v_status = 'draft' THEN
    IF NEW.status <> 'unpaid' OR num_nonnulls(NEW.paid_on, NEW.payment_reference, NEW.paid_by,
                                              NEW.paid_at) > 0 THEN
      RAISE EXCEPTION '% 的结算尚未审批，不能登记拨付', v_label USING ERRCODE = 'JD422';
    END IF;
    -- adjustments: ADJUST_SETTLEMENT's role (domain/permissions.py), not the operator's
    IF NEW.kind = 'adjustment' AND (TG_OP = 'UPDATE' AND OLD.kind = 'adjustment') IS NOT TRUE
       AND NOT pg_has_role(session_user, 'jd_bureau_staff', 'MEMBER') THEN
      RAISE EXCEPTION '只有区体育局业务人员能增加调整行' USING ERRCODE = '42501';
    END IF;
    IF NEW.kind = 'adjustment' AND NOT EXISTS (
        SELECT FROM settlement_line c JOIN settlement cs ON cs.id = c.settlement_id
         WHERE c.id = NEW.corrects_line_id AND c.venue_id = NEW.venue_id
           AND c.kind = 'regular' AND cs.status IN ('approved', 'paid') AND cs.month < v_month)
    THEN
      RAISE EXCEPTION '调整行只能更正以前月份已审批结算中同一场馆的结算行'
        USING ERRCODE = 'JD422';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    RAISE EXCEPTION '% 的结算已核定，不能再增加结算行', v_label USING ERRCODE = 'JD422';
  END IF;
  IF v_status = 'approved' AND OLD.status = 'unpaid' AND NEW.status = 'paid' THEN
    IF (to_jsonb(NEW) - v_payment) IS DISTINCT FROM (to_jsonb(OLD) - v_payment) THEN
      RAISE EXCEPTION '登记拨付时不能修改结算行的其他内容' USING ERRCODE = 'JD422';
    END IF;
    IF NEW.paid_on IS NULL OR coalesce(btrim(NEW.payment_reference), '') = '' THEN
      RAISE EXCEPTION '登记拨付须填写拨付日期和银行流水号' USING ERRCODE = '22023';
    END IF;
    NEW.payment_reference := btrim(NEW.payment_reference);
    NEW.paid_by := session_user;
    NEW.paid_at := now();
    RETURN NEW;
  END IF;
  IF to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
    RAISE EXCEPTION '% 的结算已%，结算行不能修改', v_label,
      CASE v_status WHEN 'verified' THEN '核定' WHEN 'approved' THEN '审批' ELSE '拨付' END
      USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION jd_settlement_child_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE v_settlement integer;
BEGIN
  IF {SUPERUSER} THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION '%不能修改（重新生成草稿即可）', TG_TABLE_NAME USING ERRCODE = 'JD422';
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT n.settlement_id INTO v_settlement FROM new_rows n
      LEFT JOIN settlement s ON s.id = n.settlement_id
     WHERE s.status IS DISTINCT FROM 'draft' LIMIT 1;
  ELSE
    SELECT o.settlement_id INTO v_settlement FROM old_rows o
      LEFT JOIN settlement s ON s.id = o.settlement_id
     WHERE s.status IS DISTINCT FROM 'draft' LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION '结算 % 已核定，其消费券不能再变更', v_settlement USING ERRCODE = 'JD422';
  END IF;
  IF TG_TABLE_NAME = 'settlement_item' AND TG_OP = 'INSERT' THEN
    PERFORM FROM new_rows n LEFT JOIN settlement_line l ON l.id = n.line_id
     WHERE l.settlement_id IS DISTINCT FROM n.settlement_id;
    IF FOUND THEN
      RAISE EXCEPTION '结算的消费券须属于本结算的结算行' USING ERRCODE = 'JD422';
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION jd_settlement_totals() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_id integer;
  v_month text;
  v_total bigint;
  v_sum bigint;
BEGIN
  IF TG_TABLE_NAME = 'settlement' THEN
    v_id := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    v_id := OLD.settlement_id;
  ELSE
    v_id := NEW.settlement_id;
  END IF;
  SELECT to_char(s.month, 'YYYY-MM'), s.subsidy, coalesce(t.subsidy, 0)
    INTO v_month, v_total, v_sum
    FROM settlement s
    LEFT JOIN LATERAL (
      SELECT sum(voucher_count) AS n, sum(carried_count) AS carried, sum(face_total) AS face,
             sum(subsidy) AS subsidy, sum(concession) AS concession,
             sum(order_total) AS orders, sum(citizen_paid) AS paid
        FROM settlement_line l WHERE l.settlement_id = s.id) t ON true
   WHERE s.id = v_id
     AND (s.voucher_count, s.carried_count, s.face_total, s.subsidy, s.concession,
          s.order_total, s.citizen_paid)
         IS DISTINCT FROM (coalesce(t.n, 0), coalesce(t.carried, 0), coalesce(t.face, 0),
                           coalesce(t.subsidy, 0), coalesce(t.concession, 0),
                           coalesce(t.orders, 0), coalesce(t.paid, 0));
  IF FOUND THEN
    RAISE EXCEPTION '% 的结算合计与各结算行之和不符（补贴合计 % 分，各行之和 % 分）',
      v_month, v_total, v_sum USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER settlement_guard BEFORE INSERT OR UPDATE OR DELETE ON settlement
  FOR EACH ROW EXECUTE FUNCTION jd_settlement_guard();
CREATE TRIGGER settlement_workflow BEFORE UPDATE OF status ON settlement
  FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('settlement');
CREATE CONSTRAINT TRIGGER settlement_totals AFTER INSERT OR UPDATE ON settlement
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION jd_settlement_totals();
CREATE TRIGGER settlement_line_guard BEFORE INSERT OR UPDATE OR DELETE ON settlement_line
  FOR EACH ROW EXECUTE FUNCTION jd_settlement_line_guard();
CREATE TRIGGER settlement_line_workflow BEFORE UPDATE OF status ON settlement_line
  FOR EACH ROW EXECUTE FUNCTION jd_workflow_guard('settlement_line');
CREATE CONSTRAINT TRIGGER settlement_line_totals AFTER INSERT OR UPDATE OR DELETE
  ON settlement_line DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION jd_settlement_totals();
"""
#: The items and exclusions are guarded per statement (a month's vouchers at once).
CHILD_GUARDS = [
    f"CREATE TRIGGER {table}_guard_{op_} AFTER {op_.upper()} ON {table} {refs} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION jd_settlement_child_guard()"
    for table in ("settlement_item", "settlement_exclusion")
    for op_, refs in (("insert", "REFERENCING NEW TABLE AS new_rows"),
                      ("delete", "REFERENCING OLD TABLE AS old_rows"), ("update", ""))]

FUNCTION_SIGNATURES = ("jd_settlement_totals()", "jd_settlement_child_guard()",
                       "jd_settlement_line_guard()", "jd_settlement_guard()",
                       "jd_settlement_mark(integer)", "jd_settlement_check(integer)")


def _revision_0011() -> ModuleType:
    """Migration 0011 (its voucher guard is re-planned here, restored by the downgrade)."""
    path = Path(__file__).with_name("0011_vouchers_guarded_and_checked_by_the_server.py")
    spec = importlib.util.spec_from_file_location("jd_admin_migration_0011", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _voucher_updated(replanned: bool) -> str:
    """0011's ``jd_voucher_updated``; ``replanned``: its two pending-marks joins run through
    EXECUTE, planned at each firing for the transition tables' real size. PL/pgSQL keeps the
    plan of a statement without parameters from its first execution in the session: a first
    firing on a few rows (a settlement's unmarking, a small import) left a nested loop over the
    two transition tables, which the marking of a month's 10,000 vouchers then took 140 s to
    run (quadratic; hours at a million-voucher year)."""
    guards: str = _revision_0011().GUARDS
    body = guards[guards.index("CREATE FUNCTION jd_voucher_updated()"):
                  guards.index("REVOKE ALL ON FUNCTION jd_voucher_updated()")]
    body = body.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
    if replanned:
        for table in ("voucher_check_pending", "voucher_batch_check_pending"):
            start = body.index(f"  INSERT INTO {table}\n")
            end = body.index("ON CONFLICT DO NOTHING;", start) + len("ON CONFLICT DO NOTHING")
            body = (body[:start] + "  EXECUTE $replanned$" + body[start + 2:end]
                    + "$replanned$" + body[end:])
    return body


def _audit_triggers() -> list[str]:
    """As migration 0012's ``_triggers_up`` does for the tables it audits."""
    out = [f"CREATE TRIGGER {t}_audit AFTER INSERT OR UPDATE OR DELETE ON {t} "
           f"FOR EACH ROW EXECUTE FUNCTION jd_audit_row('id', '')" for t in ROW_AUDITED]
    for table, keys in STATEMENT_AUDITED.items():
        args = f"'{keys}', ''"
        out += [
            f"CREATE TRIGGER {table}_audit_insert AFTER INSERT ON {table} "
            f"REFERENCING NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement({args})",
            f"CREATE TRIGGER {table}_audit_update AFTER UPDATE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement({args})",
            f"CREATE TRIGGER {table}_audit_delete AFTER DELETE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement({args})",
        ]
    keys_of = {**{t: "id" for t in ROW_AUDITED}, **STATEMENT_AUDITED}
    out += [f"CREATE TRIGGER {t}_audit_truncate AFTER TRUNCATE ON {t} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION jd_audit_statement('{k}', '')"
            for t, k in keys_of.items()]
    for table, entity, initial in INITIAL_STATES:
        out.append(f"CREATE TRIGGER {table}_initial_state BEFORE INSERT ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION jd_initial_state_guard('{entity}', '{initial}')")
    return out


def _seed() -> None:
    step = sa.table("workflow_step", sa.column("entity_type"), sa.column("from_state"),
                    sa.column("to_state"), sa.column("role"))
    op.bulk_insert(step, [dict(zip(("entity_type", "from_state", "to_state", "role"), r,
                                   strict=True)) for r in SETTLEMENT_STEPS])


def upgrade() -> None:
    _tables_up()
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.create_index('ix_voucher_settlement', ['settlement_id'], unique=False,
                              sqlite_where=sa.text('settlement_id IS NOT NULL'),
                              postgresql_where=sa.text('settlement_id IS NOT NULL'))
    _seed()
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_voucher_updated(replanned=True))
    op.execute(FUNCTIONS)
    op.execute(TRIGGERS)
    for statement in CHILD_GUARDS:
        op.execute(statement)
    for statement in _audit_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("settlement_exclusion", "settlement_item", "settlement_line", "settlement"):
            op.execute(f"DROP TABLE {table} CASCADE")  # its triggers with it
        for signature in FUNCTION_SIGNATURES:
            op.execute(f"DROP FUNCTION {signature}")
        op.execute(_voucher_updated(replanned=False))
    op.execute(sa.text("DELETE FROM workflow_step WHERE entity_type IN "
                       "('settlement', 'settlement_line')"))
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.drop_index('ix_voucher_settlement', sqlite_where=sa.text('settlement_id IS NOT NULL'),
                            postgresql_where=sa.text('settlement_id IS NOT NULL'))
    if op.get_bind().dialect.name != "postgresql":
        _tables_down()


def _tables_up() -> None:
    op.create_table('settlement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('voucher_count', sa.Integer(), nullable=False),
    sa.Column('face_total', sa.BigInteger(), nullable=False),
    sa.Column('subsidy', sa.BigInteger(), nullable=False),
    sa.Column('concession', sa.BigInteger(), nullable=False),
    sa.Column('order_total', sa.BigInteger(), nullable=False),
    sa.Column('citizen_paid', sa.BigInteger(), nullable=False),
    sa.Column('excluded_count', sa.Integer(), nullable=False),
    sa.Column('carried_count', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('generated_by', sa.String(length=63), nullable=False),
    sa.Column('generated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('verified_by', sa.String(length=63), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sa.String(length=63), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('return_reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status <> 'paid' OR paid_at IS NOT NULL", name=op.f('ck_settlement_paid_has_time')),
    sa.CheckConstraint("status = 'draft' OR (verified_by IS NOT NULL AND verified_at IS NOT NULL)", name=op.f('ck_settlement_verified_has_verifier')),
    sa.CheckConstraint("status IN ('draft', 'verified', 'approved', 'paid')", name=op.f('ck_settlement_status')),
    sa.CheckConstraint("status NOT IN ('approved', 'paid') OR (approved_by IS NOT NULL AND approved_at IS NOT NULL)", name=op.f('ck_settlement_approved_has_approver')),
    sa.CheckConstraint('approved_by IS NULL OR approved_by <> verified_by', name=op.f('ck_settlement_four_eyes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement')),
    sa.UniqueConstraint('month', name=op.f('uq_settlement_month'))
    )
    op.create_table('settlement_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('venue_name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('corrects_line_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('voucher_count', sa.Integer(), nullable=False),
    sa.Column('carried_count', sa.Integer(), nullable=False),
    sa.Column('face_total', sa.BigInteger(), nullable=False),
    sa.Column('subsidy', sa.BigInteger(), nullable=False),
    sa.Column('concession', sa.BigInteger(), nullable=False),
    sa.Column('order_total', sa.BigInteger(), nullable=False),
    sa.Column('citizen_paid', sa.BigInteger(), nullable=False),
    sa.Column('by_face', sa.JSON(), nullable=False),
    sa.Column('bank_name', sa.String(length=100), nullable=True),
    sa.Column('bank_account_name', sa.String(length=100), nullable=True),
    sa.Column('bank_account_number', sa.String(length=32), nullable=True),
    sa.Column('no_bank_account', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('payment_reference', sa.String(length=60), nullable=True),
    sa.Column('paid_by', sa.String(length=63), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(kind = 'adjustment') = (corrects_line_id IS NOT NULL)", name=op.f('ck_settlement_line_adjustment_corrects_a_line')),
    sa.CheckConstraint("kind = 'adjustment' OR (voucher_count >= 0 AND carried_count >= 0 AND face_total >= 0 AND subsidy >= 0 AND concession >= 0 AND order_total >= 0 AND citizen_paid >= 0)", name=op.f('ck_settlement_line_negative_only_in_adjustments')),
    sa.CheckConstraint("kind = 'regular' OR (voucher_count = 0 AND carried_count = 0 AND reason IS NOT NULL)", name=op.f('ck_settlement_line_adjustment_has_reason')),
    sa.CheckConstraint("kind IN ('regular', 'adjustment')", name=op.f('ck_settlement_line_kind')),
    sa.CheckConstraint("status = 'unpaid' OR (paid_on IS NOT NULL AND payment_reference IS NOT NULL AND trim(payment_reference) <> '')", name=op.f('ck_settlement_line_paid_with_date_and_reference')),
    sa.CheckConstraint("status IN ('unpaid', 'paid')", name=op.f('ck_settlement_line_status')),
    sa.ForeignKeyConstraint(['corrects_line_id'], ['settlement_line.id'], name=op.f('fk_settlement_line_corrects_line_id_settlement_line')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_settlement_line_settlement_id_settlement')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_settlement_line_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_line'))
    )
    with op.batch_alter_table('settlement_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_line_settlement_id'), ['settlement_id'], unique=False)
        batch_op.create_index('uq_settlement_line_venue', ['settlement_id', 'venue_id'], unique=True, sqlite_where=sa.text("kind = 'regular'"), postgresql_where=sa.text("kind = 'regular'"))

    op.create_table('settlement_exclusion',
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('voucher_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.CheckConstraint("reason IN ('no_venue', 'not_redeemable', 'unchecked', 'flagged')", name=op.f('ck_settlement_exclusion_reason')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_settlement_exclusion_settlement_id_settlement')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_settlement_exclusion_venue_id_venue')),
    sa.ForeignKeyConstraint(['voucher_id'], ['voucher.id'], name=op.f('fk_settlement_exclusion_voucher_id_voucher')),
    sa.PrimaryKeyConstraint('settlement_id', 'voucher_id', name=op.f('pk_settlement_exclusion'))
    )
    with op.batch_alter_table('settlement_exclusion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_exclusion_venue_id'), ['venue_id'], unique=False)

    op.create_table('settlement_item',
    sa.Column('voucher_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('carried_from', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['line_id'], ['settlement_line.id'], name=op.f('fk_settlement_item_line_id_settlement_line')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_settlement_item_settlement_id_settlement')),
    sa.ForeignKeyConstraint(['voucher_id'], ['voucher.id'], name=op.f('fk_settlement_item_voucher_id_voucher')),
    sa.PrimaryKeyConstraint('voucher_id', name=op.f('pk_settlement_item'))
    )
    with op.batch_alter_table('settlement_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_item_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_settlement_item_settlement_id'), ['settlement_id'], unique=False)



def _tables_down() -> None:
    with op.batch_alter_table('settlement_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_item_settlement_id'))
        batch_op.drop_index(batch_op.f('ix_settlement_item_line_id'))

    op.drop_table('settlement_item')
    with op.batch_alter_table('settlement_exclusion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_exclusion_venue_id'))

    op.drop_table('settlement_exclusion')
    with op.batch_alter_table('settlement_line', schema=None) as batch_op:
        batch_op.drop_index('uq_settlement_line_venue', sqlite_where=sa.text("kind = 'regular'"), postgresql_where=sa.text("kind = 'regular'"))
        batch_op.drop_index(batch_op.f('ix_settlement_line_settlement_id'))

    op.drop_table('settlement_line')
    op.drop_table('settlement')
