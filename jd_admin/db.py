"""Engines, sessions and the migration runner.

Services take a :class:`~sqlalchemy.orm.Session` and never commit; the caller owns the
transaction::

    with db.session() as s, s.begin():
        services.something(s, actor, ...)
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from jd_admin.config import DatabaseTarget

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


def make_engine(url: URL, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite connections enforce foreign keys."""
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
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
    anything to migrate); returns the copy's path, if one was made."""
    before = current_revision(engine)
    copy = None
    if engine.dialect.name == "sqlite" and before != head_revision():
        database = engine.url.database
        if database and database != ":memory:":
            copy = backup_sqlite(Path(database), before)
    from alembic import command

    _run(engine, command.upgrade, revision)
    return copy


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _run(engine, command.downgrade, revision)


def _run(engine: Engine, fn: Any, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, revision)
