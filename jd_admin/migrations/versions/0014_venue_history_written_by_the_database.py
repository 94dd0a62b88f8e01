"""the register's history is written by the database

Issue 9, finding 9: bureau staff inserted ``venue_status_change`` rows with any actor and date,
and ``UPDATE venue SET status = …`` left no history. A venue now carries the reason, author and
time of its current status (``status_reason``, ``status_changed_by``, ``status_changed_at``,
filled from its latest history row here), and a trigger writes the history row whenever a venue
is added or its status changes — on SQLite too, so both databases keep the same rows and the
services never write history themselves. On PostgreSQL, for the program's logins (not the
DBA), a BEFORE trigger sets the author to the login and the time to the server's, and refuses a
status change without a reason; nobody but the triggers inserts history rows (the permission
matrix grants no INSERT on it).

SQLite drops a table's triggers when a batch migration rebuilds the table: a later revision that
rebuilds ``venue`` must create them again (``SQLITE_UP``).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 23:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

COPY = ("INSERT INTO venue_status_change (venue_id, from_status, to_status, effective_at, reason, "
        "actor) VALUES (NEW.id, {source}, NEW.status, NEW.status_changed_at, NEW.status_reason, "
        "NEW.status_changed_by)")

PG_UP = f"""
CREATE FUNCTION jd_venue_status_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
    NEW.status_reason := OLD.status_reason;
    NEW.status_changed_by := OLD.status_changed_by;
    NEW.status_changed_at := OLD.status_changed_at;
    RETURN NEW;
  END IF;
  IF coalesce(btrim(NEW.status_reason), '') = '' THEN
    RAISE EXCEPTION '场馆状态变更必须填写原因' USING ERRCODE = 'JD422';
  END IF;
  NEW.status_changed_by := session_user;
  NEW.status_changed_at := now();
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION jd_venue_status_stamp() FROM PUBLIC;

CREATE FUNCTION jd_venue_status_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  {COPY.format(source="CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END")};
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION jd_venue_status_history() FROM PUBLIC;

CREATE TRIGGER venue_status_stamp BEFORE INSERT OR UPDATE ON venue
  FOR EACH ROW EXECUTE FUNCTION jd_venue_status_stamp();
CREATE TRIGGER venue_status_history_added AFTER INSERT ON venue
  FOR EACH ROW EXECUTE FUNCTION jd_venue_status_history();
CREATE TRIGGER venue_status_history_changed AFTER UPDATE OF status ON venue
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION jd_venue_status_history();
"""

PG_DOWN = """
DROP TRIGGER venue_status_history_changed ON venue;
DROP TRIGGER venue_status_history_added ON venue;
DROP TRIGGER venue_status_stamp ON venue;
DROP FUNCTION jd_venue_status_history();
DROP FUNCTION jd_venue_status_stamp();
"""

SQLITE_UP = (
    "CREATE TRIGGER venue_status_history_added AFTER INSERT ON venue BEGIN "
    + COPY.format(source="NULL") + "; END",
    "CREATE TRIGGER venue_status_history_changed AFTER UPDATE OF status ON venue "
    "WHEN OLD.status IS NOT NEW.status BEGIN " + COPY.format(source="OLD.status") + "; END",
)
SQLITE_DOWN = ("DROP TRIGGER venue_status_history_changed",
               "DROP TRIGGER venue_status_history_added")


def upgrade() -> None:
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status_changed_by', sa.String(length=63), nullable=True))
        batch_op.add_column(sa.Column('status_changed_at', sa.DateTime(timezone=True),
                                     nullable=True))
    op.execute(sa.text(
        "UPDATE venue SET status_reason = h.reason, status_changed_by = h.actor, "
        "status_changed_at = h.effective_at FROM (SELECT venue_id, reason, actor, effective_at, "
        "row_number() OVER (PARTITION BY venue_id ORDER BY effective_at DESC, id DESC) AS n "
        "FROM venue_status_change) h WHERE h.venue_id = venue.id AND h.n = 1"))
    op.execute(sa.text(
        "UPDATE venue SET status_reason = '', status_changed_by = 'system', "
        "status_changed_at = created_at WHERE status_changed_at IS NULL"))
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.alter_column('status_reason', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('status_changed_by', existing_type=sa.String(length=63),
                              nullable=False)
        batch_op.alter_column('status_changed_at', existing_type=sa.DateTime(timezone=True),
                              nullable=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_UP)
    else:
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DOWN)
    else:
        for statement in SQLITE_DOWN:
            op.execute(statement)
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.drop_column('status_changed_at')
        batch_op.drop_column('status_changed_by')
        batch_op.drop_column('status_reason')
