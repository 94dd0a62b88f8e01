"""Starting the desktop application: logging, crash path, font, language, database, login,
main window."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from jd_admin import db
from jd_admin import i18n as texts
from jd_admin.config import DatabaseTarget, resolve_database
from jd_admin.domain.errors import UserError
from jd_admin.login import LoginOutcome
from jd_admin.services import dberrors
from jd_admin.services.accounts import auth
from jd_admin.services.actor import system_actor
from jd_admin.ui import crash, files, i18n, messages, ops, settings
from jd_admin.ui.fonts import install_application_font
from jd_admin.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog

if TYPE_CHECKING:
    from jd_admin.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class GuiThreadGarbageCollector(QObject):
    """Python's cyclic garbage collector runs only here, on the GUI thread, from a timer.

    Ops run Python in worker threads; an automatic collection started there could free Qt
    objects of the GUI thread at the moment the GUI thread deletes them (a crash). So automatic
    collection is off and this timer collects every few seconds instead (Anki does the same)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(5000)

    def collect(self) -> None:
        gc.collect()


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    GuiThreadGarbageCollector(app)
    app.setApplicationName("jd_admin")
    app.setOrganizationName("JiadingSports")
    crash.install()
    install_application_font(app)
    i18n.install(app, settings.language())
    return app


def prepare_sqlite(target: DatabaseTarget) -> bool:
    """Migrate the SQLite file (copied aside first) and create the first admin if it is empty.
    Returns False when the user cancelled or it failed (the message was shown)."""
    database = db.Database.open(target)
    try:
        copy = db.upgrade(database.engine)
        if copy:
            log.info("database upgraded; previous copy at %s", copy)
        with database.session() as s:
            empty = not auth.has_users(s)
        if empty:
            dialog = FirstAdminDialog(database, system_actor("setup"))
            return dialog.exec() == QDialog.DialogCode.Accepted
        return True
    finally:
        database.dispose()


def open_sqlite(target: DatabaseTarget) -> bool:
    """:func:`prepare_sqlite`, a refusal shown in a dialog with the way out: a damaged file
    (restore the last backup), a newer program's database (install it), a read-only folder or
    a full disk. False when the program cannot go on."""
    try:
        return prepare_sqlite(target)
    except UserError as exc:
        log.warning("SQLite file refused: %s", exc)
        messages.error(None, str(exc))
        return False
    except db.OperationalError as exc:
        problem = db.sqlite_problem(exc, target.url.database)
        diagnosis = dberrors.classify(exc, target.url.database or "")
        if problem is not None:
            messages.error(None, str(problem))
        elif diagnosis is not None and not diagnosis.failure.reconnect:
            messages.error(None, str(diagnosis.message))  # a read-only folder, a full disk
        else:
            text = QCoreApplication.translate("app", "无法打开数据库文件：{error}")
            messages.error(None, text.format(error=exc.orig))
        return False


class SecondCopy(Exception):
    """Another copy of the program has the SQLite file open (the message says so)."""


def claim_sqlite(target: DatabaseTarget) -> QLockFile | None:
    """This program's claim on its SQLite file: ``<file>.lock`` next to it, held while the
    program runs and released at exit; a lock left by a run that crashed or was killed is
    taken over (:class:`QLockFile` checks whether its process still lives). Raises
    :class:`SecondCopy` when another running copy holds it. None for PostgreSQL (any number
    of desktops share a server) and for a database in memory. The CLI does not take it: its
    commands are short transactions that SQLite itself serialises with the program's; but
    ``jd-admin restore``, which replaces the file, is refused while a program holds it
    (``db.desktop_holding``)."""
    if not target.is_sqlite or not target.url.database or target.url.database == ":memory:":
        return None
    path = Path(target.url.database).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(db.desktop_lock_path(path)))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        text = QCoreApplication.translate(
            "app", "数据库文件 {file} 已被本机上另一个正在运行的本程序打开。\n"
                   "同一个数据库文件同时只能由一个程序使用：请切换到已打开的那个窗口，"
                   "或先将它退出后再启动。")
        raise SecondCopy(text.format(file=path))
    log.warning("cannot create the lock file %s.lock (%s): going on without it", path,
                lock.error())
    return None


