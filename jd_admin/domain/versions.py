"""Which version of a dated rule table is in force on a day.

Every versioned table (the face-value table, claim limits and use caps, special-voucher
restrictions) keeps its history as versions with an ``effective_from`` date: the version in
force on a day is the one with the latest date not after it. This is the one statement of that
rule in Python; ``services/versions.py`` states it once in SQL for the queries.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from jd_admin.domain.codes import Coded
from jd_admin.domain.text import _

T = TypeVar("T")


def effective_date_on(dates: Iterable[dt.date], day: dt.date) -> dt.date | None:
    """The latest of ``dates`` not after ``day`` (None before the first)."""
    return max((d for d in dates if d <= day), default=None)


def version_on(versions: Sequence[T], day: dt.date,
               effective_from: Callable[[T], dt.date]) -> T | None:
    """The version in force on ``day`` among ``versions`` sorted by their effective date."""
    index = bisect.bisect_right([effective_from(v) for v in versions], day)
    return versions[index - 1] if index else None


def is_future(effective_from: dt.date, today: dt.date) -> bool:
    """A version may still be changed only while its date has not come."""
    return effective_from > today


class VersionState(Coded):
    """Where a version stands on a day (shown beside each version of a rule table)."""

    CURRENT = "current", _("当前生效")
    FUTURE = "future", _("待生效")
    SUPERSEDED = "superseded", _("已被取代")


def version_state(effective_from: dt.date, dates: Iterable[dt.date],
                  today: dt.date) -> VersionState:
    """The state on ``today`` of the version of ``effective_from`` among the versions ``dates``."""
    if is_future(effective_from, today):
        return VersionState.FUTURE
    if effective_from == effective_date_on(dates, today):
        return VersionState.CURRENT
    return VersionState.SUPERSEDED
