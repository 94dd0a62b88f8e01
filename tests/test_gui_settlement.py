"""The settlement page driven through its widgets on SQLite and PostgreSQL (there as each
person's own login): the operator generates October, bureau staff verify, the approver finds
approval blocked by a venue without a bank account and returns it with a reason, staff
regenerate and verify again, the approver approves, staff record every line's payment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from sqlalchemy import select
from test_settlement import BANK, OCT, TODAY, build, people, settle_september

from jd_admin.models import Settlement, SettlementLine, Venue
from jd_admin.services import clock
from jd_admin.services import settlement as settlements
from jd_admin.ui.settlement.dialogs import AdjustmentDialog, GenerateDialog, PaymentDialog
from jd_admin.ui.settlement.page import SettlementPage


@pytest.fixture(autouse=True)
def november_30(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def open_page(qtbot, test_db, username: str) -> SettlementPage:
    page = SettlementPage(test_db.open_as(username), test_db.actor(username))
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def generate_october(qtbot, page: SettlementPage) -> None:
    click(qtbot, page.generate_button)
    dialog = page.dialog
    assert isinstance(dialog, GenerateDialog)
    assert dialog.month.currentData() == OCT  # last month first
    click(qtbot, dialog.ok_button)
    wait_ops(qtbot)


def state(test_db) -> str:
    with test_db.admin_db.session() as s:
        return s.scalars(select(Settlement.status).where(Settlement.month == OCT)).one()


def test_generate_verify_approve_pay_through_the_page(qtbot, test_db, tmp_path, bridge,
                                                      chooser) -> None:
    build(test_db, tmp_path)
    people(test_db)

    oper = open_page(qtbot, test_db, "oper")
    assert oper.months_model.rows == [] and oper.detail_stack.currentIndex() == 0
    assert not oper.verify_button.isVisible() and not oper.pay_button.isVisible()
    generate_october(qtbot, oper)
    assert any("2026-10" in t and "9 张券" in t for t in bridge.texts_of("info")), bridge.shown
    assert [r.month for r in oper.months_model.rows] == [OCT]
    assert oper.detail is not None and oper.detail.row.status == "draft"
    assert len(oper.lines_model.rows) == 3 and "2026-10" in oper.detail_title.text()
    assert {e.voucher.code: e.reason for e in oper.excluded_model.rows} == {
        "X1": "no_venue", "X2": "flagged", "X3": "not_redeemable"}
    assert "3" in oper.tabs.tabText(2)
    # drill-down: a line's vouchers
    row = next(i for i, ln in enumerate(oper.lines_model.rows) if ln.voucher_count == 3)
    oper.lines_table.selectRow(row)
    wait_ops(qtbot)
    assert len(oper.vouchers_model.rows) == 3
    assert all("*" in v.citizen for v in oper.vouchers_model.rows)  # masked

    staff = open_page(qtbot, test_db, "staff1")
    assert staff.verify_button.isEnabled() and not staff.approve_button.isEnabled()
    bridge.answers = [True]
    click(qtbot, staff.verify_button)
    assert state(test_db) == "verified"
    assert staff.detail is not None and staff.detail.row.verified_by == "staff1"
    assert not staff.verify_button.isEnabled() and not staff.generate_button.isHidden()

    boss = open_page(qtbot, test_db, "boss")
    assert not boss.generate_button.isVisible() and not boss.pay_button.isVisible()
    assert not boss.approve_button.isEnabled()  # 测试场馆C has no bank account
    assert "测试场馆C" in boss.notice.text()
    missing = next(ln for ln in boss.lines_model.rows if ln.venue_name == "测试场馆C")
    assert missing.no_bank_account
    bridge.texts = ["测试场馆C 缺少银行账户，补全后重新生成"]
    click(qtbot, boss.return_button)
    assert state(test_db) == "draft"
    assert "补全后重新生成" in boss.notice.text()

    with test_db.admin_db.session() as s, s.begin():
        c = s.scalars(select(Venue).where(Venue.name == "测试场馆C")).one()
        c.bank_name, c.bank_account_number = BANK["bank_name"], "6222020000000003"
        c.bank_account_name = c.name
    staff.refresh()
    wait_ops(qtbot)
    generate_october(qtbot, staff)
    assert staff.detail is not None and not any(ln.no_bank_account
                                                for ln in staff.detail.lines)
    bridge.answers = [True]
    click(qtbot, staff.verify_button)
    assert state(test_db) == "verified"

    boss.refresh()
    wait_ops(qtbot)
    assert boss.approve_button.isEnabled() and "测试场馆C" not in boss.notice.text()
    assert "超出预算" in boss.notice.text()  # the budget warning stays in sight
    bridge.answers = [True]
    click(qtbot, boss.approve_button)
    assert state(test_db) == "approved"
    assert boss.return_button.isEnabled()  # an approver may still return it

    staff.refresh()
    wait_ops(qtbot)
    assert not staff.pay_button.isEnabled()  # no line selected
    for n in range(3):
        staff.lines_table.selectRow(n)
        wait_ops(qtbot)
        click(qtbot, staff.pay_button)
        dialog = staff.dialog
        assert isinstance(dialog, PaymentDialog)
        dialog.reference.setText(f"ICBC-2026-11-30-{n:03d}")
        click(qtbot, dialog.ok_button)
        wait_ops(qtbot)
    assert state(test_db) == "paid"
    assert any("全部拨付" in t for t in bridge.texts_of("info"))
    assert staff.detail is not None and staff.detail.row.status == "paid"
    assert all(ln.paid_on == TODAY for ln in staff.detail.lines)
    with test_db.admin_db.session() as s:
        refs = s.scalars(select(SettlementLine.payment_reference)).all()
    assert sorted(refs) == [f"ICBC-2026-11-30-{n:03d}" for n in range(3)]
    # the history: generated, verified, returned, regenerated, verified, approved, 3 payments,
    # paid
    actions = [h.action for h in staff.history_model.rows]
    assert actions.count("登记拨付") == 3, actions
    payment = next(h for h in staff.history_model.rows if h.action == "登记拨付")
    assert payment.comment in {ln.venue_name for ln in staff.detail.lines}
    column = staff.history_model.columns[3]
    assert column.display(payment) == "未拨付"  # a line's own state
    assert [h.to_state for h in staff.history_model.rows if h.to_state][-1] == "paid"
    assert any(h.comment and "补全后重新生成" in h.comment for h in staff.history_model.rows)
    assert not staff.pay_button.isEnabled()
    # the outputs from the page: the summary PDF, and the bank list for the bank portal
    assert staff.export_button.isEnabled()
    assert ("bank", "csv") in {(k, e) for k, e, _t in staff.export_choices()}
    chooser.save_answers = [tmp_path / "summary", tmp_path / "bank.csv"]
    staff.export("summary", "pdf")
    wait_ops(qtbot)
    staff.export("bank", "csv")
    wait_ops(qtbot)
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")
    bank = (tmp_path / "bank.csv").read_bytes().decode("gb18030")
    assert "6222020000000003" in bank
    assert sum("已导出" in t for t in bridge.texts_of("info")) == 2


def test_focus_from_a_task_selects_the_month(qtbot, test_db, tmp_path, bridge) -> None:
    build(test_db, tmp_path)
    p = people(test_db)
    from jd_admin.services import settlement

    with test_db.admin_db.session() as s, s.begin():
        settlement.generate(s, p["oper"], dt.date(2026, 9, 1), today=TODAY)
        settlement.generate(s, p["oper"], OCT, today=TODAY)
    page = open_page(qtbot, test_db, "boss")
    assert page.detail is not None and page.detail.row.month == OCT  # the latest
    page.focus_target("2026-09")
    wait_ops(qtbot)
    assert page.detail is not None and page.detail.row.month == dt.date(2026, 9, 1)
    assert not page.verify_button.isEnabled() and page.verify_button.isVisible() is True


def test_an_adjustment_added_and_removed_through_the_page(qtbot, test_db, tmp_path,
                                                          bridge) -> None:
    """Bureau staff correct September's approved line in October's draft (bad input stays in
    the dialog with its message), then take the adjustment out again with a reason."""
    build(test_db, tmp_path)
    p = people(test_db)
    settle_september(test_db, p)
    with test_db.admin_db.session() as s, s.begin():
        settlements.generate(s, p["oper"], OCT, today=TODAY)

    oper = open_page(qtbot, test_db, "oper")
    assert not oper.adjust_button.isVisible()  # adjustments are the bureau staff's
    staff = open_page(qtbot, test_db, "staff1")
    assert staff.detail is not None and staff.detail.row.month == OCT
    before = staff.detail.row.subsidy
    assert staff.adjust_button.isEnabled() and not staff.unadjust_button.isEnabled()
    click(qtbot, staff.adjust_button)
    dialog = staff.dialog
    assert isinstance(dialog, AdjustmentDialog)
    wait_ops(qtbot)
    assert [dialog.month.itemText(i) for i in range(dialog.month.count())] == ["2026-09"]
    assert dialog.line.count() == 1 and "补贴 15.00 元，1 张券" in dialog.line.itemText(0)
    venue = dialog.line.itemText(0).split("（")[0]
    dialog.amount.setText("4.001")
    dialog.reason.setText("9月订单部分退款，多付补贴")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "精确到分" in dialog.error.text()
    dialog.amount.setText("-4.00")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    wait_ops(qtbot)
    assert staff.detail is not None and staff.detail.row.subsidy == before - Decimal("4.00")
    row = next(i for i, ln in enumerate(staff.lines_model.rows) if ln.kind == "adjustment")
    adjustment = staff.lines_model.rows[row]
    assert adjustment.subsidy == Decimal("-4.00") and adjustment.venue_name == venue
    note = staff.lines_model.columns[-1].display(adjustment)
    assert "9月订单部分退款" in note and str(adjustment.corrects_line_id) in note

    staff.lines_table.selectRow(row)
    wait_ops(qtbot)
    assert staff.unadjust_button.isEnabled()
    bridge.texts = ["录入时月份选错"]
    click(qtbot, staff.unadjust_button)
    assert staff.detail is not None and staff.detail.row.subsidy == before
    assert all(ln.kind == "regular" for ln in staff.lines_model.rows)
    removed = [h for h in staff.history_model.rows if h.action == "删除调整行"]
    assert len(removed) == 1 and removed[0].comment == "录入时月份选错"
    with test_db.admin_db.session() as s:
        assert s.scalars(select(SettlementLine).where(
            SettlementLine.kind == "adjustment")).all() == []
