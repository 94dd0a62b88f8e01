"""Early warning, the signals (issue 12), on both dialects: each fires above its line and stays
silent at it, on crafted data, and a rerun of the scan changes nothing; the signals'
parameters are versioned, validated, admin-only and never dated in the past; the scan lists
the venues whose opening hours it cannot read; ``jd-admin warnings parameters``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_cli_ledger import run
from voucher_support import KEY, SUSPENDED_VENUE, row, setup_ledger, t, write_csv

from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.domain.roles import Role
from jd_admin.domain.warnings import Signal
from jd_admin.models import Venue, VenueSport, VenueWarning, WarningVoucher
from jd_admin.services import warnings
from jd_admin.services.vouchers import importer

NOV = dt.date(2026, 11, 1)
END = dt.date(2026, 11, 30)
S = Signal


def _load(test_db, tmp_path: Path, rows: list[list[str]],
          params: dict[Signal, dict[str, object]] | None = None,
          hours: dict[str, str] | None = None) -> tuple[int, int]:
    """The ledger's venues (``hours``: opening hours of the "good" and "other" venue),
    ``params`` in force from 1 November, then ``rows`` imported (the import scans them too).
    The good and the suspended venue's ids."""
    setup = setup_ledger(test_db)
    ids = {"good": setup.good_venue_id, "other": setup.suspended_venue_id}
    with test_db.admin_db.session() as s, s.begin():
        for key, text in (hours or {}).items():
            s.get_one(Venue, ids[key]).opening_hours = text
        for signal, values in (params or {}).items():
            warnings.set_parameters(s, test_db.system_actor, signal, values, NOV, today=NOV)
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "v.csv", rows),
                                 key=KEY)
    return setup.good_venue_id, setup.suspended_venue_id


def _scan(test_db, since: dt.date = NOV, until: dt.date = END) -> warnings.ScanResult:
    with test_db.admin_db.session() as s, s.begin():
        return warnings.scan(s, test_db.system_actor, since, until)


def _fired(test_db, signal: Signal) -> list[tuple[int, dt.date, str, int]]:
    """(venue, day, explanation, vouchers) of the warnings of ``signal``."""
    with test_db.admin_db.session() as s:
        return [(w.venue_id, w.day, w.explanation, s.scalar(
            select(func.count()).select_from(WarningVoucher)
            .where(WarningVoucher.warning_id == w.id)) or 0)
            for w in s.scalars(select(VenueWarning).where(VenueWarning.signal == signal.value)
                               .order_by(VenueWarning.venue_id, VenueWarning.day))]


def _idempotent(test_db) -> None:
    again = _scan(test_db)
    assert (again.created, again.updated) == ([], 0)


def _mobile(n: int) -> str:
    return f"1390000{n:04d}"


# --- above the venue's own pattern -------------------------------------------------------

def test_above_pattern_fires_above_median_plus_k_mad_silent_at_it(test_db, tmp_path) -> None:
    """Both venues: 2 a day on 3–9 November (median 2, MAD 0, floor 1: line 2 + 2×1 = 4);
    on the 10th the good venue has 4 (at the line), the other 5 (above)."""
    rows, n = [], 0
    for venue, on_10th in ((None, 4), (SUSPENDED_VENUE, 5)):
        extra = {"venue": venue} if venue else {}
        for day in range(3, 11):
            for i in range(2 if day < 10 else on_10th):
                n += 1
                rows.append(row(f"P{n:04d}", _mobile(n), t(day, 8), t(day, 10 + i), **extra))
    good, other = _load(test_db, tmp_path, rows, {S.ABOVE_PATTERN: {
        "window_days": 7, "k": "2", "min_active_days": 7, "mad_floor": "1", "min_count": 4}})
    result = _scan(test_db)
    assert result.fired[S.ABOVE_PATTERN.value] == 1
    assert _fired(test_db, S.ABOVE_PATTERN) == [(
        other, dt.date(2026, 11, 10),
        "2026-11-10 核销 5 张，明显高于本场馆前 7 天的常态：每日中位数 2 张，"
        "离散度（MAD×1.4826，下限 1）1.0 张，界线 = 中位数 + 2×离散度 = 4.0 张", 5)]
    _idempotent(test_db)
    assert good != other  # the good venue, at the line, stays silent


def test_above_pattern_needs_enough_history(test_db, tmp_path) -> None:
    """One active day of history (fewer than min_active_days): not judged."""
    rows = [row("H0001", _mobile(1), t(9, 8), t(9, 10))]
    rows += [row(f"H1{i:03d}", _mobile(100 + i), t(10, 8), t(10, 10, i)) for i in range(30)]
    _load(test_db, tmp_path, rows)
    _scan(test_db)
    assert _fired(test_db, S.ABOVE_PATTERN) == []


# --- orders at the minimum order ---------------------------------------------------------

