"""Shared fixtures: a fresh database per test, on SQLite and on a real PostgreSQL.

Fixture API (used by the service, CLI and GUI tests alike):

``pg_server`` (session)
    A PostgreSQL server with a superuser: ``admin_url(database)`` (superuser URL of that
    database) and ``tcp_url(database)`` (the credential-less TCP URL a desktop would be
    configured with). Either ``$JD_ADMIN_TEST_DATABASE_URL`` (an existing server; the URL of a
    superuser, or of a role with CREATEDB + CREATEROLE) or a throw-away cluster started by
    ``tests/pg_cluster.py``. Without PostgreSQL the PostgreSQL tests are skipped, loudly; with
    ``CI=true`` they fail.

``test_db`` (function, parametrised ``sqlite`` / ``postgres``), ``sqlite_db``, ``pg_db``
    A :class:`TestDb`: a migrated database of its own (copied from a session template).

No Qt is imported here: pytest-qt provides ``qapp`` and ``qtbot``.
"""

from __future__ import annotations

import decimal
import functools
import itertools
import os
import shlex
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

# --- process environment: before anything imports Qt or reads the app's paths -------------
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_DATA_DIR = Path(tempfile.mkdtemp(prefix="jd_admin_test_data_"))
os.environ["JD_ADMIN_DATA_DIR"] = str(_SESSION_DATA_DIR)
os.environ.pop("JD_ADMIN_DATABASE_URL", None)

_watchdogs: list[subprocess.Popen[bytes]] = []


def _clean_up_if_killed(shell_commands: str) -> None:
    """Run ``shell_commands`` once this process is gone, even if it is killed (SIGKILL, a tool's
    timeout) and never reaches its own teardown: a detached shell watches /proc/<pid>."""
    if not Path(f"/proc/{os.getpid()}").is_dir():
        return
    script = (f"while [ -d /proc/{os.getpid()} ]; do sleep 1; done; "
              f"{{ {shell_commands}; }} >/dev/null 2>&1")
    _watchdogs.append(subprocess.Popen(
        ["sh", "-c", script], start_new_session=True, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))


_clean_up_if_killed(f"rm -rf {shlex.quote(str(_SESSION_DATA_DIR))}")

# Money must never meet a float: make any float/Decimal mix an error for the whole run.
decimal.DefaultContext.traps[decimal.FloatOperation] = True
decimal.getcontext().traps[decimal.FloatOperation] = True

import pytest  # noqa: E402
from pg_cluster import PgCluster, PostgresUnavailable  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import URL, Engine, make_url  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from jd_admin import db  # noqa: E402
from jd_admin.config import DatabaseTarget, normalise_url  # noqa: E402
from jd_admin.models import Role  # noqa: E402
from jd_admin.services.accounts import passwords, users  # noqa: E402
from jd_admin.services.actor import Actor, actor_for_username, system_actor  # noqa: E402

if TYPE_CHECKING:
    from jd_admin.services.demo.district import DemoReport

T = TypeVar("T")
TEST_PASSWORD = "Passw0rd!x"
PG_TEMPLATE = "jd_template"
#: Cluster-wide group roles created by migration 0002; kept between tests.
GROUP_ROLES = frozenset({"jd_staff"} | {f"jd_{r.value}" for r in Role})

_skipped_postgres: list[str] = []


