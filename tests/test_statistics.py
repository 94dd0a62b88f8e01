"""Statistics (issue 13 item 1): on a crafted November every figure, series point and breakdown
equals the one computed by hand here; the subdistrict scope on both dialects, and on PostgreSQL
as a subdistrict's own login (its own 街镇's figures, nothing of the others, no voucher)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from voucher_support import GOOD_VENUE, KEY, SH, code, row, setup_ledger, t, write_csv

from jd_admin.domain.errors import PermissionDenied
from jd_admin.domain.roles import Role
from jd_admin.models import Agreement, Venue, VoucherDayStat, VoucherMonthStat
from jd_admin.services import settlement, statistics
from jd_admin.services.statistics import Dimension, Filters, Grain
from jd_admin.services.vouchers import importer

D = Decimal
PUB_VENUE = code(4242010)
NOV = Filters(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
TODAY = dt.date(2026, 11, 30)
NANXIANG, ANTING = 4, 5

#: (code, citizen, claim day, use day or None, venue, face, order, sport, group)
#: subsidies of the seeded face-value table: 5→4, 10→8, 20→15, 30→20, 50→30, 80→50
VOUCHERS = [
    ("A", "13900000001", 2, 2, GOOD_VENUE, "20", "60", "羽毛球", ""),
    ("B", "13900000001", 3, 4, PUB_VENUE, "50", "150", "游泳", "老年人"),
    ("C", "13900000002", 5, 6, GOOD_VENUE, "10", "30", "羽毛球", "老年人"),
    ("D", "13900000003", 5, 7, PUB_VENUE, "80", "200", "游泳", ""),
    ("E", "13900000003", 10, None, None, "30", "", "", ""),  # lapses on the 17th: expired
    ("F", "13900000004", 28, None, None, "20", "", "", ""),  # lapses 5 December: outstanding
    ("G", "13900000002", 20, 21, GOOD_VENUE, "5", "10", "篮球", ""),
]


def _public_venue(s) -> None:
    v = Venue(name="公共体育馆", venue_type="public", subdistrict_id=ANTING,
              address="上海市嘉定区安亭镇1号", credit_code=PUB_VENUE, legal_representative="王喆",
              contact_name="李堃", contact_mobile="13900000000", opening_hours="9-21",
              capacity=50, status="designated", status_reason="t", status_changed_by="t",
              status_changed_at=dt.datetime(2026, 1, 1, tzinfo=SH))
    s.add(v)
    s.flush()
    s.add(Agreement(number="T-PUB010", venue_id=v.id, bureau_name="局", bureau_credit_code="x",
                    venue_name=v.name, venue_credit_code=PUB_VENUE,
                    venue_legal_representative="王喆", venue_address="x", venue_bank="x",
                    operator_name="平台", operator_credit_code="x",
                    start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31),
                    face_values=[], settlement_terms="", obligations="",
                    termination_grounds="", status="in_force",
                    bureau_signed_on=dt.date(2025, 12, 20),
                    venue_signed_on=dt.date(2025, 12, 20),
                    operator_signed_on=dt.date(2025, 12, 20),
                    in_force_from=dt.date(2026, 1, 1), created_by="t"))


def build(test_db, tmp_path) -> dict[str, object]:
    setup_ledger(test_db)
    with test_db.admin_db.session() as s, s.begin():
        _public_venue(s)
        s.flush()
        for v in s.scalars(select(Venue)):  # bank details: a settlement line can be approved
            v.bank_name, v.bank_account_number = "中国工商银行上海市嘉定支行", "6222020000000001"
            v.bank_account_name = v.name
    rows = []
    for vcode, citizen, claim, use, venue, face, order, sport, group in VOUCHERS:
        if use is None:
            rows.append(row(vcode, citizen, t(claim, 9), face=face, group=group))
        else:
            rows.append(row(vcode, citizen, t(claim, 9), t(use, 15), face=face, venue=venue,
                            order=order, sport=sport, group=group))
    test_db.make_user("oper", Role.OPERATOR)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    test_db.make_user("boss", Role.BUREAU_APPROVER)
    test_db.make_user("nxc", Role.SUBDISTRICT, subdistrict="南翔镇")
    test_db.make_user("insp", Role.INSPECTOR)
    people = {n: test_db.actor(n) for n in ("oper", "staff1", "boss", "nxc", "insp")}
    with test_db.admin_db.session() as s, s.begin():  # the operator imports: the aggregate too
        importer.import_vouchers(s, people["oper"], write_csv(tmp_path / "v.csv", rows), key=KEY)
    return people


def settle_november(test_db, p) -> None:
    """November verified and approved, the 南翔 venue's line paid."""
    with test_db.admin_db.session() as s, s.begin():
        settlement.generate(s, p["oper"], dt.date(2026, 11, 1), today=dt.date(2026, 12, 1))
    with test_db.admin_db.session() as s, s.begin():
        sid = settlement.find(s, p["staff1"], dt.date(2026, 11, 1)).id
        settlement.verify(s, p["staff1"], sid)
    with test_db.admin_db.session() as s, s.begin():
        settlement.approve(s, p["boss"], sid)
    with test_db.admin_db.session() as s, s.begin():
        line = next(x for x in settlement.lines(s, p["staff1"], sid) if "测试场馆" in x.venue_name)
        settlement.record_payment(s, p["staff1"], line.id, dt.date(2026, 11, 30), "B-1")


