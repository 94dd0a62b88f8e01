"""The application starts and quits cleanly: ``python main.py`` in a subprocess, on a throw-away
data directory and SQLite database, exits with status 0.

A robot inside the subprocess plays the user through the real startup path: it creates the
first administrator on the empty database, logs in, visits every page of the main window a few
times and quits through the menu's quit action. Nothing in the application knows about it: the
robot only creates the ``QApplication`` before ``main.py`` runs (``create_application`` reuses
it) and a timer that looks at the visible windows.

The exit status catches the crash the test session works around in conftest.py: PySide6 6.12.0
on CPython 3.11 drops a reference to None (and to True/False) on many calls, and CPython aborts
("Fatal Python error: none_dealloc" / "bool_dealloc") once the count reaches zero, typically in
the interpreter's final collection; see ``jd_admin.ui.app.pin_singletons``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Passw0rd!x"

ROBOT = r"""
import os, runpy, sys, traceback
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

PASSWORD, ROUNDS, CALLS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
app = QApplication([sys.argv[0]])
visits = []


def fail_fast(fn):
    # A robot that fails leaves at once (the crash dialog would wait for a click).
    def wrapper(*args):
        try:
            fn(*args)
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(97)
    return wrapper


@fail_fast

def step():
    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible() or widget.property("robot"):
            continue
        name = widget.objectName()
        if name == "firstAdminDialog":
            widget.setProperty("robot", True)
            widget.full_name.setText("管理员")
            widget.password.setText(PASSWORD)
            widget.confirm.setText(PASSWORD)
            widget.ok_button.click()
            print("robot: first administrator", flush=True)
        elif name == "loginDialog":
            widget.setProperty("robot", True)
            widget.username.setText("admin")
            widget.password.setText(PASSWORD)
            widget.login_button.click()
            print("robot: login", flush=True)
        elif name == "mainWindow":
            widget.setProperty("robot", True)
            print("robot: main window", flush=True)
            rows = widget.nav.count()
            visits.extend(row % rows for row in range(rows * ROUNDS))
            QTimer.singleShot(200, lambda w=widget: browse(w))


@fail_fast
def browse(window):
    if visits:
        window.nav.setCurrentRow(visits.pop(0))
        QTimer.singleShot(100, lambda: browse(window))
        return
    for _ in range(CALLS):  # the calls of a long working day, in a moment
        window.setObjectName("mainWindow")
    # The account menu's 退出 (the interface starts in Chinese on a fresh data directory).
    quit_action = next(a for a in window.findChildren(QAction, options=DIRECT)
                       if a.text() == "退出")
    print("robot: quit", flush=True)
    quit_action.trigger()


robot = QTimer()
robot.timeout.connect(step)
robot.start(50)
sys.argv = ["main.py"]
runpy.run_path("main.py", run_name="__main__")
"""


def run_app(tmp_path: Path, rounds: int, calls: int) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JD_ADMIN_")}
    env.update(QT_QPA_PLATFORM="offscreen", JD_ADMIN_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-c", ROBOT, PASSWORD, str(rounds), str(calls)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.mark.parametrize(("rounds", "calls"), [(2, 0), (1, 300_000)],
                         ids=["short session", "long session"])
def test_application_starts_and_quits_with_status_0(tmp_path: Path, rounds: int,
                                                    calls: int) -> None:
    """Every page visited ``rounds`` times, then ``calls`` further calls of a Qt method that
    returns nothing (each of which costs None a reference on PySide6 6.12.0 / Python 3.11)."""
    result = run_app(tmp_path, rounds, calls)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for step in ("first administrator", "login", "main window", "quit"):
        assert f"robot: {step}" in result.stdout, output
    assert "Fatal Python error" not in output
    assert (tmp_path / "data" / "jd_admin.sqlite3").is_file()
