"""The permission matrix (jd_admin/domain/access.py) as the PostgreSQL server enforces it.

Every role logs in with its own login role over TCP, as a desktop does, against the demo
district with a small voucher ledger, and every table x SELECT/INSERT/UPDATE/DELETE is tried:
what the declaration allows works on exactly the rows of the role's scope (counted against an
oracle written here, independently of the declaration), what it denies fails with 42501. A
table or function the declaration does not know fails the test (and the upgrade itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from conftest import PgSeed, TestDb, build_pg_seed, pg_seeded_db
from sql_support import sqlstate
from sqlalchemy import Connection, Engine, text

from jd_admin.domain.access import FIRST_LOGIN_READS, FUNCTIONS, TABLES, Op, may_touch
from jd_admin.domain.permissions import PERMISSIONS, Action, Scope
from jd_admin.domain.roles import Role
from jd_admin.migrations import access
from jd_admin.models import Settlement
from jd_admin.models.base import Base
from jd_admin.services import settlement
from jd_admin.services.demo.district import DemoReport
from jd_admin.services.settlement.generate import freeze

pytestmark = pytest.mark.postgres

#: Rows of a table that belong to subdistrict :sd — the oracle for the subdistrict scope.
OWN_APPLICATION = "application_id IN (SELECT id FROM application WHERE subdistrict_id = :sd)"
OWN_INSPECTION = ("inspection_id IN (SELECT i.id FROM inspection i JOIN venue v "
                  "ON v.id = i.venue_id WHERE v.subdistrict_id = :sd)")
OWN_ROWS = {
    "application": "subdistrict_id = :sd",
    "application_sport": OWN_APPLICATION,
    "application_coach": OWN_APPLICATION,
    "attachment": "application_id IN (SELECT id FROM application WHERE subdistrict_id = :sd) "
                  "OR agreement_id IN (SELECT a.id FROM agreement a JOIN venue v "
                  "ON v.id = a.venue_id WHERE v.subdistrict_id = :sd)",
    "venue": "subdistrict_id = :sd",
    "venue_sport": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "venue_status_change": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "venue_coach": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "agreement": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "audit_event": "subdistrict_id = :sd",
    # inspections: by the venue's subdistrict
    "inspection_assignment": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "inspection": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "inspection_item": OWN_INSPECTION,
    "inspection_photo": f"{OWN_INSPECTION} OR order_id IN (SELECT o.id FROM "
                        "rectification_order o JOIN venue v ON v.id = o.venue_id "
                        "WHERE v.subdistrict_id = :sd)",
    "rectification_order": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "training_attendance": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    # early warning: by the venue's subdistrict
    "venue_warning": "venue_id IN (SELECT id FROM venue WHERE subdistrict_id = :sd)",
    "warning_voucher": "warning_id IN (SELECT w.id FROM venue_warning w JOIN venue v "
                       "ON v.id = w.venue_id WHERE v.subdistrict_id = :sd)",
    # statistics: a redemption row by its venue's subdistrict (a claim row names none)
    "voucher_day_stat": "subdistrict_id = :sd",
    "voucher_month_stat": "subdistrict_id = :sd",
}
#: An inspector's inspections: those of the assignments made to it (:me).
MY_INSPECTION = ("SELECT i.id FROM inspection i JOIN inspection_assignment a "
                 "ON a.id = i.assignment_id WHERE a.inspector = :me")
#: Rows of a table that are the login's own (:me) — the oracle for the own scope.
OWN_ACTS = {
    "audit_event": "actor = :me",
    "inspection_assignment": "inspector = :me",
    "inspection": f"id IN ({MY_INSPECTION})",
    "inspection_item": f"inspection_id IN ({MY_INSPECTION})",
    "inspection_photo": f"inspection_id IN ({MY_INSPECTION}) OR order_id IN (SELECT o.id "
                        f"FROM rectification_order o WHERE o.inspection_id IN ({MY_INSPECTION}))",
    "rectification_order": f"inspection_id IN ({MY_INSPECTION})",
    "inspection_checkout": "inspector = :me",
}
#: Rows of a table that belong to the venues assigned to the login (:me) — the oracle for the
#: assigned scope.
ASSIGNED_ROWS = {
    "venue_coach": "venue_id IN (SELECT venue_id FROM inspection_assignment WHERE inspector = :me)",
}
FIRST_LOGIN = "first_login"  # a login whose initial password is unchanged, as a "role"


@dataclass(frozen=True)
class Login:
    name: str
    role: Role | None  # None: the first-login account
    engine: Engine
    subdistrict_id: int | None



@pytest.fixture(scope="session")
def district_seed(pg_server, pg_demo: PgSeed[DemoReport],
                  tmp_path_factory) -> Iterator[PgSeed[DemoReport]]:
    """The demo district (conftest.pg_demo) and a voucher ledger, built once per session."""
    from voucher_support import KEY, SUSPENDED_VENUE, row, setup_ledger, t, write_csv

    from jd_admin.services.vouchers import importer

    def build(tdb: TestDb) -> tuple[DemoReport, dict[str, str]]:
        setup_ledger(tdb)
        rows = [row(f"M{n:05d}", f"1380000{n:04d}", t(10 + n % 5), t(11 + n % 5))
                for n in range(8)]
        rows.append(row("M09999", "13800000001", t(21), t(21, 12),  # flagged: a suspended venue
                        venue=SUSPENDED_VENUE))
        csv = write_csv(tmp_path_factory.mktemp("district") / "v.csv", rows)
        with tdb.admin_db.session() as s, s.begin():
            importer.import_vouchers(s, tdb.system_actor, csv, key=KEY)
        with tdb.admin_db.session() as s, s.begin():  # a settlement of the month, with exclusions
            sid = settlement.generate(s, tdb.system_actor, dt.date(2026, 11, 1),
                                      today=dt.date(2026, 12, 1)).settlement_id
        with tdb.admin_db.session() as s, s.begin():  # and its items (verification's first half)
            freeze(s, s.get_one(Settlement, sid))
        with tdb.admin_db.engine.begin() as c:  # a write the server has not checked yet
            c.execute(text("INSERT INTO voucher_check_pending SELECT min(citizen_id) FROM voucher"))
            c.execute(text("INSERT INTO voucher_batch_check_pending "
                           "SELECT max(id) FROM issuance_batch"))
            c.execute(text(  # offline checkouts of two inspectors (services/inspections/offline)
                "INSERT INTO inspection_checkout (token, inspector, assignments, digest, status, "
                "created_by, created_at, note, version) VALUES "
                "('t1', 'inspector1', '[]', 'd', 'open', 'inspector1', now(), '', 1), "
                "('t2', 'inspector2', '[]', 'd', 'open', 'bureau1', now(), '', 1)"))
            c.execute(text(  # a warning at every venue, each with a voucher (services/warnings)
                "INSERT INTO venue_warning (venue_id, signal, day, figures, explanation, status, "
                "created_by, created_at, version) SELECT id, 'daily_above_line', "
                "DATE '2026-11-10', '{}', 't', 'open', 'jd_admin', now(), 1 FROM venue"))
            c.execute(text("INSERT INTO warning_voucher (warning_id, voucher_id) "
                           "SELECT id, (SELECT min(id) FROM voucher) FROM venue_warning"))
        return pg_demo.value, {}

    seed = build_pg_seed(pg_server, pg_demo, "jd_template_district", build)
    yield seed
    pg_server.drop_database(seed.template)


@pytest.fixture
def district_db(request: pytest.FixtureRequest,
                district_seed: PgSeed[DemoReport]) -> Iterator[TestDb]:
    """A fresh copy of the district of ``district_seed`` for one test."""
    with pg_seeded_db(request, district_seed) as tdb:
        yield tdb


@pytest.fixture
def district(district_db: TestDb, district_seed: PgSeed[DemoReport]) -> dict[str, Login]:
    """The demo district, a voucher ledger, one login per role and a first-login account."""
    logins: dict[str, Login] = {}
    for demo in district_seed.value.new_logins:
        if demo.role.value in logins:
            continue
        actor = district_db.actor(demo.username)
        logins[demo.role.value] = Login(demo.username, demo.role,
                                        district_db.open_as(demo.username, demo.password).engine,
                                        actor.subdistrict_id)
    district_db.make_user("newcomer", Role.BUREAU_STAFF, must_change=True)
    logins[FIRST_LOGIN] = Login("newcomer", None, district_db.open_as("newcomer").engine, None)
    assert set(logins) == {r.value for r in Role} | {FIRST_LOGIN}
    return logins


def _count(conn: Connection, table: str, where: str = "true", **params: object) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}"),
                            params).scalar_one())


def _expected_rows(table: str, role: Role) -> str | None:
    """The oracle's condition for the rows ``role`` reads (None: every row)."""
    conditions = []
    for grant in TABLES[table].grants:
        if Op.SELECT not in grant.ops:
            continue
        if not isinstance(grant.by, Action):
            return None
        if role not in PERMISSIONS[grant.by].roles:
            continue
        scope = PERMISSIONS[grant.by].scope(role)
        if scope is Scope.ALL:
            return None
        oracle = {Scope.OWN_SUBDISTRICT: OWN_ROWS, Scope.OWN: OWN_ACTS,
                  Scope.ASSIGNED: ASSIGNED_ROWS}[scope]
        conditions.append(oracle[table])
    return " OR ".join(f"({c})" for c in conditions)


