"""预警设置 in the GUI (issue 12), on SQLite and PostgreSQL: the administrator adds a venue's
alert line with the capacity's suggestion and one for every venue from capacity, through the
real widget and dialogs; a line for a past day cannot be picked and, if forced, is refused
inline; the bureau's staff only read."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from sqlalchemy import func, select, update

from jd_admin.models import AlertLine, Role, Venue
from jd_admin.services import clock
from jd_admin.ui.warnings.settings import (
    AlertLineDialog,
    AlertLinesWidget,
    CapacityLinesDialog,
    ParametersDialog,
    SignalParametersWidget,
)
from jd_admin.ui.widgets import qdate

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")


def open_widget(qtbot, test_db, username: str, role: Role) -> AlertLinesWidget:
    test_db.make_user(username, role)
    widget = AlertLinesWidget(test_db.open_as(username), test_db.actor(username))
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    widget.refresh()
    wait_ops(qtbot)
    return widget


def click(qtbot, button) -> None:
    assert button is not None and button.isVisible() and button.isEnabled(), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    wait_ops(qtbot)


def shown(widget: AlertLinesWidget) -> list[list[str]]:
    model = widget.table.model()
    return [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]


def lines(test_db) -> int:
    with test_db.admin_db.session() as s:
        return s.scalar(select(func.count()).select_from(AlertLine))


def test_the_administrator_sets_lines_others_read(qtbot, demo_db, bridge) -> None:
    test_db = demo_db
    with test_db.admin_db.session() as s, s.begin():
        venue_id, name = s.execute(select(Venue.id, Venue.name).where(
            Venue.status == "designated").order_by(Venue.name).limit(1)).one()
        s.execute(update(Venue).where(Venue.id == venue_id).values(capacity=60))
    staff = open_widget(qtbot, test_db, "lines_staff", Role.BUREAU_STAFF)
    assert staff.new_button is None and staff.capacity_button is None
    assert shown(staff)[0] == ["全区默认", "200", "2026-01-01", "当前生效"]
    widget = open_widget(qtbot, test_db, "lines_admin", Role.ADMIN)
    before = lines(test_db)
    click(qtbot, widget.new_button)
    dialog = widget.dialog
    assert isinstance(dialog, AlertLineDialog) and dialog.isVisible()
    today = clock.today()
    assert dialog.effective.minimumDate() == qdate(today)
    dialog.scope.setCurrentIndex(dialog.scope.findText(name))
    assert dialog.suggestion.text() == "容量 60 人 × 2 张 = 120 张/日"
    click(qtbot, dialog.use_suggestion)
    assert dialog.limit.value() == 120
    # a day in the past cannot be picked; forced, the service refuses it inline
    dialog.effective.setMinimumDate(qdate(today - dt.timedelta(days=5)))
    dialog.effective.setDate(qdate(today - dt.timedelta(days=1)))
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "不能早于今天" in dialog.error.text()
    assert lines(test_db) == before
    dialog.effective.setDate(qdate(today + dt.timedelta(days=3)))
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and lines(test_db) == before + 1
    assert [name, "120", (today + dt.timedelta(days=3)).isoformat(), "待生效"] in shown(widget)
    assert bridge.texts_of("info") == ["已新增警戒线版本。"]
    click(qtbot, widget.capacity_button)
    dialog = widget.dialog
    assert isinstance(dialog, CapacityLinesDialog)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    with test_db.admin_db.session() as s:
        designated = s.scalar(select(func.count()).select_from(Venue).where(
            Venue.status == "designated", Venue.capacity > 0))
    assert lines(test_db) == before + 1 + designated


def test_the_administrator_changes_a_signals_parameters(qtbot, test_db, bridge) -> None:
    test_db.make_user("params_admin", Role.ADMIN)
    widget = SignalParametersWidget(test_db.open_as("params_admin"),
                                    test_db.actor("params_admin"))
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    wait_ops(qtbot)
    model = widget.table.model()
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert ["短时间内集中核销", "集中核销的张数（不同市民）", "10 张", "2026-01-01", ""] in rows
    click(qtbot, widget.edit_button)
    dialog = widget.dialog
    assert isinstance(dialog, ParametersDialog)
    dialog.signal.setCurrentIndex(dialog.signal.findText("短时间内集中核销"))
    assert set(dialog.edits) == {"count", "minutes"}
    dialog.edits["count"].setText("1")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "“集中核销的张数（不同市民）”须在 2 至 1000" in dialog.error.text()
    dialog.edits["count"].setText("8")
    tomorrow = clock.today() + dt.timedelta(days=1)
    dialog.effective.setDate(qdate(tomorrow))
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert ["短时间内集中核销", "集中核销的张数（不同市民）", "10 张", "2026-01-01",
            f"8 张（{tomorrow.isoformat()}）"] in rows
    assert ["短时间内集中核销", "时间窗口", "5 分钟", "2026-01-01",
            f"5 分钟（{tomorrow.isoformat()}）"] in rows
