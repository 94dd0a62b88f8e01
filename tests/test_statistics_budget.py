"""Budget burn per batch and its exhaustion forecast (issue 13, item 2), on both dialects: a
synthetic steady burn gives the expected day exactly (and a band of no width), expiries
leave the burn, the band widens with the day-to-day variation, and My tasks warns the batch
managers of a batch forecast to run out before its claim window ends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import update
from voucher_support import KEY, SH, row, setup_ledger, t, write_csv

from jd_admin.domain.errors import PermissionDenied
from jd_admin.domain.roles import Role
from jd_admin.models import IssuanceBatch
from jd_admin.services import clock
from jd_admin.services.statistics import budget
from jd_admin.services.statistics.budget import BurnDay
from jd_admin.services.vouchers import importer

D = Decimal


def _load(test_db, tmp_path: Path, rows: list[list[str]], budget_yuan: str) -> None:
    setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(IssuanceBatch).where(IssuanceBatch.code == "2026-11").values(
            budget=D(budget_yuan), claim_end=dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=SH)))
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "v.csv", rows),
                                 key=KEY)


def _steady(days: range, per_day: int) -> list[list[str]]:
    """``per_day`` vouchers of 20 yuan (subsidy 15) claimed and redeemed each day."""
    rows, n = [], 0
    for day in days:
        for i in range(per_day):
            n += 1
            rows.append(row(f"S{n:05d}", f"1390000{n:04d}", t(day, 8), t(day, 9 + i)))
    return rows


def _burn(test_db, today: dt.date, actor=None) -> budget.BatchBurn:
    with test_db.admin_db.session() as s:
        found = budget.batch_burn(s, actor or test_db.system_actor, today,
                                  clock.start_of_day(today))
    return next(b for b in found if b.batch.code == "2026-11")


def test_steady_burn_gives_the_expected_day_exactly(test_db, tmp_path) -> None:
    """10 × 15 yuan a day on 1–20 November: 3,000 burnt by the 20th; 2,000 left of a 5,000
    budget at 150 a day is 13⅓ days: the 14th day after the 20th, 4 December."""
    _load(test_db, tmp_path, _steady(range(1, 21), 10), "5000")
    b = _burn(test_db, dt.date(2026, 11, 21))
    assert b.burned == D("3000.00") and b.remaining == D("2000.00")
    assert [d.burn for d in b.series[:3]] == [D("150.00"), D("300.00"), D("450.00")]
    assert b.series[-1] == BurnDay(dt.date(2026, 11, 20), D("3000.00"))
    f = b.forecast
    assert f is not None
    assert (f.as_of, f.base, f.days_used, f.velocity, f.spread) == (
        dt.date(2026, 11, 20), D("3000.00"), 20, D("150.00"), D("0.00"))
    assert f.exhausted_on == f.earliest == f.latest == dt.date(2026, 12, 4)
    assert f.projected(dt.date(2026, 12, 4)) == (D("5100.00"), D("5100.00"), D("5100.00"))
    assert b.runs_out_early  # before 31 December

    # My tasks: the bureau's batch managers (urgent: within 14 days of the 21st)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    test_db.make_user("op1", Role.OPERATOR)
    with test_db.admin_db.session() as s:
        now = clock.start_of_day(dt.date(2026, 11, 21))
        tasks = budget.budget_tasks(s, test_db.actor("staff1"), now)
        assert [(t_.kind, t_.target, t_.urgent) for t_ in tasks] == [
            ("budget_exhaustion", "budget:2026-11", True)]
        assert "2026-12-04" in str(tasks[0].detail) and "2026-12-31" in str(tasks[0].detail)
        assert budget.budget_tasks(s, test_db.actor("op1"), now) == []
        assert budget.budget_tasks(s, test_db.system_actor, now) == []


def test_no_task_when_the_budget_lasts_the_window(test_db, tmp_path) -> None:
    """A 50,000 budget at 150 a day (47,000 left: 314 days) lasts past 31 December: no task
    (and the vouchers left could not burn it anyway)."""
    _load(test_db, tmp_path, _steady(range(1, 21), 10), "50000")
    b = _burn(test_db, dt.date(2026, 11, 21))
    assert b.forecast is not None and b.forecast.exhausted_on == dt.date(2027, 9, 30)
    assert not b.runs_out_early
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    with test_db.admin_db.session() as s:
        assert budget.budget_tasks(s, test_db.actor("staff1"),
                                   clock.start_of_day(dt.date(2026, 11, 21))) == []


def test_expired_vouchers_leave_the_burn(test_db, tmp_path) -> None:
    """Four vouchers claimed on 2 November at 10:00 and never used expire on the 9th at 10:00
    (168 hours): they burn 60 yuan from the 2nd to the 8th, none from the 9th."""
    rows = _steady(range(1, 11), 1)
    rows += [row(f"X{i}", f"1380000{i:04d}", t(2, 10)) for i in range(4)]
    _load(test_db, tmp_path, rows, "5000")
    b = _burn(test_db, dt.date(2026, 11, 11))
    by_day = {d.day: d.burn for d in b.series}
    assert by_day[dt.date(2026, 11, 1)] == D("15.00")
    assert by_day[dt.date(2026, 11, 8)] == D("180.00")  # 8 × 15 + 60
    assert by_day[dt.date(2026, 11, 9)] == D("135.00")  # 9 × 15
    assert b.burned == D("150.00")


def test_too_few_days_no_forecast_and_the_readers(test_db, tmp_path) -> None:
    _load(test_db, tmp_path, _steady(range(1, 4), 2), "5000")
    assert _burn(test_db, dt.date(2026, 11, 4)).forecast is None  # 3 days
    test_db.make_user("nanxiang", Role.SUBDISTRICT, subdistrict="南翔镇")
    with test_db.admin_db.session() as s, pytest.raises(PermissionDenied):
        budget.batch_burn(s, test_db.actor("nanxiang"))


def test_the_band_widens_with_the_variation() -> None:
    """Alternating 200 and 100 a day (mean 150, s = 50·√(28/27) = 50.92): the central day as
    a steady burn's; the band's edges where n·150 ± 1.645·50.92·√n reaches 6,000 (n = 36.6
    and 43.7 days, by hand), the band wider further out."""
    start = dt.date(2026, 11, 1)
    series, total = [], D(0)
    for i in range(28):
        total += D(100 if i % 2 else 200)
        series.append(BurnDay(start + dt.timedelta(days=i), total))
    f = budget.forecast(D("10200"), series, series[-1].day)
    assert f is not None and f.velocity == D("150.00") and f.spread == D("50.92")
    # 10,200 − 4,200 = 6,000 left at 150 a day: 40 days after 28 November
    assert f.exhausted_on == dt.date(2027, 1, 7)
    assert (f.earliest, f.latest) == (dt.date(2027, 1, 4), dt.date(2027, 1, 11))
    central, low, high = f.projected(dt.date(2026, 12, 28))
    assert central == D("8700.00") and low < central < high
    near = f.projected(dt.date(2026, 12, 1))
    assert high - low > near[2] - near[1] > 0
