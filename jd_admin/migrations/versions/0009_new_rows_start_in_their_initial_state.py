"""new rows start in their workflow's initial state

PostgreSQL only (issue 9, finding 2): the workflow guard fired on ``UPDATE OF status`` only, so a
subdistrict login could INSERT an application directly as ``bureau_approved`` (with a forged
bureau opinion) and bureau staff an agreement directly as ``in_force``. A trigger now refuses a
new row of a stateful table in any state but its workflow's initial one
(``jd_admin/domain``: ``Workflow.initial``; a test keeps the trigger arguments equal to it).
Superusers (migrations, seeding by the DBA) are not bound, as with the step guard.

No data changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 22:10:00
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

#: (table, entity type of the workflow, initial state) — as declared in jd_admin/domain.
INITIAL_STATES = (
    ("recruitment_call", "recruitment_call", "draft"),
    ("application", "application", "draft"),
    ("agreement", "agreement", "draft"),
    ("venue", "venue", "designated"),
    ("issuance_batch", "issuance_batch", "draft"),
)

GUARD = """
CREATE FUNCTION jd_initial_state_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN RETURN NEW; END IF;
  IF NEW.status IS DISTINCT FROM TG_ARGV[1] THEN
    RAISE EXCEPTION '新的%只能从“%”状态开始（不是 %）', TG_ARGV[0], TG_ARGV[1], NEW.status
      USING ERRCODE = 'JD422';
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION jd_initial_state_guard() FROM PUBLIC;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GUARD)
    for table, entity, initial in INITIAL_STATES:
        op.execute(f"CREATE TRIGGER {table}_initial_state BEFORE INSERT ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION jd_initial_state_guard('{entity}', '{initial}')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, _entity, _initial in INITIAL_STATES:
        op.execute(f"DROP TRIGGER {table}_initial_state ON {table}")
    op.execute("DROP FUNCTION jd_initial_state_guard()")
