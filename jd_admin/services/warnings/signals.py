"""The early-warning signals (预警信号): one detector per signal, fed by one pass over the
redeemed vouchers.

:func:`daily_pass` reads the range's redeemed vouchers once, in one statement (both dialects):
per venue and day the count, the orders and those at the minimum order, the first and last
time of day, the redemptions closing a burst (a window over the venue's redemptions in time
order), those of a citizen's repeated use (a window over the citizen's at the venue) and the
orders above the list price (the venue's filed prices joined). Every detector works on those
per-venue-per-day rows; the few that name vouchers one by one (outside hours, above the list
price, bursts, repeated citizens) fetch only the candidate venues' and days' vouchers.

Each detector returns :class:`Finding`\\ s — the venue, the day (and the period's end), the
figures, their plain-Chinese explanation and the vouchers the warning concerns — which
services/warnings/scan.py turns into warnings. The lines and their defaults, and why, are in
``jd_admin.domain.warnings`` (``PARAMETERS``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from statistics import median
from typing import Any

from sqlalchemy import Date, Integer, String, and_, bindparam, select, text, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from jd_admin.domain import opening_hours
from jd_admin.domain.settlement import next_month
from jd_admin.domain.warnings import Params, Signal, over_share
from jd_admin.models import AlertLine, Citizen, Venue, VenueSport, Voucher
from jd_admin.services import clock

S = Signal
DAY_S = 86400
OFFSET_S = 8 * 3600  # Asia/Shanghai, no DST
MAD_SCALE = Decimal("1.4826")  # the MAD of normal data × this = its standard deviation
CHUNK = 500  # candidate (venue, day) pairs per fetch


@dataclass
class Finding:
    """What fired: one warning's key, figures, explanation and vouchers."""

    signal: Signal
    venue_id: int
    day: dt.date
    figures: dict[str, Any]
    explanation: str
    period_end: dt.date | None = None
    voucher_ids: list[int] | None = None  # None: all the venue's redeemed vouchers of the days
    voucher_where: ColumnElement[bool] | None = None  # ... that match this


@dataclass(frozen=True)
class DayRow:
    """A venue's day as the pass counted it (only the days some detector may need)."""

    venue_id: int
    day: dt.date
    n: int
    orders: int
    at_min: int
    first_s: int  # the first and last redemption's second of the (Shanghai) day
    last_s: int
    burst: int  # redemptions closing B within W minutes (citizens not yet told apart)
    repeats: int  # uses that are a citizen's more than N-th at the venue in M days
    above_price: int
    outside: int  # 1: the first or last redemption lies outside the filed hours (+ grace)


@dataclass(frozen=True)
class MonthRow:
    venue_id: int
    month: dt.date
    orders: int
    at_min: int


@dataclass
class Context:
    """One pass's rows and what the detectors share: the days they judge (``since`` …
    ``until``), the parameters, the venues."""

    session: Session
    since: dt.date
    until: dt.date
    params: dict[Signal, Params]
    rows: list[DayRow]
    month_rows: list[MonthRow]
    months: list[dt.date]  # the natural months judged (their first days)
    hours: dict[int, opening_hours.OpeningHours | None]
    venues: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (name, hours)
    unjudged: dict[int, str] = field(default_factory=dict)  # venues whose hours are unreadable

    def judged(self) -> Iterable[DayRow]:
        return (r for r in self.rows if self.since <= r.day <= self.until)


# --- the pass -----------------------------------------------------------------------------