def _month_level_in_step(s) -> None:
    """``voucher_month_stat`` is the day level's use rows summed by month, key for key."""
    day, month = VoucherDayStat, VoucherMonthStat
    keys = ("subdistrict_id", "venue_id", "face_value", "citizen_group", "sport",
            "settlement_id")
    sums = ("vouchers", "face_total", "subsidy", "order_total", "citizen_paid")
    expected: dict[tuple[object, ...], list[object]] = {}
    for r in s.execute(select(day).where(day.kind == "use")).scalars():
        acc = expected.setdefault((r.day.replace(day=1), *(getattr(r, k) for k in keys)),
                                  [0] * len(sums))
        for i, name in enumerate(sums):
            acc[i] += getattr(r, name)
    kept = {(r.month, *(getattr(r, k) for k in keys)): [getattr(r, n) for n in sums]
            for r in s.execute(select(month)).scalars()}
    assert kept == expected and kept


def test_figures_by_hand(test_db, tmp_path) -> None:
    p = build(test_db, tmp_path)
    with test_db.admin_db.session() as s:
        m = statistics.summary(s, p["staff1"], NOV, today=TODAY)
    assert (m.claims, m.claims_redeemed, m.expired_unused, m.outstanding) == (7, 5, 1, 1)
    assert m.redemption_rate == D("0.7143")  # 5 ÷ 7
    assert (m.redemptions, m.person_times) == (5, 5)
    assert m.face_redeemed == D("165.00") and m.subsidy_redeemed == D("107.00")
    assert m.order_total == D("450.00") and m.citizen_paid == D("285.00")
    assert (m.subsidy_settled, m.subsidy_unsettled, m.subsidy_paid) == (D(0), D(107), D(0))
    assert m.outstanding_subsidy == D(15) and m.subsidy_committed == D(122)  # 107 + F's 15
    assert m.leverage_subsidy == D("4.21") and m.leverage_face == D("2.73")  # 450÷107, 450÷165
    assert (m.citizens, m.claimants) == (3, 4)

    with test_db.admin_db.session() as s:  # the import kept the month level
        _month_level_in_step(s)
        # a period of part months: its whole month from the month level, the days before and
        # after from the day level — the same redemption figures
        wider = statistics.summary(s, p["staff1"], Filters(dt.date(2026, 10, 20),
                                                           dt.date(2026, 12, 5)), today=TODAY)
        days = statistics.summary(s, p["staff1"], Filters(dt.date(2026, 11, 2),
                                                          dt.date(2026, 11, 21)), today=TODAY)
    for other in (wider, days):
        assert (other.redemptions, other.face_redeemed, other.subsidy_redeemed,
                other.order_total, other.citizen_paid) == (
            5, D("165.00"), D("107.00"), D("450.00"), D("285.00"))

    settle_november(test_db, p)
    with test_db.admin_db.session() as s, s.begin():  # the verification changed what is settled
        assert statistics.refresh_settled(s, p["staff1"]) == 5  # the five days of use
    with test_db.admin_db.session() as s:
        _month_level_in_step(s)
        m = statistics.summary(s, p["staff1"], NOV, today=TODAY)
        assert (m.subsidy_settled, m.subsidy_unsettled) == (D(107), D(0))
        assert m.subsidy_paid == D(27)  # the 南翔 line: A 15 + C 8 + G 4
        assert m.subsidy_committed == D(15)
        # the operator reads settlements too; a subdistrict does not: no paid figure
        assert statistics.summary(s, p["oper"], NOV, today=TODAY).subsidy_paid == D(27)
        assert statistics.summary(s, p["nxc"], NOV, today=TODAY).subsidy_paid is None
        # a rebuild from nothing gives the same figures
    with test_db.admin_db.session() as s, s.begin():
        statistics.rebuild(s, p["oper"])
    with test_db.admin_db.session() as s:
        _month_level_in_step(s)
        again = statistics.summary(s, p["staff1"], NOV, today=TODAY)
        assert again == m


