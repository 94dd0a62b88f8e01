"""rule-table versions are dated ahead and signed by the server

PostgreSQL only (issue 9, finding 8): the administrator's login could insert a version of the
face-value table, the usage rules or a special-voucher restriction dated in the past (rewriting
what was in force), with any ``created_by`` and ``created_at``. A trigger now sets both from the
server (``session_user``, ``now()``) and refuses, for the program's logins (members of
``jd_staff``, not superusers), a version that takes effect today or earlier in Asia/Shanghai —
the same rule as ``services/vouchers/rules._check_new_version``. The DBA's own role (migrations,
seeding) is not bound by it.

No data changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ("face_value_rule", "usage_rule", "voucher_restriction")

GUARD = """
CREATE FUNCTION jd_rule_version_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  NEW.created_by := session_user;
  NEW.created_at := now();
  IF pg_has_role(session_user, 'jd_staff', 'MEMBER')  -- true for a superuser too: not bound
     AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
     AND NEW.effective_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date THEN
    RAISE EXCEPTION '新版本的生效日期必须晚于今天：已生效的规则不能改写'
      USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION jd_rule_version_guard() FROM PUBLIC;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GUARD)
    for table in TABLES:
        op.execute(f"CREATE TRIGGER {table}_version_guard BEFORE INSERT ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION jd_rule_version_guard()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_version_guard ON {table}")
    op.execute("DROP FUNCTION jd_rule_version_guard()")
