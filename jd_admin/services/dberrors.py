"""Turn database errors that a user can cause into UserErrors with their message.

The PostgreSQL functions raise with Chinese messages and SQLSTATEs: 42501 (not allowed),
22023 (bad value), 42710 (exists), P0002 (not found), JD409 (changed by someone else).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

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


def is_connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` means the database went away (the op did nothing; reconnect, retry)."""
    if isinstance(exc, DatabaseUnavailable):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError)
