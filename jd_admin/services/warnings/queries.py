"""Reading the warning list (预警名单): the warnings in the actor's scope (the bureau and the
operator all, a subdistrict its own venues'), a warning's detail and history, the vouchers it
concerns and a venue's daily use against its alert line (the chart of the warning page and of
the verification sheet).

The vouchers and the daily use read the voucher ledger: they need :data:`Action.READ_VOUCHERS`
besides the warning (a subdistrict reads its venues' warnings, not the ledger).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Select, func, literal, select, union_all
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _, join
from jd_admin.domain.warnings import UNDECIDED, verify_by
from jd_admin.models import Citizen, Subdistrict, Venue, VenueWarning, Voucher, WarningVoucher
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, require, subdistrict_filter, subdistrict_scope
from jd_admin.services.warnings.alert_lines import line_expression

#: The most rows a list returns (newest first); narrow the filters for older ones.
LIST_LIMIT = 2000
#: The most vouchers shown of one warning (the count says how many there are).
VOUCHER_LIMIT = 1000
#: The longest range of days a daily-use chart covers.
MAX_CHART_DAYS = 400

#: The figures' labels, by key (a key not here is shown as it is); the explanation says in
#: words what they mean, the figures give the numbers (services/warnings/signals.py).
FIGURE_LABELS: dict[str, Text] = {
    "count": _("张数"),
    "limit": _("警戒线（张/日）"),
    "over_percent": _("超出比例（%）"),
    "median": _("近期每日中位数"),
    "mad": _("中位数绝对偏差"),
    "spread": _("波动幅度"),
    "k": _("倍数 k"),
    "line": _("常态上限（张/日）"),
    "window_days": _("统计天数"),
    "active_days": _("有核销的天数"),
    "orders": _("订单数"),
    "at_minimum": _("金额集中于门槛的订单数"),
    "share_percent": _("占比（%）"),
    "district_share_percent": _("全区占比（%）"),
    "band_yuan": _("门槛以上范围（元）"),
    "ratio": _("倍数"),
    "min_share_percent": _("最低占比（%）"),
    "citizens": _("市民"),
    "max_uses": _("核销次数上限"),
    "days": _("天数"),
    "hours": _("营业时间"),
    "grace_minutes": _("宽限（分钟）"),
    "times": _("核销时间"),
    "margin_percent": _("允许高出（%）"),
    "highest": _("高出最多的一笔"),
    "sport": _("项目"),
    "order_amount": _("订单金额（元）"),
    "reference": _("备案价格（元）"),
    "from": _("自"),
    "to": _("至"),
    "vouchers": _("消费券张数"),
    "minutes": _("分钟"),
}
#: A signal's own words for a key.
SIGNAL_FIGURE_LABELS: dict[str, dict[str, Text]] = {
    "daily_above_line": {"count": _("当日核销张数")},
    "above_pattern": {"count": _("当日核销张数")},
    "outside_hours": {"count": _("营业时间外核销张数")},
    "above_list_price": {"count": _("高于备案价格的订单数")},
    "burst": {"count": _("界线（位市民）"), "citizens": _("集中核销的市民数")},
    "platform_report": {"vouchers": _("上报的消费券张数")},
}
#: The most items of a list a figure shows.
FIGURE_ITEMS = 10


@dataclass(frozen=True)
class WarningRow:
    id: int
    venue_id: int
    venue_name: str
    subdistrict_id: int
    subdistrict_name: str
    signal: str  # the code (domain/warnings.Signal)
    day: dt.date
    period_end: dt.date | None
    explanation: str
    status: str
    assigned_to: str | None
    created_at: dt.datetime
    due_on: dt.date  # to be decided by (核查期限)
    overdue: bool  # undecided past its due day
    voucher_count: int
    version: int

    @property
    def period_text(self) -> str:
        if self.period_end is None or self.period_end == self.day:
            return self.day.isoformat()
        return f"{self.day.isoformat()} – {self.period_end.isoformat()}"


@dataclass(frozen=True)
class WarningDetail:
    row: WarningRow
    figures: tuple[tuple[Text | str, str], ...]  # (label, value) in a stable order
    line: int | None  # the alert line in force on the day
    evidence: str | None  # a warning filed by hand
    finding: str | None
    decision: str | None
    rectification_plan_id: int | None
    venue_suspended: bool
    created_by: str
    closed_by: str | None
    closed_at: dt.datetime | None
    history: tuple[audit.HistoryEntry, ...]


@dataclass(frozen=True)
class WarningVoucherRow:
    id: int
    code: str
    citizen_masked: str
    redeemed_at: dt.datetime | None
    sport: str | None
    face_value: Decimal
    order_amount: Decimal | None
    paid_amount: Decimal | None


@dataclass(frozen=True)
class DayUse:
    day: dt.date
    count: int  # vouchers redeemed at the venue that day
    limit: int | None  # the alert line in force (None: no line)
    warning_ids: tuple[int, ...]  # the venue's warnings of that day (flagged when any)

    @property
    def flagged(self) -> bool:
        return bool(self.warning_ids)


def due_on(created_at: dt.datetime) -> dt.date:
    """The day a warning raised at ``created_at`` is to be verified by (domain/warnings.py)."""
    return verify_by(clock.local_date(created_at))


def _label(key: str, signal: str | None) -> Text | str:
    own = SIGNAL_FIGURE_LABELS.get(signal or "", {}).get(key)
    return own if own is not None else FIGURE_LABELS.get(key, key)


def _figure_value(value: Any, signal: str | None) -> str:
    """A figure as text: a list of its first items, a citizen with its uses, a small dict as
    its labelled values."""
    if isinstance(value, list):
        shown = join(_figure_value(v, signal) for v in value[:FIGURE_ITEMS])
        return shown + (f"…（{len(value)}）" if len(value) > FIGURE_ITEMS else "")
    if isinstance(value, dict):
        if "citizen" in value:
            return f"{value['citizen']} ×{value.get('uses', '')}"
        return " ".join(f"{_label(k, signal)!s} {_figure_value(v, signal)}"
                        for k, v in value.items())
    return str(value)


def figure_lines(figures: dict[str, Any] | None,
                 signal: str | None = None) -> tuple[tuple[Text | str, str], ...]:
    """The figures as (label, value): the known keys first in their order, then the rest."""
    figures = dict(figures or {})
    out: list[tuple[Text | str, str]] = []
    for key in FIGURE_LABELS:
        if key in figures:
            out.append((_label(key, signal), _figure_value(figures.pop(key), signal)))
    out += [(key, _figure_value(value, signal)) for key, value in sorted(figures.items())]
    return tuple(out)


def _vouchers_per_warning() -> Any:
    return (select(WarningVoucher.warning_id, func.count().label("n"))
            .group_by(WarningVoucher.warning_id).subquery())


def _select(actor: Actor) -> Select[Any]:
    """The warnings ``actor`` reads, with venue, subdistrict and voucher count."""
    require(actor, Action.READ_WARNINGS)
    counts = _vouchers_per_warning()
    stmt = (select(VenueWarning, Venue.name, Venue.subdistrict_id, Subdistrict.name,
                   func.coalesce(counts.c.n, 0))
            .join(Venue, Venue.id == VenueWarning.venue_id)
            .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
            .outerjoin(counts, counts.c.warning_id == VenueWarning.id))
    own = subdistrict_scope(actor, Action.READ_WARNINGS)
    if own is not None:
        stmt = stmt.where(Venue.subdistrict_id == own)
    return stmt


def _row(found: Any, today: dt.date) -> WarningRow:
    w, venue, subdistrict_id, subdistrict, count = found
    due = due_on(w.created_at)
    return WarningRow(
        w.id, w.venue_id, venue, subdistrict_id, subdistrict, w.signal, w.day, w.period_end,
        w.explanation, w.status, w.assigned_to, w.created_at, due,
        w.status in UNDECIDED and due < today, int(count), w.version)


def list_warnings(session: Session, actor: Actor, *, subdistrict_id: int | None = None,
                  venue_id: int | None = None, signal: str | None = None,
                  state: str | None = None, since: dt.date | None = None,
                  until: dt.date | None = None, undecided_only: bool = False,
                  today: dt.date | None = None,
                  limit: int = LIST_LIMIT) -> list[WarningRow]:
    """The warnings in ``actor``'s scope, newest day first (``since``/``until``: the warning's
    day, inclusive; a subdistrict user sees its own subdistrict whatever it asks for)."""
    today = today or clock.today()
    stmt = _select(actor)
    wanted = subdistrict_filter(actor, Action.READ_WARNINGS, subdistrict_id)
    if wanted is not None:
        stmt = stmt.where(Venue.subdistrict_id == wanted)
    if venue_id is not None:
        stmt = stmt.where(VenueWarning.venue_id == venue_id)
    if signal is not None:
        stmt = stmt.where(VenueWarning.signal == signal)
    if state is not None:
        stmt = stmt.where(VenueWarning.status == state)
    if undecided_only:
        stmt = stmt.where(VenueWarning.status.in_(UNDECIDED))
    if since is not None:
        stmt = stmt.where(func.coalesce(VenueWarning.period_end, VenueWarning.day) >= since)
    if until is not None:
        stmt = stmt.where(VenueWarning.day <= until)
    stmt = stmt.order_by(VenueWarning.day.desc(), VenueWarning.id.desc()).limit(limit)
    return [_row(r, today) for r in session.execute(stmt)]


def warning_venues(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """(id, name) of the venues with a warning in ``actor``'s scope, by name (the venue
    filter's choices)."""
    require(actor, Action.READ_WARNINGS)
    stmt = (select(Venue.id, Venue.name).where(Venue.id.in_(select(VenueWarning.venue_id)))
            .order_by(Venue.name, Venue.id))
    own = subdistrict_scope(actor, Action.READ_WARNINGS)
    if own is not None:
        stmt = stmt.where(Venue.subdistrict_id == own)
    return [(int(i), str(n)) for i, n in session.execute(stmt)]


