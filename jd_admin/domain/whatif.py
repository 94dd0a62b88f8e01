"""The parameter-dependent voucher rules as pure functions, for the what-if (测算).

The rule checks of rules 3 and 4 (services/vouchers/checks.py, in SQL) rank each voucher among
its citizen's: the n-th claim of its natural week, the n-th large claim of the week, the n-th use
of its day and of its natural week, and how many vouchers the citizen held when claiming it. A
limit only says from which rank on a voucher is flagged — so the ranks are computed once
(:func:`ranks`, the same orderings as the SQL window functions and the MAX_HELD sweep) and any
set of limits judged against them (:func:`rule_flags`) without touching the database.

The minimum order (使用门槛) is judged on the order amount as recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import NamedTuple

from jd_admin.domain.vouchers import Flag

#: The flags whose finding depends on a parameter the what-if can change.
PARAMETER_FLAGS = (Flag.WEEKLY_CLAIMS.value, Flag.WEEKLY_LARGE.value, Flag.DAILY_USE.value,
                   Flag.WEEKLY_USE.value, Flag.MAX_HELD.value, Flag.MIN_ORDER.value)


class Claimed(NamedTuple):
    """What the ranking needs of one voucher (times are aware datetimes; weeks their Mondays)."""

    id: int
    citizen_id: int
    claimed_at: dt.datetime
    redeemed_at: dt.datetime | None
    expires_at: dt.datetime
    claim_week: dt.date
    use_day: dt.date | None
    use_week: dt.date | None
    large: bool  # a large face value under the usage rules in force on its claim day


class Ranks(NamedTuple):
    claims: int  # the n-th claim of the citizen's claim week (claim time, then id)
    large: int | None  # the n-th large claim of that week (None: not a large voucher)
    day_uses: int | None  # the n-th use of the citizen's use day (use time, then id)
    week_uses: int | None  # the n-th use of the use week
    held: int  # vouchers the citizen held (claimed earlier, not yet ended) at its claim


@dataclass(frozen=True)
class Limits:
    """The limits of rules 3 and 4 a voucher is judged against."""

    weekly_claim_limit: int
    max_held: int
    daily_use_cap: int
    weekly_use_cap: int
    weekly_large_claim_limit: int


def ranks(vouchers: Iterable[Claimed]) -> dict[int, Ranks]:
    """Every voucher's ranks among its citizen's vouchers in ``vouchers`` (complete for a
    voucher when every voucher of its citizen that could precede it is among them)."""
    out: dict[int, Ranks] = {}
    by_citizen = sorted(vouchers, key=lambda v: (v.citizen_id, v.claimed_at, v.id))
    for _citizen, group in groupby(by_citizen, key=lambda v: v.citizen_id):
        mine = list(group)  # in claim order
        claims: dict[dt.date, int] = {}
        large: dict[dt.date, int] = {}
        claim_rank: dict[int, tuple[int, int | None]] = {}
        for v in mine:
            n = claims[v.claim_week] = claims.get(v.claim_week, 0) + 1
            m: int | None = None
            if v.large:
                m = large[v.claim_week] = large.get(v.claim_week, 0) + 1
            claim_rank[v.id] = (n, m)
        day_rank: dict[int, tuple[int, int]] = {}
        used = sorted((v for v in mine if v.redeemed_at is not None),
                      key=lambda v: (v.redeemed_at, v.id))
        days: dict[dt.date | None, int] = {}
        weeks: dict[dt.date | None, int] = {}
        for v in used:
            d = days[v.use_day] = days.get(v.use_day, 0) + 1
            w = weeks[v.use_week] = weeks.get(v.use_week, 0) + 1
            day_rank[v.id] = (d, w)
        held = _held(mine)
        for v in mine:
            n, m = claim_rank[v.id]
            d_w = day_rank.get(v.id)
            out[v.id] = Ranks(n, m, d_w[0] if d_w else None, d_w[1] if d_w else None,
                              held[v.id])
    return out


def _held(mine: list[Claimed]) -> dict[int, int]:
    """The MAX_HELD sweep of checks.py: claim events +1, end events -1 (a voucher ends at its
    use or its expiry, whichever is first), ordered by (time, phase, id, kind) where an end
    comes before a claim at the same moment unless the voucher ends at its own claim; the
    running sum before a claim is the number held then."""
    events: list[tuple[dt.datetime, int, int, int, int]] = []
    for v in mine:
        end = (v.redeemed_at if v.redeemed_at is not None and v.redeemed_at < v.expires_at
               else v.expires_at)
        events.append((v.claimed_at, 1, v.id, 0, 1))
        events.append((end, 1 if end == v.claimed_at else 0, v.id, 1, -1))
    events.sort()
    running = 0
    held: dict[int, int] = {}
    for _at, _phase, vid, kind, delta in events:
        running += delta
        if kind == 0:
            held[vid] = running - 1
    return held


def rule_flags(r: Ranks, limits: Limits | None, *, order_amount: int | None = None,
               min_order: int | None = None) -> frozenset[str]:
    """The parameter flags a voucher with ranks ``r`` gets under ``limits`` (None: no usage
    rules in force on its claim day — none of rules 3-4) and, redeemed, under ``min_order``
    (amounts in fen)."""
    found: list[str] = []
    if limits is not None:
        if r.claims > limits.weekly_claim_limit:
            found.append(Flag.WEEKLY_CLAIMS.value)
        if r.large is not None and r.large > limits.weekly_large_claim_limit:
            found.append(Flag.WEEKLY_LARGE.value)
        if r.day_uses is not None and r.day_uses > limits.daily_use_cap:
            found.append(Flag.DAILY_USE.value)
        if r.week_uses is not None and r.week_uses > limits.weekly_use_cap:
            found.append(Flag.WEEKLY_USE.value)
        if r.held >= limits.max_held:
            found.append(Flag.MAX_HELD.value)
    if order_amount is not None and min_order is not None and order_amount < min_order:
        found.append(Flag.MIN_ORDER.value)
    return frozenset(found)


@dataclass(frozen=True)
class Exhaustion:
    """Where a budget runs out: the day of the first voucher it no longer covers, and the
    vouchers (and their subsidy, yuan) after it."""

    day: dt.date | None
    unpaid: int
    unpaid_subsidy: Decimal


def exhaust(spent_before: int, budget: int,
            paid_in_order: Iterable[tuple[int, dt.date, int]]) -> tuple[Exhaustion, set[int]]:
    """Pays ``paid_in_order`` (voucher id, day, subsidy — in payment order; amounts in fen)
    from what is left of ``budget`` after ``spent_before``: a voucher is paid while the running
    total stays within the budget; the first one beyond it, and every one after it, is not (no
    partial payment). Returns the exhaustion and the ids left unpaid."""
    left = budget - spent_before
    day: dt.date | None = None
    unpaid: set[int] = set()
    unpaid_fen = 0
    for vid, when, subsidy in paid_in_order:
        if day is None and subsidy <= left:
            left -= subsidy
            continue
        if day is None:
            day = when
        unpaid.add(vid)
        unpaid_fen += subsidy
    return Exhaustion(day, len(unpaid), (Decimal(unpaid_fen) / 100).quantize(Decimal("0.01"))
                      ), unpaid


def changed(baseline: Mapping[str, object], scenario: Mapping[str, object]) -> dict[str, object]:
    """The entries of ``scenario`` that differ from ``baseline`` (what a form changed)."""
    return {k: v for k, v in scenario.items() if baseline.get(k) != v}


__all__ = ["PARAMETER_FLAGS", "Claimed", "Exhaustion", "Limits", "Ranks", "changed", "exhaust",
           "ranks", "rule_flags"]
