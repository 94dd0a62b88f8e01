"""vouchers guarded and checked by the server

Issue 9, findings 3 and 4 (build items 3, voucher part, and 4). Both dialects:

- ``voucher_violation.withdrawn_at``: a re-check that no longer finds an open flag withdraws it
  (and restores it if a later re-check finds it again) instead of deleting it. A flag is open
  while neither cleared nor withdrawn.
- ``voucher_check_pending`` / ``voucher_batch_check_pending``: citizens and batches whose
  vouchers were written since the server last checked them (PostgreSQL fills them by trigger;
  SQLite leaves them empty, its services check every write).

PostgreSQL only, binding every login but a superuser and the owner of ``voucher`` (i.e. also
binding nothing inside a SECURITY DEFINER function of the owner, such as the check below or the
settlement of the next issue):

- nobody deletes a voucher or a flag (DELETE revoked from every jd_ role); flags are written by
  the server's check only (INSERT revoked from the operator and bureau staff);
- a flag changes only by being cleared (trigger ``voucher_violation_clear``): an open flag, a
  non-empty reason, ``cleared_by`` := session_user and ``cleared_at`` := now() set by the server,
  nothing else changed, never un-cleared, not once the voucher is in a settlement;
- vouchers (statement triggers with transition tables, ``voucher_guard_insert/update``): the
  money columns equal the face-value table row (``face_value_rule``) of the version in force on
  the claim day, ``face_rule_from`` that version's date; the Shanghai calendar columns
  (``claim_day``, ``claim_week``, ``use_day``, ``use_week``), ``expires_at`` (claim + validity of
  the usage rules in force) and ``venue_id`` (the venue of ``venue_credit_code``) agree with what
  they are derived from — exactly as the import fills them; ``settlement_id`` is never set or
  changed by an app login; once set, nothing of the voucher changes; ``id`` and ``code`` never
  change, nor the claim (batch, citizen, group, claim time, face value and what follows from
  them); the redemption columns (``redeemed_at``, ``use_day``, ``use_week``,
  ``venue_credit_code``, ``venue_id``, ``sport``, ``order_amount``, ``paid_amount``) only while
  the voucher is not yet redeemed (the import's update: a later file bringing the redemption);
- the same triggers record (for every writer) the citizens (before and after) and batches of
  changed vouchers as pending (a change of ``settlement_id``, ``import_id``
  or ``updated_at`` alone is not a change to check);
- ``jd_check_vouchers(p_citizens integer[])`` (SECURITY DEFINER, EXECUTE for the operator and
  bureau staff): the rule checks of ``services/vouchers/checks.py`` compiled for PostgreSQL
  (frozen text ``migrations/sql/0011_voucher_check.sql``, written by
  ``tools/voucher_check_sql.py``): NULL checks every voucher, an array those citizens plus every
  pending citizen; it empties ``voucher_check_pending`` (first, so a write committed meanwhile
  stays pending) and returns (checked, added, withdrawn);
- view ``voucher_checked``: the vouchers whose current version the server has checked (no
  pending citizen or batch) — what the settlement may take.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 23:00:00
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

CHECK_SQL = Path(__file__).resolve().parent.parent / "sql" / "0011_voucher_check.sql"

READERS = "jd_operator, jd_bureau_staff, jd_bureau_approver, jd_admin"
ALL_ROLES = ("jd_admin, jd_bureau_staff, jd_bureau_approver, jd_subdistrict, jd_inspector, "
             "jd_operator, jd_staff")

#: The login writing is trusted: a superuser, or the owner of the ledger (e.g. inside its
#: SECURITY DEFINER functions, where current_user is the owner).
TRUSTED = """((SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
    OR current_user = (SELECT r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
                       WHERE c.oid = 'public.voucher'::regclass))"""

CLAIM_COLUMNS = ("batch_id", "face_value", "subsidy", "concession", "min_order",
                 "face_rule_from", "citizen_id", "citizen_group", "claimed_at", "claim_day",
                 "claim_week", "expires_at")
REDEMPTION_COLUMNS = ("redeemed_at", "use_day", "use_week", "venue_credit_code", "venue_id",
                      "sport", "order_amount", "paid_amount")
#: Changes that do not make a voucher's check stale.
NOT_CHECKED = ("settlement_id", "import_id", "updated_at")


def _row(alias: str, columns: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"{alias}.{c}" for c in columns) + ")"


#: The first inconsistent new row (code, what is wrong), as the import would have filled it.
INCONSISTENT = """
  WITH face_versions AS (
    SELECT d.effective_from, lead(d.effective_from) OVER (ORDER BY d.effective_from) AS until
      FROM (SELECT DISTINCT effective_from FROM face_value_rule) d),
  rule_versions AS (
    SELECT effective_from, validity_hours,
           lead(effective_from) OVER (ORDER BY effective_from) AS until FROM usage_rule)
  SELECT n.code, CASE
      WHEN f.id IS NULL THEN '面值不在领取日生效的面值表中'
      WHEN n.face_rule_from <> f.effective_from OR n.subsidy <> f.subsidy
        OR n.concession <> f.concession OR n.min_order <> f.min_order
        THEN '补贴、让利、最低消费或面值表版本与领取日生效的面值表不一致'
      WHEN rv.effective_from IS NULL THEN '领取日没有生效的使用规则'
      WHEN n.expires_at <> n.claimed_at + make_interval(hours => rv.validity_hours)
        THEN '到期时间与使用规则的有效期不一致'
      WHEN n.claim_day <> (n.claimed_at AT TIME ZONE 'Asia/Shanghai')::date
        OR n.claim_week <> n.claim_day - (extract(isodow FROM n.claim_day)::int - 1)
        OR n.use_day IS DISTINCT FROM (n.redeemed_at AT TIME ZONE 'Asia/Shanghai')::date
        OR n.use_week IS DISTINCT FROM n.use_day - (extract(isodow FROM n.use_day)::int - 1)
        THEN '领取日、领取周、使用日或使用周与时间不一致'
      ELSE '场馆与统一社会信用代码不一致' END
    INTO bad, problem
    FROM new_rows n
    LEFT JOIN face_versions fv
      ON fv.effective_from <= n.claim_day AND (fv.until IS NULL OR n.claim_day < fv.until)
    LEFT JOIN face_value_rule f
      ON f.effective_from = fv.effective_from AND f.face_value = n.face_value
    LEFT JOIN rule_versions rv
      ON rv.effective_from <= n.claim_day AND (rv.until IS NULL OR n.claim_day < rv.until)
    LEFT JOIN venue ve ON ve.credit_code = n.venue_credit_code
   WHERE f.id IS NULL OR n.face_rule_from <> f.effective_from OR n.subsidy <> f.subsidy
      OR n.concession <> f.concession OR n.min_order <> f.min_order
      OR rv.effective_from IS NULL
      OR n.expires_at <> n.claimed_at + make_interval(hours => rv.validity_hours)
      OR n.claim_day <> (n.claimed_at AT TIME ZONE 'Asia/Shanghai')::date
      OR n.claim_week <> n.claim_day - (extract(isodow FROM n.claim_day)::int - 1)
      OR n.use_day IS DISTINCT FROM (n.redeemed_at AT TIME ZONE 'Asia/Shanghai')::date
      OR n.use_week IS DISTINCT FROM n.use_day - (extract(isodow FROM n.use_day)::int - 1)
      OR n.venue_id IS DISTINCT FROM ve.id
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '券 %：%', bad, problem USING ERRCODE = '22023';
  END IF;"""

_STRIPPED = " - ".join(f"'{c}'" for c in NOT_CHECKED)
CHANGED = f"(to_jsonb(o) - {_STRIPPED}) IS DISTINCT FROM (to_jsonb(n) - {_STRIPPED})"

GUARDS = f"""
CREATE FUNCTION jd_voucher_inserted() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  bad text;
  problem text;
BEGIN
  INSERT INTO voucher_check_pending SELECT DISTINCT citizen_id FROM new_rows
    ON CONFLICT DO NOTHING;
  INSERT INTO voucher_batch_check_pending SELECT DISTINCT batch_id FROM new_rows
    ON CONFLICT DO NOTHING;
  IF {TRUSTED} THEN RETURN NULL; END IF;
  SELECT n.code INTO bad FROM new_rows n WHERE n.settlement_id IS NOT NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '券 % 的结算只能由结算本身写入', bad USING ERRCODE = '42501';
  END IF;
  {INCONSISTENT}
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION jd_voucher_inserted() FROM PUBLIC;
CREATE TRIGGER voucher_guard_insert AFTER INSERT ON voucher
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION jd_voucher_inserted();

CREATE FUNCTION jd_voucher_updated() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  bad text;
  problem text;
BEGIN
  INSERT INTO voucher_check_pending
    SELECT o.citizen_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {CHANGED}
    UNION SELECT n.citizen_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {CHANGED}
    ON CONFLICT DO NOTHING;
  INSERT INTO voucher_batch_check_pending
    SELECT DISTINCT n.batch_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {CHANGED}
    ON CONFLICT DO NOTHING;
  IF {TRUSTED} THEN RETURN NULL; END IF;
  IF (SELECT count(*) FROM new_rows n WHERE NOT EXISTS (SELECT FROM old_rows o WHERE o.id = n.id))
     > 0 THEN
    RAISE EXCEPTION '券的编号不能更改' USING ERRCODE = '42501';
  END IF;
  SELECT o.code, CASE
      WHEN n.code <> o.code THEN '券码不能更改'
      WHEN o.settlement_id IS NOT NULL THEN '已进入结算，不能再更改'
      WHEN n.settlement_id IS NOT NULL THEN '结算只能由结算本身写入'
      WHEN {_row("n", CLAIM_COLUMNS)} IS DISTINCT FROM {_row("o", CLAIM_COLUMNS)}
        THEN '领取信息（批次、市民、领取时间、面值及其分担）不能更改'
      ELSE '已核销，核销信息不能再更改' END
    INTO bad, problem
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   WHERE n.code <> o.code
      OR (o.settlement_id IS NOT NULL AND to_jsonb(o) IS DISTINCT FROM to_jsonb(n))
      OR n.settlement_id IS DISTINCT FROM o.settlement_id
      OR {_row("n", CLAIM_COLUMNS)} IS DISTINCT FROM {_row("o", CLAIM_COLUMNS)}
      OR (o.redeemed_at IS NOT NULL
          AND {_row("n", REDEMPTION_COLUMNS)} IS DISTINCT FROM {_row("o", REDEMPTION_COLUMNS)})
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '券 %：%', bad, problem USING ERRCODE = '42501';
  END IF;
  {INCONSISTENT}
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION jd_voucher_updated() FROM PUBLIC;
CREATE TRIGGER voucher_guard_update AFTER UPDATE ON voucher
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION jd_voucher_updated();

CREATE FUNCTION jd_voucher_violation_clear() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF {TRUSTED} THEN RETURN NEW; END IF;
  IF OLD.cleared_at IS NOT NULL THEN
    RAISE EXCEPTION '券 % 的“%”标记已解除，不能再更改', OLD.voucher_id, OLD.code
      USING ERRCODE = 'JD422';
  END IF;
  IF OLD.withdrawn_at IS NOT NULL THEN
    RAISE EXCEPTION '券 % 的“%”标记已由复核撤销，无须解除', OLD.voucher_id, OLD.code
      USING ERRCODE = 'JD422';
  END IF;
  IF (NEW.voucher_id, NEW.code, NEW.rule_version, NEW.detail, NEW.flagged_at, NEW.withdrawn_at)
     IS DISTINCT FROM
     (OLD.voucher_id, OLD.code, OLD.rule_version, OLD.detail, OLD.flagged_at, OLD.withdrawn_at)
  THEN
    RAISE EXCEPTION '标记只能由区体育局解除，不能改写' USING ERRCODE = '42501';
  END IF;
  IF coalesce(btrim(NEW.clear_reason), '') = '' THEN
    RAISE EXCEPTION '请填写解除标记的原因' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT FROM voucher WHERE id = OLD.voucher_id AND settlement_id IS NOT NULL) THEN
    RAISE EXCEPTION '券 % 已进入结算，标记不能再变更', OLD.voucher_id USING ERRCODE = 'JD422';
  END IF;
  NEW.cleared_by := session_user;
  NEW.cleared_at := now();
  NEW.clear_reason := btrim(NEW.clear_reason);
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION jd_voucher_violation_clear() FROM PUBLIC;
CREATE TRIGGER voucher_violation_clear BEFORE UPDATE ON voucher_violation
  FOR EACH ROW EXECUTE FUNCTION jd_voucher_violation_clear();
