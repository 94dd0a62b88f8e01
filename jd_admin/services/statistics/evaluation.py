"""The periodic evaluation report (体育消费券实施效果评估报告; monthly, quarterly, yearly or any
period) — CONVENTIONS 15: gather, lay out, write.

:func:`prepare_report` runs in the caller's transaction: it gathers the period's figures into
:class:`~jd_admin.reports.evaluation_data.EvaluationData` and records the print (or export) in
the audit trail; :meth:`Prepared.write` lays out the PDF or the .xlsx after the transaction (a
temporary file renamed into place).

Every figure is the dashboard's: read from the statistics service
(:mod:`jd_admin.services.statistics.metrics` — ``summary``, ``breakdown``, ``series``,
``top_venues``, ``distinct_citizens``, ``citizens_by_subdistrict``; the definitions are in its
docstring), for the same period and scope, so the report and the 统计分析 page never disagree:

- redemptions (核销张数, also the person-times 人次), subsidy, face value and consumption
  driven (the order amounts) of the vouchers redeemed in the period (by use day), distinct
  citizens and venues;
- claims: the vouchers claimed in the period, and of those the ones redeemed by now (the
  redemption rate) and the ones unredeemed past their validity (过期未用);
- leverage (拉动比) = consumption ÷ face value — the basis of the figure the city publishes
  (上海市公布口径; Shanghai, first half of 2025: ¥91.04M ÷ ¥29.81M of vouchers redeemed =
  3.1×) — and, labelled beside it, consumption ÷ government subsidy;
- the same for the previous period of the same kind (the month, quarter or year before; else
  the same number of days before) for the comparison (环比);
- breakdowns by subdistrict (every one, in the register's order), sport, venue type and the
  top venues; the early warnings of the period; the venue sports out of line with their filed
  prices (services/statistics/integrity.py; for the ledger's readers).

Who: ``READ_STATISTICS``, the dashboard's permission. A subdistrict user gets its own 街镇's
report: its venues' figures, its own row of 分街镇情况, no claim figures (claims are made on the
platform, in no 街镇), its venues' warnings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.text import _, chinese
from jd_admin.domain.warnings import UNDECIDED
from jd_admin.models import Subdistrict, Venue, VenueWarning
from jd_admin.models.base import utcnow
from jd_admin.reports import evaluation as render
from jd_admin.reports.evaluation_data import (
    BreakdownRow,
    EvaluationData,
    Headline,
    PeriodPoint,
    ratio,
)
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, may_act, require, subdistrict_filter
from jd_admin.services.output_files import Prepared, check_target
from jd_admin.services.statistics import integrity, metrics
from jd_admin.services.statistics.metrics import Dimension, Filters, Grain, Metrics, Slice

#: Who may print the report: whoever reads the statistics (a subdistrict its own 街镇's).
REPORT_ACTION = Action.READ_STATISTICS
TOP_VENUES = 10


def headline(m: Metrics) -> Headline:
    """The report's 主要指标 of the service's figures of one period."""
    return Headline(m.claims, m.claims_redeemed, m.redemptions, m.expired_unused,
                    m.subsidy_redeemed, m.face_redeemed, m.order_total, m.citizens or 0,
                    m.venues)


def gather_figures(session: Session, actor: Actor, since: dt.date, until: dt.date, *,
                   today: dt.date | None = None) -> Headline:
    """The headline of the days ``since`` … ``until`` (inclusive) in the actor's scope."""
    return headline(metrics.summary(session, actor, Filters(since, until), today=today))


def _row(s: Slice, name: str | None = None, citizens: int = 0) -> BreakdownRow:
    return BreakdownRow(s.label if name is None else name, s.redemptions, s.subsidy_redeemed,
                        s.face_redeemed, s.order_total, citizens, s.venues)


def _breakdowns(session: Session, actor: Actor, f: Filters,
                today: dt.date) -> dict[str, tuple[BreakdownRow, ...]]:
    """By subdistrict (every one in the scope, in the register's order, with its distinct
    citizens; the redemptions at venues not in the register as their own row), sport (most
    redemptions first), venue type and the top venues by redemptions."""
    own = subdistrict_filter(actor, Action.READ_STATISTICS, None)
    subs = {s.key: s for s in metrics.breakdown(session, actor, f, Dimension.SUBDISTRICT,
                                                today=today)}
    citizens = metrics.citizens_by_subdistrict(session, actor, f)
    register = select(Subdistrict.id, Subdistrict.name).order_by(Subdistrict.id)
    if own is not None:
        register = register.where(Subdistrict.id == own)
    subdistricts = [
        _row(subs[sid], name, citizens.get(sid, 0)) if sid in subs
        else BreakdownRow(name, 0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), 0, 0)
        for sid, name in session.execute(register)]
    if None in subs:  # redemptions at a venue not in the register
        subdistricts.append(_row(subs[None], "（未匹配定点场馆）"))
    sports = sorted((_row(s, s.label if s.key else "（未填）") for s in metrics.breakdown(
        session, actor, f, Dimension.SPORT, today=today)), key=lambda r: (-r.redemptions,
                                                                           r.name))
    by_type = metrics.breakdown(session, actor, f, Dimension.VENUE_TYPE, today=today)
    types = [_row(s, chinese(VenueType.label_of(s.key))) for s in sorted(
        (s for s in by_type if s.key), key=lambda s: str(s.key))]
    types += [_row(s, "（未匹配定点场馆）") for s in by_type if not s.key]
    top = [_row(s) for s in metrics.top_venues(session, actor, f, TOP_VENUES,
                                               by="redemptions")]
    return {"subdistricts": tuple(subdistricts), "sports": tuple(sports),
            "types": tuple(types), "top": tuple(top)}


