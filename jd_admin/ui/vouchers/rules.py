"""消费券规则: the rule tables (面值表, 领取与使用限额, 专项券限制; rules 1, 3, 4, 5 of the
measures) with the administrator's dialogs that add a new version. The vouchers page shows
:class:`RuleTablesWidget` as a tab; the issuance batches are in :mod:`.batches`.

A rule version whose effective date has come is never changed: a change is a new version with a
later date, so every voucher keeps the rules it was claimed and used under."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain import versions
from jd_admin.domain.permissions import Action
from jd_admin.domain.versions import VersionState
from jd_admin.domain.vouchers import CitizenGroup, RestrictionKind
from jd_admin.money import MoneyError, to_fen, to_money
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.vouchers import rules as voucher_rules
from jd_admin.services.vouchers.rules import (
    FaceTable,
    FaceValue,
    Restriction,
    RuleTables,
    UsageRules,
    load_rule_tables,
)
from jd_admin.ui import labels, messages, ops
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import FormDialog, date_edit, day_of, wrapped

OK_COLOUR = "#2e7d32"
ERROR_COLOUR = "#c0392b"


def plain_yuan(value: Decimal) -> str:
    """A yuan amount as people write it in a rule table: 5, 12.50."""
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else f"{value:.2f}"


# --- labels of what the services return ----------------------------------------------------

def version_state(day: dt.date, days: Sequence[dt.date], today: dt.date) -> str:
    """当前生效 / 待生效 / 已被取代 for the version of ``day`` among the versions ``days``."""
    return labels.of(VersionState, versions.version_state(day, days, today))


def kind_label(kind: str) -> str:
    return labels.of(RestrictionKind, kind)


def group_label(code: str) -> str:
    return labels.of(CitizenGroup, code)


def restriction_description(r: Restriction) -> str:
    return labels.text(r.description)


def versions_note() -> str:
    return QCoreApplication.translate(
        "voucher_rules",
        "已到生效日期的版本不会再修改：修改规则就是新增一个生效日期更晚的版本，"
        "每张券始终按领取和使用时生效的版本核对。新版本的生效日期必须晚于今天。")


# --- the rule tables widget -----------------------------------------------------------------

class RuleTablesWidget(QWidget):
    """面值表 / 领取与使用限额 / 专项券限制, every version of each; the administrator adds
    versions. Call :meth:`refresh` to (re)load; ``data_changed`` is emitted after a new version
    was saved (the widget has already refreshed itself)."""

    data_changed = Signal()

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleTablesWidget")
        self.database = database
        self.actor = actor
        self.is_admin = may_act(actor, Action.EDIT_RULE_TABLES)
        self.data: RuleTables | None = None
        self.dialog: FormDialog | None = None
        self._select_face_day: dt.date | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ruleTabs")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)

        # 面值表
        face = QWidget()
        face_layout = QVBoxLayout(face)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("版本（生效日期）：")))
        self.face_version = QComboBox()
        self.face_version.setObjectName("faceVersionCombo")
        self.face_version.setMinimumContentsLength(22)
        top.addWidget(self.face_version)
        top.addStretch()
        self.new_face_button = self._admin_button("newFaceTableButton", self.new_face_table, top)
        face_layout.addLayout(top)
        self.face_model = RowsModel([
            Column(self.tr("面值（元）"), lambda r: plain_yuan(r.face_value),
                   sort_key=lambda r: to_fen(r.face_value), align_right=True),
            Column(self.tr("政府补贴（元）"), lambda r: plain_yuan(r.subsidy),
                   sort_key=lambda r: to_fen(r.subsidy), align_right=True),
            Column(self.tr("场馆让利（元）"), lambda r: plain_yuan(r.concession),
                   sort_key=lambda r: to_fen(r.concession), align_right=True),
            Column(self.tr("使用门槛（满X元可用）"), lambda r: plain_yuan(r.min_order),
                   sort_key=lambda r: to_fen(r.min_order), align_right=True),
        ], self)
        self.face_table = make_table(self.face_model, "faceTable", self)
        self.face_table.horizontalHeader().setStretchLastSection(False)
        self.face_table.horizontalHeader().setMinimumSectionSize(120)
        face_layout.addWidget(self.face_table, 1)
        self.face_state = wrapped("")
        self.face_state.setObjectName("faceVersionState")
        face_layout.addWidget(self.face_state)
        self.tabs.addTab(face, self.tr("面值表"))

        # 领取与使用限额
        usage = QWidget()
        usage_layout = QVBoxLayout(usage)
        top = QHBoxLayout()
        top.addWidget(wrapped(self.tr("每周指自然周（周一 0 时至周日 24 时，北京时间）。")), 1)
        self.new_usage_button = self._admin_button("newUsageRulesButton", self.new_usage_rules, top)
        usage_layout.addLayout(top)
        days = self._usage_days
        self.usage_model = RowsModel([
            Column(self.tr("生效日期"), lambda u: u.effective_from.isoformat()),
            Column(self.tr("状态"), lambda u: version_state(u.effective_from, days(),
                                                          self._today())),
            Column(self.tr("每周领取上限"), lambda u: u.weekly_claim_limit, align_right=True),
            Column(self.tr("同时持有上限"), lambda u: u.max_held, align_right=True),
            Column(self.tr("每日使用上限"), lambda u: u.daily_use_cap, align_right=True),
            Column(self.tr("每周使用上限"), lambda u: u.weekly_use_cap, align_right=True),
            Column(self.tr("每周大额券领取上限"), lambda u: u.weekly_large_claim_limit,
                   align_right=True),
            Column(self.tr("大额券起点面值（元）"), lambda u: plain_yuan(u.large_face_value),
                   sort_key=lambda u: to_fen(u.large_face_value), align_right=True),
            Column(self.tr("有效期（小时）"), lambda u: u.validity_hours, align_right=True),
        ], self)
        self.usage_table = make_table(self.usage_model, "usageRulesTable", self)
        usage_layout.addWidget(self.usage_table, 1)
        self.tabs.addTab(usage, self.tr("领取与使用限额"))

        # 专项券限制
        restricted = QWidget()
        restricted_layout = QVBoxLayout(restricted)
        top = QHBoxLayout()
        explanation = self.tr("发放批次可限定为某一运动项目或某一人群使用（专项券）。")
        if self.is_admin:
            explanation += self.tr("选中一行再点“新增版本…”即为该限制新增版本。")
        top.addWidget(wrapped(explanation), 1)
        self.new_restriction_button = self._admin_button(
            "newRestrictionButton", self.new_restriction, top)
        restricted_layout.addLayout(top)
        self.restriction_model = RowsModel([
            Column(self.tr("编号"), lambda r: r.code),
            Column(self.tr("生效日期"), lambda r: r.effective_from.isoformat()),
            Column(self.tr("状态"), self._restriction_state),
            Column(self.tr("名称"), lambda r: r.name),
            Column(self.tr("类型"), lambda r: kind_label(r.kind)),
            Column(self.tr("限制内容"), restriction_description),
        ], self)
        self.restriction_table = make_table(self.restriction_model, "restrictionsTable", self)
        restricted_layout.addWidget(self.restriction_table, 1)
        self.tabs.addTab(restricted, self.tr("专项券限制"))

        if self.is_admin:
            layout.addWidget(wrapped(versions_note()))
        self.face_version.currentIndexChanged.connect(self._show_face_version)

    def _admin_button(self, object_name: str, slot: Callable[[], None],
                      row: QHBoxLayout) -> QPushButton | None:
        """The "新增版本…" button, for the administrator only (others get None)."""
        if not self.is_admin:
            return None
        button = QPushButton(self.tr("新增版本…"))
        button.setObjectName(object_name)
        button.setEnabled(False)  # until the tables are loaded
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _today(self) -> dt.date:
        return self.data.today if self.data else clock.today()

    def _usage_days(self) -> list[dt.date]:
        return [u.effective_from for u in self.data.usage] if self.data else []

    def _restriction_state(self, r: Restriction) -> str:
        restrictions = self.data.restrictions if self.data else []
        days = [x.effective_from for x in restrictions if x.code == r.code]
        return version_state(r.effective_from, days, self._today())

    # loading

    def refresh(self) -> None:
        ops.run_db_op(self, self.database, lambda s, _p: load_rule_tables(s), self.show_data,
                      read=True)

    def show_data(self, data: RuleTables) -> None:
        self.data = data
        current = data.current_face_table
        wanted = (self._select_face_day.isoformat() if self._select_face_day
                  else self.face_version.currentData() if self.face_version.count() else None)
        self._select_face_day = None
        self.face_version.blockSignals(True)
        self.face_version.clear()
        days = [t.effective_from for t in data.face_tables]
        for table in reversed(data.face_tables):
            state = version_state(table.effective_from, days, data.today)
            self.face_version.addItem(self.tr("{day}（{state}）").format(
                day=table.effective_from.isoformat(), state=state),
                table.effective_from.isoformat())
        choice = wanted or (current.effective_from.isoformat() if current else None)
        index = self.face_version.findData(choice) if choice else -1
        self.face_version.setCurrentIndex(max(index, 0) if self.face_version.count() else -1)
        self.face_version.blockSignals(False)
        self._show_face_version()

        self.usage_model.set_rows(list(reversed(data.usage)))
        self.restriction_model.set_rows(list(data.restrictions))
        for view in (self.face_table, self.usage_table, self.restriction_table):
            view.resizeColumnsToContents()
        for button in (self.new_face_button, self.new_usage_button, self.new_restriction_button):
            if button is not None:
                button.setEnabled(True)

    def selected_face_table(self) -> FaceTable | None:
        day = self.face_version.currentData()
        if self.data is None or day is None:
            return None
        return next((t for t in self.data.face_tables if t.effective_from.isoformat() == day), None)

    def _show_face_version(self) -> None:
        table = self.selected_face_table()
        self.face_model.set_rows(list(table.rows) if table else [])
        if table is None or self.data is None:
            self.face_state.setText(self.tr("还没有面值表。") if self.data else "")
            return
        days = [t.effective_from for t in self.data.face_tables]
        state = version_state(table.effective_from, days, self.data.today)
        message = self.tr(
            "{state}：{day} 起领取的券按此表拆分政府补贴与场馆让利；政府补贴 + 场馆让利 = 面值。")
        self.face_state.setText(message.format(state=state, day=table.effective_from.isoformat()))

    # adding versions (administrator)

    def _open(self, dialog: FormDialog, on_saved: Callable[[], None]) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(on_saved)
        dialog.open()

    def new_face_table(self) -> None:
        if self.data is None:
            return
        dialog = FaceTableDialog(self, self.database, self.actor, self.data.current_face_table,
                                 self.data.today)
        self._open(dialog, lambda: self._saved(
            self.tr("已新增面值表版本，{day} 起生效。").format(
                day=dialog.effective_from().isoformat()),
            face_day=dialog.effective_from()))

    def new_usage_rules(self) -> None:
        if self.data is None:
            return
        dialog = UsageRulesDialog(self, self.database, self.actor, self.data.current_usage,
                                  self.data.today)
        self._open(dialog, lambda: self._saved(self.tr(
            "已新增领取与使用限额版本，{day} 起生效。").format(
            day=dialog.effective_from().isoformat())))

    def new_restriction(self) -> None:
        if self.data is None:
            return
        base = selected_object(self.restriction_table)
        dialog = RestrictionDialog(self, self.database, self.actor, base, self.data.today)
        self._open(dialog, lambda: self._saved(self.tr(
            "已保存专项券限制 {code}，{day} 起生效。").format(
            code=dialog.code.text().strip().upper(), day=dialog.effective_from().isoformat())))

    def _saved(self, message: str, face_day: dt.date | None = None) -> None:
        self._select_face_day = face_day
        messages.info(self, message)
        self.refresh()
        self.data_changed.emit()


# --- dialogs: new rule versions -------------------------------------------------------------

class FaceTableDialog(FormDialog):
    """A new version of the face-value table (面值表), prefilled with the current one."""

    COLUMNS = ("face_value", "subsidy", "concession", "min_order")

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 current: FaceTable | None, today: dt.date) -> None:
        super().__init__(parent, object_name="faceTableDialog", title=self.tr("新增面值表版本"),
                         intro=self.tr("在当前版本的基础上修改面值、政府补贴、场馆让利和使用门槛（金额单位：元）。"
                                       "每一行的政府补贴 + 场馆让利必须等于面值。"),
                         min_width=640)
        self.database = database
        self.actor = actor
        self.date = date_edit("effectiveDate", today + dt.timedelta(days=1))
        self.date.setMaximumWidth(160)
        self.form.addRow(self.tr("生效日期："), self.date)
        self.headers = (self.tr("面值"), self.tr("政府补贴"), self.tr("场馆让利"),
                        self.tr("使用门槛"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("faceRows")
        self.table.setHorizontalHeaderLabels([
            self.tr("面值（元）"), self.tr("政府补贴（元）"), self.tr("场馆让利（元）"),
            self.tr("满X元可用"), self.tr("核对：补贴 + 让利 = 面值")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setMinimumHeight(300)
        self.vbox.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加一行"))
        self.add_button.setObjectName("addRowButton")
        self.remove_button = QPushButton(self.tr("删除所选行"))
        self.remove_button.setObjectName("removeRowButton")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        self.vbox.addLayout(buttons)
        self.finish(self.tr("保存新版本"), self.save, note=versions_note())
        for row in current.rows if current else ():
            self.add_row(row)
        if not current:
            self.add_row()
        self.table.cellChanged.connect(self._cell_changed)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)

    def effective_from(self) -> dt.date:
        return day_of(self.date)

    def add_row(self, values: FaceValue | None = None) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = ([plain_yuan(v) for v in (values.face_value, values.subsidy, values.concession,
                                           values.min_order)] if values else ["", "", "", ""])
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        check = QTableWidgetItem("")
        check.setFlags(check.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 4, check)
        self.table.blockSignals(False)
        self._check_row(row)
        if values is None:
            self.table.setCurrentCell(row, 0)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Type ``text`` into a cell (as the user would)."""
        item = self.table.item(row, column)
        assert item is not None
        item.setText(text)

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _cell_changed(self, row: int, column: int) -> None:
        if column < 4:
            self._check_row(row)

    def _parse_row(self, row: int) -> list[Decimal] | str:
        """The row's four amounts, or why not (naming the row and the column)."""
        values: list[Decimal] = []
        for column, header in enumerate(self.headers):
            text = self.cell_text(row, column)
            if not text:
                return self.tr("第 {row} 行：请填写{field}").format(row=row + 1, field=header)
            try:
                values.append(to_money(text))
            except MoneyError:
                return self.tr(
                    "第 {row} 行：{field}“{text}”不是有效的金额（元，最多两位小数）").format(
                    row=row + 1, field=header, text=text)
        return values

    def _row_problem(self, row: int) -> str | None:
        parsed = self._parse_row(row)
        if isinstance(parsed, str):
            return parsed
        face, subsidy, concession, _minimum = parsed
        if subsidy + concession != face:
            return self.tr(
                "第 {row} 行：政府补贴 {s} + 场馆让利 {c} = {sum}，不等于面值 {f}").format(
                row=row + 1, s=plain_yuan(subsidy), c=plain_yuan(concession),
                sum=plain_yuan(subsidy + concession), f=plain_yuan(face))
        return None

    def _check_row(self, row: int) -> None:
        item = self.table.item(row, 4)
        if item is None:
            return
        parsed = self._parse_row(row)
        if isinstance(parsed, str):
            filled = any(self.cell_text(row, c) for c in range(4))
            text, colour = (self.tr("待填写"), None) if not filled or "请填写" in parsed else (
                self.tr("金额无效"), ERROR_COLOUR)
        else:
            face, subsidy, concession, _minimum = parsed
            total = subsidy + concession
            if total == face:
                text = f"{plain_yuan(subsidy)} + {plain_yuan(concession)} = {plain_yuan(face)}"
                colour = OK_COLOUR
            else:
                text = self.tr("{s} + {c} = {sum}，不等于 {f}").format(
                    s=plain_yuan(subsidy), c=plain_yuan(concession), sum=plain_yuan(total),
                    f=plain_yuan(face))
                colour = ERROR_COLOUR
        self.table.blockSignals(True)
        item.setText(text)
        item.setForeground(QBrush(QColor(colour)) if colour else QBrush())
        self.table.blockSignals(False)

    def rows(self) -> list[FaceValue] | str:
        """The table as FaceValues, or the first problem found (naming the row)."""
        if self.table.rowCount() == 0:
            return self.tr("面值表至少要有一种面值")
        result: list[FaceValue] = []
        for row in range(self.table.rowCount()):
            problem = self._row_problem(row)
            if problem:
                return problem
            parsed = self._parse_row(row)
            assert not isinstance(parsed, str)
            result.append(FaceValue(*parsed))
        return result

    def save(self) -> None:
        self.error.show_message("")
        rows = self.rows()
        if isinstance(rows, str):
            self.error.show_message(rows)
            return
        day, actor = self.effective_from(), self.actor
        self.submit(self.database, lambda s, _p: voucher_rules.add_face_table(s, actor, day, rows))


