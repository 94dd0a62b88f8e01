"""预算执行 (budget burn): a table of the issuance batches with their budget, burn (subsidy of
the vouchers redeemed and of those claimed and still usable), share and the exhaustion
forecast with its 90 % band; the selected batch's burn as a chart (QtCharts): the burn day by
day, the forecast line from yesterday, the band around it, the budget and the claim window's
last day. The figures and the method: services/statistics/budget.py. For the roles that read
the voucher ledger (the bureau's desks, the operator).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from jd_admin.db import Database
from jd_admin.money import format_yuan
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.statistics import budget
from jd_admin.ui import ops
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import wrapped

BURN_COLOR = "#4a7ebb"
FORECAST_COLOR = "#e67e22"
BAND_COLOR = "#f5cba7"
BUDGET_COLOR = "#c0392b"
EARLY_COLOR = "#c0392b"
#: Days of forecast drawn past yesterday at most (beyond the claim window's end).
HORIZON_DAYS = 120


def _ms(day: dt.date) -> float:
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))
                 .toMSecsSinceEpoch())


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "—"


class BurnChart(QChartView):
    """One batch's burn, the forecast line and its band, the budget line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetBurnChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.burn: budget.BatchBurn | None = None
        self.show_burn(None)

    def show_burn(self, burn: budget.BatchBurn | None) -> None:
        self.burn = burn
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        series: list[Any] = []
        if burn is not None:
            chart.setTitle(self.tr("{batch}：预算执行与预测").format(batch=burn.batch.name))
            actual = QLineSeries()
            actual.setName(self.tr("已占用（已核销＋已领未用）"))
            actual.setPen(self._pen(BURN_COLOR, 2.0))
            for d in burn.series:
                actual.append(_ms(d.day), float(d.burn))
            series.append(actual)
            f = burn.forecast
            last = burn.series[-1].day if burn.series else None
            if f is not None:
                end = max(burn.claim_end_day, f.exhausted_on or burn.claim_end_day)
                if f.exhausted_on is not None and f.exhausted_on <= burn.claim_end_day:
                    # a week past the band's latest day is enough to see it cross the budget
                    end = min(end, (f.latest or f.exhausted_on) + dt.timedelta(days=7))
                end = min(end, f.as_of + dt.timedelta(days=HORIZON_DAYS))
                days = [f.as_of + dt.timedelta(days=i)
                        for i in range((end - f.as_of).days + 1)]
                central, low, high = QLineSeries(), QLineSeries(), QLineSeries()
                for day in days:
                    c, lo, hi = f.projected(day)
                    central.append(_ms(day), float(c))
                    low.append(_ms(day), float(lo))
                    high.append(_ms(day), float(hi))
                band = QAreaSeries(high, low)
                band.setName(self.tr("90% 区间"))
                band.setColor(QColor(BAND_COLOR))
                band.setBorderColor(QColor(BAND_COLOR))
                central.setName(self.tr("预测"))
                pen = self._pen(FORECAST_COLOR, 2.0)
                pen.setStyle(Qt.PenStyle.DashLine)
                central.setPen(pen)
                series += [band, central]
                last = end
            # the budget line spans the claim window at least (a batch just opened has no
            # day of burn yet: the axis would have no width)
            opened = clock.local_date(burn.batch.claim_start)
            first = min(burn.series[0].day, opened) if burn.series else opened
            last = last or burn.claim_end_day
            line = QLineSeries()
            line.setName(self.tr("预算"))
            line.setPen(self._pen(BUDGET_COLOR, 1.5))
            line.append(_ms(first), float(burn.batch.budget))
            line.append(_ms(max(last, burn.claim_end_day)), float(burn.batch.budget))
            series.append(line)
        for s in series:
            chart.addSeries(s)
        axis_x = QDateTimeAxis()
        axis_x.setFormat("M/d")
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")
        axis_y.setTitleText(self.tr("元"))
        if burn is not None:
            points = [p for s in series if isinstance(s, QLineSeries) for p in s.points()]
            if points:
                first_ms = min(p.x() for p in points)
                last_ms = max(p.x() for p in points)
                axis_x.setRange(QDateTime.fromMSecsSinceEpoch(int(first_ms)),
                                QDateTime.fromMSecsSinceEpoch(int(last_ms)))
            top = max([float(burn.batch.budget)] + [float(d.burn) for d in burn.series]
                      + [p.y() for p in points])
            axis_y.setRange(0, top * 1.15)
            axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            s.attachAxis(axis_x)
            s.attachAxis(axis_y)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    @staticmethod
    def _pen(color: str, width: float) -> QPen:
        pen = QPen(QColor(color))
        pen.setWidthF(width)
        return pen

    def series_names(self) -> list[str]:
        """The chart's series (tests and screenshots)."""
        return [s.name() for s in self.chart().series()]



