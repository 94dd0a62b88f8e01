"""The voucher list: a table model over keyset pages (services/voucher_browse), a million rows
deep.

Only what has been scrolled to is loaded: ``canFetchMore``/``fetchMore`` ask for the next page
of ~200 rows *through the op-runner*, so the GUI thread never waits for the database; the rows
are appended when they arrive. One fetch at a time: ``canFetchMore`` is False while a page is
on its way. Every new query (filter or sort) bumps a generation number, and a page that arrives
for an older generation is dropped.

Sorting is done by the database: clicking a sortable header re-queries in that order; other
columns keep the current order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from jd_admin.db import Database
from jd_admin.domain.vouchers import CitizenGroup, Flag, VoucherState
from jd_admin.services import clock
from jd_admin.services.actor import Actor
from jd_admin.services.vouchers.browse import (
    DEFAULT_SORT,
    PageKey,
    VoucherFilter,
    VoucherRow,
    fetch_page,
)
from jd_admin.ui import labels, ops
from jd_admin.ui.tables import OBJECT_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from jd_admin.db import Session

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200

(COL_CODE, COL_BATCH, COL_FACE, COL_SUBSIDY, COL_CITIZEN, COL_GROUP, COL_CLAIMED, COL_REDEEMED,
 COL_EXPIRES, COL_VENUE, COL_SUBDISTRICT, COL_SPORT, COL_ORDER, COL_PAID, COL_STATE,
 COL_FLAGS) = range(16)
COLUMN_COUNT = 16

#: Column -> server-side sort (voucher_browse.SORTS); other columns are not sortable.
SORT_OF_COLUMN: dict[int, str] = {
    COL_CODE: "code", COL_FACE: "face_value", COL_CLAIMED: "claimed_at",
    COL_REDEEMED: "redeemed_at",
}
COLUMN_OF_SORT = {sort: column for column, sort in SORT_OF_COLUMN.items()}
MONEY_COLUMNS = frozenset({COL_FACE, COL_SUBSIDY, COL_ORDER, COL_PAID})


def headers() -> list[str]:
    return [
        QCoreApplication.translate("VoucherTableModel", "券码"),
        QCoreApplication.translate("VoucherTableModel", "批次"),
        QCoreApplication.translate("VoucherTableModel", "面值"),
        QCoreApplication.translate("VoucherTableModel", "政府补贴"),
        QCoreApplication.translate("VoucherTableModel", "用户（脱敏）"),
        QCoreApplication.translate("VoucherTableModel", "人群"),
        QCoreApplication.translate("VoucherTableModel", "领取时间"),
        QCoreApplication.translate("VoucherTableModel", "核销时间"),
        QCoreApplication.translate("VoucherTableModel", "有效期至"),
        QCoreApplication.translate("VoucherTableModel", "核销场馆"),
        QCoreApplication.translate("VoucherTableModel", "街镇"),
        QCoreApplication.translate("VoucherTableModel", "运动项目"),
        QCoreApplication.translate("VoucherTableModel", "订单金额"),
        QCoreApplication.translate("VoucherTableModel", "实付金额"),
        QCoreApplication.translate("VoucherTableModel", "状态"),
        QCoreApplication.translate("VoucherTableModel", "规则标记"),
    ]


def state_label(state: str) -> str:
    return labels.of(VoucherState, state)


def group_label(group: str | None) -> str:
    return labels.of(CitizenGroup, group)


def flag_label(code: str) -> str:
    return labels.of(Flag, code)


def flags_text(codes: tuple[str, ...]) -> str:
    return "；".join(flag_label(c) for c in codes)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


class VoucherTableModel(QAbstractTableModel):
    """Rows are :class:`~jd_admin.services.vouchers.browse.VoucherRow`; see the module doc."""

    #: The rows loaded so far changed (appended or reset): (rows loaded, all loaded?).
    loaded = Signal(int, bool)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None,
                 page_size: int = PAGE_SIZE,
                 now: Callable[[], dt.datetime] = clock.now) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.page_size = page_size
        self._widget = parent
        self._now = now
        self._headers = headers()
        self.rows: list[VoucherRow] = []
        self.filter = VoucherFilter()
        self.sort_key = DEFAULT_SORT
        self.descending = True
        self._next: PageKey | None = None
        self._exhausted = True  # nothing to fetch until a query is set
        self._generation = 0
        self._in_flight: int | None = None  # generation of the page on its way
        self._moment = now()

    # --- query --------------------------------------------------------------------------

    def set_query(self, filt: VoucherFilter, sort: str = DEFAULT_SORT,
                  descending: bool = True) -> None:
        """Start over with this filter and order; the first page is fetched at once."""
        if sort not in COLUMN_OF_SORT:
            raise ValueError(f"not a sortable key: {sort}")
        self.beginResetModel()
        self.filter, self.sort_key, self.descending = filt, sort, descending
        self.rows = []
        self._next = None
        self._exhausted = False
        self._generation += 1
        self._in_flight = None
        self._moment = self._now()  # one "now" for unused/expired across all pages of a query
        self.endResetModel()
        self.loaded.emit(0, False)
        self.fetchMore(QModelIndex())

    def requery(self) -> None:
        self.set_query(self.filter, self.sort_key, self.descending)

    @property
    def sort_column(self) -> int:
        return COLUMN_OF_SORT[self.sort_key]

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder

    @property
    def generation(self) -> int:
        """Bumped by every new query."""
        return self._generation

    @property
    def is_fetching(self) -> bool:
        return self._in_flight == self._generation

    @property
    def all_loaded(self) -> bool:
        return self._exhausted

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = SORT_OF_COLUMN.get(column)
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) != (self.sort_key, self.descending):
            self.set_query(self.filter, sort, descending)
        # else: already in that order (e.g. the view announcing its sort indicator)

    # --- incremental loading ------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self.is_fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        self._in_flight = generation
        actor, filt, sort, descending = self.actor, self.filter, self.sort_key, self.descending
        after, limit, moment = self._next, self.page_size, self._moment

        def load(session: Session, _progress: ops.Progress) -> tuple[list[VoucherRow],
                                                                     PageKey | None]:
            return fetch_page(session, actor, filt, sort, descending, after, limit, now=moment)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._in_flight = None
                self._exhausted = True  # no retry loop from the view; a new query starts over
                self.loaded.emit(len(self.rows), True)
            ops.handle_failure(self._widget, exc, exc.__traceback__)

        ops.run_db_op(self._widget, self.database, load,
                      lambda result: self._arrived(generation, *result),
                      label=QCoreApplication.translate("VoucherTableModel", "正在加载消费券…"),
                      on_failure=failed, read=True)

    def _arrived(self, generation: int, rows: list[VoucherRow], next_key: PageKey | None) -> None:
        if generation != self._generation:
            return  # a page of an earlier query
        self._in_flight = None
        self._next = next_key
        self._exhausted = next_key is None
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)  # last is inclusive
            self.rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit(len(self.rows), self._exhausted)

    def replace_row(self, row: VoucherRow) -> None:
        """Show a refreshed copy of a loaded voucher (e.g. after a flag was cleared)."""
        for i, existing in enumerate(self.rows):
            if existing.id == row.id:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))
                return

    def row_object(self, row: int) -> VoucherRow:
        return self.rows[row]

    # --- the model ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_FLAGS and row.flags:
                return QColor("#c0392b")
            if column == COL_VENUE and row.redeemed_at is not None and row.venue_id is None:
                return QColor("#c0392b")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_FLAGS and row.flags:
                return "\n".join(flag_label(c) for c in row.flags)
            if column == COL_VENUE and row.redeemed_at is not None and row.venue_id is None:
                return QCoreApplication.translate("VoucherTableModel",
                                                  "平台报送的场馆信用代码不在场馆名录中")
        return None

    def _display(self, row: VoucherRow, column: int) -> str:
        values: dict[int, Callable[[], object]] = {
            COL_CODE: lambda: row.code,
            COL_BATCH: lambda: row.batch_code,
            COL_FACE: lambda: _money(row.face_value),
            COL_SUBSIDY: lambda: _money(row.subsidy),
            COL_CITIZEN: lambda: row.citizen_masked,
            COL_GROUP: lambda: group_label(row.citizen_group),
            COL_CLAIMED: lambda: clock.format_local(row.claimed_at),
            COL_REDEEMED: lambda: clock.format_local(row.redeemed_at),
            COL_EXPIRES: lambda: clock.format_local(row.expires_at),
            COL_VENUE: lambda: row.venue or "",
            COL_SUBDISTRICT: lambda: row.subdistrict or "",
            COL_SPORT: lambda: row.sport or "",
            COL_ORDER: lambda: _money(row.order_amount),
            COL_PAID: lambda: _money(row.paid_amount),
            COL_STATE: lambda: state_label(row.state),
            COL_FLAGS: lambda: flags_text(row.flags),
        }
        value = values[column]() if column in values else ""
        return "" if value is None else str(value)

    def _sort_value(self, row: VoucherRow, column: int) -> object:
        moments = {COL_CLAIMED: row.claimed_at, COL_REDEEMED: row.redeemed_at,
                   COL_EXPIRES: row.expires_at}
        if column in moments:
            moment = moments[column]
            return moment.isoformat() if moment else ""
        money = {COL_FACE: row.face_value, COL_SUBSIDY: row.subsidy, COL_ORDER: row.order_amount,
                 COL_PAID: row.paid_amount}
        if column in money:
            amount = money[column]
            return int(amount * 100) if amount is not None else -1  # fen: exact, and sorts
        return self._display(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < COLUMN_COUNT):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section not in SORT_OF_COLUMN:
            return QCoreApplication.translate("VoucherTableModel", "此列不能排序")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)
