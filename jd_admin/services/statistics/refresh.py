"""Keeping ``voucher_day_stat`` (models/statistics.py) in step with the ledger, set-based.

A range of days is rebuilt by deleting its rows and inserting them again from ``voucher`` in one
``INSERT … SELECT … GROUP BY`` per kind; both dialects. What changes a day's rows:

- an import (new claims, a redemption added to a voucher claimed up to a validity earlier):
  :func:`refresh_after_import` with the file's claim and use days;
- a settlement verified (or returned) sets (clears) its vouchers' ``settlement_id``: the days
  whose settled count no longer matches the ledger's are found by :func:`refresh_settled` (one
  grouped count of the settled vouchers), called after each import and by the full refresh;
- anything else (a correction by the DBA): ``jd-admin statistics refresh`` rebuilds it whole.

The month level ``voucher_month_stat`` is rebuilt from the day level for every month whose use
days were rebuilt (whole months: a month's day rows are a twelfth of a year's).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Date,
    Table,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from jd_admin.domain.permissions import Action
from jd_admin.models import UsageRule, Venue, Voucher, VoucherDayStat, VoucherMonthStat
from jd_admin.models.base import LocalDay, stored_fen
from jd_admin.models.statistics import CLAIM, USE
from jd_admin.services.actor import Actor, may_act, require

STAT: Table = VoucherDayStat.__table__  # type: ignore[assignment]
V: Table = Voucher.__table__  # type: ignore[assignment]
MONTH: Table = VoucherMonthStat.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class RefreshResult:
    claim_days: tuple[dt.date, dt.date] | None
    use_days: tuple[dt.date, dt.date] | None
    settled_days: int  # days whose settled vouchers had changed
    rows: int  # aggregate rows written


def _rebuild_claims(session: Session, lo: dt.date, hi: dt.date) -> int:
    session.execute(delete(STAT).where(STAT.c.kind == CLAIM, STAT.c.day.between(lo, hi)))
    lapse = LocalDay(V.c.expires_at).label("lapse_day")
    redeemed = V.c.redeemed_at.is_not(None)
    rows = (select(literal(CLAIM).label("kind"), V.c.claim_day, lapse, V.c.batch_id,
                   V.c.face_value, V.c.citizen_group,
                   func.count().label("vouchers"),
                   func.sum(stored_fen(V.c.face_value)), func.sum(stored_fen(V.c.subsidy)),
                   literal(0).label("order_total"), literal(0).label("citizen_paid"),
                   func.count(V.c.redeemed_at),
                   func.coalesce(func.sum(case((redeemed, stored_fen(V.c.subsidy)), else_=0)), 0))
            .where(V.c.claim_day.between(lo, hi))
            .group_by(V.c.claim_day, lapse, V.c.batch_id, V.c.face_value, V.c.citizen_group))
    result = session.execute(insert(STAT).from_select(
        ["kind", "day", "lapse_day", "batch_id", "face_value", "citizen_group", "vouchers",
         "face_total", "subsidy", "order_total", "citizen_paid", "redeemed", "redeemed_subsidy"],
        rows))
    return _count(result)


def _rebuild_uses(session: Session, days: ColumnElement[bool],
                  stat_days: ColumnElement[bool]) -> int:
    session.execute(delete(STAT).where(STAT.c.kind == USE, stat_days))
    venue = Venue.__table__
    rows = (select(literal(USE).label("kind"), V.c.use_day, venue.c.subdistrict_id, V.c.venue_id,
                   V.c.batch_id, V.c.face_value, V.c.citizen_group, V.c.sport,
                   V.c.settlement_id,
                   func.count().label("vouchers"),
                   func.sum(stored_fen(V.c.face_value)), func.sum(stored_fen(V.c.subsidy)),
                   func.coalesce(func.sum(stored_fen(V.c.order_amount)), 0),
                   func.coalesce(func.sum(stored_fen(V.c.paid_amount)), 0),
                   literal(0).label("redeemed"), literal(0).label("redeemed_subsidy"))
            .select_from(V.outerjoin(venue, venue.c.id == V.c.venue_id))
            .where(V.c.redeemed_at.is_not(None), V.c.use_day.is_not(None), days)
            .group_by(V.c.use_day, venue.c.subdistrict_id, V.c.venue_id, V.c.batch_id,
                      V.c.face_value, V.c.citizen_group, V.c.sport, V.c.settlement_id))
    result = session.execute(insert(STAT).from_select(
        ["kind", "day", "subdistrict_id", "venue_id", "batch_id", "face_value", "citizen_group",
         "sport", "settlement_id", "vouchers", "face_total", "subsidy", "order_total",
         "citizen_paid", "redeemed", "redeemed_subsidy"], rows))
    return _count(result)


def _month_of(session: Session, day: ColumnElement[dt.date]) -> ColumnElement[dt.date]:
    """The first day of the day's month."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("month", day), Date)
    return type_coerce(func.date(day, "start of month"), Date)


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _rebuild_months(session: Session, days: tuple[dt.date, dt.date] | None) -> int:
    """The month level again from the day level's use rows, for the months of ``days``
    (inclusive) or, with None, all of it."""
    if days is None:
        session.execute(delete(MONTH))
        where: list[ColumnElement[bool]] = [STAT.c.kind == USE]
    else:
        lo, hi = days[0].replace(day=1), _month_end(days[1])
        session.execute(delete(MONTH).where(MONTH.c.month.between(lo, hi)))
        where = [STAT.c.kind == USE, STAT.c.day.between(lo, hi)]
    month = _month_of(session, STAT.c.day).label("month")
    rows = (select(month, STAT.c.subdistrict_id, STAT.c.venue_id, STAT.c.face_value,
                   STAT.c.citizen_group, STAT.c.sport, STAT.c.settlement_id,
                   func.sum(STAT.c.vouchers), func.sum(stored_fen(STAT.c.face_total)),
                   func.sum(stored_fen(STAT.c.subsidy)), func.sum(stored_fen(STAT.c.order_total)),
                   func.sum(stored_fen(STAT.c.citizen_paid)))
            .where(*where)
            .group_by(month, STAT.c.subdistrict_id, STAT.c.venue_id, STAT.c.face_value,
                      STAT.c.citizen_group, STAT.c.sport, STAT.c.settlement_id))
    result = session.execute(insert(MONTH).from_select(
        ["month", "subdistrict_id", "venue_id", "face_value", "citizen_group", "sport",
         "settlement_id", "vouchers", "face_total", "subsidy", "order_total", "citizen_paid"],
        rows))
    return _count(result)


