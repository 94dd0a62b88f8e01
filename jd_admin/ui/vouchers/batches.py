"""发放批次: the bureau's issuance batches — the dialog that creates one (:class:`BatchDialog`,
opened through :func:`open_batch_dialog`) and the publish / close actions (:func:`publish_batch`,
:func:`close_batch`), which change a batch's state after asking. What a batch may do next comes
from the batch workflow (:func:`batch_actions`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.vouchers import BATCH_WORKFLOW, BatchState
from jd_admin.money import MoneyError, format_yuan, to_money
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.vouchers import rules as voucher_rules
from jd_admin.services.vouchers.rules import (
    BatchInput,
    BatchRow,
    FaceTable,
    RuleTables,
    load_rule_tables,
)
from jd_admin.ui import labels, messages, ops
from jd_admin.ui.vouchers.rules import ERROR_COLOUR, plain_yuan
from jd_admin.ui.widgets import FormDialog, qdate

MAX_COUNT = 10_000_000  # vouchers of one face value in one batch: far above any real batch


def shanghai_moment(edit: QDateTimeEdit) -> dt.datetime:
    """The wall-clock date and time shown in ``edit``, read as Asia/Shanghai (aware). The
    machine's own time zone plays no part."""
    day, time = edit.date().toPython(), edit.time().toPython()
    assert isinstance(day, dt.date) and isinstance(time, dt.time)
    return dt.datetime.combine(day, time.replace(second=0, microsecond=0), tzinfo=clock.SHANGHAI)


def set_shanghai_moment(edit: QDateTimeEdit, moment: dt.datetime) -> None:
    local = moment.astimezone(clock.SHANGHAI)
    edit.setDateTime(QDateTime(qdate(local.date()), QTime(local.hour, local.minute)))


