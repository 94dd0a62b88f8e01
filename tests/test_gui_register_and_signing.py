"""Issue 15 on the agreements and the venue register, by keyboard where a person would type:
a signing date typed as 20261130, no signing date offered before the agreement existed, the
reason prompt (恢复) that keeps an empty reason open with the service's word, the register's
list filter, the history naming the venue and the people, and generation refused while a
party setting is empty."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_support import wait_ops
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel
from sqlalchemy import update
from test_gui_agreements import agreement_in_force, approved_venue, click, open_page

from jd_admin.models import Agreement, AppUser, PartySetting
from jd_admin.services import clock
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.register import status as register
from jd_admin.services.register import venues
from jd_admin.ui.agreements.dialogs import SignaturesDialog
from jd_admin.ui.agreements.page import AgreementsPage
from jd_admin.ui.reason import ReasonDialog
from jd_admin.ui.register.page import StatusHistoryDialog, VenuesPage
from jd_admin.ui.widgets import date_edit, day_of

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")


def type_date(qtbot, edit, typed: str) -> None:
    """Select the field's whole text and type ``typed``, then leave the field (Tab)."""
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_a_date_typed_without_separators_is_taken(qtbot) -> None:
    edit = date_edit("someDate", dt.date(2026, 5, 1))
    qtbot.addWidget(edit)
    edit.show()
    type_date(qtbot, edit, "20261130")
    assert day_of(edit) == dt.date(2026, 11, 30) and edit.text() == "2026-11-30"
    type_date(qtbot, edit, "2027/1/5")
    assert day_of(edit) == dt.date(2027, 1, 5)
    type_date(qtbot, edit, "2026-12-09")  # the display format, as before
    assert day_of(edit) == dt.date(2026, 12, 9)


def out_for_signature(test_db, generated_days_ago: int):
    p, app_id, _venue_id = approved_venue(test_db)
    with test_db.admin_db.session() as s, s.begin():
        agreement_id = agreements.generate_from_application(s, p.staff, app_id, clock.today())
        agreements.send_for_signature(s, p.staff, agreement_id)
        s.execute(update(Agreement).where(Agreement.id == agreement_id).values(
            created_at=clock.now() - dt.timedelta(days=generated_days_ago)))
    with test_db.admin_db.session() as s:
        detail = agreements.agreement_detail(s, p.staff, agreement_id)
    return p, agreement_id, detail


def test_signing_dates_start_at_the_generation_and_take_a_typed_date(
        qtbot, test_db, bridge) -> None:
    p, agreement_id, detail = out_for_signature(test_db, generated_days_ago=10)
    today = clock.today()
    generated = today - dt.timedelta(days=10)
    assert detail.generated_on == generated
    dialog = SignaturesDialog(None, test_db.open_as(p.staff.username), p.staff, detail)
    qtbot.addWidget(dialog)
    dialog.show()
    for key in ("bureau", "venue", "operator"):
        edit = dialog.rows[key][1]
        # no day before the agreement existed, none after today
        assert edit.minimumDate() == QDate(generated.year, generated.month, generated.day)
        assert edit.maximumDate() == QDate(today.year, today.month, today.day)

    box, edit = dialog.rows["venue"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # ticked by keyboard
    assert box.isChecked() and edit.isEnabled()
    signed = today - dt.timedelta(days=3)
    type_date(qtbot, edit, signed.strftime("%Y%m%d"))
    assert dialog.value("venue") == signed
    # a day before the generation typed in full is not taken (the field keeps its date)
    type_date(qtbot, edit, (generated - dt.timedelta(days=1)).strftime("%Y%m%d"))
    edit.clearFocus()
    assert dialog.value("venue") == signed

    dialog.ok_button.setFocus()
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    with test_db.admin_db.session() as s:
        assert agreements.agreement_detail(s, p.staff, agreement_id).venue_signed_on == signed


def suspended_venue_page(qtbot, test_db, bridge):
    p, app_id, venue_id = approved_venue(test_db)
    agreement_in_force(test_db, p, app_id)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(AppUser).where(AppUser.username == p.staff.username)
                  .values(full_name="张晓燕"))
        register.change_status(s, p.staff, venue_id, "suspended", "价格公示不规范，限期整改")
    page = open_page(qtbot, test_db, VenuesPage, p.staff.username)
    return p, venue_id, page


def label_of(dialog: ReasonDialog) -> str:
    label = dialog.form.labelForField(dialog.reason)
    assert isinstance(label, QLabel)
    return label.text()


