"""The recruitment dialogs by keyboard (issue 15, items 2, 5, 6 and 8), on SQLite and
PostgreSQL: a whole application registered and submitted without the mouse; Tab walks a form
table's cells and leaves it at the last one; 提交 without the business licence says so before
asking anything; the review opinion keeps several lines; a sport is chosen from the call's.

Typing: QtTest's keyClicks sends Latin-1 only, so a Chinese character goes as the key event
an input method delivers it in (a key press carrying the character's text, ``type_text``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from recruitment_support import PDF, credit_code, draft_application
from test_gui_recruitment import open_page, published_call

from jd_admin.models import Application, Role
from jd_admin.services import clock
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.ui.recruitment.application_detail_dialog import (
    ApplicationDetailDialog,
    ReviewDialog,
)
from jd_admin.ui.recruitment.application_form_dialog import ApplicationFormDialog
from jd_admin.ui.recruitment.page import CallChoiceDialog, RecruitmentPage
from jd_admin.ui.tables import EditableTable

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SECOND_CALL_SPORTS = ("篮球", "乒乓球", "游泳")


# --- driving by keyboard ----------------------------------------------------------------------

def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``k`` where the focus is (as the keyboard does)."""
    qtbot.keyClick(focused(), k, modifier)


def type_text(qtbot, text: str) -> None:
    """Type ``text`` where the focus is: Latin-1 with keyClicks, other characters as the key
    events an input method sends (QtTest's keyClicks cannot carry them)."""
    for char in text:
        if char == "\n":
            key(qtbot, Qt.Key.Key_Return)
        elif ord(char) < 128:
            qtbot.keyClicks(focused(), char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)


def tab_to(qtbot, target: QWidget, limit: int = 40) -> None:
    """Press Tab until ``target`` has the focus (it must be reachable by Tab)."""
    for _ in range(limit):
        if target.hasFocus():
            return
        key(qtbot, Qt.Key.Key_Tab)
    assert target.hasFocus(), f"Tab does not reach {target.objectName()}: stuck at " \
        f"{type(focused()).__name__} {focused().objectName()}"


def tab_fill(qtbot, widget: QWidget, text: str) -> None:
    """The next field by Tab must be ``widget``; type ``text`` into it."""
    key(qtbot, Qt.Key.Key_Tab)
    assert widget.hasFocus(), (widget.objectName(), focused().objectName())
    type_text(qtbot, text)


def choose(qtbot, combo: QComboBox, data: object) -> None:
    """Pick the item with ``data`` in the focused combo with the arrow keys."""
    assert combo.hasFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key(qtbot, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


@contextmanager
def answering_message_boxes(qtbot) -> Iterator[list[str]]:
    """The real message boxes (no recording bridge), each answered with Return, its default
    button (确定, 是); yields their texts."""
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            texts.append(box.text())
            qtbot.keyClick(box, Qt.Key.Key_Return)

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(answer)
    timer.start()
    try:
        yield texts
    finally:
        timer.stop()


def application_page(qtbot, test_db) -> RecruitmentPage:
    """nanxiang1's recruitment page with two open calls (the second with other sports), active
    (its keys work), on the 自荐申请 tab chosen by keyboard."""
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    published_call(test_db)
    bureau = test_db.actor("bureau_staff1")
    today = clock.today()
    with test_db.admin_db.session() as s, s.begin():
        call_id = recruitment.create_call(s, bureau, recruitment.CallInput(
            "2026 年度球类项目定点场馆招募", today - dt.timedelta(days=2),
            today + dt.timedelta(days=20), ("public", "commercial"), SECOND_CALL_SPORTS,
            "依法登记", "营业执照"))
        recruitment.set_call_status(s, bureau, call_id, "published")
    page = open_page(qtbot, test_db, "nanxiang1")
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    tab_bar = page.tabs.tabBar()
    tab_bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tab_bar.hasFocus)
    key(qtbot, Qt.Key.Key_Right)
    assert page.tabs.currentIndex() == 1
    return page


def new_form(qtbot, page: RecruitmentPage) -> ApplicationFormDialog:
    """Ctrl+N (the page's 登记申请…) opens the form, the focus in its first field."""
    assert "Ctrl+N" in page.new_application_button.toolTip()
    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: page.form_dialog is not None and page.form_dialog.isVisible())
    form = page.form_dialog
    assert form is not None
    qtbot.waitUntil(lambda: form.call.hasFocus())
    return form


# --- the whole journey ------------------------------------------------------------------------

