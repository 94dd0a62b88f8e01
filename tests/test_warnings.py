"""Early warning, the first slice (issue 12): alert lines and the daily-use signal, on both
dialects — above the line it fires, at the line it stays silent; a venue's own line overrides
the district default; a line dated in the past is refused; a rerun of the scan changes nothing;
``jd-admin warnings scan``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from test_cli_ledger import run
from voucher_support import KEY, row, setup_ledger, t, write_csv

from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.domain.roles import Role
from jd_admin.models import Venue, VenueWarning, WarningVoucher
from jd_admin.services import warnings
from jd_admin.services.vouchers import importer

NOV = dt.date(2026, 11, 1)


def _ledger(test_db, tmp_path: Path) -> int:
    """The good venue: 4 vouchers redeemed on 10 November, 3 on the 11th (one citizen each);
    the district default line 3 from 1 November. The venue's id."""
    setup = setup_ledger(test_db)
    rows = [row(f"A{n}", f"1380000{n:04d}", t(9), t(10, 10 + n)) for n in range(4)]
    rows += [row(f"B{n}", f"1381000{n:04d}", t(9), t(11, 10 + n)) for n in range(3)]
    with test_db.admin_db.session() as s, s.begin():
        importer.import_vouchers(s, test_db.system_actor, write_csv(tmp_path / "v.csv", rows),
                                 key=KEY)
        warnings.set_line(s, test_db.system_actor, None, 3, NOV, today=NOV)
    return setup.good_venue_id


def _scan(test_db) -> warnings.ScanResult:
    with test_db.admin_db.session() as s, s.begin():
        return warnings.scan(s, test_db.system_actor, NOV, dt.date(2026, 11, 30))


def test_fires_above_the_line_silent_at_it_and_idempotent(test_db, tmp_path) -> None:
    venue = _ledger(test_db, tmp_path)
    first = _scan(test_db)
    assert [(c.venue_id, c.day, c.explanation) for c in first.created] == [
        (venue, dt.date(2026, 11, 10), "2026-11-10 核销 4 张，超过警戒线 3 张（超出 33%）")]
    with test_db.admin_db.session() as s:
        w = s.scalars(select(VenueWarning)).one()
        assert (w.signal, w.status, w.figures) == (
            "daily_above_line", "open", {"count": 4, "limit": 3, "over_percent": 33})
        assert s.scalar(select(func.count()).select_from(WarningVoucher)
                        .where(WarningVoucher.warning_id == w.id)) == 4
    second = _scan(test_db)
    assert (second.created, second.updated, second.unchanged) == ([], 0, 1)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(VenueWarning)) == 1
        assert s.scalar(select(func.count()).select_from(WarningVoucher)) == 4


def test_a_venues_own_line_overrides_the_default(test_db, tmp_path) -> None:
    venue = _ledger(test_db, tmp_path)
    day10 = dt.date(2026, 11, 10)
    with test_db.admin_db.session() as s, s.begin():
        warnings.set_line(s, test_db.system_actor, venue, 4, day10, today=NOV)
        assert warnings.line_in_force(s, venue, day10 - dt.timedelta(days=1)) == 3
        assert warnings.line_in_force(s, venue, day10) == 4
        assert warnings.line_in_force(s, venue + 1000, day10) == 3  # the default
        assert warnings.line_in_force(s, venue, dt.date(2025, 12, 31)) is None
    result = _scan(test_db)  # 4 on the 10th is AT the venue's line
    assert (result.created, result.unchanged) == ([], 0)


def test_lines_dated_in_the_past_or_not_positive_are_refused(test_db) -> None:
    test_db.make_user("admin1", Role.ADMIN)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    today = dt.date(2026, 12, 1)
    with test_db.admin_db.session() as s, s.begin():
        admin = test_db.actor("admin1")
        with pytest.raises(InvalidInput, match="生效日期不能早于今天"):
            warnings.set_line(s, admin, None, 150, dt.date(2026, 11, 30), today=today)
        with pytest.raises(InvalidInput, match="正整数"):
            warnings.set_line(s, admin, None, 0, today, today=today)
        with pytest.raises(PermissionDenied):
            warnings.set_line(s, test_db.actor("staff1"), None, 150, today, today=today)
        warnings.set_line(s, admin, None, 150, today, today=today)
        assert warnings.line_in_force(s, 1, today) == 150
        assert warnings.line_in_force(s, 1, today - dt.timedelta(days=1)) == 200  # seeded


def test_cli_scan(capsys, test_db, tmp_path) -> None:
    _ledger(test_db, tmp_path)
    url = ("--database-url", test_db.url)
    code, out, err = run(capsys, "warnings", "scan", "--from", "2026-11-01", "--to", "2026-11-30",
                         *url)
    assert code == 0, err
    assert "2026-11-10 核销 4 张，超过警戒线 3 张（超出 33%）" in out
    assert "新增 1 条" in out
    code, out, err = run(capsys, "warnings", "scan", "--from", "2026-11-01", "--to", "2026-11-30",
                         *url)
    assert code == 0 and "新增 0 条" in out and "已有未变 1 条" in out, err


def test_lines_listed_by_version_and_set_from_capacity(capsys, test_db, tmp_path) -> None:
    venue = _ledger(test_db, tmp_path)  # the default 3 from 1 November (and 200 seeded)
    test_db.make_user("admin1", Role.ADMIN)
    today = dt.date(2026, 11, 20)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(Venue).where(Venue.id == venue).values(capacity=40))
        done = warnings.set_lines_from_capacity(s, test_db.actor("admin1"),
                                                dt.date(2026, 12, 1), today=today)
        assert done.set >= 1 and warnings.line_in_force(s, venue, dt.date(2026, 12, 1)) == 80
        rows = warnings.list_lines(s, today=today)
    default = [(r.daily_limit, r.effective_from, r.state.value) for r in rows
               if r.venue_id is None]
    assert default == [(3, NOV, "current"), (200, dt.date(2026, 1, 1), "superseded")]
    own = [(r.daily_limit, r.state.value) for r in rows if r.venue_id == venue]
    assert own == [(80, "future")]
    code, _out, err = run(capsys, "warnings", "lines", "--set", "0",
                         "--database-url", test_db.url)
    assert code != 0 and "正整数" in err


def test_the_import_scans_the_days_it_brought(test_db, tmp_path) -> None:
    """Each voucher import scans the days of use in its file: the warning is there at once,
    and the import's summary says so."""
    setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        warnings.set_line(s, test_db.system_actor, None, 3, NOV, today=NOV)
    rows = [row(f"A{n}", f"1380000{n:04d}", t(9), t(10, 10 + n)) for n in range(4)]
    with test_db.admin_db.session() as s, s.begin():
        summary = importer.import_vouchers(s, test_db.system_actor,
                                           write_csv(tmp_path / "v.csv", rows), key=KEY)
    assert summary.warnings is not None
    assert (summary.warnings.since, summary.warnings.until) == (dt.date(2026, 11, 10),) * 2
    assert [c.explanation for c in summary.warnings.created] == [
        "2026-11-10 核销 4 张，超过警戒线 3 张（超出 33%）"]
    assert any("预警扫描（2026-11-10 至 2026-11-10）：新增 1 条" in line
               for line in summary.lines())
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(VenueWarning)) == 1
