"""结算: the monthly settlements — the months with their state and deadline (overdue marked),
the selected month's venue lines, a line's vouchers, the vouchers left out with their reason,
the history (a line's venue marked when its latest inspection failed or a rectification order
is overdue: services/inspections/marks.py; the register suspends it), and the steps the reader
may take (the services say which: generate a month,
verify, approve, return with a reason, record a line's payment, add or remove an adjustment
line of a draft)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.register import VenueState
from jd_admin.domain.settlement import (
    SETTLEMENT_WORKFLOW,
    ExclusionReason,
    LineState,
    SettlementState,
    month_label,
    month_start,
)
from jd_admin.domain.text import Text
from jd_admin.services import clock, statistics
from jd_admin.services import inspections as insp
from jd_admin.services import settlement as settlements
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.navigation import Page
from jd_admin.services.register import status as register_status
from jd_admin.services.settlement import outputs as settlement_outputs
from jd_admin.ui import files, keys, labels, messages, ops
from jd_admin.ui import reason as reason_prompt
from jd_admin.ui.page import BasePage
from jd_admin.ui.settlement.dialogs import AdjustmentDialog, GenerateDialog, PaymentDialog
from jd_admin.ui.tables import Column, RowsModel, make_table, select_object, selected_object
from jd_admin.ui.widgets import button, heading, wrapped

S = SettlementState
OVERDUE = QColor("#b00020")


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def state_label(code: str | None) -> str:
    """A settlement's or a line's state (the history holds both)."""
    if not code:
        return ""
    return labels.of(LineState if code in LineState.codes() else S, code)


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _of_voucher(column: Column) -> Column:
    """A voucher column for an exclusion row (its voucher)."""
    key = column.sort_key or column.display

    def display(e: Any) -> object:
        return column.display(e.voucher)

    def sort_key(e: Any) -> object:
        return key(e.voucher)

    return Column(column.header, display, sort_key, column.align_right)


class MonthsModel(RowsModel):
    """The months; an overdue one in red."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and self.rows[index.row()].overdue):
            return QBrush(OVERDUE)
        return super().data(index, role)


