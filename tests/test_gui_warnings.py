"""The warnings page driven through its widgets, on SQLite and PostgreSQL (there as each user's
own login): the list and its filters, the chart of the selected warning's venue (a bar a day
around the day, the flagged day red, the alert line), the vouchers drilled down, the
verification sheet exported and read back, a subdistrict user's own venues only (and no
voucher ledger), the scan button for the roles that scan."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_support import wait_ops
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select
from test_warning_queries import _other_subdistrict_warning
from test_warnings import _ledger, _scan

from jd_admin.domain.roles import Role
from jd_admin.models import Subdistrict, Venue
from jd_admin.ui import files
from jd_admin.ui.warnings.dialogs import CloseDialog, FileWarningDialog, VerifierDialog
from jd_admin.ui.warnings.page import CHART_MARGIN_DAYS, WarningsPage


@pytest.fixture
def warned(test_db, tmp_path):
    venue = _ledger(test_db, tmp_path)
    [created] = _scan(test_db).created
    with test_db.admin_db.session() as s:
        other_venue = s.scalars(select(Venue.id).where(Venue.id != venue)
                                .order_by(Venue.id.desc())).first()
        own = s.scalar(select(Subdistrict.name).join(Venue, Venue.subdistrict_id == Subdistrict.id)
                       .where(Venue.id == venue))
    other, _name = _other_subdistrict_warning(test_db, other_venue)
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    test_db.make_user("sd1", Role.SUBDISTRICT, subdistrict=own)
    return test_db, venue, created.warning_id, other


def open_page(qtbot, test_db, username: str) -> WarningsPage:
    page = WarningsPage(test_db.open_as(username), test_db.actor(username))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def shown_ids(page: WarningsPage) -> list[int]:
    return [w.id for w in page.model.rows]


def test_list_filters_chart_and_vouchers(qtbot, warned, tmp_path, monkeypatch, bridge) -> None:
    test_db, venue, wid, other = warned
    page = open_page(qtbot, test_db, "staff1")
    assert shown_ids(page) == [other, wid]
    assert page.scan_button.isVisible()
    # filters: the venue, the state, the dates
    combo = page.filters._choices["venue"]
    combo.setCurrentIndex(combo.findData(venue))
    wait_ops(qtbot)
    assert shown_ids(page) == [wid]
    combo.setCurrentIndex(0)
    state = page.filters._choices["state"]
    state.setCurrentIndex(state.findData("closed_violation"))
    wait_ops(qtbot)
    assert shown_ids(page) == []
    state.setCurrentIndex(state.findData("open"))
    wait_ops(qtbot)
    assert shown_ids(page) == [other, wid]
    page.limit_time.setChecked(True)
    page.since.setDate(dt.date(2026, 11, 1))
    page.until.setDate(dt.date(2026, 11, 11))
    qtbot.mouseClick(page.filters._button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert shown_ids(page) == [wid]
    # the first row is selected: its detail, chart and vouchers
    assert page.detail.row.id == wid
    assert "超过警戒线 3 张" in page.summary.text()
    chart = page.chart
    assert chart.bar_count() == 2 * CHART_MARGIN_DAYS + 1
    assert chart.bars is not None and chart.line is not None
    normal, flagged = chart.bars.barSets()
    middle = CHART_MARGIN_DAYS  # the warning's day
    assert flagged.at(middle) == 4 and normal.at(middle) == 0
    assert sum(flagged.at(i) for i in range(flagged.count())) == 4
    assert normal.at(middle + 1) == 3  # the 11th: under the line
    assert chart.line.count() == 2 * chart.bar_count()
    # the seeded default 200 until the test line 3 from 1 November
    assert {p.y() for p in chart.line.points()} == {200.0, 3.0}
    assert [v.code for v in page.vouchers_model.rows] == ["A0", "A1", "A2", "A3"]
    assert all("****" in v.citizen_masked for v in page.vouchers_model.rows)
    assert page.history_model.rows and str(page.history_model.rows[0].label) == "生成预警"
    # the sheet
    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr(files.chooser, "save_file", lambda *_a: out)
    qtbot.mouseClick(page.sheet_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "预警核查单" in text and "超过警戒线" in text
    assert any("已导出" in t for t in bridge.texts_of("info")), bridge.shown


def test_a_subdistrict_user_sees_its_own_venues_only(qtbot, warned, bridge) -> None:
    test_db, _venue, wid, _other = warned
    page = open_page(qtbot, test_db, "sd1")
    assert shown_ids(page) == [wid]
    assert not page.filters._choices["subdistrict"].isEnabled()  # pinned to its own
    assert not page.scan_button.isVisible()
    assert page.detail.row.id == wid
    assert not page.chart.isVisible() and page.vouchers_model.rows == []


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def row_of(page: WarningsPage, wid: int):
    return next(w for w in page.model.rows if w.id == wid)


def test_verify_and_close_as_violation_through_the_page(qtbot, warned, bridge) -> None:
    test_db, _venue, wid, _other = warned
    page = open_page(qtbot, test_db, "staff1")
    assert page.select_warning(wid)
    wait_ops(qtbot)
    assert page.start_button.isEnabled() and not page.close_button.isEnabled()
    click(qtbot, page.start_button)
    dialog = page.dialog
    assert isinstance(dialog, VerifierDialog)
    assert dialog.assignee.currentData() == "staff1"  # the actor itself, to start with
    click(qtbot, dialog.ok_button)
    assert (row_of(page, wid).status, row_of(page, wid).assigned_to) == ("verifying", "staff1")
    assert page.select_warning(wid)
    wait_ops(qtbot)
    assert page.close_button.isEnabled() and not page.start_button.isEnabled()
    click(qtbot, page.close_button)
    dialog = page.dialog
    assert isinstance(dialog, CloseDialog)
    assert not dialog.suspend.isEnabled()  # only a violation suspends
    dialog.violation.setChecked(True)
    assert dialog.suspend.isEnabled()
    dialog.finding.setPlainText("同一时段连续核销，场馆承认代客刷券")
    click(qtbot, dialog.ok_button)
    assert row_of(page, wid).status == "closed_violation"
    assert any("已结案" in t and "不予结算" in t for t in bridge.texts_of("info")), bridge.shown
    assert page.select_warning(wid)
    wait_ops(qtbot)
    assert "代客刷券" in page.summary.text()
    assert [str(h.label) for h in page.history_model.rows][-1] == "确认违规"


def test_the_operator_files_a_warning_by_hand(qtbot, warned, bridge) -> None:
    test_db, venue, _wid, _other = warned
    test_db.make_user("op1", Role.OPERATOR)
    page = open_page(qtbot, test_db, "op1")
    assert page.scan_button.isVisible() and not page.start_button.isVisible()
    click(qtbot, page.file_button)
    dialog = page.dialog
    assert isinstance(dialog, FileWarningDialog)
    dialog.venue.setCurrentIndex(dialog.venue.findData(venue))
    dialog.day.setDate(dt.date(2026, 11, 11))
    dialog.explanation.setPlainText("市民投诉：未消费却被核销")
    dialog.evidence.setPlainText("12345 热线工单")
    dialog.codes.setPlainText("B0, B1\nB9")  # B9 does not exist
    click(qtbot, dialog.ok_button)
    assert "B9" in dialog.error.text() and dialog.isVisible()
    dialog.codes.setPlainText("B0, B1")
    click(qtbot, dialog.ok_button)
    filed = next(w for w in page.model.rows if w.signal == "platform_report")
    assert (filed.venue_id, filed.voucher_count, filed.status) == (venue, 2, "open")
    assert page.detail.row.id == filed.id
