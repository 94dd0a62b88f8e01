"""The simulation that produces the rows one at a time, checking every rule as it goes."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator
from typing import Any

from jd_admin.services.demo.voucher_sim.scenarios import (
    SCENARIO_WHEN,
    SCENARIOS,
)
from jd_admin.services.demo.voucher_sim.tables import (
    _TOD,
    ANY_FACE,
    AUTO,
    BELOW_MIN,
    CLAIM_HOUR_LUT,
    DAILY_USE,
    DAILY_USE_CAP,
    DAY_S,
    EXPIRED,
    GROUP_DISABLED,
    GROUP_LABELS,
    GROUP_NONE,
    GROUP_SENIOR,
    GROUP_SHARES,
    GROUP_YOUTH,
    KINDS,
    LARGE_FACE,
    LARGE_FACE_LUT,
    LARGE_FACE_ONLY,
    MAX_HELD,
    MAX_HELD_K,
    MIN_ORDER_FEN,
    MOBILE_PREFIXES,
    MONTH_FACE_LUT,
    MONTH_FACTOR,
    MONTHLY,
    OUTSIDE_MONTH,
    PAID,
    PRUNE_S,
    R_DELAY,
    R_NONE,
    R_NORMAL,
    R_WINDOW,
    SENIOR,
    SENIOR_BATCH,
    SENIOR_FACE_LUT,
    SMALL_FACE,
    SMALL_FACE_LUT,
    SPECIAL_GROUP,
    SPECIAL_SPORT,
    SPORT_TASTE,
    SPORTS,
    SWIM,
    SWIM_BATCH,
    SWIM_FACE_LUT,
    SWIM_SPORT,
    UNDESIGNATED,
    USE_DELAY_LUT,
    USE_HOUR_LUT,
    VALIDITY_S,
    WEEKEND_FACTOR,
    WEEKLY_CLAIM,
    WEEKLY_CLAIM_LIMIT,
    WEEKLY_LARGE,
    WEEKLY_LARGE_LIMIT,
    WEEKLY_USE,
    WEEKLY_USE_CAP,
    Scenario,
    _yuan,
)
from jd_admin.services.demo.voucher_sim.venues import (
    _unknown_codes,
    venue_profiles,
)


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





class _Simulation:
    def __init__(self, rows: int, venues: int, citizens: int, year: int, seed: int,
                 violation_rate: float,
                 venue_list: list[tuple[str, str, str, int]] | None = None) -> None:
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
        self.venues = venue_list if venue_list is not None else venue_profiles(venues, seed)
        venues = len(self.venues)
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
        hour: int = USE_HOUR_LUT[weekend][int(rnd() * 1000)]
        return day * DAY_S + hour * 3600 + 2 * int(rnd() * 1800) + 1

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


def generate(rows: int, venues: int, citizens: int, year: int, seed: int,
             violation_rate: float = 0.03, *, stats: dict[str, Any] | None = None,
             venue_list: list[tuple[str, str, str, int]] | None = None,
             ) -> Iterator[tuple[str, ...]]:
    """The data rows (strings, in :data:`HEADER` order; no header row), in claim order.

    ``venue_list`` replaces the synthetic venues (``venues`` is then ignored): (credit code,
    name, main sport, list price in fen), e.g. the demo district's designated venues.

    Deterministic for the arguments. If ``stats`` is given, it is filled with the counters
    (see ``stats.json``) once the iterator is exhausted."""
    sim = _Simulation(rows, venues, citizens, year, seed, violation_rate, venue_list)
    yield from sim.rows()
    if stats is not None:
        stats.update(sim.stats())
