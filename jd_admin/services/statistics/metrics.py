"""The dashboard's figures (统计分析, issue 13 item 1), computed in SQL from ``voucher_day_stat``.

Definitions (all money exact, yuan ``Decimal`` from integer fen; a period is ``since`` …
``until`` inclusive, Asia/Shanghai days):

- **claims** (领取): vouchers claimed in the period. **Redemption rate** (核销率): of the vouchers
  claimed in the period, the share redeemed by now (a cohort: redeemed ÷ claimed).
  **Expired unused** (过期未用): of them, unredeemed and past their validity (which ended before
  today). **Outstanding** (待使用): unredeemed, still valid.
- **redemptions** (核销, 人次 person-times): vouchers redeemed in the period at a venue of the
  scope; their face value, government subsidy (政府补贴), order amounts (带动消费) and what the
  citizens paid.
- **settled** (已结算): the subsidy of those redemptions paid in a settlement verified or later
  (domain/settlement.py ``SETTLED``); **paid** (已拨付): of it, in venue lines whose payment is
  recorded (read by those who read settlements; ``None`` for the others).
- **committed** (已承诺补贴): subsidy the bureau owes or may owe for the period: redemptions not
  yet settled + vouchers claimed in the period, unredeemed and still valid (each at its own
  subsidy). An upper bound: some unsettled redemptions are flagged and may never be paid, and
  not every outstanding voucher will be used.
- **leverage** (拉动比): order amounts ÷ face value (``leverage_face``) — the basis of the
  city's published 3.1× (上海市公布口径; Shanghai, H1 2025: ¥91.04M of consumption ÷ ¥29.81M
  of vouchers redeemed, at face value) — and, beside it, order amounts ÷ government subsidy
  (``leverage_subsidy``; in Jiading the face value is the subsidy plus the venue's concession).
  Rounded half up to 0.01 (rates to 0.0001).
- **venues** (参与场馆): distinct venues of the register with a redemption in the period.
- **unique citizens** (参与人数): distinct citizens redeeming in the period (and distinct
  claimants) — not additive, so counted from the ledger by the server function
  ``jd_statistics_citizens`` in the caller's scope (migration 0030), never from the aggregate;
  per subdistrict by :func:`citizens_by_subdistrict`.

Scope: claims are made on the platform, in no 街镇: claim figures are the district's and are
``None`` for a subdistrict user and whenever a venue-side filter (subdistrict, venue, venue
type, sport) is set. A subdistrict user sees the redemptions at its own venues, whatever it
asks for (on PostgreSQL the row security of ``voucher_day_stat`` says the same).

Where the redemption figures are read (:func:`_uses`): a period's whole calendar months from the
month level ``voucher_month_stat`` (migration 0031; no batch), the days before and after them
from the day level; a daily or weekly series, or a batch, from the day level alone. The
dashboard's breakdowns are one grouped read on PostgreSQL (:func:`_use_by_each`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    case,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.settlement import LineKind, LineState
from jd_admin.domain.text import _
from jd_admin.domain.vouchers import CitizenGroup
from jd_admin.models import IssuanceBatch, SettlementLine, Subdistrict, Venue, Voucher
from jd_admin.models.base import stored_fen
from jd_admin.models.statistics import CLAIM, USE, VoucherDayStat, VoucherMonthStat
from jd_admin.money import from_fen, to_fen
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act, require, subdistrict_filter

S = VoucherDayStat.__table__
M = VoucherMonthStat.__table__
#: The columns the redemption figures are read from (both levels have them).
USE_COLUMNS = ("subdistrict_id", "venue_id", "face_value", "citizen_group", "sport",
               "settlement_id", "vouchers", "face_total", "subsidy", "order_total",
               "citizen_paid")
NO_GROUP = ""  # the citizen-group filter and key of vouchers of no group (普通市民)
RATE_PLACES = Decimal("0.0001")
LEVERAGE_PLACES = Decimal("0.01")


class Grain(enum.StrEnum):
    DAY = "day"
    WEEK = "week"  # natural weeks, from Monday
    MONTH = "month"


class Dimension(enum.StrEnum):
    SUBDISTRICT = "subdistrict"
    VENUE = "venue"
    VENUE_TYPE = "venue_type"
    SPORT = "sport"
    FACE_VALUE = "face_value"
    CITIZEN_GROUP = "citizen_group"
    BATCH = "batch"


#: Dimensions a claim has (the others are the redemption's venue's).
CLAIM_DIMENSIONS = (Dimension.FACE_VALUE, Dimension.CITIZEN_GROUP, Dimension.BATCH)


@dataclass(frozen=True)
class Filters:
    """What the figures cover: the days ``since`` … ``until`` (inclusive) and optional filters
    (``citizen_group``: a code, or :data:`NO_GROUP` for vouchers of no group)."""

    since: dt.date
    until: dt.date
    subdistrict_id: int | None = None
    venue_id: int | None = None
    venue_type: str | None = None
    sport: str | None = None
    face_value: Decimal | None = None
    citizen_group: str | None = None
    batch_id: int | None = None

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def venue_side(self) -> bool:
        """A filter a claim cannot meet (claims have no venue)."""
        return any(v is not None for v in (self.subdistrict_id, self.venue_id, self.venue_type,
                                           self.sport))

    def previous(self) -> Filters:
        """The same filters over the period of the same length just before."""
        return replace(self, since=self.since - dt.timedelta(days=self.days),
                       until=self.since - dt.timedelta(days=1))

    def year_before(self) -> Filters:
        """The same filters over the same days a year earlier (29 February: the 28th)."""
        return replace(self, since=_year_back(self.since), until=_year_back(self.until))


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _ratio(a: Decimal | int, b: Decimal | int, places: Decimal) -> Decimal | None:
    return (Decimal(a) / Decimal(b)).quantize(places, ROUND_HALF_UP) if b else None


@dataclass(frozen=True)
class Metrics:
    """The figures of one period (see the module doc); ``None``: not known in this scope."""

    since: dt.date
    until: dt.date
    redemptions: int = 0
    face_redeemed: Decimal = Decimal(0)
    subsidy_redeemed: Decimal = Decimal(0)
    order_total: Decimal = Decimal(0)
    citizen_paid: Decimal = Decimal(0)
    subsidy_settled: Decimal = Decimal(0)
    subsidy_unsettled: Decimal = Decimal(0)
    subsidy_paid: Decimal | None = None
    claims: int | None = None
    claims_redeemed: int | None = None
    expired_unused: int | None = None
    outstanding: int | None = None
    outstanding_subsidy: Decimal | None = None
    citizens: int | None = None
    claimants: int | None = None
    venues: int = 0

    @property
    def person_times(self) -> int:
        return self.redemptions

    @property
    def redemption_rate(self) -> Decimal | None:
        if self.claims is None or self.claims_redeemed is None:
            return None
        return _ratio(self.claims_redeemed, self.claims, RATE_PLACES)

    @property
    def subsidy_committed(self) -> Decimal | None:
        if self.outstanding_subsidy is None:
            return None
        return self.subsidy_unsettled + self.outstanding_subsidy

    @property
    def leverage_subsidy(self) -> Decimal | None:
        """Order amounts ÷ government subsidy."""
        return _ratio(self.order_total, self.subsidy_redeemed, LEVERAGE_PLACES)

    @property
    def leverage_face(self) -> Decimal | None:
        """Order amounts ÷ face value — the basis of the city's published leverage."""
        return _ratio(self.order_total, self.face_redeemed, LEVERAGE_PLACES)


