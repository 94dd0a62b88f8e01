"""The one prompt for a reason (暂停/恢复/退出 a venue, 停用 a user, 退回 a settlement, 更正 an
inspection, 解除 a voucher's flag, …): a small :class:`~jd_admin.ui.widgets.FormDialog` with a
multi-line box, whose OK runs the service call with the reason. A refusal — an empty reason
("请填写恢复意见"), a record changed meanwhile — stays in the dialog under the box with what was
typed, and the focus goes back to the box; Escape or 取消 on a typed reason asks first. The
label uses the word the service's message uses (the caller passes both from one place: for a
workflow step, :func:`step_label`).

Pages call :func:`ask_reason`; it opens the dialog window-modal without blocking and calls
``on_done`` with the service call's result after it succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from jd_admin.db import Database, Session
from jd_admin.ui import messages
from jd_admin.ui.widgets import FormDialog

#: The service call: (session, reason) -> result.
ReasonCall = Callable[[Session, str], Any]


def step_label(action: str) -> str:
    """The reason's label for a workflow step ``action`` (暂停, 恢复, …): the word of the
    workflow's refusal "请填写{action}意见" (domain/workflow.py)."""
    return QCoreApplication.translate("ReasonDialog", "{action}意见：").format(action=action)


class ReasonDialog(FormDialog):
    """A reason (multi-line) for one step; OK runs ``call`` with it, in the dialog."""

    def __init__(self, parent: QWidget | None, database: Database, *, title: str, intro: str,
                 label: str, call: ReasonCall, suggested: str = "", ok_text: str | None = None,
                 object_name: str = "reasonDialog") -> None:
        super().__init__(parent, object_name=object_name, title=title, intro=intro)
        self.database, self.call = database, call
        self.result_value: Any = None
        self.reason = QPlainTextEdit(suggested)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(96)
        self.form.addRow(label, self.reason)
        for field in ("reason", "comment"):  # the services' names for it
            self.field_widgets[field] = self.reason
        self.finish(ok_text or self.tr("确定"), self.save)

    def save(self) -> None:
        reason, call = self.reason.toPlainText(), self.call
        self.submit(self.database, lambda s, _p: call(s, reason), self._done)

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.accept()


def ask_reason(parent: QWidget, database: Database, *, title: str, intro: str, label: str,
               call: ReasonCall, on_done: Callable[[Any], None], suggested: str = "",
               ok_text: str | None = None) -> ReasonDialog:
    """Open a :class:`ReasonDialog` over ``parent`` (window-modal, not blocking); after the
    call succeeded ``on_done(result)`` runs. The closed ones before it are deleted now (not
    on close: the op that closes one still has it as its parent)."""
    for old in parent.findChildren(ReasonDialog):
        if not old.isVisible():
            old.deleteLater()
    dialog = ReasonDialog(parent, database, title=title, intro=intro, label=label, call=call,
                          suggested=suggested, ok_text=ok_text)
    dialog.accepted.connect(lambda: on_done(dialog.result_value))
    dialog.open()
    dialog.reason.setFocus()
    messages.bridge.reason_shown(dialog)
    return dialog
