"""The agreements page, the venue register's actions and export, and the agreement parties on
the administration page — driven through the widgets, as the bureau's staff would, on SQLite
and on PostgreSQL (there logged in as the person's own database role)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from gui_support import wait_ops
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from recruitment_support import PDF, People, approved_application, open_call, people
from sqlalchemy import select

from jd_admin.models import Agreement, PartySetting, Role, Venue
from jd_admin.services import clock
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.navigation import Page
from jd_admin.services.register import status as register
from jd_admin.ui import main_window
from jd_admin.ui.admin.page import AdminPage
from jd_admin.ui.agreements.dialogs import (
    GenerateDialog,
    RenewDialog,
    SignaturesDialog,
    TerminateDialog,
)
from jd_admin.ui.agreements.page import AgreementsPage
from jd_admin.ui.register.page import StatusHistoryDialog, VenuesPage

NUMBER = re.compile(r"^JDTY-XY-\d{4}-0001$")
OPERATOR_CODE = "91310114MA1G8J2K35"  # set by recruitment_support.people()






def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def open_page(qtbot, test_db, cls, username: str):
    page = cls(test_db.open_as(username), test_db.actor(username))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def approved_venue(test_db) -> tuple[People, int, int]:
    """People, a bureau-approved application and its (designated) venue."""
    p = people(test_db)
    app_id = approved_application(test_db, p, open_call(test_db, p.staff))
    with test_db.admin_db.session() as s:
        venue_id = s.scalar(select(Venue.id).where(Venue.name == "南翔全民健身中心"))
    assert venue_id is not None
    return p, app_id, venue_id


def agreement_in_force(test_db, p: People, app_id: int) -> int:
    """The same steps as the page, through the services: an agreement in force from today."""
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, today)
        agreements.send_for_signature(s, p.staff, agreement_id)
        agreements.record_signatures(s, p.staff, agreement_id, bureau_on=today, venue_on=today,
                                     operator_on=today)
        agreements.attach_signed_scan(s, p.staff, agreement_id, "signed.pdf", PDF)
        agreements.put_in_force(s, p.staff, agreement_id)
    return agreement_id


def stored(test_db, agreement_id: int) -> Agreement:
    with test_db.admin_db.session() as s:
        row = s.get(Agreement, agreement_id)
        assert row is not None
        s.expunge(row)
        return row


def redeemable_now(test_db, venue_id: int) -> bool:
    with test_db.admin_db.session() as s:
        return register.redeemable_at(s, venue_id, clock.now()).redeemable


def history_actions(page: AgreementsPage) -> list[str]:
    return [h.action for h in page.history_model.rows]


def test_agreement_from_approval_to_in_force_through_the_page(
        qtbot, qtmodeltester, test_db, bridge, chooser, tmp_path) -> None:
    p, _app_id, venue_id = approved_venue(test_db)
    page = open_page(qtbot, test_db, AgreementsPage, p.staff.username)
    assert page.model.rows == []
    assert not redeemable_now(test_db, venue_id)
    today = clock.today()

    # 生成协议…: the approved application is offered; term one year from today.
    click(qtbot, page.generate_button)
    dialog = page.dialog
    assert isinstance(dialog, GenerateDialog) and dialog.isVisible()
    assert dialog.application.count() == 1
    assert "南翔全民健身中心" in dialog.application.itemText(0)
    assert dialog.term.start.date() == QDate(today.year, today.month, today.day)
    end = agreements.default_term(today)
    assert dialog.term.end.date() == QDate(end.year, end.month, end.day)
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    [row] = page.model.rows
    assert NUMBER.match(row.number) and row.venue_name == "南翔全民健身中心"
    assert row.subdistrict == "南翔镇" and row.status == "draft"
    assert page.table.model().index(0, 0).data() == row.number
    assert page.detail is not None and page.detail.row.id == row.id  # the new one is selected
    assert page.fields["status"].text() == "草稿"
    assert any("已生成协议草稿" in t for t in bridge.texts_of("info"))
    number, agreement_id = row.number, row.id
    # Nothing else to generate from now.
    click(qtbot, page.generate_button)
    assert "没有可以生成协议的申请" in bridge.texts_of("info")[-1]

    # 送签.
    assert not page.sign_button.isEnabled() and not page.in_force_button.isEnabled()
    click(qtbot, page.send_button)
    assert page.fields["status"].text() == "签署中"
    assert page.fields["sent"].text() != "—"

    # 确认生效 too early: the service's message, nothing changed.
    version = stored(test_db, agreement_id).version
    bridge.answers.append(True)
    click(qtbot, page.in_force_button)
    assert "还缺少区体育局、场馆、配送平台的签署日期" in bridge.texts_of("warning")[-1]

    # 登记签署日期…: all three parties today.
    click(qtbot, page.sign_button)
    signatures = page.dialog
    assert isinstance(signatures, SignaturesDialog)
    for key in ("bureau", "venue", "operator"):
        box, edit = signatures.rows[key]
        assert not edit.isEnabled()
        box.setChecked(True)
        assert edit.isEnabled() and edit.date() == QDate(today.year, today.month, today.day)
    click(qtbot, signatures.ok_button)
    assert signatures.result() == QDialog.DialogCode.Accepted, signatures.error.text()
    for key in ("bureau", "venue", "operator"):
        assert page.fields[key].text() == today.isoformat()

    # Still no scan: refused with the service's message, the record is as it was.
    version = stored(test_db, agreement_id).version
    bridge.answers.append(True)
    click(qtbot, page.in_force_button)
    assert bridge.texts_of("warning")[-1] == "请先上传三方签署后的协议扫描件"
    after = stored(test_db, agreement_id)
    assert (after.status, after.version, after.in_force_from) == (
        "out_for_signature", version, None)
    assert page.fields["status"].text() == "签署中"

    # 上传扫描件…, then 查看 it.
    scan = tmp_path / "三方协议-签署版.pdf"
    scan.write_bytes(PDF)
    chooser.open_answers.append(scan)
    click(qtbot, page.upload_button)
    assert [f.filename for f in page.scans_model.rows] == [scan.name]
    click(qtbot, page.view_button)
    assert chooser.opened[-1].read_bytes() == PDF

    # 确认生效 (asks first; declining changes nothing).
    click(qtbot, page.in_force_button)
    assert stored(test_db, agreement_id).status == "out_for_signature"
    bridge.answers.append(True)
    click(qtbot, page.in_force_button)
    assert bridge.texts_of("info")[-1] == f"协议 {number} 已生效。"
    assert page.fields["status"].text() == "生效"
    assert page.fields["in_force_from"].text() == today.isoformat()
    assert page.model.rows[0].in_force_from == today
    assert stored(test_db, agreement_id).status == "in_force"
    assert redeemable_now(test_db, venue_id)
    assert not page.send_button.isEnabled() and not page.upload_button.isEnabled()
    assert page.renew_button.isEnabled() and page.terminate_button.text() == "终止…"
    assert history_actions(page) == ["生成", "送签", "登记签署日期", "上传扫描件", "确认生效"]
    assert [page.history_model.index(1, c).data() for c in (3, 4)] == ["草稿", "签署中"]

    # 打印协议…: the PDF has the venue, its credit code and the number.
    click(qtbot, page.print_button)
    printed = chooser.opened[-1]
    assert printed.name == f"{number}.pdf"
    text = "\n".join(pg.extract_text() for pg in PdfReader(printed).pages)
    with test_db.admin_db.session() as s:
        venue_code = s.scalar(select(Venue.credit_code).where(Venue.id == venue_id))
    for expected in ("南翔全民健身中心", venue_code, number, OPERATOR_CODE):
        assert expected in text

    for model in (page.model, page.history_model, page.scans_model):
        qtmodeltester.check(model)


def test_terminate_and_renew(qtbot, test_db, bridge) -> None:
    p, app_id, venue_id = approved_venue(test_db)
    old_id = agreement_in_force(test_db, p, app_id)
    old = stored(test_db, old_id)
    page = open_page(qtbot, test_db, AgreementsPage, p.staff.username)
    page.focus_target(str(old_id))
    wait_ops(qtbot)
    assert page.detail is not None and page.detail.row.id == old_id

    # 续签…: starts the day after the old one ends; a new draft that points at the old one.
    click(qtbot, page.renew_button)
    dialog = page.dialog
    assert isinstance(dialog, RenewDialog)
    start = old.end_date + dt.timedelta(days=1)
    assert dialog.term.start.date() == QDate(start.year, start.month, start.day)
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert page.detail is not None and page.detail.row.id == dialog.new_id
    renewal = page.detail.row
    assert renewal.renews_number == old.number and renewal.status == "draft"
    assert (renewal.start_date, renewal.end_date) == (start, agreements.default_term(start))
    assert page.fields["renews"].text() == old.number
    assert {r.number for r in page.model.rows} == {old.number, renewal.number}
    assert stored(test_db, old_id).status == "in_force"  # the old one stays as it was
    # A draft is voided (作废), not terminated.
    assert page.terminate_button.text() == "作废…"

    # 终止… the old one: a reason is required; then it ends and the venue is no longer redeemable.
    page.focus_target(str(old_id))
    wait_ops(qtbot)
    click(qtbot, page.terminate_button)
    dialog = page.dialog
    assert isinstance(dialog, TerminateDialog)
    click(qtbot, dialog.ok_button)
    assert dialog.error.text() == "请填写终止意见" and dialog.isVisible()
    assert stored(test_db, old_id).status == "in_force"
    dialog.reason.setPlainText("场馆停业装修，双方协商提前终止")
    dialog.on.setDate(dialog.on.date().addDays(1))
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    ended = stored(test_db, old_id)
    assert ended.status == "terminated"
    assert ended.termination_reason == "场馆停业装修，双方协商提前终止"
    assert page.fields["status"].text() == "已终止"
    assert "场馆停业装修" in page.fields["terminated"].text()
    assert history_actions(page)[-1] == "终止"
    assert not page.terminate_button.isEnabled() and not page.renew_button.isEnabled()
    assert redeemable_now(test_db, venue_id)  # terminated from tomorrow
    with test_db.admin_db.session() as s:
        tomorrow = clock.start_of_day(clock.today() + dt.timedelta(days=1))
        assert not register.redeemable_at(s, venue_id, tomorrow).redeemable


def test_filters_and_focus_from_my_tasks(qtbot, qtmodeltester, test_db, bridge) -> None:
    p, app_id, _venue_id = approved_venue(test_db)
    agreement_id = agreement_in_force(test_db, p, app_id)
    page = open_page(qtbot, test_db, AgreementsPage, p.staff.username)
    assert page.subdistrict.findText("南翔镇") > 0
    page.status.setCurrentIndex(page.status.findData("draft"))
    wait_ops(qtbot)
    assert page.model.rows == [] and page.count.text() == "共 0 份协议"
    assert page.detail_stack.currentIndex() == 0
    # My tasks opens the agreement: the filter that hid it is cleared.
    page.focus_target(str(agreement_id))
    wait_ops(qtbot)
    assert page.status.currentData() is None
    assert page.detail is not None and page.detail.row.id == agreement_id
    page.search.setText("全民健身")
    page.refresh()
    wait_ops(qtbot)
    assert len(page.model.rows) == 1
    assert page.detail is not None and page.detail.row.id == agreement_id  # still selected
    page.search.setText("没有这个场馆")
    page.refresh()
    wait_ops(qtbot)
    assert page.model.rows == [] and page.detail is None
    qtmodeltester.check(page.model)


def test_my_tasks_opens_the_agreement_ending_soon(qtbot, test_db, bridge, monkeypatch) -> None:
    p, app_id, _venue_id = approved_venue(test_db)
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        ending = agreements.generate_from_application(
            s, p.staff, app_id, today - dt.timedelta(days=340), today + dt.timedelta(days=20))
        agreements.send_for_signature(s, p.staff, ending)
        agreements.record_signatures(s, p.staff, ending, bureau_on=today, venue_on=today,
                                     operator_on=today)
        agreements.attach_signed_scan(s, p.staff, ending, "signed.pdf", PDF)
        agreements.put_in_force(s, p.staff, ending)
    # The lead wires the page into the window; here it is wired for this test only.
    monkeypatch.setitem(main_window.PAGE_CLASSES, Page.AGREEMENTS, AgreementsPage)
    window = main_window.MainWindow(test_db.open_as(p.staff.username), p.staff)
    qtbot.addWidget(window)
    window.show()
    wait_ops(qtbot)
    tasks = window.pages[Page.TASKS]
    [row] = [i for i, t in enumerate(tasks.model.rows) if t.kind == "agreement_ending"]
    tasks.table.doubleClicked.emit(tasks.table.model().index(row, 0))
    wait_ops(qtbot)
    page = window.pages[Page.AGREEMENTS]
    assert window.current_page() is page
    assert page.detail is not None and page.detail.row.id == ending
    assert [r.row() for r in page.table.selectionModel().selectedRows()] == [0]
    assert page.renew_button.isEnabled()


def test_approver_reads_and_prints_only(qtbot, test_db, bridge, chooser) -> None:
    p, app_id, _venue_id = approved_venue(test_db)
    agreement_id = agreement_in_force(test_db, p, app_id)
    page = open_page(qtbot, test_db, AgreementsPage, p.approver.username)
    assert not any(b.isVisible() for b in page.staff_buttons)
    page.focus_target(str(agreement_id))
    wait_ops(qtbot)
    assert not page.in_force_button.isEnabled() and not page.terminate_button.isEnabled()
    click(qtbot, page.print_button)
    assert chooser.opened[-1].suffix == ".pdf"
    assert bridge.texts_of("warning") == []


def test_venue_register_suspend_history_and_export(
        qtbot, qtmodeltester, test_db, bridge, chooser, tmp_path) -> None:
    p, app_id, venue_id = approved_venue(test_db)
    agreement_id = agreement_in_force(test_db, p, app_id)
    number = stored(test_db, agreement_id).number
    page = open_page(qtbot, test_db, VenuesPage, p.staff.username)
    [venue] = page.model.rows
    assert (venue.agreement_number, venue.agreement_end) == (
        number, stored(test_db, agreement_id).end_date)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    assert headers[4:8] == ["状态", "巡查", "协议编号", "协议到期"]
    assert page.model.index(0, 5).data() == ""  # no inspection mark
    assert page.model.index(0, 6).data() == number
    assert redeemable_now(test_db, venue_id)

    # Export: by default only what can be redeemed today.
    out = tmp_path / "名录.geojson"
    chooser.save_answers.append(out)
    click(qtbot, page.export_geojson_button)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert [f["properties"]["name"] for f in collection["features"]] == ["南翔全民健身中心"]
    assert collection["features"][0]["properties"]["agreement_number"] == number
    assert bridge.texts_of("info")[-1] == f"已导出 1 个场馆到：\n{out}"

    # 暂停…: without a reason nothing happens; with one the venue is no longer redeemable.
    page.table.selectRow(0)
    assert page.suspend_button.isEnabled() and not page.reinstate_button.isEnabled()
    click(qtbot, page.suspend_button)  # the reason dialog was cancelled
    assert page.model.rows[0].status == "designated"
    bridge.texts.append("价格公示不规范，限期整改")
    click(qtbot, page.suspend_button)
    wait_ops(qtbot)
    assert bridge.texts_of("info")[-1] == "已暂停“南翔全民健身中心”。"
    assert not redeemable_now(test_db, venue_id)
    # The list shows the register in force only: a suspended venue is listed with 包含… ticked.
    assert page.model.rows == [] and page.count.text() == "共 0 个定点且协议生效中的场馆"
    page.include_all.setChecked(True)
    wait_ops(qtbot)
    assert page.model.rows[0].status == "suspended" and page.count.text() == "共 1 个场馆"
    page.table.selectRow(0)
    assert page.reinstate_button.isEnabled() and not page.suspend_button.isEnabled()

    click(qtbot, page.history_button)
    history = page.dialog
    assert isinstance(history, StatusHistoryDialog) and history.isVisible()
    last = history.model.rows[-1]
    assert (last.from_status, last.to_status, last.reason) == (
        "designated", "suspended", "价格公示不规范，限期整改")
    assert last.actor == p.staff.username
    assert history.model.index(len(history.model.rows) - 1, 3).data() == "价格公示不规范，限期整改"
    qtmodeltester.check(history.model)
    history.close()

    # Suspended: the default export has nobody; with 包含… it has the venue (as a workbook).
    page.include_all.setChecked(False)
    wait_ops(qtbot)
    chooser.save_answers.append(tmp_path / "empty.geojson")
    click(qtbot, page.export_geojson_button)
    assert json.loads((tmp_path / "empty.geojson").read_text(encoding="utf-8"))["features"] == []
    page.include_all.setChecked(True)
    wait_ops(qtbot)
    page.table.selectRow(0)
    chooser.save_answers.append(tmp_path / "全部场馆")  # no extension typed: .xlsx is added
    click(qtbot, page.export_xlsx_button)
    workbook = tmp_path / "全部场馆.xlsx"
    assert bridge.texts_of("info")[-1] == f"已导出 1 个场馆到：\n{workbook}"
    cells = [c for r in load_workbook(workbook, read_only=True).active.iter_rows(values_only=True)
             for c in r]
    assert "南翔全民健身中心" in cells

    # 恢复…
    bridge.texts.append("整改完成")
    click(qtbot, page.reinstate_button)
    assert page.model.rows[0].status == "designated"
    assert redeemable_now(test_db, venue_id)
    qtmodeltester.check(page.model)


def test_register_buttons_by_role(qtbot, test_db, bridge) -> None:
    p, _app_id, _venue_id = approved_venue(test_db)
    approver = open_page(qtbot, test_db, VenuesPage, p.approver.username)
    assert not approver.suspend_button.isVisible()
    assert approver.export_xlsx_button.isVisible() and approver.include_all.isVisible()
    clerk = open_page(qtbot, test_db, VenuesPage, p.nanxiang.username)
    assert not clerk.suspend_button.isVisible() and not clerk.export_xlsx_button.isVisible()
    assert clerk.model.rows == [] and clerk.include_all.isVisible()  # no agreement in force
    clerk.include_all.setChecked(True)
    wait_ops(qtbot)
    assert [v.name for v in clerk.model.rows] == ["南翔全民健身中心"]


def test_admin_sets_the_agreement_parties(qtbot, test_db, bridge) -> None:
    test_db.make_user("root_admin", Role.ADMIN)
    page = open_page(qtbot, test_db, AdminPage, "root_admin")
    bureau = page.party_forms["bureau"]
    assert bureau.name.text() == "上海市嘉定区体育局"  # seeded by the migration
    assert page.party_forms["operator"].name.text() == ""

    bureau.representative.setText("王喆")
    bureau.credit_code.setText("11310114002416760B")  # wrong check character
    qtbot.mouseClick(bureau.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert bureau.error.isVisible() and "校验" in bureau.error.text()
    assert bridge.shown == []
    with test_db.admin_db.session() as s:
        row = s.get(PartySetting, "bureau")
        assert row is not None and row.representative == ""

    bureau.credit_code.setText("11310114002416760A")
    qtbot.mouseClick(bureau.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert not bureau.error.isVisible(), bureau.error.text()
    assert "已保存" in bureau.saved.text()
    with test_db.admin_db.session() as s:
        row = s.get(PartySetting, "bureau")
        assert row is not None and row.representative == "王喆" and row.version == 2
    # Saved again with the version it now shows: no "changed by someone else".
    bureau.address.setText("上海市嘉定区博乐路")
    qtbot.mouseClick(bureau.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert not bureau.error.isVisible(), bureau.error.text()


def test_admin_records_the_platform_operator(qtbot, test_db, bridge) -> None:
    test_db.make_user("root_admin", Role.ADMIN)
    page = open_page(qtbot, test_db, AdminPage, "root_admin")
    operator = page.party_forms["operator"]
    operator.name.setText("上海嘉动体育科技有限公司")
    operator.credit_code.setText(OPERATOR_CODE)
    qtbot.mouseClick(operator.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert not operator.error.isVisible(), operator.error.text()
    with test_db.admin_db.session() as s:
        row = s.get(PartySetting, "operator")
        assert row is not None and row.credit_code == OPERATOR_CODE


def test_scan_path_that_cannot_be_read_is_a_plain_message(
        qtbot, test_db, bridge, chooser, tmp_path) -> None:
    p, app_id, _venue_id = approved_venue(test_db)
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
        agreements.send_for_signature(s, p.staff, agreement_id)
    page = open_page(qtbot, test_db, AgreementsPage, p.staff.username)
    page.focus_target(str(agreement_id))
    wait_ops(qtbot)
    chooser.open_answers.append(tmp_path / "gone.pdf")
    click(qtbot, page.upload_button)
    assert "无法读取文件“gone.pdf”" in bridge.texts_of("warning")[-1]
    not_pdf = tmp_path / "scan.pdf"
    not_pdf.write_bytes(b"hello")
    chooser.open_answers.append(not_pdf)
    click(qtbot, page.upload_button)
    assert "不是 PDF、JPEG 或 PNG 文件" in bridge.texts_of("warning")[-1]
    assert page.scans_model.rows == []
    assert Path(tmp_path / "gone.pdf").exists() is False


def test_another_subdistrict_cannot_open_or_print_the_agreement(qtbot, test_db, bridge) -> None:
    p, app_id, _venue_id = approved_venue(test_db)  # a venue of 南翔镇
    agreement_id = agreement_in_force(test_db, p, app_id)
    own = open_page(qtbot, test_db, AgreementsPage, p.nanxiang.username)
    # The subdistrict filter shows the user's own subdistrict, fixed.
    assert not own.subdistrict.isEnabled() and own.subdistrict.currentText() == "南翔镇"
    assert not any(b.isVisible() for b in own.staff_buttons)
    own.focus_target(str(agreement_id))
    wait_ops(qtbot)
    assert own.detail is not None and own.print_button.isEnabled()
    other = open_page(qtbot, test_db, AgreementsPage, p.anting.username)
    assert other.model.rows == []
    other.focus_target(str(agreement_id))
    wait_ops(qtbot)
    assert other.detail is None and not other.print_button.isEnabled()
    other._load_detail(agreement_id)  # even asked directly, the service refuses
    wait_ops(qtbot)
    assert other.detail is None
    # the service refuses; on PostgreSQL row security already hides the agreement itself
    expected = "没有编号为" if test_db.is_postgres else "不在您的管辖范围内"
    assert expected in bridge.texts_of("warning")[-1]
