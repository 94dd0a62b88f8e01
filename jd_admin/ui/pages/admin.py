"""系统管理: users (create, reset password, enable/disable, unlock) and interface settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from jd_admin.models import Role
from jd_admin.models.base import utcnow
from jd_admin.services import users, venues
from jd_admin.services.clock import format_local
from jd_admin.services.navigation import Page
from jd_admin.ui import labels, messages, ops, settings
from jd_admin.ui.pages.base import BasePage
from jd_admin.ui.tables import Column, RowsModel, make_table, selected_object
from jd_admin.ui.widgets import FormDialog, heading, password_edit


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
                    note=self.tr("用户首次登录时必须修改初始密码。在 PostgreSQL 上同时创建此人的数据库登录角色。"))
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        is_subdistrict = self.role.currentData() == Role.SUBDISTRICT.value
        self.subdistrict.setEnabled(is_subdistrict)
        if not is_subdistrict:
            self.subdistrict.setCurrentIndex(0)

    def save(self) -> None:
        if self.mismatch(self.password, self.confirm, self.tr("两次输入的密码不一致")):
            return
        values = (self.username.text(), self.full_name.text(), self.role.currentData(),
                  self.password.text(), self.subdistrict.currentData())
        self.submit(self.page.database, lambda s, _p: users.create_user(s, self.page.actor, *values))


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
        self.submit(self.page.database, lambda s, _p: users.reset_password(
            s, self.page.actor, self.user.username, password, self.user.version))


class AdminPage(BasePage):
    page = Page.ADMIN

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.subdistricts: list[venues.SubdistrictRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("系统管理")))

        group = QGroupBox(self.tr("用户"))
        group_layout = QVBoxLayout(group)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建用户…"))
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
            Column(self.tr("须修改密码"), lambda u: self.tr("是") if u.must_change_password else ""),
            Column(self.tr("最近登录"), lambda u: format_local(u.last_login_at),
                   sort_key=lambda u: u.last_login_at.isoformat() if u.last_login_at else ""),
        ], self)
        self.table = make_table(self.model, "usersTable", self)
        group_layout.addWidget(self.table)
        layout.addWidget(group, 1)

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
        prefs_layout.addWidget(QLabel(self.tr("（重新启动程序后生效）")))
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
            return self.tr("停用")
        if u.is_locked(utcnow()):
            return self.tr("锁定至 {t}").format(t=format_local(u.locked_until))
        return self.tr("启用")

    def _selection_changed(self) -> None:
        user = selected_object(self.table)
        for b in (self.reset_button, self.toggle_button, self.unlock_button):
            b.setEnabled(user is not None)
        if user is not None:
            self.toggle_button.setText(self.tr("停用") if user.is_active else self.tr("启用"))
            self.unlock_button.setEnabled(user.is_locked(utcnow()))

    def refresh(self) -> None:
        def load(s, _p):  # type: ignore[no-untyped-def]
            return venues.list_subdistricts(s), users.list_users(s, self.actor)

        ops.run_db_op(self, self.database, load, self._show)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        self.subdistricts, rows = result
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def focus_target(self, target: str) -> None:
        for row, user in enumerate(self.model.rows):
            if user.username == target:
                index = self.table.model().mapFromSource(self.model.index(row, 0))
                self.table.selectRow(index.row())
                return

    def _done(self, message: str) -> None:
        messages.info(self, message)
        self.data_changed.emit()

    def new_user(self) -> None:
        dialog = UserDialog(self, self.subdistricts)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("已创建用户 {name}。请把初始密码当面交给本人，首次登录时须修改。").format(
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
        reason = messages.ask_text(self, self.tr("{action}用户").format(action=action),
                                   self.tr("{action} {name} 的原因：").format(action=action, name=user.full_name))
        if reason is None:
            return
        ops.run_db_op(
            self, self.database,
            lambda s, _p: users.set_active(s, self.actor, user.username, activate, reason, user.version),
            lambda _r: self._done(self.tr("已{action}用户 {name}。").format(action=action, name=user.full_name)),
        )

    def unlock(self) -> None:
        user = selected_object(self.table)
        if user is None:
            return
        ops.run_db_op(
            self, self.database,
            lambda s, _p: users.unlock(s, self.actor, user.username, user.version),
            lambda _r: self._done(self.tr("已解除 {name} 的锁定。").format(name=user.full_name)),
        )

    def _language_changed(self) -> None:
        settings.set_language(self.language.currentData())
        messages.info(self, self.tr("界面语言已保存，重新启动程序后生效。"))
