"""One rule for every dialog with input (widgets.FormDialog), on SQLite and PostgreSQL: Escape,
取消 and the close box ask before throwing away what was typed, an untouched dialog closes at
once, and after a refused save the input stays and the focus is on the field at fault, never
on 取消 (where Enter would close the dialog)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from recruitment_support import approved_application, open_call, people
from test_gui_recruitment import (
    click,
    fill_form,
    open_page,
    published_call,
    seeded_application,
    valid_input,
)

from jd_admin.models import Role
from jd_admin.services import clock
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.ui.agreements.dialogs import SignaturesDialog
from jd_admin.ui.recruitment.application_form_dialog import ApplicationFormDialog
from jd_admin.ui.widgets import FormDialog

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")

DISCARD = "放弃已填写的内容？"


def new_application_form(qtbot, test_db):
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    published_call(test_db)
    page = open_page(qtbot, test_db, "nanxiang1")
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.new_application_button)
    form = page.form_dialog
    assert form is not None and form.isVisible()
    return form


def cancel_button(dialog: FormDialog):
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Cancel)


def test_escape_on_a_filled_form_asks_and_keeps_it_on_no(qtbot, test_db, bridge) -> None:
    form = new_application_form(qtbot, test_db)
    fill_form(form, valid_input(), qtbot)
    assert form.is_changed()

    bridge.answers.append(False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == [DISCARD]
    assert form.isVisible() and form.venue_name.text() == valid_input().venue_name
    assert form.sports.item(0, 0).text() == "游泳"

    # 取消 asks the same (so does the window's close box: a spontaneous close event, which
    # a test cannot send; a close() by the program does not ask, see below).
    bridge.answers.append(False)
    click(qtbot, cancel_button(form))
    assert bridge.texts_of("ask") == [DISCARD, DISCARD] and form.isVisible()

    bridge.answers.append(True)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == [DISCARD, DISCARD, DISCARD]
    assert not form.isVisible() and form.result() == QDialog.DialogCode.Rejected


def test_a_changed_table_cell_alone_counts(qtbot, test_db, bridge) -> None:
    form = new_application_form(qtbot, test_db)
    form.sports.item(0, 1).setText("80")
    bridge.answers.append(False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == [DISCARD] and form.isVisible()
    # Put back as it was: nothing to lose, so no question.
    form.sports.item(0, 1).setText("")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == [DISCARD] and not form.isVisible()


def test_escape_on_an_untouched_dialog_closes_without_asking(qtbot, test_db, bridge) -> None:
    form = new_application_form(qtbot, test_db)
    assert not form.is_changed()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == []
    assert not form.isVisible() and form.result() == QDialog.DialogCode.Rejected


def test_the_program_closing_a_changed_dialog_does_not_ask(qtbot, test_db, bridge) -> None:
    form = new_application_form(qtbot, test_db)
    form.venue_name.setText("翔悦")
    form.close()  # replaced by another dialog, or the session logged out
    assert bridge.texts_of("ask") == [] and not form.isVisible()


def test_after_a_refused_save_the_input_stays_and_the_focus_is_on_the_field(
        qtbot, test_db, bridge) -> None:
    form = new_application_form(qtbot, test_db)
    data = valid_input()
    fill_form(form, data, qtbot)
    form.contact_mobile.setText("12345")
    click(qtbot, form.ok_button)
    assert "联系人手机：" in form.error.text() and form.isVisible()
    assert form.focusWidget() is form.contact_mobile
    assert form.focusWidget() is not cancel_button(form)
    assert form.venue_name.text() == data.venue_name and form.contact_mobile.text() == "12345"


def test_a_refusal_naming_no_field_focuses_the_first_input_not_cancel(
        qtbot, test_db, bridge) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    app_id = seeded_application(test_db)
    actor = test_db.actor("nanxiang1")
    with test_db.admin_db.session() as s:
        detail = recruitment.application_detail(s, actor, app_id)
    form = ApplicationFormDialog(None, test_db.open_as("nanxiang1"), actor, detail=detail)
    qtbot.addWidget(form)
    form.show()
    # Someone else saves it meanwhile: this save is refused (a stale version, no field named).
    with test_db.admin_db.session() as s, s.begin():
        recruitment.update_application(s, actor, app_id, valid_input(name="别人改的名字"))
    form.address.setText("上海市嘉定区南翔镇德华路 99 号")
    form.ok_button.setFocus()
    qtbot.keyClick(form.ok_button, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert "请刷新后重试" in form.error.text() and form.isVisible()
    assert form.focusWidget() is form.venue_name  # the first input (the call is fixed)
    assert form.address.text() == "上海市嘉定区南翔镇德华路 99 号"
    form.discard()


def test_a_refused_signing_date_keeps_the_dates_and_focuses_that_date(
        qtbot, test_db, bridge) -> None:
    p = people(test_db)
    app_id = approved_application(test_db, p, open_call(test_db, p.staff))
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
        agreements.send_for_signature(s, p.staff, agreement_id)
    with test_db.admin_db.session() as s:
        detail = agreements.agreement_detail(s, p.staff, agreement_id)
    database = test_db.open_as(p.staff.username)
    today = clock.today()
    yesterday = today - dt.timedelta(days=1)
    # The dialog offers no day before the agreement was generated; the service is the judge
    # all the same: a dialog whose bounds are off (here: made to offer yesterday) is refused.
    assert detail.generated_on == today
    detail = dataclasses.replace(detail, generated_on=yesterday)
    dialog = SignaturesDialog(None, database, p.staff, detail)
    qtbot.addWidget(dialog)
    dialog.show()
    for key in ("bureau", "venue"):
        dialog.rows[key][0].setChecked(True)
    dialog.rows["venue"][1].setDate(yesterday)  # before the agreement was generated

    dialog.ok_button.setFocus()  # (as after clicking it; it is disabled while saving)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert "不能早于协议生成日期" in dialog.error.text() and dialog.isVisible()
    assert dialog.focusWidget() is dialog.rows["venue"][1]
    assert dialog.focusWidget() is not cancel_button(dialog)
    assert dialog.value("bureau") == today and dialog.value("venue") == yesterday

    # Enter now does not close the dialog and lose the dates.
    dialog.rows["venue"][1].setDate(today)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    with test_db.admin_db.session() as s:
        after = agreements.agreement_detail(s, p.staff, agreement_id)
    assert after.bureau_signed_on == today and after.venue_signed_on == today
