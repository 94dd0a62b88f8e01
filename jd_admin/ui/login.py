"""The login dialog, the first-administrator dialog and the change-password dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jd_admin import login as login_op
from jd_admin.config import DatabaseTarget
from jd_admin.db import Database, Session
from jd_admin.domain.errors import UserError
from jd_admin.services.accounts import passwords, users
from jd_admin.services.actor import Actor
from jd_admin.ui import ops, settings
from jd_admin.ui.widgets import ErrorLabel, FormDialog, heading, password_edit


class LoginDialog(QDialog):
    """Asks for user name and password and logs in off the GUI thread.

    After ``exec()`` returns Accepted, ``outcome`` holds the open database and the actor."""

    def __init__(self, target: DatabaseTarget, parent: QWidget | None = None,
                 lockout: login_op.LocalLockout | None = None, *,
                 switching: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.target = target
        self.lockout = lockout
        self.outcome: login_op.LoginOutcome | None = None
        self.setWindowTitle(self.tr("登录 — 嘉定区体育消费券管理系统"))
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        title = heading(self.tr("嘉定区体育消费券管理系统"), larger_by=5)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        subtitle = QLabel(self.tr("嘉定区体育局 · 各街镇文体中心"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(subtitle)
        layout.addSpacing(12)

        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(63)
        self.username.setPlaceholderText(self.tr("用户名"))
        self.password = password_edit("password")
        self.password.setPlaceholderText(self.tr("密码"))
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("密码："), self.password)
        database = QLabel(target.display())
        database.setObjectName("databaseLabel")
        database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("数据库："), database)
        layout.addLayout(form)

        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("登录"))
        self.login_button.setObjectName("loginButton")
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        remembered = settings.recent_usernames().get(target.display().replace("/", "|"))
        if switching:  # 切换用户: another person logs in
            self.setWindowTitle(self.tr("切换用户 — 嘉定区体育消费券管理系统"))
            self.username.setFocus()
        elif remembered:
            self.username.setText(remembered)
            self.password.setFocus()

    def try_login(self) -> None:
        username, password = self.username.text(), self.password.text()
        target, lockout = self.target, self.lockout
        self.error.show_message("")
        self.login_button.setEnabled(False)
        self.login_button.setText(self.tr("正在登录…"))
        ops.run_op(
            self,
            lambda _progress: login_op.login(target, username, password, lockout),
            self._logged_in,
            on_failure=self._failed,
            label=self.tr("正在登录…"),
        )

    def _restore_button(self) -> None:
        self.login_button.setEnabled(True)
        self.login_button.setText(self.tr("登录"))

    def _logged_in(self, outcome: login_op.LoginOutcome) -> None:
        self._restore_button()
        self.outcome = outcome
        settings.remember_username(self.target.display(), self.username.text().strip().lower())
        self.password.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._restore_button()
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, UserError):
            self.error.show_message(str(exc))
        else:
            ops.handle_failure(self, exc, exc.__traceback__)


class FirstAdminDialog(FormDialog):
    """On an empty database: create the first system administrator."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, object_name="firstAdminDialog", title=self.tr("创建系统管理员"),
                         intro=self.tr("这是一个新的数据库，还没有任何用户。请创建第一个系统管理员账户，"
                                       "之后用它登录并为其他工作人员创建账户。"), min_width=460)
        self.database = database
        self.actor = actor
        self.created_username: str | None = None
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.password = password_edit("password")
        self.confirm = password_edit("confirm")
        self.form.addRow(self.tr("用户名："), self.username)
        self.form.addRow(self.tr("姓名："), self.full_name)
        self.form.addRow(self.tr("密码："), self.password)
        self.form.addRow(self.tr("确认密码："), self.confirm)
        self.finish(self.tr("创建"), self.create_admin,
                    note=self.tr("密码至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类。"),
                    ok_object_name="createButton")

    def create_admin(self) -> None:
        if self.mismatch(self.password, self.confirm, self.tr("两次输入的密码不一致")):
            return
        actor = self.actor
        username, full_name = self.username.text(), self.full_name.text()
        password = self.password.text()

        def work(session: Session, _progress: ops.Progress) -> str:
            users.create_first_admin(session, actor, username, full_name, password)
            return username.strip()

        self.submit(self.database, work, self._created)

    def _created(self, username: str) -> None:
        self.created_username = username
        self.accept()


class ChangePasswordDialog(FormDialog):
    """Change one's own password; required at first login with an initial password."""

    def __init__(self, database: Database, actor: Actor, *, required: bool,
                 parent: QWidget | None = None) -> None:
        intro = self.tr("这是管理员设置的初始密码，请先设置您自己的新密码。") if required else None
        super().__init__(parent, object_name="changePasswordDialog", title=self.tr("修改密码"),
                         intro=intro)
        self.database = database
        self.actor = actor
        self.current = password_edit("currentPassword")
        self.new = password_edit("newPassword")
        self.confirm = password_edit("confirmPassword")
        self.form.addRow(self.tr("当前密码："), self.current)
        self.form.addRow(self.tr("新密码："), self.new)
        self.form.addRow(self.tr("确认新密码："), self.confirm)
        self.finish(self.tr("确定"), self.change,
                    note=self.tr("密码至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，"
                                 "且不含用户名。"))

    def change(self) -> None:
        if self.mismatch(self.new, self.confirm, self.tr("两次输入的新密码不一致")):
            return
        try:
            passwords.check_policy(self.new.text(), self.actor.username)
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        current, new = self.current.text(), self.new.text()
        actor = self.actor
        self.submit(self.database,
                    lambda s, _p: users.change_own_password(s, actor, current, new))