def _count(result: object) -> int:
    return max(result.rowcount or 0, 0) if isinstance(result, CursorResult) else 0


def _validity_days(session: Session) -> int:
    """Days a voucher claimed on one day may still be redeemed after it (the longest rule)."""
    hours = session.scalar(select(func.max(UsageRule.validity_hours))) or 0
    return math.ceil(hours / 24) + 1


def refresh_days(session: Session, actor: Actor, *,
                 claim_days: tuple[dt.date, dt.date] | None = None,
                 use_days: tuple[dt.date, dt.date] | None = None) -> RefreshResult:
    """Rebuild the claim rows of ``claim_days`` and the use rows of ``use_days`` (inclusive).

    A redemption changes its claim day's row too (``redeemed``): the claim days rebuilt reach
    back a validity before the first use day."""
    require(actor, Action.REFRESH_STATISTICS)
    written = 0
    if use_days is not None:
        back = use_days[0] - dt.timedelta(days=_validity_days(session))
        lo, hi = (back, use_days[1]) if claim_days is None else (
            min(claim_days[0], back), max(claim_days[1], use_days[1]))
        claim_days = (lo, hi)
        written += _rebuild_uses(session, V.c.use_day.between(*use_days),
                                 STAT.c.day.between(*use_days))
        written += _rebuild_months(session, use_days)
    if claim_days is not None:
        written += _rebuild_claims(session, *claim_days)
    settled = _refresh_settled(session)
    return RefreshResult(claim_days, use_days, settled, written)