@pytest.mark.parametrize(("ratio", "fires"), [("2", False), ("1.9", True)])
def test_min_order_cluster_against_the_district_share(test_db, tmp_path, ratio: str,
                                                      fires: bool) -> None:
    """November: the good venue 3 of 4 orders within 1 yuan above the minimum (40 yuan for a
    20-yuan voucher; 41.00 counts, 41.01 does not), the other 0 of 4: district 3/8 = 37.5 %,
    the venue's 75 % = 2 × the district's."""
    amounts = ["40.00", "41.00", "40.50", "41.01"]
    rows = [row(f"C{i:03d}", _mobile(i), t(10, 8), t(10, 10 + i), order=a)
            for i, a in enumerate(amounts)]
    rows += [row(f"D{i:03d}", _mobile(50 + i), t(10, 8), t(10, 10 + i), order="60.00",
                 venue=SUSPENDED_VENUE) for i in range(4)]
    good, _other = _load(test_db, tmp_path, rows, {S.MIN_ORDER_CLUSTER: {
        "ratio": ratio, "min_share_percent": 50, "min_orders": 4}})
    _scan(test_db, dt.date(2026, 11, 15), dt.date(2026, 11, 20))  # the whole month is judged
    expected = [(good, NOV, "2026年11月 订单 4 笔，其中 3 笔金额在起用门槛至门槛以上 1 元之间，"
                 "占 75.0%；全区同月为 37.5%（界线：全区占比的 1.9 倍且不低于 50%）", 3)]
    assert _fired(test_db, S.MIN_ORDER_CLUSTER) == (expected if fires else [])
    if fires:
        with test_db.admin_db.session() as s:
            w = s.scalars(select(VenueWarning)
                          .where(VenueWarning.signal == S.MIN_ORDER_CLUSTER.value)).one()
            assert w.period_end == END
    _idempotent(test_db)


# --- the same citizen again and again ----------------------------------------------------

@pytest.mark.parametrize(("max_uses", "fires"), [(4, False), (3, True)])
def test_repeat_citizen_more_than_n_in_m_days(test_db, tmp_path, max_uses: int,
                                              fires: bool) -> None:
    """One citizen at the good venue on 2, 10, 12, 14 and 16 November: 4 uses in the 7 days
    ending on the 16th (10–16), 3 in those ending on the 14th (8–14)."""
    days = (2, 10, 12, 14, 16)
    rows = [row(f"R{d:03d}", _mobile(1), t(1, 8), t(d, 10)) for d in days]
    good, _other = _load(test_db, tmp_path, rows, {S.REPEAT_CITIZEN: {
        "max_uses": max_uses, "days": 7}})
    _scan(test_db)
    expected = [(good, dt.date(2026, 11, 16),
                 "2026-11-16 有 1 位市民在 7 天内于本场馆核销超过 3 次："
                 "139****0001 4 次（2026-11-10 至 2026-11-16）", 4)]
    assert _fired(test_db, S.REPEAT_CITIZEN) == (expected if fires else [])
    _idempotent(test_db)


# --- outside the filed opening hours -----------------------------------------------------

@pytest.mark.parametrize(("second", "fires"), [(0, False), (1, True)])
def test_outside_hours_beyond_the_grace(test_db, tmp_path, second: int, fires: bool) -> None:
    """Hours 9:00-21:00 (Saturday 8:00-22:00), grace 30 minutes: 21:30:00 on Tuesday the 10th
    is at the line, 21:30:01 past it; 21:45 on Saturday the 14th is within."""
    rows = [row("O001", _mobile(1), t(10, 8), t(10, 21, 30, second)),
            row("O002", _mobile(2), t(10, 8), t(10, 12)),
            row("O003", _mobile(3), t(14, 8), t(14, 21, 45))]
    good, _other = _load(test_db, tmp_path, rows,
                         hours={"good": "周一至周五 9:00-21:00；周六、周日 8:00-22:00"})
    _scan(test_db)
    expected = [(good, dt.date(2026, 11, 10),
                 "2026-11-10 有 1 笔核销在备案营业时间（周一至周五 9:00-21:00；周六、周日 "
                 "8:00-22:00，前后宽限 30 分钟）之外：21:30:01", 1)]
    assert _fired(test_db, S.OUTSIDE_HOURS) == (expected if fires else [])
    _idempotent(test_db)


