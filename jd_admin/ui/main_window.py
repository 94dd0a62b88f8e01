"""The main window: navigation on the left (only the pages of the user's role), pages on the
right, status bar with user, role, subdistrict and database.

The 账户 menu (and the user's name in the status bar) has 注销 and 切换用户: both end the
session (:meth:`MainWindow.log_out`; after asking when a dialog holds unsaved input and
waiting for what runs) and bring the login dialog back (``ui/app.py``'s login loop, which
also forgets everything of the previous user). The 语言 menu is everybody's: the desktop's
interface language, applied at the next login."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from jd_admin import __version__
from jd_admin.db import Database
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page, pages_for
from jd_admin.ui import keys, labels, messages, ops, settings
from jd_admin.ui.admin.page import AdminPage
from jd_admin.ui.agreements.page import AgreementsPage
from jd_admin.ui.audit.page import AuditPage
from jd_admin.ui.idle_lock import IdleLock, idle_minutes
from jd_admin.ui.inspections.page import InspectionsPage
from jd_admin.ui.login import ChangePasswordDialog
from jd_admin.ui.page import BasePage
from jd_admin.ui.recruitment.page import RecruitmentPage
from jd_admin.ui.register.page import VenuesPage
from jd_admin.ui.settlement.page import SettlementPage
from jd_admin.ui.statistics.page import StatisticsPage
from jd_admin.ui.tasks_page import PlannedPage, TasksPage
from jd_admin.ui.vouchers.page import VouchersPage
from jd_admin.ui.warnings.page import WarningsPage
from jd_admin.ui.widgets import FormDialog


def page_title(page: Page) -> str:
    return {
        Page.TASKS: QCoreApplication.translate("navigation", "待办"),
        Page.RECRUITMENT: QCoreApplication.translate("navigation", "场馆招募"),
        Page.VENUES: QCoreApplication.translate("navigation", "定点场馆"),
        Page.AGREEMENTS: QCoreApplication.translate("navigation", "协议"),
        Page.VOUCHERS: QCoreApplication.translate("navigation", "消费券"),
        Page.SETTLEMENT: QCoreApplication.translate("navigation", "结算"),
        Page.INSPECTION: QCoreApplication.translate("navigation", "巡查"),
        Page.WARNINGS: QCoreApplication.translate("navigation", "预警"),
        Page.STATISTICS: QCoreApplication.translate("navigation", "统计分析"),
        Page.AUDIT: QCoreApplication.translate("navigation", "审计日志"),
        Page.ADMIN: QCoreApplication.translate("navigation", "系统管理"),
    }[page]


def planned_description(page: Page) -> str:
    return {
        Page.INSPECTION: QCoreApplication.translate(
            "navigation", "巡查计划、现场检查记录、整改意见与复查。此功能将在后续版本中提供。"),
        Page.WARNINGS: QCoreApplication.translate(
            "navigation", "超警戒线等异常预警的核实与处理。此功能将在后续版本中提供。"),
        Page.STATISTICS: QCoreApplication.translate(
            "navigation", "领券、用券、补贴与带动消费的统计分析和报表。此功能将在后续版本中提供。"),
    }.get(page, "")


PAGE_CLASSES: dict[Page, type[BasePage]] = {
    Page.TASKS: TasksPage,
    Page.RECRUITMENT: RecruitmentPage,
    Page.VENUES: VenuesPage,
    Page.AGREEMENTS: AgreementsPage,
    Page.VOUCHERS: VouchersPage,
    Page.SETTLEMENT: SettlementPage,
    Page.INSPECTION: InspectionsPage,
    Page.WARNINGS: WarningsPage,
    Page.STATISTICS: StatisticsPage,
    Page.AUDIT: AuditPage,
    Page.ADMIN: AdminPage,
}


def unsaved_dialogs() -> list[QDialog]:
    """The open dialogs holding input the user changed (FormDialog's rule) and did not save."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, FormDialog) and w.isVisible() and w.is_changed()]


class MainWindow(QMainWindow):
    #: The user was logged out (注销, 切换用户, the idle lock): the window and its dialogs are
    #: closed; ``switching_user`` says whether the login dialog should start empty.
    logged_out = Signal()

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None,
                 *, idle_ms: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.database = database
        self.actor = actor
        self.was_logged_out = False
        self.switching_user = False
        self.setWindowTitle(self.tr("嘉定区体育消费券管理系统"))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(220)
        self.nav.setStyleSheet(
            "QListWidget#navigation { outline: 0; } "
            "QListWidget#navigation::item { padding: 7px 12px; }"
        )
        self.stack = QStackedWidget()
        self.pages: dict[Page, BasePage] = {}
        for page in pages_for(actor.role):
            widget = self._make_page(page)
            self.pages[page] = widget
            # A page wider or taller than the screen (a long filter row in English) scrolls
            # inside the window instead of pushing the window off a 1366×768 screen.
            area = QScrollArea()
            area.setObjectName(f"pageArea_{page.value}")
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(widget)
            self.stack.addWidget(area)
            item = QListWidgetItem(page_title(page))
            item.setData(Qt.ItemDataRole.UserRole, page.value)
            self.nav.addItem(item)
            widget.data_changed.connect(self.refresh_all)
            widget.open_requested.connect(self.open_page)
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._build_menu()
        self._build_status_bar()
        self._restore_state()
        self.nav.setCurrentRow(0)
        # the idle lock (idle_lock.py): ``idle_ms`` for tests, else the configured minutes
        self.idle_lock = IdleLock(database, actor,
                                  idle_ms if idle_ms is not None else idle_minutes() * 60_000,
                                  self)
        self.idle_lock.logged_out.connect(self.log_out)

    def request_log_out(self, switching: bool = False) -> bool:
        """注销 / 切换用户: ask first when a dialog holds unsaved input, wait for the ops that
        run (a save half-way is finished, not cut off), then :meth:`log_out`. Whether the
        session ended."""
        unsaved = unsaved_dialogs()
        if unsaved:
            titles = labels.join(f"“{d.windowTitle()}”" for d in unsaved)
            question = self.tr("{dialogs} 中有尚未保存的内容，注销后将丢失。仍然注销吗？")
            if not messages.ask(self, question.format(dialogs=titles)):
                return False
        if ops.active_ops():
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                ops.wait_for_all()
            finally:
                QApplication.restoreOverrideCursor()
        self.switching_user = switching
        self.log_out()
        return True

    def log_out(self) -> None:
        """Close every window of the session (the lock's hidden dialogs too) and say so."""
        self.was_logged_out = True
        self.idle_lock.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isWindow():
                widget.close()
        self.close()
        self.logged_out.emit()

    def _make_page(self, page: Page) -> BasePage:
        cls = PAGE_CLASSES.get(page)
        if cls is not None:
            return cls(self.database, self.actor, self)
        return PlannedPage(page, page_title(page), planned_description(page),
                           self.database, self.actor, self)

    def _build_menu(self) -> None:
        account = self.menuBar().addMenu(self.tr("账户(&A)"))
        change = QAction(self.tr("修改密码…"), self)
        change.triggered.connect(self.change_password)
        account.addAction(change)
        account.addSeparator()
        self.log_out_action = QAction(self.tr("注销"), self)
        self.log_out_action.setObjectName("logOutAction")
        keys.bind(self.log_out_action, keys.LOG_OUT)
        self.log_out_action.triggered.connect(lambda: self.request_log_out(switching=False))
        account.addAction(self.log_out_action)
        self.switch_user_action = QAction(self.tr("切换用户…"), self)
        self.switch_user_action.setObjectName("switchUserAction")
        keys.bind(self.switch_user_action, keys.SWITCH_USER)
        self.switch_user_action.triggered.connect(lambda: self.request_log_out(switching=True))
        account.addAction(self.switch_user_action)
        account.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        account.addAction(quit_action)
        view = self.menuBar().addMenu(self.tr("视图(&V)"))
        refresh = QAction(self.tr("刷新"), self)
        refresh.setObjectName("refreshAction")
        keys.bind(refresh, keys.REFRESH)
        refresh.triggered.connect(self.refresh_current)
        view.addAction(refresh)
        find = QAction(self.tr("查找"), self)
        find.setObjectName("findAction")
        keys.bind(find, keys.FIND)
        find.triggered.connect(lambda: self.current_page().focus_search())
        view.addAction(find)
        language = self.menuBar().addMenu(self.tr("语言(&L)"))
        language.setObjectName("languageMenu")
        group = QActionGroup(self)
        for code, name in settings.LANGUAGES.items():
            action = QAction(name, self)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == settings.language())
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            language.addAction(action)
        self.account_menu = account
        self.language_menu = language
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        a = self.actor
        # the user's name opens the same 注销 / 切换用户 as the 账户 menu
        self.user_label = QToolButton()
        self.user_label.setText(self.tr("用户：{name}（{username}）").format(
            name=a.full_name, username=a.username))
        self.user_label.setObjectName("statusUser")
        self.user_label.setAutoRaise(True)
        self.user_label.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.user_label.addAction(self.log_out_action)
        self.user_label.addAction(self.switch_user_action)
        self.user_label.setToolTip(self.tr("注销或切换用户"))
        self.role_label = QLabel(self.tr("角色：{role}").format(role=labels.role(a.role)))
        self.role_label.setObjectName("statusRole")
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.role_label)
        if a.subdistrict_name:
            self.subdistrict_label = QLabel(self.tr("街镇：{name}").format(name=a.subdistrict_name))
            self.subdistrict_label.setObjectName("statusSubdistrict")
            bar.addPermanentWidget(self.subdistrict_label)
        self.database_label = QLabel(
            self.tr("数据库：{db}").format(db=self.database.target.display()))
        self.database_label.setObjectName("statusDatabase")
        bar.addPermanentWidget(self.database_label)

    def nav_pages(self) -> list[Page]:
        return [Page(self.nav.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.nav.count())]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.nav_pages()[row]
        widget = self.pages[page]
        self.stack.setCurrentIndex(row)
        widget.refresh()

    def open_page(self, page_id: str, target: str = "") -> None:
        page = Page(page_id)
        if page not in self.pages:
            return
        self.nav.setCurrentRow(self.nav_pages().index(page))
        if target:
            self.pages[page].focus_target(target)

    def current_page(self) -> BasePage:
        return self.pages[self.nav_pages()[self.stack.currentIndex()]]

    def refresh_current(self) -> None:
        self.current_page().refresh()

    def refresh_all(self) -> None:
        self.current_page().refresh()

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.database, self.actor, required=False, parent=self)
        if dialog.exec():
            messages.info(self, self.tr("密码已修改。"))

    def choose_language(self, code: str) -> None:
        """The desktop's interface language (every user's): from the next login on."""
        if code == settings.language():
            return
        settings.set_language(code)
        messages.info(self, self.tr("界面语言已保存，注销后重新登录（或重新启动程序）时生效。"))

    def about(self) -> None:
        messages.info(self, self.tr("嘉定区体育消费券管理系统 {version}\n嘉定区体育局").format(
            version=__version__))

    # --- window state ---------------------------------------------------------------------
    def _restore_state(self) -> None:
        """The user's window on this desktop as they left it, if it still fits a screen (the
        screen may have changed); the first time, the whole screen."""
        if not settings.restore_geometry(self, "window/geometry"):
            self.fill_screen()
        splitter = settings.user_value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([170, 1100])

    def fill_screen(self) -> None:
        """Maximised on the screen's available area (sized to it as well: a desktop without a
        window manager ignores the maximised state)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_state(self) -> None:
        settings.save_geometry(self, "window/geometry")
        settings.set_user_value("window/splitter", self.splitter.saveState())
        settings.ui_settings().sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