#: The figures a comparison and a tile speak of, in the dashboard's order.
FIGURES = ("claims", "redemptions", "redemption_rate", "expired_unused", "subsidy_redeemed",
           "subsidy_settled", "subsidy_paid", "subsidy_committed", "order_total",
           "leverage_subsidy", "leverage_face", "citizens", "person_times")


@dataclass(frozen=True)
class Comparison:
    current: Metrics
    previous: Metrics

    def change(self, figure: str) -> Decimal | None:
        """The relative change of ``figure`` (0.25 = +25 %); None when either side is unknown
        or the previous one is zero."""
        now, before = getattr(self.current, figure), getattr(self.previous, figure)
        if now is None or before is None or not before:
            return None
        return ((Decimal(now) - Decimal(before)) / Decimal(before)).quantize(RATE_PLACES)


@dataclass(frozen=True)
class Point:
    """One day, week or month of a series (``start``: its first day)."""

    start: dt.date
    redemptions: int = 0
    face_redeemed: Decimal = Decimal(0)
    subsidy_redeemed: Decimal = Decimal(0)
    order_total: Decimal = Decimal(0)
    claims: int | None = None
    expired_unused: int | None = None  # of the claims of the point

    @property
    def leverage_face(self) -> Decimal | None:
        return _ratio(self.order_total, self.face_redeemed, LEVERAGE_PLACES)


