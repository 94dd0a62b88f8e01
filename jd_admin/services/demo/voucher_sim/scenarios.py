"""Violations that need a citizen's history, as generators the simulation drives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jd_admin.services.demo.voucher_sim.tables import (
    DAILY_USE,
    DAILY_USE_CAP,
    DAY_S,
    LARGE_FACE_ONLY,
    MAX_HELD,
    MAX_HELD_K,
    MONTHLY,
    R_NONE,
    R_WINDOW,
    SMALL_FACE,
    VALIDITY_S,
    WEEKLY_CLAIM,
    WEEKLY_CLAIM_LIMIT,
    WEEKLY_LARGE,
    WEEKLY_LARGE_LIMIT,
    WEEKLY_USE,
    WEEKLY_USE_CAP,
    Scenario,
)

if TYPE_CHECKING:
    from jd_admin.services.demo.voucher_sim.simulation import _Citizen, _Simulation

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