class _RememberingHasher:
    """The application's argon2 hasher (its own parameters, unchanged), remembering its work for
    the session: one password hashed once (its hash, with a salt drawn once, is handed out
    again), one (hash, password) pair verified once (the same verdict, or a new exception of
    the same class, again). A hash and a verification cost ~0.3 s each on the test machine
    (m=64 MiB, t=3, p=4) and the suite does hundreds of them with the same few passwords;
    verifying is a pure function of its two inputs, so the answers are exactly the hasher's."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self._hashes: dict[str | bytes, str] = {}
        self._verdicts: dict[tuple[str | bytes, str | bytes], Any] = {}

    def hash(self, password: str | bytes) -> str:
        if password not in self._hashes:
            self._hashes[password] = self._real.hash(password)
        return self._hashes[password]

    def verify(self, hash_: str | bytes, password: str | bytes) -> Any:
        key = (hash_, password)
        if key not in self._verdicts:
            try:
                self._verdicts[key] = self._real.verify(hash_, password)
            except Exception as exc:
                self._verdicts[key] = exc
        verdict = self._verdicts[key]
        if isinstance(verdict, Exception):
            raise type(verdict)(*verdict.args)
        return verdict

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


passwords._hasher = _RememberingHasher(passwords._hasher)  # type: ignore[assignment]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use PostgreSQL carry the ``postgres`` marker (``-m "not postgres"``)."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "pg_db" in names or "pg_server" in names:
            item.add_marker(pytest.mark.postgres)


_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SESSION_DATA_DIR, ignore_errors=True)
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """After the report: leave without the interpreter's final garbage collection when Qt was
    loaded. PySide6 6.12 can crash in that last collection ("bool_dealloc"), after every test
    has passed and been reported, which would turn a green run red. Everything the tests
    started (the PostgreSQL cluster, temporary files) is already stopped and removed."""
    import sys

    if "PySide6.QtCore" in sys.modules and _exit_status:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[-1])


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _skipped_postgres:
        terminalreporter.write_sep("!", "POSTGRESQL TESTS WERE SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            "Every test that needs PostgreSQL was skipped, so this run proves NOTHING about "
            "PostgreSQL (roles, grants, SECURITY DEFINER functions, audit trigger).", red=True)
        terminalreporter.write_line(f"Reason: {_skipped_postgres[0]}", red=True)
        terminalreporter.write_line(
            "Install the PostgreSQL server (initdb, pg_ctl) or set JD_ADMIN_TEST_DATABASE_URL.",
            red=True)


# --- PostgreSQL ---------------------------------------------------------------------------

class PgServer:
    """A PostgreSQL server the tests may create databases and roles on."""

    def __init__(self, admin_base: URL, tcp_base: URL, log_file: Path | None = None,
                 cluster: PgCluster | None = None) -> None:
        #: The throw-away cluster the run started (None on an external server): the drills
        #: restart it (``restart_server``).
        self.cluster = cluster
        self._admin_base = admin_base
        self._tcp_base = tcp_base
        self.log_file = log_file
        self.superuser = admin_base.username or ""
        self._engine: Engine | None = None

    @classmethod
    def from_cluster(cls, cluster: PgCluster) -> PgServer:
        return cls(normalise_url(cluster.admin_url("postgres")),
                   normalise_url(cluster.tcp_url("postgres")), cluster.logfile, cluster)

    @classmethod
    def from_url(cls, raw: str) -> PgServer:
        admin = normalise_url(raw)
        if not admin.database:
            admin = admin.set(database="postgres")
        host = admin.host or str(admin.query.get("host") or "") or "localhost"
        if host.startswith("/"):  # a Unix socket: a desktop would use TCP on this machine
            host = "127.0.0.1"
        port = admin.port or admin.query.get("port")
        tcp = URL.create("postgresql+psycopg", host=host,
                         port=int(str(port)) if port else None, database=admin.database)
        return cls(admin, tcp)

    def admin_url(self, database: str) -> str:
        """The superuser URL of ``database``."""
        return self._admin_base.set(database=database).render_as_string(hide_password=False)

    def tcp_url(self, database: str) -> str:
        """``database`` over TCP without credentials: what a desktop is configured with."""
        return self._tcp_base.set(database=database).render_as_string(hide_password=False)

    @property
    def engine(self) -> Engine:
        """An autocommit superuser engine on the maintenance database."""
        if self._engine is None:
            self._engine = db.make_engine(
                self._admin_base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        return self._engine

    def execute(self, sql: str, **params: object) -> list[tuple[object, ...]]:
        with self.engine.connect() as conn:
            result = conn.execute(text(sql), params)
            return [tuple(r) for r in result] if result.returns_rows else []

    def check(self) -> None:
        try:
            self.execute("SELECT 1")
        except Exception as exc:  # any failure to reach it means "no PostgreSQL"
            lines = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [repr(exc)]
            raise PostgresUnavailable(
                f"cannot connect to {self._admin_base!r}: {lines[0]}") from exc

    def create_database(self, name: str, template: str | None = None) -> None:
        self.drop_database(name)
        suffix = f' TEMPLATE "{template}"' if template else ""
        if template and self.file_copy:
            suffix += " STRATEGY FILE_COPY"
        self.execute(f'CREATE DATABASE "{name}"{suffix}')

    @functools.cached_property
    def file_copy(self) -> bool:
        """PostgreSQL 15+ copies a template file by file on request: faster than its default
        (WAL_LOG, block by block through the WAL) for the small databases of the tests, when
        the checkpoints it takes need not reach the disk (fsync off, as in tests/pg_cluster)."""
        version = int(str(self.execute("SHOW server_version_num")[0][0]))
        return version >= 150000 and self.execute("SHOW fsync")[0][0] == "off"

    def create_login_roles(self, roles: list[LoginRole]) -> None:
        """Create the login roles a seeded database's users had when it was built."""
        with self.engine.connect() as conn:  # the driver's SQL: a verifier has colons
            for role in roles:
                login = "LOGIN" if role.can_login else "NOLOGIN"
                conn.exec_driver_sql(
                    f'CREATE ROLE "{role.name}" {login} NOSUPERUSER NOCREATEDB NOCREATEROLE '
                    f"NOBYPASSRLS INHERIT PASSWORD '{role.verifier}'")
                for group in role.groups:
                    conn.exec_driver_sql(f'GRANT "{group}" TO "{role.name}"')

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def roles(self) -> set[str]:
        return {str(r[0]) for r in self.execute("SELECT rolname FROM pg_roles")}

    def drop_roles(self, names: set[str]) -> None:
        for name in sorted(names - GROUP_ROLES - {self.superuser}):
            self.execute(f'DROP ROLE IF EXISTS "{name}"')

    def _own_cluster(self) -> PgCluster:
        if self.cluster is None:
            pytest.skip("JD_ADMIN_TEST_DATABASE_URL: the drills do not restart an external server")
        self.dispose()
        return self.cluster

    def restart(self) -> None:
        """Restart the server ("fast": every open session is cut off, its transaction rolled
        back). For the drills; skipped on an external server, which the run must not touch."""
        self._own_cluster().restart()

    def stop_server(self) -> None:
        """Stop the server (a drill; :meth:`ensure_running` starts it again)."""
        cluster = self._own_cluster()
        if cluster.running:
            cluster.stop(remove=False)

    def ensure_running(self) -> None:
        """Start the server if a drill left it stopped."""
        if self.cluster is not None and not self.cluster.running:
            self.cluster.restart()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def _no_postgres(reason: str) -> None:
    message = f"PostgreSQL is not available: {reason}"
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{message} (CI=true: PostgreSQL tests must run on CI)", pytrace=False)
    if not _skipped_postgres:
        _skipped_postgres.append(reason)
        warnings.warn(f"POSTGRESQL TESTS SKIPPED: {message}", stacklevel=2)
    pytest.skip(f"POSTGRESQL TESTS SKIPPED: {message}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    external = os.environ.get("JD_ADMIN_TEST_DATABASE_URL")
    if external:
        server = PgServer.from_url(external)
        try:
            server.check()
        except PostgresUnavailable as exc:
            server.dispose()
            _no_postgres(str(exc))
        yield server
        server.dispose()
        return
    try:
        cluster = PgCluster()
    except PostgresUnavailable as exc:  # no server binaries
        _no_postgres(str(exc))
    try:
        cluster.start()
    except PostgresUnavailable as exc:
        cluster.stop()
        _no_postgres(str(exc))
    stop = cluster._cmd(str(cluster.bindir / "pg_ctl"), "-D", str(cluster.datadir),
                        "-m", "immediate", "-w", "stop")
    _clean_up_if_killed(f"{shlex.join(stop)}; rm -rf {shlex.quote(str(cluster.root))}")
    server = PgServer.from_cluster(cluster)
    try:
        yield server
    finally:
        server.dispose()
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> Iterator[str]:
    """``jd_template``: a database migrated to head once per session."""
    pg_server.create_database(PG_TEMPLATE)
    engine = db.make_engine(make_url(pg_server.admin_url(PG_TEMPLATE)))
    try:
        db.upgrade(engine)
    finally:
        engine.dispose()
    # A CREATEDB + CREATEROLE role (not a superuser) administers users only as a jd_admin member.
    if not pg_server.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")[0][0]:
        pg_server.execute("GRANT jd_admin TO current_user")
    yield PG_TEMPLATE
    pg_server.drop_database(PG_TEMPLATE)


# --- SQLite -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session; tests get copies."""
    path = tmp_path_factory.mktemp("sqlite_template") / "template.sqlite3"
    engine = db.make_engine(make_url(f"sqlite:///{path}"))
    try:
        db.upgrade(engine)
    finally:
        engine.dispose()
    return path


# --- the per-test database ----------------------------------------------------------------

class TestDb:
    """One migrated database for one test.

    ``target`` is what a desktop would be configured with (for PostgreSQL: no credentials);
    ``admin_db`` has full rights (the SQLite file; the PostgreSQL superuser) for setup and
    inspection; ``url`` is the admin URL a CLI call gets with ``--database-url``.
    """

    __test__ = False  # not a test class, despite its name

    def __init__(self, kind: str, target: DatabaseTarget, admin_db: db.Database,
                 admin_url: str) -> None:
        self.kind = kind
        self.target = target
        self.admin_db = admin_db
        self.system_actor: Actor = system_actor("test-setup")
        self._url = admin_url
        self._opened: list[db.Database] = []
        #: What a seeded copy was seeded with (``demo_db``: the DemoReport of its logins).
        self.seed: Any = None

    @property
    def url(self) -> str:
        return self._url

    @property
    def is_postgres(self) -> bool:
        return self.kind == "postgres"

    def make_user(self, username: str, role: Role | str, password: str = TEST_PASSWORD,
                  subdistrict: str | None = None, must_change: bool = False) -> None:
        """Create a user (on PostgreSQL also its login role) in its own transaction."""
        with self.admin_db.session() as s, s.begin():
            users.create_user(s, self.system_actor, username, username, role, password,
                              subdistrict, must_change_password=must_change)

    def actor(self, username: str) -> Actor:
        """The Actor of an existing user, read through ``admin_db``."""
        with self.admin_db.session() as s:
            return actor_for_username(s, username)

    def open_as(self, username: str, password: str = TEST_PASSWORD) -> db.Database:
        """The database as ``username`` would open it (PostgreSQL: their own login role over
        TCP; SQLite: the file). Disposed at teardown."""
        return self.track(db.Database.open(self.target, username, password))

    def track(self, database: db.Database) -> db.Database:
        """Dispose ``database`` (e.g. a login's) at teardown."""
        self._opened.append(database)
        return database

    def close(self) -> None:
        for database in self._opened:
            database.dispose()
        self._opened.clear()
        self.admin_db.dispose()


_pg_numbers = itertools.count(1)


@contextmanager
def _sqlite_test_db(template: Path, directory: Path) -> Iterator[TestDb]:
    path = directory / "jd.sqlite3"
    shutil.copyfile(template, path)
    url = f"sqlite:///{path}"
    target = DatabaseTarget(make_url(url))
    tdb = TestDb("sqlite", target, db.Database(target, db.make_engine(target.url)), url)
    try:
        yield tdb
    finally:
        tdb.close()


@contextmanager
def _pg_test_db(server: PgServer, template: str,
                login_roles: list[LoginRole] | None = None) -> Iterator[TestDb]:
    name = f"jd_t_{next(_pg_numbers)}"
    roles_before = server.roles()
    server.create_database(name, template=template)
    server.create_login_roles(login_roles or [])
    admin_url = server.admin_url(name)
    admin_target = DatabaseTarget(normalise_url(admin_url))
    tdb = TestDb("postgres", DatabaseTarget(normalise_url(server.tcp_url(name))),
                 db.Database(admin_target, db.make_engine(admin_target.url)), admin_url)
    try:
        yield tdb
    finally:
        tdb.close()
        server.drop_database(name)
        server.drop_roles(server.roles() - roles_before)


@contextmanager
def _test_db(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDb]:
    if kind == "sqlite":
        with _sqlite_test_db(request.getfixturevalue("sqlite_template"), tmp_path) as tdb:
            yield tdb
    else:
        template = request.getfixturevalue("pg_template")
        with _pg_test_db(request.getfixturevalue("pg_server"), template) as tdb:
            yield tdb


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                ids=["sqlite", "postgres"])
def test_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDb]:
    with _test_db(request.param, request, tmp_path) as tdb:
        yield tdb


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDb]:
    with _test_db("sqlite", request, tmp_path) as tdb:
        yield tdb


