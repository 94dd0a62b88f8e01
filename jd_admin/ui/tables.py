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
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QHelpEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QToolTip,
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
    #: This column takes the width the others leave (default: the one with the longest text).
    stretch: bool = False


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


#: A column fitted to its contents is never narrower than this (px) when the table is short of
#: room, nor is its share of the room cut below it.
MIN_COLUMN = 64
#: Room a column needs beyond its text (px: the cell's margins, the sort arrow of the header).
COLUMN_PADDING = 4


#: The share of the width the key column (a list's name or code) may keep whole (percent).
KEY_SHARE = 35


def _capped(wanted: Sequence[int], available: int) -> list[int]:
    """``wanted`` cut to one common cap so that they fit ``available`` (the widest are cut;
    never below MIN_COLUMN)."""
    order = sorted(wanted)
    rest = available
    for i, w in enumerate(order):
        share = rest // (len(order) - i)
        if w > share:
            cap = max(share, MIN_COLUMN)
            return [min(x, cap) for x in wanted]
        rest -= w
    return list(wanted)


def fitted_widths(wanted: Sequence[int], available: int, stretch: int) -> list[int]:
    """The columns' widths in ``available`` pixels: each as wide as its contents (``wanted``).
    When they do not fit, the key column ``stretch`` (a list's name or code) keeps up to
    :data:`KEY_SHARE` percent, and the widest of the others are cut to one common width
    (their text elided, the full text in the tooltip), so that the short columns (numbers,
    dates, states) stay whole. When there is room left, every column gets a share of it in
    proportion to its contents (one column taking it all, e.g. an agreement's number, looked
    as if the table were about that column)."""
    widths = list(wanted)
    if not widths:
        return widths
    total = sum(widths)
    key = 0 <= stretch < len(widths)
    if total > available:
        if not key:
            return _capped(widths, available)
        mine = min(widths[stretch], max(MIN_COLUMN, available * KEY_SHARE // 100))
        others = _capped(widths[:stretch] + widths[stretch + 1:], available - mine)
        spare = available - mine - sum(others)
        return [*others[:stretch], mine + max(spare, 0), *others[stretch:]]
    spare = available - total
    shares = [spare * w // total for w in widths] if total > 0 else [0] * len(widths)
    shares[-1] += spare - sum(shares)  # (the rounding's pixels to the last column)
    return [w + share for w, share in zip(widths, shares, strict=True)]


class RowsView(QTableView):
    """A list's table in the one keyboard model: Tab / Shift+Tab leave it for the next and
    previous widgets (the page's buttons) instead of walking its cells, and a row is opened by
    a double-click or by Return / Enter alike (``opened``, connected by ``on_open``).

    Its columns fit the window (:meth:`resizeColumnsToContents`, :func:`fitted_widths`): at
    1366 pixels the key columns are whole without scrolling sideways; a long text is elided
    and shown whole in its tooltip. Once the user drags a column's edge the widths are theirs."""

    #: The row at this index is to be opened (double-click, or Return / Enter on the current row).
    opened = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)
        self._opens = False
        self._fitting = False
        self._fitted = False
        self.user_sized = False
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.doubleClicked.connect(self._open_index)
        self.horizontalHeader().sectionResized.connect(self._section_resized)

    # -- columns that fit ---------------------------------------------------------------------

    def _section_resized(self, _index: int, _old: int, _new: int) -> None:
        if not self._fitting and self._fitted and \
                QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self.user_sized = True  # the user dragged a column's edge

    def stretch_column(self) -> int:
        """The key column, kept whole when the room is short: the one marked ``stretch`` (else
        -1: the first text column)."""
        model = self.model()
        source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
        if isinstance(source, RowsModel):
            for i, column in enumerate(source.columns):
                if column.stretch:
                    return i
        return -1

    def _right_aligned(self, column: int) -> bool:
        model = self.model()
        source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
        if isinstance(source, RowsModel) and 0 <= column < len(source.columns):
            return source.columns[column].align_right
        return False

    def resizeColumnsToContents(self) -> None:
        """Fit the columns to their contents within the table's width (see the class)."""
        model = self.model()
        if model is None:
            return
        header = self.horizontalHeader()
        columns = model.columnCount()
        shown = [c for c in range(columns) if not header.isSectionHidden(c)]
        wanted = [max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) + COLUMN_PADDING
                  for c in shown]
        stretch = self.stretch_column()
        if stretch not in shown:  # the first text column (not a number's): the name or code
            stretch = next((c for c in shown if not self._right_aligned(c)), -1)
        available = self.viewport().width() if self.isVisible() else max(
            self.viewport().width(), sum(wanted))
        widths = fitted_widths(wanted, available - 2,
                               shown.index(stretch) if stretch in shown else -1)
        self._fitting = True
        try:
            for column, width in zip(shown, widths, strict=True):
                header.resizeSection(column, width)
        finally:
            self._fitting = False
        self._fitted = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # (headers whole before any row is loaded)
            self.resizeColumnsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted and not self.user_sized and event.size().width() != \
                event.oldSize().width():
            self.resizeColumnsToContents()

    def viewportEvent(self, event: QEvent) -> bool:
        """A cell whose text is elided shows it whole as its tooltip (unless it has its own)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and not index.data(Qt.ItemDataRole.ToolTipRole):
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str) and text and self.fontMetrics().horizontalAdvance(
                        text) + 8 > self.columnWidth(index.column()):
                    QToolTip.showText(event.globalPos(), text, self)
                    return True
        return super().viewportEvent(event)

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
