"""The scan (预警扫描): every signal over a range of days, filling the warning list.

Set-based: one pass over the range's redeemed vouchers (signals.daily_pass: one statement, its
per-venue-per-day counts feeding every detector), then each detector (signals.DETECTORS), and
only the candidate venues' and days' vouchers fetched where a detector names vouchers one by
one. Parameters are those in force on the days judged (services/warnings/parameters.py): a
range over which some signal's parameters change is scanned in parts, one pass each.

Idempotent: one warning per venue, signal and day (a period signal's first day, with its
``period_end``) — a warning already there is left as it is (an open one gets its figures and
vouchers brought up to date if they changed; one under verification or closed is never
touched), so a rerun changes nothing. A natural month touched by the range is judged whole.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session

from jd_admin.domain import opening_hours
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.settlement import next_month
from jd_admin.domain.text import _
from jd_admin.domain.warnings import PARAMETERS, SCANNED_SIGNALS, Params, Signal, WarningState
from jd_admin.models import AlertLine, Venue, VenueWarning, Voucher, WarningVoucher
from jd_admin.services import audit
from jd_admin.services.actor import Actor, require
from jd_admin.services.dberrors import guard_errors
from jd_admin.services.warnings import signals
from jd_admin.services.warnings.parameters import in_force_over
from jd_admin.services.warnings.signals import Finding, daily_explanation

__all__ = ["Created", "ScanResult", "daily_explanation", "scan"]


@dataclass(frozen=True)
class Created:
    warning_id: int
    venue_id: int
    venue_name: str
    signal: str
    day: dt.date
    explanation: str


@dataclass(frozen=True)
class Unjudged:
    """A venue whose filed opening hours could not be read: not judged for outside hours."""

    venue_id: int
    venue_name: str
    opening_hours: str


@dataclass
class ScanResult:
    since: dt.date
    until: dt.date
    created: list[Created] = field(default_factory=list)
    updated: int = 0  # open warnings whose figures changed
    unchanged: int = 0  # warnings already there, left as they were
    unjudged: list[Unjudged] = field(default_factory=list)
    fired: Counter[str] = field(default_factory=Counter)  # findings per signal


def _months(since: dt.date, until: dt.date) -> list[dt.date]:
    months, m = [], since.replace(day=1)
    while m <= until:
        months.append(m)
        m = next_month(m)
    return months


def _parts(session: Session, since: dt.date, until: dt.date
           ) -> list[tuple[dt.date, dt.date, dict[Signal, Params]]]:
    """The range cut where some signal's parameters change: (first, last day, parameters)."""
    versions = {s: in_force_over(session, s, since, until) for s in PARAMETERS}
    starts = sorted({d for vs in versions.values() for d, _p in vs})
    parts = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else until
        params = {s: [p for d, p in vs if d <= start][-1] for s, vs in versions.items()}
        parts.append((start, end, params))
    return parts


def findings(session: Session, since: dt.date, until: dt.date,
             result: ScanResult | None = None) -> list[Finding]:
    """What every scanned signal finds over ``since`` … ``until`` (nothing written)."""
    found: list[Finding] = []
    unjudged: dict[int, str] = {}
    venues = signals.load_venues(session)
    hours = {i: opening_hours.parse(h) for i, (_name, h) in venues.items()}
    min_line = session.scalar(select(func.min(AlertLine.daily_limit)))
    months = _months(since, until)
    for start, end, params in _parts(session, since, until):
        judged = [m for m in months if start <= max(m, since) <= end]
        history = max(int(params[Signal.ABOVE_PATTERN]["window_days"]),
                      int(params[Signal.REPEAT_CITIZEN]["days"]))
        lo = min([start - dt.timedelta(days=history), *judged])
        hi = max([end, *(next_month(m) - dt.timedelta(days=1) for m in judged)])
        rows, month_rows = signals.daily_pass(session, lo, hi, start, end, params, hours,
                                              min_line)
        ctx = signals.Context(session, start, end, params, rows, month_rows, judged, hours,
                              venues, unjudged)
        for signal in SCANNED_SIGNALS:
            found += signals.DETECTORS[signal](ctx)
    if result is not None:
        result.unjudged = [Unjudged(i, venues[i][0], text) for i, text in sorted(unjudged.items())]
        result.fired = Counter(f.signal.value for f in found)
    return found


def _add_vouchers(session: Session, warning: VenueWarning, finding: Finding,
                  new: bool) -> None:
    """The finding's vouchers not yet listed on the warning."""
    if finding.voucher_ids is not None:
        listed = set() if new else set(session.scalars(select(WarningVoucher.voucher_id).where(
            WarningVoucher.warning_id == warning.id)))
        rows = [{"warning_id": warning.id, "voucher_id": i} for i in finding.voucher_ids
                if i not in listed]
        if rows:
            session.execute(insert(WarningVoucher), rows)
        return
    v = Voucher
    query = select(literal(warning.id), v.id).where(
        v.venue_id == warning.venue_id, v.use_day >= warning.day,
        v.use_day <= (finding.period_end or warning.day), v.redeemed_at.is_not(None))
    if finding.voucher_where is not None:
        query = query.where(finding.voucher_where)
    if not new:
        query = query.where(v.id.not_in(select(WarningVoucher.voucher_id).where(
            WarningVoucher.warning_id == warning.id)))
    session.execute(insert(WarningVoucher).from_select(["warning_id", "voucher_id"],
                                                       query.order_by(v.id)))


def scan(session: Session, actor: Actor, since: dt.date, until: dt.date) -> ScanResult:
    """Scan the days ``since`` … ``until`` (inclusive) for the signals; what it did."""
    require(actor, Action.SCAN_WARNINGS)
    if until < since:
        raise InvalidInput(_("扫描的结束日期不能早于开始日期"))
    result = ScanResult(since, until)
    found = findings(session, since, until, result)
    existing = {(w.venue_id, w.signal, w.day): w for w in session.scalars(
        select(VenueWarning).where(VenueWarning.day >= since.replace(day=1),
                                   VenueWarning.day <= until))}
    names = {i: n for i, n in session.execute(select(Venue.id, Venue.name).where(
        Venue.id.in_({f.venue_id for f in found})))} if found else {}
    # (the server's guards — migrations 0027, 0029 — refuse what a step taken meanwhile made
    # wrong: vouchers onto a warning no longer open; their message to the user)
    with guard_errors({"JD422": InvalidInput}):
        for f in found:
            signal = f.signal.value
            warning = existing.get((f.venue_id, signal, f.day))
            if warning is None:
                warning = VenueWarning(venue_id=f.venue_id, signal=signal, day=f.day,
                                       period_end=f.period_end, figures=f.figures,
                                       explanation=f.explanation, created_by=actor.username)
                session.add(warning)
                session.flush()
                _add_vouchers(session, warning, f, new=True)
                audit.record(session, actor, "venue_warning", warning.id, _("生成预警"),
                             to_state=WarningState.OPEN.value, details=f.figures)
                result.created.append(Created(warning.id, f.venue_id, names[f.venue_id],
                                              signal, f.day, f.explanation))
            elif warning.status == WarningState.OPEN.value and (
                    warning.figures != f.figures or warning.period_end != f.period_end):
                warning.figures, warning.explanation = f.figures, f.explanation
                warning.period_end = f.period_end
                session.flush()
                _add_vouchers(session, warning, f, new=False)
                audit.record(session, actor, "venue_warning", warning.id, _("更新预警数据"),
                             details=f.figures)
                result.updated += 1
            else:
                result.unchanged += 1
        session.flush()
    return result
