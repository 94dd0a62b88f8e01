"""Engines, sessions and the migration runner.

Services take a :class:`~sqlalchemy.orm.Session` and never commit; the caller owns the
transaction::

    with db.session() as s, s.begin():
        services.something(s, actor, ...)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from jd_admin import config
from jd_admin.config import DatabaseTarget
from jd_admin.domain.errors import DatabaseDamaged, DatabaseTooNew, UserError
from jd_admin.domain.text import Text, _

if TYPE_CHECKING:  # (alembic is imported where a migration runs: it costs a login 0.4 s)
    from alembic.config import Config

log = logging.getLogger(__name__)

#: Re-exported for ui/, which does not import SQLAlchemy itself: the type of the session an op
#: receives, and what opening a database file or server raises when it cannot.
__all__ = ["Database", "OperationalError", "Session"]


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def create_private_file(path: Path) -> None:
    """Create ``path`` (and its folder) readable by its owner only, if it does not exist yet.

    A SQLite database holds the pseudonymised ledger and the users' password hashes: it is
    created 0600 (SQLite gives its journal files the database file's mode), never with the
    default umask's world-readable 0644."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def desktop_lock_path(path: Path) -> Path:
    """The desktop program's claim on a SQLite file (ui/app.py ``claim_sqlite``, a QLockFile):
    ``<file>.lock`` next to it."""
    return path.with_name(path.name + ".lock")


def desktop_holding(path: Path) -> int | None:
    """The process id of a running desktop program on this computer that holds ``path``
    (its lock file names a process that still lives), else None. QLockFile writes the
    process id, the application's name and the host name, one per line."""
    try:
        lines = desktop_lock_path(path).read_text(encoding="utf-8", errors="replace").split("\n")
        pid = int(lines[0])
    except (OSError, ValueError):
        return None
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return None  # another computer's (a shared folder): not ours to judge
    return pid if _process_lives(pid) else None


def _process_lives(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # (os.kill would end the process there)
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def make_engine(url: URL, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite connections enforce foreign keys."""
    if url.get_backend_name() == "sqlite":
        # (a "file:…?uri=true" URL is SQLite's own URI: opened as it says, never created here)
        if url.database and url.database != ":memory:" and not url.query.get("uri"):
            create_private_file(Path(url.database))
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    # JIT off: the program's statements are short reads and set-based writes whose estimates
    # (correlated conditions) look expensive; compiling them cost more than running them
    # (1.8 s on a settlement's month at 1M vouchers, benchmarks/settlement_timing.py).
    connect_args = {"connect_timeout": 5, "application_name": "jd_admin",
                    "options": "-c jit=off"}
    connect_args.update(kwargs.pop("connect_args", {}))
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


class Database:
    """One open database: the engine and the session factory of a logged-in client."""

    def __init__(self, target: DatabaseTarget, engine: Engine) -> None:
        self.target = target
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: the SQLite file passed its check at open (:func:`check_file`): its state at a clean
        #: close is remembered as checked (this program's own writes)
        self.checked_file: Path | None = None

    @classmethod
    def open(cls, target: DatabaseTarget, username: str | None = None,
             password: str | None = None) -> Database:
        url = target.url
        if target.is_postgres and username is not None:
            url = target.with_login(username, password)
        return cls(target, make_engine(url))

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s:
            yield s

    def dispose(self) -> None:
        self.engine.dispose()
        if self.checked_file is not None:
            _remember_clean(self.checked_file)
            self.checked_file = None


# --- the SQLite file: damaged, newer, not writable ---------------------------------------------

#: Where the state of each SQLite file last found intact is kept (in the user's data folder):
#: ``{path: [size, mtime_ns]}``. A file unchanged since is not checked again.
CHECKED_FILES = "sqlite-checked.json"


def _marker_file() -> Path:
    return config.data_dir() / CHECKED_FILES


def _file_state(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _checked_states() -> dict[str, list[int]]:
    try:
        data = json.loads(_marker_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _remember_clean(path: Path) -> None:
    try:
        states = _checked_states()
        states[str(path.resolve())] = _file_state(path)
        _marker_file().write_text(json.dumps(states), encoding="utf-8")
    except OSError:
        log.warning("could not remember the check of %s", path)


def sqlite_path(engine: Engine) -> Path | None:
    """The file of a SQLite engine (None for PostgreSQL or an in-memory database)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    return Path(database) if database and database != ":memory:" else None


def check_sqlite_integrity(path: Path, *, always: bool = False) -> bool:
    """Refuse a damaged SQLite file (:class:`DatabaseDamaged`, with the way out: the last
    backup). ``PRAGMA integrity_check`` (the pages, their b-trees and whether every index
    agrees with its table's rows — ``quick_check`` misses a damaged value in a row: 0.3 s warm
    on the 43 MB demo file against quick_check's 0.1 s; the damage drill) runs only
    when the file changed since it was last found intact or closed cleanly by this program
    (:data:`CHECKED_FILES`), or ``always``. Returns whether it ran."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    key = str(path.resolve())
    if not always and _checked_states().get(key) == _file_state(path):
        return False
    try:
        # (read-write where it may: a change cut off by a full disk or a killed process left a
        # journal, which the first connection that can write rolls back)
        conn = sqlite3.connect(path)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check(3)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if sqlite_problem(exc, path) is None:
            # not damage (a folder that cannot be read, a journal it cannot roll back): the
            # program's own connection meets it and says what it is
            log.info("SQLite file %s not checked: %s", path, exc)
            return False
        problems = [str(exc)]
    if problems != ["ok"]:
        log.info("SQLite file %s failed integrity_check: %s", path, problems)
        raise DatabaseDamaged(damaged_message(path, problems[0]))
    _remember_clean(path)
    return True


def damaged_message(path: Path | str | Text, problem: str) -> Text:
    lines = [ln.strip() for ln in problem.splitlines()
             if ln.strip() and not ln.startswith("***")] or [problem]
    problem = lines[0]
    return _("数据库文件 {file} 已损坏（{problem}），不能使用：请用最近一次的备份恢复"
             "（jd-admin restore 备份文件），恢复前请勿继续写入此文件", file=path,
             problem=problem.strip().splitlines()[0][:120])


def known_revisions() -> set[str]:
    """Every schema revision this program knows (its migrations)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {r.revision for r in script.walk_revisions()}


def refuse_newer(revision: str | None) -> None:
    """A database stamped with a revision this program does not know was made by a newer
    version of it: refuse (``db upgrade`` cannot help, and must not copy or touch it)."""
    if revision is not None and revision != head_revision() and revision not in known_revisions():
        raise DatabaseTooNew(_("此数据库由更新版本的程序（修订 {revision}）创建，请安装新版本"
                               "程序（本程序支持到修订 {head}）", revision=revision,
                               head=head_revision()))


def check_file(database: Database) -> str | None:
    """Before a database is used: a SQLite file intact (:func:`check_sqlite_integrity`), and
    a schema revision this program knows (:func:`refuse_newer`). Returns the revision.
    Raises a UserError with the way out; an unreadable file, a server that is down: the
    OperationalError (``services/dberrors.py`` ``classify`` says what it means)."""
    path = sqlite_path(database.engine)
    if path is not None:
        check_sqlite_integrity(path)
    try:
        revision = current_revision(database.engine)
    except DBAPIError as exc:
        problem = sqlite_problem(exc, path)
        if problem is not None:
            raise problem from None
        raise
    refuse_newer(revision)
    if path is not None and path.exists():
        database.checked_file = path
    return revision


def sqlite_problem(exc: BaseException, path: Path | str | None = None) -> UserError | None:
    """A SQLite file found damaged while in use ("database disk image is malformed", "file is
    not a database"): :class:`DatabaseDamaged` with the way out; None for anything else (a
    read-only folder, a full disk, a file that cannot be opened: ``services/dberrors.py``
    ``classify`` says what those mean)."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.DatabaseError):
        return None
    raw = str(orig).lower()
    if "malformed" in raw or "not a database" in raw:
        return DatabaseDamaged(damaged_message(path or _("（未知）"), str(orig)))
    return None


# --- migrations -----------------------------------------------------------------------------

def _script_location() -> str:
    return str(resources.files("jd_admin") / "migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", _script_location())
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def backup_sqlite(path: Path, revision: str | None) -> Path | None:
    """Copy a SQLite file aside before migrating it; returns the copy's path."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}.{revision or 'empty'}.{stamp}.bak")
    shutil.copy2(path, copy)
    log.info("copied %s to %s before migrating", path, copy)
    return copy


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Apply migrations up to ``revision``. A SQLite file is copied aside first (when it has
    anything to migrate); returns the copy's path, if one was made. A damaged file, or a
    database of a newer program (a revision this one does not know) is refused first — no
    copy, nothing touched."""
    path = sqlite_path(engine)
    if path is not None:
        check_sqlite_integrity(path)
    try:
        before = current_revision(engine)
    except DBAPIError as exc:
        problem = sqlite_problem(exc, path)
        if problem is not None:
            raise problem from None
        raise
    refuse_newer(before)
    copy = None
    if path is not None and before != head_revision():
        copy = backup_sqlite(path, before)
    from alembic import command

    try:
        _run(engine, command.upgrade, revision)
    except DBAPIError as exc:
        problem = sqlite_problem(exc, path)
        if problem is not None:
            raise problem from None
        raise
    return copy


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _run(engine, command.downgrade, revision)


def _run(engine: Engine, fn: Any, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, revision)
