"""价格诚信 (venue price integrity): the venue sports whose typical order (the median of order ÷
the cheapest order at the filed list price that uses the voucher) is out of line with the
prices filed with the application, in a period; each with its venue's early warnings
“订单金额高于备案价格” not yet decided. The rule: services/statistics/integrity.py. For the
roles that read the voucher ledger (the bureau's desks, the operator).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jd_admin.db import Database
from jd_admin.money import format_yuan
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.statistics import integrity
from jd_admin.ui import labels, ops
from jd_admin.ui.tables import Column, RowsModel, make_table
from jd_admin.ui.widgets import button, date_edit, day_of, wrapped

ABOVE_COLOR = "#c0392b"


class IntegrityWidget(QWidget):
    """The out-of-line venue sports of a period; ``refresh()`` reloads them."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("integrityWidget")
        self.database, self.actor = database, actor
        self.rows: list[integrity.PriceRow] = []
        today = clock.today()
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(self.tr(
            "参考金额 = 备案价格 × 凑满该券使用门槛所需的场次（至少 1 次）。按期间内每笔订单的“订单"
            "金额 ÷ 参考金额”的中位数判断：高于 {high} 倍为高于备案价格，低于 {low} 倍为低于备案"
            "价格（实际收费与备案不符）；至少 {n} 笔订单才判断。未备案该项目：场馆有备案价格，但"
            "没有备案这个项目。").format(high=integrity.HIGH, low=integrity.LOW,
                                         n=integrity.MIN_ORDERS)))
        row = QHBoxLayout()
        self.since = date_edit("integritySince", today.replace(month=1, day=1))
        self.until = date_edit("integrityUntil", today)
        row.addWidget(QLabel(self.tr("期间")))
        row.addWidget(self.since)
        row.addWidget(QLabel("–"))
        row.addWidget(self.until)
        row.addWidget(button(self.tr("查询"), "integrityQueryButton", self.refresh))
        row.addStretch()
        self.summary = QLabel()
        self.summary.setObjectName("integritySummary")
        row.addWidget(self.summary)
        layout.addLayout(row)
        self.model = RowsModel([
            Column(self.tr("街镇"), lambda r: r.subdistrict),
            Column(self.tr("场馆"), lambda r: r.venue_name),
            Column(self.tr("项目"), lambda r: r.sport),
            Column(self.tr("订单数"), lambda r: r.orders, sort_key=lambda r: r.orders,
                   align_right=True),
            Column(self.tr("备案价格（元）"), lambda r: self._money(r.list_price),
                   align_right=True),
            Column(self.tr("订单中位数（元）"), lambda r: self._money(r.median_order),
                   align_right=True),
            Column(self.tr("参考中位数（元）"), lambda r: self._money(r.median_reference),
                   align_right=True),
            Column(self.tr("订单÷参考"), lambda r: "—" if r.median_ratio is None
                   else f"{r.median_ratio:.2f}",
                   sort_key=lambda r: r.median_ratio if r.median_ratio is not None else -1,
                   align_right=True),
            Column(self.tr("判断"), self._verdict, color=ABOVE_COLOR),
            Column(self.tr("未结案的价格预警"), self._warnings,
                   sort_key=lambda r: len(r.warnings)),
        ], self)
        self.table = make_table(self.model, "integrityTable", self)
        layout.addWidget(self.table, 1)

    @staticmethod
    def _money(value: object) -> str:
        return "—" if value is None else format_yuan(value)  # type: ignore[arg-type]

    def _verdict(self, r: integrity.PriceRow) -> str:
        return {integrity.ABOVE: self.tr("高于备案价格"), integrity.BELOW: self.tr("低于备案价格"),
                integrity.UNFILED: self.tr("未备案该项目")}[r.verdict]

    def _warnings(self, r: integrity.PriceRow) -> str:
        if not r.warnings:
            return ""
        return self.tr("{n} 条：").format(n=len(r.warnings)) + labels.join(
            f"#{w.id}（{w.day.isoformat()}）" for w in r.warnings[:5])

    def period(self) -> tuple[dt.date, dt.date]:
        return day_of(self.since), day_of(self.until)

    def refresh(self) -> None:
        actor = self.actor
        since, until = self.period()
        ops.run_db_op(self, self.database,
                      lambda s, _p: integrity.price_integrity(s, actor, since, until),
                      self._show, read=True)

    def _show(self, rows: list[integrity.PriceRow]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        self.summary.setText(self.tr("{n} 个场馆项目").format(n=len(rows)))
