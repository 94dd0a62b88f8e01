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

from jd_admin.domain.errors import UserError
from jd_admin.domain.text import _

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
        raise ValueError(_("不支持的数据库类型：{backend}（只支持 SQLite 与 PostgreSQL）",
                           backend=parsed.get_backend_name()))
    return parsed


def resolve_database(explicit: str | None = None) -> DatabaseTarget:
    """The database to use: ``explicit``, else ``$JD_ADMIN_DATABASE_URL``, else the SQLite file."""
    raw = explicit or os.environ.get(ENV_DATABASE_URL)
    if raw:
        return DatabaseTarget(normalise_url(raw))
    return DatabaseTarget(make_url(f"sqlite:///{default_sqlite_path()}"))


# --- the citizen-pseudonym key ------------------------------------------------------------

ENV_PSEUDONYM_KEY = "JD_ADMIN_PSEUDONYM_KEY"
ENV_PSEUDONYM_KEY_FILE = "JD_ADMIN_PSEUDONYM_KEY_FILE"
MIN_KEY_BYTES = 32


class PseudonymKeyMissing(UserError):
    """No key is configured for a shared database (every importing desktop needs the same one)."""


def pseudonym_key(*, create_if_missing: bool) -> bytes:
    """The district secret for the HMAC pseudonyms of citizen identifiers.

    From ``$JD_ADMIN_PSEUDONYM_KEY`` (hex, at least 32 bytes), else the file named by
    ``$JD_ADMIN_PSEUDONYM_KEY_FILE``, else ``pseudonym.key`` in the data directory. For a
    SQLite trial database the file is created on first use (random, readable by the user
    only); for a shared PostgreSQL database the same key must be configured on every
    importing desktop, so a missing key is an error rather than a new one."""
    raw = os.environ.get(ENV_PSEUDONYM_KEY)
    if raw:
        try:
            key = bytes.fromhex(raw.strip())
        except ValueError:
            raise PseudonymKeyMissing(_("{variable} 应为十六进制字符串",
                                        variable=ENV_PSEUDONYM_KEY)) from None
        if len(key) < MIN_KEY_BYTES:
            raise PseudonymKeyMissing(_("{variable} 至少需要 {count} 字节（64 个十六进制字符）",
                                        variable=ENV_PSEUDONYM_KEY, count=MIN_KEY_BYTES))
        return key
    path = Path(os.environ.get(ENV_PSEUDONYM_KEY_FILE) or data_dir() / "pseudonym.key")
    if path.exists():
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) < MIN_KEY_BYTES:
            raise PseudonymKeyMissing(_("密钥文件 {path} 过短", path=path))
        return key
    if not create_if_missing:
        raise PseudonymKeyMissing(
            _("未配置市民标识假名化密钥：请设置 {variable} 或 {file_variable}"
              "（所有导入数据的电脑须使用同一密钥）",
              variable=ENV_PSEUDONYM_KEY, file_variable=ENV_PSEUDONYM_KEY_FILE))
    import secrets

    key = secrets.token_bytes(MIN_KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex())
    return key
