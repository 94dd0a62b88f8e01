"""The filter row above a list: labelled choices, a search box and a 查询 button.

Every list page (applications, the register, agreements, vouchers) filters the same way, so they
share this widget: ``add_choice`` adds a labelled combo box whose first item means "all" (data
``None``), ``pin`` fixes a choice to one value (a subdistrict user sees only their own
subdistrict; ``add_subdistrict`` adds that choice, pinned where it applies), ``add_search`` a
search box. ``changed`` is emitted when a choice changes, on Enter in the search box and on 查询;
``value(name)`` and ``values()`` read the filters as plain data for an op (read them on the GUI
thread, before the op starts).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

#: A choice in a filter row is never wider than this (px): a long item (a signal's name in
#: English) is elided in the row and shown whole in the open list, so the row fits 1366 px.
CHOICE_MAX_WIDTH = 180


def widen_popup(combo: QComboBox) -> None:
    """The open list as wide as its longest item (the closed box may cut it)."""
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 24)


def _fit_popup(combo: QComboBox) -> None:
    """The open list as wide as its longest item, the closed box at most CHOICE_MAX_WIDTH."""
    widen_popup(combo)
    combo.setToolTip(combo.currentText() if combo.sizeHint().width() > CHOICE_MAX_WIDTH else "")


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._choices: dict[str, QComboBox] = {}
        self._searches: dict[str, QLineEdit] = {}
        self._button: QPushButton | None = None

    def add_choice(self, name: str, label: str, all_text: str,
                   items: Iterable[tuple[str, object]] = (), object_name: str = "") -> QComboBox:
        """A combo box ``label`` with "all" (``all_text``, data None) and ``items`` (text, data)."""
        combo = QComboBox()
        combo.setObjectName(object_name or f"{name}Filter")
        combo.addItem(all_text, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setMaximumWidth(CHOICE_MAX_WIDTH)
        _fit_popup(combo)
        combo.currentIndexChanged.connect(lambda _i: _fit_popup(combo))
        combo.currentIndexChanged.connect(self.changed)
        self._layout.addWidget(QLabel(label))
        self._layout.addWidget(combo)
        self._choices[name] = combo
        return combo

    def add_subdistrict(self, pinned_to: str | None = None) -> QComboBox:
        """The subdistrict choice (items come later, by ``set_items``); ``pinned_to`` the user's
        own subdistrict where the list shows only that one."""
        combo = self.add_choice("subdistrict", self.tr("街镇："), self.tr("全部街镇"))
        if pinned_to is not None:
            self.pin("subdistrict", pinned_to)
        return combo

    def set_items(self, name: str, items: Iterable[tuple[str, object]]) -> None:
        """Replace a choice's items (after "all"), keeping the current value where it remains."""
        combo = self._choices[name]
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
        _fit_popup(combo)
        if combo.currentData() != current:
            self.changed.emit()

    def pin(self, name: str, text: str) -> None:
        """Show a choice as fixed to the user's own scope (the query applies it anyway)."""
        combo = self._choices[name]
        combo.setItemText(0, text)
        combo.setCurrentIndex(0)
        combo.setEnabled(False)

    def add_search(self, name: str, placeholder: str, object_name: str = "") -> QLineEdit:
        search = QLineEdit()
        search.setObjectName(object_name or f"{name}Search")
        search.setPlaceholderText(placeholder)
        search.setClearButtonEnabled(True)
        search.returnPressed.connect(self.changed)
        self._layout.addWidget(search, 1)
        self._searches[name] = search
        return search

    def add_button(self, text: str) -> QPushButton:
        """The 查询 button (added last)."""
        self._button = QPushButton(text)
        self._button.setObjectName("filterButton")
        self._button.clicked.connect(self.changed)
        self._layout.addWidget(self._button)
        return self._button

    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        """Anything else that belongs in the row (a date range, a check box)."""
        self._layout.addWidget(widget, stretch)

    def focus_widget(self) -> QWidget | None:
        """Where Ctrl+F puts the cursor: the first search box, else the first choice that is
        not pinned."""
        for search in self._searches.values():
            if search.isEnabled():
                return search
        for combo in self._choices.values():
            if combo.isEnabled():
                return combo
        return None

    def value(self, name: str) -> object:
        if name in self._choices:
            return self._choices[name].currentData()
        return self._searches[name].text().strip()

    def values(self) -> dict[str, object]:
        return {name: self.value(name) for name in (*self._choices, *self._searches)}

    def reset(self) -> None:
        """Every choice back to "all" (unless pinned) and the search boxes cleared."""
        self.blockSignals(True)
        for combo in self._choices.values():
            if combo.isEnabled():
                combo.setCurrentIndex(0)
        for search in self._searches.values():
            search.clear()
        self.blockSignals(False)
        self.changed.emit()
