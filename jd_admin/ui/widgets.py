"""Small shared widgets: the inline error line, named buttons, password and date fields,
headings and the form dialog that every data-entry dialog builds on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database, Session
from jd_admin.domain.errors import UserError
from jd_admin.ui import ops


class ErrorLabel(QLabel):
    """An inline, red message under a form; empty and hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.setStyleSheet("color: #c0392b;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with an object name (tests and screenshots find it by that)."""
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.clicked.connect(slot)
    return widget


def password_edit(object_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(object_name: str, day: dt.date) -> QDateEdit:
    """A date field with a calendar popup, showing 2026-11-26."""
    edit = QDateEdit(qdate(day))
    edit.setObjectName(object_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def day_of(edit: QDateEdit) -> dt.date:
    value = edit.date().toPython()
    assert isinstance(value, dt.date)
    return value


def heading(text: str, larger_by: int = 4) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + larger_by)
    font.setBold(True)
    label.setFont(font)
    return label


def wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FormDialog(QDialog):
    """Intro text, a form, an inline error line and OK/Cancel. ``submit()`` runs the service call
    as an op; a UserError lands in the error line and the dialog stays open with its input."""

    def __init__(self, parent: QWidget | None, *, object_name: str, title: str,
                 intro: str | None = None, min_width: int = 440) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self.vbox = QVBoxLayout(self)
        if intro:
            self.vbox.addWidget(wrapped(intro))
        self.form = QFormLayout()
        self.vbox.addLayout(self.form)
        self.error = ErrorLabel()

    def finish(self, ok_text: str, on_ok: Callable[[], None], note: str | None = None,
               ok_object_name: str = "okButton") -> None:
        """Add the note under the form, the error line and the buttons."""
        if note:
            self.vbox.addWidget(wrapped(note))
        self.vbox.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName(ok_object_name)
        buttons.accepted.connect(on_ok)
        buttons.rejected.connect(self.reject)
        self.vbox.addWidget(buttons)

    def mismatch(self, first: QLineEdit, second: QLineEdit, message: str) -> bool:
        """Clear the error line; show ``message`` and return True if the two fields differ."""
        self.error.show_message("")
        if first.text() != second.text():
            self.error.show_message(message)
            return True
        return False

    def submit(self, database: Database, fn: Callable[[Session, ops.Progress], Any],
             on_success: Callable[[Any], None] | None = None) -> None:
        self.error.show_message("")
        self.ok_button.setEnabled(False)
        self._database = database
        ops.run_db_op(self, database, fn, on_success or (lambda _r: self.accept()),
                      on_failure=self.show_failure)

    def show_failure(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error.show_message(str(exc))
        else:
            ops.handle_failure(self, exc, exc.__traceback__,
                               database=getattr(self, "_database", None))
