"""What the application dialogs and the recruitment page share: the look of a wrong value,
the op wrapper of a change, file sizes and the label of a form field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from jd_admin.services.recruitment.application_input import FIELD_LABELS
from jd_admin.ui import labels, ops

if TYPE_CHECKING:
    from jd_admin.db import Session

INVALID_STYLE = (
    'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],'
    ' QSpinBox[invalid="true"], QTableWidget[invalid="true"] { border: 2px solid #c0392b; }'
)
INVALID_CELL = QColor("#fadbd8")
T = TypeVar("T")


def field_label(field: str) -> str:
    """The label of an application field, in the interface language."""
    label = FIELD_LABELS.get(field)
    return labels.text(label) if label is not None else field


def guarded(fn: Callable[[Session], T]) -> Callable[[Session, ops.Progress], T]:
    """``fn(session)`` as an op body for run_db_op (it only drops the progress argument: the
    op runner, not this, turns database refusals and concurrent saves into messages)."""

    def run(s: Session, _p: ops.Progress) -> T:
        return fn(s)

    return run


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
