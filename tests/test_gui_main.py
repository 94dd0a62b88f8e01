"""The main window and its pages, the crash path, translations (lost connections: the drills,
test_drills_server.py)."""

from __future__ import annotations

import datetime as dt
import logging
import xml.etree.ElementTree as ET

import pytest
from gui_support import wait_ops
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select, update

from jd_admin.logsetup import configure_file_logging, log_file
from jd_admin.models import AppUser, Role
from jd_admin.models.base import utcnow
from jd_admin.resources import resource_path
from jd_admin.services.navigation import Page
from jd_admin.ui import crash, i18n
from jd_admin.ui.admin.page import UserDialog
from jd_admin.ui.main_window import MainWindow, page_title
from jd_admin.ui.tables import Column, RowsModel

PASSWORD = "Passw0rd!x"




def open_window(qtbot, test_db, username: str) -> MainWindow:
    database = test_db.open_as(username)
    window = MainWindow(database, test_db.actor(username))
    qtbot.addWidget(window)
    window.show()
    wait_ops(qtbot)
    return window


def test_admin_creates_and_disables_a_user_through_the_page(qtbot, test_db, bridge) -> None:
    test_db.make_user("root_admin", Role.ADMIN)
    window = open_window(qtbot, test_db, "root_admin")
    window.open_page(Page.ADMIN.value)
    wait_ops(qtbot)
    page = window.pages[Page.ADMIN]
    dialog = UserDialog(page, page.subdistricts)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "jiangqiao1")
    dialog.full_name.setText("江桥文体中心 刘堃")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUBDISTRICT.value))
    qtbot.keyClicks(dialog.password, "Init#Pass2026")
    qtbot.keyClicks(dialog.confirm, "Init#Pass2026")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert "街镇用户必须指定所属街镇" in dialog.error.text()
    dialog.subdistrict.setCurrentIndex(dialog.subdistrict.findText("江桥镇"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    page.refresh()
    wait_ops(qtbot)
    row = next(u for u in page.model.rows if u.username == "jiangqiao1")
    assert row.subdistrict_name == "江桥镇" and row.must_change_password

    page.focus_target("jiangqiao1")
    assert page.toggle_button.text() == "停用"
    bridge.texts.append("调离岗位")
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    wait_ops(qtbot)
    assert any("已停用" in t for t in bridge.texts_of("info"))
    with test_db.admin_db.session() as s:
        assert s.scalar(select(AppUser.is_active).where(AppUser.username == "jiangqiao1")) is False


def test_tasks_page_lists_locked_account_and_opens_it(qtbot, test_db, bridge) -> None:
    test_db.make_user("root_admin", Role.ADMIN)
    test_db.make_user("locked_one", Role.OPERATOR)
    with test_db.admin_db.session() as s, s.begin():
        s.execute(update(AppUser).where(AppUser.username == "locked_one")
                  .values(locked_until=utcnow() + dt.timedelta(minutes=10)))
    window = open_window(qtbot, test_db, "root_admin")
    tasks_page = window.pages[Page.TASKS]
    assert window.current_page() is tasks_page
    titles = [str(t.title) for t in tasks_page.model.rows]
    assert any("locked_one" in t and "锁定" in t for t in titles)
    index = tasks_page.table.model().index(0, 0)
    tasks_page.table.doubleClicked.emit(index)
    wait_ops(qtbot)
    admin_page = window.pages[Page.ADMIN]
    assert window.current_page() is admin_page
    admin_page.focus_target("locked_one")
    assert admin_page.unlock_button.isEnabled()
    qtbot.mouseClick(admin_page.unlock_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert any("已解除" in t for t in bridge.texts_of("info"))
    with test_db.admin_db.session() as s:
        locked = select(AppUser.locked_until).where(AppUser.username == "locked_one")
        assert s.scalar(locked) is None


def test_subdistrict_user_sees_only_own_venues(qtbot, demo_db) -> None:
    test_db = demo_db  # the demo district
    test_db.make_user("anting_user", Role.SUBDISTRICT, subdistrict="安亭镇")
    window = open_window(qtbot, test_db, "anting_user")
    window.open_page(Page.VENUES.value)
    wait_ops(qtbot)
    page = window.pages[Page.VENUES]
    assert page.model.rows, "the demo district has venues in 安亭镇"
    assert {v.subdistrict for v in page.model.rows} == {"安亭镇"}
    assert not page.subdistrict.isEnabled()
    page.search.setText("羽毛球")
    page.refresh()
    wait_ops(qtbot)
    assert all("羽毛球" in v.name or "羽毛球" in v.address for v in page.model.rows)


def test_window_geometry_is_remembered(qtbot, test_db) -> None:
    test_db.make_user("op_user", Role.OPERATOR)
    window = open_window(qtbot, test_db, "op_user")
    # The offscreen screen is 800 px wide, narrower than the window's minimum width, so the
    # width is clamped on restore; the height and the position show the geometry came back.
    window.resize(window.minimumSizeHint().width(), 517)
    window.move(37, 23)
    window.close()
    again = open_window(qtbot, test_db, "op_user")
    assert again.height() == 517
    assert again.y() == 23


def test_unexpected_exception_opens_crash_dialog_and_is_logged(qtbot) -> None:
    configure_file_logging()
    crash.install()
    try:
        raise RuntimeError("boom 测试崩溃")
    except RuntimeError as exc:
        crash.report_exception(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(crash.open_dialogs), timeout=5000)
    dialog = crash.open_dialogs[-1]
    assert "boom 测试崩溃" in dialog.text.toPlainText()
    assert "Traceback" in dialog.report
    dialog.copy_report()
    assert "boom 测试崩溃" in QApplication.clipboard().text()
    dialog.close()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "boom 测试崩溃" in log_file().read_text(encoding="utf-8")


def test_english_translation_is_complete_and_loads(qtapp_lang) -> None:
    tree = ET.parse(resource_path("translations", "jd_admin_en.ts"))
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if (m.find("translation") is None
                      or m.find("translation").get("type") == "unfinished"
                      or not (m.findtext("translation") or "").strip())]
    assert unfinished == []
    i18n.install(QCoreApplication.instance(), "en")
    assert page_title(Page.TASKS) == "My tasks"
    assert page_title(Page.ADMIN) == "Administration"
    i18n.install(QCoreApplication.instance(), "zh_CN")
    assert page_title(Page.TASKS) == "待办"


@pytest.fixture
def qtapp_lang(qapp):
    yield qapp
    i18n.install(qapp, "zh_CN")


def test_rows_model_passes_qt_model_tester(qtmodeltester) -> None:
    model = RowsModel([Column("甲", lambda r: r[0]),
                       Column("乙", lambda r: r[1], align_right=True)])
    model.set_rows([("场馆", 1), ("游泳", 2), ("羽毛球", 3)])
    qtmodeltester.check(model)


def test_translation_file_covers_every_interface_string(tmp_path) -> None:
    """Every tr() string in jd_admin/ui is in the committed .ts (run `make lupdate`, translate)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    ui = Path(__file__).resolve().parent.parent / "jd_admin" / "ui"
    sources = sorted(str(p) for p in ui.rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-source-language", "zh_CN", "-target-language", "en",
                    "-no-obsolete", "-ts", str(fresh)], check=True, capture_output=True)

    def keys(path) -> set[tuple[str, str]]:
        tree = ET.parse(path)
        return {(c.findtext("name") or "", m.findtext("source") or "")
                for c in tree.iter("context") for m in c.iter("message")}

    missing = keys(fresh) - keys(resource_path("translations", "jd_admin_en.ts"))
    assert missing == set()
