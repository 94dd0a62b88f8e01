"""巡查: venue inspections — the assignments (an inspector's own; the bureau plans them from
the venues' risk scores), the inspection records (open one to record or read it; a correction
of a submitted one), the rectification orders (the venue's report of what it did, the
re-inspection) and the training sessions; the record, the notice and the period summary as
files. The services say what each role may do and see."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.codes import Coded
from jd_admin.domain.errors import InvalidInput, UserError
from jd_admin.domain.inspections import (
    ASSIGNMENT_WORKFLOW,
    INSPECTION_WORKFLOW,
    OPEN_ORDERS,
    ORDER_WORKFLOW,
    AssignmentState,
    InspectionResult,
    InspectionState,
    OrderState,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.workflow import Workflow
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.inspections import offline, outputs, people
from jd_admin.services.navigation import Page
from jd_admin.ui import files, keys, labels, messages, ops
from jd_admin.ui import reason as reason_prompt
from jd_admin.ui.inspections.dialogs import ChecklistDialog, TrainingDialog
from jd_admin.ui.inspections.form import InspectionForm
from jd_admin.ui.page import BasePage
from jd_admin.ui.tables import OBJECT_ROLE, Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import FormDialog, button, date_edit, day_of, heading


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class PlanDialog(FormDialog):
    """新建巡查计划: venues chosen from the risk list (highest first, with why), an inspector,
    a due date, announced or not."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(parent, object_name="planDialog", title=self.tr("新建巡查计划"),
                         intro=self.tr("按风险分从高到低列出定点场馆（分项说明为何偏高）；选择要巡查"
                                       "的场馆（可多选），指定巡查员和完成期限。"),
                         min_width=900)
        self.database, self.actor = database, actor
        self.name = QLineEdit(self.tr("{month} 监督巡查").format(
            month=clock.today().strftime("%Y-%m")))
        self.name.setObjectName("planName")
        self.inspector = QComboBox()
        self.inspector.setObjectName("planInspector")
        self.due = date_edit("planDue", clock.today() + dt.timedelta(days=14))
        self.unannounced = QCheckBox(self.tr("暗访（不预先通知场馆）"))
        self.unannounced.setObjectName("planUnannounced")
        self.unannounced.setChecked(True)
        self.risk_model = RowsModel([
            Column(self.tr("场馆"), lambda r: r.venue_name),
            Column(self.tr("街镇"), lambda r: r.subdistrict_name),
            Column(self.tr("风险分"), lambda r: f"{r.score:.1f}", sort_key=lambda r: r.score,
                   align_right=True),
            Column(self.tr("分项"), lambda r: "；".join(
                f"{labels.text(p.label)} {p.measure}（{p.points:.0f}）" for p in r.parts)),
        ], self)
        self.risk_table = make_table(self.risk_model, "riskTable", self)
        self.risk_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.risk_table.setMinimumHeight(260)
        self.subdistrict = QComboBox()
        self.subdistrict.setObjectName("planSubdistrict")
        self.top_n = QSpinBox()
        self.top_n.setObjectName("planTopN")
        self.top_n.setRange(1, 500)
        self.top_n.setValue(10)
        quick = QHBoxLayout()
        quick.addWidget(self.subdistrict)
        quick.addWidget(button(self.tr("选中该街镇全部场馆"), "pickSubdistrictButton",
                               self.pick_subdistrict))
        quick.addSpacing(24)
        quick.addWidget(self.top_n)
        quick.addWidget(button(self.tr("选中风险最高的场馆"), "pickRiskiestButton",
                               self.pick_riskiest))
        quick.addStretch()
        self.form.addRow(self.tr("计划名称："), self.name)
        self.form.addRow(self.tr("快速选择："), quick)
        self.form.addRow(self.tr("场馆："), self.risk_table)
        self.form.addRow(self.tr("巡查员："), self.inspector)
        self.form.addRow(self.tr("完成期限："), self.due)
        self.form.addRow("", self.unannounced)
        self.plan_id: int | None = None
        self.finish(self.tr("分派"), self.save)
        self.load(database, lambda s, _p: (insp.risk_scores(s, actor), people.inspectors(s)),
                  self._loaded)

    def _loaded(self, loaded: tuple[list[insp.VenueRisk], list[tuple[str, str]]]) -> None:
        risks, staff = loaded
        self.risk_model.set_rows(risks)
        self.risk_table.resizeColumnsToContents()
        for name in sorted({r.subdistrict_name for r in risks}):
            self.subdistrict.addItem(name)
        for username, name in staff:
            self.inspector.addItem(f"{name}（{username}）", username)

    def _pick(self, venue_ids: set[int]) -> None:
        """Select exactly the rows of ``venue_ids`` (through the sort proxy)."""
        proxy = self.risk_table.model()
        selection = self.risk_table.selectionModel()
        selection.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for n, row in enumerate(self.risk_model.rows):
            if row.venue_id in venue_ids:
                index = proxy.mapFromSource(self.risk_model.index(n, 0))  # type: ignore[attr-defined]
                selection.select(index, flags)

    def pick_subdistrict(self) -> None:
        """A plan of all designated venues of one subdistrict."""
        name = self.subdistrict.currentText()
        self._pick({r.venue_id for r in self.risk_model.rows if r.subdistrict_name == name})

    def pick_riskiest(self) -> None:
        """A plan of the N venues of highest risk score."""
        ranked = sorted(self.risk_model.rows, key=lambda r: (-r.score, r.venue_name))
        self._pick({r.venue_id for r in ranked[:self.top_n.value()]})

    def chosen_venues(self) -> list[int]:
        rows = {i.row() for i in self.risk_table.selectionModel().selectedRows()}
        proxy = self.risk_table.model()
        out = []
        for r in sorted(rows):
            source = proxy.mapToSource(proxy.index(r, 0))  # type: ignore[attr-defined]
            out.append(self.risk_model.rows[source.row()].venue_id)
        return out

    def save(self) -> None:
        venues, inspector = self.chosen_venues(), self.inspector.currentData()
        if not venues:
            self.error.show_message(self.tr("请至少选择一个场馆"))
            return
        if inspector is None:
            self.error.show_message(self.tr("没有可分派的巡查员"))
            return
        actor, name, due = self.actor, self.name.text(), day_of(self.due)
        unannounced = self.unannounced.isChecked()
        self.submit(self.database, lambda s, _p: insp.create_plan(
            s, actor, name, venues, inspector, due, unannounced, ""), self._saved)

    def _saved(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.accept()


class ReportDoneDialog(FormDialog):
    """登记整改完成: what the venue reports it did, with evidence photos."""

    def __init__(self, parent: QWidget, database: Database, actor: Actor,
                 order: insp.OrderRow) -> None:
        super().__init__(parent, object_name="reportDoneDialog",
                         title=self.tr("登记整改完成：{number}").format(number=order.number),
                         intro=self.tr("{venue} 报告已按整改通知完成整改（期限 {deadline}）。"
                                       "登记其说明和整改后的照片，随后安排复查。").format(
                             venue=order.venue_name, deadline=order.deadline.isoformat()))
        self.database, self.actor, self.order = database, actor, order
        self.note = QLineEdit()
        self.note.setObjectName("reportNote")
        self.photos: list[Path] = []
        self.photo_label = QLabel(self.tr("未附照片"))
        add = button(self.tr("添加照片…"), "addEvidenceButton", self.add_photo)
        row = QHBoxLayout()
        row.addWidget(self.photo_label, 1)
        row.addWidget(add)
        self.form.addRow(self.tr("整改说明："), self.note)
        self.form.addRow(self.tr("整改照片："), row)
        self.finish(self.tr("登记"), self.save)

    def add_photo(self) -> None:
        path = files.open_file(self, self.tr("整改照片"), self.tr("图片 (*.jpg *.jpeg *.png)"))
        if path is not None:
            self.photos.append(path)
            self.photo_label.setText(labels.join(p.name for p in self.photos))

    def save(self) -> None:
        unreadable = self.tr("无法读取照片：{reason}")
        try:  # a file too large is refused before it is read
            for p in self.photos:
                insp.check_photo_size(p.stat().st_size)
        except OSError as exc:
            self.error.show_message(unreadable.format(reason=exc.strerror or exc))
            return
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        actor, order_id, note = self.actor, self.order.id, self.note.text()
        version = self.order.version
        photos = list(self.photos)

        def report(s: Any, _p: Any) -> None:
            try:  # read in the op, off the GUI thread
                contents = [p.read_bytes() for p in photos]
            except OSError as exc:
                raise InvalidInput(unreadable.format(reason=exc.strerror or exc)) from exc
            insp.report_done(s, actor, order_id, note, contents, expected_version=version)

        self.submit(self.database, report)


class InspectionsPage(BasePage):
    page = Page.INSPECTION

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        self.may_record = may_act(actor, Action.RECORD_INSPECTIONS)
        self.may_plan = may_act(actor, Action.PLAN_INSPECTIONS)
        self.may_orders = may_act(actor, Action.MANAGE_ORDERS)
        self.may_read_training = may_act(actor, Action.READ_TRAINING)
        self.dialog: Any = None
        self._request = 0
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("监督巡查")))
        row = QHBoxLayout()
        self.start_button = button(self.tr("开始 / 继续巡查"), "startButton", self.start)
        self.open_button = button(self.tr("查看记录"), "openButton", self.open_selected)
        keys.hint(self.open_button, keys.OPEN)
        self.correct_button = button(self.tr("更正…"), "correctButton", self.correct)
        self.plan_button = button(self.tr("新建巡查计划…"), "planButton", self.plan)
        keys.bind(self.plan_button, keys.NEW)
        self.withdraw_button = button(self.tr("撤回任务…"), "withdrawButton", self.withdraw)
        self.report_button = button(self.tr("登记整改完成…"), "reportDoneButton",
                                    self.report_done)
        self.reinspect_button = button(self.tr("复查"), "reinspectButton", self.reinspect)
        self.export_button = button(self.tr("导出…"), "exportButton", self._export_menu)
        keys.bind(self.export_button, keys.EXPORT)
        for b, shown in ((self.start_button, self.may_record), (self.open_button, True),
                         (self.correct_button, self.may_record),
                         (self.plan_button, self.may_plan), (self.withdraw_button, self.may_plan),
                         (self.report_button, self.may_orders),
                         (self.reinspect_button, self.may_record),
                         (self.export_button, True)):
            row.addWidget(b)
            b.setVisible(shown)
        self._add_reference_buttons(row)
        row.addStretch()
        layout.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("inspectionTabs")
        self.assignments_model = RowsModel([
            Column(self.tr("场馆"), lambda a: a.venue_name),
            Column(self.tr("街镇"), lambda a: a.subdistrict_name),
            Column(self.tr("巡查员"), lambda a: a.inspector),
            Column(self.tr("期限"), lambda a: _day(a.due_on), sort_key=lambda a: a.due_on),
            Column(self.tr("方式"), lambda a: self.tr("暗访") if a.unannounced
                   else self.tr("预先通知")),
            Column(self.tr("状态"), lambda a: labels.of(AssignmentState, a.status)
                   + (self.tr("（已逾期）") if a.overdue else "")
                   + (self.tr("（有草稿）") if a.draft_id else "")),
            Column(self.tr("风险分"), lambda a: "" if a.risk_score is None
                   else f"{a.risk_score:.1f}", sort_key=lambda a: a.risk_score or 0,
                   align_right=True),
            Column(self.tr("计划"), lambda a: a.plan_name),
        ], self)
        self.assignments_table = make_table(self.assignments_model, "assignmentsTable", self)
        self.assignments_table.on_open(lambda _i: self.start())
        self.tabs.addTab(self.assignments_table, self.tr("巡查任务"))
        self.inspections_model = RowsModel([
            Column(self.tr("编号"), lambda i: i.id, sort_key=lambda i: i.id, align_right=True),
            Column(self.tr("场馆"), lambda i: i.venue_name),
            Column(self.tr("街镇"), lambda i: i.subdistrict_name),
            Column(self.tr("检查时间"), lambda i: clock.format_local(i.inspected_at)
                   if i.inspected_at else "",
                   sort_key=lambda i: i.inspected_at.isoformat() if i.inspected_at else ""),
            Column(self.tr("状态"), lambda i: labels.of(InspectionState, i.status)),
            Column(self.tr("结论"), lambda i: labels.of(InspectionResult, i.result)
                   if i.result else ""),
            Column(self.tr("得分"), lambda i: "" if i.score is None else f"{i.score:.1f}",
                   sort_key=lambda i: i.score or 0, align_right=True),
            Column(self.tr("整改期限"), lambda i: _day(i.rectify_by)),
            Column(self.tr("巡查人员"), lambda i: i.inspectors),
        ], self)
        self.inspections_table = make_table(self.inspections_model, "inspectionsTable", self)
        self.inspections_table.on_open(lambda _i: self.open_selected())
        self.tabs.addTab(self.inspections_table, self.tr("巡查记录"))
        self.orders_model = RowsModel([
            Column(self.tr("通知编号"), lambda o: o.number),
            Column(self.tr("场馆"), lambda o: o.venue_name),
            Column(self.tr("街镇"), lambda o: o.subdistrict_name),
            Column(self.tr("整改期限"), lambda o: _day(o.deadline), sort_key=lambda o: o.deadline),
            Column(self.tr("状态"), lambda o: labels.of(OrderState, o.status)
                   + (self.tr("（已逾期）") if o.overdue else "")),
            Column(self.tr("问题"), lambda o: "；".join(str(i.get("text", ""))
                                                     for i in o.items)),
            Column(self.tr("整改说明"), lambda o: o.report_note or ""),
        ], self)
        self.orders_table = make_table(self.orders_model, "ordersTable", self)
        self.tabs.addTab(self.orders_table, self.tr("整改通知"))
        self.training_model = RowsModel([
            Column(self.tr("日期"), lambda t: _day(t.held_on), sort_key=lambda t: t.held_on),
            Column(self.tr("主题"), lambda t: t.topic),
            Column(self.tr("讲师"), lambda t: t.trainer),
            Column(self.tr("地点"), lambda t: t.place),
            Column(self.tr("人数"), lambda t: t.people, sort_key=lambda t: t.people,
                   align_right=True),
            Column(self.tr("参加场馆"), lambda t: labels.join(a.venue_name
                                                        for a in t.attendance)),
            Column(self.tr("材料"), lambda t: t.materials),
        ], self)
        self.training_table = make_table(self.training_model, "trainingTable", self)
        if self.may_read_training:
            self.tabs.addTab(self.training_table, self.tr("培训"))
        else:  # (not on the page at all: a widget without a place would float over it)
            self.training_table.hide()
        layout.addWidget(self.tabs, 1)
        for table in (self.assignments_table, self.inspections_table, self.orders_table):
            table.selectionModel().selectionChanged.connect(self._update_actions)
        self.tabs.currentChanged.connect(self._update_actions)
        self._update_actions()
        self._add_offline_actions(row, layout)

    # --- the checklist and training (ui/inspections/dialogs.py) ------------------------------
    def _add_reference_buttons(self, row: QHBoxLayout) -> None:
        self.training_button = button(self.tr("登记培训…"), "trainingButton", self.add_training)
        self.checklist_button = button(self.tr("检查表…"), "checklistButton",
                                       self.edit_checklist)
        for b, action in ((self.training_button, Action.MANAGE_TRAINING),
                          (self.checklist_button, Action.MANAGE_CHECKLISTS)):
            row.addWidget(b)
            b.setVisible(may_act(self.actor, action))

    def add_training(self) -> None:
        dialog = TrainingDialog(self, self.database, self.actor)
        self.dialog = dialog
        dialog.accepted.connect(self._changed)
        dialog.open()

    def edit_checklist(self) -> None:
        dialog = ChecklistDialog(self, self.database, self.actor)
        self.dialog = dialog
        dialog.accepted.connect(self._changed)
        dialog.open()

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self._request += 1
        request = self._request

        training = self.may_read_training

        def load(s: Any, _p: Any) -> tuple[Any, ...]:
            return (insp.list_assignments(s, actor), insp.list_inspections(s, actor),
                    insp.list_orders(s, actor),
                    insp.list_sessions(s, actor) if training else [])

        ops.run_db_op(self, self.database, load, lambda r: self._show(request, r), read=True)

    def _show(self, request: int, loaded: tuple[Any, ...]) -> None:
        if request != self._request:
            return
        assignments, inspections, orders, sessions = loaded
        for model, table, rows in ((self.assignments_model, self.assignments_table, assignments),
                                   (self.inspections_model, self.inspections_table,
                                    inspections),
                                   (self.orders_model, self.orders_table, orders),
                                   (self.training_model, self.training_table, sessions)):
            model.set_rows(rows)
            table.resizeColumnsToContents()
        self.tabs.setTabText(2, self.tr("整改通知（{n} 未关闭）").format(
            n=sum(1 for o in orders if o.status in OPEN_ORDERS)))
        self._update_actions()

    def _update_actions(self) -> None:
        tab = self.tabs.currentIndex()
        assignment = selected_object(self.assignments_table) if tab == 0 else None
        inspection = selected_object(self.inspections_table) if tab == 1 else None
        order = selected_object(self.orders_table) if tab == 2 else None
        def declared(row: Any, workflow: Workflow, target: Coded) -> bool:
            """The row's state has the step to ``target`` (the declaration in
            domain/inspections.py decides, not this page)."""
            return row is not None and workflow.find(row.status, target.value) is not None

        # (an inspection is started, and a re-inspection closes its order, by their steps)
        self.start_button.setEnabled(declared(assignment, ASSIGNMENT_WORKFLOW,
                                              AssignmentState.DONE))
        self.withdraw_button.setEnabled(declared(assignment, ASSIGNMENT_WORKFLOW,
                                                 AssignmentState.WITHDRAWN))
        self.open_button.setEnabled(inspection is not None)
        self.correct_button.setEnabled(declared(inspection, INSPECTION_WORKFLOW,
                                                InspectionState.SUPERSEDED))
        self.report_button.setEnabled(declared(order, ORDER_WORKFLOW, OrderState.REPORTED))
        self.reinspect_button.setEnabled(declared(order, ORDER_WORKFLOW, OrderState.CLOSED))
        self.export_button.setEnabled(True)

    # --- the form -----------------------------------------------------------------------------
    def _open_form(self, starter: Callable[[Any], int]) -> None:
        """Run ``starter`` (a draft's id) as a writing op, then open the form on it."""
        actor = self.actor

        def run(s: Any, _p: Any) -> insp.InspectionDetail:
            return insp.inspection_detail(s, actor, starter(s))

        ops.run_db_op(self, self.database, run, self._show_form)

    def _show_form(self, detail: insp.InspectionDetail) -> None:
        form = InspectionForm(self, self.database, self.actor, detail)
        self.dialog = form
        form.finished.connect(lambda _r: self._form_closed(form))
        form.open()

    def _form_closed(self, form: InspectionForm) -> None:
        self.refresh()
        self.data_changed.emit()
        done = form.submitted
        if done is None:
            return
        text = self.tr("已提交：{result}，得分 {score}").format(
            result=labels.of(InspectionResult, done.result), score=f"{done.score:.1f}")
        if done.order_id is not None:
            text += self.tr("；已生成整改通知，请在“整改通知”中导出通知书送达场馆")
        messages.info(self, text)

    def start(self) -> None:
        a = selected_object(self.assignments_table)
        if a is None:
            return
        actor, assignment_id = self.actor, a.id
        self._open_form(lambda s: insp.start(s, actor, assignment_id))

    def open_selected(self) -> None:
        i = selected_object(self.inspections_table)
        if i is None:
            return
        actor, iid = self.actor, i.id
        ops.run_db_op(self, self.database, lambda s, _p: insp.inspection_detail(s, actor, iid),
                      self._show_form, read=True)

    def correct(self) -> None:
        i = selected_object(self.inspections_table)
        if i is None:
            return
        actor, iid = self.actor, i.id
        # The correction (a new draft) is made in the dialog; the form then opens on it.
        reason_prompt.ask_reason(
            self, self.database, title=self.tr("更正巡查记录"),
            intro=self.tr("更正 {venue} 的巡查记录 {id}：将生成一份新的记录草稿，"
                          "提交后取代原记录。").format(venue=i.venue_name, id=i.id),
            label=self.tr("更正原因："),
            call=lambda s, reason: insp.inspection_detail(
                s, actor, insp.supersede(s, actor, iid, reason)),
            ok_text=self.tr("更正"), on_done=self._show_form)

    def reinspect(self) -> None:
        o = selected_object(self.orders_table)
        if o is None:
            return
        actor, order_id = self.actor, o.id
        self._open_form(lambda s: insp.start_reinspection(s, actor, order_id))

    def plan(self) -> None:
        dialog = PlanDialog(self, self.database, self.actor)
        self.dialog = dialog
        dialog.accepted.connect(self._changed)
        dialog.open()

    def withdraw(self) -> None:
        a = selected_object(self.assignments_table)
        if a is None:
            return
        actor, aid, version = self.actor, a.id, a.version
        reason_prompt.ask_reason(
            self, self.database, title=self.tr("撤回巡查任务"),
            intro=self.tr("撤回 {venue} 的巡查任务。").format(venue=a.venue_name),
            label=reason_prompt.step_label(self.tr("撤回")),
            call=lambda s, reason: insp.withdraw_assignment(
                s, actor, aid, reason, expected_version=version),
            ok_text=self.tr("撤回"), on_done=lambda _r: self._changed())

    def report_done(self) -> None:
        o = selected_object(self.orders_table)
        if o is None:
            return
        dialog = ReportDoneDialog(self, self.database, self.actor, o)
        self.dialog = dialog
        dialog.accepted.connect(self._changed)
        dialog.open()

    def _changed(self) -> None:
        self.refresh()
        self.data_changed.emit()

    # --- off the network (services/inspections/offline.py) ---------------------------------
    def _add_offline_actions(self, row: QHBoxLayout, layout: QVBoxLayout) -> None:
        """带离线… / 离线数据回传… on the main database; on an offline file a banner instead."""
        self.checkout_button = button(self.tr("带离线…"), "checkoutButton", self.checkout)
        self.checkin_button = button(self.tr("离线数据回传…"), "checkinButton", self.checkin)
        for b in (self.checkout_button, self.checkin_button):
            row.insertWidget(row.count() - 1, b)  # before the stretch
            b.setVisible(self.may_record)
        self.offline_banner = QLabel(self.tr("离线巡查文件：回到网络后在主系统中回传"))
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.setStyleSheet("background: #fff3cd; padding: 4px;")
        self.offline_banner.setVisible(False)
        layout.insertWidget(1, self.offline_banner)
        self.assignments_table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection)  # several to take along
        if self.database.target.is_sqlite:
            ops.run_db_op(self, self.database, lambda s, _p: offline.offline_info(s),
                          self._show_offline, read=True)

    def _show_offline(self, info: offline.OfflineInfo | None) -> None:
        self.offline_banner.setVisible(info is not None)
        if info is not None:
            self.checkout_button.setVisible(False)
            self.checkin_button.setVisible(False)

    def checkout(self) -> None:
        chosen = [a.id for a in (i.data(OBJECT_ROLE) for i in
                                 self.assignments_table.selectionModel().selectedRows())
                  if a.status == AssignmentState.ASSIGNED.value]
        if not chosen:
            messages.warning(self, self.tr(
                "请先在“巡查任务”中选择要带离线的任务（可按住 Ctrl 多选）"))
            return
        password = None
        if self.database.target.is_postgres:
            password = messages.ask_text(self, self.tr("带离线"), self.tr(
                "为离线文件设置登录密码（在现场用本程序打开该文件时输入）："), secret=True)
            if password is None:
                return
        suggested = f"巡查离线-{self.actor.username}-{clock.today().isoformat()}.jdoffline"
        path = files.save_file(self, self.tr("带离线"), suggested, "*.jdoffline",
                               purpose="offline")
        if path is None:
            return
        if path.suffix != offline.SUFFIX:
            path = path.with_name(path.name + offline.SUFFIX)
        actor = self.actor

        def done(info: offline.CheckoutInfo) -> None:
            self._changed()
            messages.info(self, self.tr(
                "已把 {count} 个巡查任务带离线到 {path}。在现场用本程序打开该文件（使用说明"
                "“离线巡查”）登记，回到网络后在此点“离线数据回传…”。").format(
                count=len(info.venues), path=info.path))

        def write(prepared: offline.PreparedCheckout) -> None:
            # recorded and committed: the file is written after the transaction
            ops.run_op(self, lambda _p: prepared.write(), done)

        ops.run_db_op(self, self.database, lambda s, _p: offline.prepare_checkout(
            s, actor, chosen, path, password=password), write)

    def checkin(self) -> None:
        path = files.open_file(self, self.tr("离线数据回传"),
                               self.tr("巡查离线文件 (*.jdoffline);;所有文件 (*)"),
                               purpose="offline")
        if path is None:
            return
        actor = self.actor

        def done(result: offline.CheckinResult) -> None:
            self._changed()
            submitted = sum(1 for r in result.records if r.submitted is not None)
            messages.info(self, self.tr(
                "已回传 {count} 条巡查记录（其中 {submitted} 条已提交）").format(
                count=len(result.records), submitted=submitted))

        ops.run_db_op(self, self.database, lambda s, _p: offline.checkin(s, actor, path), done)

    # --- files ----------------------------------------------------------------------------
    def export_choices(self) -> list[tuple[str, str]]:
        """(kind, menu text) of what can be exported for the current selection."""
        out = []
        if self.tabs.currentIndex() == 1 and selected_object(self.inspections_table):
            out.append(("report", self.tr("巡查记录（PDF）")))
        if self.tabs.currentIndex() == 2 and selected_object(self.orders_table):
            out.append(("notice", self.tr("整改通知书（PDF）")))
        out += [("summary_pdf", self.tr("本年巡查情况汇总（PDF）")),
                ("summary_xlsx", self.tr("本年巡查情况汇总（Excel）"))]
        return out

    def _export_menu(self) -> None:
        menu = QMenu(self)
        for kind, text in self.export_choices():
            menu.addAction(text, functools.partial(self.export, kind))
        menu.popup(self.export_button.mapToGlobal(self.export_button.rect().bottomLeft()))
        self._menu = menu

    def export(self, kind: str) -> None:
        actor, today = self.actor, clock.today()
        if kind == "report":
            i = selected_object(self.inspections_table)
            if i is None:
                return
            suggested, ext = f"巡查记录-{i.venue_name}-{i.id}.pdf", "pdf"
            iid = i.id

            def prepare(s: Any, out: Path) -> outputs.Prepared:
                return outputs.prepare_report(s, actor, iid, out)
        elif kind == "notice":
            o = selected_object(self.orders_table)
            if o is None:
                return
            suggested, ext = f"整改通知书-{o.venue_name}-{o.id}.pdf", "pdf"
            oid = o.id

            def prepare(s: Any, out: Path) -> outputs.Prepared:
                return outputs.prepare_notice(s, actor, oid, out)
        else:
            ext = "xlsx" if kind == "summary_xlsx" else "pdf"
            suggested = f"监督巡查情况汇总-{today.year}.{ext}"
            since = dt.date(today.year, 1, 1)

            def prepare(s: Any, out: Path) -> outputs.Prepared:
                return outputs.prepare_summary(s, actor, since, today, out)
        chosen = files.save_file(self, self.tr("导出"), suggested, f"*.{ext}")
        if chosen is None:
            return
        path = chosen if chosen.suffix.lower() == f".{ext}" else chosen.with_name(
            f"{chosen.name}.{ext}")

        def write(prepared: outputs.Prepared) -> None:
            ops.run_op(self, lambda _p: prepared.write(),
                       lambda written: messages.info(self, self.tr("已导出：{path}").format(
                           path=written)), read=True)

        ops.run_db_op(self, self.database, lambda s, _p: prepare(s, path), write)