@pytest.fixture
def pg_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDb]:
    with _test_db("postgres", request, tmp_path) as tdb:
        yield tdb


# --- seeded PostgreSQL databases: built once per session, copied per test -------------------

@dataclass(frozen=True)
class LoginRole:
    """A login role as ``users.create_user`` makes it: its verifier and its groups."""

    name: str
    verifier: str
    can_login: bool
    groups: tuple[str, ...]


@dataclass(frozen=True)
class PgSeed(Generic[T]):
    """A database built once per session from the migrated template, then used as a template
    itself: each test gets a fresh copy (``pg_seeded_db``). Login roles are cluster-wide, so
    the build's login roles are dropped once it is done (nothing else in the cluster ever sees
    them: a test that creates the same users in its own database is not disturbed) and created
    again, with the same passwords and groups, for each copy, then dropped with it."""

    template: str
    value: T
    login_roles: list[LoginRole]


def build_pg_seed(server: PgServer, base: str | PgSeed[Any], name: str,
                  build: Callable[[TestDb], tuple[T, dict[str, str]]]) -> PgSeed[T]:
    """Copy ``base`` (a template database, or another seed with its login roles) to ``name``
    and run ``build`` on it; ``build`` returns its value and the password of every login role
    it created (by user name)."""
    inherited = {} if isinstance(base, str) else {r.name: r for r in base.login_roles}
    roles_before = server.roles()
    server.create_database(name, template=base if isinstance(base, str) else base.template)
    server.create_login_roles(list(inherited.values()))
    admin_url = server.admin_url(name)
    admin_target = DatabaseTarget(normalise_url(admin_url))
    tdb = TestDb("postgres", DatabaseTarget(normalise_url(server.tcp_url(name))),
                 db.Database(admin_target, db.make_engine(admin_target.url)), admin_url)
    try:
        value, logins = build(tdb)
        created = server.roles() - roles_before
        unknown = created - set(logins) - set(inherited)
        assert not unknown, f"login roles without a password: {unknown}"
        login_roles = []
        with tdb.admin_db.session() as s:
            for username in sorted(created):
                can_login, groups = s.execute(text(
                    "SELECT r.rolcanlogin, array(SELECT g.rolname FROM pg_auth_members m "
                    "JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid "
                    "ORDER BY g.rolname) FROM pg_roles r WHERE r.rolname = :n"),
                    {"n": username}).one()
                verifier = (users.scram_verifier(s, username, logins[username])
                            if username in logins else inherited[username].verifier)
                login_roles.append(LoginRole(username, verifier, bool(can_login), tuple(groups)))
    finally:
        tdb.close()
    server.drop_roles(created)
    return PgSeed(name, value, login_roles)


