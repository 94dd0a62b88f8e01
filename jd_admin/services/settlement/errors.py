"""The database's refusals of a settlement step, as the user's messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.services.dberrors import guard_errors

#: The settlement guards' SQLSTATEs (migration 0019) beyond those ``user_errors`` knows.
_GUARDS = {"JD422": InvalidInput, "23514": InvalidInput, "42501": PermissionDenied}


@contextmanager
def settlement_errors() -> Iterator[None]:
    with guard_errors(_GUARDS):
        yield
