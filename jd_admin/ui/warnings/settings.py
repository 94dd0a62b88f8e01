"""预警设置: the alert lines (警戒线) — the district default and the venues' own, every version
— and the administrator's dialogs that add a version (never dated before today: a past day is
always judged by the line it had)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.permissions import Action
from jd_admin.domain.versions import VersionState
from jd_admin.domain.warnings import VOUCHERS_PER_PLACE, line_from_capacity
from jd_admin.services import clock, warnings
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.warnings.alert_lines import LineRow, venue_choices
from jd_admin.ui import labels, messages, ops
from jd_admin.ui.tables import Column, RowsModel, make_table
from jd_admin.ui.widgets import FormDialog, date_edit, day_of, wrapped

#: What the widget loads: every line version, and the venues a line may be set for.
_Lines = tuple[list[LineRow], list[tuple[int, str, int | None]], dt.date]


class AlertLinesWidget(QWidget):
    """Every version of the alert lines; the administrator adds versions."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertLinesWidget")
        self.database, self.actor = database, actor
        self.is_admin = may_act(actor, Action.MANAGE_ALERT_LINES)
        self.venues: list[tuple[int, str, int | None]] = []
        self.today = clock.today()
        self.dialog: FormDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(self.tr(
            "警戒线是一个场馆一天核销消费券的张数上限，超过即生成“超过警戒线”预警。场馆未单独设置时"
            "适用全区默认警戒线。修改警戒线就是新增一个生效日期不早于今天的版本，已过去的日子始终"
            "按当时的警戒线判断。")))
        row = QHBoxLayout()
        self.new_button = self._button("newAlertLineButton", self.tr("新增警戒线…"), self.new_line)
        self.capacity_button = self._button(
            "linesFromCapacityButton", self.tr("按容量设置全部场馆…"), self.lines_from_capacity)
        for button in (self.new_button, self.capacity_button):
            if button is not None:
                row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        self.model = RowsModel([
            Column(self.tr("适用范围"), lambda r: r.venue_name if r.venue_id is not None
                   else self.tr("全区默认")),
            Column(self.tr("警戒线（张/日）"), lambda r: r.daily_limit, align_right=True),
            Column(self.tr("生效日期"), lambda r: r.effective_from.isoformat()),
            Column(self.tr("状态"), lambda r: labels.of(VersionState, r.state.value)),
            Column(self.tr("场馆容量（人）"), lambda r: r.capacity if r.capacity else "",
                   align_right=True),
            Column(self.tr("设置人"), lambda r: r.created_by),
        ], self)
        self.table = make_table(self.model, "alertLineTable", self)
        layout.addWidget(self.table, 1)

    def _button(self, name: str, text: str, slot: Any) -> QPushButton | None:
        if not self.is_admin:
            return None
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        def load(s: Any, _p: Any) -> _Lines:
            today = clock.today()
            return warnings.list_lines(s, today=today), venue_choices(s), today

        ops.run_db_op(self, self.database, load, self.show_data, read=True)

    def show_data(self, data: _Lines) -> None:
        rows, self.venues, self.today = data
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()

    def _open(self, dialog: FormDialog, message: str) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._saved(message))
        dialog.open()

    def _saved(self, message: str) -> None:
        messages.info(self, message)
        self.refresh()

    def new_line(self) -> None:
        dialog = AlertLineDialog(self, self.database, self.actor, self.venues, self.today)
        self._open(dialog, self.tr("已新增警戒线版本。"))

    def lines_from_capacity(self) -> None:
        dialog = CapacityLinesDialog(self, self.database, self.actor, self.today)
        self._open(dialog, self.tr("已按容量为定点场馆设置警戒线。"))


class AlertLineDialog(FormDialog):
    """A new version of the district default line or of one venue's line."""

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 venues: list[tuple[int, str, int | None]], today: dt.date) -> None:
        super().__init__(parent, object_name="alertLineDialog", title=self.tr("新增警戒线"),
                         intro=self.tr("选择全区默认或一个场馆，填写每日核销张数上限和生效日期。"))
        self.database, self.actor = database, actor
        self.scope = QComboBox()
        self.scope.setObjectName("lineScope")
        self.scope.addItem(self.tr("全区默认"), None)
        for venue_id, name, capacity in venues:
            self.scope.addItem(name, (venue_id, capacity))
        self.scope.setEditable(True)  # type to find a venue among many
        self.scope.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.limit = QSpinBox()
        self.limit.setObjectName("lineLimit")
        self.limit.setRange(1, 100_000)
        self.limit.setValue(200)
        self.limit.setSuffix(self.tr(" 张/日"))
        self.suggestion = QLabel()
        self.suggestion.setObjectName("lineSuggestion")
        self.use_suggestion = QPushButton(self.tr("采用建议值"))
        self.use_suggestion.setObjectName("useSuggestionButton")
        self.use_suggestion.clicked.connect(self._use_suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.use_suggestion)
        self.effective = date_edit("lineEffectiveFrom", today)
        self.effective.setMinimumDate(self.effective.date())
        self.form.addRow(self.tr("适用范围："), self.scope)
        self.form.addRow(self.tr("警戒线："), self.limit)
        self.form.addRow(self.tr("按容量建议："), suggestion_row)
        self.form.addRow(self.tr("生效日期："), self.effective)
        self.scope.currentIndexChanged.connect(self._show_suggestion)
        self._show_suggestion()
        self.finish(self.tr("保存"), self.save)

    def _suggested(self) -> int | None:
        data = self.scope.currentData()
        return None if data is None else line_from_capacity(data[1])

    def _show_suggestion(self) -> None:
        data, line = self.scope.currentData(), self._suggested()
        if data is None:
            self.suggestion.setText(self.tr("（全区默认不按容量计算）"))
        elif line is None:
            self.suggestion.setText(self.tr("名录中没有该场馆的容量"))
        else:
            self.suggestion.setText(self.tr("容量 {capacity} 人 × {per} 张 = {line} 张/日").format(
                capacity=data[1], per=VOUCHERS_PER_PLACE, line=line))
        self.use_suggestion.setEnabled(line is not None)

    def _use_suggestion(self) -> None:
        line = self._suggested()
        if line is not None:
            self.limit.setValue(line)

    def save(self) -> None:
        data = self.scope.currentData()
        venue_id = None if data is None else int(data[0])
        limit, day = self.limit.value(), day_of(self.effective)
        self.submit(self.database, lambda s, _p: warnings.set_line(
            s, self.actor, venue_id, limit, day))


class CapacityLinesDialog(FormDialog):
    """Every designated venue's own line from its capacity, from a date."""

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 today: dt.date) -> None:
        super().__init__(parent, object_name="capacityLinesDialog",
                         title=self.tr("按容量设置警戒线"),
                         intro=self.tr("为每个定点场馆新增一个警戒线版本：容量（人）× {per} 张/日。"
                                       "名录中没有容量的场馆不设置，仍适用全区默认。").format(
                             per=VOUCHERS_PER_PLACE))
        self.database, self.actor = database, actor
        self.effective = date_edit("capacityEffectiveFrom", today)
        self.effective.setMinimumDate(self.effective.date())
        self.form.addRow(self.tr("生效日期："), self.effective)
        self.finish(self.tr("设置"), self.save)

    def save(self) -> None:
        day = day_of(self.effective)
        self.submit(self.database, lambda s, _p: warnings.set_lines_from_capacity(
            s, self.actor, day))
