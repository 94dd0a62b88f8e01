"""定点场馆: the venue register — list with filters and each venue's current agreement; the
bureau suspends, reinstates and withdraws venues (with a reason, kept in the register's history)
and exports the register for the fitness map and the mini-program (信息共享). A venue whose
latest inspection failed or with an overdue rectification order is marked (巡查不合格 / 整改逾期,
services/inspections/marks.py); suspending a marked venue suggests the marks as the reason, and
a venue's inspections, orders and training open from here (巡查与培训…)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.agreements import AgreementState
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.register import VenueState
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.actor import Actor, may_act, own_subdistrict_only
from jd_admin.services.navigation import Page
from jd_admin.services.register import export as register_export
from jd_admin.services.register import status as register
from jd_admin.services.register import venues
from jd_admin.ui import files, keys, labels, messages, ops
from jd_admin.ui import reason as reason_prompt
from jd_admin.ui.agreements.page import status_label as agreement_status_label
from jd_admin.ui.filter_bar import FilterBar
from jd_admin.ui.inspections.dialogs import VenueHistoryDialog
from jd_admin.ui.page import BasePage
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import button, heading, wrapped

if TYPE_CHECKING:
    from jd_admin.db import Session

# What the list's op brings back: the subdistricts (first load only), the venues and the
# marked ones' inspection marks.
Loaded = tuple[list[venues.SubdistrictRow], list[venues.VenueRow],
               dict[int, insp.InspectionMark]]


def agreement_text(v: venues.VenueRow) -> str:
    """The current agreement's number, with its state unless it is in force."""
    if not v.agreement_number:
        return ""
    if v.agreement_status == AgreementState.IN_FORCE:
        return v.agreement_number
    return f"{v.agreement_number}（{agreement_status_label(v.agreement_status)}）"


def _agreement_end(v: venues.VenueRow) -> str:
    return v.agreement_end.isoformat() if v.agreement_end else ""


