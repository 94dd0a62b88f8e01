"""The designated-venue register (定点场馆名录): status changes with their history, and whether a
venue was redeemable at a given moment (rule 2: designated, not suspended, agreement in force).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from jd_admin.domain.agreements import ENDED_OR_IN_FORCE
from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.register import REDESIGNATION, VENUE_WORKFLOW, VenueState
from jd_admin.domain.text import Text, _
from jd_admin.domain.workflow import Transition
from jd_admin.models import Agreement, AppUser, Venue, VenueStatusChange
from jd_admin.models.base import UTCDateTime, utcnow
from jd_admin.services import clock, workflow
from jd_admin.services.actor import Actor

#: A column or SQL expression standing for a value (these conditions take literals or columns).
SQLValue = Any


def note_status(venue: Venue, actor: Actor, reason: str, at: dt.datetime | None = None) -> None:
    """Give the venue's coming status change its reason, author and time: the database writes
    the register's history row from them (migration 0014; on PostgreSQL the server sets the
    author and time of a program login's change itself). ``at`` back-dates demo data."""
    venue.status_reason = reason
    venue.status_changed_by = actor.username
    venue.status_changed_at = at or utcnow()


def designate(session: Session, actor: Actor, venue: Venue, reason: str, *,
              details: dict[str, object] | None = None, at: dt.datetime | None = None) -> None:
    """Enter ``venue`` in the register as designated, with its history row: a new venue (not
    yet added) starts in the venue workflow's initial state; a withdrawn one comes back through
    the workflow's re-designation step (audited with ``details``). The bureau's approval of an
    application does this (recruitment); so does the demo data, back-dated by ``at``."""
    note_status(venue, actor, reason, at)
    if venue.id is None:
        venue.status = VENUE_WORKFLOW.initial.value
        session.add(venue)
    else:
        workflow.apply(session, actor, VENUE_WORKFLOW, venue, VenueState.DESIGNATED, reason,
                       details=details)
    session.flush()


def _manual_steps(actor: Actor) -> list[Transition]:
    """The steps of the venue workflow ``actor`` may take by hand: all but the re-designation of
    a withdrawn venue, which only an approved application takes (recruitment)."""
    return [t for t in VENUE_WORKFLOW.transitions
            if t != REDESIGNATION and (actor.is_system or actor.role in t.roles)]


def may_change_status(actor: Actor) -> bool:
    """Whether ``actor`` may suspend, reinstate or withdraw venues at all."""
    return bool(_manual_steps(actor))


def offered_steps(actor: Actor, state: str) -> list[Transition]:
    """The status changes offered to ``actor`` on a venue in ``state`` (what the register page
    enables; each with its ``action`` verb)."""
    return [t for t in _manual_steps(actor) if t.source == state]


def change_status(session: Session, actor: Actor, venue_id: int, target: str, reason: str,
                  expected_version: int | None = None) -> None:
    """Suspend (暂停), reinstate (恢复) or withdraw (退出) a venue, with a reason."""
    venue = session.get(Venue, venue_id)
    if venue is None:
        raise NotFound(_("没有编号为 {id} 的场馆", id=venue_id))
    workflow.expect_version(venue, expected_version, _("该场馆"))
    if VENUE_WORKFLOW.find(venue.status, target) == REDESIGNATION:
        # Only an approved application re-designates a withdrawn venue (recruitment).
        raise InvalidInput(_("已退出的场馆需重新提交自荐申请并经审定后才能恢复定点"))
    note_status(venue, actor, reason.strip())
    workflow.apply(session, actor, VENUE_WORKFLOW, venue, target, reason)


@dataclass(frozen=True)
class StatusChange:
    at: dt.datetime
    from_status: str | None
    to_status: str
    reason: str
    actor: str  # user name
    actor_name: str = ""  # the person's full name (the user name where the user is unknown)


def status_history(session: Session, venue_id: int) -> list[StatusChange]:
    """The venue's register history, oldest first, with who made each change by name."""
    rows = session.execute(
        select(VenueStatusChange, AppUser.full_name)
        .outerjoin(AppUser, AppUser.username == VenueStatusChange.actor)
        .where(VenueStatusChange.venue_id == venue_id)
        .order_by(VenueStatusChange.effective_at, VenueStatusChange.id)).all()
    return [StatusChange(r.effective_at, r.from_status, r.to_status, r.reason, r.actor,
                         name or r.actor)
            for r, name in rows]


def in_register_clause(day: dt.date | SQLValue) -> ColumnElement[bool]:
    """SQL condition on ``Venue``: in the register as published on ``day`` — designated,
    with an agreement in force on that day (rule 2: where vouchers can be redeemed). The
    register page's list without "包含未生效/暂停/退出的场馆" and the export share it."""
    agreement = aliased(Agreement)  # (the query may join Agreement itself, for another one)
    return and_(
        Venue.status == VenueState.DESIGNATED.value,
        exists(select(agreement.id).where(agreement.venue_id == Venue.id,
                                          agreement_in_force_clause(day, agreement))
               .correlate(Venue)),
    )


