"""Turn database errors that a user can cause into UserErrors with their message, and say
what an operational failure means (:func:`classify`: the one place the GUI and the CLI ask).

The PostgreSQL functions raise with Chinese messages and SQLSTATEs: 42501 (not allowed),
22023 (bad value), 42710 (exists), P0002 (not found), JD409 (changed by someone else).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from jd_admin.domain.errors import (
    DatabaseUnavailable,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StaleRecord,
    UserError,
)
from jd_admin.domain.text import Text, _

_BY_SQLSTATE: dict[str, type[UserError]] = {
    "42501": PermissionDenied,
    "22023": InvalidInput,
    "42710": InvalidInput,
    "23505": InvalidInput,
    "P0002": NotFound,
    "JD409": StaleRecord,
}


def sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) if orig is not None else None


@contextmanager
def user_errors() -> Iterator[None]:
    """Map known database refusals to UserError subclasses; let anything else through."""
    try:
        yield
    except StaleDataError as exc:
        raise StaleRecord(_("记录已被他人修改或已不在您的权限范围内，请刷新后重试")) from exc
    except DBAPIError as exc:
        state = sqlstate(exc)
        kind = _BY_SQLSTATE.get(state or "")
        if kind is None:
            raise
        diag = getattr(exc.orig, "diag", None)
        message: Text | str = getattr(diag, "message_primary", None) or str(exc.orig)
        if state == "42501" and "permission denied" in str(message):
            message = _("数据库拒绝了此操作：当前账户没有相应权限")
        raise kind(message) from exc


@contextmanager
def guard_errors(guards: Mapping[str, type[UserError]]) -> Iterator[None]:
    """:func:`user_errors`, and the SQLSTATEs of a module's own guards (``guards``) as the
    user's message: the guard's text (its primary message, without the SQL context)."""
    try:
        with user_errors():
            yield
    except DBAPIError as exc:
        kind = guards.get(sqlstate(exc) or "")
        if kind is None:
            raise
        diag = getattr(exc.orig, "diag", None)
        raise kind(getattr(diag, "message_primary", None) or str(exc.orig)) from exc


class Failure(enum.Enum):
    """What an operational database failure means for the user, and what helps."""

    #: The connection broke in the middle of the work (network, server killed): its
    #: transaction is rolled back; reconnecting helps.
    CONNECTION_LOST = "connection_lost"
    #: The server is shutting down or restarting (SQLSTATE 57P01-57P03): wait, then reconnect.
    SERVER_SHUTDOWN = "server_shutdown"
    #: No connection could be made at all (server down, wrong address): reconnecting later may
    #: help, the settings may be wrong.
    UNREACHABLE = "unreachable"
    #: The statement was cancelled (timeout, a DBA's cancel), a deadlock or a serialisation
    #: failure: the connection is fine, the same action may simply be tried again.
    CANCELLED = "cancelled"
    #: The database (file or server) refuses writes: not a connection problem.
    READ_ONLY = "read_only"
    #: The disk of the database (file or server) is full: not a connection problem.
    DISK_FULL = "disk_full"

    @property
    def reconnect(self) -> bool:
        """Whether reconnecting (and then retrying) can help."""
        return self in (Failure.CONNECTION_LOST, Failure.SERVER_SHUTDOWN, Failure.UNREACHABLE)

    @property
    def retry(self) -> bool:
        """Whether trying the same action again (on the same connection) can help."""
        return self is Failure.CANCELLED


@dataclass(frozen=True)
class Diagnosis:
    failure: Failure
    message: Text | str


def interrupted() -> Text:
    """The one sentence for a connection that broke during an action (the server restarted,
    the network dropped): what happened to the work, and what to do."""
    return _("数据库连接中断，操作未完成，数据未改动；请稍后重试")

_SHUTDOWN_STATES = {"57P01", "57P02", "57P03"}  # admin/crash shutdown, cannot connect now
#: cancelled (timeout, pg_cancel_backend), lock not available, serialisation, deadlock
_CANCEL_STATES = {"57014", "55P03", "40001", "40P01"}
#: read_only_sql_transaction (a standby, default_transaction_read_only)
_READ_ONLY_STATES = {"25006"}
_DISK_FULL_STATES = {"53100"}  # disk_full


def commit_uncertain() -> Text:
    """The connection broke during the COMMIT itself: the server may have committed or not."""
    return _("提交时与数据库的连接中断，无法确定刚才的操作是否已保存；"
             "请在数据库恢复后刷新查看，确认未保存再重做")


def first_line(exc: BaseException) -> str:
    """The driver's first line of ``exc`` (without the statement and its parameters)."""
    raw = str(getattr(exc, "orig", None) or exc).strip()
    return raw.splitlines()[0] if raw else type(exc).__name__


def classify(exc: BaseException, where: str = "") -> Diagnosis | None:
    """What ``exc`` (an OperationalError, a DatabaseUnavailable, ...) means and the message for
    the user; None when it is no operational failure of the database (a bug, a refusal).
    ``where``: the database as the user knows it (a file's path, ``host/database``), named in
    the messages that are about the place rather than the connection."""
    if isinstance(exc, DatabaseUnavailable):
        return Diagnosis(Failure.UNREACHABLE, str(exc))
    if not isinstance(exc, DBAPIError):
        return None
    state = sqlstate(exc) or ""
    raw = str(getattr(exc, "orig", None) or exc).lower()
    place = where or _("数据库")
    if state in _READ_ONLY_STATES or "readonly database" in raw or "read-only" in raw:
        return Diagnosis(Failure.READ_ONLY, _(
            "{place} 只读，不能写入（文件或目录没有写权限，或服务器处于只读状态）；"
            "操作未完成，数据未改动。这不是连接问题，请联系系统管理员", place=place))
    if state in _DISK_FULL_STATES or "disk is full" in raw or "no space left" in raw:
        return Diagnosis(Failure.DISK_FULL, _(
            "{place} 所在的磁盘已满，不能写入；操作未完成，数据未改动。"
            "这不是连接问题，请腾出磁盘空间后重试", place=place))
    if state in _CANCEL_STATES or "database is locked" in raw:
        return Diagnosis(Failure.CANCELLED, _(
            "数据库取消了该操作（超时、被管理员取消或与他人的操作冲突）；操作未完成，"
            "数据未改动，可以直接重试：{error}", error=first_line(exc)))
    if state in _SHUTDOWN_STATES:
        return Diagnosis(Failure.SERVER_SHUTDOWN, _(
            "{interrupted}（数据库服务器正在关闭或重启）", interrupted=interrupted()))
    if exc.connection_invalidated:
        return Diagnosis(Failure.CONNECTION_LOST, interrupted())
    sqlite = type(getattr(exc, "orig", None)).__module__.startswith("sqlite3")
    if isinstance(exc, OperationalError) and (
            "unable to open database" in raw if sqlite
            else not state or state.startswith("08") or state == "53300"):
        return Diagnosis(Failure.UNREACHABLE, _("无法连接数据库：{error}",
                                                error=first_line(exc)))
    return None  # e.g. SQLite's "no such table": a bug, not the connection


def is_connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` means the database went away (the op did nothing; reconnect, retry)."""
    diagnosis = classify(exc)
    return diagnosis is not None and diagnosis.failure.reconnect