def _series(session: Session, actor: Actor, f: Filters,
            today: dt.date) -> tuple[tuple[PeriodPoint, ...], str]:
    """By day for a period of up to 31 days, else by month."""
    if f.days <= 31:
        return tuple(PeriodPoint(f"{p.start.month}/{p.start.day}", p.start, p.redemptions,
                                 p.subsidy_redeemed, p.order_total)
                     for p in metrics.series(session, actor, f, Grain.DAY, today=today)), "日"
    since = f.since
    return tuple(PeriodPoint(f"{p.start.month}月" if p.start.year == since.year
                             or since.month == 1 else f"{p.start.year % 100}年{p.start.month}月",
                             max(p.start, since), p.redemptions, p.subsidy_redeemed,
                             p.order_total)
                 for p in metrics.series(session, actor, f, Grain.MONTH, today=today)), "月"


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
                  warnings_raised: int, warnings_open: int,
                  outliers: int | None) -> tuple[str, ...]:
    """Points for 存在问题 the figures show; the staff judge and complete them."""
    out = []
    if current.claims and current.expired_unused is not None:
        share = ratio(current.expired_unused, current.claims, "0.0001")
        out.append(f"本期领取的消费券中已过期未使用 {current.expired_unused:,} 张，占本期领取量的 "
                   f"{_percent(share)}，领而不用的原因有待分析。")
    idle = [r.name for r in subdistricts if r.redemptions == 0]
    if idle:
        out.append(f"{'、'.join(idle)}本期没有核销，定点场馆覆盖或宣传有待加强。")
    active = [r for r in subdistricts if r.redemptions and r.leverage is not None]
    if len(active) >= 2:
        low = min(active, key=lambda r: (r.leverage or Decimal(0), r.name))
        high = max(active, key=lambda r: (r.leverage or Decimal(0), r.name))
        if low.name != high.name:
            out.append(f"各街镇拉动比（带动消费÷券面值，上海市公布口径）差异：最高 {high.name} "
                       f"{high.leverage} 倍，最低 {low.name} {low.leverage} 倍。")
    if warnings_raised:
        out.append(f"本期产生预警 {warnings_raised} 条，其中 {warnings_open} 条尚未核查结案。")
    if outliers:
        out.append(f"有 {outliers} 个场馆项目的典型订单金额与备案价格明显不符，需核实价格备案"
                   "或订单真实性。")
    return tuple(out)


def _warnings(session: Session, actor: Actor, since: dt.date,
              until: dt.date) -> tuple[int, int]:
    """(raised, of them undecided) early warnings of days in the period, at the venues of the
    actor's scope (none for a reader of no warning)."""
    if not may_act(actor, Action.READ_WARNINGS):
        return 0, 0
    w = VenueWarning
    where = [w.day <= until, func.coalesce(w.period_end, w.day) >= since]
    own = subdistrict_filter(actor, Action.READ_WARNINGS, None)
    if own is not None:
        where.append(w.venue_id.in_(select(Venue.id).where(Venue.subdistrict_id == own)))
    raised, still_open = session.execute(select(
        func.count(), func.coalesce(func.sum(case((w.status.in_(UNDECIDED), 1), else_=0)), 0))
        .select_from(w).where(and_(*where))).one()
    return int(raised or 0), int(still_open or 0)


def report_data(session: Session, actor: Actor, since: dt.date, until: dt.date, *,
                today: dt.date | None = None) -> EvaluationData:
    """The report's figures for ``since`` … ``until`` (inclusive), in the actor's scope."""
    require(actor, REPORT_ACTION)
    if until < since:
        raise InvalidInput(_("结束日期不能早于开始日期"))
    today = today or clock.today()
    own = subdistrict_filter(actor, Action.READ_STATISTICS, None)
    f = Filters(since, until, subdistrict_id=own)
    prev_from, prev_to = previous_period(since, until)
    current = headline(metrics.summary(session, actor, f, today=today))
    previous = headline(metrics.summary(session, actor, replace(f, since=prev_from,
                                                                until=prev_to), today=today))
    parts = _breakdowns(session, actor, f, today)
    series, unit = _series(session, actor, f, today)
    raised, still_open = _warnings(session, actor, since, until)
    outliers = (len(integrity.outliers(session, since, until))
                if own is None and may_act(actor, Action.READ_VOUCHERS) else None)
    scope = session.get_one(Subdistrict, own).name if own is not None else None
    return EvaluationData(
        period_kind(since, until), since, until, prev_from, prev_to, current, previous,
        series, unit, parts["subdistricts"], parts["sports"], parts["types"], parts["top"],
        raised, still_open, outliers,
        _observations(current, parts["subdistricts"], raised, still_open, outliers),
        utcnow(), scope)


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


__all__ = ["REPORT_ACTION", "Prepared", "gather_figures", "headline", "period_kind",
           "prepare_report", "previous_period", "report_data"]
