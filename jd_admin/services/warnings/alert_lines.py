"""Alert lines (警戒线): vouchers redeemed per venue per day above which a venue is warned of.

The line in force for a venue on a day is the venue's own line of the latest ``effective_from``
on or before that day, else the district default's (``venue_id`` NULL). Lines are versioned by
date and never dated in the past: a past day is always judged by the line it had.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.register import VenueState
from jd_admin.domain.text import _
from jd_admin.domain.versions import VersionState, version_state
from jd_admin.domain.warnings import line_from_capacity
from jd_admin.models import AlertLine, Venue
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, require
from jd_admin.services.dberrors import guard_errors

#: The server's guard of lines and parameters (migration 0029: never dated in the past, by the
#: server's own clock — a desktop whose clock is behind passes the check above it).
VERSION_GUARD = {"JD422": InvalidInput}


def line_expression(venue_id: Any, day: Any) -> Any:
    """SQL: the daily limit in force for ``venue_id`` on ``day`` (columns or values)."""
    own = (select(AlertLine.daily_limit)
           .where(AlertLine.venue_id == venue_id, AlertLine.effective_from <= day)
           .order_by(AlertLine.effective_from.desc()).limit(1).scalar_subquery())
    default = (select(AlertLine.daily_limit)
               .where(AlertLine.venue_id.is_(None), AlertLine.effective_from <= day)
               .order_by(AlertLine.effective_from.desc()).limit(1).scalar_subquery())
    return func.coalesce(own, default)


def line_in_force(session: Session, venue_id: int, day: dt.date) -> int | None:
    """The daily limit in force for the venue on ``day`` (None: no line at all)."""
    value = session.scalar(select(line_expression(venue_id, day)))
    return None if value is None else int(value)


def set_line(session: Session, actor: Actor, venue_id: int | None, daily_limit: int,
             effective_from: dt.date, *, today: dt.date | None = None) -> int:
    """A new version of a venue's alert line (``venue_id`` None: the district default) from
    ``effective_from`` (today or later); replaces a line of the same venue and date. Its id."""
    require(actor, Action.MANAGE_ALERT_LINES)
    if daily_limit <= 0:
        raise InvalidInput(_("警戒线须为正整数（每日核销张数）"))
    today = today or clock.today()
    if effective_from < today:
        raise InvalidInput(_("警戒线的生效日期不能早于今天（{day}）", day=today.isoformat()))
    if venue_id is not None and session.get(Venue, venue_id) is None:
        raise InvalidInput(_("场馆不存在"))
    same_venue = (AlertLine.venue_id.is_(None) if venue_id is None
                  else AlertLine.venue_id == venue_id)
    line = session.scalars(select(AlertLine).where(
        same_venue, AlertLine.effective_from == effective_from)).one_or_none()
    if line is None:
        line = AlertLine(venue_id=venue_id, effective_from=effective_from,
                         daily_limit=daily_limit, created_by=actor.username)
        session.add(line)
    else:
        line.daily_limit = daily_limit
    with guard_errors(VERSION_GUARD):
        session.flush()
    audit.record(session, actor, "alert_line", line.id, _("设置警戒线"),
                 details={"venue_id": venue_id, "daily_limit": daily_limit,
                          "effective_from": effective_from.isoformat()})
    return line.id


@dataclass(frozen=True)
class LineRow:
    id: int
    venue_id: int | None  # None: the district default
    venue_name: str | None
    capacity: int | None
    daily_limit: int
    effective_from: dt.date
    state: VersionState  # of this version among the venue's (or the default's) versions
    created_by: str


def list_lines(session: Session, *, today: dt.date | None = None) -> list[LineRow]:
    """Every version of every alert line: the district default's first, then by venue; the
    latest version first within each."""
    today = today or clock.today()
    rows = session.execute(
        select(AlertLine, Venue.name, Venue.capacity)
        .outerjoin(Venue, Venue.id == AlertLine.venue_id)
        .order_by(AlertLine.venue_id.is_not(None), Venue.name, AlertLine.venue_id,
                  AlertLine.effective_from.desc())).all()
    days: dict[int | None, list[dt.date]] = {}
    for line, _name, _capacity in rows:
        days.setdefault(line.venue_id, []).append(line.effective_from)
    return [LineRow(line.id, line.venue_id, name, capacity, line.daily_limit,
                    line.effective_from,
                    version_state(line.effective_from, days[line.venue_id], today),
                    line.created_by)
            for line, name, capacity in rows]


def venue_choices(session: Session) -> list[tuple[int, str, int | None]]:
    """(id, name, capacity) of the designated venues, by name: whom a line may be set for."""
    return [(i, n, c) for i, n, c in session.execute(
        select(Venue.id, Venue.name, Venue.capacity)
        .where(Venue.status == VenueState.DESIGNATED.value).order_by(Venue.name, Venue.id))]


@dataclass(frozen=True)
class CapacityLines:
    set: int  # venues given a line
    skipped: list[str]  # venues without a registered capacity


def set_lines_from_capacity(session: Session, actor: Actor, effective_from: dt.date, *,
                            today: dt.date | None = None) -> CapacityLines:
    """Every designated venue's own line from its registered capacity
    (:func:`~jd_admin.domain.warnings.line_from_capacity`), from ``effective_from``."""
    require(actor, Action.MANAGE_ALERT_LINES)
    done, skipped = 0, []
    for venue_id, name, capacity in session.execute(
            select(Venue.id, Venue.name, Venue.capacity)
            .where(Venue.status == VenueState.DESIGNATED.value).order_by(Venue.id)):
        line = line_from_capacity(capacity)
        if line is None:
            skipped.append(name)
            continue
        set_line(session, actor, venue_id, line, effective_from, today=today)
        done += 1
    return CapacityLines(done, skipped)
