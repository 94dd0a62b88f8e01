"""The inspections page driven through its widgets, on SQLite and PostgreSQL (there as the
inspector's own login): an inspector opens an assignment, records a failing item with a photo
(a file that is not an image refused in the form), submits; the order is in the list and, once
the venue reports it done, in My tasks; the re-inspection closes it; the notice and the record
are exported and read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from gui_support import wait_ops
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from sqlalchemy import select

from jd_admin.domain.inspections import ItemKind
from jd_admin.models import Inspection, RectificationOrder
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.demo.inspections import FAILED_ITEMS
from jd_admin.services.my_tasks import collect
from jd_admin.ui.inspections.form import InspectionForm
from jd_admin.ui.inspections.page import InspectionsPage, PlanDialog, ReportDoneDialog

AED = FAILED_ITEMS[1]  # asks for a photo when failed, not serious


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def _jpeg(path) -> None:
    image = Image.new("RGB", (640, 480), "orange")
    out = io.BytesIO()
    image.save(out, "JPEG")
    path.write_bytes(out.getvalue())


@pytest.fixture
def planned(demo_db):
    """The demo district and a plan of one venue for inspector1 (its login's password)."""
    test_db, report = demo_db, demo_db.seed
    with test_db.admin_db.session() as s, s.begin():
        bureau = test_db.actor("bureau1")
        venue = insp.risk_scores(s, bureau)[0]
        plan = insp.create_plan(s, bureau, "界面测试计划", [venue.venue_id], "inspector1",
                                clock.today() + dt.timedelta(days=7))
    logins = {d.username: d.password for d in report.new_logins}
    return test_db, plan, venue.venue_name, logins


def open_page(qtbot, test_db, username: str, logins: dict[str, str]) -> InspectionsPage:
    database = (test_db.open_as(username, logins[username]) if test_db.is_postgres
                else test_db.open_as(username))
    page = InspectionsPage(database, test_db.actor(username))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def answer_all(form: InspectionForm, failing: str | None = None) -> None:
    """Every item passed (8 points for a score, nothing for a number or text item); the
    item ``failing`` failed, with a note."""
    for row in form.rows:
        kind = ItemKind(row.item.kind)
        if isinstance(row.answer, QComboBox):
            row.answer.setCurrentIndex(2 if row.item.text == failing else 1)
        elif kind is ItemKind.SCORE:
            assert isinstance(row.answer, QLineEdit)
            row.answer.setText("8")
        if row.item.text == failing:
            row.note.setText("前台未配备急救箱和AED")


def test_record_submit_follow_up_and_close_through_the_page(qtbot, planned, tmp_path, bridge,
                                                            chooser) -> None:
    test_db, plan, venue_name, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    assert not page.plan_button.isVisible()  # plans are the bureau's
    row = next(i for i, a in enumerate(page.assignments_model.rows) if a.plan_id == plan)
    page.assignments_table.selectRow(row)
    click(qtbot, page.start_button)
    form = page.dialog
    assert isinstance(form, InspectionForm) and form.editable
    assert venue_name in form.windowTitle()
    answer_all(form, failing=AED)
    assert "限期整改" in form.result_label.text()
    aed = next(r for r in form.rows if r.item.text == AED)
    # a file that is not an image is refused in the form, with its message
    bad = tmp_path / "not-a-photo.jpg"
    bad.write_bytes(b"GIF89a but not really")
    chooser.open_answers = [bad]
    click(qtbot, aed.photos)
    assert "不是可识别" in form.error.text() and aed.photo_count == 0
    # submitting without the photo the failed item asks for is refused, the form stays open
    bridge.answers = [True]
    click(qtbot, form.submit_button)
    assert form.isVisible() and "急救箱" in form.error.text()
    photo = tmp_path / "aed.jpg"
    _jpeg(photo)
    chooser.open_answers = [photo]
    click(qtbot, aed.photos)
    assert aed.photo_count == 1 and "1" in aed.photos.text()
    bridge.answers = [True]
    click(qtbot, form.submit_button)
    assert not form.isVisible() and form.submitted is not None
    assert form.submitted.result == "rectify" and form.submitted.order_id is not None
    wait_ops(qtbot)
    assert any("整改通知" in t for t in bridge.texts_of("info")), bridge.shown
    order_id = form.submitted.order_id
    page.tabs.setCurrentIndex(2)
    order_row = next(i for i, o in enumerate(page.orders_model.rows) if o.id == order_id)
    page.orders_table.selectRow(order_row)
    wait_ops(qtbot)
    # the notice, exported and read back
    chooser.save_answers = [tmp_path / "notice"]
    page.export("notice")
    wait_ops(qtbot)
    notice = "".join(p.extract_text() for p in PdfReader(tmp_path / "notice.pdf").pages)
    assert "整改通知书" in notice and venue_name in notice and "急救箱" in notice
    # the venue reports it done
    click(qtbot, page.report_button)
    dialog = page.dialog
    assert isinstance(dialog, ReportDoneDialog)
    dialog.note.setText("已配备急救箱和AED，并培训前台人员")
    chooser.open_answers = [photo]
    click(qtbot, dialog.findChild(type(page.report_button), "addEvidenceButton"))
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    wait_ops(qtbot)
    with test_db.admin_db.session() as s:
        assert s.get(RectificationOrder, order_id).status == "reported"
        me = test_db.actor("inspector1")
        titles = [str(t.title) for t in collect(s, me, clock.now())]
        number = s.get(RectificationOrder, order_id).number
        assert any(number in t for t in titles), titles
    # the re-inspection passes and closes the order
    page.tabs.setCurrentIndex(2)
    order_row = next(i for i, o in enumerate(page.orders_model.rows) if o.id == order_id)
    page.orders_table.selectRow(order_row)
    wait_ops(qtbot)
    click(qtbot, page.reinspect_button)
    again = page.dialog
    assert isinstance(again, InspectionForm) and again is not form
    answer_all(again)
    assert "合格" in again.result_label.text()
    bridge.answers = [True]
    click(qtbot, again.submit_button)
    assert again.submitted is not None and again.submitted.followed_order == "closed"
    wait_ops(qtbot)
    with test_db.admin_db.session() as s:
        assert s.get(RectificationOrder, order_id).status == "closed"
        first = s.scalar(select(Inspection).where(Inspection.id == form.detail.row.id))
        assert first.status == "submitted" and first.result == "rectify"
    # the record of the first inspection: its venue, the failed item, the deadline and the photo
    page.tabs.setCurrentIndex(1)
    row = next(i for i, r in enumerate(page.inspections_model.rows)
               if r.id == form.detail.row.id)
    page.inspections_table.selectRow(row)
    wait_ops(qtbot)
    chooser.save_answers = [tmp_path / "record.pdf"]
    page.export("report")
    wait_ops(qtbot)
    reader = PdfReader(tmp_path / "record.pdf")
    record = "".join(p.extract_text() for p in reader.pages)
    assert venue_name in record and "急救箱" in record
    assert first.rectify_by is not None and first.rectify_by.isoformat()[:4] in record
    images = sum(len(p.images) for p in reader.pages)
    assert images >= 1


def test_a_submitted_inspection_opens_read_only(qtbot, planned, bridge) -> None:
    test_db, _plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    page.tabs.setCurrentIndex(1)
    row = next(i for i, r in enumerate(page.inspections_model.rows) if r.status == "submitted")
    page.inspections_table.selectRow(row)
    wait_ops(qtbot)
    click(qtbot, page.open_button)
    form = page.dialog
    assert isinstance(form, InspectionForm) and not form.editable
    assert not form.submit_button.isVisible() and not form.rows[0].answer.isEnabled()
    form.reject()
    wait_ops(qtbot)  # (closing refreshes the page)


def test_the_form_shows_what_the_venue_filed(qtbot, planned, bridge) -> None:
    """备案信息 above the items: the filed sports with their list prices and the filed coaches
    with their certificate numbers, to compare on site; folded away by its button."""
    test_db, _plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    page.tabs.setCurrentIndex(1)
    page.inspections_table.selectRow(0)
    wait_ops(qtbot)
    click(qtbot, page.open_button)
    form = page.dialog
    assert isinstance(form, InspectionForm)
    with test_db.admin_db.session() as s:
        filed = insp.filed_reference(s, test_db.actor("bureau1"), form.detail.row.venue_id)
    assert filed.coaches and filed.sports
    panel = form.findChild(QWidget, "filedPanel")
    assert panel is not None and panel.isVisible()
    for sport, price in filed.sports:
        assert f"{sport} {price:,.2f} 元" in form.filed_sports.text()
    for name, qualification, number in filed.coaches:
        assert name in form.filed_coaches.text() and number in form.filed_coaches.text()
        assert qualification in form.filed_coaches.text()
    click(qtbot, form.filed_toggle)
    assert not form.filed_coaches.isVisible() and form.filed_toggle.isVisible()
    click(qtbot, form.filed_toggle)
    assert form.filed_coaches.isVisible()
    form.reject()
    wait_ops(qtbot)


def test_the_bureau_plans_a_subdistrict_and_the_riskiest_venues(qtbot, planned,
                                                                bridge) -> None:
    """Bureau staff plan every designated venue of one subdistrict for an inspector, then the
    three riskiest venues; the assignments carry each venue's risk score and its parts."""
    test_db, _plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "bureau1", logins)
    assert page.plan_button.isVisible() and page.withdraw_button.isVisible()
    with test_db.admin_db.session() as s:
        risks = insp.risk_scores(s, test_db.actor("bureau1"))
    click(qtbot, page.plan_button)
    dialog = page.dialog
    assert isinstance(dialog, PlanDialog)
    wait_ops(qtbot)
    assert dialog.risk_model.rows and dialog.inspector.count() >= 1
    name = dialog.subdistrict.itemText(0)
    dialog.subdistrict.setCurrentIndex(0)
    click(qtbot, dialog.findChild(type(page.plan_button), "pickSubdistrictButton"))
    wanted = {r.venue_id for r in risks if r.subdistrict_name == name}
    assert set(dialog.chosen_venues()) == wanted
    dialog.inspector.setCurrentIndex(dialog.inspector.findData("inspector2"))
    dialog.name.setText("南翔镇全覆盖巡查")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and dialog.plan_id is not None
    with test_db.admin_db.session() as s:
        made = insp.list_assignments(s, test_db.actor("bureau1"), plan_id=dialog.plan_id)
    assert {a.venue_id for a in made} == wanted
    assert all(a.inspector == "inspector2" and a.risk_parts for a in made)
    click(qtbot, page.plan_button)
    dialog = page.dialog
    wait_ops(qtbot)
    dialog.top_n.setValue(3)
    click(qtbot, dialog.findChild(type(page.plan_button), "pickRiskiestButton"))
    top = sorted(risks, key=lambda r: (-r.score, r.venue_name))[:3]
    assert set(dialog.chosen_venues()) == {r.venue_id for r in top}
    dialog.discard()
    wait_ops(qtbot)


