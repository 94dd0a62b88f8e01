"""场馆招募 in the GUI, on SQLite and PostgreSQL: the call, the application, its materials and
both reviews driven through the real page and dialogs, down to the designated venue and the
printed review form; scope, field errors, refused files and the Excel form."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from gui_support import wait_ops
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import func, select

from jd_admin.domain.recruitment import APPLICATION_WORKFLOW, CALL_WORKFLOW
from jd_admin.models import Application, Attachment, RecruitmentCall, Role, Venue
from jd_admin.reports.application_form import FIELD_ROWS, SPORTS, write_template
from jd_admin.services import clock
from jd_admin.services.identifiers import credit_code_check_char
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_input import ApplicationInput, Coach, SportPrice
from jd_admin.ui import labels
from jd_admin.ui.recruitment.application_detail_dialog import ApplicationDetailDialog
from jd_admin.ui.recruitment.application_form_dialog import ApplicationFormDialog
from jd_admin.ui.recruitment.page import RecruitmentPage

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")

VENUE = "南翔镇翔悦游泳馆"


def credit_code(body: str = "91310114MA1G8J2K3") -> str:
    return body + credit_code_check_char(body)


def wrong_check_digit(code: str) -> str:
    return code[:17] + ("1" if code[17] != "1" else "2")


def valid_input(name: str = VENUE, code: str | None = None) -> ApplicationInput:
    return ApplicationInput(
        venue_name=name, venue_type="commercial", address="上海市嘉定区南翔镇德华路 88 号",
        credit_code=code or credit_code(), legal_representative="周建国", contact_name="王芳",
        contact_mobile="13812345678", opening_hours="周一至周日 9:00-21:00", capacity=120,
        sports=(SportPrice("游泳", Decimal("80.00")),),
        coaches=(Coach("李强", "游泳社会体育指导员（国家职业资格四级）", "2023-SH-0815"),),
        bank_name="中国工商银行上海嘉定支行", bank_account_name="上海翔悦体育发展有限公司",
        bank_account_number="1001 2345 6789 0123", safety_measures="持证救生员在岗，每日水质检测。",
    )


def open_page(qtbot, test_db, username: str) -> RecruitmentPage:
    """The page as ``username`` sees it, wired as the main window wires it (a change refreshes)."""
    page = RecruitmentPage(test_db.open_as(username), test_db.actor(username))
    page.data_changed.connect(page.refresh)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def click(qtbot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    wait_ops(qtbot)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def count(test_db, model) -> int:
    with test_db.admin_db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def published_call(test_db, title: str = "2026 年度定点场馆招募") -> int:
    """A published call open today, made through the services."""
    bureau = test_db.actor("bureau_staff1")
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        call_id = recruitment.create_call(s, bureau, recruitment.CallInput(
            title, today - dt.timedelta(days=1), today + dt.timedelta(days=30),
            ("public", "commercial"), ("游泳", "羽毛球"), "依法登记、安全达标",
            "营业执照、场馆照片"))
        recruitment.set_call_status(s, bureau, call_id, "published")
    return call_id


def seeded_application(test_db, username: str = "nanxiang1") -> int:
    call_id = published_call(test_db)
    with test_db.admin_db.session() as s, s.begin():
        return recruitment.create_application(s, test_db.actor(username), call_id, valid_input())


def fill_form(dialog: ApplicationFormDialog, data: ApplicationInput, qtbot) -> None:
    """Type ``data`` into the form (Chinese with setText: keyClicks cannot type CJK)."""
    dialog.venue_name.setText(data.venue_name)
    dialog.venue_type.setCurrentIndex(dialog.venue_type.findData(data.venue_type))
    dialog.address.setText(data.address)
    dialog.credit_code.clear()
    qtbot.keyClicks(dialog.credit_code, data.credit_code)
    dialog.legal_representative.setText(data.legal_representative)
    dialog.contact_name.setText(data.contact_name)
    dialog.contact_mobile.clear()
    qtbot.keyClicks(dialog.contact_mobile, data.contact_mobile)
    dialog.opening_hours.setText(data.opening_hours)
    dialog.capacity.setValue(data.capacity)
    dialog.sports.setRowCount(0)
    for sp in data.sports:
        dialog.add_sport_row(sp.sport, str(sp.list_price))
    dialog.coaches.setRowCount(0)
    for c in data.coaches:
        dialog.add_coach_row(c.name, c.qualification, c.certificate_number)
    dialog.bank_name.setText(data.bank_name)
    dialog.bank_account_name.setText(data.bank_account_name)
    dialog.bank_account_number.clear()
    qtbot.keyClicks(dialog.bank_account_number, data.bank_account_number)
    dialog.safety_measures.setPlainText(data.safety_measures)


def review(qtbot, detail: ApplicationDetailDialog, target: str, opinion: str) -> None:
    """Take the review step ``target`` with ``opinion`` in its opinion dialog."""
    click(qtbot, detail.action_buttons[target])
    dialog = detail.review_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.comment.setPlainText(opinion)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.error.text()


def test_call_to_designated_venue_end_to_end(qtbot, test_db, bridge, chooser, tmp_path) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")

    # The bureau writes and publishes a call.
    bureau_page = open_page(qtbot, test_db, "bureau_staff1")
    assert bureau_page.new_call_button.isVisible()
    assert not bureau_page.new_application_button.isVisibleTo(bureau_page)
    click(qtbot, bureau_page.new_call_button)
    call_dialog = bureau_page.call_dialog
    assert call_dialog is not None and call_dialog.isVisible()
    call_dialog.title.setText("2026 年度嘉定区体育消费券定点场馆招募")
    call_dialog.sports.setText("游泳、羽毛球，篮球")
    call_dialog.conditions.setPlainText("在嘉定区内依法登记，场地设施符合安全标准。")
    click(qtbot, call_dialog.ok_button)
    assert call_dialog.result() == QDialog.DialogCode.Accepted, call_dialog.error.text()
    [call] = bureau_page.calls_model.rows
    assert call.status == "draft" and call.sports == ("游泳", "羽毛球", "篮球")
    assert call.required_documents.startswith("1. 营业执照")
    bureau_page.calls_table.selectRow(0)
    assert bureau_page.edit_call_button.isEnabled()
    assert not bureau_page.close_call_button.isEnabled()
    bridge.answers.append(True)
    click(qtbot, bureau_page.publish_button)
    [call] = bureau_page.calls_model.rows
    assert call.status == "published"
    bureau_page.calls_table.selectRow(0)
    assert not bureau_page.publish_button.isEnabled() and bureau_page.close_call_button.isEnabled()
    click(qtbot, bureau_page.print_notice_button)
    notice = chooser.opened[-1]
    assert "2026 年度嘉定区体育消费券定点场馆招募" in pdf_text(notice).replace("\n", "")

    # The subdistrict records the venue's application.
    page = open_page(qtbot, test_db, "nanxiang1")
    assert not page.new_call_button.isVisibleTo(page)
    page.tabs.setCurrentIndex(1)
    assert page.new_application_button.isVisible()
    assert not page.subdistrict.isEnabled() and page.subdistrict.currentText() == "南翔镇"
    click(qtbot, page.new_application_button)
    form = page.form_dialog
    assert form is not None and form.isVisible()
    code = credit_code()
    fill_form(form, valid_input(code=code), qtbot)
    click(qtbot, form.ok_button)
    assert form.result() == QDialog.DialogCode.Accepted, form.error.text()
    detail = page.detail_dialog
    assert detail is not None and detail.isVisible()
    app_id = detail.detail.id
    assert detail.status.text() == "草稿" and detail.venue.text() == VENUE
    assert [r.venue_name for r in page.applications_model.rows] == [VENUE]

    # ... uploads the business licence ...
    licence = tmp_path / "营业执照.pdf"
    licence.write_bytes(b"%PDF-1.4 scanned business licence")
    chooser.open_answers.append(licence)
    detail.tabs.setCurrentIndex(1)
    detail.kind.setCurrentIndex(detail.kind.findData("business_licence"))
    click(qtbot, detail.upload_button)
    [attachment] = detail.attachments_model.rows
    assert (attachment.kind, attachment.filename) == ("business_licence", "营业执照.pdf")

    # ... submits it (a confirmation) and approves it with an opinion.
    assert set(detail.action_buttons) == {"submitted"}
    bridge.answers.append(True)
    click(qtbot, detail.action_buttons["submitted"])
    assert detail.status.text() == "已提交"
    assert not detail.edit_button.isVisible()
    review(qtbot, detail, "subdistrict_approved", "材料齐全，场地安全，同意推荐。")
    assert detail.status.text() == "街镇审核通过"
    assert detail.action_buttons == {}
    assert page.applications_model.rows[0].status == "subdistrict_approved"

    # The bureau opens it from its page and gives the final approval (审定).
    bureau_page.refresh()
    wait_ops(qtbot)
    bureau_page.tabs.setCurrentIndex(1)
    assert [r.id for r in bureau_page.applications_model.rows] == [app_id]
    bureau_page.applications_table.selectRow(0)
    click(qtbot, bureau_page.view_button)
    decision = bureau_page.detail_dialog
    assert decision is not None and decision.isVisible()
    decision.tabs.setCurrentIndex(2)
    assert decision.opinions["subdistrict"][0].text() == "材料齐全，场地安全，同意推荐。"
    assert set(decision.action_buttons) == {"bureau_approved", "returned", "rejected"}
    review(qtbot, decision, "bureau_approved", "同意列为定点场馆。")
    assert decision.status.text() == "区体育局审定通过"
    assert any("定点场馆名录" in t for t in bridge.texts_of("info"))

    with test_db.admin_db.session() as s:
        app = s.get(Application, app_id)
        assert app is not None
        assert app.status == "bureau_approved" and app.venue_id is not None
        assert app.subdistrict_opinion == "材料齐全，场地安全，同意推荐。"
        assert app.bureau_opinion == "同意列为定点场馆。"
        venue = s.scalar(select(Venue).where(Venue.credit_code == code))
        assert venue is not None and venue.id == app.venue_id
        assert (venue.name, venue.status) == (VENUE, "designated")

    # The review form, with both opinions, prints from the dialog.
    click(qtbot, decision.print_button)
    form_pdf = chooser.opened[-1]
    assert form_pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(form_pdf)
    assert VENUE in text and code in text


def test_call_dialog_shows_the_services_refusal_and_closing_ends_intake(
        qtbot, test_db, bridge) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    page = open_page(qtbot, test_db, "bureau_staff1")
    click(qtbot, page.new_call_button)
    dialog = page.call_dialog
    assert dialog is not None
    dialog.title.setText("游泳专项招募")
    dialog.sports.setText("游泳")
    dialog.conditions.setPlainText("公共游泳馆")
    for box in dialog.venue_types.values():
        box.setChecked(False)
    click(qtbot, dialog.ok_button)
    assert "请选择适用的场馆类型" in dialog.error.text() and dialog.isVisible()
    dialog.venue_types["public"].setChecked(True)
    dialog.close_date.setDate(dialog.open_date.date().addDays(-1))
    click(qtbot, dialog.ok_button)
    assert "截止日期不能早于开始日期" in dialog.error.text()
    assert count(test_db, RecruitmentCall) == 0
    dialog.discard()

    published_call(test_db)
    page.refresh()
    wait_ops(qtbot)
    page.calls_table.selectRow(0)
    bridge.answers.append(False)  # thought better of it: nothing happens
    click(qtbot, page.close_call_button)
    assert page.calls_model.rows[0].status == "published"
    bridge.answers.append(True)
    click(qtbot, page.close_call_button)
    assert page.calls_model.rows[0].status == "closed"
    assert page.calls_model.rows[0].status_label == "已截止"

    subdistrict = open_page(qtbot, test_db, "nanxiang1")
    subdistrict.tabs.setCurrentIndex(1)
    click(qtbot, subdistrict.new_application_button)
    assert subdistrict.form_dialog is None
    assert "没有处于报名期的招募公告" in bridge.texts_of("warning")[-1]


def test_other_subdistrict_neither_lists_nor_opens_the_application(qtbot, test_db, bridge) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    test_db.make_user("anting1", Role.SUBDISTRICT, subdistrict="安亭镇")
    app_id = seeded_application(test_db)

    page = open_page(qtbot, test_db, "anting1")
    assert page.subdistrict.currentText() == "安亭镇" and not page.subdistrict.isEnabled()
    assert [c.title for c in page.calls_model.rows] == ["2026 年度定点场馆招募"]
    assert page.applications_model.rows == []
    assert page.count.text() == "共 0 份申请"
    page.focus_target(str(app_id))
    wait_ops(qtbot)
    assert page.detail_dialog is None
    [warning] = bridge.texts_of("warning")
    assert recruitment.application_number(app_id) in warning and "管辖范围" in warning

    # Its own subdistrict does see and open it (the same call, the other user).
    own = open_page(qtbot, test_db, "nanxiang1")
    assert [r.id for r in own.applications_model.rows] == [app_id]
    own.focus_target(str(app_id))
    wait_ops(qtbot)
    assert own.detail_dialog is not None and own.detail_dialog.detail.id == app_id
    assert own.detail_dialog.isVisible()


def test_bad_input_names_every_field_and_saves_nothing(qtbot, test_db, bridge) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    published_call(test_db)
    page = open_page(qtbot, test_db, "nanxiang1")
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.new_application_button)
    form = page.form_dialog
    assert form is not None
    good = valid_input()
    fill_form(form, good, qtbot)
    form.credit_code.setText(wrong_check_digit(good.credit_code))
    form.contact_mobile.setText("12345")
    form.add_sport_row("羽毛球", "60")
    form.sports.item(0, 1).setText("-5")

    # A price that is not a price is caught in the dialog, with everything else wrong.
    click(qtbot, form.ok_button)
    errors = form.error.text()
    assert "运动项目及挂牌价第 1 行：价格不能为负数" in errors
    assert "统一社会信用代码：" in errors and "校验码" in errors
    assert "联系人手机：" in errors
    assert form.is_marked("credit_code") and "校验码" in form.credit_code.toolTip()
    assert form.is_marked("contact_mobile") and form.contact_mobile.toolTip()
    assert form.is_marked("sports") and "第 1 行" in form.sports.toolTip()
    assert form.sports.item(0, 1).toolTip() == "价格不能为负数"
    assert not form.is_marked("venue_name") and not form.is_marked("bank_account_number")
    assert form.isVisible() and count(test_db, Application) == 0

    # The price fixed: the service refuses the rest, the dialog marks what it named.
    form.sports.item(0, 1).setText("80")
    click(qtbot, form.ok_button)
    errors = form.error.text()
    assert "运动项目及挂牌价" not in errors and not form.is_marked("sports")
    assert form.is_marked("credit_code") and form.is_marked("contact_mobile")
    assert form.isVisible() and count(test_db, Application) == 0

    # A duplicated sport is named by its row in the table, as the user sees it.
    form.credit_code.setText(good.credit_code)
    form.contact_mobile.setText(good.contact_mobile)
    form.add_sport_row("", "")  # an empty row is ignored ...
    form.add_sport_row("游泳", "90")  # ... so this is row 4 of the table, entry 3 for the service
    click(qtbot, form.ok_button)
    assert "运动项目及挂牌价第 4 行：项目“游泳”重复" in form.error.text()
    assert form.sports.item(3, 0).toolTip() == "项目“游泳”重复"
    assert count(test_db, Application) == 0

    form.sports.removeRow(3)
    click(qtbot, form.ok_button)
    assert form.result() == QDialog.DialogCode.Accepted, form.error.text()
    assert count(test_db, Application) == 1


def test_a_text_file_named_pdf_is_refused(qtbot, test_db, bridge, chooser, tmp_path) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    app_id = seeded_application(test_db)
    page = open_page(qtbot, test_db, "nanxiang1")
    page.focus_target(str(app_id))
    wait_ops(qtbot)
    detail = page.detail_dialog
    assert detail is not None
    fake = tmp_path / "营业执照.pdf"
    fake.write_text("这其实是一个文本文件", encoding="utf-8")
    chooser.open_answers.append(fake)
    detail.tabs.setCurrentIndex(1)
    click(qtbot, detail.upload_button)
    [warning] = bridge.texts_of("warning")
    assert "营业执照.pdf" in warning and "不是 PDF、JPEG 或 PNG 文件" in warning
    assert detail.attachments_model.rows == []
    assert count(test_db, Attachment) == 0

    # Submitting without a licence is refused with the service's message before anything is
    # asked; nothing changes.
    click(qtbot, detail.action_buttons["submitted"])
    assert "营业执照" in bridge.texts_of("warning")[-1]
    assert bridge.texts_of("ask") == []
    assert detail.status.text() == "草稿"


def fill_template(path: Path, *, code: str, name: str = "南翔镇翔悦羽毛球馆") -> None:
    write_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    values = {
        "venue_name": name, "venue_type": "经营性体育场馆",
        "address": "上海市嘉定区南翔镇真南路 1 号",
        "credit_code": code, "legal_representative": "周建国", "contact_name": "王芳",
        "contact_mobile": "13812345678", "opening_hours": "周一至周日 9:00-21:00", "capacity": 80,
        "bank_name": "中国银行上海嘉定支行", "bank_account_name": "上海翔悦体育发展有限公司",
        "bank_account_number": "4563 5100 0001 2345",
    }
    for field, value in values.items():
        ws[f"B{FIELD_ROWS[field]}"] = value
    ws[f"A{SPORTS.first_row}"] = "羽毛球"
    ws[f"B{SPORTS.first_row}"] = 60
    wb.save(path)


def test_excel_form_import_creates_a_draft_or_names_the_bad_cells(
        qtbot, test_db, bridge, chooser, tmp_path) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    published_call(test_db)
    page = open_page(qtbot, test_db, "nanxiang1")
    page.tabs.setCurrentIndex(1)

    template = tmp_path / "模板.xlsx"
    chooser.save_answers.append(template)
    click(qtbot, page.template_button)
    assert openpyxl.load_workbook(template).sheetnames[0] == "自荐申请表"
    assert "已保存申请表模板" in bridge.texts_of("info")[-1]

    bad = tmp_path / "填错的申请表.xlsx"
    fill_template(bad, code=wrong_check_digit(credit_code("91310114MA1G8J2K4")))
    wb = openpyxl.load_workbook(bad)
    wb.worksheets[0][f"B{SPORTS.first_row}"] = "-5"
    wb.save(bad)
    chooser.open_answers.append(bad)
    click(qtbot, page.import_button)
    [warning] = bridge.texts_of("warning")
    assert "填错的申请表.xlsx" in warning and "2 处需要修改" in warning
    assert f"B{FIELD_ROWS['credit_code']}（统一社会信用代码）" in warning
    assert f"B{SPORTS.first_row}（挂牌价，第 1 行）" in warning
    assert page.detail_dialog is None and count(test_db, Application) == 0

    good = tmp_path / "申请表.xlsx"
    code = credit_code("91310114MA1G8J2K4")
    fill_template(good, code=code)
    chooser.open_answers.append(good)
    click(qtbot, page.import_button)
    detail = page.detail_dialog
    assert detail is not None and detail.isVisible()
    assert detail.venue.text() == "南翔镇翔悦羽毛球馆" and detail.status.text() == "草稿"
    sports = [(s.sport, s.list_price) for s in detail.detail.data.sports]
    assert sports == [("羽毛球", Decimal("60.00"))]
    assert [r.credit_code for r in page.applications_model.rows] == [code]
    with test_db.admin_db.session() as s:
        assert s.scalars(select(Application.status)).all() == ["draft"]


def test_edit_keeps_the_data_and_refuses_a_stale_version(qtbot, test_db, bridge) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    app_id = seeded_application(test_db)
    page = open_page(qtbot, test_db, "nanxiang1")
    page.focus_target(str(app_id))
    wait_ops(qtbot)
    detail = page.detail_dialog
    assert detail is not None
    click(qtbot, detail.edit_button)
    form = detail.form_dialog
    assert form is not None and form.isVisible()
    assert form.venue_name.text() == VENUE and form.sports.item(0, 1).text() == "80.00"
    assert form.coaches.rowCount() == 1 and not form.call.isEnabled()

    # Someone else changes it meanwhile: this save is refused, nothing is overwritten.
    with test_db.admin_db.session() as s, s.begin():
        recruitment.update_application(s, test_db.actor("nanxiang1"), app_id,
                                       valid_input(name="别人改的名字"))
    form.venue_name.setText("翔悦游泳健身中心")
    click(qtbot, form.ok_button)
    # (who changed it and when: the trail's last change — on PostgreSQL the login's, here the
    # setup's superuser)
    assert re.search(r"该申请已于 \d{4}-\d\d-\d\d \d\d:\d\d 被 \S+（\w+）修改，请刷新后重试",
                     form.error.text()) and form.isVisible()
    form.discard()

    detail.reload()
    wait_ops(qtbot)
    assert detail.venue.text() == "别人改的名字"
    click(qtbot, detail.edit_button)
    form = detail.form_dialog
    assert form is not None
    form.venue_name.setText("翔悦游泳健身中心")
    click(qtbot, form.ok_button)
    assert form.result() == QDialog.DialogCode.Accepted, form.error.text()
    assert detail.venue.text() == "翔悦游泳健身中心"
    assert page.applications_model.rows[0].venue_name == "翔悦游泳健身中心"


def test_table_models_pass_the_model_tester(qtbot, qtmodeltester, test_db, bridge) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    app_id = seeded_application(test_db)
    with test_db.admin_db.session() as s, s.begin():
        recruitment.add_attachment(s, test_db.actor("nanxiang1"), app_id, "photo", "场馆.png",
                                   b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    page = open_page(qtbot, test_db, "bureau_staff1")
    assert len(page.calls_model.rows) == 1 and len(page.applications_model.rows) == 1
    qtmodeltester.check(page.calls_model)
    qtmodeltester.check(page.applications_model)
    detail = ApplicationDetailDialog(page, page.database, page.actor, _detail(test_db, app_id))
    qtbot.addWidget(detail)
    for model in (detail.sports_model, detail.coaches_model, detail.attachments_model,
                  detail.history_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    assert detail.action_buttons == {} and not detail.edit_button.isVisible()


def _detail(test_db, app_id: int) -> recruitment.ApplicationDetail:
    with test_db.admin_db.session() as s:
        return recruitment.application_detail(s, test_db.actor("bureau_staff1"), app_id)


def test_state_labels_match_the_workflows(qapp) -> None:
    for state in APPLICATION_WORKFLOW.states:
        assert labels.of(APPLICATION_WORKFLOW.states, state) == str(state.label)
    for state in CALL_WORKFLOW.states:
        assert labels.of(CALL_WORKFLOW.states, state) == str(state.label)
