#!/usr/bin/env python3
"""Realistic operator (platform) voucher files of any size, for benchmarks and tests.

One row per claimed voucher, in the import format of ``jd_admin.services.vouchers.operator_file``
(Chinese header, Asia/Shanghai local times, yuan with two decimals). Rows come out in
claim-time order and are produced one at a time: a million rows never sit in memory, only a
small state per citizen (the vouchers of the last three weeks) does.

The data follow the rules (DOMAIN.md, rules 1-5) except for a share of deliberate violations
(``violation_rate``, spread evenly over the twelve kinds of :data:`KINDS`). Every row is
checked against every rule as it is produced, so the counters in the stats file are the exact
numbers of vouchers a checker using the definitions of :data:`DEFINITIONS` must flag, split
into ``injected`` (meant) and ``incidental`` (not meant; zero unless the citizen pool is far
too small for the number of rows). See benchmarks/README.md.

    python benchmarks/generate_vouchers.py --rows 1000000 --venues 500 --citizens 200000 \\
        --year 2026 --seed 1 --csv OUT.csv --xlsx OUT.xlsx --venues-out venues.csv

Importable: :func:`generate` (the rows) and :func:`venue_codes` (the designated venues).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import random
import sys
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from jd_admin.services.identifiers import (
    CREDIT_CODE_CHARSET,
    credit_code_check_char,
    organization_code_check_char,
)

__all__ = [
    "DEFINITIONS",
    "FACE_TABLE",
    "HEADER",
    "KEYS",
    "KINDS",
    "generate",
    "venue_codes",
    "venue_profiles",
]

HEADER: tuple[str, ...] = (
    "券码", "批次编号", "面值", "用户标识", "人群类别", "领取时间", "核销时间",
    "核销场馆", "运动项目", "订单金额", "实付金额",
)
KEYS: tuple[str, ...] = (
    "code", "batch", "face_value", "citizen_id", "citizen_group", "claimed_at", "redeemed_at",
    "venue_code", "sport", "order_amount", "paid_amount",
)

# face value -> (government subsidy, venue concession, minimum order), yuan (rule 1 defaults)
FACE_TABLE: dict[int, tuple[int, int, int]] = {
    5: (4, 1, 10), 10: (8, 2, 20), 20: (15, 5, 40),
    30: (20, 10, 60), 50: (30, 20, 120), 80: (50, 30, 200),
}
MIN_ORDER_FEN = {face: minimum * 100 for face, (_, _, minimum) in FACE_TABLE.items()}

# Rules 3 and 4 (defaults).
VALIDITY_S = 168 * 3600
WEEKLY_CLAIM_LIMIT = 3
MAX_HELD = 3
DAILY_USE_CAP = 1
WEEKLY_USE_CAP = 3
WEEKLY_LARGE_LIMIT = 1
LARGE_FACE = 50

SWIM_BATCH = "SWIM"  # "{year}-SWIM": restricted to 游泳
SENIOR_BATCH = "SENIOR"  # "{year}-SENIOR": restricted to citizen group senior (老年人)
SWIM_SPORT = "游泳"

KINDS: tuple[str, ...] = (
    "expired",
    "weekly_claim_limit",
    "max_held",
    "daily_use_cap",
    "weekly_use_cap",
    "weekly_large_claim",
    "below_min_order",
    "paid_mismatch",
    "undesignated_venue",
    "special_sport",
    "special_group",
    "outside_batch_month",
)
(EXPIRED, WEEKLY_CLAIM, MAX_HELD_K, DAILY_USE, WEEKLY_USE, WEEKLY_LARGE, BELOW_MIN, PAID,
 UNDESIGNATED, SPECIAL_SPORT, SPECIAL_GROUP, OUTSIDE_MONTH) = range(len(KINDS))

DEFINITIONS: dict[str, str] = {
    "expired": "redeemed more than 168 h after it was claimed (核销时间 > 领取时间 + 168 h)",
    "weekly_claim_limit": "a citizen's claims in one natural week (Mon 00:00-Sun 24:00) beyond "
                          "the 3rd, in claim order",
    "max_held": "a claim made while the citizen already held 3 vouchers claimed earlier, unused "
                "at that moment and not yet expired",
    "daily_use_cap": "a citizen's uses in one local day beyond the 1st, in use order",
    "weekly_use_cap": "a citizen's uses in one natural week beyond the 3rd, in use order",
    "weekly_large_claim": "a citizen's claims of large vouchers (face value >= 50) in one natural "
                          "week beyond the 1st, in claim order",
    "below_min_order": "redeemed with an order amount below the face value's minimum order",
    "paid_mismatch": "paid amount != order amount - face value",
    "undesignated_venue": "redeemed at a credit code that is not in the venue list (valid by "
                          "GB 32100, but not a designated venue)",
    "special_sport": f"a *-{SWIM_BATCH} voucher redeemed for a sport other than {SWIM_SPORT}",
    "special_group": f"a *-{SENIOR_BATCH} voucher claimed and redeemed by a citizen whose group "
                     "is not 老年人",
    "outside_batch_month": "a monthly-batch voucher claimed outside its batch's month",
}

GROUP_NONE, GROUP_SENIOR, GROUP_YOUTH, GROUP_DISABLED = range(4)
GROUP_LABELS = ("", "老年人", "青少年", "残疾人")
GROUP_SHARES = (0.0, 0.17, 0.10, 0.015)  # senior, youth, disabled; the rest have no group

# sport -> (lowest list price, highest list price (yuan), share of venues whose main sport it is)
SPORTS: dict[str, tuple[int, int, int]] = {
    "游泳": (30, 60, 10), "羽毛球": (40, 100, 15), "篮球": (30, 80, 7), "足球": (120, 200, 4),
    "乒乓球": (30, 50, 8), "网球": (80, 200, 5), "健身": (30, 80, 18), "瑜伽": (60, 150, 7),
    "舞蹈": (50, 120, 5), "跆拳道": (80, 150, 4), "击剑": (150, 200, 2), "攀岩": (60, 120, 2),
    "射箭": (60, 120, 2), "轮滑": (40, 80, 3), "台球": (30, 60, 4), "保龄球": (30, 60, 2),
}
VENUE_SUFFIX = {
    "游泳": "游泳馆", "羽毛球": "羽毛球馆", "篮球": "篮球馆", "足球": "足球场", "乒乓球": "乒乓球馆",
    "网球": "网球中心", "健身": "健身中心", "瑜伽": "瑜伽馆", "舞蹈": "舞蹈工作室", "跆拳道": "跆拳道馆",
    "击剑": "击剑馆", "攀岩": "攀岩馆", "射箭": "射箭馆", "轮滑": "轮滑馆", "台球": "台球俱乐部",
    "保龄球": "保龄球馆",
}
# Which sports citizens of each group go for (weights).
SPORT_TASTE: tuple[dict[str, int], ...] = (
    {"羽毛球": 20, "健身": 20, "游泳": 15, "篮球": 8, "足球": 5, "乒乓球": 6, "网球": 6, "瑜伽": 8,
     "舞蹈": 4, "攀岩": 2, "射箭": 1, "台球": 3, "保龄球": 2, "击剑": 1, "轮滑": 1, "跆拳道": 1},
    {"乒乓球": 25, "游泳": 20, "健身": 15, "舞蹈": 20, "台球": 8, "羽毛球": 7, "瑜伽": 5},
    {"篮球": 20, "足球": 15, "游泳": 20, "跆拳道": 12, "轮滑": 10, "羽毛球": 10, "击剑": 5, "攀岩": 5,
     "乒乓球": 3},
    {"游泳": 25, "健身": 25, "乒乓球": 20, "射箭": 10, "台球": 10, "羽毛球": 10},
)
TOWNS = ("新成路", "真新", "嘉定镇", "南翔", "安亭", "马陆", "徐行", "华亭", "外冈", "江桥", "菊园",
         "嘉定工业区")
BRANDS = ("悦动", "力行", "启航", "博远", "翔宇", "沪嘉", "疁城", "汇龙", "云翔", "远香", "练祁",
          "秋霞", "古猗", "德富", "银杏", "白鹤", "紫藤", "和韵", "乐活", "奔跑", "飞羽", "浪花",
          "蓝鲸", "阳光", "星辰", "嘉禾", "卓越", "金沙", "恒力", "劲越", "健康", "动感", "活力",
          "青橙", "彩虹", "晨曦", "明珠", "锦绣", "鸿运", "嘉友")
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "173", "177", "180",
                   "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199")

# Activity over the year: month factors, weekends, batch release days, holidays.
MONTH_FACTOR = (0.85, 0.75, 0.95, 1.0, 1.05, 1.1, 1.25, 1.3, 1.0, 1.1, 0.95, 0.9)
WEEKEND_FACTOR = 1.45
# Claims by hour: batches are released at 10:00; lunch and evening peaks.
CLAIM_HOURS = (0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.4, 1.0, 1.6, 1.8, 3.5, 2.0, 2.4, 1.8, 1.4, 1.3,
               1.4, 1.8, 2.2, 2.6, 2.8, 2.4, 1.5, 0.8)
# Uses by hour (venues open roughly 06:00-23:00): evenings on weekdays, daytime at weekends.
USE_HOURS_WEEKDAY = (0, 0, 0, 0, 0, 0, 0.6, 0.8, 0.6, 0.8, 1.0, 0.9, 0.8, 0.8, 0.9, 1.0, 1.3, 1.8,
                     2.6, 3.2, 3.0, 1.8, 0.6, 0)
USE_HOURS_WEEKEND = (0, 0, 0, 0, 0, 0, 0, 0.5, 1.2, 2.2, 2.8, 2.4, 1.4, 1.8, 2.6, 2.8, 2.6, 2.0,
                     1.8, 2.0, 1.8, 1.0, 0.3, 0)
# Days between claim and use: mostly 1-3 days.
USE_DELAY_DAYS = (0.14, 0.30, 0.22, 0.14, 0.08, 0.06, 0.04, 0.02)
MONTH_FACES = {5: 10, 10: 22, 20: 25, 30: 18, 50: 15, 80: 10}
SMALL_FACES = {5: 10, 10: 22, 20: 25, 30: 18}
LARGE_FACES = {50: 6, 80: 4}
SWIM_FACES = {10: 4, 20: 4, 30: 2}
SENIOR_FACES = {5: 3, 10: 4, 20: 3}

DAY_S = 86400
PRUNE_S = 21 * DAY_S  # per-citizen history kept: enough for every week a new use can fall in
_TOD = tuple(f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY_S))

# Claim times are even seconds and use times odd ones: a use never coincides with a claim.


def _lut(weights: Any, size: int = 1000) -> tuple[Any, ...]:
    """A lookup table: ``table[int(random() * size)]`` draws a key with the given weights."""
    items = list(weights.items()) if isinstance(weights, dict) else list(enumerate(weights))
    total = sum(w for _, w in items)
    table: list[Any] = []
    acc = 0.0
    for key, w in items:
        acc += w
        table.extend([key] * (round(acc / total * size) - len(table)))
    return tuple(table)


CLAIM_HOUR_LUT = _lut(CLAIM_HOURS)
USE_HOUR_LUT = (_lut(USE_HOURS_WEEKDAY), _lut(USE_HOURS_WEEKEND))
USE_DELAY_LUT = _lut(USE_DELAY_DAYS)
MONTH_FACE_LUT = _lut(MONTH_FACES)
SMALL_FACE_LUT = _lut(SMALL_FACES)
LARGE_FACE_LUT = _lut(LARGE_FACES)
SWIM_FACE_LUT = _lut(SWIM_FACES)
SENIOR_FACE_LUT = _lut(SENIOR_FACES)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


# --------------------------------------------------------------------------------------
# Venues
# --------------------------------------------------------------------------------------

def _credit_code(rng: random.Random, public: bool) -> str:
    """A credit code valid by GB 32100 (and GB 11714 on positions 9-17), area 310114 (嘉定区)."""
    if public:  # 事业单位: registration authority 1, category 2
        org8 = "4" + "".join(rng.choice("0123456789") for _ in range(7))
        head = "12310114"
    else:  # company: 9, 1, post-2015 "MA" subject identifier
        org8 = "MA1" + "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(5))
        head = "91310114"
    body = head + org8 + organization_code_check_char(org8)
    return body + credit_code_check_char(body)


def venue_profiles(venues: int, seed: int) -> list[tuple[str, str, str, int]]:
    """``venues`` designated venues: (credit code, name, main sport, list price in fen).

    Deterministic for ``seed`` and independent of the voucher rows. The first venues cover
    every sport (游泳 first), so that swimming vouchers always have a pool to go to."""
    rng = random.Random(f"jd_admin/benchmarks/venues/{seed}")
    sports = list(SPORTS)
    sport_lut = _lut({s: share for s, (_, _, share) in SPORTS.items()})
    taken: set[str] = set()
    names: set[str] = set()
    result: list[tuple[str, str, str, int]] = []
    for i in range(venues):
        sport = sports[i] if i < len(sports) else sport_lut[int(rng.random() * len(sport_lut))]
        public = rng.random() < 0.25
        code = _credit_code(rng, public)
        while code in taken:
            code = _credit_code(rng, public)
        taken.add(code)
        town = rng.choice(TOWNS)
        if public:
            base = f"{town}社区{VENUE_SUFFIX[sport]}"
        else:
            base = f"{town}{rng.choice(BRANDS)}{VENUE_SUFFIX[sport]}"
        name, n = base, 1
        while name in names:
            n += 1
            name = f"{base}（{n}店）" if not public else f"{base}（{n}号馆）"
        names.add(name)
        low, high, _ = SPORTS[sport]
        price = rng.randrange(low, high + 1, 5) * 100
        if price > low * 100 and rng.random() < 0.2:
            price -= 20  # 39.80-style prices
        result.append((code, name, sport, price))
    return result


def venue_codes(venues: int, seed: int) -> list[tuple[str, str, str]]:
    """The designated venues of :func:`generate` with the same ``venues`` and ``seed``:
    (unified social credit code, name, main sport). Create them, with agreements in force
    for the whole year and the first half of January after it, before importing."""
    return [(code, name, sport) for code, name, sport, _ in venue_profiles(venues, seed)]


def _unknown_codes(designated: set[str], seed: int, count: int) -> list[str]:
    """Valid credit codes that are *not* designated venues (for undesignated_venue)."""
    rng = random.Random(f"jd_admin/benchmarks/unknown-venues/{seed}")
    codes: list[str] = []
    while len(codes) < count:
        code = _credit_code(rng, rng.random() < 0.2)
        if code not in designated and code not in codes:
            codes.append(code)
    return codes


# --------------------------------------------------------------------------------------
# The simulation
# --------------------------------------------------------------------------------------

class _Citizen:
    """What the generator remembers about one citizen."""

    __slots__ = ("favs", "group", "idx", "last_t", "swim", "vs", "week", "wk_claims", "wk_large")

    def __init__(self, idx: int, group: int) -> None:
        self.idx = idx
        self.group = group
        self.week = -1
        self.wk_claims = 0  # claims in ``week``
        self.wk_large = 0  # large claims in ``week``
        # recent vouchers: [claimed_at, redeemed_at or -1, use day or -1, use week or -1]
        self.vs: list[list[int]] = []
        self.last_t = -1
        self.favs: tuple[int, ...] = ()  # favourite venues (indices), set on first claim
        self.swim = -1  # a favourite swimming venue, or -1


# special-batch choice in _emit
AUTO, MONTHLY, SWIM, SENIOR = range(4)
# face choice
ANY_FACE, SMALL_FACE, LARGE_FACE_ONLY = range(3)
# redemption modes
R_NORMAL, R_NONE, R_WINDOW, R_DELAY = range(4)

Scenario = Generator[tuple[int, int], int, None]


class _Simulation:
    def __init__(self, rows: int, venues: int, citizens: int, year: int, seed: int,
                 violation_rate: float) -> None:
        if rows < 0 or venues < 1 or citizens < 1:
            raise ValueError("rows >= 0, venues >= 1 and citizens >= 1 are required")
        if not 0 <= violation_rate <= 1:
            raise ValueError("violation_rate must be between 0 and 1")
        self.rows_wanted = rows
        self.year = year
        self.rate = violation_rate
        rng = self.rng = random.Random(f"jd_admin/benchmarks/vouchers/{seed}")
        self.random = rng.random

        # calendar: t = seconds since local midnight of 1 January (Asia/Shanghai, no DST)
        first = dt.date(year, 1, 1)
        self.ndays = (dt.date(year + 1, 1, 1) - first).days
        self.wd0 = first.weekday()
        extra = 40  # uses may fall in early January of the next year
        dates = [first + dt.timedelta(days=i) for i in range(self.ndays + extra)]
        self.day_str = [d.isoformat() for d in dates]
        self.day_month = [d.month for d in dates]
        self.month_batch = [""] + [f"{year}-{m:02d}" for m in range(1, 13)]
        self.swim_batch = f"{year}-{SWIM_BATCH}"
        self.senior_batch = f"{year}-{SENIOR_BATCH}"
        weights = []
        for d in dates[: self.ndays]:
            w = MONTH_FACTOR[d.month - 1]
            if d.weekday() >= 5:
                w *= WEEKEND_FACTOR
            if d.day == 1:
                w *= 1.6  # the month's batch is released
            elif d.day == 2:
                w *= 1.2
            if (d.month == 5 and d.day <= 5) or (d.month == 10 and d.day <= 7):
                w *= 1.3  # May Day and National Day holidays
            weights.append(w)
        total = sum(weights)
        acc = 0.0
        done = 0
        self.per_day = []
        for w in weights:
            acc += w
            upto = round(acc / total * rows)
            self.per_day.append(upto - done)
            done = upto
        self.code_prefix = f"JD{year}A"
        self.code_width = max(7, len(str(rows)))

        # venues
        self.venues = venue_profiles(venues, seed)
        vrng = random.Random(f"jd_admin/benchmarks/venue-popularity/{seed}")
        self.popularity = [vrng.lognormvariate(0, 0.8) for _ in self.venues]
        by_sport: dict[str, list[int]] = {}
        for i, (_, _, sport, _) in enumerate(self.venues):
            by_sport.setdefault(sport, []).append(i)
        self.by_sport = by_sport
        self.by_sport_cw = {s: list(itertools.accumulate(self.popularity[i] for i in ix))
                            for s, ix in by_sport.items()}
        self.non_swim = [i for i, v in enumerate(self.venues) if v[2] != SWIM_SPORT]
        self.unknown = _unknown_codes({v[0] for v in self.venues}, seed,
                                      max(5, min(50, venues // 10)))
        self.tastes = []
        for taste in SPORT_TASTE:
            offered = {s: w for s, w in taste.items() if s in by_sport}
            self.tastes.append((list(offered), list(itertools.accumulate(offered.values())))
                               if offered else (list(by_sport), None))

        # citizens: 11-digit mobile-like identifiers, unique by construction (the last eight
        # digits are a bijection of the index)
        crng = random.Random(f"jd_admin/benchmarks/citizens/{seed}")
        mult = crng.randrange(10_000_001, 99_999_999, 2)
        while mult % 5 == 0:
            mult += 2
        offset = crng.randrange(100_000_000)
        prefixes = [crng.choice(MOBILE_PREFIXES) for _ in range(64)]
        self.citizen_ids = [f"{prefixes[i % 64]}{(i * mult + offset) % 100_000_000:08d}"
                            for i in range(citizens)]
        senior, youth = GROUP_SHARES[1], GROUP_SHARES[1] + GROUP_SHARES[2]
        disabled = youth + GROUP_SHARES[3]
        self.groups = []
        activity = []
        for _ in range(citizens):
            x = crng.random()
            self.groups.append(GROUP_SENIOR if x < senior else GROUP_YOUTH if x < youth
                               else GROUP_DISABLED if x < disabled else GROUP_NONE)
            activity.append(min(12.0, max(0.1, crng.lognormvariate(0, 0.9))))
        self.citizen_cw = list(itertools.accumulate(activity))
        self.citizen_range = range(citizens)
        self.states: list[_Citizen | None] = [None] * citizens
        self.buf: list[int] = []
        self.buf_i = 0
        self.busy: set[int] = set()

        # bookkeeping
        self.n = 0
        self.out: tuple[str, ...] | None = None
        self.total = [0] * len(KINDS)
        self.injected = [0] * len(KINDS)
        self.incidental = [0] * len(KINDS)
        self.owed = [0] * len(KINDS)
        self.owed_total = 0
        self.inflight = [0] * len(KINDS)
        self.kind_cycle: list[int] = []
        self.kind_start = 0
        self.retry_at = [0] * len(KINDS)  # a scenario that could not start: not before this
        self.inject_at = 0  # no owed violation can be injected before this
        self.rows_flagged = 0
        self.rows_multi = 0
        self.redeemed = 0
        self.batches: dict[str, dict[int, int]] = {}
        self.last_use = -1
        self.active: list[list[Any]] = []  # [not_before, deadline, generator, citizen, kind]
        self.max_active = citizens // 10 if citizens >= 20 else 0

    # --- calendar helpers ----------------------------------------------------------------

    def week_of(self, t: int) -> int:
        return (t // DAY_S + self.wd0) // 7

    def week_start(self, week: int) -> int:
        return (week * 7 - self.wd0) * DAY_S

    # --- citizens ----------------------------------------------------------------------------

    def draw(self) -> int:
        if self.buf_i >= len(self.buf):
            self.buf = self.rng.choices(self.citizen_range, cum_weights=self.citizen_cw, k=4096)
            self.buf_i = 0
        c = self.buf[self.buf_i]
        self.buf_i += 1
        return c

    def state(self, c: int, t: int) -> _Citizen:
        st = self.states[c]
        if st is None:
            st = self.states[c] = _Citizen(c, self.groups[c])
            self.make_profile(st)
        week = (t // DAY_S + self.wd0) // 7
        if st.week != week:
            st.week = week
            st.wk_claims = 0
            st.wk_large = 0
        vs = st.vs
        if len(vs) > 6 and vs[0][0] < t - PRUNE_S:
            st.vs = [v for v in vs if v[0] >= t - PRUNE_S]
        return st

    def make_profile(self, st: _Citizen) -> None:
        rng = self.rng
        sports, cw = self.tastes[st.group]
        picked: list[str] = []
        for _ in range(1 if rng.random() < 0.55 else 2):
            s = rng.choices(sports, cum_weights=cw)[0] if cw else rng.choice(sports)
            if s not in picked:
                picked.append(s)
        favs: list[int] = []
        for s in picked:
            for _ in range(1 if rng.random() < 0.6 else 2):
                v = rng.choices(self.by_sport[s], cum_weights=self.by_sport_cw[s])[0]
                if v not in favs:
                    favs.append(v)
        if rng.random() < 0.15:  # now and then somewhere else
            v = rng.randrange(len(self.venues))
            if v not in favs:
                favs.append(v)
        st.favs = tuple(favs)
        st.swim = next((v for v in favs if self.venues[v][2] == SWIM_SPORT), -1)

    @staticmethod
    def held(st: _Citizen, t: int) -> int:
        """Vouchers claimed before ``t``, unused at ``t`` and unexpired (99: a tie at ``t``)."""
        n = 0
        for v in st.vs:
            end = v[0] + VALIDITY_S
            if end > t:
                if v[1] < 0 or v[1] > t:
                    n += 1
            elif end == t:
                return 99
        return n

    def pick(self, t: int, accept: Callable[[_Citizen], bool] | None = None) -> _Citizen:
        """A citizen (by activity) who may claim at ``t`` without breaking rule 3."""
        best: _Citizen | None = None
        for _ in range(60):
            c = self.draw()
            if c in self.busy:
                continue
            st = self.state(c, t)
            if st.last_t == t:
                continue
            if accept is not None and not accept(st):
                continue
            held = self.held(st, t)
            if held == 99:  # an earlier voucher expires at this very second: avoid the tie
                continue
            if best is None:
                best = st
            if st.wk_claims < WEEKLY_CLAIM_LIMIT and held < MAX_HELD:
                return st
        if best is not None:
            return best  # the pool is exhausted: the violations this causes are counted
        for c in itertools.chain(range(self.rng.randrange(len(self.states)), len(self.states)),
                                 range(len(self.states))):
            if c not in self.busy:
                st = self.state(c, t)
                if (st.last_t != t and self.held(st, t) != 99
                        and (accept is None or accept(st))):
                    return st
        raise RuntimeError("no citizen can claim a voucher (too few citizens)")

    def is_clean(self, st: _Citizen, t: int) -> bool:
        """Nothing claimed this week, nothing held, no use planned: a scenario's blank page."""
        return (st.idx not in self.busy and st.wk_claims == 0 and st.last_t != t
                and self.held(st, t) == 0 and all(v[1] < t for v in st.vs))

    def pick_clean(self, t: int) -> _Citizen | None:
        for _ in range(60):
            c = self.draw()
            if c in self.busy:
                continue
            st = self.state(c, t)
            if self.is_clean(st, t):
                return st
        return None

    # --- use times -----------------------------------------------------------------------

    def caps_ok(self, st: _Citizen, r: int, day_uses: int, week_lo: int, week_hi: int) -> bool:
        rday = r // DAY_S
        rweek = (rday + self.wd0) // 7
        du = wu = 0
        for v in st.vs:
            if v[2] == rday:
                du += 1
            if v[3] == rweek:
                wu += 1
        return du == day_uses and week_lo <= wu <= week_hi

    def use_at(self, day: int) -> int:
        """An odd second of ``day`` at an hour venues are busy (evenings; daytime at weekends)."""
        rnd = self.random
        weekend = (day + self.wd0) % 7 >= 5
        return day * DAY_S + USE_HOUR_LUT[weekend][int(rnd() * 1000)] * 3600 + 2 * int(rnd() * 1800) + 1

    def delay_time(self, t: int) -> int:
        """A use time after a claim at ``t``: mostly 1-3 days later, evenings and weekends."""
        rnd = self.random
        base = t // DAY_S
        limit = t + VALIDITY_S - 3600
        for _ in range(4):
            day = base + USE_DELAY_LUT[int(rnd() * 1000)]
            if (day + self.wd0) % 7 < 5 and rnd() < 0.3:  # second thoughts: rather at the weekend
                day = base + USE_DELAY_LUT[int(rnd() * 1000)]
            r = self.use_at(day)
            if t + 1800 <= r <= limit:
                return r
        return self.use_at(base + 1)  # 06:00-23:00 of the next day: always in range

    def window_time(self, lo: int, hi: int) -> int:
        """An odd-second use time in [lo, hi), at a plausible hour where possible."""
        rnd = self.random
        first, days = lo // DAY_S, (hi - 1) // DAY_S - lo // DAY_S + 1
        for _ in range(4):
            r = self.use_at(first + int(rnd() * days))
            if lo <= r < hi:
                return r
        r = (lo + int(rnd() * (hi - lo))) | 1
        return r - 2 if r >= hi else r

    # --- one voucher ---------------------------------------------------------------------

    def emit(self, st: _Citizen, t: int, kind: int = -1, *, face_mode: int = ANY_FACE,
             special: int = AUTO, rmode: int = R_NORMAL, window: tuple[int, int] = (0, 0),
             day_uses: int = 0, week_lo: int = 0, week_hi: int = WEEKLY_USE_CAP - 1,
             required: bool = False) -> bool:
        """Build the row of a voucher ``st`` claims at ``t`` into ``self.out``, count the
        rules it breaks, remember it. With ``required``, returns False (and changes nothing
        but the random state) when no use time satisfies the constraints."""
        rnd = self.random
        day = t // DAY_S
        month = self.day_month[day]

        # batch and face value
        if kind == SPECIAL_SPORT:
            special = SWIM
        elif kind == SPECIAL_GROUP:
            special = SENIOR
        elif kind == OUTSIDE_MONTH:
            special = MONTHLY
        if special == AUTO:
            special = MONTHLY
            if st.group == GROUP_SENIOR and rnd() < 0.3:
                special = SENIOR
            elif st.swim >= 0 and rnd() < (0.25 if 6 <= month <= 9 else 0.10):
                special = SWIM
        if special == SWIM:
            face = SWIM_FACE_LUT[int(rnd() * 1000)]
            batch = self.swim_batch
        elif special == SENIOR:
            face = SENIOR_FACE_LUT[int(rnd() * 1000)]
            batch = self.senior_batch
        else:
            if face_mode == LARGE_FACE_ONLY:
                face = LARGE_FACE_LUT[int(rnd() * 1000)]
            else:
                face = MONTH_FACE_LUT[int(rnd() * 1000)]
                if face >= LARGE_FACE and (face_mode == SMALL_FACE
                                           or st.wk_large >= WEEKLY_LARGE_LIMIT):
                    face = SMALL_FACE_LUT[int(rnd() * 1000)]
            bmonth = month
            if kind == OUTSIDE_MONTH:
                bmonth = month - 1 if month > 1 else 2
            batch = self.month_batch[bmonth]

        # use time
        r = -1
        if rmode == R_NORMAL:
            p = 0.68 if special != MONTHLY else 0.70 if face >= LARGE_FACE else 0.62
            if rnd() < p:
                for _ in range(3):
                    x = self.delay_time(t)
                    if self.caps_ok(st, x, 0, 0, WEEKLY_USE_CAP - 1):
                        r = x
                        break
        elif rmode != R_NONE:
            lo, hi = window
            for _ in range(16):
                x = self.delay_time(t) if rmode == R_DELAY else self.window_time(lo, hi)
                if self.caps_ok(st, x, day_uses, week_lo, week_hi):
                    r = x
                    break
            if r < 0 and required:
                return False

        # where, what, how much
        venue_code = sport = order_s = paid_s = used_s = ""
        order = paid = 0
        face_fen = face * 100
        designated = True
        if r >= 0:
            favs = st.favs
            if special == SWIM and kind != SPECIAL_SPORT:
                v = st.swim if st.swim >= 0 else self.rng.choice(self.by_sport[SWIM_SPORT])
            elif kind == SPECIAL_SPORT:
                dry = [f for f in favs if self.venues[f][2] != SWIM_SPORT]
                v = self.rng.choice(dry) if dry else self.rng.choice(self.non_swim)
            else:
                v = favs[0] if len(favs) == 1 or rnd() < 0.6 else favs[int(rnd() * len(favs))]
            code, _, sport, price = self.venues[v]
            if kind == UNDESIGNATED:
                code = self.unknown[int(rnd() * len(self.unknown))]
                low, high, _ = SPORTS[sport]
                price = (low + 5 * int(rnd() * ((high - low) // 5 + 1))) * 100
                designated = False
            venue_code = code
            minimum = MIN_ORDER_FEN[face]
            if kind == BELOW_MIN:
                # one cheap session: more than the face value, less than the minimum
                order = face_fen + 100 + 50 * int(rnd() * ((minimum - face_fen - 200) // 50 + 1))
            else:
                q = -(-minimum // price)
                if rnd() < 0.22:
                    q += 1
                order = q * price
                if rnd() < 0.12:  # equipment hire, a drink
                    order += (5, 10, 15, 20, 30)[int(rnd() * 5)] * 100
            paid = order - face_fen
            if kind == PAID:
                if rnd() < 0.4:
                    paid = order  # the voucher was not deducted
                else:
                    delta = 1 + int(rnd() * 2000)
                    paid += delta if rnd() < 0.5 or paid - delta < 0 else -delta
            used_s = self.day_str[r // DAY_S] + _TOD[r % DAY_S]
            order_s = _yuan(order)
            paid_s = _yuan(paid)

        # the rules this voucher breaks (before remembering it)
        flags: list[int] = []
        if st.wk_claims >= WEEKLY_CLAIM_LIMIT:
            flags.append(WEEKLY_CLAIM)
        if face >= LARGE_FACE and st.wk_large >= WEEKLY_LARGE_LIMIT:
            flags.append(WEEKLY_LARGE)
        if self.held(st, t) >= MAX_HELD:
            flags.append(MAX_HELD_K)
        rday = rweek = -1
        if r >= 0:
            rday = r // DAY_S
            rweek = (rday + self.wd0) // 7
            if r - t > VALIDITY_S:
                flags.append(EXPIRED)
            du = wu = 0
            for v_ in st.vs:
                if v_[2] == rday:
                    du += 1
                if v_[3] == rweek:
                    wu += 1
            if du >= DAILY_USE_CAP:
                flags.append(DAILY_USE)
            if wu >= WEEKLY_USE_CAP:
                flags.append(WEEKLY_USE)
            if order < MIN_ORDER_FEN[face]:
                flags.append(BELOW_MIN)
            if paid != order - face_fen:
                flags.append(PAID)
            if not designated:
                flags.append(UNDESIGNATED)
            if special == SWIM and sport != SWIM_SPORT:
                flags.append(SPECIAL_SPORT)
            if special == SENIOR and st.group != GROUP_SENIOR:
                flags.append(SPECIAL_GROUP)
            self.redeemed += 1
            if r > self.last_use:
                self.last_use = r
        if special == MONTHLY and batch != self.month_batch[month]:
            flags.append(OUTSIDE_MONTH)
        if flags:
            self.rows_flagged += 1
            if len(flags) > 1:
                self.rows_multi += 1
            for f in flags:
                self.total[f] += 1
                if f == kind:
                    self.injected[f] += 1
                    self.owed[f] -= 1
                    self.owed_total -= 1
                else:
                    self.incidental[f] += 1

        # remember
        st.vs.append([t, r, rday, rweek])
        st.wk_claims += 1
        if face >= LARGE_FACE:
            st.wk_large += 1
        st.last_t = t
        per_batch = self.batches.get(batch)
        if per_batch is None:
            per_batch = self.batches[batch] = {}
        per_batch[face] = per_batch.get(face, 0) + 1
        self.n += 1
        self.out = (self.code_prefix + str(self.n).zfill(self.code_width), batch, str(face),
                    self.citizen_ids[st.idx], GROUP_LABELS[st.group],
                    self.day_str[day] + _TOD[t % DAY_S], used_s, venue_code, sport,
                    order_s, paid_s)
        return True

    # --- deliberate violations -----------------------------------------------------------

    def owe(self) -> None:
        """One more violation to inject, the kinds taken in turn (shuffled per round)."""
        if not self.kind_cycle:
            self.kind_cycle = list(range(len(KINDS)))
            self.rng.shuffle(self.kind_cycle)
        kind = self.kind_cycle.pop()
        self.owed[kind] += 1
        self.owed_total += 1
        self.inject_at = 0

    def try_inject(self, t: int) -> tuple[str, ...] | None:
        """Inject one owed violation at the claim slot ``t`` if one can start now."""
        count = len(KINDS)
        self.kind_start = (self.kind_start + 1) % count
        wait = 1 << 62
        for j in range(count):
            kind = (self.kind_start + j) % count
            if self.owed[kind] - self.inflight[kind] <= 0:
                continue
            starter = SCENARIOS.get(kind)
            if starter is None:
                return self.inject_local(kind, t)
            if len(self.active) >= self.max_active:
                continue
            if t < self.retry_at[kind]:
                wait = min(wait, self.retry_at[kind])
                continue
            row = self.start_scenario(kind, starter, t)
            if row is not None:
                return row
            wait = min(wait, self.retry_at[kind])
        self.inject_at = wait
        return None

    def inject_local(self, kind: int, t: int) -> tuple[str, ...]:
        """Violations of one row: the citizen is an ordinary one."""
        accept = (lambda s: s.group != GROUP_SENIOR) if kind == SPECIAL_GROUP else None
        st = self.pick(t, accept)
        if kind == OUTSIDE_MONTH:
            ok = self.emit(st, t, kind)
        elif kind == EXPIRED:
            lo = t + VALIDITY_S + 3600
            ok = self.emit(st, t, kind, rmode=R_WINDOW, window=(lo, lo + 3 * DAY_S), required=True)
        else:
            if kind == SPECIAL_SPORT and not self.non_swim:
                ok = False
            else:
                ok = self.emit(st, t, kind, rmode=R_DELAY, required=True)
        if not ok:
            self.emit(st, t)
        assert self.out is not None
        return self.out

    def start_scenario(self, kind: int, starter: Callable[[_Simulation, _Citizen, int], Scenario],
                       t: int) -> tuple[str, ...] | None:
        if not SCENARIO_WHEN[kind](self, t):
            self.retry_at[kind] = t + 1800
            return None
        st = self.pick_clean(t)
        if st is None:
            self.retry_at[kind] = t + 300
            return None
        gen = starter(self, st, t)
        self.out = None
        try:
            not_before, deadline = next(gen)
        except StopIteration:
            return self.out
        self.active.append([not_before, deadline, gen, st.idx, kind])
        self.busy.add(st.idx)
        self.inflight[kind] += 1
        return self.out

    def run_scenarios(self, t: int) -> tuple[str, ...] | None:
        for entry in list(self.active):
            not_before, deadline, gen, c, _ = entry
            if t > deadline:  # too late for the next step: give up (the kind stays owed)
                gen.close()
                self.end_scenario(entry)
                continue
            if t < not_before:
                continue
            self.state(c, t)  # a new week resets the weekly counters
            self.out = None
            try:
                entry[0], entry[1] = gen.send(t)
            except StopIteration:
                self.end_scenario(entry)
            if self.out is not None:
                return self.out
        return None

    def end_scenario(self, entry: list[Any]) -> None:
        self.active.remove(entry)
        self.busy.discard(entry[3])
        self.inflight[entry[4]] -= 1
        self.inject_at = 0

    def gap(self, prev: int, deadline: int, steps_left: int) -> int:
        """When the next step of a scenario may come: spread over the time left."""
        span = max(0, deadline - prev)
        return prev + max(600, int(self.random() * span / (steps_left + 1)))

    # --- the rows --------------------------------------------------------------------------

    def rows(self) -> Iterator[tuple[str, ...]]:
        rnd = self.random
        rate = self.rate
        for d in range(self.ndays):
            n = self.per_day[d]
            if not n:
                continue
            base = d * DAY_S
            tods = sorted(CLAIM_HOUR_LUT[int(rnd() * 1000)] * 3600 + 2 * int(rnd() * 1800)
                          for _ in range(n))
            for tod in tods:
                t = base + tod
                if rate and rnd() < rate:
                    self.owe()
                row = None
                if self.active:
                    row = self.run_scenarios(t)
                if row is None and self.owed_total > 0 and t >= self.inject_at:
                    row = self.try_inject(t)
                if row is None:
                    self.emit(self.pick(t), t)
                    row = self.out
                assert row is not None
                yield row
        for entry in list(self.active):
            entry[2].close()
            self.end_scenario(entry)

    def stats(self) -> dict[str, Any]:
        return {
            "rows": self.n,
            "redeemed": self.redeemed,
            "redeemed_share": round(self.redeemed / self.n, 4) if self.n else 0,
            "citizens_seen": sum(1 for s in self.states if s is not None),
            "last_redeemed_at": (self.day_str[self.last_use // DAY_S] + _TOD[self.last_use % DAY_S]
                                 if self.last_use >= 0 else None),
            "violations": dict(zip(KINDS, self.total, strict=True)),
            "injected": dict(zip(KINDS, self.injected, strict=True)),
            "incidental": dict(zip(KINDS, self.incidental, strict=True)),
            "not_injected": dict(zip(KINDS, (max(0, o) for o in self.owed), strict=True)),
            "rows_with_violation": self.rows_flagged,
            "rows_with_several_violations": self.rows_multi,
            "batches": {b: {str(f): n for f, n in sorted(faces.items())}
                        for b, faces in sorted(self.batches.items())},
        }


# --- scenarios: violations that need a citizen's history ------------------------------------
# Each is a generator: it emits one voucher per step at the claim slot it is sent, and yields
# (not before, deadline) for its next step. Its citizen is "busy": no ordinary claim touches
# them meanwhile, so the setup vouchers are clean and only the last step breaks a rule.


def _sc_weekly_claim(sim: _Simulation, st: _Citizen, t: int) -> Scenario:
    """Three ordinary claims in a week (the first used soon, so not 3 held), then a 4th."""
    week = sim.week_of(t)
    end = sim.week_start(week + 1) - 1
    hi = min(t + 30 * 3600, end - 6 * 3600)
    if hi - t < 4 * 3600 or not sim.emit(st, t, face_mode=SMALL_FACE, special=MONTHLY,
                                         rmode=R_WINDOW, window=(t + 1800, hi), required=True):
        return
    first_use = st.vs[-1][1]
    prev = t
    for steps_left in (3, 2):
        t = yield sim.gap(prev, end, steps_left), end
        if st.wk_claims >= WEEKLY_CLAIM_LIMIT or sim.held(st, t) >= MAX_HELD:
            return
        sim.emit(st, t, face_mode=SMALL_FACE, special=MONTHLY)
        prev = t
    t = yield max(sim.gap(prev, end, 1), first_use + 60), end
    if st.wk_claims != WEEKLY_CLAIM_LIMIT or sim.held(st, t) >= MAX_HELD:
        return
    sim.emit(st, t, WEEKLY_CLAIM, face_mode=SMALL_FACE, special=MONTHLY)


def _sc_max_held(sim: _Simulation, st: _Citizen, t: int) -> Scenario:
    """A claim at the weekend and two early next week, none used yet, then a 4th claim."""
    t_first = t
    monday = sim.week_start(sim.week_of(t) + 1)
    deadline = min(monday + 2 * DAY_S, t_first + VALIDITY_S - 3600)

    def hoard(t: int) -> None:  # used later (after the 4th claim) or never
        if sim.random() < 0.5:
            window = (t + 4 * DAY_S, t + VALIDITY_S - 3600)
            sim.emit(st, t, face_mode=SMALL_FACE, special=MONTHLY, rmode=R_WINDOW, window=window)
        else:
            sim.emit(st, t, face_mode=SMALL_FACE, special=MONTHLY, rmode=R_NONE)

    hoard(t)
    t = yield monday + int(sim.random() * 12 * 3600), deadline
    if sim.held(st, t) != 1:
        return
    hoard(t)
    t = yield sim.gap(t, deadline, 2), deadline
    if sim.held(st, t) != 2:
        return
    hoard(t)
    t = yield sim.gap(t, deadline, 1), deadline
    if sim.held(st, t) != MAX_HELD or st.wk_claims >= WEEKLY_CLAIM_LIMIT:
        return
    sim.emit(st, t, MAX_HELD_K, face_mode=SMALL_FACE, special=MONTHLY)


def _sc_weekly_use(sim: _Simulation, st: _Citizen, t: int) -> Scenario:
    """Claim at the weekend, used on Monday; three claims next week, each used on another day;
    the last is the 4th use of that week."""
    monday = sim.week_start(sim.week_of(t) + 1)
    week_end = monday + 7 * DAY_S - 600
    if not sim.emit(st, t, face_mode=SMALL_FACE, special=MONTHLY, rmode=R_WINDOW,
                    window=(monday + 8 * 3600, monday + 21 * 3600), required=True):
        return
    prev = st.vs[-1][1]  # Monday's use
    deadline = monday + 2 * DAY_S
    for _ in range(2):
        t = yield prev + 600 + int(sim.random() * 6 * 3600), deadline
        if sim.held(st, t) >= MAX_HELD:
            return
        if not sim.emit(st, t, face_mode=SMALL_FACE, special=MONTHLY, rmode=R_WINDOW,
                        window=(t + 1800, min(t + 2 * DAY_S, week_end)), required=True):
            return
        prev = t
        deadline = monday + 4 * DAY_S
    t = yield prev + 600 + int(sim.random() * 6 * 3600), deadline
    rweek = sim.week_of(monday)
    uses = [v[1] for v in st.vs if v[3] == rweek]
    if (len(uses) != WEEKLY_USE_CAP or st.wk_claims >= WEEKLY_CLAIM_LIMIT
            or sim.held(st, t) >= MAX_HELD):
        return
    lo = max(t + 1800, max(uses) + 3600)
    hi = min(t + VALIDITY_S - 3600, week_end)
    if hi - lo < 3600:
        return
    sim.emit(st, t, WEEKLY_USE, face_mode=SMALL_FACE, special=MONTHLY, rmode=R_WINDOW,
             window=(lo, hi), day_uses=0, week_lo=WEEKLY_USE_CAP, week_hi=WEEKLY_USE_CAP,
             required=True)


def _sc_daily_use(sim: _Simulation, st: _Citizen, t: int) -> Scenario:
    """A voucher used on day D, then another claimed and used later the same day D."""
    if not sim.emit(st, t, special=MONTHLY, rmode=R_WINDOW, window=(t + 3 * 3600, t + 50 * 3600),
                    required=True):
        return
    first_use = st.vs[-1][1]
    use_day = first_use // DAY_S
    day_end = (use_day + 1) * DAY_S - 600
    deadline = day_end - 2 * 3600
    t = yield sim.gap(t, min(first_use, deadline), 1), deadline
    if st.wk_claims >= WEEKLY_CLAIM_LIMIT or sim.held(st, t) >= MAX_HELD:
        return
    lo = max(t + 1800, first_use + 1800)
    if day_end - lo < 1200:
        return
    sim.emit(st, t, DAILY_USE, special=MONTHLY, rmode=R_WINDOW, window=(lo, day_end),
             day_uses=DAILY_USE_CAP, week_lo=0, week_hi=WEEKLY_USE_CAP - 1, required=True)


def _sc_weekly_large(sim: _Simulation, st: _Citizen, t: int) -> Scenario:
    """A large voucher, then another large one the same week."""
    end = sim.week_start(sim.week_of(t) + 1) - 1
    sim.emit(st, t, face_mode=LARGE_FACE_ONLY, special=MONTHLY)
    t = yield sim.gap(t, end, 1), end
    if (st.wk_large != WEEKLY_LARGE_LIMIT or st.wk_claims >= WEEKLY_CLAIM_LIMIT
            or sim.held(st, t) >= MAX_HELD):
        return
    sim.emit(st, t, WEEKLY_LARGE, face_mode=LARGE_FACE_ONLY, special=MONTHLY)


def _weekday(sim: _Simulation, t: int) -> int:
    return (t // DAY_S + sim.wd0) % 7


def _left_in_week(sim: _Simulation, t: int) -> int:
    return sim.week_start(sim.week_of(t) + 1) - t


SCENARIOS: dict[int, Callable[[_Simulation, _Citizen, int], Scenario]] = {
    WEEKLY_CLAIM: _sc_weekly_claim,
    MAX_HELD_K: _sc_max_held,
    WEEKLY_USE: _sc_weekly_use,
    DAILY_USE: _sc_daily_use,
    WEEKLY_LARGE: _sc_weekly_large,
}
SCENARIO_WHEN: dict[int, Callable[[_Simulation, int], bool]] = {
    WEEKLY_CLAIM: lambda sim, t: _left_in_week(sim, t) >= 2 * DAY_S,
    MAX_HELD_K: lambda sim, t: _weekday(sim, t) >= 5,
    WEEKLY_USE: lambda sim, t: _weekday(sim, t) >= 4,
    DAILY_USE: lambda sim, t: True,
    WEEKLY_LARGE: lambda sim, t: _left_in_week(sim, t) >= DAY_S,
}


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------

def generate(rows: int, venues: int, citizens: int, year: int, seed: int,
             violation_rate: float = 0.03, *, stats: dict[str, Any] | None = None
             ) -> Iterator[tuple[str, ...]]:
    """The data rows (strings, in :data:`HEADER` order; no header row), in claim order.

    Deterministic for the arguments. If ``stats`` is given, it is filled with the counters
    (see ``stats.json``) once the iterator is exhausted."""
    sim = _Simulation(rows, venues, citizens, year, seed, violation_rate)
    yield from sim.rows()
    if stats is not None:
        stats.update(sim.stats())


def _xlsx_row(row: tuple[str, ...]) -> list[object]:
    """Codes, the citizen id and times as text; face value and amounts as numbers."""
    values: list[object] = list(row)
    values[2] = int(row[2])
    values[9] = float(row[9]) if row[9] else None
    values[10] = float(row[10]) if row[10] else None
    for i in (4, 6, 7, 8):
        if not row[i]:
            values[i] = None
    return values


def _write_venues(path: Path, venues: int, seed: int, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("统一社会信用代码", "场馆名称", "主要运动项目", "挂牌价"))
        for code, name, sport, price in venue_profiles(venues, seed):
            writer.writerow((code, name, sport, _yuan(price)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a realistic operator voucher file (CSV and/or xlsx) for benchmarks.")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--venues", type=int, default=500)
    parser.add_argument("--citizens", type=int, default=200_000)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--csv", type=Path, help="write the rows to this CSV file")
    parser.add_argument("--xlsx", type=Path, help="write the rows to this xlsx file")
    parser.add_argument("--venues-out", type=Path, help="write the designated venues to this CSV")
    parser.add_argument("--encoding", choices=("utf-8-sig", "gb18030"), default="utf-8-sig",
                        help="encoding of the CSV files (default utf-8-sig)")
    parser.add_argument("--violation-rate", type=float, default=0.03,
                        help="share of rows with a deliberate violation (default 0.03)")
    args = parser.parse_args(argv)
    if args.csv is None and args.xlsx is None and args.venues_out is None:
        parser.error("nothing to write: give --csv, --xlsx and/or --venues-out")
    if args.rows < 0 or args.venues < 1 or args.citizens < 1:
        parser.error("--rows must be >= 0, --venues and --citizens >= 1")
    if not 2000 <= args.year <= 2099:
        parser.error("--year must be between 2000 and 2099")
    if not 0 <= args.violation_rate <= 1:
        parser.error("--violation-rate must be between 0 and 1")

    started = time.perf_counter()
    if args.venues_out is not None:
        _write_venues(args.venues_out, args.venues, args.seed, args.encoding)
    if args.csv is None and args.xlsx is None:
        return 0

    stats: dict[str, Any] = {}
    rows = generate(args.rows, args.venues, args.citizens, args.year, args.seed,
                    args.violation_rate, stats=stats)
    csv_file = wb = None
    try:
        writers: list[Callable[[tuple[str, ...]], object]] = []
        if args.csv is not None:
            csv_file = args.csv.open("w", encoding=args.encoding, newline="")
            csv_writer = csv.writer(csv_file)
            csv_writer.writerow(HEADER)
            writers.append(csv_writer.writerow)
        if args.xlsx is not None:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("消费券")
            ws.append(list(HEADER))
            writers.append(lambda row: ws.append(_xlsx_row(row)))
        if len(writers) == 1:
            write = writers[0]
            for row in rows:
                write(row)
        else:
            for row in rows:
                for write in writers:
                    write(row)
        if wb is not None:
            wb.save(args.xlsx)
    finally:
        if csv_file is not None:
            csv_file.close()
    elapsed = time.perf_counter() - started

    outputs = [p for p in (args.csv, args.xlsx) if p is not None]
    stats = {
        "generator": "benchmarks/generate_vouchers.py",
        "params": {"rows": args.rows, "venues": args.venues, "citizens": args.citizens,
                   "year": args.year, "seed": args.seed, "violation_rate": args.violation_rate,
                   "encoding": args.encoding},
        "seconds": round(elapsed, 2),
        "files": {p.name: p.stat().st_size for p in outputs},
        **stats,
        "definitions": DEFINITIONS,
        "rules": {"validity_hours": VALIDITY_S // 3600, "weekly_claim_limit": WEEKLY_CLAIM_LIMIT,
                  "max_held": MAX_HELD, "daily_use_cap": DAILY_USE_CAP,
                  "weekly_use_cap": WEEKLY_USE_CAP, "weekly_large_claim_limit": WEEKLY_LARGE_LIMIT,
                  "large_face_value": LARGE_FACE,
                  "face_table": {str(f): {"subsidy": s, "concession": c, "min_order": m}
                                 for f, (s, c, m) in FACE_TABLE.items()}},
    }
    for path in outputs:
        Path(f"{path}.stats.json").write_text(
            json.dumps(stats, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    sizes = ", ".join(f"{p} {p.stat().st_size / 1e6:.1f} MB" for p in outputs)
    print(f"{stats['rows']:,} rows in {elapsed:.1f} s ({sizes}); "
          f"redeemed {stats['redeemed_share']:.1%}", file=sys.stderr)
    width = max(len(k) for k in KINDS)
    print(f"{'violation':<{width}}  {'total':>8} {'injected':>8} {'incident.':>9} {'not inj.':>8}",
          file=sys.stderr)
    for k in KINDS:
        print(f"{k:<{width}}  {stats['violations'][k]:>8} {stats['injected'][k]:>8} "
              f"{stats['incidental'][k]:>9} {stats['not_injected'][k]:>8}", file=sys.stderr)
    print(f"rows with a violation: {stats['rows_with_violation']} "
          f"({stats['rows_with_several_violations']} with several)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