#: The pass. ``base``: the range's redeemed vouchers, narrowed to what is counted (whether the
#: order is at the minimum or above the list price). ``day``: per venue and day (its local day
#: number ``dn`` and first and last second of the day from the first and last redemption).
#: The two windows run only over the vouchers that can matter: bursts over the days with B or
#: more redemptions (with the day before: a burst may straddle midnight), repeats over the
#: (venue, citizen) pairs with more than N uses in the range. The result: the days a detector
#: needs — any flag, above the lowest alert line, the whole history of a venue with a day busy
#: enough for the pattern — and the months' counts. Dialects differ in the {…} fragments.
PASS = """
WITH base AS (
  SELECT v.id, v.venue_id, v.use_day, v.citizen_id, v.redeemed_at AS at,
         CASE WHEN v.order_amount IS NULL THEN 0 ELSE 1 END AS has_order,
         CASE WHEN v.order_amount >= v.min_order AND v.order_amount <= v.min_order + {band}
              THEN 1 ELSE 0 END AS at_min,
         CASE WHEN {above} THEN 1 ELSE 0 END AS above
    FROM voucher v LEFT JOIN venue_sport s ON s.venue_id = v.venue_id AND s.sport = v.sport
   WHERE v.redeemed_at IS NOT NULL AND v.venue_id IS NOT NULL
     AND v.use_day >= :lo AND v.use_day <= :hi
), day0 AS (
  SELECT venue_id, use_day, count(*) AS n, sum(has_order) AS orders, sum(at_min) AS at_min,
         sum(above) AS above_price, {first} AS first_ep, {last} AS last_ep
    FROM base GROUP BY venue_id, use_day
), day AS (
  SELECT venue_id, use_day, n, orders, at_min, above_price,
         (first_ep + {offset}) / {day} AS dn, (first_ep + {offset}) % {day} AS first_s,
         (last_ep + {offset}) % {day} AS last_s
    FROM day0
), busy AS (
  SELECT venue_id, use_day FROM day WHERE n >= {burst_count}
), burst_days AS (
  SELECT venue_id, use_day FROM busy UNION SELECT venue_id, {day_before} FROM busy
), bursts AS (
  SELECT venue_id, use_day, CASE WHEN {burst_hit} THEN 1 ELSE 0 END AS hit
    FROM base b WHERE EXISTS (SELECT 1 FROM burst_days x
                               WHERE x.venue_id = b.venue_id AND x.use_day = b.use_day)
), pairs AS (
  SELECT venue_id, citizen_id FROM base GROUP BY venue_id, citizen_id
  HAVING count(*) > {repeat_lag}
), repeats AS (
  SELECT venue_id, use_day, CASE WHEN {repeat_hit} THEN 1 ELSE 0 END AS hit
    FROM base b WHERE EXISTS (SELECT 1 FROM pairs p
                               WHERE p.venue_id = b.venue_id AND p.citizen_id = b.citizen_id)
), flags AS (
  SELECT venue_id, use_day, sum(burst) AS burst, sum(repeats) AS repeats FROM (
    SELECT venue_id, use_day, hit AS burst, 0 AS repeats FROM bursts WHERE hit = 1
    UNION ALL SELECT venue_id, use_day, 0, hit FROM repeats WHERE hit = 1) f
   GROUP BY venue_id, use_day
), hours (venue_id, wd, lo, hi) AS (VALUES {hours}
), inside AS (
  SELECT DISTINCT d.venue_id, d.use_day
    FROM day d JOIN hours h ON h.venue_id = d.venue_id AND h.wd = (d.dn + 3) % 7
   WHERE d.first_s >= h.lo AND d.last_s <= h.hi
), marked AS (
  SELECT d.venue_id, d.use_day, d.n, d.orders, d.at_min, d.first_s, d.last_s,
         coalesce(f.burst, 0) AS burst, coalesce(f.repeats, 0) AS repeats, d.above_price,
         CASE WHEN d.venue_id IN ({judged}) AND i.venue_id IS NULL THEN 1 ELSE 0 END
           AS outside
    FROM day d LEFT JOIN flags f ON f.venue_id = d.venue_id AND f.use_day = d.use_day
               LEFT JOIN inside i ON i.venue_id = d.venue_id AND i.use_day = d.use_day
)
SELECT 'd' AS kind, venue_id, use_day, n, orders, at_min, first_s, last_s, burst, repeats,
       above_price, outside
  FROM marked
 WHERE burst > 0 OR repeats > 0 OR outside > 0 OR n > {min_line}
    OR above_price >= {min_price}
    OR venue_id IN (SELECT venue_id FROM day WHERE n >= {pattern_min}
                       AND use_day >= :since AND use_day <= :until)
UNION ALL
SELECT 'm', venue_id, month, 0, sum(orders), sum(at_min), 0, 0, 0, 0, 0, 0
  FROM (SELECT venue_id, {month} AS month, orders, at_min FROM day) m
 GROUP BY venue_id, month
"""