def count_spin(object_name: str, value: int, minimum: int = 1, maximum: int = 1000) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(object_name)
    spin.setRange(minimum, maximum)
    spin.setValue(value)
    return spin


class UsageRulesDialog(FormDialog):
    """A new version of the claim limits and use caps (rules 3 and 4)."""

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 current: UsageRules | None, today: dt.date) -> None:
        intro = self.tr(
            "每位市民的领取与使用限额。每周指自然周（周一 0 时至周日 24 时，北京时间）。")
        super().__init__(parent, object_name="usageRulesDialog",
                         title=self.tr("新增领取与使用限额版本"), intro=intro)
        self.database = database
        self.actor = actor
        c = current
        self.date = date_edit("effectiveDate", today + dt.timedelta(days=1))
        self.date.setMaximumWidth(160)
        self.weekly_claim_limit = count_spin("weeklyClaimLimit", c.weekly_claim_limit if c else 3)
        self.max_held = count_spin("maxHeld", c.max_held if c else 3)
        self.daily_use_cap = count_spin("dailyUseCap", c.daily_use_cap if c else 1)
        self.weekly_use_cap = count_spin("weeklyUseCap", c.weekly_use_cap if c else 3)
        self.weekly_large_claim_limit = count_spin(
            "weeklyLargeClaimLimit", c.weekly_large_claim_limit if c else 1)
        self.large_face_value = QLineEdit(plain_yuan(c.large_face_value) if c else "50")
        self.large_face_value.setObjectName("largeFaceValue")
        self.large_face_value.setMaxLength(12)
        self.validity_hours = count_spin("validityHours", c.validity_hours if c else 168)
        self.form.addRow(self.tr("生效日期："), self.date)
        self.form.addRow(self.tr("每周领取上限（张）："), self.weekly_claim_limit)
        self.form.addRow(self.tr("同时持有上限（张，未使用且未过期）："), self.max_held)
        self.form.addRow(self.tr("每日使用上限（张）："), self.daily_use_cap)
        self.form.addRow(self.tr("每周使用上限（张）："), self.weekly_use_cap)
        self.form.addRow(self.tr("每周大额券领取上限（张）："), self.weekly_large_claim_limit)
        self.form.addRow(self.tr("大额券起点面值（元）："), self.large_face_value)
        self.form.addRow(self.tr("有效期（自领取起，小时）："), self.validity_hours)
        self.finish(self.tr("保存新版本"), self.save, note=versions_note())

    def effective_from(self) -> dt.date:
        return day_of(self.date)

    def save(self) -> None:
        self.error.show_message("")
        text = self.large_face_value.text().strip()
        try:
            large = to_money(text)
        except MoneyError:
            large = None
        if large is None or large <= 0:
            self.error.show_message(self.tr("大额券起点面值：请填写大于 0 的金额（元），如 50"))
            return
        rules = UsageRules(
            self.effective_from(), self.weekly_claim_limit.value(), self.max_held.value(),
            self.daily_use_cap.value(), self.weekly_use_cap.value(),
            self.weekly_large_claim_limit.value(), large, self.validity_hours.value())
        actor = self.actor
        self.submit(self.database, lambda s, _p: voucher_rules.add_usage_rules(s, actor, rules))