def test_series_and_comparison(test_db, tmp_path) -> None:
    p = build(test_db, tmp_path)
    with test_db.admin_db.session() as s:
        weeks = statistics.series(s, p["staff1"], NOV, Grain.WEEK, today=TODAY)
        months = statistics.series(s, p["staff1"], NOV, "month", today=TODAY)
        days = statistics.series(s, p["staff1"], NOV, Grain.DAY, today=TODAY)
        comparison = statistics.compare(s, p["staff1"], Filters(dt.date(2026, 11, 16),
                                                                dt.date(2026, 11, 30)),
                                        today=TODAY)
    assert [w.start.day for w in weeks] == [26, 2, 9, 16, 23, 30]
    assert [w.redemptions for w in weeks] == [0, 4, 0, 1, 0, 0]
    assert [w.claims for w in weeks] == [0, 4, 1, 1, 1, 0]
    assert [w.expired_unused for w in weeks] == [0, 0, 1, 0, 0, 0]
    assert [w.order_total for w in weeks] == [D(0), D(440), D(0), D(10), D(0), D(0)]
    assert len(months) == 1 and months[0].redemptions == 5 and months[0].claims == 7
    assert len(days) == 30 and days[1].redemptions == 1 and days[1].face_redeemed == D(20)
    assert sum(d.subsidy_redeemed for d in days) == D(107)
    # 16–30 November against 1–15 November
    assert comparison.previous.since == dt.date(2026, 11, 1)
    assert comparison.previous.until == dt.date(2026, 11, 15)
    assert (comparison.current.redemptions, comparison.previous.redemptions) == (1, 4)
    assert comparison.change("redemptions") == D("-0.75")
    assert comparison.change("claims") == D("-0.60")  # 2 (G, F) against 5
    assert comparison.change("citizens") == D("-0.6667")  # c2 against c1, c2, c3


def _by(slices) -> dict[object, tuple[object, ...]]:
    return {x.key: (x.label, x.redemptions, x.face_redeemed, x.subsidy_redeemed, x.order_total,
                    x.claims, x.claims_redeemed) for x in slices}


def test_breakdowns(test_db, tmp_path) -> None:
    p = build(test_db, tmp_path)
    with test_db.admin_db.session() as s:
        venue_ids = dict(s.execute(select(Venue.credit_code, Venue.id)).all())
        b = {d: statistics.breakdown(s, p["staff1"], NOV, d, today=TODAY) for d in Dimension}
        top = statistics.top_venues(s, p["staff1"], NOV, 1)
        seniors = statistics.summary(s, p["staff1"], Filters(NOV.since, NOV.until,
                                                             citizen_group="senior"),
                                     today=TODAY)
        swim = statistics.summary(s, p["staff1"], Filters(NOV.since, NOV.until, sport="游泳"),
                                  today=TODAY)
        # the dashboard reads every breakdown at once (PostgreSQL: GROUPING SETS): the same
        board = statistics.dashboard(s, p["staff1"], NOV, Grain.MONTH, today=TODAY)
        assert board.breakdowns == {d: b[d] for d in statistics.DASHBOARD_DIMENSIONS}
        assert board.top_venues == [x for x in b[Dimension.VENUE] if x.key is not None]
    good, pub = venue_ids[GOOD_VENUE], venue_ids[PUB_VENUE]
    assert _by(b[Dimension.SUBDISTRICT]) == {
        ANTING: ("安亭镇", 2, D(130), D(80), D(350), None, None),
        NANXIANG: ("南翔镇", 3, D(35), D(27), D(100), None, None)}
    assert [x.key for x in b[Dimension.SUBDISTRICT]] == [ANTING, NANXIANG]  # by order amounts
    assert _by(b[Dimension.VENUE]) == {
        pub: ("公共体育馆", 2, D(130), D(80), D(350), None, None),
        good: (f"测试场馆{GOOD_VENUE[-4:]}", 3, D(35), D(27), D(100), None, None)}
    assert _by(b[Dimension.VENUE_TYPE]) == {
        "public": ("公共体育场馆", 2, D(130), D(80), D(350), None, None),
        "commercial": ("经营性体育场馆", 3, D(35), D(27), D(100), None, None)}
    assert _by(b[Dimension.SPORT]) == {
        "游泳": ("游泳", 2, D(130), D(80), D(350), None, None),
        "羽毛球": ("羽毛球", 2, D(30), D(23), D(90), None, None),
        "篮球": ("篮球", 1, D(5), D(4), D(10), None, None)}
    assert _by(b[Dimension.FACE_VALUE]) == {
        D(5): ("5 元", 1, D(5), D(4), D(10), 1, 1),
        D(10): ("10 元", 1, D(10), D(8), D(30), 1, 1),
        D(20): ("20 元", 1, D(20), D(15), D(60), 2, 1),
        D(30): ("30 元", 0, D(0), D(0), D(0), 1, 0),
        D(50): ("50 元", 1, D(50), D(30), D(150), 1, 1),
        D(80): ("80 元", 1, D(80), D(50), D(200), 1, 1)}
    assert _by(b[Dimension.CITIZEN_GROUP]) == {
        "senior": ("60岁以上老年人", 2, D(60), D(38), D(180), 2, 2),
        "": ("普通市民", 3, D(105), D(69), D(270), 5, 3)}
    assert [(x.redemptions, x.claims) for x in b[Dimension.BATCH]] == [(5, 7)]
    assert [x.key for x in top] == [pub]
    assert top[0].leverage_face == D("2.69") and top[0].leverage_subsidy == D("4.38")
    assert (seniors.claims, seniors.redemptions, seniors.citizens, seniors.claimants) == (
        2, 2, 2, 2)
    assert (swim.claims, swim.redemptions, swim.citizens, swim.claimants) == (None, 2, 2, None)


