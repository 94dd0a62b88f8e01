"""The vouchers page's list tab: browse and filter the ledger, look into a voucher's rule flags
(the bureau clears them), export what the filter finds.

The list is a :class:`~jd_admin.ui.vouchers.model.VoucherTableModel`: it opens at once however
big the ledger is (only the first page is read), loads more as the user scrolls, and counts the
total off the GUI thread after the first page is shown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.errors import Cancelled, InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.vouchers import Flag, VoucherState
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.vouchers import browse as voucher_browse
from jd_admin.services.vouchers import flags as vouchers
from jd_admin.services.vouchers.browse import FilterChoices, VoucherFilter, VoucherRow
from jd_admin.ui import files, keys, labels, messages, ops
from jd_admin.ui import reason as reason_prompt
from jd_admin.ui.filter_bar import FilterBar
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.vouchers.common import money
from jd_admin.ui.vouchers.model import (
    COL_CLAIMED,
    SORT_OF_COLUMN,
    VoucherTableModel,
    flags_text,
    group_label,
    state_label,
)
from jd_admin.ui.widgets import button, date_edit, qdate

if TYPE_CHECKING:
    from jd_admin.db import Session

# (the key columns — code to the redeeming venue — fit a 1366-pixel screen in Chinese)
COLUMN_WIDTHS = (128, 72, 56, 70, 96, 90, 118, 118, 118, 190, 70, 70, 80, 80, 60, 260)
DEFAULT_RANGE_DAYS = 30


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class DateRange(QWidget):
    """Two dates with a "不限" (any) box; ``value()`` is (from, to) or (None, None)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        today = clock.today()
        self.start = date_edit(f"{name}From", today - dt.timedelta(days=DEFAULT_RANGE_DAYS))
        self.end = date_edit(f"{name}To", today)
        self.any = QCheckBox(self.tr("不限"))
        self.any.setObjectName(f"{name}Any")
        self.any.setChecked(True)
        self.any.toggled.connect(self._toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start)
        layout.addWidget(QLabel(self.tr("至")))
        layout.addWidget(self.end)
        layout.addWidget(self.any)
        self._toggled(True)

    def _toggled(self, unlimited: bool) -> None:
        self.start.setEnabled(not unlimited)
        self.end.setEnabled(not unlimited)

    def set_range(self, start: dt.date | None, end: dt.date | None) -> None:
        """Set both ends (None, None: any)."""
        if start is None or end is None:
            self.any.setChecked(True)
            return
        self.start.setDate(qdate(start))
        self.end.setDate(qdate(end))
        self.any.setChecked(False)

    def value(self) -> tuple[dt.date | None, dt.date | None]:
        if self.any.isChecked():
            return None, None
        return _day(self.start), _day(self.end)


