"""评估报告 (the periodic evaluation report, issue 13 item 3) on the 统计分析 page: choose a
month, a quarter, a year or any days, and export the report as PDF or .xlsx.

The figures are the dashboard's (services/statistics/evaluation.py reads them from the
statistics service). As everywhere: the file is chosen first, the report gathered in one
transaction (which records its printing), then written after it (a temporary file renamed into
place), off the GUI thread. A subdistrict user exports its own 街镇's report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.statistics import evaluation
from jd_admin.ui import files, messages, ops
from jd_admin.ui.widgets import button, date_edit, day_of, wrapped

MONTH, QUARTER, YEAR, DAYS = "month", "quarter", "year", "days"


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def period_of(kind: str, year: int, number: int) -> tuple[dt.date, dt.date]:
    """The days of month ``number`` (1–12), quarter ``number`` (1–4) or the year ``year``."""
    if kind == MONTH:
        return dt.date(year, number, 1), _month_end(year, number)
    if kind == QUARTER:
        first = 3 * (number - 1) + 1
        return dt.date(year, first, 1), _month_end(year, first + 2)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class EvaluationReportWidget(QWidget):
    """The period chooser and the two exports of the evaluation report."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationReportWidget")
        self.database, self.actor = database, actor
        today = clock.today()
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(self.tr(
            "评估报告（体育消费券实施效果评估报告）按月度、季度、年度或任意期间生成：概况、主要指标"
            "（与上期对比）、分街镇情况、分项目情况、存在问题、下一步建议，PDF 含图表，Excel 含同样"
            "的数据。数字与数据看板一致；拉动比以券面值为分母（上海市公布口径），以政府补贴为分母的"
            "另列。街镇用户导出本街镇的报告。")))
        grid = QGridLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        for text, key in ((self.tr("月度"), MONTH), (self.tr("季度"), QUARTER),
                          (self.tr("年度"), YEAR), (self.tr("自定义期间"), DAYS)):
            self.kind.addItem(text, key)
        self.year = QSpinBox()
        self.year.setObjectName("reportYear")
        self.year.setRange(2020, 2100)
        self.year.setValue(today.year)
        self.number = QComboBox()
        self.number.setObjectName("reportNumber")
        self.since = date_edit("reportSince", today.replace(day=1))
        self.until = date_edit("reportUntil", today)
        grid.addWidget(QLabel(self.tr("报告类型")), 0, 0)
        grid.addWidget(self.kind, 0, 1)
        self.year_label = QLabel(self.tr("期间"))
        grid.addWidget(self.year_label, 1, 0)
        row = QHBoxLayout()
        row.addWidget(self.year)
        row.addWidget(self.number)
        row.addStretch()
        grid.addLayout(row, 1, 1)
        self.days_label = QLabel(self.tr("起止日期"))
        grid.addWidget(self.days_label, 2, 0)
        days = QHBoxLayout()
        days.addWidget(self.since)
        days.addWidget(QLabel("–"))
        days.addWidget(self.until)
        days.addStretch()
        grid.addLayout(days, 2, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.period_label = QLabel()
        self.period_label.setObjectName("reportPeriod")
        layout.addWidget(self.period_label)
        buttons = QHBoxLayout()
        self.pdf_button = button(self.tr("导出 PDF…"), "reportPdfButton",
                                 lambda: self.export(".pdf"))
        self.xlsx_button = button(self.tr("导出 Excel…"), "reportXlsxButton",
                                  lambda: self.export(".xlsx"))
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addStretch()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.year.valueChanged, self.number.currentIndexChanged,
                       self.since.dateChanged, self.until.dateChanged):
            signal.connect(self._show_period)
        self._kind_changed()
        self.number.setCurrentIndex(today.month - 1)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        today = clock.today()
        self.number.blockSignals(True)
        self.number.clear()
        if kind == MONTH:
            for m in range(1, 13):
                self.number.addItem(self.tr("{n} 月").format(n=m), m)
            self.number.setCurrentIndex(today.month - 1)
        elif kind == QUARTER:
            for q, text in enumerate((self.tr("第一季度"), self.tr("第二季度"),
                                      self.tr("第三季度"), self.tr("第四季度")), start=1):
                self.number.addItem(text, q)
            self.number.setCurrentIndex((today.month - 1) // 3)
        self.number.blockSignals(False)
        self.number.setVisible(kind in (MONTH, QUARTER))
        self.year.setVisible(kind != DAYS)
        self.year_label.setVisible(kind != DAYS)
        for widget in (self.since, self.until, self.days_label):
            widget.setVisible(kind == DAYS)
        self._show_period()

    def period(self) -> tuple[dt.date, dt.date]:
        """The days chosen (inclusive)."""
        kind = self.kind.currentData()
        if kind == DAYS:
            return day_of(self.since), day_of(self.until)
        return period_of(kind, self.year.value(), int(self.number.currentData() or 1))

    def _show_period(self) -> None:
        since, until = self.period()
        self.period_label.setText(self.tr("统计期间：{since} 至 {until}").format(
            since=since.isoformat(), until=until.isoformat()))

    def export(self, suffix: str) -> None:
        since, until = self.period()
        if until < since:
            messages.warning(self, self.tr("结束日期不能早于开始日期"))
            return
        kind = evaluation.period_kind(since, until)
        name = f"体育消费券{kind}评估报告-{since.isoformat()}至{until.isoformat()}{suffix}"
        chosen = files.save_file(
            self, self.tr("导出评估报告（PDF）") if suffix == ".pdf"
            else self.tr("导出评估报告（Excel）"), name, f"*{suffix}")
        if chosen is None:
            return
        path = chosen if chosen.suffix.lower() == suffix else chosen.with_name(
            f"{chosen.name}{suffix}")
        actor = self.actor

        def write(prepared: evaluation.Prepared) -> None:
            ops.run_op(self, lambda _p: prepared.write(), self._written, read=True)

        ops.run_db_op(self, self.database,
                      lambda s, _p: evaluation.prepare_report(s, actor, since, until, path),
                      write)

    def _written(self, path: Path) -> None:
        messages.info(self, self.tr("已导出：{path}").format(path=path))


__all__ = ["EvaluationReportWidget", "period_of"]
