"""Small shared widgets: the inline error line, named buttons, password and date fields,
headings and the form dialog that every data-entry dialog builds on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QCloseEvent, QFocusEvent, QFont, QKeyEvent, QShowEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database, Session
from jd_admin.domain.errors import UserError
from jd_admin.ui import messages, ops


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


#: A field is never widened beyond this for its placeholder (px); a longer one is elided.
PLACEHOLDER_MAX = 340


def fit_placeholders(root: QWidget) -> None:
    """Make every line edit under ``root`` wide enough for its whole placeholder (an English
    hint is often longer than the Chinese one it translates), up to :data:`PLACEHOLDER_MAX`.
    Called once when a page or a form dialog is first shown."""
    for edit in root.findChildren(QLineEdit):
        text = edit.placeholderText()
        if not text:
            continue
        margins = edit.textMargins()
        wanted = edit.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() \
            + 18 + (22 if edit.isClearButtonEnabled() else 0)
        wanted = min(wanted, PLACEHOLDER_MAX)
        if edit.minimumWidth() == edit.maximumWidth():  # a fixed width: widened as a whole
            edit.setFixedWidth(max(edit.minimumWidth(), wanted))
        elif edit.minimumWidth() < wanted:
            edit.setMinimumWidth(min(wanted, edit.maximumWidth()))


def password_edit(object_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


# A date typed in one go: 20261130, 2026/11/30 or 2026.11.30 (2026-11-30 is the display
# format, which QDateEdit reads itself); a prefix of one of these is still being typed.
_TYPED_DAY = re.compile(r"(\d{4})([/.]?)(\d{1,2})\2(\d{1,2})")
_TYPING_DAY = re.compile(r"\d{1,8}|\d{4}[/.]\d{0,2}|\d{4}([/.])\d{1,2}\1\d{0,2}")


class DateEdit(QDateEdit):
    """A QDateEdit that also takes a date typed as 20261130 (or 2026/11/30, 2026.11.30) with
    its whole text selected, as people type dates copied from paper; each section can still
    be typed or stepped as usual. A date outside the field's range, or no date at all
    (20261331), is not taken: the field goes back to its last date when it loses the focus or
    on Return, as for any unfinished input, and keeps what was typed in :attr:`refused` until
    a date is taken, so that a :class:`FormDialog` refuses to save the day shown instead of
    the one typed (:func:`refused_date`)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        #: What the user typed last and the field could not take ("" when it took it).
        self.refused = ""
        self._edited = False
        self._day = self.date()
        self.lineEdit().textEdited.connect(self._typed)
        self.dateChanged.connect(self._changed)

    def _typed(self, _text: str) -> None:
        self._edited = True

    def _changed(self, day: QDate) -> None:
        if day != self._day:  # a date taken (typed, stepped, picked or set): nothing refused
            self._day = day
            self.refused = ""

    def _note_refusal(self) -> None:
        """Before the field interprets its text (Return, leaving it): note what it will not
        take (a text Qt's own fixup cannot turn into a date in range either)."""
        if not self._edited:
            return
        self._edited = False
        text = self.lineEdit().text()
        if _state(self.validate(text, len(text))) == QValidator.State.Acceptable:
            self.refused = ""
            return
        fixed = self.fixup(text)
        fixed_text = fixed if isinstance(fixed, str) else text
        taken = fixed_text != text and _state(self.validate(
            fixed_text, len(fixed_text))) == QValidator.State.Acceptable
        self.refused = "" if taken else text.strip()

    def refusal(self) -> str:
        """What to tell about :attr:`refused` (the error line of the dialog saving)."""
        shown = self.displayFormat()
        return QCoreApplication.translate(
            "FormDialog", "“{typed}”不是 {first} 至 {last} 之间的有效日期").format(
            typed=self.refused, first=self.minimumDate().toString(shown),
            last=self.maximumDate().toString(shown))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._note_refusal()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._note_refusal()
        super().focusOutEvent(event)

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        typed = text.strip()
        whole = _TYPED_DAY.fullmatch(typed)
        if whole is not None and (whole.group(2) or len(typed) == 8):
            day = QDate(int(whole.group(1)), int(whole.group(3)), int(whole.group(4)))
            if day.isValid() and self.minimumDate() <= day <= self.maximumDate():
                shown = day.toString(self.displayFormat())
                return QValidator.State.Acceptable, shown, len(shown)
            return QValidator.State.Intermediate, text, pos
        if _TYPING_DAY.fullmatch(typed):
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)


