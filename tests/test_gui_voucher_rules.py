"""消费券规则与发放批次 in the GUI, on SQLite and PostgreSQL: the administrator adds versions of the
face-value table, the usage limits and the special-voucher restrictions through the real
widget and dialogs (refusals inline, history untouched); others only read; the bureau's staff
create a batch through BatchDialog and publish and close it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from sqlalchemy import func, select

from jd_admin.models import (
    BatchFaceValue,
    FaceValueRule,
    IssuanceBatch,
    Role,
    UsageRule,
    VoucherRestriction,
)
from jd_admin.services import clock
from jd_admin.services.vouchers import rules as voucher_rules
from jd_admin.ui.vouchers.batches import (
    BatchDialog,
    batch_actions,
    close_batch,
    open_batch_dialog,
    publish_batch,
    shanghai_moment,
)
from jd_admin.ui.vouchers.rules import (
    FaceTableDialog,
    RestrictionDialog,
    RuleTablesWidget,
    UsageRulesDialog,
)
from jd_admin.ui.widgets import qdate

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")

SEEDED = "2023-01-01"  # the date of the seeded rule versions (migrations 0001 and 0004)


def tomorrow() -> dt.date:
    return clock.today() + dt.timedelta(days=1)


def open_widget(qtbot, test_db, username: str, role: Role) -> RuleTablesWidget:
    test_db.make_user(username, role)
    widget = RuleTablesWidget(test_db.open_as(username), test_db.actor(username))
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.show()
    widget.refresh()
    wait_ops(qtbot)
    return widget


def click(qtbot, button: QWidget) -> None:
    assert button is not None and button.isVisible() and button.isEnabled(), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    wait_ops(qtbot)


def count(test_db, model, *where) -> int:
    with test_db.admin_db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def shown_rows(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_admin_adds_a_face_table_version_history_untouched(
        qtbot, qtmodeltester, test_db, bridge) -> None:
    widget = open_widget(qtbot, test_db, "rules_admin", Role.ADMIN)
    assert [widget.face_version.itemText(i) for i in range(widget.face_version.count())] == [
        f"{SEEDED}（当前生效）"]
    assert shown_rows(widget.face_table)[0] == ["5", "4", "1", "10"]
    assert len(widget.face_model.rows) == 6

    click(qtbot, widget.new_face_button)
    dialog = widget.dialog
    assert isinstance(dialog, FaceTableDialog) and dialog.isVisible()
    assert dialog.effective_from() == tomorrow()
    assert dialog.table.rowCount() == 6, "prefilled with the current version"
    assert [dialog.cell_text(5, c) for c in range(5)] == ["80", "50", "30", "200", "50 + 30 = 80"]

    # A row whose split does not add up: shown at once, refused inline naming the row, not saved.
    dialog.set_cell(1, 2, "3")
    assert dialog.cell_text(1, 4) == "8 + 3 = 11，不等于 10"
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.error.text() == "第 2 行：政府补贴 8 + 场馆让利 3 = 11，不等于面值 10"
    assert count(test_db, FaceValueRule) == 6
    dialog.set_cell(1, 2, "2")
    assert dialog.cell_text(1, 4) == "8 + 2 = 10"

    # Not an amount: the row and the column are named.
    dialog.set_cell(0, 1, "四")
    assert dialog.cell_text(0, 4) == "金额无效"
    click(qtbot, dialog.ok_button)
    assert "第 1 行" in dialog.error.text() and "政府补贴" in dialog.error.text()
    dialog.set_cell(0, 1, "4")

    # The service's own checks land inline too (usage threshold below the face value).
    click(qtbot, dialog.add_button)
    assert dialog.table.rowCount() == 7
    for column, text in enumerate(("100", "60", "40", "90")):
        dialog.set_cell(6, column, text)
    click(qtbot, dialog.ok_button)
    assert "第 7 行：使用门槛不能低于面值" in dialog.error.text()
    assert count(test_db, FaceValueRule) == 6

    # A version dated today would rewrite the rules in force: refused.
    dialog.set_cell(6, 3, "250")
    dialog.date.setDate(qdate(clock.today()))
    click(qtbot, dialog.ok_button)
    assert "必须晚于今天" in dialog.error.text()
    assert count(test_db, FaceValueRule) == 6

    dialog.date.setDate(qdate(tomorrow()))
    dialog.set_cell(5, 1, "55")
    dialog.set_cell(5, 2, "25")
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert bridge.texts_of("info") == [f"已新增面值表版本，{tomorrow()} 起生效。"]

    assert [widget.face_version.itemText(i) for i in range(widget.face_version.count())] == [
        f"{tomorrow()}（待生效）", f"{SEEDED}（当前生效）"]
    assert widget.face_version.currentIndex() == 0, "the new version is shown"
    assert shown_rows(widget.face_table)[-2:] == [["80", "55", "25", "200"], ["100", "60", "40",
                                                                              "250"]]
    widget.face_version.setCurrentIndex(1)
    assert shown_rows(widget.face_table)[-1] == ["80", "50", "30", "200"]
    with test_db.admin_db.session() as s:
        old = s.scalars(select(FaceValueRule).where(FaceValueRule.effective_from
                                                    == dt.date(2023, 1, 1))
                        .order_by(FaceValueRule.face_value)).all()
        assert [(r.face_value, r.subsidy, r.concession, r.min_order) for r in old][-1] == (
            Decimal("80.00"), Decimal("50.00"), Decimal("30.00"), Decimal("200.00"))
        assert len(old) == 6
        assert count(test_db, FaceValueRule, FaceValueRule.effective_from == tomorrow()) == 7

    # The same date again is a second version of that day: refused.
    click(qtbot, widget.new_face_button)
    again = widget.dialog
    assert isinstance(again, FaceTableDialog) and again is not dialog
    assert again.cell_text(5, 1) == "50", "prefilled with the version in force today"
    click(qtbot, again.ok_button)
    assert re.search(r"生效的版本已于 .* 由 \S+（rules_admin）添加", again.error.text())
    again.discard()

    for model in (widget.face_model, widget.usage_model, widget.restriction_model):
        qtmodeltester.check(model)


def test_others_read_the_rule_tables_without_version_buttons(qtbot, test_db, bridge) -> None:
    widget = open_widget(qtbot, test_db, "bureau_reader", Role.BUREAU_STAFF)
    assert not [b.text() for b in widget.findChildren(QPushButton) if "新增版本" in b.text()]
    assert widget.new_face_button is None and widget.new_usage_button is None
    assert widget.new_restriction_button is None
    assert len(widget.face_model.rows) == 6
    assert shown_rows(widget.usage_table) == [
        [SEEDED, "当前生效", "3", "3", "1", "3", "1", "50", "168"]]
    rows = {r[0]: r for r in shown_rows(widget.restriction_table)}
    assert rows["SWIM"] == ["SWIM", SEEDED, "当前生效", "游泳专项券", "运动项目", "限游泳项目使用"]
    assert rows["SENIOR"][4:] == ["人群", "限60岁以上老年人使用"]


def test_admin_adds_usage_rules_and_restriction_versions(qtbot, test_db, bridge) -> None:
    widget = open_widget(qtbot, test_db, "rules_admin", Role.ADMIN)

    widget.tabs.setCurrentIndex(1)
    click(qtbot, widget.new_usage_button)
    dialog = widget.dialog
    assert isinstance(dialog, UsageRulesDialog)
    assert (dialog.weekly_claim_limit.value(), dialog.max_held.value(),
            dialog.daily_use_cap.value(),
            dialog.weekly_use_cap.value(), dialog.weekly_large_claim_limit.value(),
            dialog.large_face_value.text(), dialog.validity_hours.value()) == (3, 3, 1, 3, 1, "50",
                                                                               168)
    dialog.weekly_use_cap.setValue(4)
    for bad in ("abc", "0", "50.001"):
        dialog.large_face_value.setText(bad)
        click(qtbot, dialog.ok_button)
        assert dialog.error.text().startswith("大额券起点面值："), bad
    dialog.large_face_value.setText("50")
    dialog.date.setDate(qdate(clock.today()))
    click(qtbot, dialog.ok_button)
    assert "必须晚于今天" in dialog.error.text()
    assert count(test_db, UsageRule) == 1
    dialog.date.setDate(qdate(tomorrow()))
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert shown_rows(widget.usage_table) == [
        [str(tomorrow()), "待生效", "3", "3", "1", "4", "1", "50", "168"],
        [SEEDED, "当前生效", "3", "3", "1", "3", "1", "50", "168"]]

    # A new restriction (nothing selected): a sport.
    widget.tabs.setCurrentIndex(2)
    click(qtbot, widget.new_restriction_button)
    dialog = widget.dialog
    assert isinstance(dialog, RestrictionDialog) and dialog.code.text() == ""
    qtbot.keyClicks(dialog.code, "tennis")
    dialog.name.setText("网球专项券")
    assert dialog.sport.isVisible() and not dialog.group.isVisible()
    click(qtbot, dialog.ok_button)
    assert dialog.error.text() == "请填写名称和限制内容"
    dialog.sport.setText("网球")
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    rows = {r[0]: r for r in shown_rows(widget.restriction_table)}
    assert rows["TENNIS"] == ["TENNIS", str(tomorrow()), "待生效", "网球专项券", "运动项目",
                              "限网球项目使用"]

    # A new version of SENIOR (selected row): prefilled; today refused; tomorrow saved.
    view = widget.restriction_table
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 0).data()
               == "SENIOR")
    view.selectRow(row)
    click(qtbot, widget.new_restriction_button)
    dialog = widget.dialog
    assert isinstance(dialog, RestrictionDialog)
    assert (dialog.code.text(), dialog.kind.currentData(), dialog.group.currentData()) == (
        "SENIOR", "group", "senior")
    assert dialog.group.isVisible() and not dialog.sport.isVisible()
    dialog.name.setText("长者专享券（65岁以上）")
    dialog.date.setDate(qdate(clock.today()))
    click(qtbot, dialog.ok_button)
    assert "必须晚于今天" in dialog.error.text()
    dialog.date.setDate(qdate(tomorrow()))
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    senior = [r for r in shown_rows(widget.restriction_table) if r[0] == "SENIOR"]
    assert [r[1:4] for r in senior] == [[SEEDED, "当前生效", "长者专享券（60岁以上）"],
                                        [str(tomorrow()), "待生效", "长者专享券（65岁以上）"]]
    assert count(test_db, VoucherRestriction, VoucherRestriction.code == "SENIOR") == 2


def open_dialog(qtbot, test_db, username: str, created: list[int]) -> tuple[QWidget, BatchDialog]:
    """The batch dialog as ``open_batch_dialog`` opens it on a page."""
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    database = test_db.open_as(username)
    open_batch_dialog(host, database, test_db.actor(username), created.append)
    wait_ops(qtbot)
    dialog = host.findChild(BatchDialog)
    assert dialog is not None and dialog.isVisible()
    return host, dialog


def test_bureau_creates_publishes_and_closes_a_batch(qtbot, test_db, bridge) -> None:
    test_db.make_user("bureau_a", Role.BUREAU_STAFF)
    created: list[int] = []
    host, dialog = open_dialog(qtbot, test_db, "bureau_a", created)
    assert [dialog.counts.item(r, 0).text() for r in range(dialog.counts.rowCount())] == [
        "5", "10", "20", "30", "50", "80"]
    assert dialog.restriction.count() == 5 and dialog.restriction.currentData() is None
    assert not dialog.restriction_hint.isVisible()
    assert clock.local_date(shanghai_moment(dialog.claim_start)) == tomorrow()

    qtbot.keyClicks(dialog.code, "2026-12")
    dialog.name.setText("2026 年 12 月体育消费券")
    dialog.count_spins[Decimal("5.00")].setValue(100)
    dialog.count_spins[Decimal("50.00")].setValue(200)
    qtbot.keyClicks(dialog.budget, "abc")
    assert dialog.hint.text() == "按所填数量，政府补贴最多 6,400.00 元"
    click(qtbot, dialog.ok_button)
    assert dialog.error.text() == "补贴预算：“abc”不是有效的金额（元，最多两位小数）"
    assert count(test_db, IssuanceBatch) == 0

    dialog.budget.setText("10,000")
    assert dialog.hint.text() == "按所填数量，政府补贴最多 6,400.00 元，占预算 64%"
    assert not dialog.over_budget()
    dialog.count_spins[Decimal("80.00")].setValue(100)
    assert dialog.hint.text() == "按所填数量，政府补贴最多 11,400.00 元，超出预算 1,400.00 元"
    assert dialog.over_budget()
    assert dialog.counts.item(5, 3).text() == "5,000.00"
    dialog.count_spins[Decimal("80.00")].setValue(0)
    assert not dialog.over_budget()

    dialog.claim_end.setDateTime(dialog.claim_start.dateTime().addSecs(-60))
    click(qtbot, dialog.ok_button)
    assert dialog.error.text() == "领取截止时间必须晚于开始时间"
    dialog.claim_end.setDateTime(dialog.claim_start.dateTime().addDays(30))
    dialog.restriction.setCurrentIndex(dialog.restriction.findData("SWIM"))
    results: list[int] = []
    dialog.finished.connect(results.append)
    click(qtbot, dialog.ok_button)
    assert results == [QDialog.DialogCode.Accepted.value] and len(created) == 1
    with test_db.admin_db.session() as s:
        batch = s.get(IssuanceBatch, created[0])
        assert (batch.code, batch.status, batch.budget, batch.restriction_code,
                batch.created_by) == (
            "2026-12", "draft", Decimal("10000.00"), "SWIM", "bureau_a")
        assert batch.claim_start == clock.start_of_day(tomorrow())
        assert batch.claim_end == clock.start_of_day(tomorrow() + dt.timedelta(days=30))
        assert {(f.face_value, f.count) for f in s.scalars(select(BatchFaceValue))} == {
            (Decimal("5.00"), 100), (Decimal("50.00"), 200)}

    # The same code again is refused inline.
    host2, again = open_dialog(qtbot, test_db, "bureau_a", created)
    qtbot.keyClicks(again.code, "2026-12")
    again.name.setText("重复")
    qtbot.keyClicks(again.budget, "500")
    again.count_spins[Decimal("10.00")].setValue(10)
    click(qtbot, again.ok_button)
    assert again.error.text() == "批次编号 2026-12 已存在"
    assert again.isVisible() and again.ok_button.isEnabled()
    assert count(test_db, IssuanceBatch) == 1
    again.discard()

    # Publish: asked first; "no" changes nothing.
    database = test_db.open_as("bureau_a")
    actor = test_db.actor("bureau_a")

    def listed() -> voucher_rules.BatchRow:
        with test_db.admin_db.session() as s:
            return voucher_rules.list_batches(s)[0]

    draft = listed()
    assert batch_actions(draft, actor) == ["active"]
    assert draft.committed == Decimal("6400.00")
    bridge.answers.append(False)
    assert publish_batch(host, database, actor, draft) is False
    wait_ops(qtbot)
    assert listed().status == "draft"
    done: list[bool] = []
    bridge.answers.append(True)
    assert publish_batch(host, database, actor, draft, lambda: done.append(True)) is True
    wait_ops(qtbot)
    asked = bridge.texts_of("ask")
    assert "发布发放批次“2026-12 2026 年 12 月体育消费券”" in asked[-1]
    assert bridge.texts_of("info")[-1] == "已发布发放批次“2026-12 2026 年 12 月体育消费券”。"
    active = listed()
    assert active.status == "active" and done == [True]
    assert batch_actions(active, actor) == ["closed"]

    # Closing from the stale (draft) row is refused as a concurrent change.
    bridge.answers.append(True)
    close_batch(host, database, actor, draft)
    wait_ops(qtbot)
    # (who changed it and when: the trail's last change)
    assert re.search(r"该批次已于 \d{4}-\d\d-\d\d \d\d:\d\d 被 \S+（bureau_a）修改，请刷新后重试",
                     bridge.texts_of("warning")[-1])
    assert listed().status == "active"
    bridge.answers.append(True)
    close_batch(host, database, actor, active)
    wait_ops(qtbot)
    closed = listed()
    assert closed.status == "closed" and batch_actions(closed, actor) == []
    host2.close()


def test_batch_dialog_offers_the_faces_the_service_accepts(qtbot, test_db, bridge) -> None:
    """A claim window that opened days ago is split under (and checked against) today's face
    table, not the one of its first day: the dialog and create_batch agree."""
    test_db.make_user("bureau_a", Role.BUREAU_STAFF)
    yesterday = clock.today() - dt.timedelta(days=1)
    with test_db.admin_db.session() as s, s.begin():
        s.add(FaceValueRule(effective_from=yesterday, face_value=Decimal("100"),
                            subsidy=Decimal("60"), concession=Decimal("40"),
                            min_order=Decimal("100"), created_by="test"))
    start = clock.start_of_day(clock.today() - dt.timedelta(days=5))
    with test_db.admin_db.session() as s:
        tables = voucher_rules.load_rule_tables(s)
        assert voucher_rules.claims_face_day(start, tables.today) == clock.today()
        table = tables.batch_face_table(start)
        assert table is not None and table.effective_from == yesterday
        assert table.subsidy_of({Decimal("100"): 3, Decimal("5"): 7}) == Decimal("180.00")

    created: list[int] = []
    host, dialog = open_dialog(qtbot, test_db, "bureau_a", created)
    dialog.claim_start.setDateTime(dialog.claim_start.dateTime().addDays(-6))
    assert clock.local_date(shanghai_moment(dialog.claim_start)) == start.date()
    assert dialog.face == table and list(dialog.count_spins) == [Decimal("100.00")]
    qtbot.keyClicks(dialog.code, "LATE")
    dialog.name.setText("已开始领取的批次")
    qtbot.keyClicks(dialog.budget, "1000")
    dialog.count_spins[Decimal("100.00")].setValue(3)
    assert dialog.hint.text() == "按所填数量，政府补贴最多 180.00 元，占预算 18%"
    click(qtbot, dialog.ok_button)
    assert len(created) == 1, dialog.error.text()
    with test_db.admin_db.session() as s:
        assert voucher_rules.list_batches(s)[0].subsidy_claimable == Decimal("180.00")
    host.close()
