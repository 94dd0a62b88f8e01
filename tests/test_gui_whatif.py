"""规则调整测算 in the GUI (issue 13, item 4), on SQLite and PostgreSQL (the bureau's real login):
the parameters in force prefilled, a bad value refused inline naming the field, 运行模拟 with
nothing changed shows 实际 = 模拟, a changed use cap and split move the figures as by hand, the
chart has both sets, and nothing in the database changes."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from test_whatif import build_whatif, checksum

from jd_admin.ui.statistics.whatif import WhatIfWidget
from jd_admin.ui.widgets import qdate

#: (conftest.py: no cyclic garbage collection in a worker thread during the test)
pytestmark = pytest.mark.usefixtures("gui_thread_gc")


def rows(widget: WhatIfWidget) -> dict[str, tuple[str, str, str]]:
    t = widget.table
    return {t.item(r, 0).text(): tuple(t.item(r, c).text() for c in (1, 2, 3))
            for r in range(t.rowCount())}


def test_the_what_if_through_the_widget(qtbot, test_db, tmp_path) -> None:
    build_whatif(test_db, tmp_path)
    widget = WhatIfWidget(test_db.open_as("staff1"), test_db.actor("staff1"))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.since_edit.setDate(qdate(dt.date(2026, 10, 1)))
    widget.until_edit.setDate(qdate(dt.date(2026, 10, 31)))
    widget.refresh()
    wait_ops(qtbot)
    assert widget.spins["daily_use_cap"].value() == 2  # in force (the test's rules)
    assert widget.face_edits[next(iter(widget.face_edits))][0].text() == "4.00"
    before = checksum(test_db)

    def run() -> None:
        qtbot.mouseClick(widget.run_button, Qt.MouseButton.LeftButton)
        wait_ops(qtbot)
        wait_ops(qtbot)

    run()
    shown = rows(widget)
    assert shown["政府补贴（元）"] == ("268.00", "268.00", "0.00")
    assert shown["计入结算的核销（人次）"] == ("12", "12", "0")
    assert "无（与实际相同）" in widget.summary.text()
    # a bad split refused inline, naming the field; nothing run
    subsidy_20 = widget.findChild(type(widget.budget_edit), "whatIf_subsidy_20")
    subsidy_20.setText("abc")
    run()
    assert "20 元券的政府补贴" in widget.error.text() and widget.error.isVisible()
    subsidy_20.setText("25")
    run()
    assert "须在 0 到面值之间" in widget.error.text()
    # E3 paid with three uses a day; the 20 yuan vouchers (O3, O8 and E3) at 12 yuan:
    # 268 + 12 - 2 x 3
    subsidy_20.setText("12")
    widget.spins["daily_use_cap"].setValue(3)
    run()
    assert not widget.error.isVisible()
    shown = rows(widget)
    assert shown["政府补贴（元）"] == ("268.00", "274.00", "+6.00")
    assert shown["因规则放宽而计入（张）"] == ("0", "1", "+1")
    assert "每日使用上限：3" in widget.summary.text()
    chart = widget.chart.chart()
    sets = chart.series()[0].barSets()
    assert [s.label() for s in sets] == ["实际", "模拟"]
    assert sets[0].at(0) == pytest.approx(0.0268)
    assert checksum(test_db) == before