def _state(validated: object) -> QValidator.State:
    """The state of a ``validate`` answer (a tuple, or the state alone)."""
    state = validated[0] if isinstance(validated, tuple) else validated
    assert isinstance(state, QValidator.State)
    return state


def refused_date(root: QWidget) -> DateEdit | None:
    """The first enabled date field under ``root`` whose typed date it did not take."""
    for edit in root.findChildren(DateEdit):
        if edit.refused and edit.isEnabled() and edit.isVisible():
            return edit
    return None


def date_edit(object_name: str, day: dt.date) -> QDateEdit:
    """A date field with a calendar popup, showing 2026-11-26 (typed also as 20261126)."""
    edit = DateEdit(qdate(day))
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


def _is_input(widget: QWidget) -> bool:
    """An editable value the user types or picks (not the line edit inside a spin box or a
    combo, not a cell editor inside a table, not a read-only text)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QAbstractItemView)):
            return False
        parent = parent.parentWidget()
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractButton):
        return widget.isCheckable() and not isinstance(widget, QPushButton)
    return isinstance(widget, (QComboBox, QAbstractSpinBox, QTableWidget))


def _value(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText() if widget.isEditable() else None)
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QTableWidget):
        cells = []
        for row in range(widget.rowCount()):
            for column in range(widget.columnCount()):
                item = widget.item(row, column)
                cells.append(None if item is None else (item.text(), item.checkState().value))
        return (widget.rowCount(), widget.columnCount(), tuple(cells))
    return None


def input_state(root: QWidget) -> list[tuple[QWidget, object]]:
    """The value of every input under ``root`` (line and text edits, combos, spin and date
    boxes, check boxes, table cells): two states differ when the user changed something."""
    return [(w, _value(w)) for w in root.findChildren(QWidget) if _is_input(w)]


def first_input(dialog: QWidget) -> QWidget | None:
    """The first visible, enabled input in ``dialog`` (in the order the widgets were made:
    the form's order; the focus chain is not walked, it may lead out of the dialog)."""
    for widget in dialog.findChildren(QWidget):
        if _is_input(widget) and widget.isVisible() and widget.isEnabled() \
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return widget
    return None


class KeepsInput:
    """The rule for a dialog with input, mixed into a QDialog (``class X(KeepsInput,
    QDialog)``; :class:`FormDialog` is one): Escape, 取消/关闭 and the window's close box ask
    "放弃已填写的内容？" when an input changed since the dialog was shown (or since
    :meth:`mark_clean`, e.g. after a save); an untouched one closes at once, and so does one
    the program closes (``close()``, :meth:`discard`)."""

    _shown_state: list[tuple[QWidget, object]] | None = None
    _discarding = False
    #: A save runs (FormDialog.submit): 取消, Escape and the close box wait for it (the
    #: disabled OK passes the focus on to 取消, where a second Return would land).
    _saving = False

    def showEvent(self, event: QShowEvent) -> None:
        if self._shown_state is None:
            assert isinstance(self, QWidget)
            fit_placeholders(self)
            self.mark_clean()
        super().showEvent(event)  # type: ignore[misc]

    def mark_clean(self) -> None:
        """The inputs' current values are the ones there is nothing to lose in (taken when
        the dialog is first shown; call again after filling it in later, or after a save)."""
        assert isinstance(self, QWidget)
        self._shown_state = input_state(self)

    def is_changed(self) -> bool:
        """Whether the user changed any input since the dialog was shown (or marked clean)."""
        assert isinstance(self, QWidget)
        return self._shown_state is not None and input_state(self) != self._shown_state

    def reject(self) -> None:  # 取消, Escape, the close box (through closeEvent)
        assert isinstance(self, QWidget)
        if self._saving and not self._discarding:
            return
        if not self._discarding and self.is_changed() and not messages.ask(
                self, QCoreApplication.translate("FormDialog", "放弃已填写的内容？")):
            return
        super().reject()  # type: ignore[misc]

    def discard(self) -> None:
        """Close without asking, whatever was typed."""
        self._discarding = True
        try:
            super().reject()  # type: ignore[misc]
        finally:
            self._discarding = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not event.spontaneous():  # close() by the program: nothing to ask the user
            self._discarding = True
        try:
            super().closeEvent(event)  # type: ignore[misc]
        finally:
            self._discarding = False


class FormDialog(KeepsInput, QDialog):
    """Intro text, a form, an inline error line and OK/Cancel. ``submit()`` runs the service call
    as an op; a UserError lands in the error line and the dialog stays open with its input.

    One rule for every dialog with input: Escape, 取消 and the window's close box ask before
    throwing away what the user changed (the inputs' values are compared with those the dialog
    was shown with, :func:`input_state`); an untouched dialog closes at once. After a refused
    save the input stays and the focus goes to the field at fault (``field_widgets`` by the
    name an :class:`InvalidInput` carries in ``field``), otherwise to the first input — never
    to 取消, where Enter would close the dialog. ``discard()`` closes without asking (the
    program replacing or closing the dialog, not the user).
    """

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
        # The input's field names (as the services name them) and their widgets.
        self.field_widgets: dict[str, QWidget] = {}

    # -- not losing input (KeepsInput) ------------------------------------------------------

    def load(self, database: Database, fn: Callable[[Session, ops.Progress], Any],
             on_loaded: Callable[[Any], None]) -> None:
        """Read what the dialog offers (choices, a table) after it is built: what the reading
        fills in is not the user's input (unless the user had already changed something)."""

        def loaded(result: Any) -> None:
            untouched = not self.is_changed()
            on_loaded(result)
            if untouched and self._shown_state is not None:
                self.mark_clean()

        ops.run_db_op(self, database, fn, loaded, read=True)

    def focus_fault(self, field: str | None = None) -> None:
        """Focus the widget of ``field``, or the first input (after a refused save)."""
        if not self.isVisible():
            return
        widget = self.field_widgets.get(field) if field else None
        if widget is None or not (widget.isVisible() and widget.isEnabled()):
            widget = first_input(self)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

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
        """Run the save ``fn`` as an op (once: OK, 取消 and Escape wait for it); a date field
        that did not take the date typed into it stops the save first (the day it shows is
        not the one the user meant)."""
        if self._saving:
            return
        refused = refused_date(self)
        if refused is not None:
            self.error.show_message(refused.refusal())
            refused.setFocus(Qt.FocusReason.OtherFocusReason)
            refused.selectAll()
            return
        self.error.show_message("")
        self.ok_button.setEnabled(False)
        self._saving = True
        self._database = database
        succeeded = on_success or (lambda _r: self.accept())

        def done(result: Any) -> None:
            self._saving = False
            succeeded(result)

        def failed(exc: BaseException) -> None:
            self._saving = False
            self.show_failure(exc)  # (a subclass's too)

        ops.run_db_op(self, database, fn, done, on_failure=failed,
                      after_failure=self._not_saving)

    def _not_saving(self, _exc: BaseException) -> None:  # (after a cancel too)
        if self._saving:
            self._saving = False
            self.ok_button.setEnabled(True)

    def show_failure(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error.show_message(str(exc))
            self.focus_fault(getattr(exc, "field", None))
        else:
            ops.handle_failure(self, exc, exc.__traceback__,
                               database=getattr(self, "_database", None))