class BudgetWidget(QWidget):
    """The batches' budget burn and forecast; ``refresh()`` reloads them."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetWidget")
        self.database, self.actor = database, actor
        self.rows: list[budget.BatchBurn] = []
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(self.tr(
            "已占用 = 已核销消费券的政府补贴 + 已领取、未使用且未过期消费券的政府补贴。预测按最近 "
            "{days} 天每日净占用（领取减去过期退回）的平均速度直线外推，区间为按每日波动计算的 "
            "90% 区间（随天数的平方根变宽）；领取截止日之后不再有新的领取。").format(
                days=budget.WINDOW_DAYS)))
        self.model = RowsModel([
            Column(self.tr("批次"), lambda b: f"{b.batch.code} {b.batch.name}"),
            Column(self.tr("领取截止"), lambda b: b.claim_end_day.isoformat()),
            Column(self.tr("预算（元）"), lambda b: format_yuan(b.batch.budget),
                   sort_key=lambda b: b.batch.budget, align_right=True),
            Column(self.tr("已占用（元）"), lambda b: format_yuan(b.burned),
                   sort_key=lambda b: b.burned, align_right=True),
            Column(self.tr("占用比例"), lambda b: f"{b.burn_share * 100:.1f}%",
                   sort_key=lambda b: b.burn_share, align_right=True),
            Column(self.tr("近期日均（元）"),
                   lambda b: format_yuan(b.forecast.velocity) if b.forecast else "—",
                   sort_key=lambda b: b.forecast.velocity if b.forecast else -1,
                   align_right=True),
            Column(self.tr("预计用完日期"), self._forecast_text,
                   sort_key=lambda b: (b.forecast.exhausted_on or dt.date.max)
                   if b.forecast else dt.date.max,
                   tooltip=lambda b: self._band_text(b)),
            Column(self.tr("90% 区间"), self._band_text),
            Column(self.tr("提示"), self._warning_text, color=EARLY_COLOR),
        ], self)
        self.table = make_table(self.model, "budgetTable", self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_chart())
        self.chart = BurnChart(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

    def _forecast_text(self, b: budget.BatchBurn) -> str:
        if b.forecast is None:
            return self.tr("数据不足") if b.batch.status == "active" else "—"
        if b.forecast.exhausted_on is None:
            return self.tr("按当前速度不会用完")
        return b.forecast.exhausted_on.isoformat()

    def _band_text(self, b: budget.BatchBurn) -> str:
        f = b.forecast
        if f is None or f.exhausted_on is None:
            return ""
        return f"{_day(f.earliest)} – {_day(f.latest)}"

    def _warning_text(self, b: budget.BatchBurn) -> str:
        if b.runs_out_early:
            return self.tr("预计在领取截止前用完")
        return ""

    def refresh(self) -> None:
        actor = self.actor
        ops.run_db_op(self, self.database, lambda s, _p: budget.batch_burn(s, actor),
                      self._show, read=True)

    def _show(self, rows: list[budget.BatchBurn]) -> None:
        current = selected_object(self.table)
        self.rows = rows
        self.model.set_rows(rows)
        if rows:
            index = next((i for i, r in enumerate(rows)
                          if current is not None and r.batch.id == current.batch.id), 0)
            self.table.selectRow(index)
        self._show_chart()

    def _show_chart(self) -> None:
        self.chart.show_burn(selected_object(self.table))
