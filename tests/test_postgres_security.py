"""What the PostgreSQL server itself enforces (security.md §9 A and B), checked by connecting
over TCP as real login roles, as a desktop does (never SET ROLE from the superuser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_PASSWORD
from sql_support import sqlstate
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from jd_admin.domain.errors import AuthenticationFailed, PermissionDenied
from jd_admin.login import LocalLockout, login
from jd_admin.models import AppUser, AuditEvent, Role
from jd_admin.services import audit
from jd_admin.services.accounts import users
from jd_admin.services.actor import Actor

pytestmark = pytest.mark.postgres

HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
VERIFIER_LIKE = "SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5"



def _error(engine: Engine, sql: str) -> DBAPIError:
    with engine.connect() as conn, pytest.raises(DBAPIError) as excinfo:
        conn.execute(text(sql))
    return excinfo.value


def test_login_roles_are_plain_members_of_their_group(pg_db) -> None:
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    pg_db.make_user("boss", Role.ADMIN)
    pg_db.make_user("nanxiang", Role.SUBDISTRICT, subdistrict="南翔镇")
    # an administrator (a login role, not the superuser) creates a user over TCP
    boss = pg_db.open_as("boss")
    with boss.session() as s, s.begin():
        users.create_user(s, pg_db.actor("boss"), "clerk", "职员", Role.OPERATOR, "Cl3rk!pass9")
        users.create_user(s, pg_db.actor("boss"), "ready", "职员", Role.OPERATOR, "R3ady!pass9",
                          must_change_password=False)
    # clerk has not yet changed the initial password: it is in jd_first_login only (0015)
    expected_group = {"staffer": "jd_bureau_staff", "boss": "jd_admin",
                      "nanxiang": "jd_subdistrict", "clerk": "jd_first_login",
                      "ready": "jd_operator"}
    assert pg_db.actor("clerk").must_change_password
    assert not pg_db.actor("ready").must_change_password
    with pg_db.admin_db.engine.connect() as conn:
        for name, group in expected_group.items():
            row = conn.execute(text(
                "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
                "rolreplication FROM pg_roles WHERE rolname = :n"), {"n": name}).one()
            assert tuple(row) == (True, False, False, False, False, False), name
            groups = set(conn.execute(text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"), {"n": name}
            ).scalars())
            assert groups == {group}, name
            assert conn.execute(text("SELECT pg_has_role(:n, 'jd_staff', 'MEMBER')"),
                                {"n": name}).scalar() is (name != "clerk")
            owned = conn.execute(text(
                "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles "
                "WHERE rolname = :n)"), {"n": name}).scalar()
            assert owned == 0, name
        audit_actor = conn.execute(text(
            "SELECT actor FROM audit_event WHERE entity_id = 'clerk' AND action = 'create'")
        ).scalar_one()
    assert audit_actor == "boss"
    with pg_db.open_as("clerk", "Cl3rk!pass9").engine.connect() as conn:
        assert conn.execute(text("SELECT session_user")).scalar() == "clerk"


def test_non_admins_cannot_call_account_functions(pg_db) -> None:
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    pg_db.make_user("victim", Role.OPERATOR)
    staff = pg_db.open_as("staffer").engine
    calls = [
        "SELECT jd_create_user('mallory', 'M', 'admin', NULL, :v)",
        "SELECT jd_reset_password('victim', :v, NULL)",
        "SELECT jd_set_user_active('victim', false, 'x', NULL)",
        "SELECT jd_require_admin()",
        "SELECT jd_audit('victim', 'forged', NULL, NULL, NULL)",
    ]
    for sql in calls:
        assert sqlstate(staff, sql.replace(":v", f"'{VERIFIER_LIKE}'")) == "42501", sql
    # the service refuses before the database does, with the same meaning
    actor = Actor(username="staffer", full_name="x", role=Role.ADMIN, user_id=1)
    with pg_db.open_as("staffer").session() as s, s.begin(), \
            pytest.raises(PermissionDenied, match="权限"):
        users.reset_password(s, actor, "victim", "R3set+Pass#9")
    with pg_db.admin_db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = 'mallory'")
                            ).scalar() == 0


def test_audit_log_is_append_only(pg_db) -> None:
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    pg_db.make_user("boss", Role.ADMIN)
    for name in ("staffer", "boss"):
        engine = pg_db.open_as(name).engine
        assert sqlstate(engine, "UPDATE audit_event SET action = 'x'") == "42501", name
        assert sqlstate(engine, "DELETE FROM audit_event") == "42501", name
        assert sqlstate(engine, "TRUNCATE audit_event") == "42501", name
    # the owner (here the superuser, who passes every grant) is stopped by the trigger
    owner = pg_db.admin_db.engine
    for sql in ("UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event",
                "TRUNCATE audit_event"):
        err = _error(owner, sql)
        assert getattr(err.orig, "sqlstate", None) == "42501", sql
        assert "审计日志只能追加" in str(err.orig), sql
    with owner.connect() as conn:
        # two account notes (jd_audit) and the two app_user rows' trigger rows
        assert conn.execute(text("SELECT count(*) FROM audit_event WHERE operation IS NULL")
                            ).scalar() == 2


def test_audit_rows_cannot_be_written_directly_or_forged(pg_db) -> None:
    """Migration 0012: no login INSERTs into audit_event; a note (jd_note) gets the login, the
    server's time, and is accepted only for a record the login changed in this transaction."""
    import factories

    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    with pg_db.admin_db.session() as s, s.begin():
        venue_id = factories.venue(s).id
    staff = pg_db.open_as("staffer")
    assert sqlstate(staff.engine,
                     "INSERT INTO audit_event (occurred_at, actor, entity_type, entity_id, action) "
                     "VALUES ('2000-01-01T00:00:00Z', 'admin', 'venue', '1', 'forged')") == "42501"
    # a step's note for a record this login did not change: refused
    assert sqlstate(staff.engine, "SELECT jd_note('venue', :v, 'forged', 'designated', "
                                   "'suspended', 'x')", v=str(venue_id)) == "42501"
    # the same through the service, with an Actor that lies about who it is
    liar = Actor(username="admin", full_name="假冒", role=Role.ADMIN)
    with staff.session() as s, s.begin(), pytest.raises(DBAPIError):
        audit.record(s, liar, "venue", venue_id, "forged_again", from_state="a", to_state="b")
    # a print of a record it may see is accepted, with the login and the server's time
    with staff.session() as s, s.begin():
        audit.record(s, liar, "venue", venue_id, "print")
        now = s.execute(text("SELECT now()")).scalar_one()
    # a print of a record that does not exist: refused (no oracle of which ids exist)
    assert sqlstate(staff.engine, "SELECT jd_note('venue', '999999', 'print', NULL, NULL, NULL)"
                    ) == "42501"
    with pg_db.admin_db.session() as s:
        actor, at = s.execute(select(AuditEvent.actor, AuditEvent.occurred_at)
                              .where(AuditEvent.action == "print")).one()
        forged = s.scalar(select(AuditEvent.id).where(AuditEvent.action.like("forged%")))
    assert (actor, at) == ("staffer", now)
    assert forged is None