def _may(login: Login, table: str, op: Op) -> bool:
    if login.role is None:
        return op is Op.SELECT and table in FIRST_LOGIN_READS
    return may_touch(table, login.role, op)


def test_every_table_and_function_is_declared(pg_db) -> None:
    with pg_db.admin_db.engine.connect() as conn:
        assert access.undeclared(conn) == ([], [])
        tables = set(conn.execute(text(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind = 'r'")).scalars())
    views = {name for name, table in TABLES.items() if table.view}
    assert tables == set(TABLES) - views  # nothing declared that the schema does not have
    assert set(Base.metadata.tables) | {"alembic_version"} == set(TABLES) - views


def test_an_undeclared_table_stops_the_matrix(pg_db) -> None:
    """A new table without an entry cannot slip in unprotected: building the matrix fails."""
    with pg_db.admin_db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE stray (id integer)"))
        conn.execute(text("CREATE FUNCTION jd_stray() RETURNS integer LANGUAGE sql AS 'SELECT 1'"))
        assert access.undeclared(conn) == (["stray"], ["jd_stray"])
        with pytest.raises(RuntimeError, match="stray"):
            access.apply(conn)
        conn.rollback()


def test_the_whole_matrix_as_real_logins(district_db, district) -> None:
    admin = district_db.admin_db.engine
    problems: list[str] = []
    with admin.connect() as conn:
        totals = {table: _count(conn, table) for table in TABLES}
        columns = {table: list(conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND table_name = :t ORDER BY ordinal_position"), {"t": table}).scalars())
            for table in TABLES}
    # the data is there to be seen: every table with rows the scopes can tell apart
    empty = [t for t, n in totals.items() if n == 0]
    assert empty == [], empty
    for key, login in district.items():
        for table in TABLES:
            first = columns[table][0]
            sensitive = TABLES[table].sensitive
            visible = [c for c in columns[table] if c not in sensitive] or [first]
            tries = {
                Op.SELECT: f"SELECT count(*) FROM (SELECT {', '.join(visible)} FROM {table}) x",
                Op.INSERT: f"INSERT INTO {table} DEFAULT VALUES",
                Op.UPDATE: f"UPDATE {table} SET {first} = {first} WHERE false",
                Op.DELETE: f"DELETE FROM {table} WHERE false",
            }
            for op, sql in tries.items():
                allowed = _may(login, table, op)
                state = sqlstate(login.engine, sql)
                if not allowed and state != "42501":
                    problems.append(f"{key} {op} {table}: not refused ({state})")
                if allowed and op in (Op.SELECT, Op.DELETE) and state is not None:
                    problems.append(f"{key} {op} {table}: refused ({state})")
                if allowed and op in (Op.INSERT, Op.UPDATE):  # the rows need real data:
                    with admin.connect() as conn:  # the privilege itself is what we check
                        has = conn.execute(text(
                            "SELECT has_any_column_privilege(:u, :t, :op)"),
                            {"u": login.name, "t": table, "op": op.value}).scalar_one()
                    if not has:
                        problems.append(f"{key} {op} {table}: no privilege")
            if login.role is None or not _may(login, table, Op.SELECT):
                continue
            # the rows of the scope, no more, no fewer
            with login.engine.connect() as conn:
                seen = _count(conn, table)
            where = _expected_rows(table, login.role)
            if where is not None:
                with admin.connect() as conn:
                    expected = _count(conn, table, where, sd=login.subdistrict_id,
                                      me=login.name)
                assert expected < totals[table], table  # the scope narrows something
            else:
                expected = totals[table]
            if seen != expected:
                problems.append(f"{key} sees {seen} rows of {table}, not {expected}")
            # sensitive columns: only the roles allowed to read bank details
            for column in sensitive:
                state = sqlstate(login.engine, f"SELECT {column} FROM {table} LIMIT 1")
                if (login.role in PERMISSIONS[Action.READ_BANK_DETAILS].roles) != (state is None):
                    problems.append(f"{key} reading {table}.{column}: {state}")
    assert problems == []


def test_a_subdistrict_changes_nothing_outside_its_own_rows(district_db, district) -> None:
    """UPDATE and DELETE of another subdistrict's rows touch nothing: the rows are not there."""
    login = district[Role.SUBDISTRICT.value]
    touched = []
    for table, where in OWN_ROWS.items():
        first = "id"
        for op in (Op.UPDATE, Op.DELETE):
            if not may_touch(table, Role.SUBDISTRICT, op):
                continue
            with district_db.admin_db.engine.connect() as conn:
                others = _count(conn, table, f"NOT coalesce({where}, false)",
                                sd=login.subdistrict_id)
            assert others > 0, table
            outside = f"NOT coalesce({where}, false)"
            sql = (f"UPDATE {table} SET {first} = {first} WHERE {outside}"
                   if op is Op.UPDATE else f"DELETE FROM {table} WHERE {outside}")
            with login.engine.begin() as conn:
                n = conn.execute(text(sql), {"sd": login.subdistrict_id}).rowcount
                conn.rollback()
            if n:
                touched.append(f"{op} {table}: {n} rows")
    assert touched == []


def test_a_first_login_reads_only_what_logging_in_needs(district_db, district) -> None:
    login = district[FIRST_LOGIN]
    with login.engine.connect() as conn:
        assert conn.execute(text("SELECT must_change_password FROM app_user "
                                 "WHERE username = session_user")).scalar_one() is True
        conn.execute(text("SELECT jd_record_login()"))
    assert sqlstate(login.engine, "SELECT count(*) FROM venue") == "42501"
    assert sqlstate(login.engine, "SELECT jd_my_subdistrict()") == "42501"


def test_functions_are_executed_by_the_declared_roles_only(district_db, district) -> None:
    with district_db.admin_db.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT p.proname, p.oid::regprocedure::text FROM pg_proc p "
            "WHERE p.pronamespace = 'public'::regnamespace")).all()
        wrong = []
        for name, signature in rows:
            for key, login in district.items():
                may = conn.execute(text("SELECT has_function_privilege(:u, :f, 'EXECUTE')"),
                                   {"u": login.name, "f": signature}).scalar_one()
                call = FUNCTIONS[name]
                if login.role is None:
                    expected = call is access.Call.EVERY_LOGIN
                else:
                    roles = access.function_roles(call)
                    expected = roles is not None and login.role in roles
                if may != expected:
                    wrong.append(f"{key} {signature}: {may}")
    assert wrong == []


def test_catalog_lint_row_security_everywhere_but_declared_public_reads(pg_db) -> None:
    """Issue 9, item 8: every table has row security, enabled and forced, or is declared
    public-read; every sequence belongs to a declared table; nothing is writable by PUBLIC."""
    with pg_db.admin_db.engine.connect() as conn:
        flags = {name: (rls, force) for name, rls, force in conn.execute(text(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"))}
        orphans = conn.execute(text(
            "SELECT s.relname FROM pg_class s WHERE s.relkind = 'S' "
            "AND s.relnamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend d "
            "JOIN pg_class t ON t.oid = d.refobjid WHERE d.objid = s.oid AND t.relkind = 'r')")
        ).scalars().all()
        public_writes = conn.execute(text(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
            "AND (has_table_privilege('public', c.oid, 'INSERT') "
            "OR has_table_privilege('public', c.oid, 'UPDATE') "
            "OR has_table_privilege('public', c.oid, 'DELETE')) AND c.relkind IN ('r', 'v')")
        ).scalars().all()
    for name, table in TABLES.items():
        if not table.view:
            assert flags[name] == ((False, False) if table.public_read else (True, True)), name
    assert orphans == [] and public_writes == []