def test_application_registered_and_submitted_without_the_mouse(
        qtbot, test_db, chooser, tmp_path: Path) -> None:
    page = application_page(qtbot, test_db)
    form = new_form(qtbot, page)
    # The call by keyboard: the second one, whose sports the sport cells then offer.
    second = next(c for c in form.calls if c.sports == SECOND_CALL_SPORTS)
    choose(qtbot, form.call, second.id)
    assert form.sport_choices.choices == list(SECOND_CALL_SPORTS)

    code = credit_code()
    tab_fill(qtbot, form.venue_name, "南翔镇翔悦体育中心")
    key(qtbot, Qt.Key.Key_Tab)
    choose(qtbot, form.venue_type, "commercial")
    tab_fill(qtbot, form.address, "上海市嘉定区南翔镇德华路 88 号")
    tab_fill(qtbot, form.credit_code, code)
    tab_fill(qtbot, form.legal_representative, "周建国")
    tab_fill(qtbot, form.contact_name, "王芳")
    tab_fill(qtbot, form.contact_mobile, "13812345678")
    tab_fill(qtbot, form.opening_hours, "周一至周日 9:00-21:00")
    tab_fill(qtbot, form.capacity, "120")
    tab_fill(qtbot, form.longitude, "121.32")
    tab_fill(qtbot, form.latitude, "31.29")

    # The sports table: Tab enters its first cell; F2 opens the sport's list (the call's
    # sports), Down chooses, Tab commits and opens the price; Tab on the last cell leaves.
    key(qtbot, Qt.Key.Key_Tab)
    assert form.sports.hasFocus() and (form.sports.currentRow(), form.sports.currentColumn()) \
        == (0, 0)
    key(qtbot, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == list(SECOND_CALL_SPORTS)
    key(qtbot, Qt.Key.Key_Down)  # 乒乓球
    key(qtbot, Qt.Key.Key_Tab)
    assert form.sports.state() == EditableTable.State.EditingState
    assert (form.sports.currentRow(), form.sports.currentColumn()) == (0, 1)
    type_text(qtbot, "60")
    key(qtbot, Qt.Key.Key_Tab)
    add_sport = form.findChild(QPushButton, "addSportButton")
    assert add_sport.hasFocus(), "Tab from the table's last cell reaches 添加"
    # 添加 (Space) adds a row and opens its sport; a second sport, then its price.
    key(qtbot, Qt.Key.Key_Space)
    assert form.sports.rowCount() == 2 and isinstance(focused(), QComboBox)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)  # 游泳
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "45.5")
    key(qtbot, Qt.Key.Key_Tab)
    assert add_sport.hasFocus()
    assert [(form.sports.item(r, 0).text(), form.sports.item(r, 1).text())
            for r in range(2)] == [("乒乓球", "60"), ("游泳", "45.5")]

    # The coaches: past 删除 to the (empty) table, on to its 添加, a coach typed cell by cell.
    tab_to(qtbot, form.findChild(QPushButton, "addCoachButton"))
    key(qtbot, Qt.Key.Key_Space)
    assert form.coaches.rowCount() == 1 and form.coaches.state() == EditableTable.State.EditingState
    type_text(qtbot, "李强")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "游泳社会体育指导员（国家职业资格四级）")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "2023-SH-0815")
    key(qtbot, Qt.Key.Key_Tab)
    assert form.findChild(QPushButton, "addCoachButton").hasFocus()

    tab_to(qtbot, form.bank_name)
    type_text(qtbot, "中国工商银行上海嘉定支行")
    tab_fill(qtbot, form.bank_account_name, "上海翔悦体育发展有限公司")
    tab_fill(qtbot, form.bank_account_number, "1001 2345 6789 0123")
    tab_fill(qtbot, form.safety_measures, "持证救生员在岗。\n每日水质检测。")
    key(qtbot, Qt.Key.Key_Tab)
    assert form.ok_button.hasFocus()
    with answering_message_boxes(qtbot) as boxes:
        key(qtbot, Qt.Key.Key_Return)  # 保存
        wait_ops(qtbot)
        wait_ops(qtbot)
    assert boxes == [] and not form.isVisible(), form.error.text()

    # The new application opens; its materials tab by keyboard, the licence uploaded.
    detail = page.detail_dialog
    assert isinstance(detail, ApplicationDetailDialog) and detail.isVisible()
    assert detail.detail.call_id == second.id and detail.status.text() == "草稿"
    qtbot.waitUntil(lambda: detail.isActiveWindow())
    tab_to(qtbot, detail.tabs.tabBar())
    key(qtbot, Qt.Key.Key_Right)
    assert detail.tabs.currentIndex() == 1
    tab_to(qtbot, detail.kind)
    assert detail.kind.currentData() == "business_licence"
    licence = tmp_path / "营业执照.pdf"
    licence.write_bytes(PDF)
    chooser.open_answers.append(licence)  # (the file dialog)
    tab_to(qtbot, detail.upload_button)
    key(qtbot, Qt.Key.Key_Space)
    wait_ops(qtbot)
    assert [a.filename for a in detail.attachments_model.rows] == ["营业执照.pdf"]

    # 提交 by keyboard; the confirmation answered with Return.
    submit = detail.action_buttons["submitted"]
    if not detail.isAncestorOf(focused()):
        detail.tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    tab_to(qtbot, submit)
    with answering_message_boxes(qtbot) as boxes:
        key(qtbot, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: bool(boxes))
        wait_ops(qtbot)
        wait_ops(qtbot)
    assert len(boxes) == 1 and "确定提交申请" in boxes[0]
    assert detail.status.text() == "已提交"
    with test_db.admin_db.session() as s:
        app = s.get(Application, detail.detail.id)
        assert app is not None and app.status == "submitted" and app.submitted_at is not None
        assert (app.venue_name, app.credit_code, app.capacity, app.call_id) == (
            "南翔镇翔悦体育中心", code, 120, second.id)
        assert [(sp.sport, str(sp.list_price)) for sp in app.sports] == [
            ("乒乓球", "60.00"), ("游泳", "45.50")]
        assert [c.name for c in app.coaches] == ["李强"]
        assert app.safety_measures.startswith("持证救生员在岗。") \
            and app.safety_measures.endswith("每日水质检测。")
    detail.close()