@dataclass(frozen=True)
class Slice:
    """One value of a breakdown (``key``: the dimension's value, ``label``: how it reads)."""

    key: Any
    label: str
    redemptions: int = 0
    face_redeemed: Decimal = Decimal(0)
    subsidy_redeemed: Decimal = Decimal(0)
    order_total: Decimal = Decimal(0)
    subsidy_settled: Decimal = Decimal(0)
    claims: int | None = None  # claim dimensions only, without venue-side filters
    claims_redeemed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. a venue's subdistrict
    venues: int = 0  # distinct venues with a redemption

    @property
    def leverage_subsidy(self) -> Decimal | None:
        return _ratio(self.order_total, self.subsidy_redeemed, LEVERAGE_PLACES)

    @property
    def leverage_face(self) -> Decimal | None:
        return _ratio(self.order_total, self.face_redeemed, LEVERAGE_PLACES)

    @property
    def redemption_rate(self) -> Decimal | None:
        if self.claims is None or self.claims_redeemed is None:
            return None
        return _ratio(self.claims_redeemed, self.claims, RATE_PLACES)


# --- the conditions ----------------------------------------------------------------------------

def _scoped(session: Session, actor: Actor, filters: Filters) -> Filters:
    require(actor, Action.READ_STATISTICS)
    if filters.until < filters.since:
        raise ValueError("until before since")
    own = subdistrict_filter(actor, Action.READ_STATISTICS, filters.subdistrict_id)
    return replace(filters, subdistrict_id=own)


def _common(filters: Filters, table: Any = S,
            day: Any = None) -> list[ColumnElement[bool]]:
    day = table.c.day if day is None else day
    out: list[ColumnElement[bool]] = [day.between(filters.since, filters.until)]
    if filters.face_value is not None:
        out.append(stored_fen(table.c.face_value) == to_fen(filters.face_value))
    if filters.citizen_group is not None:
        out.append(table.c.citizen_group.is_(None) | (table.c.citizen_group == "")
                   if filters.citizen_group == NO_GROUP
                   else table.c.citizen_group == filters.citizen_group)
    if filters.batch_id is not None:
        out.append(table.c.batch_id == filters.batch_id)
    return out


def _use_where(filters: Filters, table: Any = S) -> list[ColumnElement[bool]]:
    out = (_common(filters, M, M.c.month) if table is M
           else [S.c.kind == USE, *_common(filters)])
    if filters.subdistrict_id is not None:
        out.append(table.c.subdistrict_id == filters.subdistrict_id)
    if filters.venue_id is not None:
        out.append(table.c.venue_id == filters.venue_id)
    if filters.venue_type is not None:
        out.append(table.c.venue_id.in_(select(Venue.id).where(Venue.venue_type
                                                               == filters.venue_type)))
    if filters.sport is not None:
        out.append(table.c.sport == filters.sport)
    return out


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _whole_months(f: Filters) -> tuple[dt.date, dt.date] | None:
    """The first days of the period's first and last whole calendar months, or None."""
    first = f.since if f.since.day == 1 else _month_after(f.since)
    end = _month_after(f.until) - dt.timedelta(days=1) == f.until
    last = f.until.replace(day=1) if end else f.until.replace(day=1) - dt.timedelta(days=1)
    last = last.replace(day=1)
    return (first, last) if first <= last else None


def _uses(f: Filters, *, months: bool = True, batch: bool = False) -> Any:
    """The period's redemption rows (the filters met) as a subquery ``u`` of
    :data:`USE_COLUMNS` and ``day``: its whole months from the month level (each row on the
    month's first day) and the days before and after from the day level; all from the day
    level when ``months`` is False (a daily or weekly series) or a batch is asked for (the
    month level has none; ``batch``: with the column ``batch_id``)."""
    span = _whole_months(f) if months and not batch and f.batch_id is None else None

    def days(since: dt.date, until: dt.date) -> Any:
        return select(S.c.day, *(S.c[c] for c in USE_COLUMNS),
                      *([S.c.batch_id] if batch else [])).where(
            *_use_where(replace(f, since=since, until=until)))

    if span is None:
        return days(f.since, f.until).subquery("u")
    first, last = span
    parts = [select(M.c.month.label("day"), *(M.c[c] for c in USE_COLUMNS)).where(
        *_use_where(replace(f, since=first, until=last), M))]
    if f.since < first:
        parts.append(days(f.since, first - dt.timedelta(days=1)))
    end = _month_after(last)
    if f.until >= end:
        parts.append(days(end, f.until))
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("u")


