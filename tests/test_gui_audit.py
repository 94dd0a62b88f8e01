"""The audit page (审计日志): the bureau reads the whole trail, a subdistrict its own records';
the filters by record, user, time and kind narrow the list."""

from __future__ import annotations

import datetime as dt

from gui_support import wait_ops
from recruitment_support import draft_application, open_call, people
from test_gui_main import open_window

from jd_admin.services.navigation import Page
from jd_admin.ui.audit.page import AuditPage

_windows: list[object] = []  # the pages' windows live until the test ends


def _page(qtbot, test_db, username: str) -> AuditPage:
    window = open_window(qtbot, test_db, username)
    _windows.append(window)
    window.open_page(Page.AUDIT.value)
    wait_ops(qtbot)
    page = window.pages[Page.AUDIT]
    assert isinstance(page, AuditPage)
    return page


def _choose(combo, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_audit_page_filters_and_scope(qtbot, sqlite_db) -> None:
    p = people(sqlite_db)
    call_id = open_call(sqlite_db, p.staff)
    app_id = draft_application(sqlite_db, p.nanxiang, call_id)
    page = _page(qtbot, sqlite_db, "staff_a")
    everything = list(page.model.rows)
    assert {"application", "recruitment_call"} <= {r.entity_type for r in everything}
    # by record
    _choose(page.entity_type, "application")
    page.entity_id.setText(str(app_id))
    page.refresh()
    wait_ops(qtbot)
    assert page.model.rows and {(r.entity_type, r.entity_id) for r in page.model.rows} == {
        ("application", str(app_id))}
    # by user
    page.filters.reset()
    wait_ops(qtbot)
    _choose(page.user, "staff_a")
    wait_ops(qtbot)
    assert page.model.rows and {r.actor for r in page.model.rows} == {"staff_a"}
    # by kind
    _choose(page.user, None)
    _choose(page.kind, "登记")
    wait_ops(qtbot)
    assert page.model.rows and {r.action for r in page.model.rows} == {"登记"}
    # by time: nothing tomorrow
    _choose(page.kind, None)
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    page.since.setDate(page.since.date().addDays((tomorrow - page.since.date().toPython()).days))
    page.refresh()
    wait_ops(qtbot)
    assert page.model.rows == []
    assert "0" in page.count.text()
    # a subdistrict sees its own records' rows only
    anting = _page(qtbot, sqlite_db, "at_clerk")
    assert all(r.entity_id != str(app_id) for r in anting.model.rows)
    nanxiang = _page(qtbot, sqlite_db, "nx_clerk")
    assert {r.entity_id for r in nanxiang.model.rows if r.entity_type == "application"} == {
        str(app_id)}
    _windows.clear()
