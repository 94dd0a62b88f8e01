"""The vouchers page's import tab (the platform operator): import a voucher file in one
transaction, show its summary, open its error report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jd_admin.config import PseudonymKeyMissing
from jd_admin.db import Database
from jd_admin.domain.errors import Cancelled, InvalidInput
from jd_admin.services.actor import Actor
from jd_admin.services.vouchers import importer as voucher_import
from jd_admin.ui import files, messages, ops
from jd_admin.ui.widgets import button

if TYPE_CHECKING:
    from jd_admin.db import Session


class ImportTab(QWidget):
    """The operator's import. ``imported`` is emitted after a file was imported."""

    imported = Signal()

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.last_summary: voucher_import.ImportSummary | None = None
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "导入配送平台报送的消费券数据（.xlsx 或 .csv，格式见导入模板）。导入在一个事务中完成："
            "取消或出错时数据库保持原样；有问题的行写入错误报告，其余行照常导入并核查规则。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.import_button = button(self.tr("选择文件…"), "importButton", self.choose_import)
        self.error_report_button = button(self.tr("打开错误报告"), "errorReportButton",
                                                self.open_error_report)
        self.error_report_button.setEnabled(False)
        row.addWidget(self.import_button)
        row.addWidget(self.error_report_button)
        row.addStretch()
        layout.addLayout(row)
        self.import_summary = QPlainTextEdit()
        self.import_summary.setObjectName("importSummary")
        self.import_summary.setReadOnly(True)
        layout.addWidget(self.import_summary, 1)

    def choose_import(self) -> None:
        path = files.open_file(self, self.tr("选择消费券数据文件"),
                               self.tr("消费券数据 (*.xlsx *.csv)"))
        if path is None:
            return
        self.import_file(path)

    def import_file(self, path: Path) -> None:
        actor = self.actor
        self.import_summary.setPlainText(self.tr("正在导入 {name}…").format(name=path.name))
        self.error_report_button.setEnabled(False)
        self.last_summary = None

        def run(s: Session, progress: ops.Progress) -> voucher_import.ImportSummary:
            progress.check()
            try:
                summary = voucher_import.import_vouchers(
                    s, actor, path, progress=lambda n, text: progress.report(n, 0, text),
                    cancelled=progress.cancelled)
            except PseudonymKeyMissing as exc:
                raise InvalidInput(str(exc)) from exc
            progress.check()  # a cancel pressed during the merge still rolls everything back
            return summary

        self.import_button.setEnabled(False)
        ops.run_db_op(self, self.database, run, self._imported,
                      label=self.tr("正在导入消费券数据…"), cancellable=True,
                      after_failure=self._import_failed)

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            text = self.tr("已取消，数据库未改动")
        else:
            text = self.tr("导入没有完成，数据库未改动：{reason}").format(reason=exc)
        self.import_summary.setPlainText(text)
        if isinstance(exc, Cancelled):
            messages.info(self, text)

    def _imported(self, summary: voucher_import.ImportSummary) -> None:
        self.import_button.setEnabled(True)
        self.last_summary = summary
        self.import_summary.setPlainText("\n".join(summary.lines()))
        self.error_report_button.setEnabled(summary.error_report is not None)
        self.imported.emit()

    def open_error_report(self) -> None:
        if self.last_summary is not None and self.last_summary.error_report is not None:
            files.show(self.last_summary.error_report)
