"""The settlement page's dialogs: pick the month to generate (生成结算), record a line's
payment (登记拨付: date and bank reference) and add an adjustment line (增加调整行: the line of
an earlier approved month it corrects, the amount, the reason). Each takes plain values; none
reads another widget from its worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from jd_admin.db import Database
from jd_admin.domain.settlement import LineKind, ended_months, month_label
from jd_admin.services import clock
from jd_admin.services import settlement as settlements
from jd_admin.services.actor import Actor
from jd_admin.ui.widgets import FormDialog, date_edit, day_of

MONTHS_OFFERED = 24


class GenerateDialog(FormDialog):
    """生成结算: choose an ended month (last month by default); the page then generates it."""

    def __init__(self, parent: QWidget, states: dict[dt.date, str]) -> None:
        super().__init__(parent, object_name="generateSettlementDialog",
                         title=self.tr("生成月度结算"),
                         intro=self.tr("按所选月份内核销的有效消费券，为每个场馆生成一行结算（草稿）。"
                                       "草稿可以重新生成；核定后不能再生成。"))
        self.month = QComboBox()
        self.month.setObjectName("monthCombo")
        for month in ended_months(clock.today(), MONTHS_OFFERED):
            state = states.get(month)
            text = month_label(month) if state is None else self.tr("{month}（{state}）").format(
                month=month_label(month), state=state)
            self.month.addItem(text, month)
        self.form.addRow(self.tr("结算月份："), self.month)
        self.chosen: dt.date | None = None
        self.finish(self.tr("生成"), self._ok)

    def _ok(self) -> None:
        self.chosen = self.month.currentData()
        self.accept()


class PaymentDialog(FormDialog):
    """登记拨付: the day the bank paid the line and its reference (流水号)."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 line: settlements.LineRow) -> None:
        super().__init__(parent, object_name="paymentDialog",
                         title=self.tr("登记拨付：{venue}").format(venue=line.venue_name),
                         intro=self.tr("应拨付补贴 {amount} 元。").format(
                             amount=f"{line.subsidy:,.2f}"))
        self.database, self.actor, self.line_id = database, actor, line.id
        self.paid_on = date_edit("paidOn", clock.today())
        self.reference = QLineEdit()
        self.reference.setObjectName("paymentReference")
        self.reference.setMaxLength(60)
        self.form.addRow(self.tr("拨付日期："), self.paid_on)
        self.form.addRow(self.tr("银行流水号："), self.reference)
        self.all_paid = False
        self.finish(self.tr("登记拨付"), self.save)

    def save(self) -> None:
        paid_on, reference = day_of(self.paid_on), self.reference.text()
        actor, line_id = self.actor, self.line_id
        self.submit(self.database, lambda s, _p: settlements.record_payment(
            s, actor, line_id, paid_on, reference), self._saved)

    def _saved(self, all_paid: bool) -> None:
        self.all_paid = all_paid
        self.accept()


class AdjustmentDialog(FormDialog):
    """增加调整行: correct a venue's line of an earlier approved month in this draft — more
    subsidy (positive) or money to recover (negative), with the reason."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 settlement_id: int, month: dt.date) -> None:
        super().__init__(parent, object_name="adjustmentDialog",
                         title=self.tr("增加调整行：{month} 的结算").format(
                             month=month_label(month)),
                         intro=self.tr("已审批的结算不能修改：更正以前月份某个场馆的补贴，在本月"
                                       "结算中增加一行调整（负数为追回多付的补贴）。"))
        self.database, self.actor, self.settlement_id = database, actor, settlement_id
        self.month = QComboBox()
        self.month.setObjectName("correctedMonth")
        self.line = QComboBox()
        self.line.setObjectName("correctedLine")
        self.line.setEditable(True)  # type a part of the venue's name to find it
        self.line.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.amount = QLineEdit()
        self.amount.setObjectName("adjustmentAmount")
        self.amount.setPlaceholderText(self.tr("如 -4.00 或 12.50"))
        self.reason = QLineEdit()
        self.reason.setObjectName("adjustmentReason")
        self.form.addRow(self.tr("更正月份："), self.month)
        self.form.addRow(self.tr("更正的场馆结算行："), self.line)
        self.form.addRow(self.tr("补贴调整（元）："), self.amount)
        self.form.addRow(self.tr("调整原因："), self.reason)
        self.line_id: int | None = None
        self.month.currentIndexChanged.connect(self._month_changed)
        self.finish(self.tr("增加调整行"), self.save)
        self.load(database, lambda s, _p: [(m.id, m.month) for m in settlements.correctable_months(
            s, actor, settlement_id)], self._months_loaded)

    def _months_loaded(self, months: list[tuple[int, dt.date]]) -> None:
        if not months:
            self.error.show_message(self.tr("没有可以更正的月份：只有以前月份已审批的结算能调整。"))
            return
        for sid, month in months:
            self.month.addItem(month_label(month), sid)

    def _month_changed(self) -> None:
        sid, actor = self.month.currentData(), self.actor
        self.line.clear()
        if sid is None:
            return
        self.load(self.database, lambda s, _p: settlements.lines(s, actor, sid),
                  lambda rows: self._lines_loaded(sid, rows))

    def _lines_loaded(self, sid: int, rows: list[Any]) -> None:
        if sid != self.month.currentData():
            return
        for ln in rows:
            if ln.kind == LineKind.REGULAR.value:
                self.line.addItem(self.tr("{venue}（补贴 {subsidy} 元，{n} 张券）").format(
                    venue=ln.venue_name, subsidy=f"{ln.subsidy:,.2f}", n=ln.voucher_count),
                    ln.id)

    def save(self) -> None:
        index = self.line.findText(self.line.currentText())
        corrects = self.line.itemData(index) if index >= 0 else None
        if corrects is None:
            self.error.show_message(self.tr("请选择要更正的场馆结算行"))
            return
        actor, sid = self.actor, self.settlement_id
        amount, reason = self.amount.text(), self.reason.text()
        self.submit(self.database, lambda s, _p: settlements.add_adjustment(
            s, actor, sid, corrects, amount, reason), self._saved)

    def _saved(self, line_id: int) -> None:
        self.line_id = line_id
        self.accept()
