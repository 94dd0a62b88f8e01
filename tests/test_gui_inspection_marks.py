"""Issue 11's marks, training and checklist editing through the widgets, on SQLite and
PostgreSQL (there as each person's own login): a venue whose latest inspection failed, or with
a rectification order past its deadline, is marked on the register and on its settlement line;
bureau staff suspend it from the register with the marks as the suggested reason; a training
session entered in its dialog is in the list and in the venue's history; a checklist edited in
its dialog (bad input refused with a message) becomes a new version while a past inspection
keeps its items."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox
from sqlalchemy import select
from test_settlement import OCT, TODAY, build, people
from voucher_support import GOOD_VENUE

from jd_admin.domain.inspections import ItemKind
from jd_admin.models import InspectionItem, Venue
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.services import settlement as settlements
from jd_admin.services.demo.inspections import FAILED_ITEMS, demo_photo
from jd_admin.services.register import status as register
from jd_admin.ui.inspections.dialogs import ChecklistDialog, TrainingDialog, VenueHistoryDialog
from jd_admin.ui.inspections.page import InspectionsPage
from jd_admin.ui.register.page import VenuesPage
from jd_admin.ui.settlement.page import SettlementPage

RULES = FAILED_ITEMS[0]  # not serious, no photo needed
PRICES = "公示价格与备案价格一致，消费券适用项目明码标价"  # serious, a photo when failed


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def inspect(tdb, venue_id: int, bureau: str, inspector: str, failing: str,
            rectify_by: dt.date) -> insp.Submitted:
    """A plan of ``venue_id`` for ``inspector``, who submits it with ``failing`` failed."""
    with tdb.admin_db.session() as s, s.begin():
        plan = insp.create_plan(s, tdb.actor(bureau), "标记测试", [venue_id], inspector,
                                clock.today() + dt.timedelta(days=7))
        [assignment] = insp.list_assignments(s, tdb.actor(bureau), plan_id=plan)
    me = tdb.actor(inspector)
    with tdb.admin_db.session() as s, s.begin():
        draft = insp.start(s, me, assignment.id)
        answers = []
        for item in s.scalars(select(InspectionItem).where(
                InspectionItem.inspection_id == draft).order_by(InspectionItem.position)):
            if item.text == failing:
                answers.append(insp.ItemInput(item.id, passed=False, note="现场问题"))
                if item.photo_on_fail:
                    insp.add_photo(s, me, draft, item.id, demo_photo("finding"))
            elif item.kind == ItemKind.PASS_FAIL.value:
                answers.append(insp.ItemInput(item.id, passed=True))
            elif item.kind == ItemKind.SCORE.value:
                answers.append(insp.ItemInput(item.id, score=Decimal(8)))
            else:
                answers.append(insp.ItemInput(item.id))
        at = clock.start_of_day(clock.today()) + dt.timedelta(hours=9)
        return insp.submit(s, me, draft, data=insp.DraftInput(
            at, "姚俊", "王经理", rectify_by, "", tuple(answers)))


def login(test_db, username: str):
    if test_db.is_postgres and test_db.seed is not None:
        logins = {d.username: d.password for d in test_db.seed.new_logins}
        return test_db.open_as(username, logins[username])
    return test_db.open_as(username)


def show(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    return page


def mark_of(page: VenuesPage, venue_id: int) -> str:
    column = next(c for c in page.model.columns if c.header == "巡查")
    return str(column.display(next(v for v in page.model.rows if v.id == venue_id)))


def test_marks_on_the_register_and_suspension_with_the_marks_as_reason(
        qtbot, demo_db, bridge, monkeypatch) -> None:
    tdb = demo_db
    with tdb.admin_db.session() as s:
        risky = [r.venue_id for r in insp.risk_scores(s, tdb.actor("bureau1"))]
        before = insp.venue_marks(s, tdb.actor("bureau1"))
    failed_venue, late_venue = [v for v in risky if v not in before][:2]
    failed = inspect(tdb, failed_venue, "bureau1", "inspector1", PRICES,
                     clock.today() + dt.timedelta(days=10))
    late = inspect(tdb, late_venue, "bureau1", "inspector1", RULES,
                   clock.today() + dt.timedelta(days=2))
    assert (failed.result, late.result) == ("fail", "rectify")
    later = clock.today() + dt.timedelta(days=5)  # the second venue's deadline has passed
    monkeypatch.setattr(clock, "today", lambda: later)
    with tdb.admin_db.session() as s:
        marks = insp.venue_marks(s, tdb.actor("bureau1"), [failed_venue, late_venue])
    assert [str(t) for t in marks[failed_venue].labels()] == ["巡查不合格"]
    assert marks[failed_venue].failed_inspection_id == failed.inspection_id
    assert [str(t) for t in marks[late_venue].labels()] == ["整改逾期"]

    page = show(qtbot, VenuesPage(login(tdb, "bureau1"), tdb.actor("bureau1")))
    page.include_all.setChecked(True)  # the whole register: suspended venues stay listed
    wait_ops(qtbot)
    assert mark_of(page, failed_venue) == "巡查不合格"
    assert mark_of(page, late_venue) == "整改逾期"
    unmarked = next(v.id for v in page.model.rows if v.id not in marks and v.id not in before)
    assert mark_of(page, unmarked) == ""
    # the selected venue's marks next to the suspend button; its suspension suggests them
    assert page.select_venue(late_venue)
    assert page.mark_note.isVisible() and "逾期未整改" in page.mark_note.text()
    assert page.select_venue(failed_venue)
    assert page.mark_note.isVisible() and "巡查不合格" in page.mark_note.text()
    bridge.texts = ["巡查不合格（价格公示与备案不一致），暂停整改"]
    click(qtbot, page.suspend_button)
    assert "巡查不合格" in bridge.suggested[-1] and str(failed.inspection_id) in \
        bridge.suggested[-1]
    with tdb.admin_db.session() as s:
        assert s.get(Venue, failed_venue).status == "suspended"
        last = register.status_history(s, failed_venue)[-1]
        assert (last.to_status, last.reason) == ("suspended",
                                                 "巡查不合格（价格公示与备案不一致），暂停整改")
    assert mark_of(page, failed_venue) == "巡查不合格"  # still marked, now suspended
    # the venue's inspections, orders and training
    assert page.select_venue(failed_venue)
    click(qtbot, page.inspection_history_button)
    dialog = page.dialog
    assert isinstance(dialog, VenueHistoryDialog)
    assert [i.result for i in dialog.inspections_model.rows] == ["fail"]
    assert [o.inspection_id for o in dialog.orders_model.rows] == [failed.inspection_id]
    assert dialog.findChild(type(page.mark_note), "historyMark") is not None
    dialog.close()


@pytest.fixture
def october(test_db, tmp_path):
    """The settlement tests' ledger with October generated; people to act."""
    build(test_db, tmp_path)
    p = people(test_db)
    with test_db.admin_db.session() as s, s.begin():
        settlements.generate(s, p["oper"], OCT, today=TODAY)
    return test_db


