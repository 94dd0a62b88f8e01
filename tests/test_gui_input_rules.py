"""Review of issue 15's dialogs with input: nothing done twice or done with another value
than the one typed (a second Return while the save runs, a date the field cannot take)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from test_gui_register_and_signing import out_for_signature

from jd_admin.services import clock
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.ui.agreements.dialogs import SignaturesDialog
from jd_admin.ui.reason import ReasonDialog

pytestmark = pytest.mark.usefixtures("gui_thread_gc")


def test_a_second_return_while_the_reason_is_saved_neither_cancels_nor_asks(
        qtbot, sqlite_db, bridge) -> None:
    calls: list[str] = []
    release = threading.Event()

    def call(_session, reason: str) -> str:
        calls.append(reason)
        release.wait(10)  # the save is still running when the second Return comes
        return reason

    dialog = ReasonDialog(None, sqlite_db.admin_db, title="恢复", intro="恢复场馆",
                          label="恢复意见：", call=call)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    dialog.reason.setFocus()
    dialog.reason.insertPlainText("整改完成")  # (typed: QTest types ASCII only)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    assert dialog.ok_button.hasFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)  # pressed twice
    release.set()
    wait_ops(qtbot)
    assert calls == ["整改完成"]
    assert bridge.texts_of("ask") == [], "nothing to ask: the reason is being saved"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value == "整改完成"


def test_a_signing_date_the_field_cannot_take_is_not_saved_as_another_day(
        qtbot, test_db, bridge) -> None:
    p, agreement_id, detail = out_for_signature(test_db, generated_days_ago=10)
    generated = clock.today() - dt.timedelta(days=10)
    dialog = SignaturesDialog(None, test_db.open_as(p.staff.username), p.staff, detail)
    qtbot.addWidget(dialog)
    dialog.show()
    box, edit = dialog.rows["venue"]
    box.setChecked(True)
    for typed in ((generated - dt.timedelta(days=1)).strftime("%Y%m%d"),  # before generation
                  "20261331", f"{generated.year}0230"):  # no such day
        edit.setFocus()
        edit.lineEdit().selectAll()
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # the dialog's default button: 保存
        wait_ops(qtbot)
        assert dialog.isVisible(), typed
        assert dialog.result() != QDialog.DialogCode.Accepted, typed
        assert typed in dialog.error.text(), (typed, dialog.error.text())
        assert edit.hasFocus(), "the field at fault"
        with test_db.admin_db.session() as s:
            assert agreements.agreement_detail(s, p.staff, agreement_id).venue_signed_on is None
    # typed again, right: saved
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, generated.strftime("%Y%m%d"))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    with test_db.admin_db.session() as s:
        assert agreements.agreement_detail(s, p.staff, agreement_id).venue_signed_on == generated


def test_an_op_finishing_at_log_out_calls_nothing_back_after_the_session(
        qtbot, demo_db, bridge) -> None:
    """注销 waits for the ops that run; what they hand back to the closed session's windows
    is dropped with it, not delivered during the next login (to deleted widgets)."""
    from test_gui_session import PASSWORD, log_in_by_keyboard

    from jd_admin.models import Role
    from jd_admin.ui import app, ops

    demo_db.make_user("anting_staff", Role.SUBDISTRICT, PASSWORD, subdistrict="安亭镇")
    window = app.start_session(log_in_by_keyboard(qtbot, demo_db.target, "anting_staff"))
    wait_ops(qtbot)
    release = threading.Event()
    called: list[object] = []

    def slow(_session, _progress) -> int:
        release.wait(10)
        return 1

    ops.run_db_op(window, window.database, slow, called.append, read=True)
    release.set()
    assert window.request_log_out()
    app.end_session(window)
    qtbot.wait(50)  # the next login's event loop
    assert called == [], "the previous session's callback ran after it ended"
    assert ops.active_ops() == 0