def _claim_where(filters: Filters) -> list[ColumnElement[bool]] | None:
    """The claim rows of the filters, or None: no claim meets a venue-side filter."""
    if filters.venue_side:
        return None
    return [S.c.kind == CLAIM, *_common(filters)]


def _use_sums(u: Any, venues: bool = False) -> list[ColumnElement[Any]]:
    """Redemptions, face, subsidy, order, citizens' part, settled subsidy (fen) [, venues]."""
    out: list[ColumnElement[Any]] = [
        func.coalesce(func.sum(u.c.vouchers), 0),
        func.coalesce(func.sum(stored_fen(u.c.face_total)), 0),
        func.coalesce(func.sum(stored_fen(u.c.subsidy)), 0),
        func.coalesce(func.sum(stored_fen(u.c.order_total)), 0),
        func.coalesce(func.sum(stored_fen(u.c.citizen_paid)), 0),
        func.coalesce(func.sum(case((u.c.settlement_id.is_not(None), stored_fen(u.c.subsidy)),
                                    else_=0)), 0)]
    if venues:
        out.append(func.count(func.distinct(u.c.venue_id)))
    return out


def _claim_sums(today: dt.date) -> list[ColumnElement[Any]]:
    unused = S.c.vouchers - S.c.redeemed
    lapsed = S.c.lapse_day < today
    return [func.coalesce(func.sum(S.c.vouchers), 0),
            func.coalesce(func.sum(S.c.redeemed), 0),
            func.coalesce(func.sum(case((lapsed, unused), else_=0)), 0),
            func.coalesce(func.sum(case((lapsed, 0), else_=unused)), 0),
            func.coalesce(func.sum(case((lapsed, 0), else_=stored_fen(S.c.subsidy)
                                        - stored_fen(S.c.redeemed_subsidy))), 0)]


# --- the figures -------------------------------------------------------------------------------

def summary(session: Session, actor: Actor, filters: Filters, *,
            today: dt.date | None = None, citizens: bool = True) -> Metrics:
    """Every figure of the period (see the module doc); ``citizens=False`` skips the distinct
    counts (the only figures read from the ledger itself)."""
    f = _scoped(session, actor, filters)
    today = today or clock.today()
    u = _uses(f)
    n, face, subsidy, order, paid_by_citizens, settled, venues = session.execute(
        select(*_use_sums(u, venues=True))).one()
    m = Metrics(f.since, f.until, redemptions=int(n), face_redeemed=from_fen(int(face)),
                subsidy_redeemed=from_fen(int(subsidy)), order_total=from_fen(int(order)),
                citizen_paid=from_fen(int(paid_by_citizens)),
                subsidy_settled=from_fen(int(settled)),
                subsidy_unsettled=from_fen(int(subsidy) - int(settled)),
                venues=int(venues or 0))
    if may_act(actor, Action.READ_SETTLEMENTS):
        m = replace(m, subsidy_paid=_paid(session, u))
    where = _claim_where(f)
    if where is not None:
        claims, redeemed, expired, outstanding, outstanding_fen = session.execute(
            select(*_claim_sums(today)).where(*where)).one()
        m = replace(m, claims=int(claims), claims_redeemed=int(redeemed),
                    expired_unused=int(expired), outstanding=int(outstanding),
                    outstanding_subsidy=from_fen(int(outstanding_fen)))
    if citizens:
        claimants, users = distinct_citizens(session, actor, f)
        m = replace(m, citizens=users, claimants=claimants)
    return m


def _paid(session: Session, u: Any) -> Decimal:
    line = SettlementLine.__table__
    paid = session.execute(
        select(func.coalesce(func.sum(stored_fen(u.c.subsidy)), 0))
        .select_from(u.join(line, and_(line.c.settlement_id == u.c.settlement_id,
                                       line.c.venue_id == u.c.venue_id,
                                       line.c.kind == LineKind.REGULAR.value)))
        .where(line.c.status == LineState.PAID.value)).scalar_one()
    return from_fen(int(paid))


