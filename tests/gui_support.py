"""Helpers for the GUI tests: a recording message bridge and driving the real login dialog."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from jd_admin.config import DatabaseTarget
from jd_admin.login import LocalLockout, LoginOutcome
from jd_admin.ui import ops
from jd_admin.ui.login import LoginDialog


@dataclass
class RecordingBridge:
    """Stands in for jd_admin.ui.messages.bridge: records, answers from a queue."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    answers: list[bool] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)
    #: What each ask_text offered to start with (a suggested reason), in order.
    suggested: list[str] = field(default_factory=list)

    def info(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("info", text))

    def warning(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("warning", text))

    def error(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("error", text))

    def ask(self, parent: QWidget | None, text: str) -> bool:
        self.shown.append(("ask", text))
        return self.answers.pop(0) if self.answers else False

    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "", secret: bool = False) -> str | None:
        self.shown.append(("ask_text", label))
        self.suggested.append(text)
        return self.texts.pop(0) if self.texts else None

    #: Reason dialogs (ui/reason.py) opened while this is set stay open for the test to drive.
    keep_reasons_open: bool = False

    def reason_shown(self, dialog: QWidget) -> None:
        """A reason dialog opened: answered with the next of ``texts`` (its service call runs
        in the dialog, a refusal stays there), cancelled when there is none."""
        from jd_admin.ui.reason import ReasonDialog

        assert isinstance(dialog, ReasonDialog)
        self.shown.append(("reason", dialog.windowTitle()))
        self.suggested.append(dialog.reason.toPlainText())
        if self.keep_reasons_open:
            return
        text = self.texts.pop(0) if self.texts else None
        if text is None:
            dialog.discard()
            return
        dialog.reason.setPlainText(text)
        dialog.save()

    def texts_of(self, kind: str) -> list[str]:
        return [t for k, t in self.shown if k == kind]


def wait_ops(qtbot) -> None:
    """Wait until no op runs and none follows: an op's callback may start the next one (a list,
    then its detail), so idle means still idle once the events that a finished op queued have
    been delivered."""

    def idle() -> bool:
        if ops.active_ops():
            return False
        QCoreApplication.processEvents()
        return ops.active_ops() == 0

    qtbot.waitUntil(idle, timeout=20000)


def attempt_login(qtbot, target: DatabaseTarget, username: str, password: str,
                  lockout_file: Path) -> LoginDialog:
    """Type into the real login dialog and press the login button; returns the dialog after
    the attempt finished (accepted, or showing its error)."""
    dialog = LoginDialog(target, lockout=LocalLockout(lockout_file))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=20000)
    wait_ops(qtbot)
    return dialog


def login_ok(qtbot, target: DatabaseTarget, username: str, password: str,
             lockout_file: Path) -> LoginOutcome:
    dialog = attempt_login(qtbot, target, username, password, lockout_file)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert dialog.outcome is not None
    return dialog.outcome


@dataclass
class RecordingChooser:
    """Stands in for jd_admin.ui.files.chooser: answers file dialogs from queues and records
    which files the program wanted to show."""

    open_answers: list[Path | None] = field(default_factory=list)
    save_answers: list[Path | None] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)

    def open_file(self, parent: QWidget | None, title: str, name_filter: str,
                  purpose: str | None = None) -> Path | None:
        return self.open_answers.pop(0) if self.open_answers else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  name_filter: str, purpose: str | None = None) -> Path | None:
        return self.save_answers.pop(0) if self.save_answers else None

    def show(self, path: Path) -> None:
        self.opened.append(path)
