"""Where things are: the database URL, the data and log directories.

``JD_ADMIN_DATABASE_URL`` (or ``--database-url``) picks the database; with neither, a SQLite
file in the user's data directory. A PostgreSQL URL names host, port and database only: each
person logs in with their own PostgreSQL login role, so the URL holds no credential (a URL
*with* a user, e.g. the DBA's, is accepted by the CLI for administration).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

APP_NAME = "jd_admin"
APP_AUTHOR = "JiadingSports"
ENV_DATABASE_URL = "JD_ADMIN_DATABASE_URL"
ENV_DATA_DIR = "JD_ADMIN_DATA_DIR"


def data_dir() -> Path:
    """The per-user data directory (the default SQLite file lives here)."""
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """The per-user log directory (rotating log files)."""
    override = os.environ.get(ENV_DATA_DIR)
    path = (
        Path(override) / "logs"
        if override
        else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_sqlite_path() -> Path:
    return data_dir() / "jd_admin.sqlite3"


@dataclass(frozen=True)
class DatabaseTarget:
    """The database to open, without any person's credentials."""

    url: URL

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def display(self) -> str:
        """A description for the status bar and logs, never with a password."""
        if self.is_sqlite:
            return f"SQLite: {self.url.database}"
        host = self.url.host or "localhost"
        port = f":{self.url.port}" if self.url.port else ""
        return f"PostgreSQL: {host}{port}/{self.url.database}"

    def with_login(self, username: str, password: str | None) -> URL:
        """The URL to connect with as ``username`` (PostgreSQL only)."""
        return self.url.set(username=username, password=password)


def normalise_url(url: str | URL) -> URL:
    """Parse a database URL; ``postgresql://`` and ``postgres://`` use psycopg 3."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(f"不支持的数据库类型：{parsed.get_backend_name()}（只支持 SQLite 与 PostgreSQL）")
    return parsed


def resolve_database(explicit: str | None = None) -> DatabaseTarget:
    """The database to use: ``explicit``, else ``$JD_ADMIN_DATABASE_URL``, else the SQLite file."""
    raw = explicit or os.environ.get(ENV_DATABASE_URL)
    if raw:
        return DatabaseTarget(normalise_url(raw))
    return DatabaseTarget(make_url(f"sqlite:///{default_sqlite_path()}"))
