"""who changed a record last: an inspector asks only of the rows of its assigned venues

Migration 0032's ``jd_last_change`` answers a login of a record whose table it may read and,
for a subdistrict login, of its own 街镇. A table an inspector reads only in the venues
assigned to it (the ``ASSIGNED`` scope of the permission matrix: the coaches filed for a venue)
was answered for any row, so an inspector could learn who changed the coaches of a venue it
was never sent to, and when. Now, for each table and role whose read scope is ``ASSIGNED``,
the row must also pass that role's read predicate — the same SQL the row security policy uses
(``migrations/access.py`` ``predicate``: the row's venue among the login's assignments).

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-01 08:30:00
"""

from __future__ import annotations

from alembic import op

from jd_admin.domain.access import TABLES, read_grants, scope_of
from jd_admin.domain.audit_chain import READ_ACTIONS
from jd_admin.domain.permissions import Scope
from jd_admin.domain.roles import Role
from jd_admin.migrations.access import group, predicate

revision = '0034'
down_revision = '0033'
branch_labels = None
depends_on = None

READS = "ARRAY[" + ", ".join(f"'{a}'" for a in READ_ACTIONS) + "]::text[]"


def assigned_checks() -> str:
    """One IF per (table, role) read in the ASSIGNED scope: the row must pass the role's read
    predicate (any of its read grants'), else nothing is returned."""
    checks = []
    for name, table in sorted(TABLES.items()):
        if table.view or table.public_read:
            continue
        for role in Role:
            grants = read_grants(table, role)
            if not grants or any(scope_of(table, g, role) is not Scope.ASSIGNED
                                 for g in grants):
                continue
            rule = " OR ".join(f"({predicate(name, table, g, role)})" for g in grants)
            checks.append(
                f"  IF p_type = '{name}' AND pg_has_role(session_user, '{group(role)}', "
                f"'MEMBER') THEN\n"
                f"    EXECUTE 'SELECT EXISTS (SELECT 1 FROM {name} WHERE id::text = $1 AND "
                f"({rule.replace(chr(39), chr(39) * 2)}))' INTO v_may USING p_id;\n"
                f"    IF NOT v_may THEN RETURN; END IF;\n"
                f"  END IF;")
    return "\n".join(checks)


def last_change(narrowed: bool) -> str:
    extra = assigned_checks() if narrowed else ""
    return rf"""
CREATE OR REPLACE FUNCTION jd_last_change(p_type text, p_id text)
RETURNS TABLE (actor text, full_name text, occurred_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_table regclass := to_regclass(format('public.%I', p_type));
  v_super boolean := coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user),
                              false);
  v_event audit_event;
  v_may boolean;
BEGIN
  IF v_table IS NULL OR p_id IS NULL THEN RETURN; END IF;
  IF NOT v_super AND NOT has_any_column_privilege(session_user, v_table, 'SELECT') THEN
    RETURN;
  END IF;
  IF NOT v_super THEN
{extra}
    NULL;
  END IF;
  SELECT * INTO v_event FROM audit_event e
   WHERE e.entity_type = p_type AND e.entity_id = p_id AND e.action <> ALL({READS})
   ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1;
  IF NOT FOUND THEN RETURN; END IF;
  IF NOT v_super AND pg_has_role(session_user, 'jd_subdistrict', 'MEMBER')
     AND v_event.subdistrict_id IS DISTINCT FROM NULL
     AND v_event.subdistrict_id IS DISTINCT FROM jd_my_subdistrict() THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT v_event.actor::text,
                      (SELECT u.full_name::text FROM app_user u WHERE u.username = v_event.actor),
                      v_event.occurred_at;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(last_change(narrowed=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(last_change(narrowed=False))