class RestrictionDialog(FormDialog):
    """A special-voucher restriction (rule 5), or a new version of one (``base``)."""

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 base: Restriction | None, today: dt.date) -> None:
        super().__init__(parent, object_name="restrictionDialog",
                         title=self.tr("专项券限制：新增版本") if base
                         else self.tr("新增专项券限制"),
                         intro=self.tr("填写已有编号即为该限制新增一个版本；填写新编号即新增一项限制。"))
        self.database = database
        self.actor = actor
        self.code = QLineEdit(base.code if base else "")
        self.code.setObjectName("restrictionCode")
        self.code.setMaxLength(30)
        self.code.setPlaceholderText(self.tr("如 SWIM、SENIOR"))
        self.name = QLineEdit(base.name if base else "")
        self.name.setObjectName("restrictionName")
        self.name.setMaxLength(60)
        self.kind = QComboBox()
        self.kind.setObjectName("restrictionKind")
        for kind in RestrictionKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.sport = QLineEdit(base.value if base and base.kind == RestrictionKind.SPORT else "")
        self.sport.setObjectName("restrictionSport")
        self.sport.setMaxLength(20)
        self.sport.setPlaceholderText(self.tr("如 游泳（与平台数据中的运动项目名称一致）"))
        self.group = QComboBox()
        self.group.setObjectName("restrictionGroup")
        for code in CitizenGroup.codes():
            self.group.addItem(group_label(code), code)
        value_row = QWidget()
        value_layout = QHBoxLayout(value_row)
        value_layout.setContentsMargins(0, 0, 0, 0)
        value_layout.addWidget(self.sport)
        value_layout.addWidget(self.group)
        self.date = date_edit("effectiveDate", today + dt.timedelta(days=1))
        self.form.addRow(self.tr("编号："), self.code)
        self.form.addRow(self.tr("名称："), self.name)
        self.form.addRow(self.tr("类型："), self.kind)
        self.value_label = QLabel()
        self.form.addRow(self.value_label, value_row)
        self.form.addRow(self.tr("生效日期："), self.date)
        self.finish(self.tr("保存"), self.save, note=versions_note())
        if base is not None:
            self.kind.setCurrentIndex(self.kind.findData(base.kind))
            if base.kind == RestrictionKind.GROUP:
                self.group.setCurrentIndex(max(self.group.findData(base.value), 0))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def effective_from(self) -> dt.date:
        return day_of(self.date)

    def _kind_changed(self) -> None:
        sport = self.kind.currentData() == RestrictionKind.SPORT
        self.sport.setVisible(sport)
        self.group.setVisible(not sport)
        self.value_label.setText(self.tr("运动项目：") if sport else self.tr("人群："))

    def value(self) -> str:
        if self.kind.currentData() == RestrictionKind.SPORT:
            return self.sport.text().strip()
        return str(self.group.currentData())

    def save(self) -> None:
        self.error.show_message("")
        restriction = Restriction(self.code.text().strip(), self.effective_from(), self.name.text(),
                                  str(self.kind.currentData()), self.value())
        actor = self.actor
        self.submit(self.database, lambda s,
                    _p: voucher_rules.add_restriction(s, actor, restriction))