def test_subdistrict_scope(test_db, tmp_path) -> None:
    p = build(test_db, tmp_path)
    with test_db.admin_db.session() as s:
        own = statistics.summary(s, p["nxc"], NOV, today=TODAY)
        asked_other = statistics.summary(s, p["nxc"], Filters(NOV.since, NOV.until,
                                                              subdistrict_id=ANTING), today=TODAY)
        by_subdistrict = statistics.breakdown(s, p["nxc"], NOV, Dimension.SUBDISTRICT)
        bureau_other = statistics.summary(s, p["staff1"], Filters(
            NOV.since, NOV.until, subdistrict_id=ANTING), today=TODAY)
        with pytest.raises(PermissionDenied):
            statistics.summary(s, p["insp"], NOV)
    for m in (own, asked_other):  # its own venues, whatever it asks for; no district claims
        assert (m.redemptions, m.face_redeemed, m.subsidy_redeemed, m.order_total) == (
            3, D(35), D(27), D(100))
        assert (m.claims, m.redemption_rate, m.subsidy_committed, m.claimants) == (
            None, None, None, None)
        assert m.citizens == 2  # c1 (A) and c2 (C, G)
    assert [x.key for x in by_subdistrict] == [NANXIANG]
    assert (bureau_other.redemptions, bureau_other.citizens) == (2, 2)


@pytest.mark.postgres
def test_subdistrict_login_reads_its_own_figures_only(pg_db, tmp_path) -> None:
    p = build(pg_db, tmp_path)
    login = pg_db.open_as("nxc")
    with login.session() as s:
        subdistricts = s.execute(select(VoucherDayStat.subdistrict_id).distinct()).scalars()
        assert set(subdistricts) == {NANXIANG}  # row security: no 安亭 row, no claim row
        by_month = s.execute(select(VoucherMonthStat.subdistrict_id).distinct()).scalars()
        assert set(by_month) == {NANXIANG}  # the month level: the same
        m = statistics.summary(s, p["nxc"], NOV, today=TODAY)
        assert (m.redemptions, m.order_total, m.citizens, m.claims) == (3, D(100), 2, None)
        # the server's distinct count narrows to its own 街镇, whatever it is asked
        other = s.execute(text(
            "SELECT claimants, citizens FROM jd_statistics_citizens(DATE '2026-11-01', "
            "DATE '2026-11-30', 5, NULL, NULL, NULL, NULL, NULL, NULL)")).one()
        assert tuple(other) == (None, 2)
    for table in ("voucher", "citizen"):
        with login.session() as s, pytest.raises(DBAPIError) as failed:
            s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        assert getattr(failed.value.orig, "sqlstate", None) == "42501"
    with login.session() as s, pytest.raises(DBAPIError):  # derived data: only the refresh writes
        s.execute(text("DELETE FROM voucher_day_stat"))
    with login.session() as s, pytest.raises(DBAPIError):
        s.execute(text("DELETE FROM voucher_month_stat"))
    # the bureau's own login reads every row; the inspector's none (no grant)
    bureau = pg_db.open_as("staff1")
    with bureau.session() as s:
        assert s.scalar(select(func.count()).select_from(VoucherDayStat)) > 0
        m = statistics.summary(s, p["staff1"], NOV, today=TODAY)
        assert (m.claims, m.citizens, m.claimants) == (7, 3, 4)
    with pg_db.open_as("insp").session() as s, pytest.raises(DBAPIError):
        s.execute(select(func.count()).select_from(VoucherDayStat)).scalar_one()
