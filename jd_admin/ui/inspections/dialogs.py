"""The inspection page's further dialogs: a venue's inspections, orders and training (opened
from the register), a training session (培训) with the venues that attended, and the checklist
editor (检查表) whose save is a new version of the template (past inspections keep their own
snapshot of the items)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.inspections import (
    Area,
    InspectionResult,
    InspectionState,
    ItemKind,
    OrderState,
)
from jd_admin.domain.register import VenueState
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.actor import Actor
from jd_admin.services.register import venues as register_venues
from jd_admin.ui import labels
from jd_admin.ui.tables import Column, RowsModel, make_table
from jd_admin.ui.widgets import FormDialog, button, date_edit, day_of, heading, wrapped


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class VenueHistoryDialog(QDialog):
    """巡查与培训: one venue's inspections with their results, its rectification orders and
    the training sessions it attended (services.inspections.venue_history)."""

    def __init__(self, parent: QWidget, venue_id: int, venue_name: str,
                 history: insp.VenueHistory, mark: insp.InspectionMark | None) -> None:
        super().__init__(parent)
        self.setObjectName("venueHistoryDialog")
        self.setWindowTitle(self.tr("巡查与培训：{name}").format(name=venue_name))
        self.resize(980, 520)
        layout = QVBoxLayout(self)
        # The venue named in the dialog itself too (a title bar may not show it all).
        self.venue_heading = heading(venue_name, larger_by=2)
        self.venue_heading.setObjectName("historyVenue")
        self.venue_heading.setWordWrap(True)
        layout.addWidget(self.venue_heading)
        if mark is not None:
            note = wrapped(self.tr("巡查标记：{why}").format(
                why="；".join(labels.text(t) for t in mark.reasons())))
            note.setObjectName("historyMark")
            note.setStyleSheet("color: #b00020;")
            layout.addWidget(note)
        self.tabs = QTabWidget()
        self.inspections_model = RowsModel([
            Column(self.tr("编号"), lambda i: i.id, sort_key=lambda i: i.id, align_right=True),
            Column(self.tr("检查时间"), lambda i: clock.format_local(i.inspected_at)
                   if i.inspected_at else "",
                   sort_key=lambda i: i.inspected_at.isoformat() if i.inspected_at else ""),
            Column(self.tr("状态"), lambda i: labels.of(InspectionState, i.status)),
            Column(self.tr("结论"), lambda i: labels.of(InspectionResult, i.result)
                   if i.result else ""),
            Column(self.tr("得分"), lambda i: "" if i.score is None else f"{i.score:.1f}",
                   sort_key=lambda i: i.score or 0, align_right=True),
            Column(self.tr("整改期限"), lambda i: _day(i.rectify_by)),
            Column(self.tr("巡查人员"), lambda i: i.inspectors),
            Column(self.tr("说明"), lambda i: self.tr("复查") if i.reinspection_of
                   else (self.tr("更正：{reason}").format(reason=i.correction_reason or "")
                         if i.supersedes_id else "")),
        ], self)
        self.orders_model = RowsModel([
            Column(self.tr("通知编号"), lambda o: o.number),
            Column(self.tr("整改期限"), lambda o: _day(o.deadline), sort_key=lambda o: o.deadline),
            Column(self.tr("状态"), lambda o: labels.of(OrderState, o.status)
                   + (self.tr("（已逾期）") if o.overdue else "")),
            Column(self.tr("问题"), lambda o: "；".join(str(i.get("text", ""))
                                                     for i in o.items)),
            Column(self.tr("整改说明"), lambda o: o.report_note or ""),
        ], self)

        def attended(t: insp.TrainingRow) -> str:
            mine = next((a for a in t.attendance if a.venue_id == venue_id), None)
            if mine is None:
                return ""
            return self.tr("{n} 人").format(n=mine.people) + (
                f"（{mine.names}）" if mine.names else "")

        self.training_model = RowsModel([
            Column(self.tr("日期"), lambda t: _day(t.held_on), sort_key=lambda t: t.held_on),
            Column(self.tr("主题"), lambda t: t.topic),
            Column(self.tr("讲师"), lambda t: t.trainer),
            Column(self.tr("地点"), lambda t: t.place),
            Column(self.tr("本场馆参加"), attended),
            Column(self.tr("材料"), lambda t: t.materials),
        ], self)
        for model, rows, name, title in (
                (self.inspections_model, history.inspections, "historyInspections",
                 self.tr("巡查记录（{n}）")),
                (self.orders_model, history.orders, "historyOrders", self.tr("整改通知（{n}）")),
                (self.training_model, history.training, "historyTraining",
                 self.tr("培训（{n}）"))):
            model.set_rows(list(rows))
            table = make_table(model, name, self)
            table.resizeColumnsToContents()
            self.tabs.addTab(table, title.format(n=len(rows)))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class TrainingDialog(FormDialog):
    """登记培训: the session (date, topic, trainer, place, materials) and the venues that
    attended, each with its number of people and their names."""

    COL_VENUE, COL_PEOPLE, COL_NAMES = range(3)

    def __init__(self, parent: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(parent, object_name="trainingDialog", title=self.tr("登记培训"),
                         intro=self.tr("登记局里为定点场馆举办的培训。从左侧选择参加的场馆"
                                       "（可多选）加入右侧，填写各场馆的参加人数和姓名。"),
                         min_width=960)
        self.database, self.actor = database, actor
        self.held_on = date_edit("trainingDate", clock.today())
        self.topic = QLineEdit()
        self.topic.setObjectName("trainingTopic")
        self.trainer = QLineEdit()
        self.trainer.setObjectName("trainingTrainer")
        self.place = QLineEdit()
        self.place.setObjectName("trainingPlace")
        self.materials = QLineEdit()
        self.materials.setObjectName("trainingMaterials")
        self.materials.setPlaceholderText(self.tr("讲义、课件等（名称或存放位置）"))
        self.form.addRow(self.tr("日期："), self.held_on)
        self.form.addRow(self.tr("主题："), self.topic)
        self.form.addRow(self.tr("讲师："), self.trainer)
        self.form.addRow(self.tr("地点："), self.place)
        self.form.addRow(self.tr("培训材料："), self.materials)
        # the venues to choose from, and those attending
        self.search = QLineEdit()
        self.search.setObjectName("trainingVenueSearch")
        self.search.setPlaceholderText(self.tr("按名称筛选场馆"))
        self.search.textChanged.connect(self._filter)
        self.venue_list = QListWidget()
        self.venue_list.setObjectName("trainingVenues")
        self.venue_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.venue_list.itemDoubleClicked.connect(lambda _i: self.add_selected())
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.venue_list, 1)
        middle = QVBoxLayout()
        middle.addStretch()
        middle.addWidget(button(self.tr("加入 →"), "addAttendeeButton", self.add_selected))
        middle.addWidget(button(self.tr("← 移除"), "removeAttendeeButton",
                                self.remove_selected))
        middle.addStretch()
        self.attendance = QTableWidget(0, 3)
        self.attendance.setObjectName("trainingAttendance")
        self.attendance.setHorizontalHeaderLabels(
            [self.tr("场馆"), self.tr("人数"), self.tr("参加人员姓名")])
        header = self.attendance.horizontalHeader()
        header.setSectionResizeMode(self.COL_VENUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_NAMES, QHeaderView.ResizeMode.Stretch)
        self.attendance.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attendance.verticalHeader().setVisible(False)
        self.count = QLabel()
        self.count.setObjectName("trainingCount")
        right = QVBoxLayout()
        right.addWidget(self.attendance, 1)
        right.addWidget(self.count)
        box = QHBoxLayout()
        box.addLayout(left, 2)
        box.addLayout(middle)
        box.addLayout(right, 3)
        self.vbox.addLayout(box, 1)
        self.setMinimumHeight(560)
        self.session_id: int | None = None
        self.finish(self.tr("登记"), self.save)
        self._update_count()
        self.load(database, lambda s, _p: register_venues.list_venues(s, actor), self._loaded)

    def _loaded(self, rows: list[register_venues.VenueRow]) -> None:
        for v in rows:
            if v.status == VenueState.WITHDRAWN.value:
                continue
            item = QListWidgetItem(f"{v.name}（{v.subdistrict}）")
            item.setData(Qt.ItemDataRole.UserRole, (v.id, v.name))
            self.venue_list.addItem(item)

    def _filter(self, text: str) -> None:
        for i in range(self.venue_list.count()):
            item = self.venue_list.item(i)
            item.setHidden(bool(text.strip()) and text.strip() not in item.text())

    def _venue_id(self, r: int) -> int:
        item = self.attendance.item(r, self.COL_VENUE)
        assert item is not None
        return int(item.data(Qt.ItemDataRole.UserRole))

    def attending_ids(self) -> list[int]:
        return [self._venue_id(r) for r in range(self.attendance.rowCount())]

    def add_venue(self, venue_id: int, name: str, people: int = 1, names: str = "") -> None:
        if venue_id in self.attending_ids():
            return
        r = self.attendance.rowCount()
        self.attendance.insertRow(r)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, venue_id)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.attendance.setItem(r, self.COL_VENUE, item)
        spin = QSpinBox()
        spin.setRange(0, 999)
        spin.setValue(people)
        spin.valueChanged.connect(self._update_count)
        self.attendance.setCellWidget(r, self.COL_PEOPLE, spin)
        self.attendance.setItem(r, self.COL_NAMES, QTableWidgetItem(names))
        self._update_count()

    def add_selected(self) -> None:
        for item in self.venue_list.selectedItems():
            venue_id, name = item.data(Qt.ItemDataRole.UserRole)
            self.add_venue(venue_id, name)

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.attendance.selectedIndexes()}, reverse=True):
            self.attendance.removeRow(r)
        self._update_count()

    def _people(self, r: int) -> int:
        spin = self.attendance.cellWidget(r, self.COL_PEOPLE)
        assert isinstance(spin, QSpinBox)
        return spin.value()

    def _update_count(self) -> None:
        rows = self.attendance.rowCount()
        self.count.setText(self.tr("{venues} 个场馆，共 {people} 人").format(
            venues=rows, people=sum(self._people(r) for r in range(rows))))

    def save(self) -> None:
        attendance = []
        for r in range(self.attendance.rowCount()):
            names = self.attendance.item(r, self.COL_NAMES)
            attendance.append(insp.AttendanceInput(
                self._venue_id(r), self._people(r), names.text() if names is not None else ""))
        if not attendance:
            self.error.show_message(self.tr("请至少加入一个参加培训的场馆"))
            return
        actor, held_on = self.actor, day_of(self.held_on)
        topic, trainer = self.topic.text(), self.trainer.text()
        place, materials = self.place.text(), self.materials.text()
        self.submit(self.database, lambda s, _p: insp.create_session(
            s, actor, held_on, topic, trainer, place, materials, attendance), self._saved)

    def _saved(self, session_id: int) -> None:
        self.session_id = session_id
        self.accept()


def _number(text: str) -> Decimal | None:
    """A decimal from a cell (None when empty); ValueError when it is not a number."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