class StatusHistoryDialog(QDialog):
    """历史: every change of one venue's status in the register."""

    def __init__(self, parent: QWidget, venue: venues.VenueRow,
                 rows: list[register.StatusChange]) -> None:
        super().__init__(parent)
        self.setObjectName("statusHistoryDialog")
        self.setWindowTitle(self.tr("名录变更记录：{name}").format(name=venue.name))
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        # The venue named in the dialog itself too (a title bar may not show it all).
        self.venue_heading = heading(self.tr("{name}（{subdistrict}）· 当前状态：{status}").format(
            name=venue.name, subdistrict=venue.subdistrict,
            status=labels.of(VenueState, venue.status)), larger_by=2)
        self.venue_heading.setObjectName("historyVenue")
        self.venue_heading.setWordWrap(True)
        layout.addWidget(self.venue_heading)
        self.model = RowsModel([
            Column(self.tr("时间"), lambda c: clock.format_local(c.at),
                   sort_key=lambda c: c.at.isoformat()),
            Column(self.tr("从"), lambda c: labels.of(VenueState, c.from_status) if c.from_status
                   else self.tr("（新登记）")),
            Column(self.tr("到"), lambda c: labels.of(VenueState, c.to_status)),
            Column(self.tr("原因"), lambda c: c.reason),
            Column(self.tr("操作人"), lambda c: c.actor_name,
                   tooltip=lambda c: self.tr("登录名：{login}").format(login=c.actor)),
        ], self)
        self.model.set_rows(rows)
        self.table = make_table(self.model, "statusHistoryTable", self)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        if not rows:
            layout.addWidget(QLabel(self.tr("没有变更记录。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class VenuesPage(BasePage):
    page = Page.VENUES

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        # The status buttons are for whoever may change a venue's status by hand.
        self.is_staff = register.may_change_status(self.actor)
        # The register shows the actor's own subdistrict's venues only.
        self.own_subdistrict = own_subdistrict_only(self.actor, Action.READ_REGISTER)
        self.dialog: QDialog | None = None
        self.may_read_inspections = may_act(self.actor, Action.READ_INSPECTIONS)
        self.marks: dict[int, insp.InspectionMark] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("定点场馆名录")))
        layout.addWidget(self._build_filters())
        layout.addLayout(self._build_actions())
        # the selected venue's inspection marks, under the suspend button
        self.mark_note = wrapped("")
        self.mark_note.setObjectName("venueMarkNote")
        self.mark_note.setStyleSheet("color: #b00020;")
        self.mark_note.setVisible(False)
        layout.addWidget(self.mark_note)
        self.model = RowsModel([
            Column(self.tr("场馆名称"), lambda v: v.name),
            Column(self.tr("街镇"), lambda v: v.subdistrict),
            Column(self.tr("类型"), lambda v: labels.of(VenueType, v.venue_type)),
            Column(self.tr("项目"), lambda v: v.sports_text),
            Column(self.tr("状态"), lambda v: labels.of(VenueState, v.status)),
            Column(self.tr("巡查"), self._mark_text, tooltip=self._mark_reasons,
                   color="#b00020"),
            Column(self.tr("协议编号"), agreement_text),
            Column(self.tr("协议到期"), _agreement_end, sort_key=_agreement_end),
            Column(self.tr("地址"), lambda v: v.address),
            Column(self.tr("联系人"), lambda v: v.contact_name),
            Column(self.tr("统一社会信用代码"), lambda v: v.credit_code),
        ], self)
        self.table = make_table(self.model, "venuesTable", self)
        self.table.on_open(self.show_history)
        layout.addWidget(self.table)
        self.count = QLabel()
        self.count.setObjectName("venueCount")
        layout.addWidget(self.count)
        self.filters.changed.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._subdistricts_loaded = False
        self._selected_id: int | None = None
        self._selection_changed()

    def _build_filters(self) -> FilterBar:
        self.filters = FilterBar()
        # The list shows the user's own subdistrict anyway where they see only that one.
        self.subdistrict = self.filters.add_subdistrict(
            self.actor.subdistrict_name or "" if self.own_subdistrict else None)
        self.status = self.filters.add_choice(
            "status", self.tr("状态："), self.tr("全部状态"),
            [(labels.of(VenueState, state), state.value) for state in VenueState],
            object_name="statusFilter")
        self.search = self.filters.add_search(
            "search", self.tr("按名称、地址或信用代码搜索"), object_name="venueSearch")
        # A filter of the list and of the export alike (services: register.in_register_clause).
        self.include_all = QCheckBox(self.tr("包含未生效/暂停/退出的场馆"))
        self.include_all.setObjectName("includeAll")
        self.include_all.setToolTip(self.tr(
            "不勾选时只列出（和导出）可以核销消费券的场馆：定点且协议生效中。"))
        self.include_all.toggled.connect(self.filters.changed)
        self.filters.add_widget(self.include_all)
        self.filters.add_button(self.tr("查询")).setObjectName("searchButton")
        return self.filters

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.suspend_button = button(self.tr("暂停…"), "suspendButton",
                                     lambda: self.change_status(VenueState.SUSPENDED))
        self.reinstate_button = button(self.tr("恢复…"), "reinstateButton",
                                       lambda: self.change_status(VenueState.DESIGNATED))
        self.withdraw_button = button(self.tr("退出…"), "withdrawButton",
                                      lambda: self.change_status(VenueState.WITHDRAWN))
        self.history_button = button(self.tr("历史…"), "historyButton", self.show_history)
        keys.hint(self.history_button, keys.OPEN)
        self.inspection_history_button = button(
            self.tr("巡查与培训…"), "inspectionHistoryButton", self.show_inspection_history)
        self.inspection_history_button.setVisible(self.may_read_inspections)
        for b in (self.suspend_button, self.reinstate_button, self.withdraw_button):
            b.setVisible(self.is_staff)
            row.addWidget(b)
        row.addWidget(self.history_button)
        row.addWidget(self.inspection_history_button)
        row.addStretch()
        can_export = may_act(self.actor, Action.EXPORT_REGISTER)
        self.export_xlsx_button = button(self.tr("导出 Excel…"), "exportXlsxButton",
                                         lambda: self.export("xlsx"))
        keys.bind(self.export_xlsx_button, keys.EXPORT)
        self.export_geojson_button = button(
            self.tr("导出 GeoJSON…"), "exportGeojsonButton", lambda: self.export("geojson"))
        for w in (self.export_xlsx_button, self.export_geojson_button):
            w.setVisible(can_export)
            row.addWidget(w)
        return row

    def refresh(self) -> None:
        # Plain values for the op (read here, on the GUI thread).
        subdistrict_id = self.filters.value("subdistrict")
        status = self.filters.value("status")
        search = str(self.filters.value("search"))
        assert subdistrict_id is None or isinstance(subdistrict_id, int)
        assert status is None or isinstance(status, str)
        if status is not None and status != VenueState.DESIGNATED:
            # A status other than 定点 is never in the register in force: it lists them all.
            self.include_all.blockSignals(True)
            self.include_all.setChecked(True)
            self.include_all.blockSignals(False)
        load_subdistricts = not self._subdistricts_loaded and not self.own_subdistrict
        actor, include_all = self.actor, self.include_all.isChecked()

        def load(s: Session, _p: ops.Progress) -> Loaded:
            subdistricts = venues.list_subdistricts(s) if load_subdistricts else []
            rows = venues.list_venues(s, actor, subdistrict_id=subdistrict_id,
                                      search=search, status=status, include_all=include_all)
            return subdistricts, rows, insp.venue_marks(s, actor, [v.id for v in rows])

        ops.run_db_op(self, self.database, load, self._show, read=True)

    def _show(self, result: Loaded) -> None:
        subdistricts, rows, self.marks = result
        if subdistricts and not self._subdistricts_loaded:
            self.filters.set_items("subdistrict", [(sd.name, sd.id) for sd in subdistricts])
        self._subdistricts_loaded = True
        keep = self._selected_id
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("共 {n} 个场馆").format(n=len(rows))
                           if self.include_all.isChecked() else
                           self.tr("共 {n} 个定点且协议生效中的场馆").format(n=len(rows)))
        if keep is not None:
            self.select_venue(keep)
        self._selection_changed()

    def select_venue(self, venue_id: int) -> bool:
        for row, venue in enumerate(self.model.rows):
            if venue.id == venue_id:
                proxy = self.table.model()
                assert isinstance(proxy, QSortFilterProxyModel)
                index = proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectRow(index.row())
                self.table.scrollTo(index)
                return True
        return False

    def focus_target(self, target: str) -> None:
        if target.isdigit():
            self._selected_id = int(target)
            self.select_venue(int(target))

    def _selection_changed(self) -> None:
        venue = selected_object(self.table)
        if venue is not None:
            self._selected_id = venue.id
        steps = register.offered_steps(self.actor, venue.status) if venue is not None else []
        targets = {t.target for t in steps}
        self.suspend_button.setEnabled(VenueState.SUSPENDED in targets)
        self.reinstate_button.setEnabled(VenueState.DESIGNATED in targets)
        self.withdraw_button.setEnabled(VenueState.WITHDRAWN in targets)
        self.history_button.setEnabled(venue is not None)
        self.inspection_history_button.setEnabled(venue is not None)
        mark = self.marks.get(venue.id) if venue is not None else None
        self.mark_note.setText("" if venue is None or mark is None else self.tr(
            "巡查标记：{why}").format(why=self._mark_reasons(venue)))
        self.mark_note.setVisible(mark is not None)

    def _mark_reasons(self, v: venues.VenueRow) -> str:
        mark = self.marks.get(v.id)
        return "" if mark is None else "；".join(labels.text(t) for t in mark.reasons())

    def _mark_text(self, v: venues.VenueRow) -> str:
        mark = self.marks.get(v.id)
        return "" if mark is None else labels.join(labels.text(t) for t in mark.labels())

    def change_status(self, target: str) -> None:
        venue = selected_object(self.table)
        if venue is None:
            return
        # The verbs of the steps, as the buttons say them. The workflow's own verb (the
        # transition's ``action``, e.g. 暂停) is also the state's label in the catalogs, which
        # would read "Suspended" in English; the interface's translations have the verb.
        action = {VenueState.SUSPENDED: self.tr("暂停"), VenueState.DESIGNATED: self.tr("恢复"),
                  VenueState.WITHDRAWN: self.tr("退出")}[VenueState(target)]
        notes = {
            VenueState.SUSPENDED: self.tr("暂停期间该场馆不能核销消费券。"),
            VenueState.DESIGNATED: self.tr("恢复后，协议生效期间该场馆可以核销消费券。"),
            VenueState.WITHDRAWN:
                self.tr("退出后该场馆不再是定点场馆；重新定点须重新提交自荐申请。"),
        }[VenueState(target)]
        # a marked venue suspended: its marks are the suggested reason
        mark = self.marks.get(venue.id) if target == VenueState.SUSPENDED else None
        suggested = "" if mark is None else self._mark_reasons(venue)
        actor, venue_id, version = self.actor, venue.id, venue.version

        def run(s: Session, reason: str) -> None:
            register.change_status(s, actor, venue_id, target, reason, version)

        reason_prompt.ask_reason(
            self, self.database, title=self.tr("{action}定点场馆").format(action=action),
            intro=self.tr("{action}“{name}”。{note}").format(action=action, name=venue.name,
                                                          note=notes),
            label=reason_prompt.step_label(action), call=run, suggested=suggested,
            ok_text=self.tr("确定{action}").format(action=action),
            on_done=lambda _r: self._changed(
                self.tr("已{action}“{name}”。").format(action=action, name=venue.name)))

    def _changed(self, message: str) -> None:
        self.refresh()
        self.data_changed.emit()
        messages.info(self, message)

    def show_history(self) -> None:
        venue = selected_object(self.table)
        if venue is None:
            return
        venue_id = venue.id
        ops.run_db_op(self, self.database, lambda s, _p: register.status_history(s, venue_id),
                      lambda rows: self._open_history(venue, rows), read=True)

    def _open_history(self, venue: venues.VenueRow, rows: list[register.StatusChange]) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = StatusHistoryDialog(self, venue, rows)
        self.dialog.open()

    def show_inspection_history(self) -> None:
        venue = selected_object(self.table)
        if venue is None:
            return
        actor, venue_id = self.actor, venue.id
        ops.run_db_op(self, self.database,
                      lambda s, _p: insp.venue_history(s, actor, venue_id),
                      lambda h: self._open_inspection_history(venue, h), read=True)

    def _open_inspection_history(self, venue: venues.VenueRow,
                                 history: insp.VenueHistory) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = VenueHistoryDialog(self, venue.id, venue.name, history,
                                         self.marks.get(venue.id))
        self.dialog.open()

    def export(self, fmt: str) -> None:
        label, pattern = {"xlsx": (self.tr("Excel 工作簿"), "*.xlsx"),
                          "geojson": (self.tr("GeoJSON 文件"), "*.geojson")}[fmt]
        suggested = self.tr("定点场馆名录-{day}.{ext}").format(
            day=clock.today().isoformat(), ext=fmt)
        chosen = files.save_file(
            self, self.tr("导出定点场馆名录"), suggested, f"{label} ({pattern})")
        if chosen is None:
            return
        if chosen.suffix.lower() == f".{fmt}":
            path = chosen
        else:
            path = chosen.with_name(f"{chosen.name}.{fmt}")
        actor, include_all = self.actor, self.include_all.isChecked()

        def run(s: Session, _p: ops.Progress) -> int:
            return register_export.export_register(s, actor, fmt, path, include_all)

        ops.run_db_op(self, self.database, run, lambda count: self._exported(count, path))

    def _exported(self, count: int, path: Path) -> None:
        messages.info(self, self.tr("已导出 {n} 个场馆到：\n{path}").format(n=count, path=path))
