"""The one bridge for messages to the user. Pages call these functions, never QMessageBox
directly, so tests can patch :data:`bridge` and assert on what the user was told."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


@dataclass
class MessageBridge:
    """Shows messages with QMessageBox; tests replace it with a recorder."""

    shown: list[tuple[str, str]] = field(default_factory=list)

    def info(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("info", text))
        QMessageBox.information(parent, QCoreApplication.translate("messages", "提示"), text)

    def warning(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("warning", text))
        QMessageBox.warning(parent, QCoreApplication.translate("messages", "无法完成"), text)

    def error(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("error", text))
        QMessageBox.critical(parent, QCoreApplication.translate("messages", "错误"), text)

    def ask(self, parent: QWidget | None, text: str) -> bool:
        self.shown.append(("ask", text))
        title = QCoreApplication.translate("messages", "请确认")
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "", secret: bool = False) -> str | None:
        """A line of text (e.g. a reason; ``text``: what it starts with; ``secret``: a
        password, not shown); None when cancelled."""
        self.shown.append(("ask_text", label))
        echo = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
        value, ok = QInputDialog.getText(parent, title, label, echo, text)
        return value if ok else None

    def reason_shown(self, dialog: QWidget) -> None:
        """A reason prompt (ui/reason.py) was opened over the page: the user answers it (the
        tests' recorder answers it from its queue)."""


bridge = MessageBridge()


def info(parent: QWidget | None, text: str) -> None:
    bridge.info(parent, text)


def warning(parent: QWidget | None, text: str) -> None:
    bridge.warning(parent, text)


def error(parent: QWidget | None, text: str) -> None:
    bridge.error(parent, text)


def ask(parent: QWidget | None, text: str) -> bool:
    return bridge.ask(parent, text)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "",
             secret: bool = False) -> str | None:
    return bridge.ask_text(parent, title, label, text, secret)