def refresh_after_import(session: Session, actor: Actor, claim_days: Iterable[dt.date],
                         used: tuple[dt.date, dt.date] | None) -> RefreshResult:
    """After an import: the file's claim days, its use days (``stager.used``), and the days a
    settlement verified or returned since changed."""
    days = sorted(claim_days)
    return refresh_days(session, actor, claim_days=(days[0], days[-1]) if days else None,
                        use_days=used)


def refresh_settled(session: Session, actor: Actor) -> int:
    """Rebuild the use days whose settled vouchers changed (a settlement verified or returned
    since the last refresh); the number of days rebuilt."""
    require(actor, Action.REFRESH_STATISTICS)
    return _refresh_settled(session)


def after_settlement_step(session: Session, actor: Actor) -> int:
    """After a settlement's step (verified, returned): its vouchers' days again, in the same
    transaction, when ``actor`` may refresh the statistics (else the next import or refresh
    does it); the number of days rebuilt."""
    if not may_act(actor, Action.REFRESH_STATISTICS):
        return 0
    return _refresh_settled(session)


def _refresh_settled(session: Session) -> int:
    ledger: dict[dt.date, int] = dict(session.execute(
        select(V.c.use_day, func.count()).where(V.c.settlement_id.is_not(None))
        .group_by(V.c.use_day)).all())
    kept: dict[dt.date, int] = dict(session.execute(
        select(STAT.c.day, func.sum(STAT.c.vouchers))
        .where(STAT.c.kind == USE, STAT.c.settlement_id.is_not(None))
        .group_by(STAT.c.day)).all())
    stale = sorted(d for d in set(ledger) | set(kept) if ledger.get(d) != kept.get(d))
    ranges = _ranges(stale)
    for lo, hi in ranges:
        _rebuild_uses(session, V.c.use_day.between(lo, hi), STAT.c.day.between(lo, hi))
    for lo, hi in _month_ranges(ranges):
        _rebuild_months(session, (lo, hi))
    return len(stale)


def rebuild_months(session: Session, actor: Actor) -> int:
    """The whole month level again from the day level (migration 0031); rows written."""
    require(actor, Action.REFRESH_STATISTICS)
    return _rebuild_months(session, None)


def _month_ranges(ranges: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The months the ranges of days touch, consecutive ones as one range."""
    months = sorted({dt.date(y, m, 1) for lo, hi in ranges if lo is not None
                     for y, m in _months_between(lo, hi)})  # (None: a settled voucher unused)
    out: list[tuple[dt.date, dt.date]] = []
    for first in months:
        if out and (first - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], _month_end(first))
        else:
            out.append((first, _month_end(first)))
    return out


def _months_between(lo: dt.date, hi: dt.date) -> list[tuple[int, int]]:
    return [(n // 12, n % 12 + 1) for n in range(lo.year * 12 + lo.month - 1,
                                                 hi.year * 12 + hi.month)]


def _ranges(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days as (first, last) ranges."""
    out: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if out and (day - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def rebuild(session: Session, actor: Actor, *, months: bool = True) -> RefreshResult:
    """The whole aggregate again from the ledger (``jd-admin statistics refresh``);
    ``months=False``: the day level only (migration 0030, before the month level exists)."""
    require(actor, Action.REFRESH_STATISTICS)
    session.execute(delete(STAT))
    if months:
        session.execute(delete(MONTH))
    first, last = session.execute(
        select(func.min(V.c.claim_day), func.max(V.c.claim_day))).one()
    if first is None:
        return RefreshResult(None, None, 0, 0)
    everything = literal_column("1") == literal_column("1")
    written = _rebuild_uses(session, and_(everything), and_(everything))
    if months:
        written += _rebuild_months(session, None)
    written += _rebuild_claims(session, first, last)
    return RefreshResult((first, last), None, 0, written)
