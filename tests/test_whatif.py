"""What-if (issue 13, item 4): with no parameter changed the scenario reproduces what the
settlements of the period pay, exactly, on both databases (a settled month, a draft, a month not
generated, flags open and cleared, a carried-over voucher); each changed parameter moves the
figures as computed by hand; nothing in the database changes; the pure rule ranks."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from test_settlement import NOV, OCT, SEPT, TODAY, build, people, settle_september
from voucher_support import GOOD_VENUE, KEY, SH, row, write_csv

from jd_admin import cli
from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.domain.vouchers import Flag
from jd_admin.domain.whatif import Claimed, Limits, exhaust, ranks, rule_flags
from jd_admin.models import Base, Settlement, SettlementLine, UsageRule
from jd_admin.services import settlement
from jd_admin.services.statistics.whatif import Figures, Scenario, simulate
from jd_admin.services.vouchers import importer

D = Decimal
AUT = "2026-AUT"


def build_whatif(test_db, tmp_path: Path, *, verify_october: bool = False) -> dict[str, object]:
    """test_settlement's ledger, with the daily use cap at 2 and one citizen using three
    vouchers on 13 October (E1 50, E2 50, E3 20 claimed 09:00/09:05/09:10, used 15/16/17h):
    E3 is flagged DAILY_USE. September settled (S2's MIN_ORDER cleared: carried into October),
    October generated as a draft (or verified), November not generated (N1)."""
    build(test_db, tmp_path)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(UsageRule).values(daily_use_cap=2))
    rows = [row(f"E{n}", "13955550000", f"2026-10-13 09:{5 * (n - 1):02d}:00",
                f"2026-10-13 {14 + n}:00:00", face=face, batch=AUT, venue=GOOD_VENUE,
                order=order)
            for n, face, order in ((1, "50", "150"), (2, "50", "150"), (3, "20", "60"))]
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "e.csv", rows),
                                 key=KEY)
    p = people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s, s.begin():
        settlement.generate(s, p["staff1"], OCT, today=TODAY)
    if verify_october:
        with test_db.admin_db.session() as s, s.begin():
            settlement.verify(s, p["staff1"], settlement.find(s, p["staff1"], OCT).id)
    return p


def run(test_db, actor, scenario: Scenario, since=OCT, until=dt.date(2026, 10, 31)):
    with test_db.admin_db.session() as s, s.begin():
        return simulate(s, actor, since, until, scenario)


def lines_of(test_db, *months: dt.date) -> tuple[int, Decimal, Decimal, Decimal]:
    """(vouchers, face, subsidy, orders) of the months' regular settlement lines."""
    line = SettlementLine
    with test_db.admin_db.session() as s:
        n, face, subsidy, orders = s.execute(
            select(func.sum(line.voucher_count), func.sum(line.face_total),
                   func.sum(line.subsidy), func.sum(line.order_total))
            .join(Settlement, Settlement.id == line.settlement_id)
            .where(Settlement.month.in_(months), line.kind == "regular")).one()
    return int(n), face, subsidy, orders


def figures(f: Figures) -> tuple[int, Decimal, Decimal, Decimal]:
    return f.vouchers, f.face, f.subsidy, f.orders


def checksum(test_db) -> str:
    """Every row of every table, hashed (the ids' order)."""
    digest = hashlib.sha256()
    with test_db.admin_db.session() as s:
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest.update(f"{table.name}:{len(rows)}:{rows!r}".encode())
    return digest.hexdigest()


@pytest.mark.parametrize("verify_october", [False, True])
def test_unchanged_parameters_reproduce_the_settlements_exactly(test_db, tmp_path,
                                                                verify_october) -> None:
    p = build_whatif(test_db, tmp_path, verify_october=verify_october)
    boss = p["boss"]
    sept_oct = run(test_db, boss, Scenario(), since=SEPT)
    # September: S1; October: O1-O9, E1, E2 and S2 carried over (E3, X1-X3 left out)
    assert figures(sept_oct.baseline) == lines_of(test_db, SEPT, OCT)
    assert figures(sept_oct.baseline) == (13, D(435), D(283), D(1250))
    assert sept_oct.simulated == sept_oct.baseline
    assert sept_oct.baseline.citizens == 12  # E1 and E2 are one citizen's
    assert sept_oct.baseline.leverage_subsidy == (D(1250) / D(283)).quantize(D("0.01"))
    assert sept_oct.baseline.leverage_face == D("2.87")
    assert (sept_oct.claims, sept_oct.redemptions) == (19, 17)
    assert sept_oct.newly_flagged == {} and sept_oct.unflagged == 0
    assert sept_oct.unsettled == (() if verify_october else (OCT,))
    # the same limits as in force, named: still the same figures
    same = run(test_db, boss, Scenario(daily_use_cap=2, min_order={D(10): D(20)}), since=SEPT)
    assert same.simulated == same.baseline == sept_oct.baseline
    # November, never generated: what a settlement generated now would pay — N1, and S2
    # while October's draft has not taken it (a draft marks nothing)
    nov = run(test_db, boss, Scenario(), since=NOV, until=dt.date(2026, 11, 30))
    assert figures(nov.baseline) == figures(nov.simulated) == (
        (1, D(20), D(15), D(60)) if verify_october else (2, D(30), D(23), D(75)))
    three = run(test_db, boss, Scenario(), since=SEPT, until=dt.date(2026, 11, 30))
    assert figures(three.baseline) == figures(three.simulated) == (14, D(455), D(298), D(1310))
    assert nov.unsettled == (NOV,)


def test_each_changed_parameter_moves_the_figures_as_computed_by_hand(test_db, tmp_path) -> None:
    p = build_whatif(test_db, tmp_path)
    boss = p["boss"]
    base = run(test_db, boss, Scenario()).baseline
    assert figures(base) == (12, D(415), D(268), D(1190))

    def delta(scenario: Scenario) -> tuple[object, ...]:
        result = run(test_db, boss, scenario)
        assert result.baseline == base
        s = result.simulated
        return (s.vouchers - base.vouchers, s.face - base.face, s.subsidy - base.subsidy,
                s.orders - base.orders)

    # looser: E3's third use of the day is paid; X2 (order 15) passes a 15 yuan threshold
    assert delta(Scenario(daily_use_cap=3)) == (1, D(20), D(15), D(60))
    assert delta(Scenario(min_order={D(10): D(15)})) == (1, D(10), D(8), D(15))
    # stricter: E2 is the second use of the day / the second large claim of the week / claimed
    # while holding E1; O2 (order 20) misses a 25 yuan threshold
    assert delta(Scenario(daily_use_cap=1)) == (-1, D(-50), D(-30), D(-150))
    assert delta(Scenario(weekly_use_cap=1)) == (-1, D(-50), D(-30), D(-150))
    assert delta(Scenario(weekly_large_claim_limit=1)) == (-1, D(-50), D(-30), D(-150))
    assert delta(Scenario(weekly_claim_limit=1)) == (-1, D(-50), D(-30), D(-150))
    assert delta(Scenario(max_held=1)) == (-1, D(-50), D(-30), D(-150))
    assert delta(Scenario(min_order={D(10): D(25)})) == (-1, D(-10), D(-8), D(-20))
    # both: E3 is allowed its use but held two vouchers at its claim — still not paid
    both = run(test_db, boss, Scenario(daily_use_cap=3, max_held=2))
    assert both.simulated == base and both.unflagged == 0
    flagged = run(test_db, boss, Scenario(daily_use_cap=1))
    assert flagged.newly_flagged == {Flag.DAILY_USE.value: 1}
    # the split: October's two paid 20 yuan vouchers (O3, O8) at 10 yuan subsidy
    assert delta(Scenario(subsidy={D(20): D(10)})) == (0, D(0), D(-10), D(0))
    # budgets: 2026-AUT paid 15 in September; 15 + 27 left for October in payment order
    # (S2 8, O8 15, O1 4 — then O6's 20 is not covered on 5 October)
    budget = run(test_db, boss, Scenario(budgets={AUT: D(42)}))
    exhausted = budget.exhaustion[AUT]
    assert (exhausted.day, exhausted.unpaid, exhausted.unpaid_subsidy) == (
        dt.date(2026, 10, 5), 8, D(191))
    assert budget.simulated.subsidy == base.subsidy - D(191)
    small = run(test_db, boss, Scenario(budgets={"2026-10S": D(40)}))
    assert small.exhaustion["2026-10S"].day == dt.date(2026, 10, 9)
    assert small.simulated.subsidy == base.subsidy - D(50)
    assert run(test_db, boss, Scenario(budgets={AUT: D(100000)})).simulated == base


def test_nothing_in_the_database_changes_and_who_may_run_it(test_db, tmp_path) -> None:
    p = build_whatif(test_db, tmp_path)
    before = checksum(test_db)
    for actor in ("boss", "staff1", "admin1"):
        run(test_db, p[actor], Scenario(daily_use_cap=1, max_held=1, min_order={D(10): D(25)},
                                        subsidy={D(50): D(10)}, budgets={AUT: D(50)}),
            since=SEPT, until=dt.date(2026, 11, 30))
    assert checksum(test_db) == before
    for actor in ("oper", "insp", "nxc"):
        with pytest.raises(PermissionDenied):
            run(test_db, p[actor], Scenario())
    with pytest.raises(InvalidInput, match="每日使用上限"):
        run(test_db, p["boss"], Scenario(daily_use_cap=0))
    with pytest.raises(InvalidInput, match="使用门槛"):
        run(test_db, p["boss"], Scenario(min_order={D(20): D(10)}))
    with pytest.raises(InvalidInput, match="NOPE"):
        run(test_db, p["boss"], Scenario(budgets={"NOPE": D(1)}))


def test_the_cli_prints_the_side_by_side_table(test_db, tmp_path, capsys) -> None:
    build_whatif(test_db, tmp_path)
    code = cli.main(["--database-url", test_db.url, "statistics", "whatif", "--from",
                     "2026-10-01", "--to", "2026-10-31", "--daily-use-cap", "1",
                     "--subsidy", "20=10", "--budget", "2026-10S=40"])
    out = capsys.readouterr().out
    assert code == 0
    assert "政府补贴" in out and "268.00" in out and "每日使用上限：1" in out
    assert "2026-10-09" in out  # 2026-10S runs out


# --- the pure rules -----------------------------------------------------------------------

def _at(day: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hh, mm, tzinfo=SH)


def _v(vid: int, claimed: dt.datetime, used: dt.datetime | None, large: bool = False,
       citizen: int = 1) -> Claimed:
    monday = claimed.date() - dt.timedelta(days=claimed.weekday())
    use_day = used.date() if used else None
    use_week = use_day - dt.timedelta(days=use_day.weekday()) if use_day else None
    return Claimed(vid, citizen, claimed, used, claimed + dt.timedelta(hours=168), monday,
                   use_day, use_week, large)


def test_ranks_follow_the_checks_orderings() -> None:
    vouchers = [
        _v(1, _at(16, 9), _at(16, 12)),
        _v(2, _at(16, 9), _at(16, 11), large=True),  # same moment as 1: id breaks the tie
        _v(3, _at(16, 12), None, large=True),  # claimed the moment 1 is used: 1 is not held
        _v(4, _at(23, 9), _at(23, 9)),  # next week; used at its claim: held by nobody
        _v(5, _at(23, 9), None),
        _v(6, _at(16, 10), _at(16, 10), citizen=2),
    ]
    r = ranks(vouchers)
    assert [(r[i].claims, r[i].large, r[i].day_uses, r[i].week_uses, r[i].held)
            for i in range(1, 7)] == [
        (1, None, 2, 2, 0), (2, 1, 1, 1, 1), (3, 2, None, None, 0),
        (1, None, 1, 1, 1),  # 3 still held on the 23rd (expires the 23rd at 12:00)
        (2, None, None, None, 1), (1, None, 1, 1, 0)]
    limits = Limits(weekly_claim_limit=2, max_held=1, daily_use_cap=1, weekly_use_cap=5,
                    weekly_large_claim_limit=1)
    assert rule_flags(r[1], limits) == {Flag.DAILY_USE.value}
    assert rule_flags(r[2], limits) == {Flag.MAX_HELD.value}
    assert rule_flags(r[3], limits) == {Flag.WEEKLY_CLAIMS.value, Flag.WEEKLY_LARGE.value}
    assert rule_flags(r[1], None, order_amount=1500, min_order=2000) == {
        Flag.MIN_ORDER.value}


def test_a_budget_stops_at_the_first_voucher_it_does_not_cover() -> None:
    day = dt.date(2026, 10, 1)
    paid = [(1, day, 1000), (2, day + dt.timedelta(days=1), 3000), (3, day, 500)]
    ran_out, unpaid = exhaust(5000, 7500, paid)
    assert (ran_out.day, ran_out.unpaid, ran_out.unpaid_subsidy, unpaid) == (
        day + dt.timedelta(days=1), 2, D(35), {2, 3})
    ran_out, unpaid = exhaust(0, 4500, paid)
    assert ran_out.day is None and not unpaid