def test_marks_on_the_settlement_lines(qtbot, october, monkeypatch, bridge) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    tdb = october
    with tdb.admin_db.session() as s:
        good = s.scalars(select(Venue.id).where(Venue.credit_code == GOOD_VENUE)).one()
    page = show(qtbot, SettlementPage(tdb.open_as("staff1"), tdb.actor("staff1")))
    column = next(c for c in page.lines_model.columns if c.header == "巡查")
    assert page.lines_model.rows and all(column.display(ln) == ""
                                         for ln in page.lines_model.rows)
    done = inspect(tdb, good, "staff1", "insp", PRICES, TODAY + dt.timedelta(days=10))
    assert done.result == "fail"
    page.refresh()
    wait_ops(qtbot)
    marked = {ln.venue_id: column.display(ln) for ln in page.lines_model.rows}
    assert marked[good] == "巡查不合格"
    assert all(text == "" for venue, text in marked.items() if venue != good)
    # a passing re-inspection clears the failure; the order past its deadline marks it
    with tdb.admin_db.session() as s, s.begin():
        me = tdb.actor("insp")
        again = insp.start_reinspection(s, me, done.order_id)
        answers = []
        for item in s.scalars(select(InspectionItem).where(
                InspectionItem.inspection_id == again).order_by(InspectionItem.position)):
            if item.text == RULES:
                answers.append(insp.ItemInput(item.id, passed=False))
            elif item.kind == ItemKind.PASS_FAIL.value:
                answers.append(insp.ItemInput(item.id, passed=True))
            elif item.kind == ItemKind.SCORE.value:
                answers.append(insp.ItemInput(item.id, score=Decimal(8)))
            else:
                answers.append(insp.ItemInput(item.id))
        insp.submit(s, me, again, data=insp.DraftInput(
            clock.start_of_day(TODAY) + dt.timedelta(hours=10), "姚俊", "王经理",
            TODAY + dt.timedelta(days=3), "", tuple(answers)))
    monkeypatch.setattr(clock, "today", lambda: TODAY + dt.timedelta(days=4))
    page.refresh()
    wait_ops(qtbot)
    assert {ln.venue_id: column.display(ln) for ln in page.lines_model.rows}[good] == "整改逾期"
    # bureau staff suspend the marked venue from its line, the marks suggested as the reason
    assert page.suspend_button.isVisible() and not page.suspend_button.isEnabled()
    row = next(n for n, ln in enumerate(page.lines_model.rows) if ln.venue_id == good)
    page.lines_table.selectRow(row)
    wait_ops(qtbot)
    assert page.suspend_button.isEnabled()
    bridge.texts = ["整改逾期未完成，暂停核销"]
    qtbot.mouseClick(page.suspend_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert "逾期" in bridge.suggested[-1]
    with tdb.admin_db.session() as s:
        venue = s.get(Venue, good)
        assert (venue.status, venue.status_reason) == ("suspended", "整改逾期未完成，暂停核销")
    assert any("已暂停" in t for t in bridge.texts_of("info"))


def test_a_training_session_through_its_dialog(qtbot, demo_db) -> None:
    tdb = demo_db
    page = show(qtbot, InspectionsPage(login(tdb, "bureau1"), tdb.actor("bureau1")))
    assert page.checklist_button.isVisible()
    before = len(page.training_model.rows)
    click(qtbot, page.training_button)
    dialog = page.dialog
    assert isinstance(dialog, TrainingDialog)
    dialog.topic.setText("消费券核销与价格公示规范")
    dialog.trainer.setText("区体育局 陈老师")
    dialog.place.setText("嘉定体育中心会议室")
    dialog.materials.setText("讲义《消费券定点场馆须知》")
    click(qtbot, dialog.ok_button)  # no venue yet: refused in the dialog
    assert dialog.isVisible() and "至少" in dialog.error.text()
    first = dialog.venue_list.item(0)
    venue_id, venue_name = first.data(Qt.ItemDataRole.UserRole)
    dialog.search.setText(venue_name[:4])
    assert not first.isHidden()
    first.setSelected(True)
    dialog.add_selected()
    dialog.add_selected()  # once only
    assert dialog.attending_ids() == [venue_id]
    spin = dialog.attendance.cellWidget(0, dialog.COL_PEOPLE)
    assert isinstance(spin, QSpinBox)
    spin.setValue(3)
    dialog.attendance.item(0, dialog.COL_NAMES).setText("张三、李四、王五")
    assert "3 人" in dialog.count.text()
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and dialog.session_id is not None
    wait_ops(qtbot)
    assert len(page.training_model.rows) == before + 1
    assert any(t.topic == "消费券核销与价格公示规范" for t in page.training_model.rows)
    # in the venue's history on the register
    venues_page = show(qtbot, VenuesPage(login(tdb, "bureau1"), tdb.actor("bureau1")))
    assert venues_page.select_venue(venue_id)
    click(qtbot, venues_page.inspection_history_button)
    history = venues_page.dialog
    assert isinstance(history, VenueHistoryDialog)
    row = next(t for t in history.training_model.rows if t.id == dialog.session_id)
    attended = next(c for c in history.training_model.columns if c.header == "本场馆参加")
    assert attended.display(row) == "3 人（张三、李四、王五）"


def test_the_checklist_edited_in_its_dialog_is_a_new_version(qtbot, demo_db) -> None:
    tdb = demo_db
    with tdb.admin_db.session() as s:
        old = insp.active_template(s)
        past = next(i for i in insp.list_inspections(s, tdb.actor("bureau1"))
                    if i.status == "submitted")
        past_items = [i.text for i in insp.inspection_detail(
            s, tdb.actor("bureau1"), past.id).items]
    page = show(qtbot, InspectionsPage(login(tdb, "bureau1"), tdb.actor("bureau1")))
    click(qtbot, page.checklist_button)
    dialog = page.dialog
    assert isinstance(dialog, ChecklistDialog)
    table = dialog.table
    assert table.rowCount() == len(old.items) and dialog.ok_button.isEnabled()
    assert f"第 {old.version} 版" in dialog.caption.text()
    table.item(0, dialog.COL_TEXT).setText("公示价格与备案价格一致（新版表述）")
    table.item(1, dialog.COL_WEIGHT).setText("两分")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "第 2 条" in dialog.error.text() and "不是数字" in \
        dialog.error.text()
    table.item(1, dialog.COL_WEIGHT).setText("2.5")
    # a new score item without a maximum: the service's message
    r = dialog.add_item()
    table.item(r, dialog.COL_TEXT).setText("器材区域整洁程度")
    kind = table.cellWidget(r, dialog.COL_KIND)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData(ItemKind.SCORE.value))
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and f"第 {r + 1} 条" in dialog.error.text() and "满分" in \
        dialog.error.text()
    table.item(r, dialog.COL_MAX_SCORE).setText("10")
    # the last old item removed
    table.selectRow(r - 1)
    dialog.remove_selected()
    dialog.note.setText("价格条目措辞调整，新增整洁评分")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and dialog.new_template_id is not None
    with tdb.admin_db.session() as s:
        now = insp.active_template(s)
        assert (now.id, now.version) == (dialog.new_template_id, old.version + 1)
        texts = [i.spec.text for i in now.items]
        assert texts[0] == "公示价格与备案价格一致（新版表述）"
        assert texts[-1] == "器材区域整洁程度" and old.items[-1].spec.text not in texts
        assert now.items[1].spec.weight == Decimal("2.5")
        assert now.items[-1].spec.max_score == Decimal(10)
        assert len(now.items) == len(old.items)
        # the past inspection keeps the items it was recorded with
        assert [i.text for i in insp.inspection_detail(
            s, tdb.actor("bureau1"), past.id).items] == past_items
