"""The periodic evaluation report (体育消费券实施效果评估报告; monthly, quarterly, yearly or any
period) — CONVENTIONS 15: gather, lay out, write.

:func:`prepare_report` runs in the caller's transaction: it gathers the period's figures into
:class:`~jd_admin.reports.evaluation_data.EvaluationData` and records the print (or export) in
the audit trail; :meth:`Prepared.write` lays out the PDF or the .xlsx after the transaction (a
temporary file renamed into place).

The figures (all computed in SQL, grouped; the vouchers of the period by their Asia/Shanghai
business days):

- redemptions (核销张数, also the person-times 人次), subsidy, face value and consumption
  driven (the order amounts) of the vouchers redeemed in the period, distinct citizens and
  venues;
- claims: the vouchers claimed in the period, and of those the ones redeemed by now (the
  redemption rate is redeemed ÷ claimed of that cohort);
- expired unused: vouchers whose validity ended in the period without a redemption;
- leverage (拉动比) = consumption ÷ government subsidy — the figure the city publishes
  (Shanghai, first half of 2025: ¥91.04 m ÷ ¥29.81 m = 3.1×) — and, labelled apart,
  consumption ÷ face value;
- the same for the previous period of the same kind (the month, quarter or year before; else
  the same number of days before) for the comparison (环比);
- breakdowns by subdistrict (every one, in the register's order), sport, venue type and the
  top venues; the early warnings of the period; the venue sports out of line with their filed
  prices (services/statistics/integrity.py).

:func:`gather_figures` is the one function that reads the ledger for a period's headline, so
it can be replaced by the statistics metrics service without touching the layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.text import _, chinese
from jd_admin.domain.warnings import UNDECIDED
from jd_admin.models import Subdistrict, Venue, VenueWarning, Voucher
from jd_admin.models.base import utcnow
from jd_admin.money import from_fen, to_fen
from jd_admin.reports import evaluation as render
from jd_admin.reports.evaluation_data import (
    BreakdownRow,
    EvaluationData,
    Headline,
    PeriodPoint,
    ratio,
)
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, require
from jd_admin.services.output_files import check_target, write_replacing
from jd_admin.services.statistics import integrity

#: Who may print the report: the bureau's desks and the operator (the voucher ledger's
#: readers).
REPORT_ACTION = Action.READ_VOUCHERS
TOP_VENUES = 10
V = Voucher


def _fen(value: object) -> int:
    if isinstance(value, Decimal):
        return to_fen(value)
    return int(str(value or 0))


def _yuan(value: object) -> Decimal:
    return from_fen(_fen(value))


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _bounds(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return clock.start_of_day(since), clock.start_of_day(until + dt.timedelta(days=1))


def _redeemed_in(since: dt.date, until: dt.date) -> Any:
    start, end = _bounds(since, until)
    return and_(V.redeemed_at >= start, V.redeemed_at < end)


def _measures() -> tuple[Any, ...]:
    return (func.count(), func.sum(V.subsidy), func.sum(V.face_value),
            func.sum(V.order_amount), func.count(func.distinct(V.citizen_id)),
            func.count(func.distinct(V.venue_id)))


def gather_figures(session: Session, since: dt.date, until: dt.date) -> Headline:
    """The headline of the days ``since`` … ``until`` (inclusive): four grouped queries."""
    start, end = _bounds(since, until)
    n, subsidy, face, order, citizens, venues = session.execute(
        select(*_measures()).where(_redeemed_in(since, until))).one()
    claims, claims_redeemed = session.execute(
        select(func.count(), func.count(V.redeemed_at))
        .where(V.claimed_at >= start, V.claimed_at < end)).one()
    expired = session.scalar(select(func.count()).where(
        V.redeemed_at.is_(None), V.expires_at >= start, V.expires_at < end)) or 0
    return Headline(int(claims), int(claims_redeemed), int(n), int(expired), _yuan(subsidy),
                    _yuan(face), _yuan(order), int(citizens or 0), int(venues or 0))


def _per_venue_sport(session: Session, since: dt.date,
                     until: dt.date) -> list[tuple[int, str, tuple[Any, ...]]]:
    """(venue, sport, (redemptions, subsidy, face, order)) of the period: one grouped scan
    the subdistrict, venue type, sport and venue breakdowns are summed from."""
    return [(int(str(vid)), str(sport or "（未填）"), (n, sub, face, order))
            for vid, sport, n, sub, face, order in session.execute(
                select(V.venue_id, V.sport, func.count(), func.sum(V.subsidy),
                       func.sum(V.face_value), func.sum(V.order_amount))
                .where(_redeemed_in(since, until), V.venue_id.is_not(None))
                .group_by(V.venue_id, V.sport))]


class _Sum:
    """Sums of one breakdown row (the venues it counts as a set)."""

    def __init__(self) -> None:
        self.n, self.fen = 0, [0, 0, 0]
        self.venues: set[int] = set()

    def add(self, venue_id: int, found: tuple[Any, ...]) -> None:
        self.n += int(found[0] or 0)
        for i, value in enumerate(found[1:]):
            self.fen[i] += _fen(value)
        self.venues.add(venue_id)

    def row(self, name: str, citizens: int = 0) -> BreakdownRow:
        return BreakdownRow(name, self.n, from_fen(self.fen[0]), from_fen(self.fen[1]),
                            from_fen(self.fen[2]), citizens, len(self.venues))


def _breakdowns(session: Session, since: dt.date, until: dt.date) -> dict[str, tuple[
        BreakdownRow, ...]]:
    """By subdistrict (every one, with its distinct citizens), sport, venue type and the top
    venues: two grouped scans (citizens are not additive, so only the subdistricts count
    them)."""
    groups = _per_venue_sport(session, since, until)
    venues = {int(i): (int(sub), str(kind), str(name)) for i, sub, kind, name in session.execute(
        select(Venue.id, Venue.subdistrict_id, Venue.venue_type, Venue.name)
        .where(Venue.id.in_({g[0] for g in groups})))} if groups else {}
    by_sub: dict[int, _Sum] = {}
    by_sport: dict[str, _Sum] = {}
    by_type: dict[str, _Sum] = {}
    by_venue: dict[int, _Sum] = {}
    for vid, sport, found in groups:
        sub, kind, _name = venues[vid]
        by_sub.setdefault(sub, _Sum()).add(vid, found)
        by_sport.setdefault(sport, _Sum()).add(vid, found)
        by_type.setdefault(kind, _Sum()).add(vid, found)
        by_venue.setdefault(vid, _Sum()).add(vid, found)
    citizens = {int(sub): int(n) for sub, n in session.execute(
        select(Venue.subdistrict_id, func.count(func.distinct(V.citizen_id)))
        .join(Venue, Venue.id == V.venue_id).where(_redeemed_in(since, until))
        .group_by(Venue.subdistrict_id))}
    subdistricts = tuple(
        by_sub.get(sid, _Sum()).row(name, citizens.get(sid, 0))
        for sid, name in session.execute(select(Subdistrict.id, Subdistrict.name)
                                         .order_by(Subdistrict.id)))
    sports = sorted((total.row(name) for name, total in by_sport.items()),
                    key=lambda r: (-r.redemptions, r.name))
    types = tuple(by_type[code].row(chinese(VenueType.label_of(code)))
                  for code in sorted(by_type))
    top_ids = sorted(by_venue, key=lambda vid: (-by_venue[vid].n, vid))[:TOP_VENUES]
    top = tuple(by_venue[vid].row(venues[vid][2]) for vid in top_ids)
    return {"subdistricts": subdistricts, "sports": tuple(sports), "types": types,
            "top": top}


def _series(session: Session, since: dt.date, until: dt.date) -> tuple[tuple[
        PeriodPoint, ...], str]:
    """By day for a period of up to 31 days, else by month."""
    per_day = {_day(d): (int(n), _yuan(s), _yuan(o)) for d, n, s, o in session.execute(
        select(V.use_day, func.count(), func.sum(V.subsidy), func.sum(V.order_amount))
        .where(_redeemed_in(since, until)).group_by(V.use_day))}
    days = [since + dt.timedelta(days=i) for i in range((until - since).days + 1)]
    zero = (0, Decimal("0.00"), Decimal("0.00"))
    if len(days) <= 31:
        return tuple(PeriodPoint(f"{d.month}/{d.day}", d, *per_day.get(d, zero))
                     for d in days), "日"
    months: dict[dt.date, list[Any]] = {}
    for d in days:
        key = d.replace(day=1)
        n, s, o = per_day.get(d, zero)
        acc = months.setdefault(key, [0, Decimal("0.00"), Decimal("0.00")])
        acc[0] += n
        acc[1] += s
        acc[2] += o
    return tuple(PeriodPoint(f"{m.month}月" if m.year == since.year or since.month == 1
                             else f"{m.year % 100}年{m.month}月", m, a[0], a[1], a[2])
                 for m, a in months.items()), "月"


def _unmatched(total: Headline, rows: tuple[BreakdownRow, ...]) -> BreakdownRow | None:
    """The redemptions the breakdowns miss (a venue credit code not in the register), so
    each breakdown adds up to the total; None when there are none."""
    n = total.redemptions - sum(r.redemptions for r in rows)
    if n <= 0:
        return None
    return BreakdownRow("（未匹配定点场馆）", n,
                        total.subsidy - sum((r.subsidy for r in rows), Decimal(0)),
                        total.face_total - sum((r.face_total for r in rows), Decimal(0)),
                        total.consumption - sum((r.consumption for r in rows), Decimal(0)),
                        0, 0)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_kind(since: dt.date, until: dt.date) -> str:
    """月度, 季度 or 年度 when the period is a whole calendar month, quarter or year; else 阶段."""
    if since.day == 1 and until == _add_months(since, 1) - dt.timedelta(days=1):
        return "月度"
    if since.day == 1 and since.month % 3 == 1 and \
            until == _add_months(since, 3) - dt.timedelta(days=1):
        return "季度"
    if (since.month, since.day) == (1, 1) and until == dt.date(since.year, 12, 31):
        return "年度"
    return "阶段"


def previous_period(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date]:
    """The period before, of the same kind (the month, quarter or year before), else of the
    same number of days."""
    kind = period_kind(since, until)
    months = {"月度": 1, "季度": 3, "年度": 12}.get(kind)
    if months is not None:
        start = _add_months(since, -months)
        return start, since - dt.timedelta(days=1)
    length = (until - since).days + 1
    return since - dt.timedelta(days=length), since - dt.timedelta(days=1)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _observations(current: Headline, subdistricts: tuple[BreakdownRow, ...],
                  warnings_raised: int, warnings_open: int, outliers: int) -> tuple[str, ...]:
    """Points for 存在问题 the figures show; the staff judge and complete them."""
    out = []
    if current.claims:
        share = ratio(current.expired_unused, current.claims, "0.0001")
        out.append(f"本期过期未使用消费券 {current.expired_unused:,} 张，相当于同期领取量的 "
                   f"{_percent(share)}，领而不用的原因有待分析。")
    idle = [r.name for r in subdistricts if r.redemptions == 0]
    if idle:
        out.append(f"{'、'.join(idle)}本期没有核销，定点场馆覆盖或宣传有待加强。")
    active = [r for r in subdistricts if r.redemptions and r.leverage is not None]
    if len(active) >= 2:
        low = min(active, key=lambda r: (r.leverage or Decimal(0), r.name))
        high = max(active, key=lambda r: (r.leverage or Decimal(0), r.name))
        if low.name != high.name:
            out.append(f"各街镇拉动比差异：最高 {high.name} {high.leverage} 倍，最低 {low.name} "
                       f"{low.leverage} 倍。")
    if warnings_raised:
        out.append(f"本期产生预警 {warnings_raised} 条，其中 {warnings_open} 条尚未核查结案。")
    if outliers:
        out.append(f"有 {outliers} 个场馆项目的典型订单金额与备案价格明显不符，需核实价格备案"
                   "或订单真实性。")
    return tuple(out)


def report_data(session: Session, actor: Actor, since: dt.date,
                until: dt.date) -> EvaluationData:
    """The report's figures for ``since`` … ``until`` (inclusive)."""
    require(actor, REPORT_ACTION)
    if until < since:
        raise InvalidInput(_("结束日期不能早于开始日期"))
    prev_from, prev_to = previous_period(since, until)
    current = gather_figures(session, since, until)
    previous = gather_figures(session, prev_from, prev_to)
    parts = _breakdowns(session, since, until)
    unmatched = _unmatched(current, parts["subdistricts"])
    if unmatched is not None:  # redemptions at a venue not in the register
        parts["subdistricts"] += (unmatched,)
        parts["types"] += (unmatched,)
    series, unit = _series(session, since, until)
    w = VenueWarning
    in_period = and_(w.day <= until, func.coalesce(w.period_end, w.day) >= since)
    raised = session.scalar(select(func.count()).select_from(w).where(in_period)) or 0
    still_open = session.scalar(select(func.count()).select_from(w).where(
        in_period, w.status.in_(UNDECIDED))) or 0
    outliers = len(integrity.outliers(session, since, until))
    return EvaluationData(
        period_kind(since, until), since, until, prev_from, prev_to, current, previous,
        series, unit, parts["subdistricts"], parts["sports"], parts["types"], parts["top"],
        int(raised), int(still_open), outliers,
        _observations(current, parts["subdistricts"], int(raised), int(still_open), outliers),
        utcnow())


