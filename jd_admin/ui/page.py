"""What every page has: the open database, the actor, a title, and refresh()."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from jd_admin.db import Database
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page


class BasePage(QWidget):
    #: Emitted after this page changed data; the main window tells every page to refresh.
    data_changed = Signal()
    #: Ask the main window to open another page (page id, target record key).
    open_requested = Signal(str, str)

    page: Page

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.setObjectName(f"page_{self.page.value}")

    def refresh(self) -> None:
        """Reload the page's data (off the GUI thread)."""

    def focus_target(self, target: str) -> None:
        """Select the record ``target`` when opened from a task."""
