"""Reading the warning list (issue 12), on both dialects: the list and its filters, a
subdistrict user's scope (its own venues' warnings only, whatever it asks for; not the voucher
ledger), the detail with its history, the vouchers (masked citizens) and a venue's daily use
against the line in force with the flagged days."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select, update
from test_warnings import NOV, _ledger, _scan

from jd_admin.domain.errors import NotFound, PermissionDenied
from jd_admin.domain.roles import Role
from jd_admin.models import Subdistrict, Venue, VenueWarning
from jd_admin.services import warnings
from jd_admin.services.warnings import queries

DAY10 = dt.date(2026, 11, 10)


def _other_subdistrict_warning(test_db, venue_id: int) -> tuple[int, str]:
    """The second test venue moved to another subdistrict, with a hand-made warning on the
    12th; (its warning's id, the subdistrict's name)."""
    with test_db.admin_db.session() as s, s.begin():
        other = s.scalars(select(Subdistrict).where(Subdistrict.name == "安亭镇")).one()
        s.execute(update(Venue).where(Venue.id == venue_id).values(subdistrict_id=other.id))
        w = VenueWarning(venue_id=venue_id, signal="daily_above_line", day=dt.date(2026, 11, 12),
                         figures={"count": 9, "limit": 3, "over_percent": 200},
                         explanation="2026-11-12 核销 9 张，超过警戒线 3 张（超出 200%）",
                         created_by="t")
        s.add(w)
        s.flush()
        return w.id, other.name


@pytest.fixture
def scanned(test_db, tmp_path):
    venue = _ledger(test_db, tmp_path)
    [created] = _scan(test_db).created
    with test_db.admin_db.session() as s:
        suspended = s.scalars(select(Venue.id).where(Venue.id != venue)
                              .order_by(Venue.id.desc())).first()
        own = s.scalar(select(Subdistrict.name).join(Venue, Venue.subdistrict_id == Subdistrict.id)
                       .where(Venue.id == venue))
    assert suspended is not None and own is not None
    other_id, other_name = _other_subdistrict_warning(test_db, suspended)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    test_db.make_user("op1", Role.OPERATOR)
    test_db.make_user("sd_own", Role.SUBDISTRICT, subdistrict=own)
    test_db.make_user("sd_other", Role.SUBDISTRICT, subdistrict=other_name)
    return test_db, venue, created.warning_id, other_id


def test_list_filters_and_scope(scanned) -> None:
    test_db, venue, wid, other = scanned
    with test_db.admin_db.session() as s:
        staff = test_db.actor("staff1")
        rows = queries.list_warnings(s, staff, today=dt.date(2026, 11, 15))
        assert [r.id for r in rows] == [other, wid]  # newest day first
        mine = rows[1]
        assert (mine.venue_id, mine.day, mine.status, mine.voucher_count, mine.overdue) == (
            venue, DAY10, "open", 4, False)
        assert mine.explanation == "2026-11-10 核销 4 张，超过警戒线 3 张（超出 33%）"
        assert [r.id for r in queries.list_warnings(s, staff, venue_id=venue)] == [wid]
        assert [r.id for r in queries.list_warnings(s, staff, since=dt.date(2026, 11, 11))] == [
            other]
        assert [r.id for r in queries.list_warnings(s, staff, until=dt.date(2026, 11, 11))] == [
            wid]
        assert queries.list_warnings(s, staff, state="closed_normal") == []
        assert queries.list_warnings(s, staff, signal="burst") == []
        assert len(queries.list_warnings(s, test_db.actor("op1"))) == 2
        # overdue once undecided past the verification period
        late = mine.due_on + dt.timedelta(days=1)
        assert queries.list_warnings(s, staff, venue_id=venue, today=late)[0].overdue
        # a subdistrict: its own venues' only, whatever it asks for
        own = test_db.actor("sd_own")
        assert [r.id for r in queries.list_warnings(s, own)] == [wid]
        assert [r.id for r in queries.list_warnings(
            s, own, subdistrict_id=rows[0].subdistrict_id)] == [wid]
        assert [r.id for r in queries.list_warnings(s, test_db.actor("sd_other"))] == [other]
        with pytest.raises(NotFound):
            queries.warning_detail(s, own, other)
        detail = queries.warning_detail(s, own, wid)
        assert detail.row.id == wid
        # the subdistrict reads no voucher ledger
        with pytest.raises(PermissionDenied):
            queries.warning_vouchers(s, own, wid)
        with pytest.raises(PermissionDenied):
            queries.daily_use(s, own, venue, NOV, dt.date(2026, 11, 30))


def test_detail_vouchers_and_daily_use(scanned) -> None:
    test_db, venue, wid, _other = scanned
    with test_db.admin_db.session() as s:
        staff = test_db.actor("staff1")
        detail = queries.warning_detail(s, staff, wid)
        assert [(str(label), value) for label, value in detail.figures] == [
            ("当日核销张数", "4"), ("警戒线（张/日）", "3"), ("超出比例（%）", "33")]
        assert detail.line == 3
        assert (detail.finding, detail.decision) == (None, None)
        assert [str(h.label) for h in detail.history] == ["生成预警"]
        vouchers = queries.warning_vouchers(s, staff, wid)
        assert [v.code for v in vouchers] == ["A0", "A1", "A2", "A3"]
        assert vouchers[0].citizen_masked.startswith("138") and "*" in vouchers[0].citizen_masked
        assert vouchers[0].face_value == Decimal("20")
        assert vouchers[0].order_amount == Decimal("60")
        assert vouchers[0].sport == "羽毛球"
        assert len(queries.warning_vouchers(s, staff, wid, limit=2)) == 2
    with test_db.admin_db.session() as s, s.begin():
        # a venue's own line from the 11th: the chart shows each day's line
        warnings.set_line(s, test_db.system_actor, venue, 5, dt.date(2026, 11, 11), today=NOV)
    with test_db.admin_db.session() as s:
        days = queries.daily_use(s, test_db.actor("staff1"), venue, dt.date(2026, 11, 8),
                                 dt.date(2026, 11, 12))
        assert [(d.day.day, d.count, d.limit, d.flagged) for d in days] == [
            (8, 0, 3, False), (9, 0, 3, False), (10, 4, 3, True), (11, 3, 5, False),
            (12, 0, 5, False)]
        assert days[2].warning_ids == (wid,)
        # before any line: none
        early = queries.daily_use(s, staff, venue, dt.date(2025, 12, 30), dt.date(2025, 12, 31))
        assert [d.limit for d in early] == [None, None]