def test_users_cannot_write_tables_directly(pg_db) -> None:
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    pg_db.make_user("boss", Role.ADMIN)
    for name in ("staffer", "boss"):
        engine = pg_db.open_as(name).engine
        denied = [
            "UPDATE app_user SET role = 'admin' WHERE username = session_user",
            "UPDATE app_user SET must_change_password = false",
            "INSERT INTO app_user (username, full_name, role, must_change_password, "
            "failed_attempts, is_active, version) VALUES ('x', 'x', 'admin', false, 0, true, 1)",
            "DELETE FROM app_user",
            "UPDATE subdistrict SET name = 'x'",
            "CREATE TABLE public.sneaky (id int)",
            "CREATE ROLE sneaky LOGIN",
        ]
        for sql in denied:
            assert sqlstate(engine, sql) == "42501", (name, sql)
    assert sqlstate(pg_db.open_as("staffer").engine,
                     "UPDATE face_value_rule SET subsidy = 0") == "42501"
    # everyone may read what the app shows
    with pg_db.open_as("staffer").engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM subdistrict")).scalar() == 12


def test_no_jd_function_is_executable_by_public(pg_db) -> None:
    with pg_db.admin_db.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT p.oid::regprocedure::text, has_function_privilege('public', p.oid, 'EXECUTE') "
            "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname LIKE 'jd\\_%'")).all()
    functions = {name: public for name, public in rows}
    assert {"jd_create_user(text,text,text,integer,text,boolean)", "jd_change_own_password(text)",
            "jd_audit_event_guard()"} <= set(functions)
    assert [name for name, public in functions.items() if public] == []


