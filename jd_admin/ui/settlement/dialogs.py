"""The settlement page's dialogs: pick the month to generate (生成结算) and record a line's
payment (登记拨付: date and bank reference). Each takes plain values; none reads another
widget from its worker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from jd_admin.db import Database
from jd_admin.domain.settlement import ended_months, month_label
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