def _fragments(dialect: str, burst_lag: int, burst_s: int, repeat_lag: int,
               repeat_days: int) -> dict[str, str]:
    """The pass's dialect-specific SQL: PostgreSQL compares timestamps and dates natively,
    SQLite (text) through seconds and Julian days."""
    burst_window = "OVER (PARTITION BY venue_id ORDER BY at, id)"
    repeat_window = "OVER (PARTITION BY venue_id, citizen_id ORDER BY at, id)"
    if dialect == "postgresql":
        return {
            "first": "CAST(floor(EXTRACT(EPOCH FROM min(at))) AS BIGINT)",
            "last": "CAST(floor(EXTRACT(EPOCH FROM max(at))) AS BIGINT)",
            "day_before": "use_day - 1",
            "burst_hit": f"at - lag(at, {burst_lag}) {burst_window} "
                         f"<= make_interval(secs => {burst_s})",
            "repeat_hit": f"use_day - lag(use_day, {repeat_lag}) {repeat_window} "
                          f"< {repeat_days}",
            "month": "CAST(date_trunc('month', use_day) AS date)",
        }
    return {
        "first": "CAST(strftime('%s', min(at)) AS INTEGER)",
        "last": "CAST(strftime('%s', max(at)) AS INTEGER)",
        "day_before": "date(use_day, '-1 day')",
        "burst_hit": f"CAST(strftime('%s', at) AS INTEGER) - CAST(strftime('%s', "
                     f"lag(at, {burst_lag}) {burst_window}) AS INTEGER) <= {burst_s}",
        "repeat_hit": f"julianday(use_day) - julianday(lag(use_day, {repeat_lag}) "
                      f"{repeat_window}) < {repeat_days}",
        "month": "date(use_day, 'start of month')",
    }


#: An order above the list price: more than ``margin`` percent above the cheapest order at
#: the venue's list price for the sport that reaches the voucher's minimum order (integer
#: fen; ``v`` the voucher, ``s`` its venue's sport).
ABOVE = ("s.list_price > 0 AND v.order_amount * 100 > (CASE WHEN v.min_order > s.list_price "
         "THEN (v.min_order + s.list_price - 1) / s.list_price ELSE 1 END) * s.list_price "
         "* (100 + {margin})")


def _hours_values(hours: dict[int, opening_hours.OpeningHours | None], grace: int) -> str:
    """The filed hours as SQL VALUES (venue, weekday, first, last second open, with grace)."""
    rows = [f"({venue}, {wd}, {60 * s - grace}, {60 * e + grace})"
            for venue, h in sorted(hours.items()) if h is not None
            for wd in range(7) for s, e in h.open_ranges(wd)]
    return ", ".join(rows) or "(0, -1, 0, 0)"


def daily_pass(session: Session, lo: dt.date, hi: dt.date, since: dt.date, until: dt.date,
               params: dict[Signal, Params], hours: dict[int, opening_hours.OpeningHours | None],
               min_line: int | None) -> tuple[list[DayRow], list[MonthRow]]:
    """The days of ``lo`` … ``hi`` some detector judging ``since`` … ``until`` may need, and
    every venue's months (one statement)."""
    dialect = session.get_bind().dialect.name
    burst, repeat = params[S.BURST], params[S.REPEAT_CITIZEN]
    band = int(Decimal(params[S.MIN_ORDER_CLUSTER]["band_yuan"]) * 100)
    grace = 60 * int(params[S.OUTSIDE_HOURS]["grace_minutes"])
    judged = [v for v, h in hours.items() if h is not None]
    sql = PASS.format(
        offset=OFFSET_S, day=DAY_S, band=band, burst_count=int(burst["count"]),
        above=ABOVE.format(margin=int(params[S.ABOVE_LIST_PRICE]["margin_percent"])),
        min_price=int(params[S.ABOVE_LIST_PRICE]["min_count"]),
        pattern_min=int(params[S.ABOVE_PATTERN]["min_count"]),
        min_line=min_line if min_line is not None else 2 ** 62, repeat_lag=int(
            repeat["max_uses"]),
        hours=_hours_values(hours, grace), judged=", ".join(map(str, judged)) or "NULL",
        **_fragments(dialect, int(burst["count"]) - 1, 60 * int(burst["minutes"]),
                     int(repeat["max_uses"]), int(repeat["days"])))
    if dialect == "postgresql":  # the window sorts in memory
        session.execute(text("SET LOCAL work_mem = '128MB'"))
    statement = text(sql).bindparams(*(bindparam(k, v, type_=Date) for k, v in (
        ("lo", lo), ("hi", hi), ("since", since), ("until", until)))).columns(
        kind=String, venue_id=Integer, use_day=Date, n=Integer, orders=Integer,
        at_min=Integer, first_s=Integer, last_s=Integer, burst=Integer, repeats=Integer,
        above_price=Integer, outside=Integer)
    days, months = [], []
    for kind, *values in session.execute(statement):
        venue_id, day, *counts = values
        if kind == "d":
            days.append(DayRow(venue_id, day, *map(int, counts)))
        else:
            months.append(MonthRow(venue_id, day, int(counts[1]), int(counts[2])))
    return days, months