def _load(session: Session, actor: Actor, warning_id: int, today: dt.date) -> WarningRow:
    found = session.execute(_select(actor).where(VenueWarning.id == warning_id)).first()
    if found is None:
        raise NotFound(_("没有编号为 {id} 的预警（或不在您的权限范围内）", id=warning_id))
    return _row(found, today)


def warning_row(session: Session, actor: Actor, warning_id: int,
                today: dt.date | None = None) -> WarningRow:
    """One warning ``actor`` reads (NotFound otherwise)."""
    return _load(session, actor, warning_id, today or clock.today())


def warning_detail(session: Session, actor: Actor, warning_id: int,
                   today: dt.date | None = None) -> WarningDetail:
    """A warning with its figures, the alert line of its day, the finding, the decision and
    its history (the audit trail's steps)."""
    row = _load(session, actor, warning_id, today or clock.today())
    w = session.get_one(VenueWarning, warning_id)
    line = session.scalar(select(line_expression(w.venue_id, w.day)))
    return WarningDetail(
        row, figure_lines(w.figures, w.signal), None if line is None else int(line), w.evidence,
        w.finding, w.decision, w.rectification_plan_id, bool(w.venue_suspended), w.created_by,
        w.closed_by, w.closed_at,
        tuple(audit.history(session, "venue_warning", warning_id)))


