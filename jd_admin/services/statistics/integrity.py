"""Venue price integrity (价格诚信): the list prices a venue filed with its application
(``venue_sport.list_price``, 挂牌价) against the order amounts of its redemptions.

**The rule.** Each redeemed order is compared with the cheapest order at the filed price that
could use its voucher — the *reference*: the list price × the sessions needed to reach the
voucher's minimum order, at least one (the reference of the early-warning signal
``above_list_price``, domain/warnings.py). A venue's sport is judged on the **median** of its
orders' ratio order ÷ reference in the period (the lower middle of an even count; at least
:data:`MIN_ORDERS` orders): *above* when the median exceeds :data:`HIGH` (2.0: the typical
citizen pays more than twice the filed price of what the voucher needs — one session more
than needed at most doubles it), *below* when it is under :data:`LOW` (0.8: the typical order
is a fifth below the filed price — the filed price is not what the venue charges, which makes
the minimum order and the subsidy's leverage look larger than they are). A median, not a
mean, so a few group bookings do not move it. Orders for a sport the venue never filed are
listed apart (*unfiled*): nothing to compare them with; a venue that filed no prices at all is
not judged (a gap in the register, not in its pricing).

The medians (of the ratio, the order and the reference, each its own) are computed in SQL:
``percentile_disc`` on PostgreSQL, row numbers over each venue and sport on SQLite (the same
lower middle); the ratio is in per mille of integer fen (truncated).
Each listed venue shows its early warnings ``above_list_price`` still undecided
(services/warnings/queries.py) for those who read warnings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from jd_admin.domain.permissions import Action
from jd_admin.domain.warnings import Signal
from jd_admin.models import Subdistrict, Venue, VenueSport, Voucher
from jd_admin.models.base import stored_fen
from jd_admin.money import from_fen
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.warnings import queries as warning_queries

#: Median ratio above which a venue's sport is listed (order ÷ reference).
HIGH = Decimal("2.0")
#: Median ratio below which it is listed.
LOW = Decimal("0.8")
#: Fewer orders in the period than this: not judged.
MIN_ORDERS = 5

ABOVE, BELOW, UNFILED = "above", "below", "unfiled"
VERDICT_LABELS = {ABOVE: "高于备案价格", BELOW: "低于备案价格", UNFILED: "未备案该项目"}


@dataclass(frozen=True)
class OpenWarning:
    id: int
    day: dt.date


@dataclass(frozen=True)
class PriceRow:
    venue_id: int
    venue_name: str
    subdistrict: str
    sport: str
    orders: int  # redeemed orders of the sport in the period
    list_price: Decimal | None  # None: the sport was not filed
    median_order: Decimal | None
    median_reference: Decimal | None  # the median reference (cheapest order at list price)
    median_ratio: Decimal | None  # order ÷ reference, 0.001
    verdict: str  # ABOVE, BELOW or UNFILED
    warnings: tuple[OpenWarning, ...] = ()  # undecided above_list_price warnings

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def _redeemed_in(since: dt.date, until: dt.date) -> Any:
    v = Voucher
    return and_(v.redeemed_at >= clock.start_of_day(since),
                v.redeemed_at < clock.start_of_day(until + dt.timedelta(days=1)),
                v.order_amount.is_not(None), v.sport.is_not(None), v.venue_id.is_not(None))


def _medians(session: Session, since: dt.date, until: dt.date, min_orders: int, order: Any,
             reference: Any, ratio: Any) -> dict[tuple[int, str], dict[str, Any]]:
    """(venue, sport) -> orders, and the medians (the lower middle) of the ratio, the order
    and the reference: PostgreSQL's ordered-set aggregate ``percentile_disc(0.5)`` (one sort
    per group), else row numbers over each group (SQLite)."""
    v, vs = Voucher, VenueSport
    joined = and_(vs.venue_id == v.venue_id, vs.sport == v.sport)
    where = (_redeemed_in(since, until), vs.list_price > 0)
    out: dict[tuple[int, str], dict[str, Any]] = {}
    if session.get_bind().dialect.name == "postgresql":
        for venue_id, sport, n, ratio_pm, order_fen, ref in session.execute(
                select(v.venue_id, v.sport, func.count(),
                       func.percentile_disc(0.5).within_group(ratio),
                       func.percentile_disc(0.5).within_group(order),
                       func.percentile_disc(0.5).within_group(reference))
                .join(vs, joined).where(*where).group_by(v.venue_id, v.sport)
                .having(func.count() >= min_orders)):
            out[(int(venue_id), str(sport))] = {
                "n": int(n), "ratio": Decimal(int(ratio_pm)) / 1000,
                "order": from_fen(int(order_fen)), "reference": from_fen(int(ref))}
        return out
    part = (v.venue_id, v.sport)
    inner = (select(v.venue_id, v.sport, order.label("order_fen"), reference.label("ref"),
                    ratio.label("ratio"),
                    *(func.row_number().over(partition_by=part, order_by=(key, v.id))
                      .label(f"rn_{name}")
                      for name, key in (("ratio", ratio), ("order", order),
                                        ("ref", reference))),
                    func.count().over(partition_by=part).label("n"))
             .join(vs, joined).where(*where).subquery())
    c = inner.c
    middle = (c.n + 1) // 2
    for row in session.execute(select(inner).where(
            c.n >= min_orders,
            (c.rn_ratio == middle) | (c.rn_order == middle) | (c.rn_ref == middle))):
        n = int(row.n)
        got = out.setdefault((int(row.venue_id), str(row.sport)), {"n": n})
        if row.rn_ratio == (n + 1) // 2:
            got["ratio"] = Decimal(int(row.ratio)) / 1000
        if row.rn_order == (n + 1) // 2:
            got["order"] = from_fen(int(row.order_fen))
        if row.rn_ref == (n + 1) // 2:
            got["reference"] = from_fen(int(row.ref))
    return out


def outliers(session: Session, since: dt.date, until: dt.date,
             min_orders: int = MIN_ORDERS, low: Decimal = LOW,
             high: Decimal = HIGH) -> list[PriceRow]:
    """The venue sports out of line in ``since`` … ``until``, by subdistrict and venue
    (no warnings attached; :func:`price_integrity` adds them)."""
    v, vs = Voucher, VenueSport
    price, minimum = stored_fen(vs.list_price), stored_fen(v.min_order)
    order = stored_fen(v.order_amount)
    sessions = case((minimum <= price, 1), else_=(minimum + price - 1) // price)
    reference = price * sessions
    ratio = order * 1000 // (price * sessions)
    medians = _medians(session, since, until, min_orders, order, reference, ratio)
    flagged = {key: m for key, m in medians.items() if m["ratio"] > high or m["ratio"] < low}
    unfiled = {(int(str(venue_id)), str(sport)): int(n) for venue_id, sport, n in session.execute(
        select(v.venue_id, v.sport, func.count())
        .outerjoin(vs, and_(vs.venue_id == v.venue_id, vs.sport == v.sport))
        .where(_redeemed_in(since, until), vs.id.is_(None),
               v.venue_id.in_(select(vs.venue_id).distinct()))
        .group_by(v.venue_id, v.sport)) if int(n) >= min_orders}
    ids = {k[0] for k in flagged} | {k[0] for k in unfiled}
    if not ids:
        return []
    venues = {int(i): (str(name), str(sub)) for i, name, sub in session.execute(
        select(Venue.id, Venue.name, Subdistrict.name)
        .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id).where(Venue.id.in_(ids)))}
    prices = {(int(i), str(s)): p for i, s, p in session.execute(
        select(vs.venue_id, vs.sport, vs.list_price).where(vs.venue_id.in_(ids)))}
    rows = [PriceRow(vid, *venues[vid], sport, m["n"], prices.get((vid, sport)), m["order"],
                     m["reference"], m["ratio"], ABOVE if m["ratio"] > high else BELOW)
            for (vid, sport), m in flagged.items()]
    rows += [PriceRow(vid, *venues[vid], sport, n, None, None, None, None, UNFILED)
             for (vid, sport), n in unfiled.items()]
    return sorted(rows, key=lambda r: (r.subdistrict, r.venue_name, r.venue_id, r.sport))


def price_integrity(session: Session, actor: Actor, since: dt.date,
                    until: dt.date) -> list[PriceRow]:
    """The venue sports whose typical order is out of line with their filed prices in
    ``since`` … ``until``, each with its venue's undecided ``above_list_price`` warnings
    (for an actor who reads warnings). Reading redemptions is
    :attr:`Action.READ_VOUCHERS`: the bureau's desks and the operator."""
    require(actor, Action.READ_VOUCHERS)
    rows = outliers(session, since, until)
    if not rows or not may_act(actor, Action.READ_WARNINGS):
        return rows
    by_venue: dict[int, list[OpenWarning]] = {}
    for w in warning_queries.list_warnings(session, actor, signal=Signal.ABOVE_LIST_PRICE.value,
                                           undecided_only=True, limit=100_000):
        by_venue.setdefault(w.venue_id, []).append(OpenWarning(w.id, w.day))
    return [PriceRow(r.venue_id, r.venue_name, r.subdistrict, r.sport, r.orders, r.list_price,
                     r.median_order, r.median_reference, r.median_ratio, r.verdict,
                     tuple(by_venue.get(r.venue_id, ())))
            for r in rows]


__all__ = ["ABOVE", "BELOW", "HIGH", "LOW", "MIN_ORDERS", "UNFILED", "OpenWarning", "PriceRow",
           "outliers", "price_integrity"]
