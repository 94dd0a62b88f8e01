"""Business time: days, weeks and months are Asia/Shanghai (UTC+8 all year, no DST)."""

from __future__ import annotations

import datetime as dt

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    """The Shanghai calendar date of an aware moment."""
    return moment.astimezone(SHANGHAI).date()


def today() -> dt.date:
    return local_date(now())


def start_of_day(day: dt.date) -> dt.datetime:
    """Shanghai midnight at the start of ``day``, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


def format_local(moment: dt.datetime | None) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if moment else ""
