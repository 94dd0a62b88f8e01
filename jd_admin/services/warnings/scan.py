"""The scan (预警扫描): the anomaly signals over a range of days, filling the warning list.

Set-based: one grouped query per signal. Idempotent: one warning per venue, signal and day —
a warning already there is left as it is (an open one gets its figures and vouchers brought
up to date if they changed; one under verification or closed is never touched), so a rerun
changes nothing.

Signals scanned so far: daily use above the venue's alert line (超过警戒线) — the redeemed
vouchers of a venue on one day (``use_day``) against the line in force that day
(alert_lines.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.domain.warnings import Signal, WarningState, over_share
from jd_admin.models import Venue, VenueWarning, Voucher, WarningVoucher
from jd_admin.services import audit
from jd_admin.services.actor import Actor, require
from jd_admin.services.warnings.alert_lines import line_expression


@dataclass(frozen=True)
class Created:
    warning_id: int
    venue_id: int
    venue_name: str
    signal: str
    day: dt.date
    explanation: str


@dataclass
class ScanResult:
    since: dt.date
    until: dt.date
    created: list[Created] = field(default_factory=list)
    updated: int = 0  # open warnings whose figures changed
    unchanged: int = 0  # warnings already there, left as they were


def daily_explanation(day: dt.date, count: int, limit: int) -> str:
    """The warning's plain-Chinese explanation (stored with the warning, as its figures)."""
    return (f"{day.isoformat()} 核销 {count} 张，超过警戒线 {limit} 张"
            f"（超出 {over_share(count, limit)}%）")


def _daily_above_line(session: Session, since: dt.date, until: dt.date) -> list[Any]:
    """(venue_id, day, count, limit) of every venue and day above its line, one query."""
    v = Voucher
    counts = (select(v.venue_id.label("venue_id"), v.use_day.label("day"),
                     func.count().label("n"))
              .where(v.redeemed_at.is_not(None), v.venue_id.is_not(None),
                     v.use_day >= since, v.use_day <= until)
              .group_by(v.venue_id, v.use_day).subquery())
    lines = select(counts.c.venue_id, counts.c.day, counts.c.n,
                   line_expression(counts.c.venue_id, counts.c.day).label("limit")).subquery()
    return list(session.execute(
        select(lines.c.venue_id, lines.c.day, lines.c.n, lines.c.limit)
        .where(lines.c.limit.is_not(None), lines.c.n > lines.c.limit)
        .order_by(lines.c.day, lines.c.venue_id)).all())


def _add_vouchers(session: Session, warning: VenueWarning) -> None:
    """The venue's redeemed vouchers of the warning's day not yet listed on it."""
    v = Voucher
    listed = select(WarningVoucher.voucher_id).where(WarningVoucher.warning_id == warning.id)
    session.execute(insert(WarningVoucher).from_select(
        ["warning_id", "voucher_id"],
        select(literal(warning.id), v.id).where(
            v.venue_id == warning.venue_id, v.use_day == warning.day,
            v.redeemed_at.is_not(None), v.id.not_in(listed)).order_by(v.id)))


def scan(session: Session, actor: Actor, since: dt.date, until: dt.date) -> ScanResult:
    """Scan the days ``since`` … ``until`` (inclusive) for the signals; what it did."""
    require(actor, Action.SCAN_WARNINGS)
    if until < since:
        raise InvalidInput(_("扫描的结束日期不能早于开始日期"))
    result = ScanResult(since, until)
    signal = Signal.DAILY_ABOVE_LINE.value
    existing = {(w.venue_id, w.day): w for w in session.scalars(select(VenueWarning).where(
        VenueWarning.signal == signal, VenueWarning.day >= since, VenueWarning.day <= until))}
    fired = _daily_above_line(session, since, until)
    names: dict[int, str] = {}
    if fired:
        names = {i: n for i, n in session.execute(select(Venue.id, Venue.name).where(
            Venue.id.in_({r.venue_id for r in fired})))}
    for venue_id, day, count, limit in fired:
        count, limit = int(count), int(limit)
        figures: dict[str, object] = {"count": count, "limit": limit,
                                      "over_percent": over_share(count, limit)}
        explanation = daily_explanation(day, count, limit)
        warning = existing.get((venue_id, day))
        if warning is None:
            warning = VenueWarning(venue_id=venue_id, signal=signal, day=day, figures=figures,
                                   explanation=explanation, created_by=actor.username)
            session.add(warning)
            session.flush()
            _add_vouchers(session, warning)
            audit.record(session, actor, "venue_warning", warning.id, _("生成预警"),
                         to_state=WarningState.OPEN.value, details=figures)
            result.created.append(Created(warning.id, venue_id, names.get(venue_id, ""),
                                          signal, day, explanation))
        elif warning.status == WarningState.OPEN.value and warning.figures != figures:
            warning.figures, warning.explanation = figures, explanation
            session.flush()
            _add_vouchers(session, warning)
            audit.record(session, actor, "venue_warning", warning.id, _("更新预警数据"),
                         details=figures)
            result.updated += 1
        else:
            result.unchanged += 1
    session.flush()
    return result
