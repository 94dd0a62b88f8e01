"""Opening a database as a person: the login use case shared by the GUI and the CLI.

This module owns its transactions (it is an "op", like the GUI's and the CLI's), and calls
the rules in :mod:`jd_admin.services.accounts.auth`.

SQLite: the app checks the password hash and keeps the failure counter in the database.
PostgreSQL: the server checks the password of the person's own login role; the same
5-failures/15-minutes rule is kept per desktop in a small file in the user's data directory,
because PostgreSQL itself has no lockout (README, "Lockout on PostgreSQL").
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from jd_admin import config, db
from jd_admin.config import DatabaseTarget
from jd_admin.db import Database
from jd_admin.domain.errors import (
    AuthenticationFailed,
    DatabaseNotWritable,
    DatabaseOutdated,
    DatabaseUnavailable,
)
from jd_admin.domain.text import Text, _
from jd_admin.models.base import utcnow
from jd_admin.services import dberrors
from jd_admin.services.accounts import auth
from jd_admin.services.actor import Actor, actor_for_username

log = logging.getLogger(__name__)


@dataclass
class LoginOutcome:
    """An open database and who is on it. ``actor`` is None only when ``needs_first_admin``:
    an empty PostgreSQL database opened by the database owner, who must create the first
    administrator before anyone can log in."""

    database: Database
    actor: Actor | None
    needs_first_admin: bool = False


class LocalLockout:
    """The per-desktop failure counter used for PostgreSQL logins (a JSON file)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config.data_dir() / "login-failures.json"

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self, data: dict[str, dict[str, object]]) -> None:
        try:
            self.path.write_text(json.dumps(data), encoding="utf-8")
        except OSError:
            log.warning("could not write %s", self.path)

    def locked_until(self, key: str, now: dt.datetime) -> dt.datetime | None:
        entry = self._load().get(key, {})
        until = entry.get("locked_until")
        if isinstance(until, str):
            when = dt.datetime.fromisoformat(until)
            if when > now:
                return when
        return None

    def failure(self, key: str, now: dt.datetime) -> Text:
        data = self._load()
        entry = data.get(key, {})
        failed = entry.get("failed", 0)
        failed, until = auth.after_failure(failed if isinstance(failed, int) else 0, now)
        data[key] = {"failed": failed, "locked_until": until.isoformat() if until else None}
        self._save(data)
        return auth.failure_message(failed, until)

    def success(self, key: str) -> None:
        data = self._load()
        if data.pop(key, None) is not None:
            self._save(data)


def login(target: DatabaseTarget, username: str, password: str,
          lockout: LocalLockout | None = None) -> LoginOutcome:
    """Log ``username`` in, or raise AuthenticationFailed / DatabaseUnavailable."""
    username = username.strip().lower()
    if not username or not password:
        raise AuthenticationFailed(_("请输入用户名和密码"))
    if target.is_sqlite:
        return _login_sqlite(target, username, password)
    return _login_postgres(target, username, password, lockout or LocalLockout())


def _login_sqlite(target: DatabaseTarget, username: str, password: str) -> LoginOutcome:
    """A damaged file, a newer program's database, a read-only folder or a full disk: refused
    with the way out (:func:`db.check_file`, :func:`db.sqlite_problem`)."""
    database = Database.open(target)
    try:
        revision = db.check_file(database)
        if revision != db.head_revision():
            raise DatabaseOutdated(_("数据库版本（{current}）与程序要求的版本（{head}）不一致，"
                                     "请系统管理员先运行：jd-admin db upgrade",
                                     current=revision or _("空库"), head=db.head_revision()))
        with database.session() as s, s.begin():
            result = auth.check_local_login(s, username, password, utcnow())
    except DBAPIError as exc:
        database.dispose()
        path = database.engine.url.database
        problem = db.sqlite_problem(exc, path)  # damaged
        if problem is not None:
            raise problem from None
        diagnosis = dberrors.classify(exc, path or "")  # a read-only folder, a full disk
        if diagnosis is not None and not diagnosis.failure.reconnect:
            raise DatabaseNotWritable(diagnosis.message) from None
        raise
    except BaseException:
        database.dispose()
        raise
    if result.actor is None:
        database.dispose()
        raise AuthenticationFailed(result.error or auth.WRONG_CREDENTIALS)
    return LoginOutcome(database, result.actor)


def describe_connect_error(exc: OperationalError) -> tuple[bool, Text]:
    """(is the login refused?, message) for a failed PostgreSQL connection."""
    raw = str(exc.orig) if exc.orig is not None else str(exc)
    if "password authentication failed" in raw or ("role" in raw and "does not exist" in raw):
        return True, auth.WRONG_CREDENTIALS
    if "not permitted to log in" in raw:
        return True, auth.ACCOUNT_DISABLED
    if "database" in raw and "does not exist" in raw:
        return False, _("数据库不存在，请检查连接设置")
    first = raw.strip().splitlines()[0] if raw.strip() else raw
    return False, _("无法连接数据库服务器：{error}", error=first)


def _login_postgres(target: DatabaseTarget, username: str, password: str,
                    lockout: LocalLockout) -> LoginOutcome:
    key = f"{target.display()}|{username}"
    now = utcnow()
    until = lockout.locked_until(key, now)
    if until is not None:
        raise AuthenticationFailed(auth.locked_message(until))
    database = Database.open(target, username, password)
    try:
        with database.engine.connect():
            pass
    except OperationalError as exc:
        database.dispose()
        refused, message = describe_connect_error(exc)
        if refused:
            if message == auth.WRONG_CREDENTIALS:
                message = lockout.failure(key, now)
            raise AuthenticationFailed(message) from None
        raise DatabaseUnavailable(message) from None
    lockout.success(key)
    try:
        db.refuse_newer(db.current_revision(database.engine))
    except DatabaseOutdated:
        database.dispose()
        raise
    if not db.is_up_to_date(database.engine):
        current = db.current_revision(database.engine) or _("空库")
        database.dispose()
        raise DatabaseOutdated(_(
            "数据库版本（{current}）与程序要求的版本（{head}）不一致，"
            "请系统管理员先运行：jd-admin db upgrade", current=current, head=db.head_revision()))
    with database.session() as s, s.begin():
        if not auth.has_users(s) and _can_create_roles(s):
            return LoginOutcome(database, None, needs_first_admin=True)
        try:
            actor = actor_for_username(s, username)
        except AuthenticationFailed:
            database.dispose()
            raise
        s.execute(text("SELECT jd_record_login()"))
    return LoginOutcome(database, actor)


def _can_create_roles(session: Session) -> bool:
    """Whether the session's login role may create login roles (the database owner / DBA)."""
    return bool(session.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")
    ).scalar())
