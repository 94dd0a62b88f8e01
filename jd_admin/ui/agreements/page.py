"""协议: three-party agreements (三方合作协议) — list with filters, the selected agreement's
signing dates, signed scans and history, and the bureau's steps: generate from an approved
application, send for signature, record signing dates, upload the signed scan, put in force,
terminate, renew; everyone who sees the page can print an agreement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.agreements import AGREEMENT_WORKFLOW, AgreementState
from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, join
from jd_admin.reports.data import AgreementDocument
from jd_admin.reports.pdf import format_size
from jd_admin.reports.recruitment import write_agreement
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.agreements import candidates as candidate_list
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.agreements.candidates import Candidate
from jd_admin.services.attachments import MEDIA_LABELS, AttachmentInfo
from jd_admin.services.navigation import Page
from jd_admin.services.register import venues
from jd_admin.ui import files, keys, labels, messages, ops, settings
from jd_admin.ui.agreements.dialogs import (
    GenerateDialog,
    RenewDialog,
    SignaturesDialog,
    TerminateDialog,
)
from jd_admin.ui.filter_bar import FilterBar
from jd_admin.ui.page import BasePage
from jd_admin.ui.tables import Column, RowsModel, make_table, select_object, selected_object
from jd_admin.ui.widgets import button, heading


def status_label(code: str | None) -> str:
    """An agreement state for people (its label in the domain, in the interface language)."""
    return labels.of(AgreementState, code)


# The states in their workflow order (the filter's entries, the column's sort order).
STATES = AgreementState.codes()


def text_of(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class AgreementsPage(BasePage):
    page = Page.AGREEMENTS

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        # What this person may do here at all (the buttons shown); what is enabled for the
        # selected agreement comes with its detail (the workflow's steps, the service's flags).
        self.may_draft = may_act(self.actor, Action.DRAFT_AGREEMENT)
        self.may_sign = may_act(self.actor, Action.RECORD_SIGNATURES)
        self.may_step = self.actor.is_system or any(
            self.actor.role in t.roles for t in AGREEMENT_WORKFLOW.transitions)
        self.all_subdistricts = agreements.sees_every_subdistrict(self.actor)
        self.detail: agreements.AgreementDetail | None = None
        self.dialog: QDialog | None = None
        self._subdistricts_loaded = False
        self._selected_id: int | None = None  # keep the selection across reloads
        self._list_request = 0
        self._detail_request = 0

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("三方合作协议")))
        layout.addWidget(self._build_filters())
        layout.addLayout(self._build_actions())

        self.model = RowsModel([
            Column(self.tr("协议编号"), lambda a: a.number),
            Column(self.tr("场馆"), lambda a: a.venue_name),
            Column(self.tr("街镇"), lambda a: a.subdistrict),
            Column(self.tr("期限"), lambda a: self.tr("{start} 至 {end}").format(
                start=a.start_date.isoformat(), end=a.end_date.isoformat()),
                sort_key=lambda a: a.start_date.isoformat()),
            Column(self.tr("状态"), lambda a: status_label(a.status),
                   sort_key=lambda a: STATES.index(a.status) if a.status in STATES else 9),
            Column(self.tr("生效日"), lambda a: text_of(a.in_force_from)),
            Column(self.tr("续签自"), lambda a: a.renews_number or ""),
        ], self)
        self.table = make_table(self.model, "agreementsTable", self)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("agreementsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.count = QLabel()
        self.count.setObjectName("agreementCount")
        layout.addWidget(self.count)

        self._restore_splitter()
        self.splitter.splitterMoved.connect(self._save_splitter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filters.changed.connect(self.refresh)
        self._update_actions()

    # --- building ---------------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        self.filters = FilterBar()
        self.status = self.filters.add_choice(
            "status", self.tr("状态："), self.tr("全部状态"),
            [(status_label(code), code) for code in STATES], object_name="statusFilter")
        # The list shows the user's own subdistrict anyway where they do not see them all.
        self.subdistrict = self.filters.add_subdistrict(
            None if self.all_subdistricts else self.actor.subdistrict_name or "")
        self.search = self.filters.add_search(
            "search", self.tr("按场馆名称或协议编号搜索"), object_name="agreementSearch")
        self.filters.add_button(self.tr("查询")).setObjectName("searchButton")
        return self.filters

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.generate_button = button(self.tr("生成协议…"), "generateButton", self.generate)
        keys.bind(self.generate_button, keys.NEW)
        self.send_button = button(self.tr("送签"), "sendButton", self.send_for_signature)
        self.sign_button = button(self.tr("登记签署日期…"), "signButton",
                                  self.record_signatures)
        self.upload_button = button(self.tr("上传扫描件…"), "uploadButton", self.upload_scan)
        self.in_force_button = button(self.tr("确认生效"), "inForceButton", self.put_in_force)
        self.terminate_button = button(self.tr("终止…"), "terminateButton", self.terminate)
        self.renew_button = button(self.tr("续签…"), "renewButton", self.renew)
        self.print_button = button(self.tr("打印协议…"), "printButton", self.print_agreement)
        keys.bind(self.print_button, keys.PRINT)
        self.staff_buttons = (self.generate_button, self.send_button, self.sign_button,
                              self.upload_button, self.in_force_button, self.terminate_button,
                              self.renew_button)
        shown = {self.generate_button: self.may_draft, self.renew_button: self.may_draft,
                 self.sign_button: self.may_sign, self.upload_button: self.may_sign}
        for b in self.staff_buttons:
            row.addWidget(b)
            b.setVisible(shown.get(b, self.may_step))
        row.addStretch()
        row.addWidget(self.print_button)
        return row

    def _build_detail(self) -> QWidget:
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("agreementDetail")
        empty = QLabel(self.tr("请在上方列表中选择一份协议，查看签署情况、扫描件和办理记录。"))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setStyleSheet("color: #666;")
        self.detail_stack.addWidget(empty)

        panel = QWidget()
        columns = QHBoxLayout(panel)
        columns.setContentsMargins(0, 4, 0, 0)
        left = QVBoxLayout()
        self.detail_title = heading("", 2)
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        left.addWidget(self.detail_title)
        forms = QHBoxLayout()
        self.fields: dict[str, QLabel] = {}
        for group in (
                (("status", self.tr("状态：")), ("term", self.tr("期限：")),
                 ("in_force_from", self.tr("生效日：")), ("renews", self.tr("续签自：")),
                 ("sent", self.tr("送签时间："))),
                (("bureau", self.tr("甲方签署：")), ("venue", self.tr("乙方签署：")),
                 ("operator", self.tr("丙方签署：")), ("scans", self.tr("扫描件：")),
                 ("terminated", self.tr("终止："))),
        ):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.setHorizontalSpacing(8)
            form.setVerticalSpacing(4)
            for key, label in group:
                value = QLabel()
                value.setObjectName(f"detail_{key}")
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(label, value)
                self.fields[key] = value
            forms.addLayout(form, 1)
        left.addLayout(forms)
        left.addStretch()
        columns.addLayout(left, 5)

        self.detail_tabs = QTabWidget()
        self.detail_tabs.setObjectName("detailTabs")
        self.history_model = RowsModel([
            Column(self.tr("时间"), lambda h: clock.format_local(h.at),
                   sort_key=lambda h: h.at.isoformat()),
            Column(self.tr("操作人"), lambda h: h.actor_name),
            # Stored in Chinese; a verb that is a catalog text shows in the interface language.
            Column(self.tr("操作"), lambda h: labels.text(Text(h.action))),
            Column(self.tr("从"), lambda h: status_label(h.from_state)),
            Column(self.tr("到"), lambda h: status_label(h.to_state)),
            Column(self.tr("说明"), lambda h: h.comment or ""),
        ], self)
        self.history_table = make_table(self.history_model, "historyTable", self)
        self.detail_tabs.addTab(self.history_table, self.tr("办理记录"))

        scans = QWidget()
        scans_layout = QVBoxLayout(scans)
        scans_layout.setContentsMargins(4, 4, 4, 4)
        self.scans_model = RowsModel([
            Column(self.tr("文件名"), lambda f: f.filename),
            Column(self.tr("类型"),
                   lambda f: labels.text(MEDIA_LABELS.get(f.media_type, f.media_type))),
            Column(self.tr("大小"), lambda f: format_size(f.size), sort_key=lambda f: f.size,
                   align_right=True),
            Column(self.tr("上传时间"), lambda f: clock.format_local(f.uploaded_at),
                   sort_key=lambda f: f.uploaded_at.isoformat()),
        ], self)
        self.scans_table = make_table(self.scans_model, "scansTable", self)
        self.scans_table.on_open(self.view_scan)
        scans_layout.addWidget(self.scans_table)
        view_row = QHBoxLayout()
        view_row.addWidget(QLabel(self.tr("双击或选中后点“查看”，用系统的阅读器打开。")))
        view_row.addStretch()
        self.view_button = button(self.tr("查看"), "viewScanButton", self.view_scan)
        view_row.addWidget(self.view_button)
        scans_layout.addLayout(view_row)
        self.detail_tabs.addTab(scans, self.tr("签署后的扫描件"))
        columns.addWidget(self.detail_tabs, 7)
        self.detail_stack.addWidget(panel)
        return self.detail_stack

    def _restore_splitter(self) -> None:
        state = settings.ui_settings().value("agreements/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([380, 220])

    def _save_splitter(self) -> None:
        settings.ui_settings().setValue("agreements/splitter", self.splitter.saveState())

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        # Plain values for the op (read here, on the GUI thread).
        status = self.filters.value("status")
        subdistrict_id = self.filters.value("subdistrict")
        search = str(self.filters.value("search"))
        assert status is None or isinstance(status, str)
        assert subdistrict_id is None or isinstance(subdistrict_id, int)
        load_subdistricts = not self._subdistricts_loaded and self.all_subdistricts
        actor = self.actor
        self._list_request += 1
        request = self._list_request
        ops.run_db_op(
            self, self.database,
            lambda s, _p: (venues.list_subdistricts(s) if load_subdistricts else [],
                           agreements.list_agreements(s, actor, status=status,
                                                      subdistrict_id=subdistrict_id,
                                                      search=search)),
            lambda result: self._show(request, *result), read=True)

    def _show(self, request: int, subdistricts: list[venues.SubdistrictRow],
              rows: list[agreements.AgreementRow]) -> None:
        if subdistricts and not self._subdistricts_loaded:
            self.filters.set_items("subdistrict", [(sd.name, sd.id) for sd in subdistricts])
            self._subdistricts_loaded = True
        if request != self._list_request:
            return  # a newer reload is on its way
        keep = self._selected_id
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("共 {n} 份协议").format(n=len(rows)))
        if keep is not None and self._select(keep):
            return
        self._selected_id = None
        self._show_detail(None)

    def _select(self, agreement_id: int) -> bool:
        """Select the row of ``agreement_id`` (if listed) and (re)load its detail."""
        if not select_object(self.table, self.model, lambda a: a.id == agreement_id):
            return False
        self._selected_id = agreement_id
        self._load_detail(agreement_id)
        return True

    def focus_target(self, target: str) -> None:
        """Select agreement ``target`` (an id), also if the filters hid it."""
        try:
            agreement_id = int(target)
        except ValueError:
            return
        self._selected_id = agreement_id
        if self._select(agreement_id):
            return
        self.filters.reset()  # emits changed: the list reloads

    def _selection_changed(self) -> None:
        row = selected_object(self.table)
        if row is not None and row.id != self._selected_id:  # a click (not a reload)
            self._selected_id = row.id
            self._load_detail(row.id)

    def _load_detail(self, agreement_id: int) -> None:
        self._detail_request += 1
        request = self._detail_request
        actor = self.actor
        self._update_actions(loading=True)
        ops.run_db_op(self, self.database,
                      lambda s, _p: agreements.agreement_detail(s, actor, agreement_id),
                      lambda d: self._detail_loaded(request, d), read=True)

    def _detail_loaded(self, request: int, detail: agreements.AgreementDetail) -> None:
        if request == self._detail_request and detail.row.id == self._selected_id:
            self._show_detail(detail)

    def _show_detail(self, d: agreements.AgreementDetail | None) -> None:
        self.detail = d
        if d is None:
            self.detail_stack.setCurrentIndex(0)
            self.scans_model.set_rows([])
            self.history_model.set_rows([])
            self._update_actions()
            return
        r = d.row
        self.detail_title.setText(self.tr("{number}　{venue}").format(number=r.number,
                                                                     venue=r.venue_name))
        not_yet = self.tr("未签署")
        terminated = ""
        if d.terminated_on:
            terminated = self.tr("{on}，{reason}").format(on=d.terminated_on.isoformat(),
                                                         reason=d.termination_reason or "")
        values = {
            "status": status_label(r.status),
            "term": self.tr("{start} 至 {end}").format(start=r.start_date.isoformat(),
                                                      end=r.end_date.isoformat()),
            "in_force_from": text_of(r.in_force_from) or "—",
            "renews": r.renews_number or "—",
            "sent": clock.format_local(r.sent_for_signature_at) or "—",
            "bureau": text_of(d.bureau_signed_on) or not_yet,
            "venue": text_of(d.venue_signed_on) or not_yet,
            "operator": text_of(d.operator_signed_on) or not_yet,
            "terminated": terminated or "—",
            "scans": self.tr("{n} 份").format(n=len(d.scans)) if d.scans else self.tr("未上传"),
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.scans_model.set_rows(list(d.scans))
        self.detail_tabs.setTabText(1, self.tr("签署后的扫描件（{n}）").format(n=len(d.scans)))
        self.scans_table.resizeColumnsToContents()
        self.history_model.set_rows(list(d.history))
        self.history_table.resizeColumnsToContents()
        self.history_table.scrollToBottom()  # the latest step first in sight
        self.detail_stack.setCurrentIndex(1)
        self._update_actions()

    def _update_actions(self, loading: bool = False) -> None:
        d = None if loading else self.detail
        targets = {t.target: t for t in d.actions} if d else {}
        self.generate_button.setEnabled(self.may_draft)
        self.send_button.setEnabled(AgreementState.OUT_FOR_SIGNATURE in targets)
        self.sign_button.setEnabled(d is not None and d.may_record_signatures)
        self.upload_button.setEnabled(d is not None and d.may_record_signatures)
        self.in_force_button.setEnabled(AgreementState.IN_FORCE in targets)
        end = targets.get(AgreementState.TERMINATED)
        self.terminate_button.setEnabled(end is not None)
        self.terminate_button.setText(self.tr("{action}…").format(action=labels.text(end.action))
                                      if end
                                      else self.tr("终止…"))
        self.renew_button.setEnabled(d is not None and d.may_renew)
        self.print_button.setEnabled(d is not None)
        self.view_button.setEnabled(d is not None and bool(d.scans))

    # --- actions ----------------------------------------------------------------------------
    def _changed(self, agreement_id: int | None = None, message: str | None = None) -> None:
        """After a change: reload list and detail (keeping or moving the selection)."""
        if agreement_id is not None:
            self._selected_id = agreement_id
        self.detail = None
        self._update_actions()
        self.refresh()
        self.data_changed.emit()
        if message:
            messages.info(self, message)

    def _run(self, fn: Callable[[Any], Any], on_success: Callable[[Any], None], *,
             read: bool = False) -> None:
        """Run ``fn(session)`` in one transaction off the GUI thread (``read=True``: it only
        reads; see ops)."""
        ops.run_db_op(self, self.database, lambda s, _p: fn(s), on_success, read=read)

    def _open_dialog(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        """Show ``dialog`` window-modal without blocking; ``on_accepted`` runs after OK."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(on_accepted)
        dialog.open()

    def generate(self) -> None:
        actor = self.actor

        def read(s: Any) -> list[Candidate]:
            # The party settings first: a refusal now, not after the dialog was filled in.
            agreements.check_parties(agreements.parties(s))
            return candidate_list.candidates(s, actor)

        self._run(read, self._choose_application, read=True)

    def _choose_application(self, candidates: list[Candidate]) -> None:
        if not candidates:
            messages.info(
                self, self.tr("没有可以生成协议的申请：区体育局审定通过的场馆都已有协议。"))
            return
        dialog = GenerateDialog(self, self.database, self.actor, candidates)
        self._open_dialog(dialog, lambda: self._changed(
            dialog.new_id, self.tr("已生成协议草稿。请打印协议，送三方签署。")))

    def send_for_signature(self) -> None:
        d = self.detail
        if d is None:
            return
        actor, agreement_id, version = self.actor, d.row.id, d.version
        self._run(lambda s: agreements.send_for_signature(s, actor, agreement_id, version),
                  lambda _r: self._changed())

    def record_signatures(self) -> None:
        if self.detail is not None:
            self._open_dialog(SignaturesDialog(self, self.database, self.actor, self.detail),
                              self._changed)

    def upload_scan(self) -> None:
        d = self.detail
        if d is None:
            return
        path = files.open_file(self, self.tr("选择签署后的协议扫描件"),
                               self.tr("PDF 或图片 (*.pdf *.jpg *.jpeg *.png)"))
        if path is None:
            return
        actor, agreement_id = self.actor, d.row.id
        unreadable = self.tr("无法读取文件“{name}”：{error}")

        def read(_p: ops.Progress) -> bytes:  # before the transaction, not inside it
            try:
                return path.read_bytes()
            except OSError as exc:
                raise InvalidInput(unreadable.format(name=path.name,
                                                     error=exc.strerror or exc)) from exc

        ops.run_op(self, read, lambda content: self._run(
            lambda s: agreements.attach_signed_scan(s, actor, agreement_id, path.name, content),
            self._scan_attached), read=True)

    def _scan_attached(self, _info: AttachmentInfo) -> None:
        self.detail_tabs.setCurrentIndex(1)
        self._changed()

    def put_in_force(self) -> None:
        d = self.detail
        if d is None:
            return
        if not messages.ask(self, self.tr(
                "确认协议 {number} 生效吗？\n生效后协议内容不能再修改，"
                "场馆自生效日起可以核销消费券。").format(number=d.row.number)):
            return
        actor, agreement_id, version = self.actor, d.row.id, d.version
        self._run(lambda s: agreements.put_in_force(s, actor, agreement_id, version),
                  lambda _r: self._changed(message=self.tr("协议 {number} 已生效。").format(
                      number=d.row.number)))

    def terminate(self) -> None:
        d = self.detail
        if d is None:
            return
        transition = next((t for t in d.actions if t.target == AgreementState.TERMINATED), None)
        action = labels.text(transition.action) if transition else self.tr("终止")
        self._open_dialog(TerminateDialog(self, self.database, self.actor, d, action),
                          self._changed)

    def renew(self) -> None:
        d = self.detail
        if d is None:
            return
        self._run(lambda s: agreements.check_parties(agreements.parties(s)),
                  lambda _r: self._open_renewal(d), read=True)

    def _open_renewal(self, d: agreements.AgreementDetail) -> None:
        dialog = RenewDialog(self, self.database, self.actor, d.row)
        self._open_dialog(dialog, lambda: self._changed(
            dialog.new_id, self.tr("已生成续签协议草稿。请打印协议，送三方签署。")))

    def busy_message(self, path: Path) -> str:
        return self.tr("无法写入临时文件“{path}”。如果它正在其他程序中打开，请先关闭后重试。"
                       ).format(path=path)

    def _write_and_show(self, path: Path, write: Callable[[Path], object]) -> None:
        """Write the file off the GUI thread, with no transaction open, then open it."""
        busy = self.busy_message(path)

        def job(_p: ops.Progress) -> Path:
            try:
                write(path)
            except OSError as exc:
                raise InvalidInput(busy) from exc
            return path

        ops.run_op(self, job, files.show, read=True)

    def print_agreement(self) -> None:
        d = self.detail
        if d is None:
            return
        actor, agreement_id = self.actor, d.row.id
        path = files.temp_path(f"{d.row.number}.pdf")

        def render(document: AgreementDocument) -> None:  # after the session has closed
            if document.missing:
                messages.warning(self, self.tr(
                    "协议 {number} 中以下信息为空：{missing}。请补全后重新生成协议，"
                    "不要送签这份协议。").format(number=d.row.number,
                                           missing=join(document.missing)))
            self._write_and_show(path, lambda out: write_agreement(document, out))

        # a write: the print is recorded in the audit trail
        self._run(lambda s: agreements.document(s, actor, agreement_id), render)

    def view_scan(self) -> None:
        d = self.detail
        scan: AttachmentInfo | None = selected_object(self.scans_table)
        if d is None:
            return
        if scan is None and d.scans:
            scan = d.scans[-1]
        if scan is None:
            return
        actor, agreement_id, attachment_id = self.actor, d.row.id, scan.id
        path = files.temp_path(f"{d.row.number}-{scan.filename}")

        def save(found: tuple[AttachmentInfo, bytes]) -> None:
            content = found[1]
            self._write_and_show(path, lambda out: out.write_bytes(content))

        # a write: the download is recorded in the audit trail
        self._run(lambda s: agreements.scan_content(s, actor, agreement_id, attachment_id), save)