"""

VIEW = f"""
CREATE VIEW voucher_checked AS
  SELECT v.id FROM voucher v
   WHERE NOT EXISTS (SELECT FROM voucher_check_pending p WHERE p.citizen_id = v.citizen_id)
     AND NOT EXISTS (SELECT FROM voucher_batch_check_pending p WHERE p.batch_id = v.batch_id);
GRANT SELECT ON voucher_checked TO {READERS};
"""

GRANTS = f"""
REVOKE DELETE ON voucher, voucher_violation FROM {ALL_ROLES};
REVOKE INSERT ON voucher_violation FROM jd_operator, jd_bureau_staff;
GRANT SELECT ON voucher_check_pending, voucher_batch_check_pending TO {READERS};
GRANT INSERT ON voucher_check_pending, voucher_batch_check_pending TO jd_operator;
"""

UNGRANTS = f"""
REVOKE ALL ON voucher_check_pending, voucher_batch_check_pending FROM {READERS};
GRANT INSERT, DELETE ON voucher_violation TO jd_operator, jd_bureau_staff;
"""


def check_function(body: str) -> str:
    """``jd_check_vouchers`` around the compiled statements (the scoped block, then the whole
    ledger's, as ``tools/voucher_check_sql.py`` writes them)."""
    scoped, whole = body.split("-- whole ledger\n")
    scoped = scoped.removeprefix("-- scoped\n")
    return f"""
CREATE FUNCTION jd_check_vouchers(p_citizens integer[])
RETURNS TABLE (checked bigint, added bigint, withdrawn bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp SET work_mem = '256MB' SET jit = off AS $fn$
DECLARE
  n bigint;
BEGIN
  checked := 0; added := 0; withdrawn := 0;
  IF p_citizens IS NULL THEN
    DELETE FROM voucher_check_pending;
    DELETE FROM voucher_batch_check_pending;
    -- BEGIN whole
{whole}
    -- END whole
  ELSE
    DROP TABLE IF EXISTS check_citizens;
    CREATE TEMPORARY TABLE check_citizens (citizen_id integer PRIMARY KEY);
    -- a pending batch was marked with a pending citizen whose voucher is in it: covered below
    DELETE FROM voucher_batch_check_pending;
    WITH gone AS (DELETE FROM voucher_check_pending RETURNING citizen_id)
    INSERT INTO check_citizens
      SELECT c FROM (SELECT unnest(p_citizens) UNION SELECT citizen_id FROM gone) s(c)
       WHERE c IS NOT NULL;
    ANALYZE check_citizens;
    -- BEGIN scoped
{scoped}
    -- END scoped
    DROP TABLE check_citizens;
  END IF;
  RETURN NEXT;
END $fn$;
REVOKE ALL ON FUNCTION jd_check_vouchers(integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jd_check_vouchers(integer[]) TO jd_operator, jd_bureau_staff;
"""


def upgrade() -> None:
    with op.batch_alter_table('voucher_violation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'voucher_check_pending',
        sa.Column('citizen_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('citizen_id', name=op.f('pk_voucher_check_pending')),
    )
    op.create_table(
        'voucher_batch_check_pending',
        sa.Column('batch_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('batch_id', name=op.f('pk_voucher_batch_check_pending')),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GRANTS)
    op.execute(GUARDS)
    op.execute(VIEW)
    op.execute(check_function(CHECK_SQL.read_text(encoding="utf-8")))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION jd_check_vouchers(integer[])")
        op.execute("DROP VIEW voucher_checked")
        op.execute("DROP TRIGGER voucher_violation_clear ON voucher_violation")
        op.execute("DROP FUNCTION jd_voucher_violation_clear()")
        op.execute("DROP TRIGGER voucher_guard_update ON voucher")
        op.execute("DROP FUNCTION jd_voucher_updated()")
        op.execute("DROP TRIGGER voucher_guard_insert ON voucher")
        op.execute("DROP FUNCTION jd_voucher_inserted()")
        op.execute(UNGRANTS)
        # Withdrawn flags go, as a re-check deleted them before.
        op.execute("DELETE FROM voucher_violation WHERE withdrawn_at IS NOT NULL")
    else:
        op.execute("DELETE FROM voucher_violation WHERE withdrawn_at IS NOT NULL")
    op.drop_table('voucher_batch_check_pending')
    op.drop_table('voucher_check_pending')
    with op.batch_alter_table('voucher_violation', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')