def _fetch(session: Session, pairs: Iterable[tuple[int, dt.date]], *columns: Any
           ) -> list[Any]:
    """The redeemed vouchers of these (venue, day) pairs: ``columns``, in time order."""
    pairs = sorted(set(pairs))
    rows: list[Any] = []
    v = Voucher
    for i in range(0, len(pairs), CHUNK):
        rows += session.execute(select(*columns).where(
            v.redeemed_at.is_not(None), tuple_(v.venue_id, v.use_day).in_(pairs[i:i + CHUNK]))
            .order_by(v.venue_id, v.redeemed_at, v.id)).all()
    return rows


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(clock.SHANGHAI).strftime("%H:%M:%S")


def _num(value: Decimal, places: str = "0.1") -> str:
    return str(value.quantize(Decimal(places), ROUND_HALF_UP))


# --- the detectors ------------------------------------------------------------------------

def daily_above_line(ctx: Context) -> list[Finding]:
    """超过警戒线: a day's count above the alert line in force (the venue's, else the
    district's)."""
    own: dict[int | None, list[tuple[dt.date, int]]] = defaultdict(list)
    for venue_id, start, daily_limit in ctx.session.execute(
            select(AlertLine.venue_id, AlertLine.effective_from, AlertLine.daily_limit)
            .order_by(AlertLine.effective_from)):
        own[venue_id].append((start, daily_limit))
    starts = {k: [d for d, _ in v] for k, v in own.items()}

    def line(venue_id: int, day: dt.date) -> int | None:
        for key in (venue_id, None):
            i = bisect_right(starts.get(key, []), day)
            if i:
                return own[key][i - 1][1]
        return None

    found = []
    for r in ctx.judged():
        limit = line(r.venue_id, r.day)
        if limit is not None and r.n > limit:
            found.append(Finding(
                S.DAILY_ABOVE_LINE, r.venue_id, r.day,
                {"count": r.n, "limit": limit, "over_percent": over_share(r.n, limit)},
                daily_explanation(r.day, r.n, limit)))
    return found


def daily_explanation(day: dt.date, count: int, limit: int) -> str:
    return (f"{day.isoformat()} 核销 {count} 张，超过警戒线 {limit} 张"
            f"（超出 {over_share(count, limit)}%）")


def above_pattern(ctx: Context) -> list[Finding]:
    """明显高于近30天常态: a day's count above median + k × max(1.4826·MAD, floor) of the
    venue's previous ``window_days`` days (days without use as 0)."""
    p = ctx.params[S.ABOVE_PATTERN]
    window, k = int(p["window_days"]), Decimal(p["k"])
    min_active, floor, min_count = int(p["min_active_days"]), Decimal(p["mad_floor"]), \
        int(p["min_count"])
    series: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for r in ctx.rows:
        series[r.venue_id][r.day] = r.n
    found = []
    for r in ctx.judged():
        if r.n < min_count:
            continue
        days = series[r.venue_id]
        history = [days.get(r.day - dt.timedelta(days=i), 0) for i in range(1, window + 1)]
        active = sum(1 for n in history if n)
        if active < min_active:
            continue
        med = Decimal(median(history))
        mad = Decimal(median(abs(n - med) for n in history))
        spread = max(mad * MAD_SCALE, floor)
        line = med + k * spread
        if r.n <= line:
            continue
        found.append(Finding(
            S.ABOVE_PATTERN, r.venue_id, r.day,
            {"count": r.n, "median": str(med), "mad": str(mad), "spread": _num(spread),
             "k": str(k), "line": _num(line), "window_days": window, "active_days": active},
            f"{r.day.isoformat()} 核销 {r.n} 张，明显高于本场馆前 {window} 天的常态："
            f"每日中位数 {med} 张，离散度（MAD×1.4826，下限 {floor}）{_num(spread)} 张，"
            f"界线 = 中位数 + {k}×离散度 = {_num(line)} 张"))
    return found


