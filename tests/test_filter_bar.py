"""The shared filter row of the list pages."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jd_admin.ui.filter_bar import FilterBar


def test_filters_read_as_plain_values_and_signal_changes(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    status = bar.add_choice("status", "状态：", "全部状态",
                            [("草稿", "draft"), ("生效", "in_force")])
    search = bar.add_search("venue", "按名称搜索")
    button = bar.add_button("查询")
    assert bar.values() == {"status": None, "venue": ""}

    with qtbot.waitSignal(bar.changed, timeout=1000):
        status.setCurrentIndex(2)
    assert bar.value("status") == "in_force"

    search.setText(" 南翔 ")  # keyClicks takes ASCII only
    with qtbot.waitSignal(bar.changed, timeout=1000):
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert bar.values() == {"status": "in_force", "venue": "南翔"}
    with qtbot.waitSignal(bar.changed, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(bar.changed, timeout=1000):
        bar.reset()
    assert bar.values() == {"status": None, "venue": ""}


def test_replacing_items_keeps_the_choice_that_remains(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    combo = bar.add_choice("subdistrict", "街镇：", "全部街镇", [("南翔镇", 1), ("江桥镇", 2)])
    combo.setCurrentIndex(2)
    with qtbot.assertNotEmitted(bar.changed):
        bar.set_items("subdistrict", [("安亭镇", 3), ("江桥镇", 2)])
    assert bar.value("subdistrict") == 2 and combo.count() == 3
    with qtbot.waitSignal(bar.changed, timeout=1000):
        bar.set_items("subdistrict", [("安亭镇", 3)])
    assert bar.value("subdistrict") is None


def test_a_pinned_choice_shows_the_users_scope_and_survives_reset(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    combo = bar.add_choice("subdistrict", "街镇：", "全部街镇")
    bar.pin("subdistrict", "南翔镇")
    bar.reset()
    assert not combo.isEnabled() and combo.currentText() == "南翔镇"
    assert bar.value("subdistrict") is None


def test_the_subdistrict_choice_is_pinned_only_when_asked(qtbot) -> None:
    bar, pinned = FilterBar(), FilterBar()
    qtbot.addWidget(bar)
    qtbot.addWidget(pinned)
    combo = bar.add_subdistrict()
    assert combo.objectName() == "subdistrictFilter" and combo.isEnabled()
    assert combo.currentText() == "全部街镇" and bar.value("subdistrict") is None
    own = pinned.add_subdistrict("南翔镇")
    assert not own.isEnabled() and own.currentText() == "南翔镇"
    assert pinned.value("subdistrict") is None
