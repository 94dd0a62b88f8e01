"""规则调整测算 (what-if): a past period's settlements re-run with changed parameters, side by
side with what they really paid, and a bar chart of the money. Read only: the simulation reads
the period in one read-only transaction and writes nothing (services/statistics/whatif.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database, Session
from jd_admin.money import to_money
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.statistics import whatif
from jd_admin.ui import labels, ops
from jd_admin.ui.widgets import ErrorLabel, button, date_edit, day_of, heading, wrapped

ACTUAL_COLOR, SIMULATED_COLOR = "#4a7ebb", "#e08a2c"


def _default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last finished month's year, from January to that month."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(month=1, day=1), last


class MoneyChart(QChartView):
    """Actual and simulated subsidy, face value and consumption driven, as grouped bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.values: list[tuple[str, Decimal, Decimal]] = []
        self.show_values([])

    def show_values(self, values: list[tuple[str, Decimal, Decimal]]) -> None:
        self.values = list(values)
        chart = QChart()
        chart.setTitle(self.tr("资金对比（万元）"))
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        actual, simulated = QBarSet(self.tr("实际")), QBarSet(self.tr("模拟"))
        actual.setColor(QColor(ACTUAL_COLOR))
        simulated.setColor(QColor(SIMULATED_COLOR))
        for _label, a, s in self.values:
            actual.append(float(a) / 10000)
            simulated.append(float(s) / 10000)
        series = QBarSeries()
        series.append(actual)
        series.append(simulated)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([label for label, _a, _s in self.values])
        axis_y = QValueAxis()
        top = max([float(v) / 10000 for _l, a, s in self.values for v in (a, s)] + [0.01])
        axis_y.setRange(0, top * 1.15)
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


