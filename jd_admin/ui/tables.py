"""Table models for the small lists (users, tasks, venues of a page).

Rows are plain frozen dataclasses from services; the model keeps them and never an ORM object.
The million-row lists (vouchers) get keyset-paged models of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QWidget,
)

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    display: Callable[[Any], object]
    sort_key: Callable[[Any], object] | None = None
    align_right: bool = False
    #: The cell's tooltip (None: none), and a colour for the column's text (e.g. a warning).
    tooltip: Callable[[Any], object] | None = None
    color: str | None = None


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.display(row)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            key = (column.sort_key or column.display)(row)
            return "" if key is None else key
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            tip = column.tooltip(row)
            return str(tip) if tip else None
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            return QColor(column.color)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None


_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RowsView(QTableView):
    """A list's table in the one keyboard model: Tab / Shift+Tab leave it for the next and
    previous widgets (the page's buttons) instead of walking its cells, and a row is opened by
    a double-click or by Return / Enter alike (``opened``, connected by ``on_open``)."""

    #: The row at this index is to be opened (double-click, or Return / Enter on the current row).
    opened = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)
        self._opens = False
        self.doubleClicked.connect(self._open_index)

    def on_open(self, slot: Callable[..., object]) -> None:
        """Open rows with ``slot`` (index of the row); without one Return goes to the window
        (a dialog's default button) as in any table."""
        self._opens = True
        self.opened.connect(slot)

    def _open_index(self, index: QModelIndex) -> None:
        if self._opens and index.isValid():
            self.opened.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == \
            Qt.KeyboardModifier.NoModifier
        if self._opens and plain and event.key() in _RETURN_KEYS \
                and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid():
                self.opened.emit(index)
                event.accept()
                return
        super().keyPressEvent(event)


class EditableTable(QTableWidget):
    """A table the user types into (a form's rows of sports, coaches …), in the keyboard model:
    Tab / Shift+Tab go from cell to cell (the editor of a cell being typed into is committed and
    the next cell's opened), but Tab on the last cell and Shift+Tab on the first leave the table
    for the next and previous widgets (the form's 添加 / 删除 and its buttons) instead of
    wrapping round. Clicking a cell selects that cell only (not its row)."""

    _NEXT = QAbstractItemView.CursorAction.MoveNext
    _PREVIOUS = QAbstractItemView.CursorAction.MovePrevious

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        self.setTabKeyNavigation(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def _at_edge(self, cursor_action: QAbstractItemView.CursorAction) -> bool:
        """Whether Tab (MoveNext) or Shift+Tab (MovePrevious) would leave the table here."""
        current = self.currentIndex()
        if not current.isValid():  # (entering the table: Qt picks the first cell)
            return False
        if cursor_action == self._NEXT:
            return (current.row(), current.column()) == (
                self.rowCount() - 1, self.columnCount() - 1)
        return (current.row(), current.column()) == (0, 0)

    def moveCursor(self, cursor_action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # Staying put at the edge: the Tab key is then not used and leaves the table.
        if cursor_action in (self._NEXT, self._PREVIOUS) and self._at_edge(cursor_action):
            return self.currentIndex()
        return super().moveCursor(cursor_action, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Tab in a cell's editor: commit it, then the next cell, or out of the table at the edge.
        leave = None
        if hint == QAbstractItemDelegate.EndEditHint.EditNextItem and self._at_edge(self._NEXT):
            leave = True
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem \
                and self._at_edge(self._PREVIOUS):
            leave = False
        if leave is None:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        QAbstractItemView.focusNextPrevChild(self, leave)


class ChoiceDelegate(QStyledItemDelegate):
    """Cells chosen from a list (a combo box as the cell's editor: F2 or a typed key opens it,
    the arrow keys choose, Tab commits and goes on); typed freely while the list is empty. A
    value not in the list (recorded before the list changed) is kept and offered too."""

    def __init__(self, choices: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = list(choices)

    def set_choices(self, choices: Sequence[str]) -> None:
        self.choices = list(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if not self.choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setObjectName("choiceEditor")
        combo.addItems(self.choices)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)
            return
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if text and editor.findText(text) < 0:
            editor.addItem(text)
        editor.setCurrentIndex(max(0, editor.findText(text)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def make_table(model: RowsModel, object_name: str, parent: QWidget | None = None) -> RowsView:
    """A read-only, sortable, row-selecting table view over ``model`` (``RowsView``: Tab
    leaves it, Return opens a row where the page gave ``on_open``)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortLocaleAware(True)
    view = RowsView(parent)
    view.setObjectName(object_name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    # Keep the order the service chose until the user clicks a header.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    proxy.sort(-1)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def select_object(view: QTableView, model: RowsModel, match: Callable[[Any], bool]) -> bool:
    """Select (and scroll to) the first row whose object matches, through the view's sort
    proxy; whether there was one."""
    for row, obj in enumerate(model.rows):
        if match(obj):
            index = model.index(row, 0)
            proxy = view.model()
            if isinstance(proxy, QSortFilterProxyModel):
                index = proxy.mapFromSource(index)
            view.selectRow(index.row())
            view.scrollTo(index)
            return True
    return False


def selected_object(view: QTableView) -> Any:
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    return rows[0].data(OBJECT_ROLE)