@contextmanager
def pg_seeded_db(request: pytest.FixtureRequest, seed: PgSeed[Any]) -> Iterator[TestDb]:
    """A fresh copy of ``seed``'s database, with its login roles, for one test."""
    with _pg_test_db(request.getfixturevalue("pg_server"), seed.template,
                     seed.login_roles) as tdb:
        yield tdb


@pytest.fixture(scope="session")
def pg_demo(pg_server: PgServer, pg_template: str) -> Iterator[PgSeed[DemoReport]]:
    """The demo district (no vouchers), loaded once per session (~3 s a load)."""
    from jd_admin.services.demo.district import load_demo_district

    def build(tdb: TestDb) -> tuple[DemoReport, dict[str, str]]:
        with tdb.admin_db.session() as s, s.begin():
            report = load_demo_district(s, tdb.system_actor, vouchers=0)
        return report, {d.username: d.password for d in report.new_logins}

    seed = build_pg_seed(pg_server, pg_template, "jd_template_demo", build)
    yield seed
    pg_server.drop_database(seed.template)


@pytest.fixture(scope="session")
def sqlite_demo(sqlite_template: Path,
                tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoReport]:
    """A SQLite file with the demo district (no vouchers), loaded once per session."""
    from jd_admin.services.demo.district import load_demo_district

    path = tmp_path_factory.mktemp("sqlite_demo") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    database = db.Database(DatabaseTarget(make_url(f"sqlite:///{path}")),
                           db.make_engine(make_url(f"sqlite:///{path}")))
    try:
        with database.session() as s, s.begin():
            report = load_demo_district(s, system_actor("test-setup"), vouchers=0)
    finally:
        database.dispose()
    return path, report