CITIZENS_SQL = text(
    "SELECT claimants, citizens FROM jd_statistics_citizens(:since, :until, :subdistrict, "
    ":venue, :venue_type, :sport, :face, :grp, :batch)").bindparams(
    bindparam("since"), bindparam("until"))


def distinct_citizens(session: Session, actor: Actor,
                      filters: Filters) -> tuple[int | None, int]:
    """(distinct claimants or None, distinct citizens redeeming) of the period, counted from
    the ledger in the caller's scope: on PostgreSQL by the server (a subdistrict user reads no
    voucher; the function narrows to its own 街镇 itself), on SQLite here."""
    f = _scoped(session, actor, filters)
    face = to_fen(f.face_value) if f.face_value is not None else None
    if session.get_bind().dialect.name == "postgresql":
        claimants, users = session.execute(CITIZENS_SQL, {
            "since": f.since, "until": f.until, "subdistrict": f.subdistrict_id,
            "venue": f.venue_id, "venue_type": f.venue_type, "sport": f.sport, "face": face,
            "grp": f.citizen_group, "batch": f.batch_id}).one()
        return (None if claimants is None else int(claimants)), int(users or 0)
    v = Voucher.__table__
    common, use = _ledger_where(f)
    users = session.execute(select(func.count(func.distinct(v.c.citizen_id)))
                            .where(*common, *use)).scalar_one()
    claimants = None
    if not f.venue_side:
        claimants = session.execute(select(func.count(func.distinct(v.c.citizen_id))).where(
            *common, v.c.claim_day.between(f.since, f.until))).scalar_one()
    return claimants, int(users)


def _ledger_where(f: Filters) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    """The filters on ``voucher`` itself: (those of every voucher, those of a redemption)."""
    v = Voucher.__table__
    face = to_fen(f.face_value) if f.face_value is not None else None
    common: list[ColumnElement[bool]] = []
    if face is not None:
        common.append(stored_fen(v.c.face_value) == face)
    if f.citizen_group is not None:
        common.append(func.coalesce(v.c.citizen_group, "") == f.citizen_group)
    if f.batch_id is not None:
        common.append(v.c.batch_id == f.batch_id)
    use: list[ColumnElement[bool]] = [v.c.use_day.between(f.since, f.until)]
    if f.subdistrict_id is not None or f.venue_type is not None:
        venues = select(Venue.id)
        if f.subdistrict_id is not None:
            venues = venues.where(Venue.subdistrict_id == f.subdistrict_id)
        if f.venue_type is not None:
            venues = venues.where(Venue.venue_type == f.venue_type)
        use.append(v.c.venue_id.in_(venues))
    if f.venue_id is not None:
        use.append(v.c.venue_id == f.venue_id)
    if f.sport is not None:
        use.append(v.c.sport == f.sport)
    return common, use


def citizens_by_subdistrict(session: Session, actor: Actor, filters: Filters) -> dict[int, int]:
    """Distinct citizens redeeming in the period at each subdistrict's venues (the figure of
    :func:`distinct_citizens` per 街镇; not additive). A subdistrict user gets its own 街镇's
    only (by the server function: it reads no voucher); the ledger's readers one grouped
    count over the period's redemptions."""
    f = _scoped(session, actor, filters)
    if f.subdistrict_id is not None or not may_act(actor, Action.READ_VOUCHERS):
        ids = [f.subdistrict_id] if f.subdistrict_id is not None else list(
            session.scalars(select(Subdistrict.id).order_by(Subdistrict.id)))
        found = {sid: distinct_citizens(session, actor, replace(f, subdistrict_id=sid))[1]
                 for sid in ids}
        return {sid: n for sid, n in found.items() if n}
    v = Voucher.__table__
    common, use = _ledger_where(f)
    return {int(sid): int(n) for sid, n in session.execute(
        select(Venue.subdistrict_id, func.count(func.distinct(v.c.citizen_id)))
        .join(Venue, Venue.id == v.c.venue_id).where(*common, *use)
        .group_by(Venue.subdistrict_id))}


