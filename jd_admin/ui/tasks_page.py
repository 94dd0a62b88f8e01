"""My tasks (待办): the home page."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jd_admin.db import Database
from jd_admin.models.base import utcnow
from jd_admin.services import my_tasks
from jd_admin.services.actor import Actor
from jd_admin.services.clock import format_local
from jd_admin.services.navigation import Page
from jd_admin.services.tasks import Task
from jd_admin.ui import keys, ops
from jd_admin.ui.page import BasePage
from jd_admin.ui.tables import OBJECT_ROLE, Column, RowsModel, make_table
from jd_admin.ui.widgets import heading


class TasksPage(BasePage):
    page = Page.TASKS

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(database, actor, parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("我的待办")))
        top.addStretch()
        self.refresh_button = QPushButton(self.tr("刷新"))
        keys.hint(self.refresh_button, keys.REFRESH)
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        greeting = QLabel(self.tr("{name}，您好。以下是等待您处理的事项，双击可打开。").format(
            name=self.actor.full_name))
        layout.addWidget(greeting)
        self.model = RowsModel([
            Column(self.tr("事项"), lambda t: ("⚠ " if t.urgent else "") + str(t.title)),
            Column(self.tr("说明"), lambda t: str(t.detail)),
            Column(self.tr("期限"), lambda t: format_local(t.due),
                   sort_key=lambda t: t.due.isoformat() if t.due else "9999"),
        ], self)
        self.table = make_table(self.model, "tasksTable", self)
        self.table.on_open(self._open)
        layout.addWidget(self.table)
        self.empty = QLabel(self.tr("暂无待办事项。"))
        self.empty.setObjectName("tasksEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; font-size: 15pt; padding: 40px;")
        layout.addWidget(self.empty, 1)
        self.empty.hide()

    def refresh(self) -> None:
        actor = self.actor
        ops.run_db_op(self, self.database,
                      lambda s, _p: my_tasks.collect(s, actor, utcnow()), self._show, read=True)

    def _show(self, rows: list[Task]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))

    def _open(self, index: QModelIndex) -> None:
        task = index.data(OBJECT_ROLE)
        if task is not None:
            self.open_requested.emit(task.page.value, task.target or "")


class PlannedPage(BasePage):
    """A navigation entry whose workflow arrives in a later release: says what it will hold."""

    def __init__(self, page: Page, title: str, description: str, database: Database,
                 actor: Actor, parent: QWidget | None = None) -> None:
        self.page = page
        super().__init__(database, actor, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        text = QLabel(description)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch()