def test_security_definer_functions_pin_search_path(pg_db) -> None:
    with pg_db.admin_db.engine.connect() as conn:
        definers = conn.execute(text(
            "SELECT p.oid::regprocedure::text, coalesce(array_to_string(p.proconfig, ','), '') "
            "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')")).all()
    assert len(definers) >= 6
    unpinned = [name for name, conf in definers if "search_path=" not in conf]
    assert unpinned == []
    for name, conf in definers:
        assert conf.replace(" ", "").startswith("search_path=pg_catalog"), (name, conf)


def test_no_password_hash_on_postgres(pg_db) -> None:
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    pg_db.make_user("boss", Role.ADMIN, must_change=True)
    with pg_db.admin_db.session() as s:
        hashes = s.execute(select(AppUser.username, AppUser.password_hash)).all()
    assert sorted(hashes) == [("boss", None), ("staffer", None)]
    err = _error(pg_db.admin_db.engine,
                 f"UPDATE app_user SET password_hash = '{HASH}' WHERE username = 'staffer'")
    assert getattr(err.orig, "sqlstate", None) == "23514"
    assert "ck_app_user_no_hash_on_server" in str(err.orig)


def test_change_own_password_then_log_in_with_it(pg_db, tmp_path: Path) -> None:
    pg_db.make_user("staffer", Role.BUREAU_STAFF, must_change=True)
    lockout = LocalLockout(tmp_path / "f.json")
    outcome = login(pg_db.target, "staffer", TEST_PASSWORD, lockout=lockout)
    pg_db.track(outcome.database)
    assert outcome.actor is not None and outcome.actor.must_change_password
    with outcome.database.session() as s, s.begin():
        users.change_own_password(s, outcome.actor, TEST_PASSWORD, "N3w-Secret#2")
    outcome.database.dispose()
    again = login(pg_db.target, "staffer", "N3w-Secret#2", lockout=lockout)
    pg_db.track(again.database)
    assert again.actor is not None and not again.actor.must_change_password
    with pytest.raises(AuthenticationFailed, match="用户名或密码错误"):
        pg_db.track(login(pg_db.target, "staffer", TEST_PASSWORD, lockout=lockout).database)
    with pg_db.admin_db.session() as s:
        assert s.scalar(select(AppUser.last_login_at)
                        .where(AppUser.username == "staffer")) is not None


@pytest.mark.parametrize("verifier", [
    "SCRAM-SHA-256$",  # the prefix alone was enough before 0006
    VERIFIER_LIKE,  # keys too short
    "SCRAM-SHA-256$100:c2FsdA==$" + "A" * 43 + "=:" + "B" * 43 + "=",  # too few iterations
    "SCRAM-SHA-256$4096:c2FsdA==$" + "A" * 43 + "=:" + "B" * 43 + "= OR 1=1",
    "md5" + "0" * 32,
    "plain-text-password",
])
def test_a_malformed_verifier_is_refused_by_the_server(pg_db, verifier: str) -> None:
    """Issue 9, finding 6: anything but a well-formed SCRAM-SHA-256 verifier was stored (a
    malformed one as a plaintext password)."""
    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    pg_db.make_user("boss", Role.ADMIN)
    staff = pg_db.open_as("staffer").engine
    assert sqlstate(staff, "SELECT jd_change_own_password(:v)", v=verifier) == "22023"
    boss = pg_db.open_as("boss").engine
    assert sqlstate(boss, "SELECT jd_reset_password('staffer', :v, NULL)", v=verifier) == "22023"
    well_formed = "SCRAM-SHA-256$4096:c2FsdA==$" + "A" * 43 + "=:" + "B" * 43 + "="
    assert sqlstate(staff, "SELECT jd_change_own_password(:v)", v=well_formed) is None


def test_disabling_an_account_ends_its_open_sessions(pg_db) -> None:
    """Issue 9, finding 7: a disabled operator's open session still worked."""
    pg_db.make_user("operator1", Role.OPERATOR)
    pg_db.make_user("boss", Role.ADMIN)
    with pg_db.open_as("operator1").engine.connect() as conn:
        assert conn.execute(text("SELECT session_user")).scalar_one() == "operator1"
        with pg_db.open_as("boss").session() as s, s.begin():
            users.set_active(s, pg_db.actor("boss"), "operator1", False, "调离岗位")
        with pytest.raises(DBAPIError) as ended:
            conn.execute(text("SELECT 1"))
        assert ended.value.connection_invalidated or getattr(
            ended.value.orig, "sqlstate", None) == "57P01"
    with pytest.raises(DBAPIError, match="not permitted to log in"):
        pg_db.open_as("operator1").engine.connect().close()


