"""Budget burn per issuance batch (发放批次预算执行) and its exhaustion forecast.

A batch's *burn* is the government subsidy its vouchers have taken from the budget: the
subsidy of the vouchers redeemed plus that of the vouchers claimed and still usable (unused,
unexpired) — exactly :attr:`~jd_admin.services.vouchers.rules.BatchRow.subsidy_redeemed` +
``subsidy_outstanding`` of :func:`~jd_admin.services.vouchers.rules.list_batches`, which this
module builds on (the vouchers not yet claimed are *not* burn: they are what is left to burn).

The day-by-day burn (:func:`burn_series`) is set-based: the subsidy claimed per batch and
claim day, minus the subsidy of the vouchers that expired unused per batch and day of expiry
(Asia/Shanghai), summed up.

**Forecast** (:func:`forecast`). The velocity is the mean daily *net* burn (claims less
expiries) over the last :data:`WINDOW_DAYS` full days before today (the days of the claim
window only); the forecast is a straight line from yesterday's burn at that velocity, and the
exhaustion day the first day it reaches the budget. The uncertainty treats the days as
independent draws of the window's own day-to-day variation (sample standard deviation ``s``):
after ``n`` days the burn is ``n·m ± z·s·√n`` (a random walk, :data:`BAND_Z` = 1.645 gives a
90 % band), so the band widens with the square root of the horizon, and the earliest and
latest exhaustion days are where its upper and lower edges reach the budget. Why this and not
a regression on the cumulative curve: its slope is nearly the same mean, but its residuals are
autocorrelated and understate the spread; the increments are what varies from day to day. A
steady burn (``s = 0``) gives one exact day. Limits: a trend (a campaign starting, a holiday)
is not modelled — the window is short so the line follows recent weeks; no new claims come
after the claim window ends, so a forecast day after it means the budget is not exhausted
through claims; nor can a batch burn more than its vouchers' subsidy.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.domain.vouchers import BatchState
from jd_admin.models import Voucher
from jd_admin.models.base import LocalDay, utcnow
from jd_admin.money import from_fen, to_fen
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.navigation import Page
from jd_admin.services.tasks import Task
from jd_admin.services.vouchers.rules import BatchRow, list_batches

#: Days of recent burn the velocity is taken from.
WINDOW_DAYS = 28
#: Fewer days of burn than this: no forecast (too little to tell a velocity).
MIN_DAYS = 7
#: The band: ± this many standard deviations of the cumulative burn (1.645: a 90 % band).
BAND_Z = 1.645
#: A batch forecast to run out within this many days is urgent in My tasks.
URGENT_DAYS = 14


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _fen(value: object) -> int:
    """A sum of the Money column: integer fen from SQL (or a Decimal if converted)."""
    if isinstance(value, Decimal):
        return to_fen(value)
    return int(str(value or 0))


@dataclass(frozen=True)
class BurnDay:
    day: dt.date
    burn: Decimal  # at the end of the day: redeemed + claimed and still usable


@dataclass(frozen=True)
class Forecast:
    """The exhaustion forecast of one batch (see the module docstring)."""

    as_of: dt.date  # the last full day the forecast starts from (yesterday)
    base: Decimal  # burn at the end of ``as_of``
    days_used: int  # days of the window the velocity is taken from
    velocity: Decimal  # mean net burn a day (yuan)
    spread: Decimal  # standard deviation of the daily burn (yuan)
    exhausted_on: dt.date | None  # the central forecast; None: not within the horizon
    earliest: dt.date | None  # the band's upper edge reaches the budget
    latest: dt.date | None  # the band's lower edge (None: never at that pace)

    def projected(self, day: dt.date) -> tuple[Decimal, Decimal, Decimal]:
        """(central, low, high) burn forecast at the end of ``day`` (after ``as_of``)."""
        n = max((day - self.as_of).days, 0)
        central = self.base + self.velocity * n
        half = (Decimal(str(BAND_Z)) * self.spread * Decimal(n).sqrt()).quantize(
            Decimal("0.01"), ROUND_HALF_UP)
        return central, max(self.base, central - half), central + half


@dataclass(frozen=True)
class BatchBurn:
    batch: BatchRow
    series: tuple[BurnDay, ...]  # from the claim window's first day to yesterday
    forecast: Forecast | None  # None: closed, draft, or too few days

    @property
    def burned(self) -> Decimal:
        """Now (list_batches): redeemed + claimed and still usable."""
        return self.batch.subsidy_redeemed + self.batch.subsidy_outstanding

    @property
    def remaining(self) -> Decimal:
        return self.batch.budget - self.burned

    @property
    def burn_share(self) -> Decimal:
        return self.burned / self.batch.budget if self.batch.budget else Decimal(0)

    @property
    def claim_end_day(self) -> dt.date:
        return clock.local_date(self.batch.claim_end)

    @property
    def runs_out_early(self) -> bool:
        """Forecast (the central line) to reach its budget on or before its claim window's
        last day."""
        f = self.forecast
        if f is None or f.exhausted_on is None or f.exhausted_on > self.claim_end_day:
            return False
        # the vouchers left to claim must hold enough subsidy to reach the budget
        return self.batch.committed >= self.batch.budget


def _days_to(remaining: float, m: float, s: float, z: float) -> float | None:
    """Days ``n`` at which ``n·m + z·s·√n`` first reaches ``remaining`` (z may be negative);
    None when it never does."""
    if remaining <= 0:
        return 0.0
    if m <= 0:
        if z > 0 and s > 0:  # no trend, only the spread: √n = remaining / (z s)
            return (remaining / (z * s)) ** 2
        return None
    disc = (z * s) ** 2 + 4 * m * remaining
    root = (-z * s + math.sqrt(disc)) / (2 * m)
    return root * root


def forecast(budget: Decimal, series: list[BurnDay], as_of: dt.date,
             window_days: int = WINDOW_DAYS, z: float = BAND_Z) -> Forecast | None:
    """The exhaustion forecast from the daily burn ``series`` ending on ``as_of`` (see the
    module docstring); None with fewer than :data:`MIN_DAYS` days of it."""
    by_day = {d.day: d.burn for d in series if d.day <= as_of}
    if not by_day or as_of not in by_day:
        return None
    first = min(by_day)
    start = max(first, as_of - dt.timedelta(days=window_days - 1))
    days = [start + dt.timedelta(days=i) for i in range((as_of - start).days + 1)]
    if len(days) < MIN_DAYS:
        return None
    before = by_day.get(start - dt.timedelta(days=1), Decimal(0))
    increments: list[Decimal] = []
    for day in days:
        increments.append(by_day[day] - before)
        before = by_day[day]
    n = len(increments)
    mean = sum(increments, Decimal(0)) / n
    variance = sum(((x - mean) ** 2 for x in increments), Decimal(0)) / (n - 1)
    spread = variance.sqrt()
    base = by_day[as_of]
    remaining = budget - base

    def day_of(z_: float) -> dt.date | None:
        if mean == 0 and spread == 0:
            return None if remaining > 0 else as_of
        if spread == 0 and mean > 0:  # exact: the first whole day reaching the budget
            steps = (remaining / mean).to_integral_value(rounding="ROUND_CEILING")
            return as_of + dt.timedelta(days=max(int(steps), 0))
        found = _days_to(float(remaining), float(mean), float(spread), z_)
        if found is None or found > 3650:
            return None
        return as_of + dt.timedelta(days=max(math.ceil(found - 1e-9), 0))

    q = Decimal("0.01")
    return Forecast(as_of, base, n, mean.quantize(q, ROUND_HALF_UP),
                    spread.quantize(q, ROUND_HALF_UP), day_of(0.0), day_of(z), day_of(-z))


def burn_series(session: Session, until: dt.date,
                batch_ids: list[int] | None = None) -> dict[int, list[BurnDay]]:
    """Each batch's burn at the end of every day from its first claim to ``until``: the
    subsidy claimed up to that day less the subsidy expired unused up to that day (two
    grouped queries)."""
    v = Voucher
    scope = [] if batch_ids is None else [v.batch_id.in_(batch_ids)]
    claimed = session.execute(
        select(v.batch_id, v.claim_day, func.sum(v.subsidy))
        .where(v.claim_day <= until, *scope).group_by(v.batch_id, v.claim_day)).all()
    expiry_day = LocalDay(v.expires_at)
    end = clock.start_of_day(until + dt.timedelta(days=1))
    expired = session.execute(
        select(v.batch_id, expiry_day, func.sum(v.subsidy))
        .where(and_(v.redeemed_at.is_(None), v.expires_at <= end), *scope)
        .group_by(v.batch_id, expiry_day)).all()
    deltas: dict[int, dict[dt.date, int]] = {}
    for batch_id, day, fen in claimed:
        per = deltas.setdefault(int(batch_id), {})
        d = _as_date(day)
        per[d] = per.get(d, 0) + _fen(fen)
    for batch_id, day, fen in expired:
        per = deltas.setdefault(int(batch_id), {})
        d = min(_as_date(day), until)
        per[d] = per.get(d, 0) - _fen(fen)
    out: dict[int, list[BurnDay]] = {}
    for batch_id, per in deltas.items():
        first = min(per)
        running = 0
        days: list[BurnDay] = []
        for i in range((until - first).days + 1):
            day = first + dt.timedelta(days=i)
            running += per.get(day, 0)
            days.append(BurnDay(day, from_fen(running)))
        out[batch_id] = days
    return out


def batch_burn(session: Session, actor: Actor, today: dt.date | None = None,
               now: dt.datetime | None = None) -> list[BatchBurn]:
    """Every batch that has opened (active or closed) with its burn, its daily series and,
    for an active batch, the exhaustion forecast. Reading vouchers is
    :attr:`Action.READ_VOUCHERS` (the operator and the bureau's desks)."""
    require(actor, Action.READ_VOUCHERS)
    return _batch_burn(session, today, now)


def _batch_burn(session: Session, today: dt.date | None, now: dt.datetime | None,
                active_only: bool = False) -> list[BatchBurn]:
    moment = now or utcnow()
    today = today or clock.local_date(moment)
    as_of = today - dt.timedelta(days=1)
    wanted = (BatchState.ACTIVE,) if active_only else (BatchState.ACTIVE, BatchState.CLOSED)
    batches = [b for b in list_batches(session, moment) if b.status in wanted]
    series = burn_series(session, as_of, [b.id for b in batches]) if batches else {}
    out = []
    for b in batches:
        days = series.get(b.id, [])
        predicted = None
        if b.status == BatchState.ACTIVE and clock.local_date(b.claim_start) <= as_of:
            if days:  # the days of the claim window since its start (zeros included)
                start = min(days[0].day, clock.local_date(b.claim_start))
                days = _pad(days, start)
            predicted = forecast(b.budget, days, as_of)
        out.append(BatchBurn(b, tuple(days), predicted))
    return out


def _pad(days: list[BurnDay], start: dt.date) -> list[BurnDay]:
    if not days or days[0].day <= start:
        return days
    gap = (days[0].day - start).days
    return [BurnDay(start + dt.timedelta(days=i), Decimal("0.00")) for i in range(gap)] + days


def budget_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    """My tasks (待办) of the bureau's batch managers: an active batch forecast to use up its
    budget before its claim window ends (urgent within :data:`URGENT_DAYS` days)."""
    if actor.is_system or not may_act(actor, Action.MANAGE_BATCHES):
        return []
    today = clock.local_date(now)
    found = []
    for b in _batch_burn(session, today, now, active_only=True):  # (only those forecast)
        f = b.forecast
        if not b.runs_out_early or f is None or f.exhausted_on is None:
            continue
        band = ""
        if f.earliest is not None and f.latest is not None and f.earliest != f.latest:
            band = str(_("（90% 区间 {earliest} 至 {latest}）", earliest=f.earliest.isoformat(),
                         latest=f.latest.isoformat()))
        title = _("批次预算将提前用完：{batch}", batch=b.batch.name)
        detail = _("按近 {days} 天日均 {velocity} 元的速度，预计 {day}{band} 用完预算 "
                   "{budget} 元，早于领取截止日 {end}；已占用 {burned} 元",
                   days=f.days_used, velocity=f.velocity, day=f.exhausted_on.isoformat(),
                   band=band, budget=b.batch.budget, end=b.claim_end_day.isoformat(),
                   burned=b.burned)
        found.append(Task("budget_exhaustion", str(title), str(detail), Page.STATISTICS,
                          f"budget:{b.batch.code}", clock.start_of_day(f.exhausted_on),
                          (f.exhausted_on - today).days <= URGENT_DAYS))
    return found


__all__ = ["BAND_Z", "MIN_DAYS", "WINDOW_DAYS", "BatchBurn", "BurnDay", "Forecast",
           "batch_burn", "budget_tasks", "burn_series", "forecast"]