class VoucherListTab(QWidget):
    """The ledger list with its filter bar, the selected voucher's detail and flags, and the
    export. ``data_changed`` is emitted after a flag was cleared."""

    data_changed = Signal()

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.may_clear_flags = may_act(actor, Action.CLEAR_FLAG)
        self.choices: FilterChoices | None = None
        self.total: int | None = None
        self._counted_generation = -1
        self._counted_filter: VoucherFilter | None = None
        self._flags_for: int | None = None
        self._resetting = False
        self._build()

    @staticmethod
    def _narrow(combo: QComboBox) -> QComboBox:
        """Long labels (rule descriptions) must not widen the window: show ~10 characters and
        the full text in the drop-down list."""
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.view().setMinimumWidth(260)
        return combo

    def _build_filters(self, layout: QVBoxLayout) -> None:
        """The filter rows: four shared filter bars (choices, the venue finder, rules and
        citizen, the date ranges); any change re-queries the list."""
        first, venue_bar, second, dates = (FilterBar() for _ in range(4))
        self.filter_bars = (first, venue_bar, second, dates)
        self.batch_filter = self._narrow(first.add_choice("batch", self.tr("批次："),
                                                          self.tr("全部批次")))
        self.face_filter = self._narrow(first.add_choice("face", self.tr("面值："),
                                                         self.tr("全部面值")))
        self.state_filter = self._narrow(first.add_choice(
            "state", self.tr("状态："), self.tr("全部状态"),
            [*((labels.of(VoucherState, s), s.value) for s in VoucherState),
             (self.tr("有规则标记"), "flagged")]))

        self.venue_filter = self._narrow(venue_bar.add_choice("venue", self.tr("场馆："),
                                                              self.tr("全部场馆")))
        self.venue_filter.setMinimumWidth(170)
        # The finder fills the venue choice; it is not a filter of its own.
        self.venue_search = QLineEdit()
        self.venue_search.setObjectName("venueSearch")
        self.venue_search.setPlaceholderText(self.tr("场馆名称或信用代码"))
        self.venue_search.setClearButtonEnabled(True)
        self.venue_search.setFixedWidth(140)
        self.venue_search.returnPressed.connect(self.find_venues)
        self.venue_find_button = button(self.tr("查找场馆"), "venueFindButton", self.find_venues)
        venue_bar.add_widget(self.venue_search)
        venue_bar.add_widget(self.venue_find_button)

        self.violation_filter = self._narrow(second.add_choice(
            "violation", self.tr("规则标记："), self.tr("全部规则"),
            [(labels.of(Flag, f), f.value) for f in Flag]))
        self.violation_filter.setMaximumWidth(260)
        self.subdistrict_filter = second.add_subdistrict()  # (short names: never narrowed)
        second.add_widget(QLabel(self.tr("用户标识：")))
        self.citizen_filter = second.add_search(
            "citizen", self.tr("如 138****1234，可只输前几位"), object_name="citizenFilter")
        self.citizen_filter.setFixedWidth(170)
        self.citizen_filter.setToolTip(self.tr(
            "系统只保存脱敏后的用户标识：按脱敏形式完全匹配或前缀匹配；输入完整手机号或身份证号时先脱敏再查找。"))

        self.claimed_range = DateRange("claimedRange")
        self.redeemed_range = DateRange("redeemedRange")
        for label, date_range in ((self.tr("领取日期："), self.claimed_range),
                                  (self.tr("核销日期："), self.redeemed_range)):
            dates.add_widget(QLabel(label))
            dates.add_widget(date_range)
            date_range.any.toggled.connect(self.apply_filter)
            date_range.start.dateChanged.connect(self._date_changed)
            date_range.end.dateChanged.connect(self._date_changed)

        for bar in self.filter_bars:
            bar.changed.connect(self.apply_filter)
            layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignLeft)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self._build_filters(layout)

        actions = QHBoxLayout()
        self.search_button = button(self.tr("查询"), "searchButton", self.apply_filter)
        self.reset_button = button(self.tr("重置条件"), "resetButton", self.reset_filter)
        self.loaded_label = QLabel()
        self.loaded_label.setObjectName("loadedLabel")
        self.total_label = QLabel()
        self.total_label.setObjectName("totalLabel")
        self.export_button = button(self.tr("导出 Excel…"), "exportButton", self.export)
        keys.bind(self.export_button, keys.EXPORT)
        actions.addWidget(self.search_button)
        actions.addWidget(self.reset_button)
        actions.addSpacing(16)
        actions.addWidget(self.loaded_label)
        actions.addWidget(self.total_label)
        actions.addStretch()
        actions.addWidget(self.export_button)
        layout.addLayout(actions)

        self.model = VoucherTableModel(self.database, self.actor, self)
        self.model.loaded.connect(self._loaded)
        self.table = QTableView()
        self.table.setObjectName("vouchersTable")
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):  # (never narrower than the header)
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        header.setSortIndicator(COL_CLAIMED, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        detail = QWidget()
        detail_layout = QHBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_text = QLabel()
        self.detail_text.setObjectName("voucherDetail")
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_text.setWordWrap(True)
        self.detail_text.setMinimumWidth(320)
        detail_layout.addWidget(self.detail_text, 2)
        flags_box = QVBoxLayout()
        flags_box.addWidget(QLabel(self.tr("规则标记")))
        self.flags_model = RowsModel([
            Column(self.tr("规则"), lambda f: labels.text(f.label)),
            Column(self.tr("超出情况"), lambda f: f.detail),
            Column(self.tr("规则版本"), lambda f: f.rule_version),
            Column(self.tr("标记时间"), lambda f: clock.format_local(f.flagged_at),
                   sort_key=lambda f: f.flagged_at.isoformat()),
            Column(self.tr("状态"), lambda f: self.tr("已解除") if f.cleared_at
                   else self.tr("已撤销") if f.withdrawn_at else self.tr("待处理")),
            Column(self.tr("解除人"), lambda f: f.cleared_by or ""),
            Column(self.tr("解除时间"), lambda f: clock.format_local(f.cleared_at)),
            Column(self.tr("解除原因"), lambda f: f.clear_reason or ""),
        ], self)
        self.flags_table = make_table(self.flags_model, "flagsTable", self)
        self.flags_table.selectionModel().selectionChanged.connect(self._update_flag_buttons)
        flags_box.addWidget(self.flags_table)
        flag_actions = QHBoxLayout()
        self.clear_flag_button = button(self.tr("解除标记…"), "clearFlagButton", self.clear_flag)
        self.clear_flag_button.setVisible(self.may_clear_flags)
        flag_actions.addWidget(self.clear_flag_button)
        flag_actions.addStretch()
        flags_box.addLayout(flag_actions)
        detail_layout.addLayout(flags_box, 3)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("voucherSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self._show_detail(None)

    # filter bar

    def _filter_values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for bar in self.filter_bars:
            values.update(bar.values())
        return values

    def current_filter(self) -> VoucherFilter:
        """The filter rows as plain data (read on the GUI thread)."""
        v = self._filter_values()
        venue_id, subdistrict_id, batch_id = v["venue"], v["subdistrict"], v["batch"]
        face, state, violation = v["face"], v["state"], v["violation"]
        assert venue_id is None or isinstance(venue_id, int)
        assert subdistrict_id is None or isinstance(subdistrict_id, int)
        assert batch_id is None or isinstance(batch_id, int)
        assert face is None or isinstance(face, str)
        assert state is None or isinstance(state, str)
        assert violation is None or isinstance(violation, str)
        claimed_from, claimed_to = self.claimed_range.value()
        redeemed_from, redeemed_to = self.redeemed_range.value()
        return VoucherFilter(
            venue_id=venue_id, subdistrict_id=subdistrict_id, batch_id=batch_id,
            face_value=Decimal(face) if face else None, state=state, violation=violation,
            claimed_from=claimed_from, claimed_to=claimed_to,
            redeemed_from=redeemed_from, redeemed_to=redeemed_to,
            citizen_masked=str(v["citizen"]),
        )

    def _checked_filter(self) -> VoucherFilter | None:
        """The current filter, or None (after saying why) where it does not hold together."""
        try:
            filt = self.current_filter()
            filt.check()
        except InvalidInput as exc:
            messages.warning(self, str(exc))
            return None
        return filt

    def apply_filter(self) -> None:
        """Re-query the list with the filter bar as it is (keeping the current order)."""
        if self._resetting:
            return  # reset_filter queries once, at the end
        filt = self._checked_filter()
        if filt is None:
            return
        self.total = None
        self.total_label.setText("")
        self.model.set_query(filt, self.model.sort_key, self.model.descending)

    def _date_changed(self) -> None:
        if self.sender() in (self.claimed_range.start, self.claimed_range.end):
            active = not self.claimed_range.any.isChecked()
        else:
            active = not self.redeemed_range.any.isChecked()
        if active:
            self.apply_filter()

    def reset_filter(self) -> None:
        self._resetting = True
        try:
            for bar in self.filter_bars:
                bar.reset()
            for r in (self.claimed_range, self.redeemed_range):
                r.set_range(None, None)
            self.venue_search.clear()
        finally:
            self._resetting = False
        self.apply_filter()

    def find_venues(self) -> None:
        text, actor = self.venue_search.text(), self.actor
        ops.run_db_op(self, self.database,
                      lambda s, _p: voucher_browse.find_venues(s, actor, text), self._show_venues,
                      read=True)

    def _show_venues(self, found: list[voucher_browse.VenueChoice]) -> None:
        # The venue choice keeps its value if it was found again (else back to all venues).
        self.filter_bars[1].set_items("venue", [(f"{v.name}（{v.subdistrict}）", v.id)
                                                for v in found])
        if len(found) == 1:
            self.venue_filter.setCurrentIndex(1)  # re-queries
        elif not found:
            messages.info(self, self.tr("没有名称或信用代码包含“{text}”的场馆。").format(
                text=self.venue_search.text()))
        else:
            self.venue_filter.showPopup()

    def _fill_choices(self, choices: FilterChoices) -> None:
        self.choices = choices
        first, _venue, second, _dates = self.filter_bars
        first.set_items("batch", [(f"{b.code} {b.name}" if b.name != b.code else b.code, b.id)
                                  for b in choices.batches])
        first.set_items("face", [(self.tr("{v} 元").format(v=f"{face:g}"), str(face))
                                 for face in choices.face_values])
        second.set_items("subdistrict", [(name, sid) for sid, name in choices.subdistricts])

    # loading and counting

    def _loaded(self, rows: int, complete: bool) -> None:
        self.loaded_label.setText(self.tr("已加载 {n} 条").format(n=rows))
        generation = self.model.generation
        if complete and not self.model.is_fetching:
            self.total, self._counted_filter = rows, self.model.filter
            self._counted_generation = generation
            self.total_label.setText(self.tr("共 {n} 条").format(n=rows))
            return
        if rows and self._counted_generation != generation and self.total is not None \
                and self._counted_filter == self.model.filter:
            self._counted_generation = generation  # only the order changed: same total
            self.total_label.setText(self.tr("共 {n} 条").format(n=self.total))
        elif rows and self._counted_generation != generation:
            # After the first page is on screen: the total, off the GUI thread.
            self._counted_generation = generation
            self.total_label.setText(self.tr("共 … 条（统计中）"))
            actor, filt = self.actor, self.model.filter

            def counted(n: int) -> None:
                if self.model.generation == generation:
                    self.total, self._counted_filter = n, filt
                    self.total_label.setText(self.tr("共 {n} 条").format(n=n))

            ops.run_db_op(self, self.database, lambda s, _p: voucher_browse.count(s, actor, filt),
                          counted, label=self.tr("正在统计消费券数量…"), read=True)

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column not in SORT_OF_COLUMN:  # sorted by the database: only indexed orders
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(False)
            self.table.horizontalHeader().viewport().update()

    # detail and flags

    def selected_voucher(self) -> VoucherRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection | None = None,
                           _deselected: QItemSelection | None = None) -> None:
        voucher = self.selected_voucher()
        self._show_detail(voucher)
        self.flags_model.set_rows([])
        self._update_flag_buttons()
        if voucher is None:
            self._flags_for = None
            return
        self._flags_for = voucher.id
        self._load_flags(voucher.id)

    def _load_flags(self, voucher_id: int) -> None:
        actor = self.actor

        def shown(flags: list[vouchers.Flag]) -> None:
            if self._flags_for == voucher_id:
                self.flags_model.set_rows(flags)
                self.flags_table.resizeColumnsToContents()
                for row, flag in enumerate(flags):
                    if flag.is_open:
                        self.flags_table.selectRow(row)
                        break
                self._update_flag_buttons()

        ops.run_db_op(self, self.database, lambda s, _p: vouchers.flags_of(s, actor, voucher_id),
                      shown, read=True)

    def _show_detail(self, v: VoucherRow | None) -> None:
        if v is None:
            self.detail_text.setText(self.tr("选中一张消费券查看详情。"))
            return
        lines = [
            self.tr("券码：{v}").format(v=v.code),
            self.tr("批次：{v}　面值：{face} 元（政府补贴 {subsidy} 元）").format(
                v=v.batch_code, face=money(v.face_value), subsidy=money(v.subsidy)),
            self.tr("用户：{v}　{group}").format(v=v.citizen_masked,
                                             group=group_label(v.citizen_group)),
            self.tr("领取：{v}　有效期至：{e}").format(v=clock.format_local(v.claimed_at),
                                                    e=clock.format_local(v.expires_at)),
            self.tr("状态：{v}").format(v=state_label(v.state)),
        ]
        if v.redeemed_at is not None:
            venue = v.venue or ""
            if v.venue_id is None:
                venue = self.tr("{code}（不在场馆名录中）").format(code=venue)
            lines += [
                self.tr("核销：{v}　{venue}　{sd}").format(v=clock.format_local(v.redeemed_at),
                                                      venue=venue,
                                                         sd=v.subdistrict or ""),
                self.tr("项目：{sport}　订单 {order} 元，实付 {paid} 元").format(
                    sport=v.sport or "", order=money(v.order_amount), paid=money(v.paid_amount)),
            ]
        if v.flags:
            lines.append(self.tr("待处理标记：{v}").format(v=flags_text(v.flags)))
        self.detail_text.setText("\n".join(lines))

    def _selected_flag(self) -> vouchers.Flag | None:
        flag: vouchers.Flag | None = selected_object(self.flags_table)
        return flag

    def _update_flag_buttons(self, *_args: object) -> None:
        flag = self._selected_flag()
        self.clear_flag_button.setEnabled(self.may_clear_flags and flag is not None
                                          and flag.is_open)

    def clear_flag(self) -> None:
        voucher, flag = self.selected_voucher(), self._selected_flag()
        if voucher is None or flag is None or not flag.is_open:
            return
        actor, voucher_id, code = self.actor, voucher.id, flag.code

        def run(s: Session, reason: str) -> tuple[VoucherRow, list[vouchers.Flag]]:
            vouchers.clear_flag(s, actor, voucher_id, code, reason)
            s.flush()
            return voucher_browse.get_row(s, actor, voucher_id), vouchers.flags_of(
                s, actor, voucher_id)

        def done(result: tuple[VoucherRow, list[vouchers.Flag]]) -> None:
            row, flags = result
            self.model.replace_row(row)
            if self._flags_for == voucher_id:
                self._show_detail(row)
                self.flags_model.set_rows(flags)
                self._update_flag_buttons()
            self.data_changed.emit()
            messages.info(self, self.tr("已解除消费券 {code} 的“{label}”标记。").format(
                code=row.code, label=flag.label))

        reason_prompt.ask_reason(
            self, self.database, title=self.tr("解除规则标记"),
            intro=self.tr("解除消费券 {code} 的“{label}”标记后，该券重新计入结算。").format(
                code=voucher.code, label=flag.label),
            label=self.tr("解除标记的原因："), call=run, ok_text=self.tr("解除标记"),
            on_done=done)

    # export

    def export(self) -> None:
        filt = self._checked_filter()
        if filt is None:
            return
        suggested = self.tr("消费券-{day}.xlsx").format(day=clock.today().isoformat())
        chosen = files.save_file(self, self.tr("导出消费券"), suggested,
                                 self.tr("Excel 工作簿 (*.xlsx)"))
        if chosen is None:
            return
        path = chosen if chosen.suffix.lower() == ".xlsx" else chosen.with_name(
            f"{chosen.name}.xlsx")
        actor, sort, descending = self.actor, self.model.sort_key, self.model.descending
        total = self.total

        def run(s: Session, progress: ops.Progress) -> int:
            return voucher_browse.export_xlsx(
                s, actor, filt, sort, descending, path,
                progress=lambda n, text: progress.report(n, total or 0, text),
                cancelled=progress.cancelled)

        # A write: the export is recorded in the audit log.
        ops.run_db_op(self, self.database, run, lambda n: self._exported(n, path),
                      label=self.tr("正在导出消费券…"), cancellable=True,
                      after_failure=self._export_failed)

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            messages.info(self, self.tr("已取消导出，没有写入文件。"))

    def _exported(self, count: int, path: Path) -> None:
        messages.info(self, self.tr("已导出 {n} 张消费券到：\n{path}").format(n=count, path=path))


    def refresh(self) -> None:
        """Load the filter choices once, then (re)query the list."""
        if self.choices is None:
            actor = self.actor

            def loaded(choices: FilterChoices) -> None:
                self._fill_choices(choices)
                self.apply_filter()

            ops.run_db_op(self, self.database,
                          lambda s, _p: voucher_browse.filter_choices(s, actor), loaded,
                          read=True)
        else:
            self.apply_filter()