# --- single behaviours ------------------------------------------------------------------------

def test_tab_leaves_the_form_tables_both_ways(qtbot, test_db, bridge) -> None:
    page = application_page(qtbot, test_db)
    form = new_form(qtbot, page)
    form.add_sport_row("游泳", "80")
    # From the first cell Shift+Tab goes back to the field before the table ...
    form.sports.setFocus(Qt.FocusReason.TabFocusReason)
    form.sports.setCurrentCell(0, 0)
    key(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert form.latitude.hasFocus()
    # ... Tab walks the cells row by row, and from the last one leaves for 添加.
    key(qtbot, Qt.Key.Key_Tab)
    assert form.sports.hasFocus()
    visited = []
    while form.sports.hasFocus():
        visited.append((form.sports.currentRow(), form.sports.currentColumn()))
        key(qtbot, Qt.Key.Key_Tab)
        assert len(visited) < 10, "Tab is trapped in the table"
    assert visited == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert focused().objectName() == "addSportButton"


def test_submit_without_the_licence_says_so_and_asks_nothing(qtbot, test_db, bridge) -> None:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    call_id = published_call(test_db)
    clerk = test_db.actor("nanxiang1")
    app_id = draft_application(test_db, clerk, call_id, with_licence=False)
    # The service's one rule: what is missing, and the submission refused with it.
    with test_db.admin_db.session() as s:
        [fault] = recruitment.submit_faults(s, clerk, app_id)
        assert fault.field == recruitment.BUSINESS_LICENCE and "营业执照" in str(fault)
    with pytest.raises(type(fault), match="营业执照"), \
            test_db.admin_db.session() as s, s.begin():
        recruitment.transition(s, clerk, app_id, "submitted", None)

    page = open_page(qtbot, test_db, "nanxiang1")
    page.activateWindow()
    page.focus_target(str(app_id))
    wait_ops(qtbot)
    detail = page.detail_dialog
    assert detail is not None
    qtbot.waitUntil(detail.isActiveWindow)
    tab_to(qtbot, detail.action_buttons["submitted"])
    key(qtbot, Qt.Key.Key_Space)
    wait_ops(qtbot)
    [warning] = bridge.texts_of("warning")
    assert "营业执照" in warning and bridge.texts_of("ask") == []
    # At the fault: the materials tab, 营业执照 chosen, the focus on 上传….
    assert detail.tabs.currentIndex() == 1
    assert detail.kind.currentData() == "business_licence"
    assert detail.upload_button.hasFocus()
    assert detail.status.text() == "草稿"
    with test_db.admin_db.session() as s:
        assert s.get(Application, app_id).status == "draft"
    # (修改… offers the sports of the application's call too)
    tab_to(qtbot, detail.edit_button)
    key(qtbot, Qt.Key.Key_Space)
    form = detail.form_dialog
    assert form is not None and form.isVisible()
    assert form.sport_choices.choices == ["游泳", "羽毛球"]
    form.discard()


def submitted_detail(qtbot, test_db) -> tuple[ApplicationDetailDialog, int]:
    test_db.make_user("bureau_staff1", Role.BUREAU_STAFF)
    test_db.make_user("nanxiang1", Role.SUBDISTRICT, subdistrict="南翔镇")
    call_id = published_call(test_db)
    clerk = test_db.actor("nanxiang1")
    app_id = draft_application(test_db, clerk, call_id)
    with test_db.admin_db.session() as s, s.begin():
        recruitment.transition(s, clerk, app_id, "submitted", None)
    page = open_page(qtbot, test_db, "nanxiang1")
    page.activateWindow()
    page.focus_target(str(app_id))
    wait_ops(qtbot)
    detail = page.detail_dialog
    assert detail is not None
    qtbot.waitUntil(detail.isActiveWindow)
    return detail, app_id


def open_review(qtbot, detail: ApplicationDetailDialog, target: str) -> ReviewDialog:
    tab_to(qtbot, detail.action_buttons[target])
    key(qtbot, Qt.Key.Key_Space)
    review = detail.review_dialog
    assert review is not None and review.isVisible()
    qtbot.waitUntil(review.comment.hasFocus)
    return review


def test_review_opinion_keeps_several_lines_and_the_dialog_rule(qtbot, test_db, bridge) -> None:
    detail, app_id = submitted_detail(qtbot, test_db)
    review = open_review(qtbot, detail, "subdistrict_approved")
    assert isinstance(review.comment, QPlainTextEdit)
    assert review.comment.height() >= 4 * review.comment.fontMetrics().lineSpacing()

    # An empty opinion: refused in the dialog (it stays, the cursor in the opinion).
    type_text(qtbot, "  ")
    key(qtbot, Qt.Key.Key_Return, CTRL)  # (a button's key clicks it animated: 100 ms)
    qtbot.waitUntil(review.error.isVisible)
    wait_ops(qtbot)
    assert review.isVisible() and "请填写审核通过意见" in review.error.text()
    assert review.comment.hasFocus() and review.comment.toPlainText() == "  "

    # Escape on what was typed asks first; No keeps it.
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "材料齐全，场地安全。\n同意推荐。")
    bridge.answers.append(False)
    key(qtbot, Qt.Key.Key_Escape)
    assert bridge.texts_of("ask") == ["放弃已填写的内容？"] and review.isVisible()

    key(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: the step (Return is a new line)
    qtbot.waitUntil(lambda: not review.isVisible() or not review.ok_button.isEnabled())
    wait_ops(qtbot)
    wait_ops(qtbot)
    assert not review.isVisible(), review.error.text()
    assert detail.status.text() == "街镇审核通过"
    with test_db.admin_db.session() as s:
        app = s.get(Application, app_id)
        assert app.subdistrict_opinion == "材料齐全，场地安全。\n同意推荐。"
    detail.tabs.setCurrentIndex(2)
    assert detail.opinions["subdistrict"][0].text() == "材料齐全，场地安全。\n同意推荐。"


def test_the_sport_cell_offers_the_calls_sports(qtbot, test_db, bridge) -> None:
    page = application_page(qtbot, test_db)
    form = new_form(qtbot, page)
    first = form.calls[form.call.currentIndex()]
    assert form.sport_choices.choices == list(first.sports)
    form.add_sport_row("网球", "90")  # a sport the call does not list (an older record)
    table = form.sports
    # A click on the sport cell selects that cell only (not the price beside it).
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.selectedItems() == [table.item(0, 0)]
    assert (table.currentRow(), table.currentColumn()) == (0, 0)
    table.setCurrentCell(1, 0)
    key(qtbot, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QComboBox) and not editor.isEditable()
    assert [editor.itemText(i) for i in range(editor.count())] == [*first.sports, "网球"]
    assert editor.currentText() == "网球"
    key(qtbot, Qt.Key.Key_Escape)  # (closes the editor, not the dialog)
    assert form.isVisible()

    # A call naming no sports: the sport is typed.
    form.discard()
    bare = ApplicationFormDialog(page, page.database, page.actor,
                                 calls=[dataclasses.replace(first, sports=())])
    qtbot.addWidget(bare)
    bare.show()
    bare.activateWindow()
    qtbot.waitUntil(bare.isActiveWindow)
    bare.sports.setFocus()
    bare.sports.setCurrentCell(0, 0)
    key(qtbot, Qt.Key.Key_F2)
    assert isinstance(focused(), QLineEdit)
    type_text(qtbot, "飞盘")
    key(qtbot, Qt.Key.Key_Tab)
    assert bare.sports.item(0, 0).text() == "飞盘"
    bare.discard()


def test_call_choice_by_keyboard(qtbot, test_db, bridge) -> None:
    page = application_page(qtbot, test_db)
    calls = page.open_calls()
    assert len(calls) == 2
    dialog = CallChoiceDialog(page, calls)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.calls.hasFocus)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == CallChoiceDialog.DialogCode.Accepted
    assert dialog.chosen() == calls[1]
