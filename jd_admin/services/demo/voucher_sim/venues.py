"""Synthetic venues: valid credit codes (GB 32100), names, main sports and list prices."""

from __future__ import annotations

import random

from jd_admin.services.demo.voucher_sim.tables import (
    BRANDS,
    SPORTS,
    TOWNS,
    VENUE_SUFFIX,
    _lut,
)
from jd_admin.services.identifiers import (
    CREDIT_CODE_CHARSET,
    credit_code_check_char,
    organization_code_check_char,
)


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