def warning_vouchers(session: Session, actor: Actor, warning_id: int,
                     limit: int = VOUCHER_LIMIT) -> list[WarningVoucherRow]:
    """The vouchers a warning concerns, by redemption time (at most ``limit``; the warning
    row's ``voucher_count`` says how many there are). Citizens masked (nothing else is
    stored)."""
    require(actor, Action.READ_VOUCHERS)
    _load(session, actor, warning_id, clock.today())
    v = Voucher
    rows = session.execute(
        select(v.id, v.code, Citizen.masked, v.redeemed_at, v.sport, v.face_value,
               v.order_amount, v.paid_amount)
        .join(WarningVoucher, WarningVoucher.voucher_id == v.id)
        .join(Citizen, Citizen.id == v.citizen_id)
        .where(WarningVoucher.warning_id == warning_id)
        .order_by(v.redeemed_at, v.id).limit(limit))
    return [WarningVoucherRow(*r) for r in rows]


def _days(since: dt.date, until: dt.date) -> list[dt.date]:
    return [since + dt.timedelta(days=n) for n in range((until - since).days + 1)]


def daily_use(session: Session, actor: Actor, venue_id: int, since: dt.date,
              until: dt.date) -> list[DayUse]:
    """Every day ``since`` … ``until`` (inclusive): the vouchers redeemed at the venue, the
    alert line in force that day and the venue's warnings of the day (of any signal; a
    signal over a period flags each of its days). Two queries and one for the lines."""
    require(actor, Action.READ_WARNINGS)
    require(actor, Action.READ_VOUCHERS)
    if until < since:
        raise InvalidInput(_("结束日期 {until} 早于开始日期 {since}", since=since, until=until))
    if (until - since).days >= MAX_CHART_DAYS:
        raise InvalidInput(_("日期范围过长（最多 {n} 天）", n=MAX_CHART_DAYS))
    venue = session.get(Venue, venue_id)
    own = subdistrict_scope(actor, Action.READ_WARNINGS)
    if venue is None or (own is not None and venue.subdistrict_id != own):
        raise NotFound(_("场馆不存在"))
    days = _days(since, until)
    v = Voucher
    counts = dict(session.execute(
        select(v.use_day, func.count())
        .where(v.venue_id == venue_id, v.redeemed_at.is_not(None),
               v.use_day >= since, v.use_day <= until)
        .group_by(v.use_day)).all())
    # the line of each day by the one rule (alert_lines.line_expression), in one query
    listed = union_all(*(select(literal(d, Date).label("day")) for d in days)).subquery()
    lines = {_as_date(d): None if n is None else int(n) for d, n in session.execute(
        select(listed.c.day, line_expression(venue_id, listed.c.day)))}
    flagged: dict[dt.date, list[int]] = {}
    for wid, day, end in session.execute(
            select(VenueWarning.id, VenueWarning.day, VenueWarning.period_end)
            .where(VenueWarning.venue_id == venue_id, VenueWarning.day <= until,
                   func.coalesce(VenueWarning.period_end, VenueWarning.day) >= since)
            .order_by(VenueWarning.id)):
        for d in _days(max(day, since), min(end or day, until)):
            flagged.setdefault(d, []).append(wid)
    return [DayUse(d, int(counts.get(d, 0)), lines.get(d), tuple(flagged.get(d, ())))
            for d in days]


def _as_date(value: object) -> dt.date:
    """A date from a literal's column (SQLite hands the text back)."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


__all__ = [
    "FIGURE_LABELS",
    "SIGNAL_FIGURE_LABELS",
    "DayUse",
    "WarningDetail",
    "WarningRow",
    "WarningVoucherRow",
    "daily_use",
    "due_on",
    "figure_lines",
    "list_warnings",
    "warning_detail",
    "warning_row",
    "warning_venues",
    "warning_vouchers",
]