@pytest.fixture
def sqlite_demo_db(sqlite_demo: tuple[Path, DemoReport], tmp_path: Path) -> Iterator[TestDb]:
    """A fresh copy of the SQLite demo district; ``seed`` is its DemoReport (the logins)."""
    path, report = sqlite_demo
    with _sqlite_test_db(path, tmp_path) as tdb:
        tdb.seed = report
        yield tdb


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                ids=["sqlite", "postgres"])
def demo_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDb]:
    """``test_db`` with the demo district (no vouchers) in it, as ``load_demo_district`` leaves
    it (loaded once per session, copied per test); ``seed`` is its DemoReport (the logins)."""
    if request.param == "sqlite":
        tdb = request.getfixturevalue("sqlite_demo_db")
        yield tdb
        return
    seed: PgSeed[DemoReport] = request.getfixturevalue("pg_demo")
    with pg_seeded_db(request, seed) as tdb:
        tdb.seed = seed.value
        yield tdb


@pytest.fixture
def data_dir() -> Path:
    """The session's ``JD_ADMIN_DATA_DIR`` (logs, QSettings, the local lockout file)."""
    return _SESSION_DATA_DIR


FULL_GC_EVERY = 25
_tests_run = itertools.count(1)


@pytest.fixture(autouse=True)
def _gc_on_the_test_thread():
    """Ops run Python in worker threads; an automatic garbage collection started there could
    free Qt objects while the GUI thread deletes them. As in the application
    (ui/app.py GuiThreadGarbageCollector), collect only on the main thread, between tests:
    the young generations after each test, everything after every ``FULL_GC_EVERY`` tests (a
    full collection costs ~0.3 s once Qt and the suite are loaded: run after every test it was
    half of the suite's time)."""
    import gc

    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(2 if next(_tests_run) % FULL_GC_EVERY == 0 else 1)


@pytest.fixture
def gui_thread_gc(qapp):
    """No cyclic garbage collection while a GUI test runs; all of it here, on the GUI thread.

    Ops run Python in worker threads, so an automatic collection can start there and free the
    wrappers of an earlier test's widgets while the GUI thread deletes those widgets: a
    segfault in shiboken. (Anki disables automatic collection in its GUI for this reason.)
    Used by the GUI test modules through ``pytestmark``."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        gc.enable()


@pytest.fixture
def bridge(monkeypatch: pytest.MonkeyPatch):
    """The message bridge replaced by a recorder that answers from queues (GUI tests)."""
    from gui_support import RecordingBridge

    from jd_admin.ui import messages

    recorder = RecordingBridge()
    monkeypatch.setattr(messages, "bridge", recorder)
    return recorder


@pytest.fixture
def chooser(monkeypatch: pytest.MonkeyPatch):
    """The file chooser replaced by a recorder that answers from queues (GUI tests)."""
    from gui_support import RecordingChooser

    from jd_admin.ui import files

    recorder = RecordingChooser()
    monkeypatch.setattr(files, "chooser", recorder)
    return recorder