def test_the_list_shows_the_register_in_force_unless_ticked(qtbot, test_db, bridge) -> None:
    p, venue_id, page = suspended_venue_page(qtbot, test_db, bridge)
    assert page.model.rows == [] and not page.include_all.isChecked()
    assert page.include_all.isVisible()  # a filter of the list (and of the export)
    page.include_all.setFocus()
    qtbot.keyClick(page.include_all, Qt.Key.Key_Space)
    wait_ops(qtbot)
    assert [v.id for v in page.model.rows] == [venue_id]
    # choosing a status other than 定点 lists every venue (none of them is in force)
    page.include_all.setChecked(False)
    wait_ops(qtbot)
    page.status.setCurrentIndex(page.status.findData("suspended"))
    wait_ops(qtbot)
    assert page.include_all.isChecked() and [v.id for v in page.model.rows] == [venue_id]
    # the one rule in services
    with test_db.admin_db.session() as s:
        assert venues.list_venues(s, p.staff, include_all=False) == []
        assert [v.id for v in venues.list_venues(s, p.staff)] == [venue_id]


def test_an_empty_reinstate_reason_keeps_the_box_open(qtbot, test_db, bridge) -> None:
    _p, venue_id, page = suspended_venue_page(qtbot, test_db, bridge)
    page.include_all.setChecked(True)
    wait_ops(qtbot)
    page.table.selectRow(0)
    bridge.keep_reasons_open = True
    click(qtbot, page.reinstate_button)
    dialog = page.findChild(ReasonDialog)
    assert dialog is not None and dialog.isVisible()
    assert label_of(dialog) == "恢复意见："
    assert dialog.focusWidget() is dialog.reason

    dialog.ok_button.setFocus()
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    wait_ops(qtbot)
    # the service's refusal, in the box, with the label's word; the box stays open
    assert dialog.isVisible() and dialog.error.text() == "请填写恢复意见"
    assert dialog.focusWidget() is dialog.reason
    with test_db.admin_db.session() as s:
        assert register.status_history(s, venue_id)[-1].to_status == "suspended"

    dialog.reason.insertPlainText("整改完成，复查合格")  # (Chinese comes through the IME)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)  # on to the buttons
    dialog.ok_button.setFocus()
    finished: list[int] = []
    dialog.finished.connect(finished.append)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert finished == [QDialog.DialogCode.Accepted.value] and not dialog.isVisible()
    assert bridge.texts_of("info")[-1] == "已恢复“南翔全民健身中心”。"
    with test_db.admin_db.session() as s:
        last = register.status_history(s, venue_id)[-1]
    assert (last.to_status, last.reason) == ("designated", "整改完成，复查合格")


def test_escape_on_a_typed_reason_asks(qtbot, test_db, bridge) -> None:
    _p, _venue_id, page = suspended_venue_page(qtbot, test_db, bridge)
    page.include_all.setChecked(True)
    wait_ops(qtbot)
    page.table.selectRow(0)
    bridge.keep_reasons_open = True
    click(qtbot, page.withdraw_button)
    dialog = page.findChild(ReasonDialog)
    assert dialog is not None and label_of(dialog) == "退出意见："
    dialog.reason.insertPlainText("场馆停业")
    bridge.answers.append(False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == ["放弃已填写的内容？"] and dialog.isVisible()
    assert dialog.reason.toPlainText() == "场馆停业"
    dialog.discard()


def test_the_history_names_the_venue_and_the_people(qtbot, test_db, bridge) -> None:
    p, _venue_id, page = suspended_venue_page(qtbot, test_db, bridge)
    page.include_all.setChecked(True)
    wait_ops(qtbot)
    page.table.selectRow(0)
    click(qtbot, page.history_button)
    history = page.dialog
    assert isinstance(history, StatusHistoryDialog) and history.isVisible()
    assert "南翔全民健身中心" in history.venue_heading.text()
    assert "暂停" in history.venue_heading.text()
    last = len(history.model.rows) - 1
    assert history.model.index(last, 4).data() == "张晓燕"
    assert p.staff.username in history.model.index(last, 4).data(Qt.ItemDataRole.ToolTipRole)
    history.close()


def test_generation_with_an_empty_legal_representative_is_refused(
        qtbot, test_db, bridge) -> None:
    p, _app_id, _venue_id = approved_venue(test_db)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(PartySetting).where(PartySetting.party == "bureau")
                  .values(representative=""))
    page = open_page(qtbot, test_db, AgreementsPage, p.staff.username)
    click(qtbot, page.generate_button)
    # refused before the dialog is filled in, naming the setting and where to set it
    assert page.dialog is None
    [warning] = bridge.texts_of("warning")
    assert "区体育局的法定代表人/负责人" in warning and "系统管理 → 协议当事方" in warning
    assert page.model.rows == []


def test_the_reason_dialog_is_multi_line(qtbot, test_db, bridge) -> None:
    _p, _venue_id, page = suspended_venue_page(qtbot, test_db, bridge)
    page.include_all.setChecked(True)
    wait_ops(qtbot)
    page.table.selectRow(0)
    bridge.keep_reasons_open = True
    click(qtbot, page.reinstate_button)
    dialog = page.findChild(ReasonDialog)
    assert dialog is not None
    assert isinstance(dialog.form, QFormLayout)
    qtbot.keyClicks(dialog.reason, "line 1")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # a new line, not OK
    qtbot.keyClicks(dialog.reason, "line 2")
    assert dialog.isVisible() and dialog.reason.toPlainText() == "line 1\nline 2"
    dialog.discard()