@dataclass(frozen=True)
class Prepared:
    """A gathered output, ready to be written to ``out`` after the transaction."""

    out: Path
    write_to: Callable[[Path], None]

    def write(self) -> Path:
        write_replacing(self.out, self.write_to)
        return self.out


def prepare_report(session: Session, actor: Actor, since: dt.date, until: dt.date,
                   out: Path | str) -> Prepared:
    """Gather the report of ``since`` … ``until`` for ``out`` (.pdf or .xlsx, by extension)
    and record its printing (export) in the audit trail."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidInput(_("文件“{file}”的扩展名应为 {allowed}", file=out.name,
                             allowed=".pdf / .xlsx"))
    check_target(out)  # before anything is gathered or its printing recorded
    data = report_data(session, actor, since, until)
    audit.record_read(session, actor, "evaluation_report",
                      f"{since.isoformat()}..{until.isoformat()}",
                      "print" if suffix == ".pdf" else "export", comment=data.title)
    if suffix == ".pdf":
        return Prepared(out, lambda p: render.write_evaluation_pdf(data, p))
    return Prepared(out, lambda p: render.write_evaluation_xlsx(data, p))


__all__ = ["REPORT_ACTION", "Prepared", "gather_figures", "period_kind", "prepare_report",
           "previous_period", "report_data"]