def bucket(day: dt.date, grain: Grain) -> dt.date:
    """The first day of the day's week or month."""
    if grain is Grain.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if grain is Grain.MONTH:
        return day.replace(day=1)
    return day


def buckets(since: dt.date, until: dt.date, grain: Grain) -> list[dt.date]:
    """Every bucket start from ``since``'s to ``until``'s (a series has no gaps)."""
    out: list[dt.date] = []
    start = bucket(since, grain)
    while start <= until:
        out.append(start)
        if grain is Grain.DAY:
            start += dt.timedelta(days=1)
        elif grain is Grain.WEEK:
            start += dt.timedelta(days=7)
        else:
            start = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def series(session: Session, actor: Actor, filters: Filters, grain: Grain | str = Grain.MONTH,
           *, today: dt.date | None = None) -> list[Point]:
    """The period day by day, week by week or month by month (every bucket, empty ones too;
    the first and last may be partial: they cover the period's days only)."""
    f = _scoped(session, actor, filters)
    grain = Grain(grain)
    today = today or clock.today()
    uses: dict[dt.date, list[int]] = {}
    u = _uses(f, months=grain is Grain.MONTH)
    for day, n, face, subsidy, order, _paid, _settled in session.execute(
            select(u.c.day, *_use_sums(u)).group_by(u.c.day)):
        acc = uses.setdefault(bucket(day, grain), [0, 0, 0, 0])
        for i, value in enumerate((n, face, subsidy, order)):
            acc[i] += int(value)
    claims: dict[dt.date, list[int]] | None = None
    where = _claim_where(f)
    if where is not None:
        claims = {}
        for day, n, _redeemed, expired, _o, _of in session.execute(
                select(S.c.day, *_claim_sums(today)).where(*where).group_by(S.c.day)):
            acc = claims.setdefault(bucket(day, grain), [0, 0])
            acc[0] += int(n)
            acc[1] += int(expired)
    out = []
    for start in buckets(f.since, f.until, grain):
        n, face, subsidy, order = uses.get(start, (0, 0, 0, 0))
        c = None if claims is None else claims.get(start, [0, 0])
        out.append(Point(start, n, from_fen(face), from_fen(subsidy), from_fen(order),
                         claims=None if c is None else c[0],
                         expired_unused=None if c is None else c[1]))
    return out


def breakdown(session: Session, actor: Actor, filters: Filters, by: Dimension | str, *,
              today: dt.date | None = None) -> list[Slice]:
    """The period's figures by one dimension, largest order amounts first. Claims too for the
    claim dimensions (face value, citizen group, batch) when no venue-side filter is set."""
    f = _scoped(session, actor, filters)
    by = Dimension(by)
    return _slices(session, f, by, _use_by(session, f, by), today or clock.today())


#: The keys of a redemption row every breakdown but the batch's is a function of.
KEYS = ("subdistrict_id", "venue_id", "face_value", "citizen_group", "sport", "settlement_id")


def _use_by(session: Session, f: Filters, by: Dimension) -> dict[Any, list[int]]:
    """The redemption sums (count, face, subsidy, order, settled) by one dimension's key."""
    u = _uses(f, batch=by is Dimension.BATCH)
    key = _key(by, u)
    rows = session.execute(select(key, *_use_sums(u, venues=True)).select_from(_from(by, u))
                           .group_by(key)).all()
    return {_norm(by, k): [int(n), int(face), int(subsidy), int(order), int(settled),
                           int(venues or 0)]
            for k, n, face, subsidy, order, _paid, settled, venues in rows}