def test_outside_hours_past_midnight_and_unreadable_hours(test_db, tmp_path) -> None:
    """Hours 18:00-02:00: 01:50 on the 11th is the 10th's evening, 05:00 is outside; a venue
    whose hours cannot be read is not judged, and the scan says so."""
    rows = [row("M001", _mobile(1), t(10, 8), t(11, 1, 50)),
            row("M002", _mobile(2), t(10, 8), t(11, 5, 0)),
            row("M003", _mobile(3), t(10, 8), t(11, 4, 0), venue=SUSPENDED_VENUE)]
    good, other = _load(test_db, tmp_path, rows, {S.OUTSIDE_HOURS: {"grace_minutes": 0}},
                        hours={"good": "18:00-02:00", "other": "节假日另行通知"})
    result = _scan(test_db)
    assert [(u.venue_id, u.opening_hours) for u in result.unjudged] == [(other, "节假日另行通知")]
    assert _fired(test_db, S.OUTSIDE_HOURS) == [
        (good, dt.date(2026, 11, 11), "2026-11-11 有 1 笔核销在备案营业时间（18:00-02:00，"
         "前后宽限 0 分钟）之外：05:00:00", 1)]


# --- above the filed list price ----------------------------------------------------------

@pytest.mark.parametrize(("amount", "fires"), [("120.00", False), ("120.01", True)])
def test_above_list_price_by_the_margin(test_db, tmp_path, amount: str, fires: bool) -> None:
    """List price 30 yuan for 羽毛球: a 20-yuan voucher (minimum order 40) needs 2 sessions,
    60 yuan; margin 100 % puts the line at 120 yuan; 2 such orders a day needed."""
    rows = [row(f"L{i:03d}", _mobile(i), t(10, 8), t(10, 10 + i), order=amount)
            for i in range(2)]
    rows.append(row("L100", _mobile(100), t(10, 8), t(10, 15), order="500.00", sport="游泳"))
    good, _other = _load(test_db, tmp_path, rows, {S.ABOVE_LIST_PRICE: {"min_count": 2}})
    with test_db.admin_db.session() as s, s.begin():  # (no list price for 游泳: not judged)
        s.add(VenueSport(venue_id=good, sport="羽毛球", list_price=Decimal("30")))
    _scan(test_db)
    expected = [(good, dt.date(2026, 11, 10),
                 "2026-11-10 有 2 笔订单金额比按备案价格凑满起用门槛所需金额高出 100% 以上；"
                 "最高一笔 羽毛球 120.01 元，按备案价格应为 60.00 元（高出 100%）", 2)]
    assert _fired(test_db, S.ABOVE_LIST_PRICE) == (expected if fires else [])
    _idempotent(test_db)


# --- bursts ------------------------------------------------------------------------------

@pytest.mark.parametrize(("last", "fires"), [((10, 5, 1), False), ((10, 5, 0), True)])
def test_burst_of_different_citizens_within_minutes(test_db, tmp_path,
                                                    last: tuple[int, int, int],
                                                    fires: bool) -> None:
    """3 different citizens within 5 minutes (10:00:00, 10:02:00 and 10:05:00) fire; 10:05:01
    is past the window. The same citizen twice within a minute is one citizen."""
    rows = [row("B001", _mobile(1), t(10, 8), t(10, 10, 0)),
            row("B002", _mobile(2), t(10, 8), t(10, 10, 2)),
            row("B003", _mobile(3), t(10, 8), t(10, *last)),
            row("B004", _mobile(4), t(11, 8), t(11, 10, 0)),
            row("B005", _mobile(4), t(11, 8), t(11, 10, 0, 30)),
            row("B006", _mobile(5), t(11, 8), t(11, 10, 1))]
    good, _other = _load(test_db, tmp_path, rows, {S.BURST: {"count": 3, "minutes": 5}})
    _scan(test_db)
    expected = [(good, dt.date(2026, 11, 10),
                 "2026-11-10 10:00:00 至 10:05:00 间有 3 位不同市民的消费券集中核销"
                 "（界线：5 分钟内 3 位）；当日集中核销共涉及 3 张", 3)]
    assert _fired(test_db, S.BURST) == (expected if fires else [])
    _idempotent(test_db)


def test_a_warning_under_verification_is_never_touched(test_db, tmp_path) -> None:
    rows = [row(f"V{i:03d}", _mobile(i), t(10, 8), t(10, 10, i)) for i in range(3)]
    _load(test_db, tmp_path, rows, {S.BURST: {"count": 3, "minutes": 5}})
    _scan(test_db)
    with test_db.admin_db.session() as s, s.begin():
        w = s.scalars(select(VenueWarning)).one()
        w.status, w.assigned_to = "verifying", "staff1"
    with test_db.admin_db.session() as s, s.begin():
        warnings.set_parameters(s, test_db.system_actor, S.BURST, {"minutes": 4}, NOV,
                                today=NOV)
    result = _scan(test_db)  # the figures would change (the line), the warning is not touched
    assert (result.created, result.updated, result.unchanged) == ([], 0, 1)


# --- the parameters ----------------------------------------------------------------------

