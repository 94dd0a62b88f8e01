"""The inspection walk through an offline checkout and check-in, driven through the page's
widgets on SQLite and PostgreSQL (there as the inspector's own login): 带离线 two assignments
to two files; in the first file (opened as the program opens any SQLite file, the banner shown)
open the assignment, record a failing item with a photo, submit; 离线数据回传 puts it in the main
database with its order. The second file's record is refused at check-in because its
assignment was withdrawn meanwhile: the message names the venue and says how to export, and
nothing is written."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from gui_support import wait_ops
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from test_gui_inspections import AED, _jpeg, answer_all, click, open_page

from jd_admin import login as login_service
from jd_admin.config import DatabaseTarget
from jd_admin.models import Inspection, InspectionAssignment, RectificationOrder
from jd_admin.services import clock
from jd_admin.services import inspections as insp
from jd_admin.ui.inspections.form import InspectionForm
from jd_admin.ui.inspections.page import InspectionsPage

OFFLINE_PASSWORD = "Lixian-2026!"


@pytest.fixture
def planned(demo_db):
    test_db = demo_db
    with test_db.admin_db.session() as s, s.begin():
        bureau = test_db.actor("bureau1")
        venues = insp.risk_scores(s, bureau)[:2]
        plan = insp.create_plan(s, bureau, "离线界面测试", [v.venue_id for v in venues],
                                "inspector1", clock.today() + dt.timedelta(days=7))
        ids = {a.venue_name: a.id for a in insp.list_assignments(s, bureau, plan_id=plan)}
    logins = {d.username: d.password for d in test_db.seed.new_logins}
    return test_db, [(v.venue_name, ids[v.venue_name]) for v in venues], logins


def _select(qtbot, page: InspectionsPage, assignment_id: int) -> None:
    page.tabs.setCurrentIndex(0)
    row = next(i for i, a in enumerate(page.assignments_model.rows) if a.id == assignment_id)
    page.assignments_table.clearSelection()
    page.assignments_table.selectRow(row)
    wait_ops(qtbot)


def _checkout(qtbot, page, test_db, bridge, chooser, assignment_id, path) -> None:
    _select(qtbot, page, assignment_id)
    if test_db.is_postgres:
        bridge.texts = [OFFLINE_PASSWORD]
    chooser.save_answers = [path]
    click(qtbot, page.checkout_button)
    assert path.with_suffix(".jdoffline").exists(), bridge.shown


def _offline_page(qtbot, test_db, logins, path) -> InspectionsPage:
    target = DatabaseTarget(make_url(f"sqlite:///{path}"))
    outcome = login_service.login(target, "inspector1", OFFLINE_PASSWORD
                                  if test_db.is_postgres else logins["inspector1"])
    test_db.track(outcome.database)
    page = InspectionsPage(outcome.database, outcome.actor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    wait_ops(qtbot)
    assert page.offline_banner.isVisible() and not page.checkout_button.isVisible()
    return page


def _record(qtbot, page, bridge, chooser, assignment_id, photo, *, submit: bool) -> None:
    _select(qtbot, page, assignment_id)
    click(qtbot, page.start_button)
    form = page.dialog
    assert isinstance(form, InspectionForm) and form.editable
    answer_all(form, failing=AED)
    aed = next(r for r in form.rows if r.item.text == AED)
    chooser.open_answers = [photo]
    click(qtbot, aed.photos)
    assert aed.photo_count == 1
    if submit:
        bridge.answers = [True]
        click(qtbot, form.submit_button)
        assert form.submitted is not None and form.submitted.result == "rectify", \
            form.error.text()
    else:
        click(qtbot, form.save_button)
        form.reject()
    wait_ops(qtbot)


def test_an_offline_walk_checked_in_and_a_refused_check_in(qtbot, planned, tmp_path, bridge,
                                                           chooser) -> None:
    test_db, ((venue, first), (other_venue, second)), logins = planned
    photo = tmp_path / "aed.jpg"
    _jpeg(photo)
    page = open_page(qtbot, test_db, "inspector1", logins)
    assert page.checkout_button.isVisible() and not page.offline_banner.isVisible()
    file_a, file_b = tmp_path / "a.jdoffline", tmp_path / "b"  # the suffix is added
    _checkout(qtbot, page, test_db, bridge, chooser, first, file_a)
    _checkout(qtbot, page, test_db, bridge, chooser, second, file_b)
    file_b = tmp_path / "b.jdoffline"
    # on site: each file opened with the program, the record made in the same form
    offline_a = _offline_page(qtbot, test_db, logins, file_a)
    assert [a.id for a in offline_a.assignments_model.rows] == [first]
    _record(qtbot, offline_a, bridge, chooser, first, photo, submit=True)
    offline_b = _offline_page(qtbot, test_db, logins, file_b)
    _record(qtbot, offline_b, bridge, chooser, second, photo, submit=False)
    for p in (offline_a, offline_b):
        p.database.dispose()
    # back on the network: the first checks in
    chooser.open_answers = [file_a]
    click(qtbot, page.checkin_button)
    assert any("已回传 1 条" in t for t in bridge.texts_of("info")), bridge.shown
    with test_db.admin_db.session() as s:
        done = s.scalar(select(Inspection).where(Inspection.assignment_id == first))
        assert done.status == "submitted" and done.result == "rectify"
        assert s.scalar(select(RectificationOrder.id).where(
            RectificationOrder.inspection_id == done.id)) is not None
        assert s.get(InspectionAssignment, first).status == "done"
    # the second assignment withdrawn meanwhile: its file refused whole, left as it was
    with test_db.admin_db.session() as s, s.begin():
        insp.withdraw_assignment(s, test_db.actor("bureau1"), second, "场馆停业")
        before = s.scalar(select(func.count()).select_from(Inspection))
    sha = hashlib.sha256(file_b.read_bytes()).hexdigest()
    chooser.open_answers = [file_b]
    click(qtbot, page.checkin_button)
    refused = bridge.texts_of("warning") + bridge.texts_of("error")
    assert any(other_venue in t and "撤回" in t and "导出" in t for t in refused), bridge.shown
    with test_db.admin_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Inspection)) == before
    assert hashlib.sha256(file_b.read_bytes()).hexdigest() == sha
    assert venue != other_venue