def _use_by_each(session: Session, f: Filters,
                 dims: Sequence[Dimension]) -> dict[Dimension, dict[Any, list[int]]]:
    """:func:`_use_by` of several dimensions. On PostgreSQL in one grouped read: the period's
    rows summed by all of :data:`KEYS` at once (a year: ~10,000 rows of ~80,000), then
    ``GROUPING SETS`` of that, one set a dimension — the sums cost per row read, so one read
    instead of one a dimension. SQLite has no ``GROUPING SETS`` (and its ledgers are small):
    one read a dimension; so is the batch's (the month level has no batch)."""
    out: dict[Dimension, dict[Any, list[int]]] = {}
    grouped = [d for d in dict.fromkeys(dims) if d is not Dimension.BATCH]
    if session.get_bind().dialect.name != "postgresql" or len(grouped) < 2:
        grouped = []
    for d in dims:
        if d not in grouped:
            out[d] = _use_by(session, f, d)
    if not grouped:
        return out
    u = _uses(f)
    keys = [u.c[k] for k in KEYS]
    first = (select(*keys, *(func.sum(stored_fen(u.c[c])).label(c) for c in USE_COLUMNS
                             if c not in KEYS))
             .group_by(*keys).subquery("f"))
    venue = Venue.__table__
    exprs = [_key(d, first) for d in grouped]
    rows = session.execute(
        select(*(func.grouping(e) for e in exprs), *exprs, *_use_sums(first, venues=True))
        .select_from(first.outerjoin(venue, venue.c.id == first.c.venue_id))
        .group_by(func.grouping_sets(*exprs))).all()
    for d in grouped:
        out[d] = {}
    width = len(grouped)
    for row in rows:
        i = list(row[:width]).index(0)  # the set the row is of: its dimension not rolled up
        n, face, subsidy, order, _paid, settled, venues = row[2 * width:]
        d = grouped[i]
        out[d][_norm(d, row[width + i])] = [int(n), int(face), int(subsidy), int(order),
                                            int(settled), int(venues or 0)]
    return out


def _slices(session: Session, f: Filters, by: Dimension, found: dict[Any, list[int]],
            today: dt.date) -> list[Slice]:
    """A breakdown's slices from its redemption sums, with the claims of a claim
    dimension."""
    claims: dict[Any, tuple[int, int]] | None = None
    where = _claim_where(f)
    if by in CLAIM_DIMENSIONS and where is not None:
        ckey = _key(by, S)
        claims = {_norm(by, k): (int(n), int(redeemed)) for k, n, redeemed, *_rest in
                  session.execute(select(ckey, *_claim_sums(today)).where(*where)
                                  .group_by(ckey))}
    keys = set(found) | set(claims or {})
    labels = _labels(session, by, keys)
    out = []
    for k in keys:
        n, face, subsidy, order, settled, venues = found.get(k, [0, 0, 0, 0, 0, 0])
        c = None if claims is None else claims.get(k, (0, 0))
        label, extra = labels.get(k, (str(k), {}))
        out.append(Slice(k, label, n, from_fen(face), from_fen(subsidy), from_fen(order),
                         from_fen(settled), claims=None if c is None else c[0],
                         claims_redeemed=None if c is None else c[1], extra=extra,
                         venues=venues))
    out.sort(key=lambda s: (-s.order_total, -s.redemptions, str(s.key)))
    return out


def top_venues(session: Session, actor: Actor, filters: Filters, n: int = 10, *,
               by: str = "order_total") -> list[Slice]:
    """The ``n`` venues with the most ``by`` (order_total, redemptions, subsidy_redeemed …)."""
    slices = [s for s in breakdown(session, actor, filters, Dimension.VENUE)
              if s.key is not None]
    slices.sort(key=lambda s: (-getattr(s, by), str(s.label)))
    return slices[:n]


def compare(session: Session, actor: Actor, filters: Filters, *, against: str = "previous",
            today: dt.date | None = None, citizens: bool = True) -> Comparison:
    """The period against the one before it (``against="previous"``: as long, just before) or
    the same days a year earlier (``"year"``); ``citizens``: as :func:`summary`'s."""
    other = filters.previous() if against == "previous" else filters.year_before()
    return Comparison(summary(session, actor, filters, today=today, citizens=citizens),
                      summary(session, actor, other, today=today, citizens=citizens))


