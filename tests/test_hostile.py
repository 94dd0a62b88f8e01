"""A hostile but authenticated user with psql (issue 9): each role's own login over TCP against
the demo district, trying what the declaration (jd_admin/domain/access.py and the guards of
migrations 0006-0015) forbids.

The tests named ``test_closed_*`` are holes a hostile review found (each failed on the code it
was written against; migration 0016 and the rewritten ``jd_note`` and chain lock of 0012 close
them). The ``test_held_*`` ones are attacks that held and are not covered elsewhere.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from conftest import PgSeed, TestDb, pg_seeded_db
from sql_support import sqlstate
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from jd_admin.domain.roles import Role
from jd_admin.services.demo.district import DemoReport

pytestmark = pytest.mark.postgres

CHAIN_LOCK = 7_310_512  # the advisory lock key 0012 once serialised the chain's appends with



def _owner(pg_db, sql: str, **params: object) -> list[tuple[object, ...]]:
    with pg_db.admin_db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


@pytest.fixture
def pg_db(request: pytest.FixtureRequest, pg_demo: PgSeed[DemoReport]) -> Iterator[TestDb]:
    """Here each test's own database is a fresh copy of the demo district (loaded once per
    session: conftest.pg_demo)."""
    with pg_seeded_db(request, pg_demo) as tdb:
        yield tdb


@pytest.fixture
def demo(pg_db, pg_demo: PgSeed[DemoReport]) -> dict[str, Engine]:
    """The demo district; every demo login's own engine (by user name) and a first-login
    account ``newcomer``."""
    engines = {d.username: pg_db.open_as(d.username, d.password).engine
               for d in pg_demo.value.new_logins}
    pg_db.make_user("newcomer", Role.BUREAU_STAFF, must_change=True)
    engines["newcomer"] = pg_db.open_as("newcomer").engine
    return engines


def _application(pg_db, state: str) -> tuple[int, int, str]:
    """(id, subdistrict id, its subdistrict's login) of a demo application in ``state``."""
    app_id, sd, login = _owner(
        pg_db, "SELECT a.id, a.subdistrict_id, u.username FROM application a "
               "JOIN app_user u ON u.subdistrict_id = a.subdistrict_id "
               "WHERE a.status = :s ORDER BY a.id LIMIT 1", s=state)[0]
    return int(app_id), int(sd), str(login)  # type: ignore[call-overload]


def _other_venue(pg_db, subdistrict_id: int) -> int:
    return int(_owner(pg_db, "SELECT min(id) FROM venue WHERE subdistrict_id <> :sd",  # type: ignore[call-overload]
                      sd=subdistrict_id)[0][0])


# --- holes ------------------------------------------------------------------------------------

def test_closed_subdistrict_writes_the_bureaus_decision_after_its_own_approval(pg_db, demo):
    """0010's freeze lets a state's review columns change without the step, by anyone with
    UPDATE on the row: the subdistrict (application_update_own, every state) fills in the
    bureau's opinion, reviewer and venue of its application once it approved it itself."""
    app_id, sd, login = _application(pg_db, "subdistrict_approved")
    engine = demo[login]
    for sql in (f"UPDATE application SET bureau_opinion = '同意（伪造）', "
                f"bureau_reviewer = 'approver1', bureau_reviewed_at = now() WHERE id = {app_id}",
                f"UPDATE application SET venue_id = {_other_venue(pg_db, sd)} "
                f"WHERE id = {app_id}"):
        assert sqlstate(engine, sql) in ("JD422", "42501"), sql


def test_closed_bureau_writes_the_subdistricts_review_without_the_step(pg_db, demo):
    """The same for bureau staff: on a submitted application they write the subdistrict's
    opinion and reviewer (the subdistrict's step) without taking any step."""
    app_id, _sd, login = _application(pg_db, "submitted")
    assert sqlstate(demo["bureau1"],
                     f"UPDATE application SET subdistrict_opinion = '街镇同意（伪造）', "
                     f"subdistrict_reviewer = '{login}', subdistrict_reviewed_at = now() "
                     f"WHERE id = {app_id}") in ("JD422", "42501")


def test_closed_a_new_application_carries_a_forged_bureau_decision(pg_db, demo):
    """The freeze guards UPDATE only: a subdistrict INSERTs a draft (the initial state, so 0009
    lets it in) that already carries the bureau's opinion, reviewer and a venue of another
    subdistrict."""
    app_id, sd, login = _application(pg_db, "draft")
    venue = _other_venue(pg_db, sd)
    sql = (f"CREATE TEMP TABLE t AS SELECT * FROM application WHERE id = {app_id}; "
           "UPDATE t SET id = nextval('application_id_seq'), bureau_opinion = '同意（伪造）', "
           f"bureau_reviewer = 'approver1', bureau_reviewed_at = now(), venue_id = {venue}; "
           "INSERT INTO application SELECT * FROM t")
    assert sqlstate(demo[login], sql) in ("JD422", "42501")


def test_closed_jd_note_prints_onto_a_record_the_login_cannot_read(pg_db, demo):
    """jd_note takes a print/download/export note of any record from any non-subdistrict
    login, with any comment and details: the operator (no SELECT on application) writes a
    line into an application's history, which its subdistrict then reads."""
    app_id, _sd, _login = _application(pg_db, "bureau_approved")
    assert sqlstate(demo["operator1"], "SELECT count(*) FROM application") == "42501"
    assert sqlstate(demo["operator1"],
                     "SELECT jd_note('application', :id, 'print', NULL, NULL, "
                     "'区体育局已批准，请拨付', '{\"by\": \"approver1\"}')",
                     id=str(app_id)) == "42501"


def test_closed_jd_note_step_on_another_subdistricts_venue_via_venue_id(pg_db, demo):
    """jd_note accepts a step's note on a record "whose id a changed row names": a subdistrict
    sets its own application's venue_id to another subdistrict's venue (allowed by the freeze
    in subdistrict_approved; an INSERT does it in any state) and writes a "suspended" step into
    that venue's history, which the other subdistrict and the bureau read."""
    app_id, sd, login = _application(pg_db, "subdistrict_approved")
    venue = _other_venue(pg_db, sd)
    with demo[login].connect() as conn:
        try:
            with conn.begin():
                conn.execute(text(f"UPDATE application SET venue_id = {venue} "
                                  f"WHERE id = {app_id}"))
                conn.execute(text("SELECT jd_note('venue', :v, 'suspend', 'designated', "
                                  "'suspended', '街镇核查：停业整顿', NULL)"), {"v": str(venue)})
        except DBAPIError:
            pass
    assert _owner(pg_db, "SELECT count(*) FROM audit_event WHERE entity_type = 'venue' "
                         "AND entity_id = :v AND actor = :me AND action = 'suspend'",
                  v=str(venue), me=login) == [(0,)]


def test_closed_jd_note_step_on_any_record_of_a_non_history_type(pg_db, demo):
    """For entity types other than application/venue/agreement/recruitment_call, jd_note takes
    a step's note from any login that changed anything in the transaction: a subdistrict
    writes "activated" into an issuance batch's and "disabled" into a user's trail."""
    app_id, _sd, login = _application(pg_db, "draft")
    with demo[login].connect() as conn:
        try:
            with conn.begin():
                conn.execute(text(f"UPDATE application SET capacity = capacity + 1 "
                                  f"WHERE id = {app_id}"))
                conn.execute(text("SELECT jd_note('issuance_batch', '1', 'activate', 'draft', "
                                  "'active', 'forged', NULL)"))
                conn.execute(text("SELECT jd_note('app_user', '1', 'disable', 'active', "
                                  "'inactive', 'forged', NULL)"))
        except DBAPIError:
            pass
    assert _owner(pg_db, "SELECT count(*) FROM audit_event WHERE actor = :me "
                         "AND comment = 'forged'", me=login) == [(0,)]


def test_closed_a_first_login_stalls_every_audited_write(pg_db, demo):
    """jd_audit_chain serialises the chain with pg_advisory_xact_lock(7310512) at commit; the
    advisory lock functions are PUBLIC, so any login — even one that may only change its
    initial password — holds that key and every audited write in the district waits."""
    app_id, _sd, login = _application(pg_db, "draft")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with demo["newcomer"].connect() as conn:
            try:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": CHAIN_LOCK})
            except DBAPIError:
                held.set()
                return
            held.set()
            release.wait(10)
            conn.execute(text("SELECT pg_advisory_unlock_all()"))

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        state = None
        with demo[login].connect() as conn:
            try:
                with conn.begin():
                    conn.execute(text("SET LOCAL lock_timeout = '1s'"))
                    conn.execute(text(f"UPDATE application SET capacity = capacity + 1 "
                                      f"WHERE id = {app_id}"))
            except DBAPIError as exc:
                state = getattr(exc.orig, "sqlstate", None)
        assert state is None  # 55P03 (lock timeout) while the first login holds the key
    finally:
        release.set()
        holder.join()


# --- attacks that held ------------------------------------------------------------------------

def test_held_a_first_login_cannot_escape_its_group(pg_db, demo):
    newcomer = demo["newcomer"]
    for sql in ("SET ROLE jd_staff", "SET ROLE jd_bureau_staff", "SELECT count(*) FROM venue",
                "SELECT count(*) FROM audit_event",
                "SELECT jd_note('venue', '1', 'print', NULL, NULL, 'x', NULL)",
                "GRANT jd_bureau_staff TO newcomer", "ALTER ROLE newcomer INHERIT",
                "CREATE TABLE public.x (id int)"):
        assert sqlstate(newcomer, sql) == "42501", sql


def test_held_temp_objects_do_not_shadow_the_scope(pg_db, demo):
    """A temp app_user naming another subdistrict, first on the login's search_path, changes
    nothing: jd_my_subdistrict and the policies pin their search_path."""
    _app_id, sd, login = _application(pg_db, "draft")
    with demo[login].connect() as conn:
        conn.execute(text("CREATE TEMP TABLE app_user AS SELECT * FROM public.app_user"))
        conn.execute(text("UPDATE pg_temp.app_user SET subdistrict_id = NULL"))
        conn.execute(text("SET search_path = pg_temp, public"))
        assert conn.execute(text("SELECT jd_my_subdistrict()")).scalar() == sd
        seen = set(conn.execute(text("SELECT subdistrict_id FROM application")).scalars())
        assert seen == {sd}
        assert set(conn.execute(text("SELECT subdistrict_id FROM audit_event "
                                     "WHERE subdistrict_id IS NOT NULL")).scalars()) <= {sd}


def test_held_pg_stats_and_leaky_functions_show_no_other_rows(pg_db, demo):
    with pg_db.admin_db.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    _app_id, sd, login = _application(pg_db, "draft")
    with demo[login].connect() as conn:
        assert conn.execute(text(
            "SELECT count(*) FROM pg_stats WHERE schemaname = 'public' AND tablename IN "
            "('application', 'venue', 'agreement', 'audit_event', 'attachment')")).scalar() == 0
        notices: list[str] = []
        conn.connection.driver_connection.add_notice_handler(  # type: ignore[union-attr]
            lambda d: notices.append(str(d.message_primary)))
        conn.execute(text(
            "CREATE FUNCTION pg_temp.leak(a application) RETURNS boolean LANGUAGE plpgsql "
            "COST 0.0000001 AS $$ BEGIN RAISE NOTICE 'leak %', a.subdistrict_id; RETURN true; "
            "END $$"))
        rows = conn.execute(text("SELECT subdistrict_id FROM application a "
                                 "WHERE pg_temp.leak(a)")).scalars().all()
        assert set(rows) == {sd}
        assert set(notices) == {f"leak {sd}"}


def test_held_subdistrict_cannot_note_a_print_of_another_subdistricts_record(pg_db, demo):
    app_id, sd, _login = _application(pg_db, "draft")
    other = next(u for s, u in _owner(pg_db, "SELECT subdistrict_id, username FROM app_user "
                                             "WHERE subdistrict_id IS NOT NULL")
                 if s != sd)
    assert sqlstate(demo[str(other)], "SELECT jd_note('application', :id, 'print', NULL, "
                                       "NULL, 'x', NULL)", id=str(app_id)) == "42501"
