"""What every page has: the open database, the actor, a title, and refresh()."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from jd_admin.db import Database
from jd_admin.services.actor import Actor
from jd_admin.services.navigation import Page
from jd_admin.ui.filter_bar import FilterBar
from jd_admin.ui.widgets import fit_placeholders


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
        self._placeholders_fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._placeholders_fitted:  # (the fields' hints whole, in either language)
            self._placeholders_fitted = True
            fit_placeholders(self)
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload the page's data (off the GUI thread)."""

    def focus_target(self, target: str) -> None:
        """Select the record ``target`` when opened from a task."""

    def search_field(self) -> QWidget | None:
        """The field Ctrl+F focuses: by default the first filter row shown on the page (its
        search box, else its first choice); a page without a filter row may name another."""
        for bar in self.findChildren(FilterBar):
            if bar.isVisible():
                widget = bar.focus_widget()
                if widget is not None:
                    return widget
        return None

    def focus_search(self) -> bool:
        """Ctrl+F: put the cursor in the page's search (its text selected); whether there is one."""
        widget = self.search_field()
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return True
