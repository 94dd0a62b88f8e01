"""The vouchers page's batches tab: every issuance batch with its budget use (a batch at 90 %
of its budget is shown red); the bureau's staff create, publish and close batches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.permissions import Action
from jd_admin.domain.vouchers import BatchState
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.vouchers import rules as voucher_rules
from jd_admin.ui import labels, ops
from jd_admin.ui.tables import Column, Index, RowsModel, make_table, selected_object
from jd_admin.ui.vouchers.batches import (
    batch_actions,
    close_batch,
    open_batch_dialog,
    publish_batch,
)
from jd_admin.ui.vouchers.common import money
from jd_admin.ui.widgets import button


class BatchesModel(RowsModel):
    """The batches list; a batch whose budget is ≥ 90 % committed is shown red and bold."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows) and self.rows[index.row()].warning:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#c0392b")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


class BatchesTab(QWidget):
    """The batches and their budget use. ``stale`` marks that the list must be reloaded when
    next shown; ``data_changed`` is emitted after a batch was created or changed state."""

    data_changed = Signal()

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.may_manage_batches = may_act(actor, Action.MANAGE_BATCHES)
        self.stale = True
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.batch_warning = QLabel()
        self.batch_warning.setObjectName("batchWarning")
        self.batch_warning.setWordWrap(True)
        self.batch_warning.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.batch_warning.hide()
        layout.addWidget(self.batch_warning)
        self.batches_model = BatchesModel([
            Column(self.tr("编号"), lambda b: b.code),
            Column(self.tr("名称"), lambda b: b.name),
            Column(self.tr("预算"), lambda b: money(b.budget),
                   sort_key=lambda b: int(b.budget * 100),
                   align_right=True),
            Column(self.tr("领取期"), lambda b: self.tr("{a} 至 {b}").format(
                a=clock.format_local(b.claim_start), b=clock.format_local(b.claim_end)),
                sort_key=lambda b: b.claim_start.isoformat()),
            Column(self.tr("限制"), lambda b: b.restriction_code or self.tr("无")),
            Column(self.tr("状态"), lambda b: labels.of(BatchState, b.status)),
            Column(self.tr("发放"), lambda b: b.issued, align_right=True),
            Column(self.tr("已领取"), lambda b: b.claimed, align_right=True),
            Column(self.tr("已核销"), lambda b: b.redeemed, align_right=True),
            Column(self.tr("已核销补贴"), lambda b: money(b.subsidy_redeemed),
                   sort_key=lambda b: int(b.subsidy_redeemed * 100), align_right=True),
            Column(self.tr("已领未用补贴"), lambda b: money(b.subsidy_outstanding),
                   sort_key=lambda b: int(b.subsidy_outstanding * 100), align_right=True),
            Column(self.tr("可领取补贴"), lambda b: money(b.subsidy_claimable),
                   sort_key=lambda b: int(b.subsidy_claimable * 100), align_right=True),
            Column(self.tr("已占用比例"), lambda b: f"{b.committed_share * 100:.1f}%",
                   sort_key=lambda b: int(b.committed_share * 10000), align_right=True),
        ], self)
        self.batches_table = make_table(self.batches_model, "batchesTable", self)
        layout.addWidget(self.batches_table, 1)
        note = QLabel(self.tr(
            "已占用 = 已核销补贴 + 已领未用（未过期）补贴 + 领取期内尚可领取的补贴；"
                              "达到预算的 90% 时以红色标出。"))
        note.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(note, 1)
        if self.may_manage_batches:
            actions.addWidget(button(self.tr("新建批次…"), "newBatchButton", self.new_batch))
            self.publish_batch_button = button(self.tr("开始发放"), "publishBatchButton",
                                                     lambda: self._batch_action(BatchState.ACTIVE))
            self.close_batch_button = button(self.tr("关闭批次"), "closeBatchButton",
                                                   lambda: self._batch_action(BatchState.CLOSED))
            actions.addWidget(self.publish_batch_button)
            actions.addWidget(self.close_batch_button)
            self.batches_table.selectionModel().selectionChanged.connect(self._batch_selection)
            self._batch_selection()
        actions.addWidget(button(self.tr("刷新"), "batchesRefreshButton", self.load_batches))
        layout.addLayout(actions)

    def _batch_selection(self) -> None:
        row = selected_object(self.batches_table)
        allowed = batch_actions(row, self.actor) if row is not None else []
        self.publish_batch_button.setEnabled(BatchState.ACTIVE in allowed)
        self.close_batch_button.setEnabled(BatchState.CLOSED in allowed)

    def new_batch(self) -> None:
        open_batch_dialog(self, self.database, self.actor,
                          on_created=lambda _id: self._batches_changed())

    def _batch_action(self, target: str) -> None:
        row = selected_object(self.batches_table)
        if row is None:
            return
        action = publish_batch if target == BatchState.ACTIVE else close_batch
        action(self, self.database, self.actor, row, on_done=self._batches_changed)

    def _batches_changed(self) -> None:
        self.load_batches()
        self.data_changed.emit()

    def load_batches(self) -> None:
        self.stale = False
        ops.run_db_op(self, self.database, lambda s, _p: voucher_rules.list_batches(s),
                      self._show_batches,
                      label=self.tr("正在统计批次预算…"), read=True)

    def _show_batches(self, rows: list[voucher_rules.BatchRow]) -> None:
        self.batches_model.set_rows(rows)
        self.batches_table.resizeColumnsToContents()
        warned = [b for b in rows if b.warning]
        self.batch_warning.setVisible(bool(warned))
        self.batch_warning.setText(self.tr(
            "以下批次的预算占用已达 90%，请注意控制发放：{list}").format(
            list=labels.join(f"{b.code}（{b.committed_share * 100:.1f}%）" for b in warned)))

    def show_current(self) -> None:
        """Called when the tab is shown: reload if something changed since."""
        if self.stale:
            self.load_batches()
