"""The idle lock (闲置锁定): after a while without keyboard or mouse input the program hides every
window that shows data and asks for the user's password again.

The windows are hidden, not closed: a dialog's unsaved input is there again after the unlock.
The password is checked the way a login checks it (:func:`jd_admin.login.login`: the app's own
hash and failure counter on SQLite, the server's login on PostgreSQL with the desktop's
lockout file), so a locked screen is no way round the login's rules. Three wrong passwords at
the lock, or 退出登录, log the user out: every window closes and the login dialog comes back.

The idle time: ``$JD_ADMIN_IDLE_MINUTES`` if set (the IT department's), else the desktop's
setting (系统管理 → 本机界面设置), else :data:`DEFAULT_MINUTES`.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jd_admin import login as login_op
from jd_admin.db import Database
from jd_admin.domain.errors import AuthenticationFailed, UserError
from jd_admin.services.actor import Actor
from jd_admin.ui import ops, settings
from jd_admin.ui.widgets import ErrorLabel, heading, password_edit

DEFAULT_MINUTES = 15
MIN_MINUTES, MAX_MINUTES = 1, 120
ENV_IDLE_MINUTES = "JD_ADMIN_IDLE_MINUTES"
#: Wrong passwords at the lock before the user is logged out.
MAX_FAILURES = 3

#: What counts as the user being there.
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin})


def idle_minutes() -> int:
    """The idle time before the lock, in minutes (within 1 … 120)."""
    raw = os.environ.get(ENV_IDLE_MINUTES) or settings.ui_settings().value(
        "security/idle_minutes", DEFAULT_MINUTES)
    try:
        minutes = int(str(raw))
    except ValueError:
        minutes = DEFAULT_MINUTES
    return min(max(minutes, MIN_MINUTES), MAX_MINUTES)


def set_idle_minutes(minutes: int) -> None:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(minutes)
    settings.ui_settings().setValue("security/idle_minutes", minutes)


class IdleLock(QObject):
    """Watches the application's input; after ``interval_ms`` without any, locks."""

    logged_out = Signal()

    def __init__(self, database: Database, actor: Actor, interval_ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.lock)
        self.dialog: LockDialog | None = None
        self.hidden: list[QWidget] = []
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and not self.locked:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide every window and ask for the password."""
        if self.locked:
            return
        self.hidden = [w for w in QApplication.topLevelWidgets()
                       if w.isVisible() and w.isWindow()]
        for widget in self.hidden:
            widget.hide()
        self.dialog = LockDialog(self.database, self.actor)
        self.dialog.unlocked.connect(self._unlocked)
        self.dialog.gave_up.connect(self._log_out)
        self.dialog.show()
        self.dialog.password.setFocus()

    def _unlocked(self) -> None:
        self._close_dialog()
        for widget in self.hidden:
            widget.show()
        self.hidden = []
        self.timer.start()

    def _log_out(self) -> None:
        self._close_dialog()
        self.hidden = []
        self.stop()
        self.logged_out.emit()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.done(QDialog.DialogCode.Accepted)
            self.dialog.deleteLater()
            self.dialog = None

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockDialog(QDialog):
    """The locked screen's password prompt."""

    unlocked = Signal()
    gave_up = Signal()

    def __init__(self, database: Database, actor: Actor) -> None:
        super().__init__(None)
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        self.database, self.actor = database, actor
        self.failures = 0
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("系统已锁定")))
        note = QLabel(self.tr("长时间无操作，为保护数据已隐藏所有窗口；未保存的输入仍会保留。"
                              "请输入 {name}（{username}）的密码继续。").format(
            name=actor.full_name, username=actor.username))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.password = password_edit("lockPassword")
        layout.addWidget(self.password)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(self.tr("解锁"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.log_out_button = buttons.addButton(self.tr("退出登录"),
                                                QDialogButtonBox.ButtonRole.RejectRole)
        self.log_out_button.setObjectName("logOutButton")
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.gave_up.emit)
        layout.addWidget(buttons)

    def reject(self) -> None:  # Esc and the close button do not unlock
        pass

    def try_unlock(self) -> None:
        password = self.password.text()
        target, username = self.database.target, self.actor.username
        self.error.show_message("")
        self.unlock_button.setEnabled(False)
        ops.run_op(self, lambda _p: login_op.login(target, username, password),
                   self._checked, on_failure=self._failed, label=self.tr("正在验证…"))

    def _checked(self, outcome: login_op.LoginOutcome) -> None:
        outcome.database.dispose()  # (the check's own connection; the program keeps its own)
        self.password.clear()
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        if not isinstance(exc, UserError):
            ops.handle_failure(self, exc, exc.__traceback__)
            return
        if not isinstance(exc, AuthenticationFailed):  # the server away: not a wrong password
            self.error.show_message(str(exc))
            return
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self.gave_up.emit()
            return
        self.error.show_message(self.tr("{error}（再错 {left} 次将退出登录）").format(
            error=str(exc), left=MAX_FAILURES - self.failures))