def test_parameters_versioned_validated_admin_only(test_db) -> None:
    test_db.make_user("admin1", Role.ADMIN)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    today = dt.date(2026, 12, 1)
    with test_db.admin_db.session() as s, s.begin():
        admin = test_db.actor("admin1")
        assert warnings.parameters_in_force(s, S.BURST, today) == {"count": 10, "minutes": 5}
        with pytest.raises(InvalidInput, match="生效日期不能早于今天"):
            warnings.set_parameters(s, admin, S.BURST, {"count": 8}, dt.date(2026, 11, 30),
                                    today=today)
        with pytest.raises(InvalidInput, match="“集中核销的张数（不同市民）”须在 2 至 1000"):
            warnings.set_parameters(s, admin, S.BURST, {"count": 1}, today, today=today)
        with pytest.raises(InvalidInput, match="“时间窗口”须为整数"):
            warnings.set_parameters(s, admin, S.BURST, {"minutes": "2.5"}, today, today=today)
        with pytest.raises(InvalidInput, match="“高出中位数的倍数 k（×MAD）”须为数字"):
            warnings.set_parameters(s, admin, S.ABOVE_PATTERN, {"k": "many"}, today,
                                    today=today)
        with pytest.raises(InvalidInput, match="没有参数 seconds"):
            warnings.set_parameters(s, admin, S.BURST, {"seconds": 5}, today, today=today)
        with pytest.raises(InvalidInput, match="其界线为警戒线"):
            warnings.set_parameters(s, admin, S.DAILY_ABOVE_LINE, {"x": 1}, today, today=today)
        with pytest.raises(PermissionDenied):
            warnings.set_parameters(s, test_db.actor("staff1"), S.BURST, {"count": 8}, today,
                                    today=today)
        later = today + dt.timedelta(days=10)
        warnings.set_parameters(s, admin, S.BURST, {"count": 8}, today, today=today)
        warnings.set_parameters(s, admin, S.BURST, {"minutes": 3}, later, today=today)
        warnings.set_parameters(s, admin, S.ABOVE_PATTERN, {"k": "4.50"}, today, today=today)
        assert warnings.parameters_in_force(s, S.BURST, today - dt.timedelta(days=1)) == {
            "count": 10, "minutes": 5}
        assert warnings.parameters_in_force(s, S.BURST, today) == {"count": 8, "minutes": 5}
        assert warnings.parameters_in_force(s, S.BURST, later) == {"count": 8, "minutes": 3}
        assert warnings.parameters_in_force(s, S.ABOVE_PATTERN, today)["k"] == Decimal("4.5")


def test_a_scan_over_a_change_of_parameters_judges_each_day_by_its_own(test_db,
                                                                      tmp_path) -> None:
    """Bursts of 3 on the 10th and the 20th; from the 15th a burst needs 4."""
    rows = [row(f"X{d}{i}", _mobile(10 * d + i), t(d, 8), t(d, 10, i))
            for d in (10, 20) for i in range(3)]
    setup = setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        warnings.set_parameters(s, test_db.system_actor, S.BURST, {"count": 3, "minutes": 5},
                                NOV, today=NOV)
        warnings.set_parameters(s, test_db.system_actor, S.BURST, {"count": 4},
                                dt.date(2026, 11, 15), today=NOV)
    with test_db.admin_db.session() as s, s.begin():  # (the import's own scan, then ours)
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "v.csv", rows),
                                 key=KEY)
    _scan(test_db)
    assert [(v, d) for v, d, _e, _n in _fired(test_db, S.BURST)] == [
        (setup.good_venue_id, dt.date(2026, 11, 10))]
    _idempotent(test_db)


def test_cli_parameters(capsys, test_db) -> None:
    url = ("--database-url", test_db.url)
    code, out, err = run(capsys, "warnings", "parameters", *url)
    assert code == 0, err
    assert "短时间内集中核销 (burst)" in out and " 2026-01-01  count=10  minutes=5" in out
    code, out, err = run(capsys, "warnings", "parameters", "--set", "burst", "count=8",
                         "--from", "2099-01-01", *url)
    assert code == 0, err
    assert "自 2099-01-01 起生效" in out and " *2099-01-01  count=8  minutes=5" in out
    code, out, err = run(capsys, "warnings", "parameters", "--set", "burst", "count=1", *url)
    assert code != 0 and "须在 2 至 1000" in err
    code, out, err = run(capsys, "warnings", "parameters", "--set", "nothing", "count=1", *url)
    assert code == 2 and "没有预警信号“nothing”" in err


def test_the_seeded_parameters_are_the_declared_defaults(test_db) -> None:
    from jd_admin.domain.warnings import PARAMETERS, defaults, stored

    with test_db.admin_db.session() as s:
        for signal in PARAMETERS:
            [version] = warnings.versions(s, signal)
            assert (version.effective_from, stored(version.params)) == (
                dt.date(2026, 1, 1), stored(defaults(signal))), signal
