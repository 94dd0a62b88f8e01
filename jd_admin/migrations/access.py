"""The permission matrix of ``jd_admin/domain/access.py`` as PostgreSQL sees it.

Grants, column privileges, row-level security policies and function rights are not migrated
piece by piece: they are derived from the declaration and rebuilt, in the migration's own
transaction, after every upgrade to the head revision (``env.py`` calls :func:`strip` before
the migrations run and :func:`apply` after them). A database below the head revision gives the
program's logins nothing until it is upgraded: fail closed.

:func:`statements` is pure (the tests read it); :func:`apply` asks the catalog for the tables'
columns and sequences and the functions' signatures, and fails on a table or function the
declaration does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from jd_admin.domain.access import (
    ASSIGNMENTS,
    FIRST_LOGIN_READS,
    FUNCTIONS,
    TABLES,
    Call,
    Everyone,
    Grant,
    Op,
    Table,
    function_roles,
    roles_of,
    scope_of,
)
from jd_admin.domain.permissions import PERMISSIONS, Action, Scope
from jd_admin.domain.roles import Role

STAFF = "jd_staff"
#: Logins whose initial password is unchanged belong to this group only (not to jd_staff).
FIRST_LOGIN = "jd_first_login"
POLICY_PREFIX = "jd_"


def group(role: Role) -> str:
    return f"jd_{role.value}"


def all_groups() -> list[str]:
    return [STAFF, FIRST_LOGIN, *(group(r) for r in Role)]


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def predicate(name: str, table: Table, grant: Grant, role: Role) -> str:
    """The rows of ``name`` that ``grant`` opens to ``role``, as an SQL condition."""
    scope = scope_of(table, grant, role)
    parts: list[str] = []
    if grant.via is not None:
        via = table.parent(grant.via)
        where = f" WHERE status IN ({_sql_list(grant.states)})" if grant.states else ""
        if scope is Scope.ALL and not where:
            parts.append(f"{via.column} IS NOT NULL")
        else:
            # the parent's own row security narrows the subquery to the login's rows (its
            # subdistrict's, or its own)
            parts.append(f"{via.column} IN (SELECT id FROM {via.parent}{where})")
        return " AND ".join(parts)
    if grant.states:
        parts.append(f"status IN ({_sql_list(grant.states)})")
    if scope is Scope.OWN_SUBDISTRICT:
        if table.subdistrict is None:
            raise ValueError(f"{name}: {role} is scoped to its subdistrict, but the table "
                             "names no subdistrict column and the grant no parent")
        parts.append(_through_parent(table, table.subdistrict)
                     or f"{table.subdistrict} = (SELECT jd_my_subdistrict())")
    elif scope is Scope.OWN:
        if table.owner is None:
            raise ValueError(f"{name}: {role} is scoped to its own rows, but no owner column")
        parts.append(_through_parent(table, table.owner) or f"{table.owner} = session_user")
    elif scope is Scope.ASSIGNED:
        if table.venue is None:
            raise ValueError(f"{name}: {role} is scoped to its assigned venues, but the table "
                             "names no venue column")
        source, venue, login = ASSIGNMENTS
        parts.append(f"{table.venue} IN (SELECT {venue} FROM {source} "
                     f"WHERE {login} = session_user)")
    return " AND ".join(parts) or "true"


def _through_parent(table: Table, column: str) -> str | None:
    """A scope column that is a parent's key: the rows of the parents the login sees (their
    own row security narrows the subquery)."""
    parents = [v for v in table.via if v.column == column]
    if not parents:
        return None
    return f"{column} IN (SELECT id FROM {parents[0].parent})"


@dataclass(frozen=True)
class Catalog:
    """What :func:`statements` needs to know of the database."""

    columns: Callable[[str], list[str]]  # a table's columns, in order
    sequences: Callable[[str], list[str]]  # the sequences a table's columns own
    signatures: Callable[[str], list[str]]  # a function's signatures, e.g. f(integer)
    owner: str  # the role running the migration (owner of the schema objects)


def _table_grants(name: str, table: Table, catalog: Catalog) -> list[str]:
    out: list[str] = []
    readers_all = PERMISSIONS[Action.READ_BANK_DETAILS].roles
    for grant in table.grants:
        if isinstance(grant.by, Everyone):
            out.append(f"GRANT {', '.join(grant.ops)} ON {name} TO {STAFF}")
            if Op.INSERT in grant.ops:
                out += [f"GRANT USAGE ON SEQUENCE {seq} TO {STAFF}"
                        for seq in catalog.sequences(name)]
    for role in Role:
        own = [g for g in table.grants if not isinstance(g.by, Everyone) and role in roles_of(g)]
        ops = {op for g in own for op in g.ops}
        updates = [g for g in own if Op.UPDATE in g.ops]
        col_updates = {c for g in updates for c in g.columns}
        full_update = any(not g.columns for g in updates)
        if Op.SELECT in ops and table.sensitive and role not in readers_all:
            visible = [c for c in catalog.columns(name) if c not in table.sensitive]
            out.append(f"GRANT SELECT ({', '.join(visible)}) ON {name} TO {group(role)}")
            ops.discard(Op.SELECT)
        if Op.UPDATE in ops and not full_update:
            out.append(f"GRANT UPDATE ({', '.join(sorted(col_updates))}) ON {name} "
                       f"TO {group(role)}")
            ops.discard(Op.UPDATE)
        plain = [op for op in Op if op in ops]
        if plain:
            out.append(f"GRANT {', '.join(plain)} ON {name} TO {group(role)}")
        if Op.INSERT in ops:
            out += [f"GRANT USAGE ON SEQUENCE {seq} TO {group(role)}"
                    for seq in catalog.sequences(name)]
    return out


def _policies(name: str, table: Table, catalog: Catalog) -> list[str]:
    if table.public_read or table.view:
        return []
    out = [f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
           f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY",
           # the schema's owner (migrations, the server's functions) sees every row
           f'CREATE POLICY {POLICY_PREFIX}owner ON {name} TO "{catalog.owner}" '
           "USING (true) WITH CHECK (true)"]
    for index, grant in enumerate(table.grants):
        by_predicate: dict[str, list[str]] = {}
        for role in sorted(roles_of(grant)):
            by_predicate.setdefault(predicate(name, table, grant, role), []).append(group(role))
        for n, (condition, groups) in enumerate(by_predicate.items()):
            for op in grant.ops:
                policy = f"{POLICY_PREFIX}{index}_{n}_{op.lower()}"
                to = ", ".join(groups)
                if op is Op.INSERT:
                    clause = f"WITH CHECK ({condition})"
                elif op is Op.UPDATE:
                    clause = f"USING ({condition}) WITH CHECK ({condition})"
                else:
                    clause = f"USING ({condition})"
                out.append(f"CREATE POLICY {policy} ON {name} FOR {op} TO {to} {clause}")
    return out


def _function_grants(catalog: Catalog) -> list[str]:
    out: list[str] = []
    for name, call in FUNCTIONS.items():
        roles = function_roles(call)
        for signature in catalog.signatures(name):
            out.append(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
            if roles is None:
                continue
            if call in (Call.STAFF, Call.EVERY_LOGIN):
                targets = [STAFF] + ([FIRST_LOGIN] if call is Call.EVERY_LOGIN else [])
            else:
                targets = [group(r) for r in sorted(roles)]
            out.append(f"GRANT EXECUTE ON FUNCTION {signature} TO {', '.join(targets)}")
    return out


def statements(catalog: Catalog) -> list[str]:
    """Every statement that builds the matrix on a stripped database."""
    out = [f"GRANT USAGE ON SCHEMA public TO {STAFF}, {FIRST_LOGIN}"]
    for name, table in TABLES.items():
        out += _table_grants(name, table, catalog)
        out += _policies(name, table, catalog)
    out += [f"GRANT SELECT ON {name} TO {FIRST_LOGIN}" for name in FIRST_LOGIN_READS]
    out += _function_grants(catalog)
    return out


# --- on a live connection ----------------------------------------------------------------------

def _live_catalog(conn: Connection) -> Catalog:
    def columns(table: str) -> list[str]:
        return list(conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND table_name = :t ORDER BY ordinal_position"), {"t": table}).scalars())

    def sequences(table: str) -> list[str]:
        return list(conn.execute(text(
            "SELECT s.relname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid "
            "JOIN pg_class t ON t.oid = d.refobjid WHERE s.relkind = 'S' "
            "AND t.relname = :t AND t.relnamespace = 'public'::regnamespace "
            "ORDER BY s.relname"), {"t": table}).scalars())

    def signatures(function: str) -> list[str]:
        return list(conn.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.proname = :f "
            "AND p.pronamespace = 'public'::regnamespace ORDER BY 1"), {"f": function}).scalars())

    owner = conn.execute(text("SELECT current_user")).scalar_one()
    return Catalog(columns, sequences, signatures, str(owner))


def undeclared(conn: Connection) -> tuple[list[str], list[str]]:
    """Tables and functions of the schema the declaration does not know."""
    tables = conn.execute(text(
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind IN ('r', 'p', 'v', 'm') ORDER BY relname")).scalars()
    functions = conn.execute(text(
        "SELECT DISTINCT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
        "ORDER BY proname")).scalars()
    return ([t for t in tables if t not in TABLES], [f for f in functions if f not in FUNCTIONS])


def ensure_groups(conn: Connection) -> None:
    """The first-login group (cluster-wide; created once)."""
    conn.execute(text(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{FIRST_LOGIN}') "
        f"THEN CREATE ROLE {FIRST_LOGIN} NOLOGIN; END IF; END $$"))


def strip(conn: Connection) -> None:
    """Remove every grant to the program's groups and every row-security policy in the
    schema (row security itself stays on: no policy, no rows)."""
    ensure_groups(conn)
    for role in all_groups():
        conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}"))
        conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}"))
        conn.execute(text(f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM {role}"))
    policies = conn.execute(text(
        "SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public'")).all()
    for policy, table in policies:
        conn.execute(text(f'DROP POLICY "{policy}" ON "{table}"'))


def no_row_security(conn: Connection) -> None:
    """Row security off on every table (a downgrade below the matrix restores its own)."""
    for table in conn.execute(text(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind = 'r' AND (relrowsecurity OR relforcerowsecurity)")).scalars():
        conn.execute(text(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY'))
        conn.execute(text(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY'))


def apply(conn: Connection) -> None:
    """Build the matrix (on a stripped schema)."""
    tables, functions = undeclared(conn)
    if tables or functions:
        raise RuntimeError("not in the permission matrix (jd_admin/domain/access.py): "
                           + ", ".join(tables + functions))
    ensure_groups(conn)
    for statement in statements(_live_catalog(conn)):
        conn.execute(text(statement))