class SettlementPage(BasePage):
    page = Page.SETTLEMENT

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        self.may_generate = may_act(actor, Action.GENERATE_SETTLEMENT)
        self.may_step = actor.is_system or any(actor.role in t.roles
                                               for t in SETTLEMENT_WORKFLOW.transitions
                                               if t.target != S.PAID.value)
        self.may_pay = may_act(actor, Action.RECORD_PAYMENT)
        self.may_adjust = may_act(actor, Action.ADJUST_SETTLEMENT)
        self.may_suspend = register_status.may_change_status(actor)
        self.detail: settlements.SettlementDetail | None = None
        # the inspection marks of the shown month's venues (by venue id)
        self.line_marks: dict[int, insp.InspectionMark] = {}
        self.dialog: QDialog | None = None
        self._selected_id: int | None = None
        self._focus_month: dt.date | None = None
        self._list_request = 0
        self._detail_request = 0
        self._busy = False

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("月度结算")))
        layout.addLayout(self._build_actions())
        self.months_model = MonthsModel([
            Column(self.tr("月份"), lambda r: month_label(r.month),
                   sort_key=lambda r: r.month.isoformat()),
            Column(self.tr("状态"), lambda r: labels.of(S, r.status)),
            Column(self.tr("补贴合计（元）"), lambda r: money(r.subsidy),
                   sort_key=lambda r: r.subsidy, align_right=True),
            Column(self.tr("拨付截止"), lambda r: day(r.due),
                   sort_key=lambda r: r.due.isoformat()),
            Column(self.tr("逾期"), lambda r: self.tr("已逾期") if r.overdue else ""),
        ], self)
        self.months_table = make_table(self.months_model, "monthsTable", self)
        # a year is twelve short rows: the months above, the month's detail below at full width
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("settlementSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.months_table)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([150, 550])
        layout.addWidget(self.splitter, 1)
        self.months_table.selectionModel().selectionChanged.connect(self._month_changed)
        self._update_actions()

    # --- building ---------------------------------------------------------------------------
    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.generate_button = button(self.tr("生成结算…"), "generateButton", self.generate)
        keys.bind(self.generate_button, keys.NEW)
        self.verify_button = button(self.tr("核定"), "verifyButton", self.verify)
        self.approve_button = button(self.tr("审批"), "approveButton", self.approve)
        self.return_button = button(self.tr("退回…"), "returnButton", self.return_to_draft)
        self.pay_button = button(self.tr("登记拨付…"), "payButton", self.record_payment)
        self.export_button = button(self.tr("导出…"), "exportButton", self._export_menu)
        keys.bind(self.export_button, keys.EXPORT)
        self.adjust_button = button(self.tr("增加调整行…"), "adjustButton", self.add_adjustment)
        self.unadjust_button = button(self.tr("删除调整行…"), "removeAdjustmentButton",
                                      self.remove_adjustment)
        self.suspend_button = button(self.tr("暂停场馆…"), "suspendVenueButton",
                                     self.suspend_venue)
        for b, shown in ((self.generate_button, self.may_generate),
                         (self.export_button, True),
                         (self.verify_button, self.may_step),
                         (self.approve_button, self.may_step),
                         (self.return_button, self.may_step),
                         (self.pay_button, self.may_pay),
                         (self.adjust_button, self.may_adjust),
                         (self.unadjust_button, self.may_adjust),
                         (self.suspend_button, self.may_suspend)):
            row.addWidget(b)
            b.setVisible(shown)
        row.addStretch()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumWidth(160)
        for w in (self.busy_label, self.busy_bar):
            w.setVisible(False)
            row.addWidget(w)
        return row

    def _table(self, columns: list[Column], name: str) -> tuple[RowsModel, Any]:
        model = RowsModel(columns, self)
        return model, make_table(model, name, self)

    def _voucher_columns(self) -> list[Column]:
        return [
            Column(self.tr("券码"), lambda v: v.code),
            Column(self.tr("市民"), lambda v: v.citizen),
            Column(self.tr("领取时间"), lambda v: clock.format_local(v.claimed_at),
                   sort_key=lambda v: v.claimed_at.isoformat()),
            Column(self.tr("核销时间"), lambda v: clock.format_local(v.redeemed_at),
                   sort_key=lambda v: v.redeemed_at.isoformat() if v.redeemed_at else ""),
            Column(self.tr("面值"), lambda v: money(v.face_value), sort_key=lambda v: v.face_value,
                   align_right=True),
            Column(self.tr("政府补贴"), lambda v: money(v.subsidy), sort_key=lambda v: v.subsidy,
                   align_right=True),
            Column(self.tr("场馆让利"), lambda v: money(v.concession),
                   sort_key=lambda v: v.concession, align_right=True),
            Column(self.tr("订单金额"), lambda v: money(v.order_amount),
                   sort_key=lambda v: v.order_amount or 0, align_right=True),
            Column(self.tr("市民实付"), lambda v: money(v.paid_amount),
                   sort_key=lambda v: v.paid_amount or 0, align_right=True),
        ]

    def _build_detail(self) -> QWidget:
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("settlementDetail")
        empty = QLabel(self.tr("请在上方选择一个月份，查看各场馆的结算行、券明细和办理记录。"))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setStyleSheet("color: #666;")
        self.detail_stack.addWidget(empty)

        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 4, 0, 0)
        self.detail_title = heading("", 2)
        self.detail_title.setObjectName("detailTitle")
        box.addWidget(self.detail_title)
        self.summary = wrapped("")
        self.summary.setObjectName("settlementSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.summary)
        self.notice = wrapped("")
        self.notice.setObjectName("settlementNotice")
        self.notice.setStyleSheet("color: #b00020;")
        box.addWidget(self.notice)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settlementTabs")
        self.lines_model, self.lines_table = self._table([
            Column(self.tr("场馆"), lambda ln: ln.venue_name),
            Column(self.tr("巡查"), self._line_mark, color="#b00020",
                   tooltip=lambda ln: self._mark_reasons(self.line_marks.get(ln.venue_id))),
            Column(self.tr("类型"), lambda ln: labels.text(ln.kind_label)),
            Column(self.tr("券数"), lambda ln: ln.voucher_count,
                   sort_key=lambda ln: ln.voucher_count, align_right=True),
            Column(self.tr("其中结转"), lambda ln: ln.carried_count or "",
                   sort_key=lambda ln: ln.carried_count, align_right=True),
            Column(self.tr("政府补贴"), lambda ln: money(ln.subsidy),
                   sort_key=lambda ln: ln.subsidy, align_right=True),
            Column(self.tr("场馆让利"), lambda ln: money(ln.concession),
                   sort_key=lambda ln: ln.concession, align_right=True),
            Column(self.tr("订单金额"), lambda ln: money(ln.order_total),
                   sort_key=lambda ln: ln.order_total, align_right=True),
            Column(self.tr("市民实付"), lambda ln: money(ln.citizen_paid),
                   sort_key=lambda ln: ln.citizen_paid, align_right=True),
            Column(self.tr("银行账户"), lambda ln: self.tr("缺失") if ln.no_bank_account
                   else self.tr("已登记")),
            Column(self.tr("拨付"), self._payment_text),
            Column(self.tr("说明"), self._line_note),
        ], "linesTable")
        self.lines_table.selectionModel().selectionChanged.connect(self._line_changed)
        self.lines_table.on_open(lambda _i: self.tabs.setCurrentIndex(1))
        self.tabs.addTab(self.lines_table, self.tr("场馆结算行"))

        vouchers = QWidget()
        vbox = QVBoxLayout(vouchers)
        vbox.setContentsMargins(4, 4, 4, 4)
        self.vouchers_caption = QLabel(self.tr("在“场馆结算行”中选择一行（双击打开）。"))
        self.vouchers_caption.setObjectName("vouchersCaption")
        vbox.addWidget(self.vouchers_caption)
        self.vouchers_model, self.vouchers_table = self._table(
            [*self._voucher_columns(),
             Column(self.tr("结转自"), lambda v: month_label(v.carried_from)
                    if v.carried_from else "")], "lineVouchersTable")
        vbox.addWidget(self.vouchers_table)
        self.tabs.addTab(vouchers, self.tr("券明细"))

        self.excluded_model, self.excluded_table = self._table([
            Column(self.tr("原因"), lambda e: labels.of(ExclusionReason, e.reason)),
            Column(self.tr("说明"), lambda e: e.detail),
            *[_of_voucher(c) for c in self._voucher_columns()],
        ], "excludedTable")
        self.tabs.addTab(self.excluded_table, self.tr("未计入的券"))

        self.history_model, self.history_table = self._table([
            Column(self.tr("时间"), lambda h: clock.format_local(h.at),
                   sort_key=lambda h: h.at.isoformat()),
            Column(self.tr("操作人"), lambda h: h.actor_name),
            Column(self.tr("操作"), lambda h: labels.text(Text(h.action))),
            Column(self.tr("从"), lambda h: state_label(h.from_state)),
            Column(self.tr("到"), lambda h: state_label(h.to_state)),
            Column(self.tr("说明"), lambda h: h.comment or ""),
        ], "historyTable")
        self.tabs.addTab(self.history_table, self.tr("办理记录"))
        box.addWidget(self.tabs, 1)
        self.detail_stack.addWidget(panel)
        return self.detail_stack

    def _line_note(self, ln: settlements.LineRow) -> str:
        if ln.corrects_line_id is None:
            return ""
        return self.tr("更正结算行 {line}：{reason}").format(line=ln.corrects_line_id,
                                                         reason=ln.reason or "")

    def _line_mark(self, ln: settlements.LineRow) -> str:
        mark = self.line_marks.get(ln.venue_id)
        return "" if mark is None else labels.join(labels.text(t) for t in mark.labels())

    @staticmethod
    def _mark_reasons(mark: insp.InspectionMark | None) -> str:
        return "" if mark is None else "；".join(labels.text(t) for t in mark.reasons())

    def _payment_text(self, ln: settlements.LineRow) -> str:
        if ln.paid_on is None:
            return labels.text(ln.status_label)
        return self.tr("{day} 流水号 {reference}").format(day=ln.paid_on.isoformat(),
                                                          reference=ln.payment_reference or "")

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self._list_request += 1
        request = self._list_request
        ops.run_db_op(self, self.database,
                      lambda s, _p: settlements.list_settlements(s, actor),
                      lambda rows: self._show_months(request, rows), read=True)

    def _show_months(self, request: int, rows: list[settlements.SettlementRow]) -> None:
        if request != self._list_request:
            return
        self.months_model.set_rows(rows)
        self.months_table.resizeColumnsToContents()
        if self._focus_month is not None:
            found = next((r for r in rows if r.month == self._focus_month), None)
            self._focus_month = None
            if found is not None:
                self._selected_id = found.id
        keep = self._selected_id
        if keep is None and rows:
            keep = rows[0].id  # the latest month
        if keep is not None and self._select(keep):
            return
        self._selected_id = None
        self._show_detail(None)

    def _select(self, settlement_id: int) -> bool:
        if not select_object(self.months_table, self.months_model,
                             lambda r: r.id == settlement_id):
            return False
        self._selected_id = settlement_id
        self._load_detail(settlement_id)
        return True

    def focus_target(self, target: str) -> None:
        """Select month ``target`` (YYYY-MM), from a task."""
        try:
            month = month_start(target)
        except InvalidInput:
            return
        found = next((r for r in self.months_model.rows if r.month == month), None)
        if found is not None:
            self._select(found.id)
        else:
            self._focus_month = month
            self.refresh()

    def _month_changed(self) -> None:
        row = selected_object(self.months_table)
        if row is not None and row.id != self._selected_id:
            self._selected_id = row.id
            self._load_detail(row.id)

    def _load_detail(self, settlement_id: int) -> None:
        self._detail_request += 1
        request = self._detail_request
        actor = self.actor
        self.detail = None
        self._update_actions()

        def load(s: Any, _p: Any) -> tuple[settlements.SettlementDetail,
                                           dict[int, insp.InspectionMark]]:
            d = settlements.detail(s, actor, settlement_id)
            return d, insp.venue_marks(s, actor, {ln.venue_id for ln in d.lines})

        ops.run_db_op(self, self.database, load,
                      lambda loaded: self._detail_loaded(request, *loaded), read=True)

    def _detail_loaded(self, request: int, d: settlements.SettlementDetail,
                       marks: dict[int, insp.InspectionMark]) -> None:
        if request == self._detail_request and d.row.id == self._selected_id:
            self.line_marks = marks
            self._show_detail(d)

    def _show_detail(self, d: settlements.SettlementDetail | None) -> None:
        self.detail = d
        self.vouchers_model.set_rows([])
        self.vouchers_caption.setText(self.tr("在“场馆结算行”中选择一行（双击打开）。"))
        if d is None:
            self.detail_stack.setCurrentIndex(0)
            for model in (self.lines_model, self.excluded_model, self.history_model):
                model.set_rows([])
            self._update_actions()
            return
        r = d.row
        self.detail_title.setText(self.tr("{month} 结算　{state}").format(
            month=month_label(r.month), state=labels.of(S, r.status)))
        parts = [
            self.tr("{n} 张券，政府补贴 {subsidy} 元，场馆让利 {concession} 元，订单金额 "
                    "{orders} 元，市民实付 {paid} 元；未计入 {excluded} 张，结转 {carried} 张。"
                    ).format(n=r.voucher_count, subsidy=money(r.subsidy),
                             concession=money(r.concession), orders=money(r.order_total),
                             paid=money(r.citizen_paid), excluded=r.excluded_count,
                             carried=r.carried_count),
            self.tr("拨付截止：{due}{overdue}").format(
                due=r.due.isoformat(), overdue=self.tr("（已逾期）") if r.overdue else ""),
            self.tr("生成：{who} {at}").format(who=r.generated_by,
                                               at=clock.format_local(r.generated_at)),
        ]
        if r.verified_by:
            parts.append(self.tr("核定：{who} {at}").format(
                who=r.verified_by, at=clock.format_local(r.verified_at)))
        if r.approved_by:
            parts.append(self.tr("审批：{who} {at}").format(
                who=r.approved_by, at=clock.format_local(r.approved_at)))
        self.summary.setText("　".join(parts[:1]) + "\n" + "　".join(parts[1:]))
        notes = [labels.text(w) for w in d.warnings]
        if r.status == S.DRAFT.value and r.return_reason:
            notes.append(self.tr("退回原因：{reason}").format(reason=r.return_reason))
        if d.approve_blocked is not None:
            notes.append(labels.text(d.approve_blocked))
        self.notice.setText("\n".join(notes))
        self.notice.setVisible(bool(notes))
        self.lines_model.set_rows(list(d.lines))
        self.lines_table.resizeColumnsToContents()
        self.excluded_model.set_rows(list(d.excluded))
        self.excluded_table.resizeColumnsToContents()
        self.tabs.setTabText(2, self.tr("未计入的券（{n}）").format(n=len(d.excluded)))
        self.history_model.set_rows(list(d.history))
        self.history_table.resizeColumnsToContents()
        self.detail_stack.setCurrentIndex(1)
        self._update_actions()

    def _line_changed(self) -> None:
        line = selected_object(self.lines_table)
        self._update_actions()
        if line is None:
            return
        actor, line_id = self.actor, line.id
        self.vouchers_caption.setText(self.tr("{venue}：{n} 张券").format(
            venue=line.venue_name, n=line.voucher_count))
        ops.run_db_op(self, self.database,
                      lambda s, _p: settlements.line_vouchers(s, actor, line_id),
                      lambda rows: self._show_vouchers(line_id, rows), read=True)

    def _show_vouchers(self, line_id: int, rows: list[Any]) -> None:
        line = selected_object(self.lines_table)
        if line is not None and line.id == line_id:
            self.vouchers_model.set_rows(rows)
            self.vouchers_table.resizeColumnsToContents()

    def _update_actions(self) -> None:
        d = None if self._busy else self.detail
        targets = {t.target for t in d.steps} if d else set()
        self.generate_button.setEnabled(self.may_generate and not self._busy)
        self.verify_button.setEnabled(S.VERIFIED.value in targets)
        self.approve_button.setEnabled(S.APPROVED.value in targets
                                       and d is not None and d.approve_blocked is None)
        self.return_button.setEnabled(S.DRAFT.value in targets)
        line = selected_object(self.lines_table) if d else None
        self.pay_button.setEnabled(d is not None and d.may_pay and line is not None
                                   and line.paid_on is None)
        self.export_button.setEnabled(d is not None)
        draft = d is not None and d.row.status == S.DRAFT.value
        self.adjust_button.setEnabled(self.may_adjust and draft)
        self.suspend_button.setEnabled(self.may_suspend and line is not None
                                       and line.venue_id in self.line_marks)
        self.unadjust_button.setEnabled(self.may_adjust and draft and line is not None
                                        and line.corrects_line_id is not None)

    # --- actions ----------------------------------------------------------------------------
    def _set_busy(self, text: str | None) -> None:
        self._busy = text is not None
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(self._busy)
        self.busy_bar.setVisible(self._busy)
        self._update_actions()

    def _changed(self, message: str | None = None) -> None:
        self._set_busy(None)
        if self._selected_id is not None:
            self._load_detail(self._selected_id)
        self.refresh()
        self.data_changed.emit()
        if message:
            messages.info(self, message)

    def _run(self, busy: str, fn: Callable[[Any], Any],
             on_success: Callable[[Any], None]) -> None:
        """A step as a writing op, with the busy indicator until it ends."""
        self._set_busy(busy)
        ops.run_db_op(self, self.database, lambda s, _p: fn(s), on_success, label=busy,
                      after_failure=lambda _e: self._set_busy(None))

    def _open_dialog(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(on_accepted)
        dialog.open()

    # --- outputs --------------------------------------------------------------------------
    def export_choices(self) -> list[tuple[str, str, str]]:
        """(kind, file extension, menu text) of what the reader may export."""
        out = [("summary", "pdf", self.tr("结算汇总表（PDF）")),
               ("summary", "xlsx", self.tr("结算汇总表（Excel）")),
               ("statements", "pdf", self.tr("场馆对账单（PDF，全部场馆）")),
               ("statements", "xlsx", self.tr("场馆对账单（Excel）"))]
        if may_act(self.actor, Action.READ_BANK_DETAILS):
            out += [("bank", "xlsx", self.tr("银行付款清单（Excel）")),
                    ("bank", "csv", self.tr("银行付款清单（CSV，GB18030，供网银导入）"))]
        return out

    def _export_menu(self) -> None:
        menu = QMenu(self)
        for kind, ext, text in self.export_choices():
            menu.addAction(text, functools.partial(self.export, kind, ext))
        menu.popup(self.export_button.mapToGlobal(self.export_button.rect().bottomLeft()))
        self._menu = menu

    def export(self, kind: str, ext: str) -> None:
        """Write one output of the selected month to a file the user chooses."""
        d = self.detail
        if d is None:
            return
        names = {"summary": self.tr("结算汇总表"), "statements": self.tr("场馆对账单"),
                 "bank": self.tr("银行付款清单")}
        suggested = f"{names[kind]}-{month_label(d.row.month)}.{ext}"
        chosen = files.save_file(self, self.tr("导出{what}").format(what=names[kind]), suggested,
                                 f"*.{ext}")
        if chosen is None:
            return
        path = chosen if chosen.suffix.lower() == f".{ext}" else chosen.with_name(
            f"{chosen.name}.{ext}")
        actor, month = self.actor, d.row.month
        busy = self.tr("正在导出…")

        def write(prepared: settlement_outputs.PreparedExport) -> None:
            # laid out and written after the transaction (gathering and the audit row) ended
            ops.run_op(self, lambda _p: prepared.write(), lambda _written: self._exported(path),
                       label=busy, after_failure=lambda _e: self._set_busy(None))

        self._run(busy, lambda s: settlement_outputs.prepare_export(s, actor, month, kind, path),
                  write)

    def _exported(self, path: Path) -> None:
        self._set_busy(None)
        messages.info(self, self.tr("已导出：{path}").format(path=path))

    def generate(self) -> None:
        states = {r.month: labels.of(S, r.status) for r in self.months_model.rows}
        dialog = GenerateDialog(self, states)
        self._open_dialog(dialog, lambda: self._generate(dialog.chosen))

    def _generate(self, month: dt.date | None) -> None:
        if month is None:
            return
        actor = self.actor
        self._focus_month = month
        self._selected_id = None
        self._run(self.tr("正在生成 {month} 的结算…").format(month=month_label(month)),
                  lambda s: settlements.generate(s, actor, month),
                  lambda result: self._changed("\n".join(labels.text(t)
                                                         for t in result.summary())))

    def _step(self, busy: str, fn: Callable[..., Any], *args: Any) -> None:
        d = self.detail
        if d is None:
            return
        actor, settlement_id, version = self.actor, d.row.id, d.row.version
        def step(s: Any) -> Any:
            result = fn(s, actor, settlement_id, *args, expected_version=version)
            statistics.after_settlement_step(s, actor)  # what is settled changed
            return result

        self._run(busy, step, lambda _r: self._changed())

    def verify(self) -> None:
        d = self.detail
        if d is None or not messages.ask(self, self.tr(
                "核定 {month} 的结算吗？核定后各场馆的结算行冻结，不能再重新生成。").format(
                month=month_label(d.row.month))):
            return
        self._step(self.tr("正在核定…"), settlements.verify)

    def approve(self) -> None:
        d = self.detail
        if d is None or not messages.ask(self, self.tr(
                "审批 {month} 的结算吗？审批后结算不能再修改，补贴合计 {subsidy} 元。").format(
                month=month_label(d.row.month), subsidy=money(d.row.subsidy))):
            return
        self._step(self.tr("正在审批…"), settlements.approve)

    def return_to_draft(self) -> None:
        d = self.detail
        if d is None:
            return
        actor, settlement_id, version = self.actor, d.row.id, d.row.version

        def run(s: Any, reason: str) -> None:
            settlements.return_to_draft(s, actor, settlement_id, reason,
                                        expected_version=version)
            statistics.after_settlement_step(s, actor)  # what is settled changed

        reason_prompt.ask_reason(
            self, self.database, title=self.tr("退回结算"),
            intro=self.tr("退回 {month} 的结算，退回后可以重新生成和核定。").format(
                month=month_label(d.row.month)),
            label=reason_prompt.step_label(self.tr("退回")), call=run,
            ok_text=self.tr("确定退回"), on_done=lambda _r: self._changed())

    def add_adjustment(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = AdjustmentDialog(self, self.database, self.actor, d.row.id, d.row.month)
        self._open_dialog(dialog, lambda: self._changed())

    def remove_adjustment(self) -> None:
        line = selected_object(self.lines_table)
        if self.detail is None or line is None or line.corrects_line_id is None:
            return
        actor, line_id = self.actor, line.id
        reason_prompt.ask_reason(
            self, self.database, title=self.tr("删除调整行"),
            intro=self.tr("删除“{venue}”的调整行（{amount} 元）。").format(
                venue=line.venue_name, amount=money(line.subsidy)),
            label=self.tr("删除调整行的原因："),
            call=lambda s, reason: settlements.remove_adjustment(s, actor, line_id, reason),
            ok_text=self.tr("删除"), on_done=lambda _r: self._changed())

    def suspend_venue(self) -> None:
        """暂停 the selected line's venue, marked by its inspections (the register's step, with
        the marks as the suggested reason): it can no longer redeem vouchers."""
        line = selected_object(self.lines_table)
        if line is None or line.venue_id not in self.line_marks:
            return
        actor, venue_id, name = self.actor, line.venue_id, line.venue_name
        action = self.tr("暂停")
        reason_prompt.ask_reason(
            self, self.database, title=self.tr("暂停定点场馆"),
            intro=self.tr("暂停“{name}”。暂停期间该场馆不能核销消费券。").format(
                name=line.venue_name),
            label=reason_prompt.step_label(action),
            call=lambda s, reason: register_status.change_status(
                s, actor, venue_id, VenueState.SUSPENDED.value, reason),
            suggested=self._mark_reasons(self.line_marks.get(line.venue_id)),
            ok_text=self.tr("确定暂停"),
            on_done=lambda _r: self._changed(self.tr("已暂停“{name}”。").format(name=name)))

    def record_payment(self) -> None:
        line = selected_object(self.lines_table)
        if self.detail is None or line is None:
            return
        dialog = PaymentDialog(self, self.database, self.actor, line)
        self._open_dialog(dialog, lambda: self._changed(
            self.tr("已登记拨付，该结算已全部拨付。") if dialog.all_paid else None))
