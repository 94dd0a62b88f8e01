"""The voucher page and its keyset-paged model, driven through the widgets on SQLite and on
PostgreSQL (there as the person's own login role): incremental loading, sorting by header,
the operator's import (and its cancel), clearing a flag, the batches' budget warning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from gui_support import wait_ops
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import func, select
from test_voucher_browse import NOW, build_ledger, expected_order, ledger_rows
from voucher_support import KEY, setup_ledger, write_csv

from jd_admin.models import (
    BatchFaceValue,
    IssuanceBatch,
    Role,
    Venue,
    Voucher,
    VoucherImport,
    VoucherViolation,
)
from jd_admin.services import clock
from jd_admin.services.vouchers import importer as voucher_import
from jd_admin.services.vouchers.browse import VoucherFilter
from jd_admin.ui import ops
from jd_admin.ui.tables import OBJECT_ROLE
from jd_admin.ui.vouchers.model import (
    COL_CODE,
    COL_FLAGS,
    COL_STATE,
    COL_VENUE,
    PAGE_SIZE,
    VoucherTableModel,
)
from jd_admin.ui.vouchers.page import VouchersPage


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setenv("JD_ADMIN_PSEUDONYM_KEY", KEY.hex())
    return KEY


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def open_page(qtbot, test_db, username: str) -> VouchersPage:
    page = VouchersPage(test_db.open_as(username), test_db.actor(username))
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def load_everything(qtbot, model: VoucherTableModel) -> None:
    """Scroll to the end: fetchMore until there is nothing more, waiting for each page."""
    while True:
        wait_ops(qtbot)
        if not model.canFetchMore(QModelIndex()):
            break
        model.fetchMore(QModelIndex())
        assert not model.canFetchMore(QModelIndex())  # one page in flight at a time
        model.fetchMore(QModelIndex())  # ignored while in flight
        assert ops.active_ops() <= 1
    assert model.all_loaded


def ids_of(model: VoucherTableModel) -> list[int]:
    return [model.data(model.index(r, 0), OBJECT_ROLE).id for r in range(model.rowCount())]


def pick(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, (combo.objectName(), data)
    combo.setCurrentIndex(index)


def test_model_passes_the_tester_and_loads_page_by_page(qtbot, qtmodeltester, test_db,
                                                        tmp_path) -> None:
    ledger = build_ledger(test_db, tmp_path)
    model = VoucherTableModel(test_db.open_as("staff1"), ledger.staff, page_size=40,
                              now=lambda: NOW)
    inserted: list[tuple[int, int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last,
                                                                        model.rowCount())))
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())  # no query yet
    model.set_query(VoucherFilter(), "claimed_at", False)
    assert not model.canFetchMore(QModelIndex())  # the first page is on its way
    wait_ops(qtbot)
    assert model.rowCount() == 40 and model.canFetchMore(QModelIndex())
    assert model.headerData(COL_CODE, Qt.Orientation.Horizontal) == "券码"
    load_everything(qtbot, model)
    assert ids_of(model) == expected_order(ledger, "claimed_at", False)
    # Inclusive last rows, contiguous, exactly the rows of each page.
    assert inserted[0] == (0, 39, 40)
    for (first, last, count), (prev_first, prev_last, _) in zip(inserted[1:], inserted,
                                                                strict=False):
        assert first == prev_last + 1 and count == last + 1 and first > prev_first
    assert inserted[-1][1] == 299
    # Display: states, flags, unknown venues.
    rows = {model.data(model.index(r, 0), OBJECT_ROLE).id: r for r in range(model.rowCount())}
    flagged = next(i for i, f in ledger.open_flags.items() if "VENUE" in f)
    r = rows[flagged]
    assert "不是定点场馆" in model.data(model.index(r, COL_FLAGS))
    assert model.data(model.index(r, COL_VENUE), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(r, COL_STATE)) == "已核销"
    # A new query drops a page still on its way for the old one.
    model.set_query(VoucherFilter(state="unused"), "code", False)
    model.set_query(VoucherFilter(state="expired"), "code", True)
    load_everything(qtbot, model)
    expired = {v.id for v in ledger.vouchers.values() if v.redeemed_at is None and v.expires_at
               <= NOW}
    assert ids_of(model) == expected_order(ledger, "code", True, expired)

    # Qt's model tester, attached for every change: it calls fetchMore itself on each insert,
    # so it pulls every page of a query through the asynchronous path.
    tested = VoucherTableModel(test_db.open_as("staff1"), ledger.staff, page_size=25,
                               now=lambda: NOW)
    qtmodeltester.check(tested)
    tested.set_query(VoucherFilter(), "redeemed_at", True)
    qtbot.waitUntil(lambda: tested.all_loaded and not tested.is_fetching, timeout=20000)
    wait_ops(qtbot)
    assert ids_of(tested) == expected_order(ledger, "redeemed_at", True)
    tested.sort(COL_CODE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: tested.all_loaded and not tested.is_fetching, timeout=20000)
    wait_ops(qtbot)
    assert ids_of(tested) == expected_order(ledger, "code", False)


def test_page_opens_with_first_page_counts_and_sorts_by_header(qtbot, test_db, tmp_path,
                                                               bridge) -> None:
    ledger = build_ledger(test_db, tmp_path)
    page = open_page(qtbot, test_db, "staff1")
    model = page.list_tab.model
    assert model.rowCount() == PAGE_SIZE < 300  # only the first page
    assert page.list_tab.loaded_label.text() == f"已加载 {PAGE_SIZE} 条"
    assert page.list_tab.total_label.text() == "共 300 条"
    assert ids_of(model)[:PAGE_SIZE] == expected_order(ledger, "claimed_at", True)[:PAGE_SIZE]
    assert page.import_tab is None  # bureau staff do not import

    header = page.list_tab.table.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))
        wait_ops(qtbot)

    click_header(COL_CODE)
    assert (model.sort_key, header.sortIndicatorSection()) == ("code", COL_CODE)
    load_everything(qtbot, model)
    order = "desc" if model.descending else "asc"
    assert ids_of(model) == expected_order(ledger, "code", model.descending), order
    click_header(COL_CODE)  # the other direction
    load_everything(qtbot, model)
    assert ids_of(model) == expected_order(ledger, "code", model.descending)
    before = ids_of(model)
    click_header(COL_FLAGS)  # not sortable: order and indicator stay
    assert ids_of(model) == before and header.sortIndicatorSection() == COL_CODE

    # Filters from the bar: state, then a Shanghai day range on the claim.
    pick(page.list_tab.state_filter, "redeemed")
    wait_ops(qtbot)
    load_everything(qtbot, model)
    assert set(ids_of(model)) == {v.id for v in ledger.vouchers.values()
                                  if v.redeemed_at is not None}
    day = dt.date(2026, 11, 17)
    page.list_tab.claimed_range.set_range(day, day)
    wait_ops(qtbot)
    load_everything(qtbot, model)
    assert set(ids_of(model)) == {v.id for v in ledger.vouchers.values()
                                  if v.redeemed_at is not None and clock.local_date(v.claimed_at)
                                  == day}
    assert page.list_tab.total_label.text() == f"共 {model.rowCount()} 条"
    page.list_tab.reset_filter()
    wait_ops(qtbot)
    assert page.list_tab.total_label.text() == "共 300 条"
    assert bridge.texts_of("warning") == []


def test_operator_imports_a_file_and_opens_the_error_report(qtbot, test_db, tmp_path, bridge,
                                                            chooser, key) -> None:
    setup_ledger(test_db)
    test_db.make_user("op1", Role.OPERATOR)
    rows = ledger_rows(60)
    rows.append(["BAD1", "2026-11", "7", "13800000001", "", "2026-11-16 10:00:00", "", "", "", "",
                 ""])
    path = write_csv(tmp_path / "平台数据.csv", rows)
    page = open_page(qtbot, test_db, "op1")
    assert page.import_tab is not None
    page.tabs.setCurrentWidget(page.import_tab)
    assert page.list_tab.model.rowCount() == 0
    chooser.open_answers = [path]
    click(qtbot, page.import_tab.import_button)
    text = page.import_tab.import_summary.toPlainText()
    assert "新增 60" in text and "拒绝 1" in text, text
    assert page.import_tab.error_report_button.isEnabled()
    click(qtbot, page.import_tab.error_report_button)
    assert chooser.opened == [voucher_import.error_report_path(path)]
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Voucher)) == 60
    assert page.list_tab.model.rowCount() == 60  # the list was re-queried
    assert bridge.texts_of("warning") == []


def test_cancelled_import_leaves_no_vouchers(qtbot, test_db, tmp_path, bridge, chooser, key,
                                             monkeypatch) -> None:
    setup_ledger(test_db)
    test_db.make_user("op1", Role.OPERATOR)
    page = open_page(qtbot, test_db, "op1")
    assert page.import_tab is not None
    page.tabs.setCurrentWidget(page.import_tab)
    # The import checks for cancel every CHUNK rows; the user pressed cancel meanwhile.
    monkeypatch.setattr(voucher_import, "CHUNK", 10)
    monkeypatch.setattr(ops.Progress, "cancelled", lambda self: True)
    chooser.open_answers = [write_csv(tmp_path / "v.csv", ledger_rows(50))]
    click(qtbot, page.import_tab.import_button)
    assert page.import_tab.import_summary.toPlainText() == "已取消，数据库未改动"
    assert bridge.texts_of("info") == ["已取消，数据库未改动"]
    assert page.import_tab.import_button.isEnabled()
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Voucher)) == 0
        assert s.scalar(select(func.count()).select_from(VoucherImport)) == 0


def test_import_without_the_pseudonym_key_is_a_plain_message(qtbot, pg_db, tmp_path, bridge,
                                                             chooser, monkeypatch) -> None:
    monkeypatch.delenv("JD_ADMIN_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("JD_ADMIN_PSEUDONYM_KEY_FILE", str(tmp_path / "missing.key"))
    setup_ledger(pg_db)
    pg_db.make_user("op1", Role.OPERATOR)
    page = open_page(qtbot, pg_db, "op1")
    assert page.import_tab is not None
    page.tabs.setCurrentWidget(page.import_tab)
    chooser.open_answers = [write_csv(tmp_path / "v.csv", ledger_rows(5))]
    click(qtbot, page.import_tab.import_button)
    assert any("假名化密钥" in t for t in bridge.texts_of("warning")), bridge.shown
    assert "数据库未改动" in page.import_tab.import_summary.toPlainText()


def test_bureau_staff_clears_a_flag_from_the_page(qtbot, test_db, tmp_path, bridge) -> None:
    ledger = build_ledger(test_db, tmp_path)
    page = open_page(qtbot, test_db, "staff1")
    pick(page.list_tab.violation_filter, "VENUE")
    wait_ops(qtbot)
    venue_flagged = {i for i, f in ledger.open_flags.items() if "VENUE" in f}
    load_everything(qtbot, page.list_tab.model)
    assert set(ids_of(page.list_tab.model)) == venue_flagged
    page.list_tab.table.selectRow(0)
    wait_ops(qtbot)
    voucher = page.list_tab.selected_voucher()
    assert voucher is not None and "VENUE" in voucher.flags
    assert voucher.code in page.list_tab.detail_text.text()
    assert page.list_tab.flags_model.rows and page.list_tab.clear_flag_button.isEnabled()
    flag = page.list_tab._selected_flag()
    assert flag is not None and flag.code in voucher.flags
    bridge.texts = ["平台补报了场馆信息，核实无误"]
    click(qtbot, page.list_tab.clear_flag_button)
    with test_db.admin_db.session() as s:
        stored = s.get(VoucherViolation, (voucher.id, flag.code))
        assert stored is not None and stored.cleared_at is not None
        assert stored.cleared_by == "staff1"
        assert stored.clear_reason == "平台补报了场馆信息，核实无误"
    assert flag.code not in page.list_tab.model.rows[0].flags  # the row was refreshed in place
    cleared = next(f for f in page.list_tab.flags_model.rows if f.code == flag.code)
    assert cleared.cleared_by == "staff1"
    assert any("已解除" in t for t in bridge.texts_of("info"))
    # Cancelling the reason dialog changes nothing.
    page.list_tab.table.selectRow(1)
    wait_ops(qtbot)
    other = page.list_tab.selected_voucher()
    assert other is not None and page.list_tab.clear_flag_button.isEnabled()
    # bridge.texts is empty now: the dialog is cancelled
    click(qtbot, page.list_tab.clear_flag_button)
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(VoucherViolation).where(
            VoucherViolation.voucher_id == other.id, VoucherViolation.cleared_at.is_not(None))) == 0


def test_venue_finder_fills_the_venue_choice_and_reset_clears_the_filters(
        qtbot, test_db, tmp_path, bridge) -> None:
    ledger = build_ledger(test_db, tmp_path)
    with test_db.admin_db.session() as s:
        credit_code = s.get(Venue, ledger.good_venue_id).credit_code
    page = open_page(qtbot, test_db, "staff1")
    tab = page.list_tab
    tab.venue_search.setText(credit_code)
    click(qtbot, tab.venue_find_button)
    wait_ops(qtbot)
    assert tab.venue_filter.currentData() == ledger.good_venue_id  # one found: chosen
    load_everything(qtbot, tab.model)
    assert set(ids_of(tab.model)) == {v.id for v in ledger.vouchers.values()
                                      if v.venue_id == ledger.good_venue_id}
    pick(tab.state_filter, "redeemed")
    tab.citizen_filter.setText("138")
    tab.reset_filter()
    wait_ops(qtbot)
    assert tab.current_filter() == VoucherFilter()
    assert tab.venue_search.text() == "" and tab.total_label.text() == "共 300 条"
    assert bridge.texts_of("warning") == []


def test_operator_cannot_clear_flags(qtbot, test_db, tmp_path) -> None:
    build_ledger(test_db, tmp_path)
    test_db.make_user("op1", Role.OPERATOR)
    page = open_page(qtbot, test_db, "op1")
    assert page.list_tab.model.rowCount() == PAGE_SIZE
    assert not page.list_tab.clear_flag_button.isVisible()


def test_batches_tab_warns_at_ninety_percent(qtbot, qtmodeltester, test_db) -> None:
    now = clock.now()
    with test_db.admin_db.session() as s, s.begin():
        for code, budget in (("HOT", "160"), ("CALM", "1000")):
            # 10 vouchers of 20 yuan (subsidy 15) still to claim: 150 yuan committed.
            s.add(IssuanceBatch(code=code, name=f"批次{code}", budget=Decimal(budget),
                                claim_start=now - dt.timedelta(days=1),
                                claim_end=now + dt.timedelta(days=30),
                                status="active", created_by="t",
                                face_values=[BatchFaceValue(face_value=Decimal(20), count=10)]))
    test_db.make_user("staff1", Role.BUREAU_STAFF)
    page = open_page(qtbot, test_db, "staff1")
    page.tabs.setCurrentWidget(page.batches_tab)
    wait_ops(qtbot)
    qtmodeltester.check(page.batches_tab.batches_model)
    rows = {b.code: i for i, b in enumerate(page.batches_tab.batches_model.rows)}
    assert set(rows) == {"HOT", "CALM"}
    assert page.batches_tab.batch_warning.isVisible()
    warning = page.batches_tab.batch_warning.text()
    assert "HOT（93.8%）" in warning and "CALM" not in warning
    model = page.batches_tab.batches_model
    hot, calm = model.index(rows["HOT"], 0), model.index(rows["CALM"], 0)
    assert model.data(hot, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(hot, Qt.ItemDataRole.FontRole).bold()
    assert model.data(calm, Qt.ItemDataRole.ForegroundRole) is None
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["编号", "名称", "预算", "领取期", "限制", "状态", "发放", "已领取", "已核销",
                       "已核销补贴", "已领未用补贴", "可领取补贴", "已占用比例"]
    assert model.data(model.index(rows["HOT"], 12)) == "93.8%"


def test_export_from_the_page(qtbot, test_db, tmp_path, bridge, chooser) -> None:
    build_ledger(test_db, tmp_path)
    page = open_page(qtbot, test_db, "staff1")
    pick(page.list_tab.state_filter, "unused")
    wait_ops(qtbot)
    out = tmp_path / "out"  # the suffix is added
    chooser.save_answers = [out]
    click(qtbot, page.list_tab.export_button)
    written = Path(f"{out}.xlsx")
    assert written.exists()
    assert any(t.startswith(f"已导出 {page.list_tab.total} 张")
               for t in bridge.texts_of("info")), bridge.shown