class WhatIfWidget(QWidget):
    """The period, the parameters (prefilled with those in force at its end), 运行模拟, and
    the result: metric | 实际 | 模拟 | 差额, the chart, and what the simulation cannot know."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfWidget")
        self.database, self.actor = database, actor
        self.in_force: whatif.InForce | None = None
        self.result: whatif.Comparison | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("规则调整测算"), larger_by=2))
        layout.addWidget(wrapped(self.tr(
            "按调整后的参数重新计算一段已过去时期的结算，与实际结算对比。测算只读取数据（只读事务），"
            "不写入、不改动任何标记或结算。参数预先填入测算期末生效的规则；与其相同的项，各张券仍按其"
            "领取时实际生效的规则判断。")))
        since, until = _default_period(clock.today())
        period = QHBoxLayout()
        self.since_edit = date_edit("whatIfSince", since)
        self.until_edit = date_edit("whatIfUntil", until)
        period.addWidget(QLabel(self.tr("测算期")))
        period.addWidget(self.since_edit)
        period.addWidget(QLabel(self.tr("至")))
        period.addWidget(self.until_edit)
        period.addWidget(QLabel(self.tr("（按所在月份的结算）")))
        period.addStretch(1)
        self.reload_button = button(self.tr("载入期末规则"), "whatIfReloadButton", self.refresh)
        period.addWidget(self.reload_button)
        layout.addLayout(period)

        params = QHBoxLayout()
        limits_box = QGroupBox(self.tr("使用规则"))
        form = QFormLayout(limits_box)
        self.spins: dict[str, QSpinBox] = {}
        units = {"weekly_claim_limit": self.tr(" 张/周"), "max_held": self.tr(" 张"),
                 "daily_use_cap": self.tr(" 次/日"), "weekly_use_cap": self.tr(" 次/周"),
                 "weekly_large_claim_limit": self.tr(" 张/周")}
        names = {"weekly_claim_limit": self.tr("每周领取上限"),
                 "max_held": self.tr("持有未使用券上限"),
                 "daily_use_cap": self.tr("每日使用上限"),
                 "weekly_use_cap": self.tr("每周使用上限"),
                 "weekly_large_claim_limit": self.tr("每周大额券领取上限")}
        for name in whatif.LIMIT_NAMES:
            spin = QSpinBox()
            spin.setObjectName(f"whatIf_{name}")
            spin.setRange(1, 1000)
            spin.setSuffix(units[name])
            self.spins[name] = spin
            form.addRow(names[name], spin)
        params.addWidget(limits_box)
        faces_box = QGroupBox(self.tr("面值表（元）"))
        self.faces_grid = QGridLayout(faces_box)
        self.face_edits: dict[Decimal, tuple[QLineEdit, QLineEdit]] = {}
        params.addWidget(faces_box)
        budget_box = QGroupBox(self.tr("批次预算"))
        budget_form = QFormLayout(budget_box)
        self.batch_combo = QComboBox()
        self.batch_combo.setObjectName("whatIfBatch")
        self.batch_combo.currentIndexChanged.connect(self._batch_chosen)
        self.budget_edit = QLineEdit()
        self.budget_edit.setObjectName("whatIfBudget")
        self.budget_edit.setPlaceholderText(self.tr("元"))
        budget_form.addRow(self.tr("批次"), self.batch_combo)
        budget_form.addRow(self.tr("预算（元）"), self.budget_edit)
        budget_form.addRow(wrapped(self.tr("选定批次后，预算用尽之后核销的券按不予支付计算"
                                           "（实际结算只提示超预算）。")))
        params.addWidget(budget_box)
        layout.addLayout(params)

        run_row = QHBoxLayout()
        self.run_button = button(self.tr("运行模拟"), "whatIfRunButton", self.run)
        run_row.addWidget(self.run_button)
        self.error = ErrorLabel()
        run_row.addWidget(self.error, 1)
        layout.addLayout(run_row)

        self.summary = wrapped("")
        self.summary.setObjectName("whatIfSummary")
        layout.addWidget(self.summary)
        result = QHBoxLayout()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("whatIfTable")
        self.table.setHorizontalHeaderLabels([self.tr("指标"), self.tr("实际"), self.tr("模拟"),
                                              self.tr("差额")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        result.addWidget(self.table, 3)
        self.chart = MoneyChart(self)
        result.addWidget(self.chart, 2)
        layout.addLayout(result, 1)
        self.limits_note = wrapped(str(whatif.LIMITS_TEXT))
        self.limits_note.setObjectName("whatIfLimits")
        self.limits_note.setStyleSheet("color: #555;")
        layout.addWidget(self.limits_note)

    # --- loading the parameters in force --------------------------------------------------

    def refresh(self) -> None:
        day, actor = day_of(self.until_edit), self.actor
        ops.run_db_op(self, self.database, lambda s, _p: whatif.in_force_on(s, actor, day),
                      self.show_in_force, read=True)

    def show_in_force(self, in_force: whatif.InForce) -> None:
        self.in_force = in_force
        if in_force.limits is not None:
            for name, spin in self.spins.items():
                spin.setValue(getattr(in_force.limits, name))
        while self.faces_grid.count():
            item = self.faces_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.face_edits.clear()
        for col, text in enumerate((self.tr("面值"), self.tr("政府补贴"), self.tr("使用门槛"))):
            self.faces_grid.addWidget(QLabel(text), 0, col)
        for row, (face, subsidy, minimum) in enumerate(in_force.faces, start=1):
            self.faces_grid.addWidget(QLabel(f"{face:.0f}"), row, 0)
            edits = []
            for col, (kind, value) in enumerate((("subsidy", subsidy), ("min", minimum)),
                                                start=1):
                edit = QLineEdit(f"{value:.2f}")
                edit.setObjectName(f"whatIf_{kind}_{face:.0f}")
                self.faces_grid.addWidget(edit, row, col)
                edits.append(edit)
            self.face_edits[face] = (edits[0], edits[1])
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        self.batch_combo.addItem(self.tr("（不按预算截止）"), None)
        for code, budget in in_force.batches:
            self.batch_combo.addItem(code, (code, budget))
        self.batch_combo.blockSignals(False)
        self._batch_chosen()

    def _batch_chosen(self) -> None:
        data = self.batch_combo.currentData()
        self.budget_edit.setEnabled(data is not None)
        self.budget_edit.setText(f"{data[1]:.2f}" if data is not None else "")

    # --- the scenario -----------------------------------------------------------------------

    def scenario(self) -> whatif.Scenario | None:
        """The changed parameters (those differing from the ones in force); None (and the
        message inline, naming the field) when one is not a valid value."""
        self.error.show_message("")
        in_force = self.in_force
        if in_force is None:
            self.error.show_message(self.tr("正在载入规则，请稍候"))
            return None
        if day_of(self.until_edit) < day_of(self.since_edit):
            self.error.show_message(self.tr("测算期：结束日期不能早于开始日期"))
            return None
        limits: dict[str, int] = {}
        for name, spin in self.spins.items():
            real = getattr(in_force.limits, name) if in_force.limits is not None else None
            if spin.value() != real:
                limits[name] = spin.value()
        subsidy: dict[Decimal, Decimal] = {}
        min_order: dict[Decimal, Decimal] = {}
        for face, real_subsidy, real_min in in_force.faces:
            subsidy_edit, min_edit = self.face_edits[face]
            value = self._amount(subsidy_edit, self.tr("{face} 元券的政府补贴").format(
                face=f"{face:.0f}"))
            if value is None:
                return None
            if not Decimal(0) <= value <= face:
                self.error.show_message(self.tr("{face} 元券的政府补贴须在 0 到面值之间").format(
                    face=f"{face:.0f}"))
                return None
            if value != real_subsidy:
                subsidy[face] = value
            value = self._amount(min_edit, self.tr("{face} 元券的使用门槛").format(
                face=f"{face:.0f}"))
            if value is None:
                return None
            if value < face:
                self.error.show_message(self.tr("{face} 元券的使用门槛不能低于面值").format(
                    face=f"{face:.0f}"))
                return None
            if value != real_min:
                min_order[face] = value
        budgets: dict[str, Decimal] = {}
        data = self.batch_combo.currentData()
        if data is not None:
            value = self._amount(self.budget_edit, self.tr("批次 {batch} 的预算").format(
                batch=data[0]))
            if value is None:
                return None
            budgets[data[0]] = value
        return whatif.Scenario(min_order=min_order, subsidy=subsidy, budgets=budgets, **limits)

    def _amount(self, edit: QLineEdit, field: str) -> Decimal | None:
        try:
            value = to_money(Decimal(edit.text().strip()))
        except (InvalidOperation, ValueError, ArithmeticError):
            value = None
        if value is None or not value.is_finite() or value < 0:
            self.error.show_message(self.tr(
                "{field}：请填写不小于 0 的金额（元），如 15.00").format(field=field))
            edit.setFocus()
            return None
        return value

    # --- running it -------------------------------------------------------------------------

    def run(self) -> None:
        scenario = self.scenario()
        if scenario is None:
            return
        since, until, actor = day_of(self.since_edit), day_of(self.until_edit), self.actor
        label = self.tr("正在测算…")

        def simulate(s: Session, progress: ops.Progress) -> whatif.Comparison:
            def report(done: int, total: int) -> None:
                progress.check()
                progress.report(done, total, label)

            return whatif.simulate(s, actor, since, until, scenario, report)

        ops.run_db_op(self, self.database, simulate, self.show_result, read=True, label=label,
                      cancellable=True)

    def show_result(self, result: whatif.Comparison) -> None:
        self.result = result
        rows = whatif.table(result)
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        changes = whatif.describe(result.scenario)
        lines = [self.tr("测算期 {span}").format(span=whatif.month_span(result)),
                 self.tr("调整的参数：{changes}").format(
                     changes="；".join(str(c) for c in changes) if changes
                     else self.tr("无（与实际相同）"))]
        if result.unsettled:
            lines.append(self.tr("尚未核定结算的月份按现在生成结算计算：{months}").format(
                months=labels.join(f"{m:%Y-%m}" for m in result.unsettled)))
        lines += [str(line).strip() for line in whatif.flagged_lines(result)]
        lines += [str(line) for line in whatif.exhaustion_lines(result)]
        self.summary.setText("\n".join(lines))
        b, s = result.baseline, result.simulated
        self.chart.show_values([(self.tr("政府补贴"), b.subsidy, s.subsidy),
                                (self.tr("面值合计"), b.face, s.face),
                                (self.tr("带动消费"), b.orders, s.orders)])