def agreement_in_force_clause(day: dt.date | SQLValue,
                              agreement: Any = Agreement) -> ColumnElement[bool]:
    """SQL condition on ``Agreement`` (or an alias of it, ``agreement``): in force on ``day``
    (signed, started, not ended)."""
    return and_(
        agreement.status.in_(ENDED_OR_IN_FORCE),
        agreement.in_force_from <= day,
        agreement.end_date >= day,
        or_(agreement.terminated_on.is_(None), agreement.terminated_on > day),
    )


def designated_periods() -> Any:
    """Subquery (venue_id, start, until): the periods in which the register showed a venue
    designated. Each status change holds from its moment until the next change of that venue
    (``until`` NULL: still holds); changes at the same moment take effect in id order."""
    change = VenueStatusChange
    periods = select(
        change.venue_id, change.to_status, change.effective_at.label("start"),
        # Typed: an untyped ``until`` would compare a bound moment as text on SQLite (a moment
        # in +08:00 against a stored UTC time), wrong for the 8 hours before a change.
        func.lead(change.effective_at, type_=UTCDateTime()).over(
            partition_by=change.venue_id, order_by=[change.effective_at, change.id]).label("until"),
    ).subquery("status_periods")
    return (select(periods.c.venue_id, periods.c.start, periods.c.until)
            .where(periods.c.to_status == VenueState.DESIGNATED.value)
            .subquery("designated_periods"))


def designated_at(venue_id: int | SQLValue, moment: dt.datetime | SQLValue) -> ColumnElement[bool]:
    """SQL condition: the register's latest status of the venue at ``moment`` is designated."""
    periods = designated_periods()
    # Explicit correlation: with columns for venue_id/moment, the caller's table (the voucher)
    # belongs to the enclosing query.
    return exists().where(
        periods.c.venue_id == venue_id, periods.c.start <= moment,
        or_(periods.c.until.is_(None), periods.c.until > moment),
    ).correlate_except(periods)


def under_agreement_on(venue_id: int | SQLValue, day: dt.date | SQLValue) -> ColumnElement[bool]:
    """SQL condition: the venue has an agreement in force on ``day``."""
    # SELECT agreement.id, not *: readers without the sensitive columns run this too
    return select(Agreement.id).where(
        Agreement.venue_id == venue_id, agreement_in_force_clause(day),
    ).correlate_except(Agreement).exists()


def redeemable_throughout(venue_id: SQLValue, start: dt.datetime, end: dt.datetime,
                          first_day: dt.date, last_day: dt.date) -> ColumnElement[bool]:
    """SQL condition: the venue was redeemable at every moment of [start, end) — one designated
    period spans it and one agreement is in force from ``first_day`` to ``last_day``. A
    sufficient condition for :func:`designated_at` and :func:`under_agreement_on` of every
    moment and day inside (checked once per venue instead of once per voucher); a venue with a
    change inside needs the per-moment conditions."""
    periods = designated_periods()
    designated = exists().where(
        periods.c.venue_id == venue_id, periods.c.start <= start,
        or_(periods.c.until.is_(None), periods.c.until >= end),
    ).correlate_except(periods)
    agreed = select(Agreement.id).where(
        Agreement.venue_id == venue_id, Agreement.status.in_(ENDED_OR_IN_FORCE),
        Agreement.in_force_from <= first_day, Agreement.end_date >= last_day,
        or_(Agreement.terminated_on.is_(None), Agreement.terminated_on > last_day),
    ).correlate_except(Agreement).exists()
    return and_(designated, agreed)


@dataclass(frozen=True)
class Redeemability:
    redeemable: bool
    reason: Text


def redeemable_at(session: Session, venue_id: int, moment: dt.datetime) -> Redeemability:
    """Was venue ``venue_id`` a designated venue where vouchers could be redeemed at ``moment``?

    True only when the register showed it designated at that moment (not suspended or
    withdrawn) and an agreement was in force on that Shanghai calendar day. The voucher checks
    use the same two conditions (:func:`designated_at`, :func:`under_agreement_on`) in SQL."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    day = clock.local_date(moment)
    designated, agreed = session.execute(
        select(designated_at(venue_id, moment), under_agreement_on(venue_id, day))).one()
    if not designated:
        last = session.scalar(
            select(VenueStatusChange.to_status)
            .where(VenueStatusChange.venue_id == venue_id, VenueStatusChange.effective_at <= moment)
            .order_by(VenueStatusChange.effective_at.desc(), VenueStatusChange.id.desc()).limit(1))
        if last is None:
            return Redeemability(False, _("当时不在定点场馆名录中"))
        return Redeemability(False, _("当时处于“{state}”状态", state=VenueState.label_of(last)))
    if not agreed:
        return Redeemability(False, _("{day} 没有生效中的三方协议", day=day))
    return Redeemability(True, _("定点场馆，协议生效中"))
