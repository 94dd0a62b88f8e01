"""The database's refusals of a settlement step, as the user's messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.services.dberrors import sqlstate, user_errors

#: The settlement guards' SQLSTATEs (migration 0019) beyond those ``user_errors`` knows.
_GUARDS = {"JD422": InvalidInput, "23514": InvalidInput, "42501": PermissionDenied}


@contextmanager
def settlement_errors() -> Iterator[None]:
    try:
        with user_errors():
            yield
    except DBAPIError as exc:
        kind = _GUARDS.get(sqlstate(exc) or "")
        if kind is None:
            raise
        diag = getattr(exc.orig, "diag", None)
        raise kind(getattr(diag, "message_primary", None) or str(exc.orig)) from exc