def min_order_cluster(ctx: Context) -> list[Finding]:
    """订单金额集中于起用门槛: per natural month, the share of a venue's orders within
    ``band_yuan`` above the minimum order against the district's share."""
    p = ctx.params[S.MIN_ORDER_CLUSTER]
    band, ratio = Decimal(p["band_yuan"]), Decimal(p["ratio"])
    min_share, min_orders = int(p["min_share_percent"]), int(p["min_orders"])
    per: dict[tuple[dt.date, int], list[int]] = defaultdict(lambda: [0, 0])
    district: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    months = set(ctx.months)
    for r in ctx.month_rows:
        if r.month in months:
            acc, total = per[(r.month, r.venue_id)], district[r.month]
            acc[0] += r.orders
            acc[1] += r.at_min
            total[0] += r.orders
            total[1] += r.at_min
    found = []
    for (m, venue_id), (orders, at_min) in sorted(per.items()):
        d_orders, d_at_min = district[m]
        if (orders < min_orders or 100 * at_min <= min_share * orders
                or at_min * d_orders <= ratio * d_at_min * orders):
            continue
        share = Decimal(100 * at_min) / orders
        d_share = Decimal(100 * d_at_min) / d_orders
        end = next_month(m) - dt.timedelta(days=1)
        v = Voucher
        found.append(Finding(
            S.MIN_ORDER_CLUSTER, venue_id, m,
            {"orders": orders, "at_minimum": at_min, "share_percent": _num(share),
             "district_share_percent": _num(d_share), "band_yuan": str(band),
             "ratio": str(ratio), "min_share_percent": min_share},
            f"{m.year}年{m.month}月 订单 {orders} 笔，其中 {at_min} 笔金额在起用门槛至门槛"
            f"以上 {band} 元之间，占 {_num(share)}%；全区同月为 {_num(d_share)}%"
            f"（界线：全区占比的 {ratio} 倍且不低于 {min_share}%）",
            period_end=end,
            voucher_where=and_(v.order_amount >= v.min_order,
                               v.order_amount <= v.min_order + band)))
    return found


def repeat_citizen(ctx: Context) -> list[Finding]:
    """同一市民频繁核销: a citizen redeeming at one venue more than ``max_uses`` times in
    ``days`` days — on each day of such a use, one warning listing the citizens."""
    p = ctx.params[S.REPEAT_CITIZEN]
    max_uses, days = int(p["max_uses"]), int(p["days"])
    candidates = {r.venue_id for r in ctx.judged() if r.repeats}
    if not candidates:
        return []
    v = Voucher
    lo = ctx.since - dt.timedelta(days=days - 1)
    uses: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    masked: dict[int, str] = {}
    for vid, venue_id, citizen_id, day, mask in ctx.session.execute(
            select(v.id, v.venue_id, v.citizen_id, v.use_day, Citizen.masked)
            .join(Citizen, Citizen.id == v.citizen_id)
            .where(v.redeemed_at.is_not(None), v.venue_id.in_(candidates),
                   v.use_day >= lo, v.use_day <= ctx.until)
            .order_by(v.venue_id, v.citizen_id, v.redeemed_at, v.id)):
        assert venue_id is not None and day is not None
        uses[(venue_id, citizen_id)].append((day, vid))
        masked[citizen_id] = mask
    fired: dict[tuple[int, dt.date], list[tuple[int, list[tuple[dt.date, int]]]]] = \
        defaultdict(list)
    for (venue_id, citizen_id), seq in uses.items():
        start = 0
        for i, (day, _vid) in enumerate(seq):
            while seq[start][0] <= day - dt.timedelta(days=days):
                start += 1
            if i - start + 1 > max_uses and ctx.since <= day and (
                    i + 1 == len(seq) or seq[i + 1][0] != day):  # the day's last use
                fired[(venue_id, day)].append((citizen_id, seq[start:i + 1]))
    found = []
    for (venue_id, day), citizens in sorted(fired.items()):
        listed = [{"citizen": masked[c], "uses": len(s), "from": s[0][0].isoformat()}
                  for c, s in sorted(citizens, key=lambda x: masked[x[0]])]
        found.append(Finding(
            S.REPEAT_CITIZEN, venue_id, day,
            {"citizens": listed, "max_uses": max_uses, "days": days},
            f"{day.isoformat()} 有 {len(listed)} 位市民在 {days} 天内于本场馆核销超过 "
            f"{max_uses} 次：" + "；".join(
                f"{c['citizen']} {c['uses']} 次（{c['from']} 至 {day.isoformat()}）"
                for c in listed),
            voucher_ids=sorted(vid for _c, s in citizens for _d, vid in s)))
    return found


