"""The one keyboard model of the list pages (issue 15, item 2): Tab leaves a table for the
page's buttons, Return opens a row as a double-click does, Ctrl+F goes to the search, and the
main actions have keys that their tooltips name."""

from __future__ import annotations

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from jd_admin.models import Role
from jd_admin.services.navigation import Page
from jd_admin.ui import keys
from jd_admin.ui.main_window import MainWindow
from jd_admin.ui.register.page import StatusHistoryDialog, VenuesPage

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")


def venues_page(qtbot, test_db) -> tuple[MainWindow, VenuesPage]:
    test_db.make_user("bureau_kb", Role.BUREAU_STAFF)
    window = MainWindow(test_db.open_as("bureau_kb"), test_db.actor("bureau_kb"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wait_ops(qtbot)
    window.open_page(Page.VENUES.value)
    wait_ops(qtbot)
    page = window.pages[Page.VENUES]
    assert isinstance(page, VenuesPage) and page.model.rows, "the demo district has venues"
    return window, page


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_tab_leaves_the_table_and_return_opens_the_row(qtbot, demo_db, bridge) -> None:
    window, page = venues_page(qtbot, demo_db)
    page.table.selectRow(0)
    focus(qtbot, page.table)
    row = page.table.currentIndex().row()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert not page.table.hasFocus() and page.table.currentIndex().row() == row
    # Tab on goes through the page's buttons; Shift+Tab comes back to the table.
    reached = []
    for _ in range(30):
        current = QApplication.focusWidget()
        if isinstance(current, QPushButton) and page.isAncestorOf(current):
            reached.append(current)
            break
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    assert reached, "Tab from the table reaches a button of the page"
    focus(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert not page.table.hasFocus()

    focus(qtbot, page.table)
    opened = []
    page.table.opened.connect(lambda index: opened.append(index.row()))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert opened == [row]
    assert isinstance(page.dialog, StatusHistoryDialog) and page.dialog.isVisible()
    page.dialog.close()
    page.dialog = None
    # A double-click opens the same way.
    index = page.table.model().index(row, 1)
    page.table.doubleClicked.emit(index)
    wait_ops(qtbot)
    assert opened == [row, row]
    assert isinstance(page.dialog, StatusHistoryDialog) and page.dialog.isVisible()
    page.dialog.close()
    window.close()


def test_ctrl_f_searches_and_keys_are_named_in_tooltips(qtbot, demo_db, bridge, chooser) -> None:
    window, page = venues_page(qtbot, demo_db)
    focus(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    page.search.insert("游泳")  # (QtTest types ASCII only)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert page.model.rows
    assert all("游泳" in v.name or "游泳" in v.address for v in page.model.rows)

    # Ctrl+E is 导出 Excel… on this page (and only there: the hidden pages' keys do not clash);
    # the tooltip names it; the chooser is asked for a file (cancelled: None).
    assert "Ctrl+E" in page.export_xlsx_button.toolTip()
    # (named as the platform writes it, in the interface's language: Return, 回车 …)
    assert keys.key_text(keys.OPEN) in page.history_button.toolTip()
    clicks = []
    page.export_xlsx_button.clicked.connect(lambda: clicks.append(True))
    focus(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: clicks == [True])  # (a button's key clicks it animated, 100 ms)
    wait_ops(qtbot)
    # F5 (the window's 刷新) is named on the 视图 menu's action and reloads the page.
    refresh = window.findChild(type(window.menuBar().actions()[0]), "refreshAction")
    assert refresh is not None and refresh.shortcut().toString() == "F5"
    window.close()
