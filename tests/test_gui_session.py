"""The session (issue 15): 注销 and 切换用户 by keyboard leave nothing of the previous user; one
copy of the program per SQLite file; the main window fills the screen the first time and comes
back as each user left it; everybody reaches the 语言 menu."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from gui_support import wait_ops
from PySide6.QtCore import QLockFile, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from jd_admin.config import DatabaseTarget, resolve_database
from jd_admin.login import LoginOutcome
from jd_admin.models import Role
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page
from jd_admin.ui import app, files, keys, settings
from jd_admin.ui.login import ChangePasswordDialog, LoginDialog
from jd_admin.ui.main_window import MainWindow
from jd_admin.ui.tables import RowsModel

pytestmark = pytest.mark.usefixtures("gui_thread_gc")

PASSWORD = "Passw0rd!x"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def log_in_by_keyboard(qtbot, target: DatabaseTarget, username: str, *,
                       switching: bool = False) -> LoginOutcome:
    """The login dialog as app.log_in shows it, filled and sent with the keyboard only."""
    dialog = LoginDialog(target, switching=switching)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    if switching:
        assert dialog.username.text() == "", "切换用户 starts without the last user's name"
        assert dialog.username.hasFocus()
    else:
        dialog.username.setFocus()
        dialog.username.selectAll()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    outcome = dialog.outcome
    assert outcome is not None
    dialog.outcome = None
    dialog.deleteLater()
    return outcome


def press(qtbot, window: MainWindow, key: str) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    sequence = {keys.LOG_OUT: Qt.Key.Key_L, keys.SWITCH_USER: Qt.Key.Key_U}[key]
    qtbot.keyClick(window, sequence, CTRL_SHIFT)


def live_actors(username: str) -> list[Actor]:
    gc.collect()
    found = [o for o in gc.get_objects() if isinstance(o, Actor) and o.username == username]
    for actor in found:  # (what holds it, for the failure's message)
        for r in gc.get_referrers(actor):
            if isinstance(r, dict):
                print("held by dict", list(r)[:10],
                      [object.__repr__(o) for o in gc.get_referrers(r) if o is not found][:5])
    return found


def test_switching_user_by_keyboard_keeps_nothing_of_the_previous_user(
        qtbot, demo_db, bridge) -> None:
    demo_db.make_user("anting_staff", Role.SUBDISTRICT, PASSWORD, subdistrict="安亭镇")
    demo_db.make_user("nanxiang_staff", Role.SUBDISTRICT, PASSWORD, subdistrict="南翔镇")
    first = app.start_session(log_in_by_keyboard(qtbot, demo_db.target, "anting_staff"))
    windows = [first]
    try:
        wait_ops(qtbot)
        assert settings.current_user() == "anting_staff"
        for page in list(first.pages):  # every page opened, its data read
            first.open_page(page.value)
            wait_ops(qtbot)
        venues = first.pages[Page.VENUES]
        assert {v.subdistrict for v in venues.model.rows} == {"安亭镇"}
        venues.search.setText("安亭")  # a filter the next user must not find
        files.viewing_folder()  # a PDF was shown: its folder is the user's
        # the menu and its keys, as the user sees them
        assert first.switch_user_action.shortcut().toString() == "Ctrl+Shift+U"
        assert first.log_out_action.shortcut().toString() == "Ctrl+Shift+L"
        assert "Ctrl+Shift+U" in first.switch_user_action.toolTip()
        assert first.log_out_action in first.user_label.actions()

        press(qtbot, first, keys.SWITCH_USER)
        assert first.was_logged_out and first.switching_user and not first.isVisible()
        app.end_session(first)
        assert not isValid(first), "the old main window is deleted"
        old = weakref.ref(first)
        del first, venues  # (the test's own references: the program keeps none)
        windows.clear()
        gc.collect()
        assert old() is None
        assert settings.current_user() == ""
        assert files._viewing is None

        second = app.start_session(log_in_by_keyboard(qtbot, demo_db.target, "nanxiang_staff",
                                                      switching=True))
        windows.append(second)
        wait_ops(qtbot)
        second.open_page(Page.VENUES.value)
        wait_ops(qtbot)
        assert isValid(second)
        assert settings.current_user() == "nanxiang_staff"
        assert [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)] == [second]
        page = second.pages[Page.VENUES]
        assert page.search.text() == "", "no remembered filter of the previous user"
        assert {v.subdistrict for v in page.model.rows} == {"南翔镇"}
        # no widget, model row or actor of the previous user anywhere
        for widget in QApplication.allWidgets():
            actor = getattr(widget, "actor", None)
            assert actor is None or actor.username == "nanxiang_staff", widget
        models = [o for o in gc.get_objects() if isinstance(o, RowsModel) and isValid(o)]
        assert models, "the new window's models are there"
        for model in models:
            for row in model.rows:
                assert getattr(row, "subdistrict", "南翔镇") != "安亭镇", (model, row)
        assert live_actors("anting_staff") == []
    finally:
        for window in windows:
            if isValid(window):
                window.close()
                app.end_session(window)


def test_log_out_by_keyboard_asks_for_unsaved_input_and_waits(qtbot, test_db, bridge) -> None:
    test_db.make_user("logout_staff", Role.BUREAU_STAFF, PASSWORD)
    window = app.start_session(log_in_by_keyboard(qtbot, test_db.target, "logout_staff"))
    try:
        wait_ops(qtbot)
        dialog = ChangePasswordDialog(window.database, window.actor, required=False,
                                      parent=window)
        dialog.show()
        qtbot.keyClicks(dialog.current, "half typed")
        bridge.answers = [False]  # 不注销: everything stays
        press(qtbot, window, keys.LOG_OUT)
        assert "修改密码" in bridge.texts_of("ask")[-1]
        assert window.isVisible() and dialog.isVisible() and not window.was_logged_out
        bridge.answers = [True]
        press(qtbot, window, keys.LOG_OUT)
        assert window.was_logged_out and not window.switching_user
        assert not window.isVisible() and not (isValid(dialog) and dialog.isVisible())
        app.end_session(window)
        assert not isValid(window) and not isValid(dialog)
        # 注销 (not 切换用户): the login dialog offers the last user's name again
        again = LoginDialog(test_db.target)
        assert again.username.text() == "logout_staff"
        again.deleteLater()
    finally:
        if isValid(window):
            window.close()
            app.end_session(window)


LOCK_HOLDER = r"""
import sys, time
from PySide6.QtCore import QCoreApplication
from jd_admin.config import resolve_database
from jd_admin.ui import app
qt = QCoreApplication([])
lock = app.claim_sqlite(resolve_database(sys.argv[1]))
print("locked" if lock is not None else "refused", flush=True)
time.sleep(600)
"""


def test_a_second_copy_on_one_sqlite_file_is_refused_and_a_killed_ones_lock_taken_over(
        qapp, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'jd.sqlite'}"
    target = resolve_database(url)
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, url], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(app.SecondCopy, match="另一个正在运行的本程序") as refused:
            app.claim_sqlite(target)
        assert "jd.sqlite" in str(refused.value)
        holder.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
        holder.wait(30)
        assert (tmp_path / "jd.sqlite.lock").exists()
        lock = app.claim_sqlite(target)
        assert isinstance(lock, QLockFile) and lock.isLocked()
        with pytest.raises(app.SecondCopy):  # in this process too: one claim at a time
            app.claim_sqlite(target)
        lock.unlock()  # at exit
        assert not (tmp_path / "jd.sqlite.lock").exists()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(30)
    assert app.claim_sqlite(resolve_database("postgresql://server/jd")) is None


def test_the_window_fills_the_screen_at_first_and_comes_back_per_user(qtbot, test_db) -> None:
    one_name, two_name = f"geo_one_{test_db.kind}", f"geo_two_{test_db.kind}"
    test_db.make_user(one_name, Role.OPERATOR, PASSWORD)
    test_db.make_user(two_name, Role.OPERATOR, PASSWORD)

    def open_as(username: str) -> MainWindow:
        settings.set_current_user(username)
        window = MainWindow(test_db.open_as(username, PASSWORD), test_db.actor(username))
        qtbot.addWidget(window)
        window.show()
        wait_ops(qtbot)
        return window

    room = QGuiApplication.primaryScreen().availableGeometry()
    one = open_as(one_name)
    assert one.isMaximized()
    assert one.frameGeometry().width() >= room.width() and one.height() >= room.height() - 40
    one.showNormal()
    one.setGeometry(37, 23, one.minimumSizeHint().width(), 517)
    one.close()
    two = open_as(two_name)  # another user on the same desktop: their own first time
    assert two.isMaximized()
    two.close()
    again = open_as(one_name)
    assert not again.isMaximized()
    assert (again.y(), again.height()) == (23, 517)
    again.close()
    settings.set_current_user("")


def test_everybody_reaches_the_language_menu(qtbot, test_db, bridge, data_dir) -> None:
    before = settings.language()
    for role in (Role.SUBDISTRICT, Role.OPERATOR, Role.BUREAU_STAFF):
        username = f"lang_{role.value}"
        test_db.make_user(username, role, PASSWORD,
                          subdistrict="安亭镇" if role == Role.SUBDISTRICT else None)
        window = MainWindow(test_db.open_as(username, PASSWORD), test_db.actor(username))
        qtbot.addWidget(window)
        menus = {a.menu().objectName(): a.menu() for a in window.menuBar().actions()
                 if a.menu() is not None}
        assert "languageMenu" in menus
        actions = {a.objectName(): a for a in menus["languageMenu"].actions()}
        assert set(actions) == {"language_zh_CN", "language_en"}
        assert actions[f"language_{before}"].isChecked()
        window.close()
    try:
        actions["language_en"].trigger()
        assert settings.language() == "en"
        assert "重新登录" in bridge.texts_of("info")[-1]
    finally:
        settings.set_language(before)


def test_columns_fit_the_width_the_key_columns_whole() -> None:
    from jd_admin.ui.tables import MIN_COLUMN, fitted_widths

    # room to spare: shared in proportion to the contents
    assert fitted_widths([100, 80, 120], 600, 0) == [200, 160, 240]
    assert sum(fitted_widths([101, 79, 120], 500, 0)) == 500
    # short of room: the key column keeps its name whole (up to 35 %), the long texts are
    # cut to one width, the short columns stay whole
    widths = fitted_widths([200, 70, 600, 400, 110], 800, 0)
    assert widths[0] == 200 and widths[1] == 70 and widths[4] == 110
    assert widths[2] == widths[3] and sum(widths) <= 800
    assert fitted_widths([500, 90, 90], 400, 0)[0] == 400 * 35 // 100 + 400 - 140 - 180
    # never below the floor, even when nothing fits
    assert min(fitted_widths([300] * 10, 200, -1)) == MIN_COLUMN
