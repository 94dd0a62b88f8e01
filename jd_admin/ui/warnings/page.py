"""预警: the warning list (DOMAIN.md "Early warning") — filtered by subdistrict, venue, signal,
state and day; a warning's explanation, figures and history; the venue's daily use around the
day as a chart (QtCharts: a bar a day, the flagged days red, the alert line in force); the
vouchers it concerns; the scan and the verification sheet (预警核查单, PDF).

A subdistrict user sees its own venues' warnings (the services scope it) and no voucher
ledger: the chart and the vouchers are for the roles that read the ledger.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.permissions import Action
from jd_admin.domain.warnings import UNDECIDED, WARNING_WORKFLOW, Signal, WarningState
from jd_admin.services import clock, warnings
from jd_admin.services.actor import Actor, may_act, own_subdistrict_only
from jd_admin.services.navigation import Page
from jd_admin.services.register import venues
from jd_admin.services.warnings import outputs, queries
from jd_admin.ui import files, keys, labels, messages, ops
from jd_admin.ui.filter_bar import FilterBar
from jd_admin.ui.page import BasePage
from jd_admin.ui.tables import Column, Index, RowsModel, make_table, select_object, selected_object
from jd_admin.ui.warnings.dialogs import CloseDialog, FileWarningDialog, VerifierDialog
from jd_admin.ui.warnings.settings import AlertLinesWidget, SignalParametersWidget
from jd_admin.ui.widgets import button, date_edit, day_of, heading, wrapped

#: Days of daily use on either side of the warning's day (as on the sheet).
CHART_MARGIN_DAYS = outputs.CHART_MARGIN_DAYS
SCAN_DAYS = 31
DEFAULT_DAYS = 90
BAR_COLOR = "#4a7ebb"
FLAGGED_COLOR = "#c0392b"
LINE_COLOR = "#e67e22"
STATE_COLORS = {
    WarningState.OPEN.value: "#c0392b",
    WarningState.VERIFYING.value: "#d35400",
    WarningState.CLOSED_NORMAL.value: "#27ae60",
    WarningState.CLOSED_VIOLATION.value: "#8e44ad",
}
OVERDUE_BACKGROUND = "#fdecea"


class WarningsModel(RowsModel):
    """The list: the state column coloured by state, an overdue warning's row shaded."""

    state_column = 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            row = self.rows[index.row()]
            if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
                return QColor(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.state_column:
                return QColor(STATE_COLORS.get(row.status, "#000000"))
        return super().data(index, role)


class DailyUseChart(QChartView):
    """A venue's daily use: stacked bars (ordinary days blue, flagged days red, so each day
    has one bar) and the alert line as a step line over the days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dailyUseChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.days: list[queries.DayUse] = []
        self.bars: QStackedBarSeries | None = None
        self.line: QLineSeries | None = None
        self.show_days([], "")

    def show_days(self, days: list[queries.DayUse], title: str) -> None:
        self.days = list(days)
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        normal = QBarSet(self.tr("每日核销张数"))
        normal.setColor(QColor(BAR_COLOR))
        flagged = QBarSet(self.tr("预警日"))
        flagged.setColor(QColor(FLAGGED_COLOR))
        for d in self.days:
            normal.append(0 if d.flagged else d.count)
            flagged.append(d.count if d.flagged else 0)
        bars = QStackedBarSeries()
        bars.setBarWidth(0.7)
        bars.append(normal)
        bars.append(flagged)
        chart.addSeries(bars)
        line = QLineSeries()
        line.setName(self.tr("警戒线"))
        pen = QPen(QColor(LINE_COLOR))
        pen.setWidthF(2.0)
        line.setPen(pen)
        for i, d in enumerate(self.days):
            if d.limit is not None:
                line.append(i - 0.5, d.limit)
                line.append(i + 0.5, d.limit)
        chart.addSeries(line)
        axis_x = QBarCategoryAxis()
        # the day of the month (the title gives the range; the 1st says its month), every
        # other day on a month's range, and the flagged days; categories must differ, so the
        # unlabelled days are blanks of different lengths
        every = 1 if len(self.days) <= 16 else 2 if len(self.days) <= 40 else 7
        axis_x.append([(f"{d.day.month}/1" if d.day.day == 1 else str(d.day.day))
                       if i % every == 0 or d.flagged else "\u200b" * (i + 1)
                       for i, d in enumerate(self.days)])
        axis_x.setTruncateLabels(False)  # (Qt elides even short labels of narrow bars)
        axis_y = QValueAxis()
        top = max([d.count for d in self.days] + [d.limit or 0 for d in self.days] + [1])
        axis_y.setRange(0, top * 1.15)
        axis_y.setLabelFormat("%d")
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, line):
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        self.bars, self.line = bars, line
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def bar_count(self) -> int:
        """Days with a bar (tests and screenshots)."""
        return len(self.days)


class WarningsPage(BasePage):
    page = Page.WARNINGS

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        self.may_scan = may_act(actor, Action.SCAN_WARNINGS)
        self.reads_ledger = may_act(actor, Action.READ_VOUCHERS)
        self.own_subdistrict = own_subdistrict_only(actor, Action.READ_WARNINGS)
        self.dialog: Any = None
        self._generation = 0
        self._detail_generation = 0
        self._choices_loaded = False
        self._selected_id: int | None = None
        self.may_verify = may_act(actor, Action.VERIFY_WARNINGS)
        self.may_file = may_act(actor, Action.FILE_WARNINGS)
        outer = QVBoxLayout(self)
        outer.addWidget(heading(self.tr("预警")))
        self.page_tabs = QTabWidget()
        self.page_tabs.setObjectName("warningPageTabs")
        outer.addWidget(self.page_tabs, 1)
        list_tab = QWidget()
        layout = QVBoxLayout(list_tab)
        layout.setContentsMargins(0, 4, 0, 0)
        self.page_tabs.addTab(list_tab, self.tr("预警名单"))
        self.lines = AlertLinesWidget(database, actor, self)
        self.page_tabs.addTab(self.lines, self.tr("警戒线"))
        self.parameters = SignalParametersWidget(database, actor, self)
        self.page_tabs.addTab(self.parameters, self.tr("预警参数"))
        layout.addWidget(self._build_filters())
        self.actions_row = QHBoxLayout()
        self.scan_button = button(self.tr("扫描预警"), "scanButton", self.scan)
        self.scan_button.setToolTip(self.tr("扫描最近 {n} 天的核销数据，生成预警").format(
            n=SCAN_DAYS))
        self.scan_button.setVisible(self.may_scan)
        self.file_button = button(self.tr("上报预警…"), "fileWarningButton", self.file_warning)
        keys.bind(self.file_button, keys.NEW)
        self.file_button.setVisible(self.may_file)
        self.start_button = button(self.tr("开始核查…"), "startButton", self.start)
        self.reassign_button = button(self.tr("改派…"), "reassignButton", self.reassign)
        self.close_button = button(self.tr("结案…"), "closeButton", self.close_warning)
        for b in (self.start_button, self.reassign_button, self.close_button):
            b.setVisible(self.may_verify)
        self.sheet_button = button(self.tr("导出核查单…"), "sheetButton", self.export_sheet)
        keys.bind(self.sheet_button, keys.EXPORT)
        for b in (self.scan_button, self.file_button, self.start_button, self.reassign_button,
                  self.close_button, self.sheet_button):
            self.actions_row.addWidget(b)
        self.actions_row.addStretch()
        self.count = QLabel()
        self.count.setObjectName("warningCount")
        self.actions_row.addWidget(self.count)
        layout.addLayout(self.actions_row)

        self.model = WarningsModel([
            Column(self.tr("编号"), lambda w: w.id, sort_key=lambda w: w.id, align_right=True),
            Column(self.tr("日期"), lambda w: w.period_text, sort_key=lambda w: w.day),
            Column(self.tr("场馆"), lambda w: w.venue_name),
            Column(self.tr("街镇"), lambda w: w.subdistrict_name),
            Column(self.tr("信号"), lambda w: labels.of(Signal, w.signal)),
            Column(self.tr("状态"), lambda w: "● " + labels.of(WarningState, w.status)
                   + (self.tr("（已逾期）") if w.overdue else "")),
            Column(self.tr("核查人"), lambda w: w.assigned_to or ""),
            Column(self.tr("核查期限"), lambda w: w.due_on.isoformat(),
                   sort_key=lambda w: w.due_on),
            Column(self.tr("涉及券数"), lambda w: w.voucher_count,
                   sort_key=lambda w: w.voucher_count, align_right=True),
            Column(self.tr("说明"), lambda w: w.explanation),
        ], self)
        self.table = make_table(self.model, "warningsTable", self)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("warningsSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        self.filters.changed.connect(self.refresh)
        self._update_actions()

    # --- building ---------------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        self.filters = FilterBar()
        self.filters.add_subdistrict(self.actor.subdistrict_name or ""
                                     if self.own_subdistrict else None)
        self.filters.add_choice("venue", self.tr("场馆："), self.tr("全部场馆"),
                                object_name="venueFilter")
        self.filters.add_choice("signal", self.tr("信号："), self.tr("全部信号"),
                                [(labels.of(Signal, s), s.value) for s in Signal],
                                object_name="signalFilter")
        self.filters.add_choice("state", self.tr("状态："), self.tr("全部状态"),
                                [(labels.of(WarningState, s), s.value) for s in WarningState],
                                object_name="stateFilter")
        self.limit_time = QCheckBox(self.tr("日期："))
        self.limit_time.setObjectName("limitTime")
        self.limit_time.setChecked(False)
        today = clock.today()
        self.since = date_edit("sinceDate", today - dt.timedelta(days=DEFAULT_DAYS))
        self.until = date_edit("untilDate", today)
        self.filters.add_widget(self.limit_time)
        self.filters.add_widget(self.since)
        self.filters.add_widget(QLabel("–"))
        self.filters.add_widget(self.until)
        self.limit_time.toggled.connect(self._time_toggled)
        self._time_toggled(False)
        self.filters.add_button(self.tr("查询")).setObjectName("searchButton")
        return self.filters

    def _time_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)

    def _build_detail(self) -> QWidget:
        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.setObjectName("warningDetail")
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        self.summary = wrapped(self.tr("选择一条预警查看详情"))
        self.summary.setObjectName("warningSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.summary)
        self.history_model = RowsModel([
            Column(self.tr("时间"), lambda h: clock.format_local(h.at), sort_key=lambda h: h.at),
            Column(self.tr("操作人"), lambda h: h.actor_name),
            Column(self.tr("动作"), lambda h: labels.text(h.label)),
            Column(self.tr("说明"), lambda h: h.comment or ""),
        ], self)
        self.history_table = make_table(self.history_model, "historyTable", self)
        box.addWidget(QLabel(self.tr("处理记录：")))
        box.addWidget(self.history_table, 1)
        detail.addWidget(left)

        self.detail_tabs = QTabWidget()
        self.detail_tabs.setObjectName("warningDetailTabs")
        self.chart = DailyUseChart(self)
        self.vouchers_model = RowsModel([
            Column(self.tr("券码"), lambda v: v.code),
            Column(self.tr("领券市民"), lambda v: v.citizen_masked),
            Column(self.tr("核销时间"), lambda v: clock.format_local(v.redeemed_at)
                   if v.redeemed_at else "",
                   sort_key=lambda v: v.redeemed_at.isoformat() if v.redeemed_at else ""),
            Column(self.tr("项目"), lambda v: v.sport or ""),
            Column(self.tr("面值（元）"), lambda v: f"{v.face_value:.2f}",
                   sort_key=lambda v: v.face_value, align_right=True),
            Column(self.tr("订单金额（元）"), lambda v: "" if v.order_amount is None
                   else f"{v.order_amount:.2f}",
                   sort_key=lambda v: v.order_amount or 0, align_right=True),
            Column(self.tr("实付（元）"), lambda v: "" if v.paid_amount is None
                   else f"{v.paid_amount:.2f}",
                   sort_key=lambda v: v.paid_amount or 0, align_right=True),
        ], self)
        self.vouchers_table = make_table(self.vouchers_model, "warningVouchersTable", self)
        if self.reads_ledger:
            self.detail_tabs.addTab(self.chart, self.tr("每日核销"))
            self.detail_tabs.addTab(self.vouchers_table, self.tr("涉及消费券"))
        else:  # a subdistrict reads no voucher ledger
            self.chart.hide()
            self.vouchers_table.hide()
            note = wrapped(self.tr("每日核销情况和涉及的消费券明细由区体育局和运营机构查看。"))
            note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            note.setObjectName("ledgerNote")
            self.detail_tabs.addTab(note, self.tr("说明"))
        detail.addWidget(self.detail_tabs)
        detail.setStretchFactor(0, 2)
        detail.setStretchFactor(1, 3)
        return detail

    # --- loading ----------------------------------------------------------------------------
    def filter_values(self) -> dict[str, Any]:
        """The filters as plain data (read on the GUI thread)."""
        values = self.filters.values()
        timed = self.limit_time.isChecked()
        return {"subdistrict_id": values["subdistrict"], "venue_id": values["venue"],
                "signal": values["signal"], "state": values["state"],
                "since": day_of(self.since) if timed else None,
                "until": day_of(self.until) if timed else None}

    def refresh(self) -> None:
        self.lines.refresh()
        self.parameters.refresh()
        actor, wanted = self.actor, self.filter_values()
        load_choices = not self._choices_loaded
        own = self.own_subdistrict
        self._generation += 1
        generation = self._generation

        def load(s: Any, _p: Any) -> tuple[Any, ...]:
            choices = None
            if load_choices:
                choices = ([] if own else venues.list_subdistricts(s),
                           queries.warning_venues(s, actor))
            return choices, queries.list_warnings(s, actor, **wanted)

        ops.run_db_op(self, self.database, load, lambda r: self._show(generation, r),
                      read=True)

    def _show(self, generation: int, loaded: tuple[Any, ...]) -> None:
        if generation != self._generation:
            return
        choices, rows = loaded
        if choices is not None:
            subdistricts, venue_choices = choices
            self._choices_loaded = True
            self.filters.blockSignals(True)
            if subdistricts:
                self.filters.set_items("subdistrict", [(sd.name, sd.id) for sd in subdistricts])
            self.filters.set_items("venue", [(name, vid) for vid, name in venue_choices])
            self.filters.blockSignals(False)
        keep = self._selected_id
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(len(self.model.columns) - 1, 360)
        self.count.setText(self.tr("共 {n} 条，未结 {open} 条，逾期 {late} 条").format(
            n=len(rows), open=sum(1 for r in rows if r.status in UNDECIDED),
            late=sum(1 for r in rows if r.overdue)))
        if not (keep is not None and self.select_warning(keep)) and rows:
            self.table.selectRow(0)
        self._selection_changed()

    def select_warning(self, warning_id: int) -> bool:
        return select_object(self.table, self.model, lambda w: w.id == warning_id)

    def focus_target(self, target: str) -> None:
        key = target.split(":")[-1]
        if key.isdigit():
            self._selected_id = int(key)
            self.select_warning(int(key))

    def _selection_changed(self) -> None:
        w = selected_object(self.table)
        self._update_actions()
        if w is None:
            return
        if w.id == self._selected_id and self._shown_id == w.id:
            return
        self._selected_id = w.id
        self.load_detail(w)

    _shown_id: int | None = None

    def load_detail(self, w: queries.WarningRow) -> None:
        actor, wid, ledger = self.actor, w.id, self.reads_ledger
        since = w.day - dt.timedelta(days=CHART_MARGIN_DAYS)
        until = min((w.period_end or w.day) + dt.timedelta(days=CHART_MARGIN_DAYS),
                    max(clock.today(), w.period_end or w.day))  # no days to come
        venue_id = w.venue_id
        self._detail_generation += 1
        generation = self._detail_generation

        def load(s: Any, _p: Any) -> tuple[Any, ...]:
            detail = queries.warning_detail(s, actor, wid)
            if not ledger:
                return detail, [], []
            return (detail, queries.daily_use(s, actor, venue_id, since, until),
                    queries.warning_vouchers(s, actor, wid))

        ops.run_db_op(self, self.database, load,
                      lambda r: self._show_detail(generation, r), read=True)

    def _show_detail(self, generation: int, loaded: tuple[Any, ...]) -> None:
        if generation != self._detail_generation:
            return
        detail, days, vouchers = loaded
        self._shown_id = detail.row.id
        self.detail = detail
        self.summary.setText(self._summary_html(detail))
        self.history_model.set_rows(list(detail.history))
        self.history_table.resizeColumnsToContents()
        row = detail.row
        self.chart.show_days(days, self.tr("{venue} 每日核销（{since} 至 {until}）").format(
            venue=row.venue_name, since=days[0].day.isoformat() if days else "",
            until=days[-1].day.isoformat() if days else ""))
        self.vouchers_model.set_rows(vouchers)
        self.vouchers_table.resizeColumnsToContents()
        if self.reads_ledger:
            more = row.voucher_count > len(vouchers)
            self.detail_tabs.setTabText(1, self.tr("涉及消费券（{n}）").format(
                n=f"{len(vouchers)}/{row.voucher_count}" if more else row.voucher_count))
        self._update_actions()

    def _summary_html(self, d: queries.WarningDetail) -> str:
        r = d.row
        esc = _escape
        # the punctuation of the interface's language (：（）；　 in Chinese, ": ( ); " in English)
        colon, gap, items = self.tr("："), self.tr("　"), self.tr("；")

        def field(label: str, value: str) -> str:
            return f"{esc(label)}{esc(colon)}{value}"

        figures = esc(items).join(f"{esc(labels.text(label))} {esc(value)}"
                                  for label, value in d.figures)
        state = labels.of(WarningState, r.status)
        color = STATE_COLORS.get(r.status, "#000")
        late = (f" <span style='color:{FLAGGED_COLOR}'>{esc(self.tr('（已逾期）'))}</span>"
                if r.overdue else "")
        place = self.tr("（{subdistrict}）").format(subdistrict=r.subdistrict_name)
        lines = [
            f"<b>{esc(r.venue_name)}</b>{esc(place)}{esc(gap)}"
            f"<span style='color:{color}'>● {esc(state)}</span>{late}",
            field(self.tr("信号"), esc(labels.of(Signal, r.signal))) + esc(gap)
            + field(self.tr("日期"), esc(r.period_text)),
            f"<b>{esc(r.explanation)}</b>",
            field(self.tr("数据"), figures or "—"),
            field(self.tr("核查人"), esc(r.assigned_to or "—")) + esc(gap)
            + field(self.tr("核查期限"), r.due_on.isoformat()),
        ]
        if d.evidence:
            lines.append(field(self.tr("证据"), esc(d.evidence)))
        if d.finding:
            lines.append(field(self.tr("核查情况"), esc(d.finding)))
        if d.decision:
            lines.append(field(self.tr("处理决定"), esc(d.decision)))
        return "<br/>".join(lines)

    def _update_actions(self) -> None:
        w = selected_object(self.table)
        self.sheet_button.setEnabled(w is not None)

        def declared(target: WarningState) -> bool:
            """The row's state has the step to ``target`` (domain/warnings.py decides)."""
            return w is not None and WARNING_WORKFLOW.find(w.status, target.value) is not None

        self.start_button.setEnabled(declared(WarningState.VERIFYING))
        self.close_button.setEnabled(declared(WarningState.CLOSED_NORMAL))
        self.reassign_button.setEnabled(w is not None
                                        and w.status == WarningState.VERIFYING.value)

    # --- verification (services/warnings/verification.py) --------------------------------
    def _open_dialog(self, dialog: Any, done: Any = None) -> None:
        self.dialog = dialog
        dialog.accepted.connect(done or self._changed)
        dialog.open()

    def start(self) -> None:
        w = selected_object(self.table)
        if w is not None:
            self._open_dialog(VerifierDialog(self, self.database, self.actor, w))

    def reassign(self) -> None:
        w = selected_object(self.table)
        if w is not None:
            self._open_dialog(VerifierDialog(self, self.database, self.actor, w, reassign=True))

    def close_warning(self) -> None:
        w = selected_object(self.table)
        if w is None:
            return
        dialog = CloseDialog(self, self.database, self.actor, w)

        def done() -> None:
            self._changed()
            closed = dialog.closed
            if closed is not None:
                messages.info(self, self.tr("已结案：{state}。{decision}").format(
                    state=labels.of(WarningState, closed.status), decision=closed.decision))

        self._open_dialog(dialog, done)

    def file_warning(self) -> None:
        dialog = FileWarningDialog(self, self.database, self.actor)

        def done() -> None:
            if dialog.warning_id is not None:
                self._selected_id = dialog.warning_id
            self._changed()

        self._open_dialog(dialog, done)

    # --- actions ----------------------------------------------------------------------------
    def scan(self) -> None:
        actor, until = self.actor, clock.today()
        since = until - dt.timedelta(days=SCAN_DAYS - 1)

        def done(result: warnings.ScanResult) -> None:
            self._changed()
            messages.info(self, self.tr(
                "已扫描 {since} 至 {until}：新增预警 {created} 条，更新 {updated} 条，"
                "已有未变 {unchanged} 条").format(
                since=since.isoformat(), until=until.isoformat(), created=len(result.created),
                updated=result.updated, unchanged=result.unchanged))

        ops.run_db_op(self, self.database, lambda s, _p: warnings.scan(s, actor, since, until),
                      done)

    def export_sheet(self) -> None:
        w = selected_object(self.table)
        if w is None:
            return
        chosen = files.save_file(self, self.tr("导出预警核查单"),
                                 f"预警核查单-{w.venue_name}-{outputs.sheet_number(w.id)}.pdf",
                                 "*.pdf")
        if chosen is None:
            return
        path = chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(
            f"{chosen.name}.pdf")
        actor, wid = self.actor, w.id

        def write(prepared: outputs.Prepared) -> None:
            ops.run_op(self, lambda _p: prepared.write(),
                       lambda written: messages.info(self, self.tr("已导出：{path}").format(
                           path=written)), read=True)

        ops.run_db_op(self, self.database,
                      lambda s, _p: outputs.prepare_sheet(s, actor, wid, path), write)

    def _changed(self) -> None:
        self._shown_id = None
        self._choices_loaded = False
        self.refresh()
        self.data_changed.emit()


def _escape(text: object) -> str:
    return html.escape(str(text))
