"""场馆招募 (DOMAIN.md process 1): recruitment calls (招募公告) and the venues'
self-recommendations (自荐申请) with their review by the subdistrict and the bureau.

Two tabs. 招募公告: the calls; the bureau's staff create, change, publish and close them;
everyone may print one. 自荐申请: the applications within the user's scope (a subdistrict user
sees its own only) with filters; a subdistrict user records one, by hand or from the Excel
application form; everyone opens one to see it and take the steps their role allows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import (
    APPLICATION_WORKFLOW,
    CALL_WORKFLOW,
    ApplicationState,
    CallState,
    VenueType,
)
from jd_admin.reports import data as report_data
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act, own_subdistrict_only
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.navigation import Page
from jd_admin.services.recruitment import applications as recruitment
from jd_admin.services.recruitment.application_input import ApplicationInput
from jd_admin.services.register import venues
from jd_admin.ui import files, keys, labels, messages, ops
from jd_admin.ui.filter_bar import FilterBar
from jd_admin.ui.page import BasePage
from jd_admin.ui.recruitment.application_detail_dialog import ApplicationDetailDialog
from jd_admin.ui.recruitment.application_form_dialog import ApplicationFormDialog
from jd_admin.ui.recruitment.shared import guarded
from jd_admin.ui.tables import OBJECT_ROLE, Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import FormDialog, date_edit, day_of, heading, wrapped

if TYPE_CHECKING:
    from jd_admin.db import Session

# What the list's op brings back: subdistricts (first load only), calls, applications, sports.
Loaded = tuple[list[venues.SubdistrictRow], list[recruitment.CallRow],
               list[recruitment.ApplicationRow], list[str]]
#: The bureau's name on a printed notice when the administrator has not recorded it yet.
DEFAULT_BUREAU_NAME = "嘉定区体育局"
SPORT_SEPARATORS = re.compile(r"[,，、;；\s]+")


class CallDialog(FormDialog):
    """A new recruitment call, or a draft call changed."""

    def __init__(self, page: RecruitmentPage, call: recruitment.CallRow | None = None) -> None:
        super().__init__(page, object_name="callDialog", title="", min_width=620)
        self.page = page
        self.call = call
        self.setWindowTitle(self.tr("新建招募公告") if call is None else self.tr("修改招募公告"))
        today = clock.today()
        self.title = QLineEdit()
        self.title.setObjectName("callTitle")
        self.title.setMaxLength(200)
        self.open_date = date_edit("openDate", call.open_date if call else today)
        self.close_date = date_edit(
            "closeDate", call.close_date if call else today + dt.timedelta(days=30))
        dates = QHBoxLayout()
        dates.addWidget(self.open_date)
        dates.addWidget(QLabel(self.tr("至")))
        dates.addWidget(self.close_date)
        dates.addStretch()
        self.venue_types: dict[str, QCheckBox] = {}
        types = QHBoxLayout()
        for code in VenueType.codes():
            box = QCheckBox(labels.of(VenueType, code))
            box.setObjectName(f"venueType_{code}")
            box.setChecked(call is None or code in call.venue_types)
            self.venue_types[code] = box
            types.addWidget(box)
        types.addStretch()
        self.sports = QLineEdit()
        self.sports.setObjectName("callSports")
        self.sports.setPlaceholderText(self.tr("用逗号或顿号分隔，如 游泳、羽毛球、篮球"))
        self.conditions = QPlainTextEdit()
        self.conditions.setObjectName("callConditions")
        self.conditions.setTabChangesFocus(True)
        self.conditions.setMinimumHeight(90)
        self.required_documents = QPlainTextEdit()
        self.required_documents.setObjectName("callDocuments")
        self.required_documents.setTabChangesFocus(True)
        self.required_documents.setMinimumHeight(120)
        if call is not None:
            self.title.setText(call.title)
            self.sports.setText(labels.join(call.sports))
            self.conditions.setPlainText(call.conditions)
            self.required_documents.setPlainText(call.required_documents)
        else:
            self.required_documents.setPlainText(self.tr(
                "1. 营业执照或事业单位法人证书（统一社会信用代码）；\n"
                "2. 场馆照片（场地、设施、出入口）；\n"
                "3. 价目表（各项目挂牌价）；\n"
                "4. 教练资格证书（如有教学培训项目）；\n"
                "5. 安全与防疫措施；\n"
                "6. 用于接收补贴的对公银行账户信息。"))
        self.form.addRow(self.tr("公告标题："), self.title)
        self.form.addRow(self.tr("报名时间："), dates)
        self.form.addRow(self.tr("适用场馆类型："), types)
        self.form.addRow(self.tr("运动项目："), self.sports)
        self.form.addRow(self.tr("申报条件："), self.conditions)
        self.form.addRow(self.tr("需提交的材料："), self.required_documents)
        self.finish(self.tr("保存"), self.save, note=self.tr(
            "保存后为草稿，发布后街镇即可看到并据此登记场馆的自荐申请；发布后不能再修改。"))

    def value(self) -> recruitment.CallInput:
        return recruitment.CallInput(
            title=self.title.text(),
            open_date=day_of(self.open_date),
            close_date=day_of(self.close_date),
            venue_types=tuple(code for code, box in self.venue_types.items() if box.isChecked()),
            sports=tuple(s for s in SPORT_SEPARATORS.split(self.sports.text()) if s),
            conditions=self.conditions.toPlainText(),
            required_documents=self.required_documents.toPlainText(),
        )

    def save(self) -> None:
        data, actor = self.value(), self.page.actor
        if self.call is None:
            self.submit(self.page.database,
                        guarded(lambda s: recruitment.create_call(s, actor, data)))
        else:
            call_id, version = self.call.id, self.call.version
            self.submit(self.page.database, guarded(lambda s: recruitment.update_call(
                s, actor, call_id, data, expected_version=version)))


class CallChoiceDialog(QDialog):
    """Which open call an imported application answers (only asked when there are several):
    a list, the first call chosen; the arrow keys move, Return (or a double-click) chooses."""

    def __init__(self, parent: QWidget, calls: Sequence[recruitment.CallRow]) -> None:
        super().__init__(parent)
        self.setObjectName("callChoiceDialog")
        self.setWindowTitle(self.tr("选择招募公告"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("导入的申请登记在哪个招募公告下？")))
        self.calls = QListWidget()
        self.calls.setObjectName("callList")
        for c in calls:
            item = QListWidgetItem(self.tr("{title}（报名至 {end}）").format(
                title=c.title, end=c.close_date.isoformat()))
            item.setData(Qt.ItemDataRole.UserRole, c)
            self.calls.addItem(item)
        self.calls.setCurrentRow(0)
        # Return reaches the dialog's default button (选择); a double-click chooses as well.
        self.calls.doubleClicked.connect(lambda _index: self.accept())
        layout.addWidget(self.calls)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("选择"))
        ok.setDefault(True)
        keys.hint(ok, keys.OPEN)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.calls.setFocus()

    def chosen(self) -> recruitment.CallRow:
        item = self.calls.currentItem() or self.calls.item(0)
        call: recruitment.CallRow = item.data(Qt.ItemDataRole.UserRole)
        return call


class RecruitmentPage(BasePage):
    page = Page.RECRUITMENT

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        self.is_bureau = may_act(self.actor, Action.MANAGE_CALLS)
        self.is_subdistrict = may_act(self.actor, Action.RECORD_APPLICATION)
        #: The applications shown are the actor's own subdistrict's only.
        self.own_subdistrict = own_subdistrict_only(self.actor, Action.READ_APPLICATIONS)
        self.calls: list[recruitment.CallRow] = []
        self._subdistricts_loaded = False
        #: The dialogs this page opened last (tests and the lead reach them here).
        self.call_dialog: CallDialog | None = None
        self.form_dialog: ApplicationFormDialog | None = None
        self.detail_dialog: ApplicationDetailDialog | None = None
        self.choice_dialog: CallChoiceDialog | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("场馆招募")))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recruitmentTabs")
        self.tabs.addTab(self._calls_tab(), self.tr("招募公告"))
        self.tabs.addTab(self._applications_tab(), self.tr("自荐申请"))
        layout.addWidget(self.tabs, 1)
        self._call_selection_changed()
        self._application_selection_changed()

    # --- building -------------------------------------------------------------------------

    def _calls_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        buttons = QHBoxLayout()
        self.new_call_button = QPushButton(self.tr("新建…"))
        keys.bind(self.new_call_button, keys.NEW)
        self.new_call_button.setObjectName("newCallButton")
        self.edit_call_button = QPushButton(self.tr("修改…"))
        self.edit_call_button.setObjectName("editCallButton")
        self.publish_button = QPushButton(self.tr("发布"))
        self.publish_button.setObjectName("publishCallButton")
        self.close_call_button = QPushButton(self.tr("截止"))
        self.close_call_button.setObjectName("closeCallButton")
        self.print_notice_button = QPushButton(self.tr("打印公告…"))
        keys.bind(self.print_notice_button, keys.PRINT)
        self.print_notice_button.setObjectName("printNoticeButton")
        bureau_buttons = (self.new_call_button, self.edit_call_button, self.publish_button,
                          self.close_call_button)
        for b in bureau_buttons:
            b.setVisible(self.is_bureau)
            buttons.addWidget(b)
        buttons.addWidget(self.print_notice_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        if self.is_subdistrict:
            layout.addWidget(wrapped(self.tr(
                "以下是区体育局发布的招募公告。"
                "场馆向所在街镇自荐后，在“自荐申请”中登记或从 Excel 导入。")))

        self.calls_model = RowsModel([
            Column(self.tr("标题"), lambda c: c.title),
            Column(self.tr("报名时间"), lambda c: self.tr("{start} 至 {end}").format(
                start=c.open_date.isoformat(), end=c.close_date.isoformat()),
                sort_key=lambda c: c.open_date.isoformat()),
            Column(self.tr("适用类型"),
                   lambda c: labels.join(labels.of(VenueType, t) for t in c.venue_types)),
            Column(self.tr("项目"), lambda c: labels.join(c.sports)),
            Column(self.tr("状态"), self._call_status),
            Column(self.tr("申请数"), lambda c: c.application_count, align_right=True),
        ], self)
        self.calls_table = make_table(self.calls_model, "callsTable", self)
        self.calls_table.selectionModel().selectionChanged.connect(self._call_selection_changed)
        self.calls_table.on_open(self._call_double_clicked)

        self.call_text = QLabel()
        self.call_text.setObjectName("callText")
        self.call_text.setWordWrap(True)
        self.call_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.call_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        call_box = QGroupBox(self.tr("公告内容"))
        box_layout = QVBoxLayout(call_box)
        box_layout.addWidget(self.call_text)
        box_layout.addStretch()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.calls_table)
        splitter.addWidget(call_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.new_call_button.clicked.connect(self.new_call)
        self.edit_call_button.clicked.connect(self.edit_call)
        self.publish_button.clicked.connect(lambda: self.set_call_status(CallState.PUBLISHED))
        self.close_call_button.clicked.connect(lambda: self.set_call_status(CallState.CLOSED))
        self.print_notice_button.clicked.connect(self.print_notice)
        return tab

    def _applications_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self._build_filters())

        buttons = QHBoxLayout()
        self.new_application_button = QPushButton(self.tr("登记申请…"))
        keys.bind(self.new_application_button, keys.NEW)
        self.new_application_button.setObjectName("newApplicationButton")
        self.import_button = QPushButton(self.tr("从 Excel 导入…"))
        self.import_button.setObjectName("importApplicationButton")
        self.template_button = QPushButton(self.tr("下载申请表模板…"))
        self.template_button.setObjectName("templateButton")
        self.view_button = QPushButton(self.tr("查看…"))
        keys.hint(self.view_button, keys.OPEN)
        self.view_button.setObjectName("viewApplicationButton")
        for b in (self.new_application_button, self.import_button, self.template_button):
            b.setVisible(self.is_subdistrict)
            buttons.addWidget(b)
        buttons.addWidget(self.view_button)
        buttons.addStretch()
        layout.addLayout(buttons)

        self.applications_model = RowsModel([
            Column(self.tr("编号"), lambda a: a.number),
            Column(self.tr("场馆名称"), lambda a: a.venue_name),
            Column(self.tr("街镇"), lambda a: a.subdistrict),
            Column(self.tr("类型"), lambda a: labels.of(VenueType, a.venue_type)),
            Column(self.tr("项目"), lambda a: labels.join(a.sports)),
            Column(self.tr("状态"), lambda a: labels.of(ApplicationState, a.status)),
            Column(self.tr("提交时间"), lambda a: clock.format_local(a.submitted_at),
                   sort_key=lambda a: a.submitted_at.isoformat() if a.submitted_at else ""),
            Column(self.tr("最近更新"), lambda a: clock.format_local(a.updated_at),
                   sort_key=lambda a: a.updated_at.isoformat()),
        ], self)
        self.applications_table = make_table(self.applications_model, "applicationsTable", self)
        self.applications_table.on_open(self._application_double_clicked)
        self.applications_table.selectionModel().selectionChanged.connect(
            self._application_selection_changed)
        layout.addWidget(self.applications_table, 1)
        self.count = QLabel()
        self.count.setObjectName("applicationCount")
        layout.addWidget(self.count)

        self.filters.changed.connect(self.refresh)
        self.new_application_button.clicked.connect(self.new_application)
        self.import_button.clicked.connect(self.import_application)
        self.template_button.clicked.connect(self.save_template)
        self.view_button.clicked.connect(self.view_application)
        return tab

    def _build_filters(self) -> FilterBar:
        self.filters = FilterBar()
        # The list shows the user's own subdistrict anyway where they see only that one.
        self.subdistrict = self.filters.add_subdistrict(
            self.actor.subdistrict_name or "" if self.own_subdistrict else None)
        self.status = self.filters.add_choice(
            "status", self.tr("状态："), self.tr("全部状态"),
            [(labels.of(ApplicationState, code), code)
             for code in APPLICATION_WORKFLOW.states.codes()],
            object_name="statusFilter")
        self.call_filter = self.filters.add_choice(
            "call", self.tr("公告："), self.tr("全部公告"), object_name="callFilter")
        self.call_filter.setMinimumContentsLength(12)
        self.call_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sport = self.filters.add_choice(
            "sport", self.tr("项目："), self.tr("全部项目"), object_name="sportFilter")
        self.search = self.filters.add_search(
            "search", self.tr("按名称、地址或信用代码搜索"), object_name="applicationSearch")
        self.filters.add_button(self.tr("查询")).setObjectName("searchButton")
        return self.filters

    def _call_status(self, call: recruitment.CallRow) -> str:
        label = labels.of(CallState, call.status)
        if call.status != CallState.PUBLISHED:
            return label
        today = clock.today()
        if call.is_open_on(today):
            return self.tr("{state}（报名中）").format(state=label)
        if today < call.open_date:
            return self.tr("{state}（未开始）").format(state=label)
        return self.tr("{state}（报名期已过）").format(state=label)

    # --- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        # Plain values for the op (read here, on the GUI thread).
        subdistrict_id = self.filters.value("subdistrict")
        status = self.filters.value("status")
        call_id = self.filters.value("call")
        sport = self.filters.value("sport")
        search = str(self.filters.value("search"))
        assert subdistrict_id is None or isinstance(subdistrict_id, int)
        assert status is None or isinstance(status, str)
        assert call_id is None or isinstance(call_id, int)
        assert sport is None or isinstance(sport, str)
        need_subdistricts = not self._subdistricts_loaded and not self.own_subdistrict
        actor = self.actor

        def load(s: Session, _p: ops.Progress) -> Loaded:
            subdistricts = venues.list_subdistricts(s) if need_subdistricts else []
            calls = recruitment.list_calls(s, actor)
            rows = recruitment.list_applications(
                s, actor, subdistrict_id=subdistrict_id, status=status, call_id=call_id,
                sport=sport, search=search)
            return subdistricts, calls, rows, recruitment.sports_in_use(s, actor)

        ops.run_db_op(self, self.database, load, self._show, read=True)

    def _show(self, result: Loaded) -> None:
        subdistricts, calls, rows, sports = result
        # Replacing a choice's items reloads the list when its current value is gone.
        if subdistricts:
            self._subdistricts_loaded = True
            self.filters.set_items("subdistrict", [(sd.name, sd.id) for sd in subdistricts])
        self.filters.set_items("call", [(c.title, c.id) for c in calls])
        self.filters.set_items("sport", [(sport, sport) for sport in sports])
        self.calls = calls
        selected = selected_object(self.calls_table)
        self.calls_model.set_rows(calls)
        _fit_columns(self.calls_table)
        if selected is not None:
            self._select(self.calls_table, self.calls_model, lambda c: c.id == selected.id)
        selected_app = selected_object(self.applications_table)
        self.applications_model.set_rows(rows)
        _fit_columns(self.applications_table)
        if selected_app is not None:
            self._select(self.applications_table, self.applications_model,
                         lambda a: a.id == selected_app.id)
        self.count.setText(self.tr("共 {n} 份申请").format(n=len(rows)))
        self._call_selection_changed()
        self._application_selection_changed()

    @staticmethod
    def _select(view: QTableView, model: RowsModel, match: Callable[[Any], bool]) -> bool:
        for row, obj in enumerate(model.rows):
            if match(obj):
                proxy = view.model()
                assert isinstance(proxy, QSortFilterProxyModel)
                index = proxy.mapFromSource(model.index(row, 0))
                view.selectRow(index.row())
                return True
        return False

    # --- calls ----------------------------------------------------------------------------

    def selected_call(self) -> recruitment.CallRow | None:
        call: recruitment.CallRow | None = selected_object(self.calls_table)
        return call

    def _call_selection_changed(self) -> None:
        call = self.selected_call()
        targets = (CALL_WORKFLOW.targets(call.status, self.actor.role)
                   if call is not None else set())
        self.edit_call_button.setEnabled(call is not None and call.editable)
        self.publish_button.setEnabled(CallState.PUBLISHED in targets)
        self.close_call_button.setEnabled(CallState.CLOSED in targets)
        self.print_notice_button.setEnabled(call is not None)
        if call is None:
            self.call_text.setText(self.tr("选中一个招募公告，在此查看申报条件和需提交的材料。"))
            return
        self.call_text.setText(self.tr(
            "<b>{title}</b>（{state}）<br>报名时间：{start} 至 {end}；适用类型：{types}<br>"
            "运动项目：{sports}<br><br><b>申报条件</b><br>{conditions}<br><br>"
            "<b>需提交的材料</b><br>{documents}").format(
            title=_html(call.title), state=self._call_status(call),
            start=call.open_date.isoformat(), end=call.close_date.isoformat(),
            types=labels.join(labels.of(VenueType, t) for t in call.venue_types),
            sports=_html(labels.join(call.sports)), conditions=_html(call.conditions),
            documents=_html(call.required_documents)))

    def _call_double_clicked(self, _index: QModelIndex) -> None:
        call = self.selected_call()
        if call is not None and call.editable:
            self.edit_call()

    def _open_call_dialog(self, call: recruitment.CallRow | None) -> None:
        dialog = CallDialog(self, call)
        dialog.accepted.connect(self._call_saved)
        _dispose(self.call_dialog)
        self.call_dialog = dialog
        dialog.open()

    def new_call(self) -> None:
        self._open_call_dialog(None)

    def edit_call(self) -> None:
        call = self.selected_call()
        if call is not None:
            self._open_call_dialog(call)

    def _call_saved(self) -> None:
        self.data_changed.emit()

    def set_call_status(self, target: str) -> None:
        call = self.selected_call()
        if call is None:
            return
        if target == CallState.PUBLISHED:
            question = self.tr("发布招募公告“{title}”吗？发布后各街镇即可看到，公告不能再修改。")
            done = self.tr("已发布招募公告“{title}”。")
        else:
            question = self.tr("截止招募公告“{title}”吗？截止后不能再登记新的申请。")
            done = self.tr("招募公告“{title}”已截止。")
        if not messages.ask(self, question.format(title=call.title)):
            return
        call_id, version, actor = call.id, call.version, self.actor

        def finished(_r: object) -> None:
            messages.info(self, done.format(title=call.title))
            self.data_changed.emit()

        ops.run_db_op(self, self.database, guarded(lambda s: recruitment.set_call_status(
            s, actor, call_id, target, expected_version=version)), finished)

    def print_notice(self) -> None:
        call = self.selected_call()
        if call is None:
            return
        call_id, actor = call.id, self.actor
        label = self.tr("正在生成公告…")

        def gather(s: Session, _p: ops.Progress) -> report_data.CallNotice:
            bureau = agreements.parties(s).get("bureau")
            name = bureau.name if bureau is not None and bureau.name else DEFAULT_BUREAU_NAME
            return recruitment.call_notice(s, actor, call_id, name)

        def render(notice: report_data.CallNotice) -> None:
            # The PDF is written after the transaction has ended.
            def write(_p: ops.Progress) -> Path:
                from jd_admin.reports.recruitment import write_call_notice

                now = dt.datetime.now()
                path = files.temp_path(f"招募公告-{call_id}-{now:%Y%m%d-%H%M%S}.pdf")
                write_call_notice(notice, path)
                return path

            ops.run_op(self, write, files.show, label=label)

        # a write: the print is recorded in the audit trail
        ops.run_db_op(self, self.database, gather, render, label=label)

    # --- applications ---------------------------------------------------------------------

    def open_calls(self) -> list[recruitment.CallRow]:
        today = clock.today()
        return [c for c in self.calls if c.is_open_on(today)]

    def _no_open_call(self) -> bool:
        if self.open_calls():
            return False
        messages.warning(self, self.tr("当前没有处于报名期的招募公告，不能登记申请。"))
        return True

    def new_application(self) -> None:
        if self._no_open_call():
            return
        calls = self.open_calls()
        chosen = self.filters.value("call")
        calls.sort(key=lambda c: c.id != chosen)  # the filtered call first
        dialog = ApplicationFormDialog(self, self.database, self.actor, calls=calls)
        dialog.accepted.connect(lambda: self._application_created(dialog.created_id))
        _dispose(self.form_dialog)
        self.form_dialog = dialog
        dialog.open()

    def _application_created(self, application_id: int | None) -> None:
        self.data_changed.emit()
        if application_id is not None:
            self.open_application(application_id)

    def import_application(self) -> None:
        if self._no_open_call():
            return
        calls = self.open_calls()
        if len(calls) == 1:
            self._import_into(calls[0])
            return
        dialog = CallChoiceDialog(self, calls)
        dialog.accepted.connect(lambda: self._import_into(dialog.chosen()))
        _dispose(self.choice_dialog)
        self.choice_dialog = dialog
        dialog.open()

    def _import_into(self, call: recruitment.CallRow) -> None:
        path = files.open_file(
            self, self.tr("选择填好的自荐申请表"), self.tr("Excel 工作簿 (*.xlsx)"))
        if path is None:
            return
        call_id, actor = call.id, self.actor
        label = self.tr("正在导入申请表…")

        # The file is read and checked first, without a transaction; then the write.
        def parse(_p: ops.Progress) -> ApplicationInput:
            from jd_admin.services.recruitment.application_form import read_application_form

            return read_application_form(path)

        def record(data: ApplicationInput) -> None:
            ops.run_db_op(self, self.database, guarded(
                lambda s: recruitment.create_application(s, actor, call_id, data)),
                self._application_created, label=label)

        ops.run_op(self, parse, record, label=label)

    def save_template(self) -> None:
        path = files.save_file(
            self, self.tr("保存自荐申请表模板"), self.tr("嘉定区体育消费券定点场馆自荐申请表.xlsx"),
            self.tr("Excel 工作簿 (*.xlsx)"))
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")

        def write(_p: ops.Progress) -> Path:
            from jd_admin.reports.application_form import write_template

            write_template(path)
            return path

        ops.run_op(self, write, lambda p: messages.info(self, self.tr(
            "已保存申请表模板：{path}\n请交场馆填写后，用“从 Excel 导入…”登记。"
        ).format(path=p)))

    def _application_selection_changed(self) -> None:
        self.view_button.setEnabled(selected_object(self.applications_table) is not None)

    def _application_double_clicked(self, index: QModelIndex) -> None:
        row = index.data(OBJECT_ROLE)
        if row is not None:
            self.open_application(row.id)

    def view_application(self) -> None:
        row = selected_object(self.applications_table)
        if row is not None:
            self.open_application(row.id)

    def open_application(self, application_id: int) -> None:
        """Load the application and open its dialog (a message if it is not within reach)."""
        actor = self.actor
        ops.run_db_op(self, self.database,
                      lambda s, _p: recruitment.application_detail(s, actor, application_id),
                      self._open_detail, read=True)

    def _open_detail(self, detail: recruitment.ApplicationDetail) -> None:
        dialog = ApplicationDetailDialog(self, self.database, self.actor, detail)
        dialog.changed.connect(self.data_changed)
        _dispose(self.detail_dialog)
        self.detail_dialog = dialog
        dialog.open()

    def focus_target(self, target: str) -> None:
        """``target`` is an application id (from My tasks): open it."""
        try:
            application_id = int(target)
        except ValueError:
            return
        self.tabs.setCurrentIndex(1)
        self._select(self.applications_table, self.applications_model,
                     lambda a: a.id == application_id)
        self.open_application(application_id)


def _fit_columns(view: QTableView, max_width: int = 280) -> None:
    """Columns as wide as their contents, but none so wide that the next ones scroll away
    (the full text of a long cell is in the pane or dialog of the record)."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)


def _dispose(dialog: QDialog | None) -> None:
    """Close and delete the dialog a new one replaces (dialogs are children of the page)."""
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()


def _html(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br>")