class BatchDialog(FormDialog):
    """A new issuance batch (发放批次), for the bureau's staff: code, name, subsidy budget, claim
    window (北京时间), an optional special-voucher restriction and how many vouchers of each face
    value. Shows the government subsidy these counts commit next to the budget.

    ``batch_created(int)`` is emitted with the new batch's id before the dialog accepts."""

    batch_created = Signal(int)

    def __init__(self, parent: QWidget | None, database: Database, actor: Actor,
                 rules: RuleTables) -> None:
        super().__init__(parent, object_name="batchDialog", title=self.tr("新建发放批次"),
                         intro=self.tr("批次保存为草稿，发布后配送平台方可在领取时间内向市民发放。"
                                       "预算指本批次的政府补贴预算；场馆让利由场馆承担，不计入预算。"),
                         min_width=620)
        self.database = database
        self.actor = actor
        self.rules = rules
        self.batch_id: int | None = None
        self.face: FaceTable | None = None
        self.count_spins: dict[Decimal, QSpinBox] = {}

        self.code = QLineEdit()
        self.code.setObjectName("batchCode")
        self.code.setMaxLength(30)
        self.code.setPlaceholderText(self.tr("如 2026-12"))
        self.name = QLineEdit()
        self.name.setObjectName("batchName")
        self.name.setMaxLength(100)
        self.budget = QLineEdit()
        self.budget.setObjectName("batchBudget")
        self.budget.setMaxLength(20)
        self.budget.setPlaceholderText(self.tr("元"))
        self.hint = QLabel()
        self.hint.setObjectName("subsidyHint")
        self.hint.setWordWrap(True)
        start_day = rules.today + dt.timedelta(days=1)
        self.claim_start = self._moment_edit("claimStart", clock.start_of_day(start_day))
        self.claim_end = self._moment_edit(
            "claimEnd",
            clock.start_of_day(start_day + dt.timedelta(days=30)) - dt.timedelta(minutes=1))
        self.restriction = QComboBox()
        self.restriction.setObjectName("batchRestriction")
        self.restriction.addItem(self.tr("无（普通券）"), None)
        for r in rules.restriction_codes():
            self.restriction.addItem(f"{r.code} {r.name}", r.code)
        self.restriction_hint = QLabel()
        self.restriction_hint.setObjectName("restrictionHint")
        self.restriction_hint.setWordWrap(True)
        self.restriction_hint.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.restriction_hint.hide()
        self.face_label = QLabel()
        self.face_label.setObjectName("faceTableVersion")
        self.face_change_hint = QLabel()
        self.face_change_hint.setObjectName("faceChangeHint")
        self.face_change_hint.setWordWrap(True)
        self.face_change_hint.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.face_change_hint.hide()

        self.form.addRow(self.tr("批次编号："), self.code)
        self.form.addRow(self.tr("批次名称："), self.name)
        self.form.addRow(self.tr("补贴预算（元）："), self.budget)
        self.form.addRow("", self.hint)
        self.form.addRow(self.tr("领取开始（北京时间）："), self.claim_start)
        self.form.addRow(self.tr("领取截止（北京时间）："), self.claim_end)
        self.form.addRow(self.tr("专项券限制："), self.restriction)
        self.form.addRow("", self.restriction_hint)
        self.form.addRow(self.tr("面值表："), self.face_label)
        self.form.addRow("", self.face_change_hint)

        self.counts = QTableWidget(0, 4)
        self.counts.setObjectName("faceCounts")
        self.counts.setHorizontalHeaderLabels([
            self.tr("面值（元）"), self.tr("政府补贴（元/张）"), self.tr("发放数量（张）"),
            self.tr("补贴小计（元）")])
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts.verticalHeader().setVisible(False)
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.setTabKeyNavigation(False)
        self.counts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts.setMinimumHeight(230)
        self.vbox.addWidget(self.counts, 1)
        self.finish(self.tr("保存为草稿"), self.save,
                    note=self.tr("数量为 0 的面值本批次不发放。补贴按领取时生效的面值表计算。"))

        self.budget.textChanged.connect(self.update_hint)
        self.claim_start.dateTimeChanged.connect(self._start_changed)
        self.claim_end.dateTimeChanged.connect(self._window_changed)
        self.restriction.currentIndexChanged.connect(self._restriction_changed)
        self._start_changed()

    def _moment_edit(self, object_name: str, moment: dt.datetime) -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setObjectName(object_name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        set_shanghai_moment(edit, moment)
        return edit

    def face_table_for_claims(self) -> FaceTable | None:
        """The face table the claims will be split under and the faces are checked against
        (the service decides: RuleTables.batch_face_table)."""
        return self.rules.batch_face_table(shanghai_moment(self.claim_start))

    def _start_changed(self) -> None:
        table = self.face_table_for_claims()
        if table != self.face:
            self._show_face_rows(table)
        self._restriction_changed()
        self._window_changed()

    def _window_changed(self) -> None:
        """Warn when a new face-table version takes effect during the claim window."""
        start = voucher_rules.claims_face_day(shanghai_moment(self.claim_start),
                                              self.rules.today)
        end = clock.local_date(shanghai_moment(self.claim_end))
        later = [t.effective_from for t in self.rules.face_tables if start < t.effective_from
                 <= end]
        self.face_change_hint.setVisible(bool(later))
        if later:
            self.face_change_hint.setText(self.tr(
                "领取期间面值表有新版本（{days} 起生效）：此后领取的券按新版本拆分补贴与让利，"
                "上面的补贴金额只是估算。").format(days=labels.join(d.isoformat() for d in later)))
        self._grow()

    def _grow(self) -> None:
        """Make room for a hint that appeared after the dialog was laid out."""
        if self.isVisible():
            self.vbox.activate()
            height = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
            self.resize(self.width(), max(self.height(), height, self.sizeHint().height()))

    def _show_face_rows(self, table: FaceTable | None) -> None:
        kept = {face: spin.value() for face, spin in self.count_spins.items()}
        self.face = table
        self.count_spins = {}
        rows = table.rows if table else ()
        self.counts.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for column, text in ((0, plain_yuan(row.face_value)), (1, plain_yuan(row.subsidy)),
                                 (3, "0")):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.setItem(i, column, item)
            spin = QSpinBox()
            spin.setObjectName(f"count_{plain_yuan(row.face_value)}")
            spin.setRange(0, MAX_COUNT)
            spin.setGroupSeparatorShown(True)
            spin.setValue(kept.get(row.face_value, 0))
            spin.valueChanged.connect(self.update_hint)
            self.counts.setCellWidget(i, 2, spin)
            self.count_spins[row.face_value] = spin
        self.face_label.setText(
            self.tr("{day} 起生效的版本（按领取开始时生效的版本）").format(
                day=table.effective_from.isoformat())
            if table else self.tr("领取开始时没有生效的面值表"))
        self.update_hint()

    def _restriction_changed(self) -> None:
        code = self.restriction.currentData()
        first = self.rules.first_restriction_day(code) if code else None
        start = clock.local_date(shanghai_moment(self.claim_start))
        late = first is not None and first > start
        self.restriction_hint.setVisible(late)
        if first is not None and late:
            self.restriction_hint.setText(self.tr(
                "该限制 {day} 起才生效：此前领取的券不受此限制。").format(day=first.isoformat()))
            self._grow()

    def committed_subsidy(self) -> Decimal:
        """Σ count × subsidy of the face table the claims will be split under (the service's
        FaceTable.subsidy_of); shows each face value's subtotal in the table."""
        if self.face is None:
            return Decimal("0.00")
        counts = {face: spin.value() for face, spin in self.count_spins.items()}
        for i, row in enumerate(self.face.rows):
            item = self.counts.item(i, 3)
            if item is not None:
                item.setText(format_yuan(
                    self.face.subsidy_of({row.face_value: counts[row.face_value]})))
        return self.face.subsidy_of(counts)

    def parsed_budget(self) -> Decimal | None:
        try:
            return to_money(self.budget.text())
        except MoneyError:
            return None

    def update_hint(self) -> None:
        committed = self.committed_subsidy()
        budget = self.parsed_budget()
        text = self.tr("按所填数量，政府补贴最多 {amount} 元").format(amount=format_yuan(committed))
        over = budget is not None and committed > budget
        if over and budget is not None:
            text += self.tr("，超出预算 {over} 元").format(over=format_yuan(committed - budget))
        elif budget is not None and budget > 0:
            text += self.tr("，占预算 {share}%").format(share=(committed * 100
                                                           / budget).quantize(Decimal(1)))
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;" if over
                                else "color: #555;")
        self.hint.setProperty("over_budget", over)
        self._grow()

    def over_budget(self) -> bool:
        return bool(self.hint.property("over_budget"))

    def save(self) -> None:
        self.error.show_message("")
        text = self.budget.text().strip()
        if not text:
            self.error.show_message(self.tr("补贴预算：请填写金额（元）"))
            return
        budget = self.parsed_budget()
        if budget is None:
            self.error.show_message(self.tr(
                "补贴预算：“{text}”不是有效的金额（元，最多两位小数）").format(text=text))
            return
        counts = {face: spin.value() for face, spin in self.count_spins.items() if spin.value() > 0}
        data = BatchInput(self.code.text(), self.name.text(), budget,
                          shanghai_moment(self.claim_start),
                          shanghai_moment(self.claim_end), counts, self.restriction.currentData())
        actor = self.actor
        self.submit(self.database, lambda s, _p: voucher_rules.create_batch(s, actor, data),
                    self._created)

    def _created(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.batch_created.emit(batch_id)
        self.accept()


def open_batch_dialog(parent: QWidget, database: Database, actor: Actor,
                      on_created: Callable[[int], None] | None = None) -> None:
    """Load the rule tables, then open a :class:`BatchDialog` (window-modal) on ``parent``;
    ``on_created(batch_id)`` runs once the batch is saved. The dialog is deleted when closed."""

    def show(rules: RuleTables) -> None:
        dialog = BatchDialog(parent, database, actor, rules)
        if on_created is not None:
            dialog.batch_created.connect(on_created)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    ops.run_db_op(parent, database, lambda s, _p: load_rule_tables(s), show, read=True)


def batch_actions(batch: BatchRow, actor: Actor) -> list[str]:
    """The states ``actor`` may move ``batch`` to next (the batch workflow's steps): ["active"]
    for a draft, ["closed"] for an active batch, [] for a closed one or another role."""
    return sorted(BATCH_WORKFLOW.targets(batch.status, actor.role))


def change_batch_status(parent: QWidget | None, database: Database, actor: Actor, batch: BatchRow,
                        target: str, on_done: Callable[[], None] | None = None) -> bool:
    """Ask, then move ``batch`` to ``target`` (publish: draft → active; close: active → closed),
    refusing if someone changed it since it was listed. Returns False if the user said no.
    On success tells the user and calls ``on_done``; a refusal is shown as a message."""
    label = f"{batch.code} {batch.name}"
    window = QCoreApplication.translate("voucher_rules", "{start} 至 {end}").format(
        start=clock.format_local(batch.claim_start), end=clock.format_local(batch.claim_end))
    if target == BatchState.ACTIVE:
        question = QCoreApplication.translate(
            "voucher_rules",
            "发布发放批次“{batch}”？\n\n"
            "发布后配送平台可在领取时间（{window}）内向市民发放此批次的券。"
            "发布后不能撤回，只能关闭。").format(batch=label, window=window)
        if batch.committed > batch.budget:
            question += "\n\n" + QCoreApplication.translate(
                "voucher_rules",
                "注意：按发放数量，政府补贴最多需 {committed} 元，超出预算 {budget} 元。").format(
                committed=format_yuan(batch.committed), budget=format_yuan(batch.budget))
        done = QCoreApplication.translate("voucher_rules", "已发布发放批次“{batch}”。")
    elif target == BatchState.CLOSED:
        question = QCoreApplication.translate(
            "voucher_rules",
            "关闭发放批次“{batch}”？\n\n关闭后此批次停止领取，未领取的数量不再占用预算；"
            "已领取的券在有效期内仍可使用。关闭后不能重新开启。").format(batch=label)
        done = QCoreApplication.translate("voucher_rules", "已关闭发放批次“{batch}”。")
    else:
        raise ValueError(f"unknown batch state {target!r}")
    if not messages.ask(parent, question):
        return False
    batch_id, version = batch.id, batch.version

    def finished(_result: object) -> None:
        messages.info(parent, done.format(batch=label))
        if on_done is not None:
            on_done()

    ops.run_db_op(parent, database, lambda s, _p: voucher_rules.set_batch_status(
        s, actor, batch_id, target, expected_version=version), finished)
    return True


def publish_batch(parent: QWidget | None, database: Database, actor: Actor, batch: BatchRow,
                  on_done: Callable[[], None] | None = None) -> bool:
    return change_batch_status(parent, database, actor, batch, BatchState.ACTIVE, on_done)


def close_batch(parent: QWidget | None, database: Database, actor: Actor, batch: BatchRow,
                on_done: Callable[[], None] | None = None) -> bool:
    return change_batch_status(parent, database, actor, batch, BatchState.CLOSED, on_done)
