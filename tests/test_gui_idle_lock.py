"""The idle lock (issue 14), on SQLite and PostgreSQL: without input the windows hide and the
password is asked again; a dialog's unsaved input is there after the unlock; a wrong password
says how many tries are left, the third logs out (every window closed); the password is
checked as a login checks it."""

from __future__ import annotations

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout
from shiboken6 import isValid

from jd_admin.models import Role
from jd_admin.ui import idle_lock
from jd_admin.ui.idle_lock import LockDialog
from jd_admin.ui.main_window import MainWindow

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")

PASSWORD = "Passw0rd!x"


def locked_window(qtbot, test_db, username: str) -> tuple[MainWindow, QDialog, QLineEdit]:
    """A main window with a dialog holding unsaved input, left alone until it locks."""
    test_db.make_user(username, Role.BUREAU_STAFF, PASSWORD)
    window = MainWindow(test_db.open_as(username), test_db.actor(username), idle_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    wait_ops(qtbot)
    dialog = QDialog(window)
    field = QLineEdit("未保存的核查结论")
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    window.idle_lock.timer.start(150)  # from now on, nobody touches anything
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)
    return window, dialog, field


def lock_dialog() -> LockDialog:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, LockDialog) and w.isVisible()]
    assert len(found) == 1
    return found[0]


def unlock(qtbot, dialog: LockDialog, password: str) -> None:
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def test_the_lock_hides_everything_and_the_password_brings_it_back(qtbot, test_db,
                                                                  bridge) -> None:
    window, dialog, field = locked_window(qtbot, test_db, "idle_staff")
    assert not window.isVisible() and not dialog.isVisible()
    prompt = lock_dialog()
    assert "idle_staff" in " ".join(label.text() for label in prompt.findChildren(QLabel))
    unlock(qtbot, prompt, "Wrong#Pass1")
    assert prompt.isVisible() and "再错 2 次将退出登录" in prompt.error.text()
    assert not window.isVisible()
    prompt.reject()  # Esc does not unlock
    assert prompt.isVisible()
    unlock(qtbot, prompt, PASSWORD)
    assert window.isVisible() and dialog.isVisible() and not window.idle_lock.locked
    assert field.text() == "未保存的核查结论"
    assert not window.was_logged_out
    window.idle_lock.stop()


def test_three_wrong_passwords_log_out(qtbot, test_db, bridge) -> None:
    window, dialog, _field = locked_window(qtbot, test_db, "idle_staff2")
    prompt = lock_dialog()
    logged_out = []
    window.logged_out.connect(lambda: logged_out.append(True))
    for _ in range(3):
        unlock(qtbot, prompt, "Wrong#Pass1")
    assert logged_out == [True] and window.was_logged_out
    assert not window.isVisible() and not dialog.isVisible() and not window.idle_lock.locked
    assert not isValid(prompt) or not prompt.isVisible()


def test_the_idle_time_is_configured_within_bounds(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("JD_ADMIN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(idle_lock.ENV_IDLE_MINUTES, raising=False)
    assert idle_lock.idle_minutes() == idle_lock.DEFAULT_MINUTES == 15
    idle_lock.set_idle_minutes(5)
    assert idle_lock.idle_minutes() == 5
    with pytest.raises(ValueError):
        idle_lock.set_idle_minutes(0)
    monkeypatch.setenv(idle_lock.ENV_IDLE_MINUTES, "500")  # the IT department's, bounded
    assert idle_lock.idle_minutes() == idle_lock.MAX_MINUTES