def test_rule_versions_are_dated_ahead_and_signed_by_the_server(pg_db) -> None:
    """Issue 9, finding 8: the administrator's login inserted rule-table versions dated in the
    past, with a forged author and time."""
    pg_db.make_user("boss", Role.ADMIN)
    boss = pg_db.open_as("boss").engine
    face = ("INSERT INTO face_value_rule (effective_from, face_value, subsidy, concession,"
            " min_order, created_by, created_at) VALUES ({day}, 9900, 5000, 4900, 20000,"
            " 'someone_else', '2001-01-01')")
    usage = ("INSERT INTO usage_rule (effective_from, weekly_claim_limit, max_held,"
             " daily_use_cap, weekly_use_cap, weekly_large_claim_limit, large_face_value,"
             " validity_hours, created_by) VALUES ({day}, 3, 3, 1, 3, 1, 5000, 168, 'someone')")
    past = "current_date - 1"
    today = "(now() AT TIME ZONE 'Asia/Shanghai')::date"
    for sql in (face, usage):
        for day in (past, today):
            assert sqlstate(boss, sql.format(day=day)) == "JD422", (sql, day)
    with boss.begin() as conn:
        conn.execute(text(face.format(day=f"{today} + 30")))
    with pg_db.admin_db.engine.connect() as conn:
        author, age = conn.execute(text(
            "SELECT created_by, now() - created_at FROM face_value_rule"
            " WHERE face_value = 9900")).one()
    assert author == "boss" and age.total_seconds() < 60


def test_catalog_lint_nothing_is_granted_to_public(pg_db) -> None:
    """Issue 9, item 8 (in part): no table, view, sequence or function of the schema grants
    anything to PUBLIC, and PUBLIC cannot create objects in the schema."""
    with pg_db.admin_db.engine.connect() as conn:
        relations = conn.execute(text(
            "SELECT c.relname, a.privilege_type FROM pg_class c"
            " CROSS JOIN LATERAL aclexplode(c.relacl) a"
            " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'S')"
            "   AND a.grantee = 0")).all()
        functions = conn.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p"
            " WHERE p.pronamespace = 'public'::regnamespace"
            "   AND has_function_privilege('public', p.oid, 'EXECUTE')")).scalars().all()
        create = conn.execute(text(
            "SELECT has_schema_privilege('public', 'public', 'CREATE')")).scalar_one()
        tables = conn.execute(text(
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            " AND relkind = 'r'")).scalar_one()
    assert tables >= 20  # the lint looked at the schema
    assert relations == []
    assert functions == []
    assert create is False


def test_venue_history_is_written_by_the_database(pg_db) -> None:
    """Issue 9, finding 9: bureau staff inserted history rows with any actor and date, and
    ``UPDATE venue SET status`` left no history. Now the history row is the database's, with
    the login and the server's time, and a status change needs a reason."""
    import factories

    pg_db.make_user("staffer", Role.BUREAU_STAFF)
    with pg_db.admin_db.session() as s, s.begin():
        venue_id = factories.venue(s, status_reason="登记", status_changed_by="system").id
    staff = pg_db.open_as("staffer").engine
    assert sqlstate(staff, "INSERT INTO venue_status_change (venue_id, to_status, effective_at, "
                            "reason, actor) VALUES (:v, 'withdrawn', '2000-01-01', 'x', 'boss')",
                     v=venue_id) == "42501"
    assert sqlstate(staff, "UPDATE venue SET status = 'suspended', status_reason = ' ' "
                            "WHERE id = :v", v=venue_id) == "JD422"
    with staff.begin() as c:
        c.execute(text("UPDATE venue SET status = 'suspended', status_reason = '价格公示不符', "
                       "status_changed_by = 'boss', status_changed_at = '2000-01-01' "
                       "WHERE id = :v"), {"v": venue_id})
    with pg_db.admin_db.engine.connect() as c:
        rows = c.execute(text(
            "SELECT from_status, to_status, reason, actor, effective_at > now() - interval '1 hour'"
            " FROM venue_status_change WHERE venue_id = :v ORDER BY id"), {"v": venue_id}).all()
    assert [tuple(r) for r in rows] == [
        (None, "designated", "登记", "system", True),
        ("designated", "suspended", "价格公示不符", "staffer", True),
    ]
