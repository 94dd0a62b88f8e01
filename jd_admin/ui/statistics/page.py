"""统计分析: the dashboard (issue 13 item 1) — the figures of a period against the previous one
(KPI tiles), the period by day, week or month, the breakdowns by subdistrict, venue type,
sport, face value and citizen group, and the top venues (QtCharts). Every chart exports as
PNG and its data as .xlsx. The figures come from services/statistics (one ``dashboard`` call
per refresh, off the GUI thread); their definitions are in its module doc.

The page is a tab widget: the dashboard is its first tab, the other statistics widgets (budget,
evaluation report, what-if, price integrity) are further tabs. A subdistrict user's 街镇 is
pinned (the services and, on PostgreSQL, row security scope it anyway).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import VenueType
from jd_admin.money import format_yuan
from jd_admin.services import clock, statistics
from jd_admin.services.actor import Actor, may_act, own_subdistrict_only
from jd_admin.services.navigation import Page
from jd_admin.services.output_files import write_replacing
from jd_admin.services.register import venues
from jd_admin.services.statistics import Dimension, Filters, Grain, Point, Slice
from jd_admin.services.statistics.export import write_table
from jd_admin.ui import files, keys, messages, ops
from jd_admin.ui.filter_bar import widen_popup
from jd_admin.ui.page import BasePage
from jd_admin.ui.statistics.budget import BudgetWidget
from jd_admin.ui.statistics.integrity import IntegrityWidget
from jd_admin.ui.statistics.report import EvaluationReportWidget
from jd_admin.ui.statistics.whatif import WhatIfWidget
from jd_admin.ui.widgets import button, date_edit, day_of, heading, qdate

COLORS = ("#4a7ebb", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d",
          "#d4ac0d")
UP, DOWN = "#27ae60", "#c0392b"
TOP = 10  # venues, sports shown
CHART_HEIGHT = 300


def _num(value: Decimal | int | None) -> float:
    return float(value or 0)


class ChartBox(QFrame):
    """A chart with its title and the two exports (PNG of the chart, .xlsx of its data)."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = title
        self.headers: list[str] = []
        self.rows: list[list[object]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        label = QLabel(f"<b>{title}</b>")
        label.setWordWrap(True)  # (a long English title takes two lines, not the width)
        top.addWidget(label, 1)
        self.png_button = button(self.tr("导出图片…"), f"{name}Png", self.export_png)
        self.xlsx_button = button(self.tr("导出数据…"), f"{name}Xlsx", self.export_xlsx)
        top.addWidget(self.png_button)
        top.addWidget(self.xlsx_button)
        layout.addLayout(top)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(CHART_HEIGHT)
        layout.addWidget(self.view, 1)
        self.empty = QLabel(self.tr("本期没有数据"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        layout.addWidget(self.empty)

    def set_chart(self, chart: QChart, headers: Sequence[str], rows: list[list[object]]) -> None:
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.headers, self.rows = list(headers), rows
        self.empty.setVisible(not rows)

    def _suggested(self, suffix: str) -> str:
        return f"{self.title}.{suffix}"

    def export_png(self) -> None:
        chosen = files.save_file(self, self.tr("导出图片"), self._suggested("png"), "*.png")
        if chosen is None:
            return
        path = chosen if chosen.suffix.lower() == ".png" else chosen.with_name(
            f"{chosen.name}.png")
        try:
            self.write_png(path)
        except Exception as exc:
            messages.error(self, str(exc))
            return
        messages.info(self, self.tr("已导出：{path}").format(path=path))

    def write_png(self, path: Path) -> Path:
        image = self.view.grab()

        def save(partial: Path) -> None:
            if not image.save(str(partial), "PNG"):
                raise OSError(5, self.tr("无法保存图片"))

        write_replacing(path, save)
        return path

    def export_xlsx(self) -> None:
        chosen = files.save_file(self, self.tr("导出数据"), self._suggested("xlsx"), "*.xlsx")
        if chosen is None:
            return
        path = chosen if chosen.suffix.lower() == ".xlsx" else chosen.with_name(
            f"{chosen.name}.xlsx")
        title, headers, rows = self.title, self.headers, self.rows
        ops.run_op(self, lambda _p: write_table(path, title, headers, rows),
                   lambda written: messages.info(self, self.tr("已导出：{path}").format(
                       path=written)), read=True)


class Tile(QFrame):
    """A KPI: its name, its value and the change against the compared period."""

    def __init__(self, name: str, title: str, tip: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setStyleSheet("color: #555555;")
        self.title.setWordWrap(True)  # (a long English name takes two lines, not the width)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setObjectName(f"{name}Value")
        self.change = QLabel("")
        self.change.setObjectName(f"{name}Change")
        for w in (self.title, self.value, self.change):
            layout.addWidget(w)

    def show_value(self, text: str, change: Decimal | None, previous: str) -> None:
        self.value.setText(text)
        if change is None:
            self.change.setText(self.tr("上期 {previous}").format(previous=previous)
                                if previous != "—" else "")
            self.change.setStyleSheet("color: #777777;")
            return
        arrow = "▲" if change > 0 else "▼" if change < 0 else "＝"
        self.change.setText(self.tr("{arrow} {percent}%（上期 {previous}）").format(
            arrow=arrow, percent=f"{abs(change) * 100:.1f}", previous=previous))
        self.change.setStyleSheet(f"color: {UP if change > 0 else DOWN if change < 0 else '#777'};")


class DashboardWidget(QWidget):
    """The dashboard tab."""

    def __init__(self, database: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsDashboard")
        self.database, self.actor = database, actor
        self.own_subdistrict = own_subdistrict_only(actor, Action.READ_STATISTICS)
        self._generation = 0
        self._choices_loaded = False
        self.shown: statistics.Dashboard | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        outer.addLayout(self._build_controls())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setObjectName("dashboardScroll")
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.period_label = QLabel("")
        self.period_label.setObjectName("periodLabel")
        self.period_label.setWordWrap(True)
        self.body.addWidget(self.period_label)
        self.body.addLayout(self._build_tiles())
        self.charts: dict[str, ChartBox] = {}
        grid = QGridLayout()
        boxes = [
            ("seriesCounts", self.tr("领取与核销张数")),
            ("seriesMoney", self.tr("政府补贴与带动消费（元）")),
            ("bySubdistrict", self.tr("分街镇：带动消费与政府补贴（元）")),
            ("topVenues", self.tr("带动消费前 {n} 名场馆（元）").format(n=TOP)),
            ("byVenueType", self.tr("分场馆类型：带动消费")),
            ("bySport", self.tr("分运动项目：核销张数")),
            ("byFaceValue", self.tr("分面值：领取与核销张数")),
            ("byCitizenGroup", self.tr("分人群：核销张数")),
        ]
        for n, (name, title) in enumerate(boxes):
            box = ChartBox(name, title)
            self.charts[name] = box
            grid.addWidget(box, n // 2, n % 2)
        self.body.addLayout(grid)
        self.body.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    # --- controls -----------------------------------------------------------------------------

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        today = clock.today()
        row.addWidget(QLabel(self.tr("期间：")))
        self.since_edit = date_edit("sinceEdit", today.replace(month=1, day=1))
        self.until_edit = date_edit("untilEdit", today)
        row.addWidget(self.since_edit)
        row.addWidget(QLabel("—"))
        row.addWidget(self.until_edit)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        for text, key in ((self.tr("自定义"), ""), (self.tr("本月"), "month"),
                          (self.tr("本季度"), "quarter"), (self.tr("今年"), "year"),
                          (self.tr("最近30天"), "30"), (self.tr("去年"), "last_year")):
            self.period_combo.addItem(text, key)
        self.period_combo.setCurrentIndex(3)
        self.period_combo.activated.connect(self._preset)
        row.addWidget(self.period_combo)
        row.addWidget(QLabel(self.tr("粒度：")))
        self.grain_combo = QComboBox()
        self.grain_combo.setObjectName("grainCombo")
        for text, grain in ((self.tr("按日"), Grain.DAY), (self.tr("按周"), Grain.WEEK),
                            (self.tr("按月"), Grain.MONTH)):
            self.grain_combo.addItem(text, grain.value)
        self.grain_combo.setCurrentIndex(2)
        row.addWidget(self.grain_combo)
        row.addWidget(QLabel(self.tr("对比：")))
        self.against_combo = QComboBox()
        self.against_combo.setObjectName("againstCombo")
        self.against_combo.addItem(self.tr("上一期"), "previous")
        self.against_combo.addItem(self.tr("去年同期"), "year")
        row.addWidget(self.against_combo)
        row.addWidget(QLabel(self.tr("街镇：")))
        self.subdistrict_combo = QComboBox()
        self.subdistrict_combo.setObjectName("subdistrictFilter")
        self.subdistrict_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        if self.own_subdistrict:
            self.subdistrict_combo.addItem(self.actor.subdistrict_name or "", None)
            self.subdistrict_combo.setEnabled(False)
        else:
            self.subdistrict_combo.addItem(self.tr("全部街镇"), None)
        row.addWidget(self.subdistrict_combo)
        row.addWidget(QLabel(self.tr("场馆类型：")))
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("venueTypeFilter")
        self.type_combo.addItem(self.tr("全部"), None)
        for t in VenueType:
            self.type_combo.addItem(str(t.label), t.value)
        row.addWidget(self.type_combo)
        # the longer choices are cut in the closed box (the list shows them whole), so the row
        # fits a 1366-pixel screen in English too
        for combo in (self.against_combo, self.type_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            widen_popup(combo)
        row.addStretch(1)
        self.refresh_button = button(self.tr("刷新"), "refreshButton", self.refresh)
        keys.hint(self.refresh_button, keys.REFRESH)
        row.addWidget(self.refresh_button)
        for combo in (self.grain_combo, self.against_combo, self.subdistrict_combo,
                      self.type_combo):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.since_edit, self.until_edit):
            edit.editingFinished.connect(self._custom)
        return row

    def _custom(self) -> None:
        self.period_combo.setCurrentIndex(0)
        self.refresh()

    def _preset(self) -> None:
        key, today = self.period_combo.currentData(), clock.today()
        if not key:
            return
        if key == "month":
            since = today.replace(day=1)
        elif key == "quarter":
            since = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        elif key == "year":
            since = today.replace(month=1, day=1)
        elif key == "30":
            since = today - dt.timedelta(days=29)
        else:
            since = dt.date(today.year - 1, 1, 1)
            today = dt.date(today.year - 1, 12, 31)
        for edit, day in ((self.since_edit, since), (self.until_edit, today)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)
        self.refresh()

    def filters(self) -> Filters:
        since, until = day_of(self.since_edit), day_of(self.until_edit)
        if until < since:
            since, until = until, since
        return Filters(since, until, subdistrict_id=self.subdistrict_combo.currentData(),
                       venue_type=self.type_combo.currentData())

    # --- tiles --------------------------------------------------------------------------------

    TILES = ("claims", "redemptions", "redemption_rate", "expired_unused", "citizens",
             "subsidy_redeemed", "subsidy_settled", "subsidy_paid", "subsidy_committed",
             "order_total", "leverage_face", "leverage_subsidy")

    def _build_tiles(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(6)
        self.tiles: dict[str, Tile] = {}
        titles = {
            "claims": self.tr("领取张数"), "redemptions": self.tr("核销张数（人次）"),
            "redemption_rate": self.tr("核销率"), "expired_unused": self.tr("过期未用"),
            "citizens": self.tr("参与人数"), "subsidy_redeemed": self.tr("政府补贴（元）"),
            "subsidy_settled": self.tr("已结算补贴（元）"),
            "subsidy_paid": self.tr("已拨付补贴（元）"),
            "subsidy_committed": self.tr("已承诺补贴（元）"),
            "order_total": self.tr("带动消费（元）"),
            "leverage_face": self.tr("拉动比（÷面值，市口径）"),
            "leverage_subsidy": self.tr("拉动比（÷补贴）"),
        }
        tips = {
            "redemption_rate": self.tr("本期领取的券中已核销的比例（核销 ÷ 领取）"),
            "expired_unused": self.tr("本期领取、未核销且有效期已过的券"),
            "citizens": self.tr("本期核销过消费券的不同市民人数（人次即核销张数）"),
            "subsidy_redeemed": self.tr("本期核销券的政府补贴部分"),
            "subsidy_settled": self.tr("其中已纳入核定（及以后）月度结算的补贴"),
            "subsidy_paid": self.tr("其中所在场馆结算行已登记拨付的补贴"),
            "subsidy_committed": self.tr("尚未结算的已核销补贴，加上本期领取、未核销且仍在"
                                         "有效期内的券的补贴（上限）"),
            "order_total": self.tr("本期核销券的订单金额合计"),
            "leverage_face": self.tr("订单金额 ÷ 券面值：上海市公布的“拉动 3.1 倍”即此口径"),
            "leverage_subsidy": self.tr("订单金额 ÷ 政府补贴"),
        }
        for n, key in enumerate(self.TILES):
            tile = Tile(f"tile_{key}", titles[key], tips.get(key, ""))
            self.tiles[key] = tile
            grid.addWidget(tile, n // 6, n % 6)
        return grid

    @staticmethod
    def format_figure(key: str, value: Any) -> str:
        if value is None:
            return "—"
        if key == "redemption_rate":
            return f"{value * 100:.1f}%"
        if key.startswith("leverage"):
            return f"{value:.2f}×"
        if isinstance(value, Decimal):
            return format_yuan(value)
        return f"{value:,}"

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        actor, f = self.actor, self.filters()
        grain = Grain(self.grain_combo.currentData())
        against = self.against_combo.currentData()
        load_choices = not self._choices_loaded and not self.own_subdistrict
        self._generation += 1
        generation = self._generation

        def load(s: Any, _p: Any) -> tuple[Any, statistics.Dashboard]:
            choices = venues.list_subdistricts(s) if load_choices else None
            return choices, statistics.dashboard(s, actor, f, grain, against=against, top=TOP)

        ops.run_db_op(self, self.database, load, lambda r: self._show(generation, r),
                      read=True, label=self.tr("正在统计…"))

    def _show(self, generation: int, loaded: tuple[Any, statistics.Dashboard]) -> None:
        if generation != self._generation:
            return
        choices, board = loaded
        if choices is not None:
            self._choices_loaded = True
            self.subdistrict_combo.blockSignals(True)
            for sub in choices:
                self.subdistrict_combo.addItem(sub.name, sub.id)
            self.subdistrict_combo.blockSignals(False)
        self.shown = board
        current, previous = board.comparison.current, board.comparison.previous
        note = ""
        if current.claims is None:
            note = self.tr("　领券在平台上进行，不属于任何街镇或场馆：按街镇、场馆类型筛选时不显示"
                           "领取张数、核销率、过期未用和已承诺补贴。")
        self.period_label.setText(self.tr("{since} 至 {until}，对比 {psince} 至 {puntil}").format(
            since=current.since.isoformat(), until=current.until.isoformat(),
            psince=previous.since.isoformat(), puntil=previous.until.isoformat()) + note)
        for key, tile in self.tiles.items():
            tile.show_value(self.format_figure(key, getattr(current, key)),
                            board.comparison.change(key),
                            self.format_figure(key, getattr(previous, key)))
        self._series(board.series, board.grain)
        self._breakdowns(board)

    # --- charts -------------------------------------------------------------------------------

    def _time_chart(self, points: list[Point], lines: list[tuple[str, Callable[[Point], Any]]],
                    grain: Grain) -> QChart:
        """Lines over the buckets (a category a bucket: a month reads 1月, a week or a day
        its first day; at most about a dozen labelled, the others blank)."""
        chart = QChart()
        axis_x = QBarCategoryAxis()
        every = max(1, -(-len(points) // 12))
        labels = []
        for i, p in enumerate(points):
            if grain is Grain.MONTH:
                text = self.tr("{month}月").format(month=p.start.month)
                if p.start.month == 1 and i:
                    text = f"{p.start.year}-{text}"
            else:
                text = p.start.strftime("%m-%d")
            # categories must differ: the unlabelled are blanks of different lengths
            labels.append(text if i % every == 0 else "\u200b" * (i + 1))
        axis_x.append(labels or [""])
        axis_x.setTruncateLabels(False)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")
        top = 1.0
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for n, (name, value) in enumerate(lines):
            series = QLineSeries()
            series.setName(name)
            pen = QPen(QColor(COLORS[n % len(COLORS)]))
            pen.setWidthF(2.0)
            series.setPen(pen)
            series.setPointsVisible(len(points) <= 60)
            for i, p in enumerate(points):
                v = value(p)
                if v is None:
                    continue
                series.append(i, _num(v))
                top = max(top, _num(v))
            chart.addSeries(series)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        axis_y.setRange(0, top * 1.1)
        axis_y.applyNiceNumbers()
        return chart

    def _series(self, points: list[Point], grain: Grain) -> None:
        counts = [(self.tr("核销张数"), lambda p: p.redemptions)]
        if points and points[0].claims is not None:
            counts.insert(0, (self.tr("领取张数"), lambda p: p.claims))
        self.charts["seriesCounts"].set_chart(
            self._time_chart(points, counts, grain),
            [self.tr("起始日"), self.tr("领取张数"), self.tr("核销张数"), self.tr("过期未用")],
            [[p.start, p.claims, p.redemptions, p.expired_unused] for p in points])
        money = [(self.tr("带动消费"), lambda p: p.order_total),
                 (self.tr("政府补贴"), lambda p: p.subsidy_redeemed)]
        self.charts["seriesMoney"].set_chart(
            self._time_chart(points, money, grain),
            [self.tr("起始日"), self.tr("核销面值（元）"), self.tr("政府补贴（元）"),
             self.tr("带动消费（元）"), self.tr("拉动比（÷面值）")],
            [[p.start, p.face_redeemed, p.subsidy_redeemed, p.order_total, p.leverage_face]
             for p in points])

    def _slice_rows(self, slices: list[Slice]) -> tuple[list[str], list[list[object]]]:
        headers = [self.tr("项目"), self.tr("领取张数"), self.tr("核销张数"),
                   self.tr("核销面值（元）"), self.tr("政府补贴（元）"),
                   self.tr("已结算补贴（元）"), self.tr("带动消费（元）"),
                   self.tr("拉动比（÷面值）"), self.tr("拉动比（÷补贴）")]
        rows: list[list[object]] = [
            [s.label, s.claims, s.redemptions, s.face_redeemed, s.subsidy_redeemed,
             s.subsidy_settled, s.order_total, s.leverage_face, s.leverage_subsidy]
                for s in slices]
        return headers, rows

    def _bars(self, slices: list[Slice], sets: list[tuple[str, Callable[[Slice], Any]]],
              horizontal: bool) -> QChart:
        chart = QChart()
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        shown = list(reversed(slices)) if horizontal else slices  # largest on top
        top = 1.0
        for n, (name, value) in enumerate(sets):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(COLORS[n % len(COLORS)]))
            for s in shown:
                v = _num(value(s))
                bar_set.append(v)
                top = max(top, v)
            series.append(bar_set)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([s.label for s in shown] or [""])
        categories.setTruncateLabels(False)
        values = QValueAxis()
        values.setRange(0, top * 1.1)
        values.setLabelFormat("%.0f")
        values.applyNiceNumbers()
        if horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        if len(sets) == 1:
            chart.legend().setVisible(False)
        return chart

    def _pie(self, slices: list[Slice], value: Callable[[Slice], Any]) -> QChart:
        chart = QChart()
        pie = QPieSeries()
        total = sum(_num(value(s)) for s in slices) or 1.0
        for n, s in enumerate(slices):
            v = _num(value(s))
            if v <= 0:
                continue
            part = pie.append(f"{s.label} {v / total * 100:.1f}%", v)
            part.setColor(QColor(COLORS[n % len(COLORS)]))
            part.setLabelVisible(v / total >= 0.05)  # (the legend names the small ones)
        pie.setPieSize(0.6)
        chart.addSeries(pie)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        return chart

    def _breakdowns(self, board: statistics.Dashboard) -> None:
        b = board.breakdowns
        money = [(self.tr("带动消费"), lambda s: s.order_total),
                 (self.tr("政府补贴"), lambda s: s.subsidy_redeemed)]
        subdistricts = b.get(Dimension.SUBDISTRICT, [])
        box = self.charts["bySubdistrict"]
        box.setVisible(Dimension.SUBDISTRICT in b)
        box.view.setMinimumHeight(max(CHART_HEIGHT, 80 + 36 * len(subdistricts)))
        box.set_chart(self._bars(subdistricts, money, True), *self._slice_rows(subdistricts))
        self.charts["topVenues"].set_chart(
            self._bars(board.top_venues, money[:1], True), *self._slice_rows(board.top_venues))
        types = b.get(Dimension.VENUE_TYPE, [])
        self.charts["byVenueType"].set_chart(self._pie(types, lambda s: s.order_total),
                                             *self._slice_rows(types))
        sports = b.get(Dimension.SPORT, [])
        sports_shown = sorted(sports, key=lambda s: -s.redemptions)[:TOP]
        self.charts["bySport"].set_chart(
            self._bars(sports_shown, [(self.tr("核销张数"), lambda s: s.redemptions)], True),
            *self._slice_rows(sports))
        faces = sorted(b.get(Dimension.FACE_VALUE, []), key=lambda s: s.key)
        face_sets: list[tuple[str, Callable[[Slice], Any]]] = [
            (self.tr("核销张数"), lambda s: s.redemptions)]
        if faces and faces[0].claims is not None:
            face_sets.insert(0, (self.tr("领取张数"), lambda s: s.claims))
        self.charts["byFaceValue"].set_chart(self._bars(faces, face_sets, False),
                                             *self._slice_rows(faces))
        groups = b.get(Dimension.CITIZEN_GROUP, [])
        self.charts["byCitizenGroup"].set_chart(self._pie(groups, lambda s: s.redemptions),
                                                *self._slice_rows(groups))


class StatisticsPage(BasePage):
    """统计分析: a tab widget whose first tab is the dashboard."""

    page = Page.STATISTICS

    def __init__(self, database: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        outer = QVBoxLayout(self)
        outer.addWidget(heading(self.tr("统计分析")))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("statisticsTabs")
        outer.addWidget(self.tabs, 1)
        self.dashboard = DashboardWidget(database, actor, self)
        self.tabs.addTab(self.dashboard, self.tr("数据看板"))
        if may_act(actor, Action.READ_VOUCHERS):  # (read from the voucher ledger itself)
            self.budget = BudgetWidget(database, actor, self)
            self.tabs.addTab(self.budget, self.tr("预算执行"))
            self.integrity = IntegrityWidget(database, actor, self)
            self.tabs.addTab(self.integrity, self.tr("价格诚信"))
        self.report = EvaluationReportWidget(database, actor, self)
        self.tabs.addTab(self.report, self.tr("评估报告"))
        if may_act(actor, Action.RUN_WHATIF):
            self.whatif = WhatIfWidget(database, actor, self)
            self.tabs.addTab(self.whatif, self.tr("规则调整测算"))

    def refresh(self) -> None:
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            refresh = getattr(widget, "refresh", None)
            if callable(refresh):
                refresh()


__all__ = ["ChartBox", "DashboardWidget", "StatisticsPage", "Tile"]
