"""One crash path: an unexpected exception is logged at CRITICAL and shown in a dialog with a
copyable report; the application keeps running."""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jd_admin import __version__
from jd_admin.logsetup import log_file

log = logging.getLogger("jd_admin.crash")


def format_report(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> str:
    lines = [
        f"jd_admin {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出现意外错误"))
        self.setObjectName("crashDialog")
        self.report = report
        layout = QVBoxLayout(self)
        label = QLabel(self.tr(
            "程序遇到了一个意外错误，已写入日志，您可以继续使用。\n"
            "请复制下面的报告发给系统维护人员。日志文件：{path}"
        ).format(path=log_file()))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(640, 280)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("复制报告"))
        copy.clicked.connect(self.copy_report)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


class _Relay(QObject):
    crashed = Signal(str)


_relay: _Relay | None = None
open_dialogs: list[CrashDialog] = []


def _show(report: str) -> None:
    parent = QApplication.activeWindow()
    dialog = CrashDialog(report, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    open_dialogs.append(dialog)
    dialog.finished.connect(
        lambda _=0, d=dialog: open_dialogs.remove(d) if d in open_dialogs else None)
    dialog.show()


def report_exception(exc_type: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
    """Log and show an unexpected exception. Safe from any thread: the dialog opens on the GUI
    thread."""
    report = format_report(exc_type, exc, tb)
    log.critical("unexpected exception\n%s", report)
    if _relay is not None:
        _relay.crashed.emit(report)


def install() -> None:
    """Route uncaught exceptions (GUI thread and worker threads) to :func:`report_exception`."""
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.crashed.connect(_show, Qt.ConnectionType.QueuedConnection)
    sys.excepthook = report_exception

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            report_exception(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = thread_hook
