"""who changed a record last: answered only of a row the login reads, in every scope

Migration 0032's ``jd_last_change`` answered a login of any row of a table it may read (and, for
a subdistrict login, of trail rows of its own 街镇 or of none). The function reads as the
schema's owner, for whom no row security narrows anything, so every scope but ``ALL`` was
answered for any row: an inspector learnt who changed the coaches of a venue it was never sent
to (``ASSIGNED``) and another inspector's assignments and inspections (``OWN``), and when; a
subdistrict login the same of another 街镇's inspection items (their trail rows name no 街镇).
Now, for every audited table some role reads less than all of, the row must pass the caller's
role's read rule, written out in full: a parent's rows (``via``, or a scope column that is a parent's key) are
the parent's rows the role reads by the parent's own rule, not "the rows the parent's row
security shows", which as the owner would be all of them.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

from jd_admin.domain.access import ASSIGNMENTS, TABLES, Grant, Table, read_grants, scope_of
from jd_admin.domain.audit_chain import READ_ACTIONS
from jd_admin.domain.permissions import Scope
from jd_admin.domain.roles import Role
from jd_admin.migrations.access import group

revision = '0034'
down_revision = '0033'
branch_labels = None
depends_on = None

READS = "ARRAY[" + ", ".join(f"'{a}'" for a in READ_ACTIONS) + "]::text[]"


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def readable(name: str, role: Role, depth: int = 0) -> str:
    """The rows of ``name`` that ``role`` reads, as an SQL condition on its unqualified
    columns that holds without row security (as the owner): parents expanded by their rules."""
    if depth > 5:
        raise ValueError(f"{name}: parents nested too deep")
    table = TABLES[name]
    if table.public_read:
        return "true"
    grants = read_grants(table, role)
    if not grants:
        return "false"
    rules = [_grant_rows(table, g, role, depth) for g in grants]
    if "true" in rules:
        return "true"
    return " OR ".join(f"({r})" for r in rules)


def _parent_rows(table: Table, column: str, role: Role, depth: int,
                 states: tuple[str, ...] = ()) -> str:
    via = table.parent(column)
    where = [f"status IN ({_sql_list(states)})"] if states else []
    rule = readable(via.parent, role, depth + 1)
    if rule != "true":
        where.append(f"({rule})")
    return (f"{via.column} IN (SELECT id FROM {via.parent}"
            + (f" WHERE {' AND '.join(where)}" if where else "") + ")")


def _grant_rows(table: Table, grant: Grant, role: Role, depth: int) -> str:
    scope = scope_of(table, grant, role)
    if grant.via is not None:
        if scope is Scope.ALL and not grant.states:
            return f"{grant.via} IS NOT NULL"  # as the row security: any parent
        return _parent_rows(table, grant.via, role, depth, grant.states)
    parts = [f"status IN ({_sql_list(grant.states)})"] if grant.states else []
    through = {v.column for v in table.via}
    if scope is Scope.OWN_SUBDISTRICT:
        assert table.subdistrict is not None
        parts.append(_parent_rows(table, table.subdistrict, role, depth)
                     if table.subdistrict in through
                     else f"{table.subdistrict} = (SELECT jd_my_subdistrict())")
    elif scope is Scope.OWN:
        assert table.owner is not None
        parts.append(_parent_rows(table, table.owner, role, depth)
                     if table.owner in through else f"{table.owner} = session_user")
    elif scope is Scope.ASSIGNED:
        source, venue, login = ASSIGNMENTS
        parts.append(f"{table.venue} IN (SELECT {venue} FROM {source} "
                     f"WHERE {login} = session_user)")
    return " AND ".join(parts) or "true"


def narrowed_tables() -> dict[str, str]:
    """Audited tables some role reads part of -> the caller's condition, by its role (a role
    that reads none of a table has no privilege on it: the function answers it nothing)."""
    out = {}
    for name, table in sorted(TABLES.items()):
        if table.view or table.public_read or not table.audited:
            continue
        rules = {role: readable(name, role) for role in Role}
        if all(rule in ("true", "false") for rule in rules.values()):
            continue
        out[name] = " OR ".join(
            f"(pg_has_role(session_user, '{group(role)}', 'MEMBER') AND ({rule}))"
            for role, rule in rules.items() if rule != "false")
    return out


def checks() -> str:
    lines = []
    for name, rule in narrowed_tables().items():
        sql = f"SELECT EXISTS (SELECT 1 FROM {name} WHERE id::text = $1 AND ({rule}))"
        lines.append(
            f"    IF p_type = '{name}' THEN\n"
            f"      EXECUTE '{sql.replace(chr(39), chr(39) * 2)}' INTO v_may USING p_id;\n"
            f"      IF NOT v_may THEN RETURN; END IF;\n"
            f"    END IF;")
    return "\n".join(lines)


def last_change() -> str:
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
{checks()}
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


def _revision_0032() -> ModuleType:
    """Migration 0032 (its function is what a downgrade restores)."""
    path = Path(__file__).with_name("0032_last_change_of_a_record.py")
    spec = importlib.util.spec_from_file_location("jd_admin_migration_0032", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(last_change())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_revision_0032().LAST_CHANGE.replace(
            "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