class ChecklistDialog(FormDialog):
    """检查表: the active version's items, to edit, add to or remove from; saved as a new
    version (it becomes the one in use; past inspections keep the items they were recorded
    with). The service checks the items and its message shows here."""

    (COL_AREA, COL_TEXT, COL_KIND, COL_WEIGHT, COL_MAX_SCORE, COL_MIN, COL_MAX, COL_UNIT,
     COL_PHOTO, COL_SERIOUS, COL_APPLIES) = range(11)

    def __init__(self, parent: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(parent, object_name="checklistDialog", title=self.tr("巡查检查表"),
                         intro=self.tr("修改、添加或删除条目后保存为新版本：新版本即刻启用，已有的"
                                       "巡查记录保留当时的条目，不受影响。评分项须填满分；数值项"
                                       "可填合格范围（下限、上限）。"),
                         min_width=1280)
        self.database, self.actor = database, actor
        self.template: insp.TemplateInfo | None = None
        self.caption = QLabel()
        self.caption.setObjectName("checklistCaption")
        self.vbox.insertWidget(1, self.caption)  # under the intro, above the form
        self.name = QLineEdit()
        self.name.setObjectName("checklistName")
        self.note = QLineEdit()
        self.note.setObjectName("checklistNote")
        self.note.setPlaceholderText(self.tr("本次修改的说明（记入日志）"))
        self.form.addRow(self.tr("名称："), self.name)
        self.form.addRow(self.tr("修改说明："), self.note)
        self.table = QTableWidget(0, 11)
        self.table.setObjectName("checklistItems")
        self.table.setHorizontalHeaderLabels([
            self.tr("类别"), self.tr("检查内容"), self.tr("类型"), self.tr("权重"),
            self.tr("满分"), self.tr("下限"), self.tr("上限"), self.tr("单位"),
            self.tr("不合格须拍照"), self.tr("严重项"), self.tr("适用于")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(380)
        self.vbox.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(button(self.tr("添加条目"), "addItemButton", self.add_item))
        row.addWidget(button(self.tr("删除条目"), "removeItemButton", self.remove_selected))
        row.addWidget(button(self.tr("上移"), "moveUpButton", lambda: self.move_item(-1)))
        row.addWidget(button(self.tr("下移"), "moveDownButton", lambda: self.move_item(1)))
        row.addStretch()
        self.vbox.addLayout(row)
        self.new_template_id: int | None = None
        self.finish(self.tr("保存为新版本"), self.save)
        self.ok_button.setEnabled(False)
        self.load(database, lambda s, _p: insp.active_template(s), self._loaded)

    def _loaded(self, template: insp.TemplateInfo) -> None:
        self.template = template
        self.caption.setText(self.tr("当前在用：{name} 第 {version} 版，{n} 条（{by} 发布）")
                             .format(name=template.name, version=template.version,
                                     n=len(template.items), by=template.created_by))
        self.name.setText(template.name)
        for item in template.items:
            self.add_item(item.spec)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(self.COL_TEXT, 360)
        self.ok_button.setEnabled(True)

    # --- rows -------------------------------------------------------------------------------
    def add_item(self, spec: insp.ItemSpec | None = None) -> int:
        """A row for ``spec`` (a new pass/fail item when None); its row number."""
        spec = spec or insp.ItemSpec(Area.SAFETY.value, "", ItemKind.PASS_FAIL.value)
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setCellWidget(r, self.COL_AREA, self._combo(Area, spec.area))
        self.table.setCellWidget(r, self.COL_KIND, self._combo(ItemKind, spec.kind))

        def text(col: int, value: object) -> None:
            self.table.setItem(r, col, QTableWidgetItem("" if value is None else str(value)))

        def check(col: int, on: bool) -> None:
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.table.setItem(r, col, item)

        text(self.COL_TEXT, spec.text)
        text(self.COL_WEIGHT, _plain(spec.weight))
        text(self.COL_MAX_SCORE, _plain(spec.max_score))
        text(self.COL_MIN, _plain(spec.min_value))
        text(self.COL_MAX, _plain(spec.max_value))
        text(self.COL_UNIT, spec.unit)
        check(self.COL_PHOTO, spec.photo_on_fail)
        check(self.COL_SERIOUS, spec.serious)
        text(self.COL_APPLIES, spec.applies_to)
        if not spec.text:
            self.table.selectRow(r)
            self.table.scrollToBottom()
        return r

    def _combo(self, codes: type[Area] | type[ItemKind], value: str) -> QComboBox:
        combo = QComboBox()
        for c in codes:
            combo.addItem(labels.of(codes, c.value), c.value)
        combo.setCurrentIndex(max(combo.findData(value), 0))
        return combo

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectedIndexes()})

    def remove_selected(self) -> None:
        for r in reversed(self.selected_rows()):
            self.table.removeRow(r)

    def move_item(self, step: int) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        r, to = rows[0], rows[0] + step
        if not 0 <= to < self.table.rowCount():
            return
        specs = self.specs_or_none()
        if specs is None:
            return
        specs[r], specs[to] = specs[to], specs[r]
        self.table.setRowCount(0)
        for spec in specs:
            self.add_item(spec)
        self.table.selectRow(to)

    # --- reading the rows -------------------------------------------------------------------
    def _cell(self, r: int, col: int) -> str:
        item = self.table.item(r, col)
        return item.text() if item is not None else ""

    def _checked(self, r: int, col: int) -> bool:
        item = self.table.item(r, col)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _code(self, r: int, col: int) -> str:
        combo = self.table.cellWidget(r, col)
        assert isinstance(combo, QComboBox)
        return str(combo.currentData())

    def specs(self) -> list[insp.ItemSpec]:
        """The rows as items; ValueError with the message for a cell that is not a number."""
        out = []
        names = {self.COL_WEIGHT: self.tr("权重"), self.COL_MAX_SCORE: self.tr("满分"),
                 self.COL_MIN: self.tr("下限"), self.COL_MAX: self.tr("上限")}
        for r in range(self.table.rowCount()):
            values: dict[int, Decimal | None] = {}
            for col, name in names.items():
                try:
                    values[col] = _number(self._cell(r, col))
                except ValueError:
                    raise ValueError(self.tr("第 {n} 条：{field}“{value}”不是数字").format(
                        n=r + 1, field=name, value=self._cell(r, col).strip())) from None
            out.append(insp.ItemSpec(
                area=self._code(r, self.COL_AREA), text=self._cell(r, self.COL_TEXT),
                kind=self._code(r, self.COL_KIND),
                weight=_or_one(values[self.COL_WEIGHT]),
                max_score=values[self.COL_MAX_SCORE], min_value=values[self.COL_MIN],
                max_value=values[self.COL_MAX], unit=self._cell(r, self.COL_UNIT),
                photo_on_fail=self._checked(r, self.COL_PHOTO),
                serious=self._checked(r, self.COL_SERIOUS),
                applies_to=self._cell(r, self.COL_APPLIES)))
        return out

    def specs_or_none(self) -> list[insp.ItemSpec] | None:
        try:
            return self.specs()
        except ValueError as exc:
            self.error.show_message(str(exc))
            return None

    def save(self) -> None:
        self.error.show_message("")
        specs = self.specs_or_none()
        if specs is None or self.template is None:
            return
        actor, template_id = self.actor, self.template.id
        name, note = self.name.text(), self.note.text()
        self.submit(self.database, lambda s, _p: insp.new_version(
            s, actor, template_id, specs, name=name, note=note), self._saved)

    def _saved(self, template_id: int) -> None:
        self.new_template_id = template_id
        self.accept()


def _or_one(value: Decimal | None) -> Decimal:
    return Decimal(1) if value is None else value


def _plain(value: Decimal | None) -> str:
    """A decimal as typed (1, 0.5, 10 rather than 1.00, 0.50, 10.00)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