def test_the_keyboard_alone_saves_a_draft(qtbot, planned, bridge) -> None:
    """Ctrl+S saves the draft from wherever the cursor is; the answer is in the database."""
    test_db, plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    row = next(i for i, a in enumerate(page.assignments_model.rows) if a.plan_id == plan)
    page.assignments_table.selectRow(row)
    page.assignments_table.setFocus()
    qtbot.keyClick(page.start_button, Qt.Key.Key_Space)
    wait_ops(qtbot)
    form = page.dialog
    assert isinstance(form, InspectionForm)
    first = next(r for r in form.rows if isinstance(r.answer, QComboBox))
    first.answer.setFocus()
    qtbot.keyClick(first.answer, Qt.Key.Key_Down)  # (未填) → 合格
    assert first.answer.currentIndex() == 1
    qtbot.keyClick(first.answer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    assert "已保存" in form.result_label.text()
    with test_db.admin_db.session() as s:
        detail = insp.inspection_detail(s, test_db.actor("inspector1"), form.detail.row.id)
    assert next(i for i in detail.items if i.id == first.item.id).passed is True
    form.reject()
    wait_ops(qtbot)


def _open_form(qtbot, page, plan) -> InspectionForm:
    row = next(i for i, a in enumerate(page.assignments_model.rows) if a.plan_id == plan)
    page.assignments_table.selectRow(row)
    click(qtbot, page.start_button)
    form = page.dialog
    assert isinstance(form, InspectionForm)
    return form


def test_the_form_stays_open_while_it_saves_and_says_saved_once(qtbot, planned,
                                                                bridge) -> None:
    """While a save or the submission runs, the Close button, Esc and the close box leave the
    form open (the result then arrives for the open form, which closes once); saving twice
    says "saved" once."""
    test_db, plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    form = _open_form(qtbot, page, plan)
    closed: list[int] = []
    form.finished.connect(closed.append)
    answer_all(form)
    form.save()  # running: the op's result is delivered through the event loop
    assert not form.close_button.isEnabled() and not form.save_button.isEnabled()
    form.reject()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.close()
    assert form.isVisible() and closed == []
    wait_ops(qtbot)
    assert form.close_button.isEnabled() and form.result_label.text().count("已保存") == 1
    click(qtbot, form.save_button)
    assert form.result_label.text().count("已保存") == 1
    bridge.answers = [True]
    form.submit()
    form.reject()
    assert form.isVisible()
    wait_ops(qtbot)
    assert not form.isVisible() and form.submitted is not None and len(closed) == 1
    wait_ops(qtbot)
    assert sum(1 for kind, _t in bridge.shown if kind == "info") == 1, bridge.shown


def test_a_photo_too_large_is_refused_before_it_is_read(qtbot, planned, tmp_path, bridge,
                                                        chooser) -> None:
    """The size is checked before the file is read (no op started), with the service's
    message; the same for the evidence of a rectification reported done."""
    from jd_admin.services.inspections import photos

    test_db, plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    form = _open_form(qtbot, page, plan)
    big = tmp_path / "huge.jpg"
    with big.open("wb") as f:  # sparse: nothing to read, the size is what counts
        f.truncate(photos.MAX_INPUT_BYTES + 1)
    row = form.rows[0]
    chooser.open_answers = [big]
    form.add_photo(row)  # not waited for: refused at once, no op started
    assert "照片文件过大" in form.error.text() and form.save_button.isEnabled()
    assert row.photo_count == 0
    wait_ops(qtbot)
    assert row.photo_count == 0 and "照片文件过大" in form.error.text()
    form.reject()
    wait_ops(qtbot)
    # the evidence of a rectification: refused before reading, the order untouched (none
    # is needed: nothing reaches the database)
    now = clock.now()
    order = insp.OrderRow(0, "JD-0", 0, 0, "某场馆", "某街道", clock.today(), "issued", (),
                          "inspector1", now, None, None, None, None, None, 1, False)
    dialog = ReportDoneDialog(page, page.database, page.actor, order)
    qtbot.addWidget(dialog)
    dialog.note.setText("已整改")
    chooser.open_answers = [big]
    dialog.add_photo()
    dialog.save()  # not waited for: refused at once
    assert "照片文件过大" in dialog.error.text() and dialog.ok_button.isEnabled()


def test_nothing_floats_over_the_inspectors_page(qtbot, planned) -> None:
    """An inspector's page has no training tab, and no widget of it shows outside the tabs."""
    test_db, _plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    assert [page.tabs.tabText(i)[:4] for i in range(page.tabs.count())] == [
        "巡查任务", "巡查记录", "整改通知"]
    assert not page.training_table.isVisible()


def test_escape_on_a_filled_form_asks_and_a_saved_one_closes(qtbot, planned, bridge) -> None:
    """The rule of every dialog with input: Escape on typed answers asks before throwing them
    away (No keeps them); once saved, nothing is lost and Escape closes at once."""
    test_db, plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    form = _open_form(qtbot, page, plan)
    answer_all(form, failing=AED)
    bridge.answers.append(False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == ["放弃已填写的内容？"] and form.isVisible()
    aed = next(r for r in form.rows if r.item.text == AED)
    assert aed.note.text() == "前台未配备急救箱和AED"
    click(qtbot, form.save_button)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == ["放弃已填写的内容？"] and not form.isVisible()
    wait_ops(qtbot)  # (the page reloads after the form closed)


def test_a_rectification_date_the_field_did_not_take_is_not_saved(qtbot, planned,
                                                                   bridge) -> None:
    """整改期限 typed as no date (20261331) and left: the save says so instead of saving the
    day the field fell back to."""
    test_db, plan, _venue, logins = planned
    page = open_page(qtbot, test_db, "inspector1", logins)
    form = _open_form(qtbot, page, plan)
    answer_all(form, failing=next(r.item.text for r in form.rows
                                  if isinstance(r.answer, QComboBox)))
    form.recompute()
    assert form.rectify_by.isEnabled()
    form.rectify_by.setFocus()
    form.rectify_by.lineEdit().selectAll()
    qtbot.keyClicks(form.rectify_by, "20261331")
    qtbot.keyClick(form.rectify_by, Qt.Key.Key_Tab)
    click(qtbot, form.save_button)
    wait_ops(qtbot)
    assert "20261331" in form.error.text()
    assert "已保存" not in form.result_label.text()
    assert form.rectify_by.hasFocus()
    form.discard()
    wait_ops(qtbot)  # (closing refreshes the page)
