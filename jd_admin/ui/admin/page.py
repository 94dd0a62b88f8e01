"""系统管理: users (create, reset password, enable/disable, unlock) and interface settings."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jd_admin.db import Database, Session
from jd_admin.domain.errors import UserError
from jd_admin.domain.roles import Role
from jd_admin.models.base import utcnow
from jd_admin.services.accounts import users
from jd_admin.services.actor import Actor
from jd_admin.services.agreements import lifecycle as agreements
from jd_admin.services.clock import format_local
from jd_admin.services.navigation import Page
from jd_admin.services.register import venues
from jd_admin.ui import idle_lock, keys, labels, messages, ops, settings
from jd_admin.ui import reason as reason_prompt
from jd_admin.ui.ops import Progress
from jd_admin.ui.page import BasePage
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import ErrorLabel, FormDialog, heading, password_edit

#: What the page loads: the subdistricts, the users and the agreement parties.
_AdminData = tuple[
    list[venues.SubdistrictRow], list[users.UserInfo], dict[str, agreements.PartyInfo]
]


class UserDialog(FormDialog):
    """New user: name, full name, role, subdistrict, initial password (changed at first login)."""

    def __init__(self, page: AdminPage, subdistricts: list[venues.SubdistrictRow]) -> None:
        super().__init__(page, object_name="userDialog", title=self.tr("新建用户"))
        self.page = page
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for r in Role:
            self.role.addItem(labels.role(r), r.value)
        self.subdistrict = QComboBox()
        self.subdistrict.setObjectName("subdistrict")
        self.subdistrict.addItem("", None)
        for sd in subdistricts:
            self.subdistrict.addItem(sd.name, sd.name)
        self.password = password_edit("password")
        self.confirm = password_edit("confirm")
        self.form.addRow(self.tr("用户名："), self.username)
        self.form.addRow(self.tr("姓名："), self.full_name)
        self.form.addRow(self.tr("角色："), self.role)
        self.form.addRow(self.tr("所属街镇："), self.subdistrict)
        self.form.addRow(self.tr("初始密码："), self.password)
        self.form.addRow(self.tr("确认初始密码："), self.confirm)
        self.finish(self.tr("确定"), self.save,
                    note=self.tr("用户首次登录时必须修改初始密码。"
                                 "在 PostgreSQL 上同时创建此人的数据库登录角色。"))
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        has_subdistrict = users.role_has_subdistrict(self.role.currentData())
        self.subdistrict.setEnabled(has_subdistrict)
        if not has_subdistrict:
            self.subdistrict.setCurrentIndex(0)

    def save(self) -> None:
        if self.mismatch(self.password, self.confirm, self.tr("两次输入的密码不一致")):
            return
        values = (self.username.text(), self.full_name.text(), self.role.currentData(),
                  self.password.text(), self.subdistrict.currentData())
        actor = self.page.actor
        self.submit(self.page.database, lambda s, _p: users.create_user(s, actor, *values))


class ResetPasswordDialog(FormDialog):
    def __init__(self, page: AdminPage, user: users.UserInfo) -> None:
        super().__init__(page, object_name="resetPasswordDialog",
                         title=self.tr("重置密码：{name}").format(name=user.full_name))
        self.page = page
        self.user = user
        self.password = password_edit("password")
        self.confirm = password_edit("confirm")
        self.form.addRow(self.tr("新的初始密码："), self.password)
        self.form.addRow(self.tr("确认："), self.confirm)
        self.finish(self.tr("确定"), self.save,
                    note=self.tr("重置后账户解锁，用户下次登录时必须修改密码。"))

    def save(self) -> None:
        if self.mismatch(self.password, self.confirm, self.tr("两次输入的密码不一致")):
            return
        password = self.password.text()
        actor, username, version = self.page.actor, self.user.username, self.user.version
        self.submit(self.page.database, lambda s, _p: users.reset_password(
            s, actor, username, password, version))


class PartyForm(QGroupBox):
    """One party of every agreement (the bureau or the platform operator): name, unified social
    credit code, address and representative, saved on its own."""

    def __init__(self, page: AdminPage, party: str, title: str) -> None:
        super().__init__(title)
        self.page = page
        self.party = party
        self.setObjectName(f"party_{party}")
        self.version: int | None = None
        form = QFormLayout(self)
        form.setVerticalSpacing(4)
        self.name = QLineEdit()
        self.name.setObjectName("partyName")
        self.name.setMaxLength(100)
        self.credit_code = QLineEdit()
        self.credit_code.setObjectName("partyCreditCode")
        self.credit_code.setMaxLength(30)
        self.credit_code.setPlaceholderText(self.tr("18 位统一社会信用代码"))
        self.address = QLineEdit()
        self.address.setObjectName("partyAddress")
        self.address.setMaxLength(200)
        self.representative = QLineEdit()
        self.representative.setObjectName("partyRepresentative")
        self.representative.setMaxLength(40)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("savePartyButton")
        self.save_button.clicked.connect(self.save)
        last = QHBoxLayout()
        last.addWidget(self.representative, 1)
        last.addWidget(self.save_button)
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.tr("统一社会信用代码："), self.credit_code)
        form.addRow(self.tr("地址："), self.address)
        form.addRow(self.tr("法定代表人/负责人："), last)
        self.error = ErrorLabel()
        form.addRow(self.error)
        self.saved = QLabel()
        self.saved.setObjectName("partySaved")
        self.saved.setStyleSheet("color: #2e7d32;")
        self.saved.hide()
        form.addRow(self.saved)

    def show_party(self, info: agreements.PartyInfo | None) -> None:
        self.version = info.version if info else None
        self.name.setText(info.name if info else "")
        self.credit_code.setText(info.credit_code if info else "")
        self.address.setText(info.address if info else "")
        self.representative.setText(info.representative if info else "")

    def save(self) -> None:
        self.error.show_message("")
        self.saved.hide()
        self.save_button.setEnabled(False)
        values = (self.party, self.name.text(), self.credit_code.text(), self.address.text(),
                  self.representative.text())
        actor, version, party = self.page.actor, self.version, self.party

        def run(s: Session, _p: Progress) -> agreements.PartyInfo | None:
            agreements.set_party(s, actor, *values, expected_version=version)
            s.flush()  # the new version
            return agreements.parties(s).get(party)

        ops.run_db_op(self, self.page.database, run, self._saved, on_failure=self._failed)

    def _saved(self, info: agreements.PartyInfo | None) -> None:
        self.save_button.setEnabled(True)
        self.show_party(info)
        self.saved.setText(self.tr("已保存。此后生成的协议将使用这些信息。"))
        self.saved.show()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error.show_message(str(exc))
        else:
            ops.handle_failure(self, exc, exc.__traceback__)


class AdminPage(BasePage):
    page = Page.ADMIN

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        self.subdistricts: list[venues.SubdistrictRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("系统管理")))

        group = QGroupBox(self.tr("用户"))
        group_layout = QVBoxLayout(group)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建用户…"))
        keys.bind(self.new_button, keys.NEW)
        self.new_button.setObjectName("newUserButton")
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.toggle_button = QPushButton(self.tr("停用"))
        self.toggle_button.setObjectName("toggleActiveButton")
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setObjectName("unlockButton")
        for b in (self.new_button, self.reset_button, self.toggle_button, self.unlock_button):
            buttons.addWidget(b)
        buttons.addStretch()
        group_layout.addLayout(buttons)
        self.model = RowsModel([
            Column(self.tr("用户名"), lambda u: u.username),
            Column(self.tr("姓名"), lambda u: u.full_name),
            Column(self.tr("角色"), lambda u: labels.role(u.role)),
            Column(self.tr("所属街镇"), lambda u: u.subdistrict_name or ""),
            Column(self.tr("状态"), self._state),
            Column(self.tr("须修改密码"),
                   lambda u: self.tr("是") if u.must_change_password else ""),
            Column(self.tr("最近登录"), lambda u: format_local(u.last_login_at),
                   sort_key=lambda u: u.last_login_at.isoformat() if u.last_login_at else ""),
        ], self)
        self.table = make_table(self.model, "usersTable", self)
        group_layout.addWidget(self.table)
        layout.addWidget(group, 1)

        parties = QGroupBox(self.tr("协议当事方"))
        parties.setObjectName("partiesGroup")
        parties.setToolTip(self.tr(
            "三方合作协议中甲方（区体育局）和丙方（配送平台运营机构）的信息；生成协议时写入协议，"
            "已生成的协议不受修改影响。"))
        forms = QHBoxLayout(parties)
        self.party_forms = {
            "bureau": PartyForm(self, "bureau", self.tr("甲方：区体育局")),
            "operator": PartyForm(self, "operator", self.tr("丙方：配送平台运营机构")),
        }
        for form in self.party_forms.values():
            forms.addWidget(form)
        layout.addWidget(parties)

        prefs = QGroupBox(self.tr("本机界面设置"))
        prefs_layout = QHBoxLayout(prefs)
        prefs_layout.addWidget(QLabel(self.tr("界面语言：")))
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in settings.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(settings.LANGUAGES).index(settings.language()))
        self.language.currentIndexChanged.connect(self._language_changed)
        prefs_layout.addWidget(self.language)
        prefs_layout.addWidget(QLabel(self.tr("（下次登录时生效；各用户也可在“语言”菜单中设置）")))
        prefs_layout.addSpacing(24)
        prefs_layout.addWidget(QLabel(self.tr("无操作自动锁定：")))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(idle_lock.MIN_MINUTES, idle_lock.MAX_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" 分钟"))
        self.idle_minutes.setValue(idle_lock.idle_minutes())
        self.idle_minutes.setToolTip(self.tr(
            "本机无键盘和鼠标操作达到此时间后隐藏所有窗口并要求重新输入密码（下次登录起生效）。"))
        self.idle_minutes.valueChanged.connect(idle_lock.set_idle_minutes)
        prefs_layout.addWidget(self.idle_minutes)
        prefs_layout.addStretch()
        layout.addWidget(prefs)

        self.new_button.clicked.connect(self.new_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def _state(self, u: users.UserInfo) -> str:
        if not u.is_active:
            return self.tr("停用", "state")
        if u.is_locked(utcnow()):
            return self.tr("锁定至 {t}").format(t=format_local(u.locked_until))
        return self.tr("启用", "state")

    def _selection_changed(self) -> None:
        user = selected_object(self.table)
        for b in (self.reset_button, self.toggle_button, self.unlock_button):
            b.setEnabled(user is not None)
        if user is not None:
            self.toggle_button.setText(self.tr("停用") if user.is_active else self.tr("启用"))
            self.unlock_button.setEnabled(user.is_locked(utcnow()))

    def refresh(self) -> None:
        actor = self.actor

        def load(s: Session, _p: Progress) -> _AdminData:
            return (venues.list_subdistricts(s), users.list_users(s, actor),
                    agreements.parties(s))

        ops.run_db_op(self, self.database, load, self._show, read=True)

    def _show(self, result: _AdminData) -> None:
        self.subdistricts, rows, parties = result
        for party, form in self.party_forms.items():
            form.show_party(parties.get(party))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def focus_target(self, target: str) -> None:
        for row, user in enumerate(self.model.rows):
            if user.username == target:
                proxy = self.table.model()
                assert isinstance(proxy, QSortFilterProxyModel)
                index = proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectRow(index.row())
                return

    def _done(self, message: str) -> None:
        messages.info(self, message)
        self.data_changed.emit()

    def new_user(self) -> None:
        dialog = UserDialog(self, self.subdistricts)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr(
                "已创建用户 {name}。请把初始密码当面交给本人，首次登录时须修改。").format(
                    name=dialog.username.text().strip()))

    def reset_password(self) -> None:
        user = selected_object(self.table)
        if user is None:
            return
        dialog = ResetPasswordDialog(self, user)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("已重置 {name} 的密码。").format(name=user.full_name))

    def toggle_active(self) -> None:
        user = selected_object(self.table)
        if user is None:
            return
        activate = not user.is_active
        action = self.tr("启用") if activate else self.tr("停用")
        actor = self.actor
        reason_prompt.ask_reason(
            self, self.database, title=self.tr("{action}用户").format(action=action),
            intro=self.tr("{action} {name}（{login}）。").format(
                action=action, name=user.full_name, login=user.username),
            label=self.tr("原因："),
            call=lambda s, reason: users.set_active(s, actor, user.username, activate, reason,
                                                    user.version),
            ok_text=action,
            on_done=lambda _r: self._done(self.tr("已{action}用户 {name}。").format(
                action=action, name=user.full_name)))

    def unlock(self) -> None:
        user = selected_object(self.table)
        if user is None:
            return
        actor = self.actor
        ops.run_db_op(
            self, self.database,
            lambda s, _p: users.unlock(s, actor, user.username, user.version),
            lambda _r: self._done(self.tr("已解除 {name} 的锁定。").format(name=user.full_name)),
        )

    def _language_changed(self) -> None:
        settings.set_language(self.language.currentData())
        messages.info(self, self.tr("界面语言已保存，注销后重新登录（或重新启动程序）时生效。"))