def log_in(target: DatabaseTarget, *, switching: bool = False) -> LoginOutcome | None:
    """The login loop: login dialog, first admin on an empty server database, version check,
    required password change. None when the user gave up. ``switching`` (切换用户): the
    dialog starts with no user name."""
    while True:
        dialog = LoginDialog(target, switching=switching)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
            return None
        outcome = dialog.outcome
        if outcome.needs_first_admin:
            with outcome.database.session() as s:
                owner = auth.session_user(s)
            FirstAdminDialog(outcome.database, system_actor(owner)).exec()
            outcome.database.dispose()
            continue
        actor = outcome.actor
        assert actor is not None
        if actor.must_change_password:
            change = ChangePasswordDialog(outcome.database, actor, required=True)
            if change.exec() != QDialog.DialogCode.Accepted:
                outcome.database.dispose()
                return None
            outcome.actor = dataclasses.replace(actor, must_change_password=False)
        return outcome


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    pin_singletons()
    argv = list(sys.argv if argv is None else argv)
    parser = argparse.ArgumentParser(prog="jd-admin-gui", description="嘉定区体育消费券管理系统")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--self-check", action="store_true",
                        help="start on a new SQLite file in a throw-away directory, log in, "
                             "show the main window, print what was seen and exit "
                             "(0: everything works); see jd_admin/ui/self_check.py")
    args, qt_args = parser.parse_known_args(argv[1:])
    if args.self_check:
        from jd_admin.ui import self_check

        return self_check.run(argv[0], qt_args, started)
    from jd_admin.logsetup import configure_file_logging

    configure_file_logging()
    app = create_application([argv[0], *qt_args])
    try:
        target = resolve_database(args.database_url)
    except ValueError as exc:
        messages.error(None, str(exc))
        return 2
    try:
        lock = claim_sqlite(target)
    except SecondCopy as exc:
        messages.error(None, str(exc))
        return 1
    try:
        if target.is_sqlite and not open_sqlite(target):
            return 1
        return run_sessions(app, target)
    finally:
        if lock is not None:
            lock.unlock()


def run_sessions(app: QApplication, target: DatabaseTarget) -> int:
    """Log in, work, and after 注销 / 切换用户 (or the idle lock's log-out) log in again,
    as long as the user does not quit."""
    switching = False
    while True:
        if settings.language() != texts.language():  # the 语言 menu's choice, from this login
            i18n.install(app, settings.language())
        outcome = log_in(target, switching=switching)
        if outcome is None:
            return 1
        window = start_session(outcome)
        code = app.exec()
        logged_out, switching = window.was_logged_out, window.switching_user
        end_session(window)
        if not logged_out:
            return int(code)


def start_session(outcome: LoginOutcome) -> MainWindow:
    """The logged-in user's main window, shown."""
    assert outcome.actor is not None
    settings.set_current_user(outcome.actor.username)
    from jd_admin.ui.main_window import MainWindow  # (every page: after the login dialog)

    window = MainWindow(outcome.database, outcome.actor)
    window.show()
    return window


def end_session(window: MainWindow) -> None:
    """After the user's main window closed: wait for the ops still running, close and delete
    every window of the session, dispose the database connection and forget the user (the
    per-user settings' login, the files written for viewing, the reconnects waiting). What
    is left holds nothing of the previous user; the next one gets a new main window."""
    ops.wait_for_all()
    ops.drop_pending()  # what they queued for the session's windows goes with them
    database = window.database
    for widget in QApplication.topLevelWidgets():
        if widget is window or not widget.isWindow():
            continue
        if widget.isVisible():
            widget.close()
        if getattr(widget, "database", None) is database or widget.parent() is window:
            widget.deleteLater()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ops.forget(database)
    database.dispose()
    settings.set_current_user("")
    files.cleanup()
    gc.collect()


def pin_singletons() -> None:
    """Keep None, True and False alive whatever PySide6 does to their reference counts.

    PySide6 6.12.0 on CPython 3.11 drops one reference to None on every call of a method that
    returns nothing (``widget.setObjectName("x")`` a thousand times, then exit: "Fatal Python
    error: none_dealloc"; 6.11.3 does not). Once the count reaches zero CPython aborts: in a
    long session, or in the interpreter's final collection at exit. The test session's crash
    (conftest.py) was reported as "bool_dealloc", so True and False get the same treatment.
    From Python 3.12 these objects are immortal (PEP 683) and the bug is harmless; on 3.11 this
    gives each a count no session can use up, the same idea. tests/test_app_exit.py checks that
    the application exits with status 0, after a long session too."""
    if (sys.version_info >= (3, 12) or sys.implementation.name != "cpython"
            or hasattr(sys, "getobjects")):  # a Py_TRACE_REFS build: another object layout
        return
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 48