#: The breakdowns the dashboard shows (the venue's is its top venues).
DASHBOARD_DIMENSIONS = (Dimension.SUBDISTRICT, Dimension.VENUE_TYPE, Dimension.SPORT,
                        Dimension.FACE_VALUE, Dimension.CITIZEN_GROUP)


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows for one period: the figures against the previous
    period, the series, the breakdowns and the top venues."""

    filters: Filters
    grain: Grain
    comparison: Comparison
    series: list[Point]
    breakdowns: dict[Dimension, list[Slice]]
    top_venues: list[Slice]


def dashboard(session: Session, actor: Actor, filters: Filters, grain: Grain | str, *,
              against: str = "previous", top: int = 10,
              dimensions: Sequence[Dimension] = DASHBOARD_DIMENSIONS,
              today: dt.date | None = None, citizens: bool = True) -> Dashboard:
    """One refresh of the dashboard (what ``benchmarks/statistics_timing.py`` times). A
    subdistrict user gets no subdistrict breakdown (it sees one). ``citizens=False``: without
    the distinct counts (the figures read from the ledger itself)."""
    f = _scoped(session, actor, filters)
    today = today or clock.today()
    if f.subdistrict_id is not None:
        dimensions = [d for d in dimensions if d is not Dimension.SUBDISTRICT]
    found = _use_by_each(session, f, [Dimension.VENUE, *dimensions])
    venues = _slices(session, f, Dimension.VENUE, found[Dimension.VENUE], today)
    return Dashboard(
        f, Grain(grain), compare(session, actor, f, against=against, today=today,
                                 citizens=citizens),
        series(session, actor, f, grain, today=today),
        {d: _slices(session, f, d, found[d], today) for d in dimensions},
        [v for v in venues if v.key is not None][:top])


def _key(by: Dimension, table: Any) -> ColumnElement[Any]:
    if by is Dimension.VENUE_TYPE:
        return Venue.__table__.c.venue_type
    if by is Dimension.FACE_VALUE:
        return stored_fen(table.c.face_value)
    if by is Dimension.CITIZEN_GROUP:
        return func.coalesce(table.c.citizen_group, literal(NO_GROUP))
    column = {Dimension.SUBDISTRICT: "subdistrict_id", Dimension.VENUE: "venue_id",
              Dimension.SPORT: "sport", Dimension.BATCH: "batch_id"}[by]
    return table.c[column]  # type: ignore[no-any-return]


def _from(by: Dimension, u: Any) -> Any:
    if by is Dimension.VENUE_TYPE:
        venue = Venue.__table__
        return u.outerjoin(venue, venue.c.id == u.c.venue_id)
    return u


def _norm(by: Dimension, key: Any) -> Any:
    if by is Dimension.FACE_VALUE and key is not None:
        return from_fen(int(key))
    return key


def _plain(value: Decimal) -> str:
    """20.00 → 20, 2.50 → 2.5."""
    return f"{value.normalize():f}"


def _labels(session: Session, by: Dimension,
            keys: set[Any]) -> dict[Any, tuple[str, dict[str, Any]]]:
    none = str(_("（未知）"))
    if by is Dimension.SUBDISTRICT:
        names = dict(session.execute(select(Subdistrict.id, Subdistrict.name)).all())
        return {k: (names.get(k, none) if k is not None else str(_("（场馆不在名录中）")), {})
                for k in keys}
    if by is Dimension.VENUE:
        ids = [k for k in keys if k is not None]
        rows = session.execute(select(Venue.id, Venue.name, Subdistrict.name, Venue.venue_type)
                               .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
                               .where(Venue.id.in_(ids))).all() if ids else []
        found = {r[0]: (r[1], {"subdistrict": r[2], "venue_type": r[3]}) for r in rows}
        return {k: found.get(k, (str(_("（场馆不在名录中）")) if k is None else str(k), {}))
                for k in keys}
    if by is Dimension.VENUE_TYPE:
        return {k: (str(VenueType.label_of(k)) if k else str(_("（场馆不在名录中）")), {})
                for k in keys}
    if by is Dimension.SPORT:
        return {k: (k or none, {}) for k in keys}
    if by is Dimension.FACE_VALUE:
        return {k: (f"{_plain(k)} 元", {}) for k in keys}
    if by is Dimension.CITIZEN_GROUP:
        return {k: (str(CitizenGroup.label_of(k)) if k else str(_("普通市民")), {})
                for k in keys}
    names = dict(session.execute(select(IssuanceBatch.id, IssuanceBatch.name)).all())
    return {k: (names.get(k, str(k)), {}) for k in keys}


__all__ = [
    "CLAIM_DIMENSIONS",
    "DASHBOARD_DIMENSIONS",
    "FIGURES",
    "NO_GROUP",
    "Comparison",
    "Dashboard",
    "Dimension",
    "Filters",
    "Grain",
    "Metrics",
    "Point",
    "Slice",
    "breakdown",
    "bucket",
    "buckets",
    "citizens_by_subdistrict",
    "compare",
    "dashboard",
    "distinct_citizens",
    "series",
    "summary",
    "top_venues",
]