def outside_hours(ctx: Context) -> list[Finding]:
    """营业时间外核销: redemptions outside the venue's filed opening hours, widened by
    ``grace_minutes`` at both ends. Venues whose hours cannot be read are not judged (and
    listed, if they had redemptions on the days judged)."""
    p = ctx.params[S.OUTSIDE_HOURS]
    grace, min_count = 60 * int(p["grace_minutes"]), int(p["min_count"])
    unread = [i for i, h in ctx.hours.items() if h is None]
    v = Voucher
    if unread:
        for (venue_id,) in ctx.session.execute(
                select(v.venue_id).where(v.venue_id.in_(unread), v.redeemed_at.is_not(None),
                                         v.use_day >= ctx.since, v.use_day <= ctx.until)
                .group_by(v.venue_id)):
            if venue_id is not None:
                ctx.unjudged[venue_id] = ctx.venues[venue_id][1]
    candidates = [(r.venue_id, r.day) for r in ctx.judged() if r.outside]
    hours = ctx.hours
    outside: dict[tuple[int, dt.date], list[tuple[int, dt.datetime]]] = defaultdict(list)
    for vid, venue_id, day, at in _fetch(ctx.session, candidates, v.id, v.venue_id, v.use_day,
                                         v.redeemed_at):
        local = at.astimezone(clock.SHANGHAI)
        second = local.hour * 3600 + local.minute * 60 + local.second
        h = hours[venue_id]
        assert h is not None
        if not h.is_open(day.weekday(), second, grace):
            outside[(venue_id, day)].append((vid, at))
    found = []
    for (venue_id, day), items in sorted(outside.items()):
        if len(items) < min_count:
            continue
        times = "、".join(_local(at) for _vid, at in items[:5])
        more = f" 等 {len(items)} 笔" if len(items) > 5 else ""
        found.append(Finding(
            S.OUTSIDE_HOURS, venue_id, day,
            {"count": len(items), "hours": ctx.venues[venue_id][1],
             "grace_minutes": grace // 60, "times": [_local(at) for _vid, at in items[:20]]},
            f"{day.isoformat()} 有 {len(items)} 笔核销在备案营业时间"
            f"（{ctx.venues[venue_id][1]}，前后宽限 {grace // 60} 分钟）之外：{times}{more}",
            voucher_ids=[vid for vid, _at in items]))
    return found


def above_list_price(ctx: Context) -> list[Finding]:
    """订单金额高于备案价格: orders more than ``margin_percent`` above the cheapest order at
    the venue's list price for the sport that reaches the voucher's minimum order."""
    p = ctx.params[S.ABOVE_LIST_PRICE]
    margin, min_count = int(p["margin_percent"]), int(p["min_count"])
    candidates = [(r.venue_id, r.day) for r in ctx.judged() if r.above_price >= min_count]
    if not candidates:
        return []
    v = Voucher
    prices = {(vs, sport): price for vs, sport, price in ctx.session.execute(
        select(VenueSport.venue_id, VenueSport.sport, VenueSport.list_price).where(
            VenueSport.venue_id.in_({c[0] for c in candidates})))}
    above: dict[tuple[int, dt.date], list[tuple[int, str, Decimal, Decimal]]] = \
        defaultdict(list)
    for vid, venue_id, day, sport, amount, minimum in _fetch(
            ctx.session, candidates, v.id, v.venue_id, v.use_day, v.sport, v.order_amount,
            v.min_order):
        price = prices.get((venue_id, sport))
        if not price or amount is None:
            continue
        reference = price * max(1, int((minimum / price).to_integral_value(ROUND_CEILING)))
        if amount * 100 > reference * (100 + margin):
            above[(venue_id, day)].append((vid, sport, amount, reference))
    found = []
    for (venue_id, day), items in sorted(above.items()):
        if len(items) < min_count:
            continue
        worst = max(items, key=lambda x: x[2] / x[3])
        found.append(Finding(
            S.ABOVE_LIST_PRICE, venue_id, day,
            {"count": len(items), "margin_percent": margin,
             "highest": {"sport": worst[1], "order_amount": str(worst[2]),
                         "reference": str(worst[3])}},
            f"{day.isoformat()} 有 {len(items)} 笔订单金额比按备案价格凑满起用门槛所需金额"
            f"高出 {margin}% 以上；最高一笔 {worst[1]} {worst[2]} 元，按备案价格应为 "
            f"{worst[3]} 元（高出 {_num((worst[2] / worst[3] - 1) * 100, '1')}%）",
            voucher_ids=[i[0] for i in items]))
    return found


def burst(ctx: Context) -> list[Finding]:
    """短时间内集中核销: ``count`` or more redemptions from as many different citizens within
    ``minutes`` minutes at one venue (a window ending on the day judged)."""
    p = ctx.params[S.BURST]
    need, span = int(p["count"]), 60 * int(p["minutes"])
    days = {(r.venue_id, r.day) for r in ctx.judged() if r.burst}
    if not days:
        return []
    pairs = days | {(venue, day - dt.timedelta(days=1)) for venue, day in days}
    v = Voucher
    by_venue: dict[int, list[tuple[int, int, dt.datetime, dt.date]]] = defaultdict(list)
    for vid, venue_id, citizen_id, at, day in _fetch(ctx.session, pairs, v.id, v.venue_id,
                                                      v.citizen_id, v.redeemed_at, v.use_day):
        by_venue[venue_id].append((vid, citizen_id, at, day))
    found = []
    for venue_id, seq in sorted(by_venue.items()):
        windows: dict[dt.date, list[tuple[int, int, set[int]]]] = defaultdict(list)
        start = 0
        citizens: Counter[int] = Counter()
        for i, (_vid, citizen, at, day) in enumerate(seq):
            citizens[citizen] += 1
            while (at - seq[start][2]).total_seconds() > span:
                gone = seq[start][1]
                citizens[gone] -= 1
                if not citizens[gone]:
                    del citizens[gone]
                start += 1
            if len(citizens) >= need and (venue_id, day) in days:
                windows[day].append((start, i, set(citizens)))
        for day, spans in sorted(windows.items()):
            ids = sorted({seq[j][0] for a, b, _c in spans for j in range(a, b + 1)})
            a, b, cs = max(spans, key=lambda x: len(x[2]))
            found.append(Finding(
                S.BURST, venue_id, day,
                {"citizens": len(cs), "from": _local(seq[a][2]), "to": _local(seq[b][2]),
                 "vouchers": len(ids), "count": need, "minutes": span // 60},
                f"{day.isoformat()} {_local(seq[a][2])} 至 {_local(seq[b][2])} 间有 {len(cs)} "
                f"位不同市民的消费券集中核销（界线：{span // 60} 分钟内 {need} 位）；"
                f"当日集中核销共涉及 {len(ids)} 张",
                voucher_ids=ids))
    return found


#: The detectors, in the order the scan runs them.
DETECTORS: dict[Signal, Callable[[Context], list[Finding]]] = {
    S.DAILY_ABOVE_LINE: daily_above_line,
    S.ABOVE_PATTERN: above_pattern,
    S.MIN_ORDER_CLUSTER: min_order_cluster,
    S.REPEAT_CITIZEN: repeat_citizen,
    S.OUTSIDE_HOURS: outside_hours,
    S.ABOVE_LIST_PRICE: above_list_price,
    S.BURST: burst,
}


def load_venues(session: Session) -> dict[int, tuple[str, str]]:
    """Every venue's (name, filed opening hours)."""
    return {i: (n, h) for i, n, h in session.execute(
        select(Venue.id, Venue.name, Venue.opening_hours))}
