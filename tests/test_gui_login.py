"""Logging in through the real dialogs, on SQLite and PostgreSQL, and what each role sees."""

from __future__ import annotations

from gui_support import attempt_login, login_ok, wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from jd_admin.models import AppUser, Role
from jd_admin.services.navigation import pages_for
from jd_admin.ui.login import ChangePasswordDialog, FirstAdminDialog
from jd_admin.ui.main_window import MainWindow, page_title

PASSWORD = "Passw0rd!x"
ROLE_USERS = {
    Role.ADMIN: ("admin_a", None),
    Role.BUREAU_STAFF: ("staff_b", None),
    Role.BUREAU_APPROVER: ("approver_c", None),
    Role.SUBDISTRICT: ("nanxiang_d", "南翔镇"),
    Role.INSPECTOR: ("inspector_e", None),
    Role.OPERATOR: ("operator_f", None),
}
EXPECTED_NAV = {
    Role.ADMIN: ["待办", "场馆招募", "定点场馆", "协议", "消费券", "结算", "巡查", "预警",
                 "统计分析", "审计日志", "系统管理"],
    Role.BUREAU_STAFF: ["待办", "场馆招募", "定点场馆", "协议", "消费券", "结算", "巡查",
                        "预警", "统计分析", "审计日志"],
    Role.BUREAU_APPROVER: ["待办", "定点场馆", "协议", "结算", "预警", "统计分析", "审计日志"],
    Role.SUBDISTRICT: ["待办", "场馆招募", "定点场馆", "巡查", "预警", "统计分析", "审计日志"],
    Role.INSPECTOR: ["待办", "定点场馆", "巡查"],
    Role.OPERATOR: ["待办", "消费券", "结算", "预警", "统计分析"],
}




def test_each_role_logs_in_and_sees_exactly_its_pages(qtbot, test_db, tmp_path, bridge) -> None:
    for role, (username, subdistrict) in ROLE_USERS.items():
        test_db.make_user(username, role, PASSWORD, subdistrict)
    for role, (username, subdistrict) in ROLE_USERS.items():
        outcome = login_ok(qtbot, test_db.target, username, PASSWORD, tmp_path / "f.json")
        database = test_db.track(outcome.database)
        assert outcome.actor == test_db.actor(username)
        window = MainWindow(database, outcome.actor)
        qtbot.addWidget(window)
        window.show()
        wait_ops(qtbot)
        texts = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert texts == EXPECTED_NAV[role], role
        assert window.nav_pages() == list(pages_for(role))
        assert [page_title(p) for p in window.nav_pages()] == EXPECTED_NAV[role]
        assert username in window.user_label.text()
        assert window.database_label.text().endswith(test_db.target.display())
        if subdistrict:
            assert subdistrict in window.subdistrict_label.text()
        window.close()
    assert bridge.texts_of("error") == []


def test_login_outcome_carries_the_actor(qtbot, test_db, tmp_path) -> None:
    test_db.make_user("jd_sub", Role.SUBDISTRICT, PASSWORD, "安亭镇")
    outcome = login_ok(qtbot, test_db.target, "jd_sub", PASSWORD, tmp_path / "f.json")
    test_db.track(outcome.database)
    assert outcome.actor is not None
    assert outcome.actor.role is Role.SUBDISTRICT
    assert outcome.actor.subdistrict_name == "安亭镇"


def test_wrong_password_shows_message_and_stays_open(qtbot, test_db, tmp_path) -> None:
    test_db.make_user("staff_w", Role.BUREAU_STAFF, PASSWORD)
    dialog = attempt_login(qtbot, test_db.target, "staff_w", "Wrong#Pass1", tmp_path / "f.json")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()
    assert "用户名或密码错误" in dialog.error.text()
    assert "4" in dialog.error.text()  # attempts left
    assert dialog.password.text() == ""
    unknown = attempt_login(qtbot, test_db.target, "nobody_here", "Wrong#Pass1",
                            tmp_path / "f.json")
    assert "用户名或密码错误" in unknown.error.text()


def test_five_failures_lock_the_account(qtbot, test_db, tmp_path) -> None:
    test_db.make_user("staff_l", Role.BUREAU_STAFF, PASSWORD)
    lockout = tmp_path / "f.json"
    for _ in range(5):
        dialog = attempt_login(qtbot, test_db.target, "staff_l", "Wrong#Pass1", lockout)
    assert "已锁定" in dialog.error.text()
    right = attempt_login(qtbot, test_db.target, "staff_l", PASSWORD, lockout)
    assert right.result() != QDialog.DialogCode.Accepted
    assert "已锁定" in right.error.text()


def test_initial_password_must_be_changed_and_weak_one_refused(qtbot, test_db, tmp_path) -> None:
    test_db.make_user("new_staff", Role.BUREAU_STAFF, PASSWORD, must_change=True)
    outcome = login_ok(qtbot, test_db.target, "new_staff", PASSWORD, tmp_path / "f.json")
    test_db.track(outcome.database)
    assert outcome.actor is not None and outcome.actor.must_change_password
    dialog = ChangePasswordDialog(outcome.database, outcome.actor, required=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, PASSWORD)
    qtbot.keyClicks(dialog.new, "weakpass")
    qtbot.keyClicks(dialog.confirm, "weakpass")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "至少三类" in dialog.error.text()
    dialog.new.clear()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.new, "Short1!")
    qtbot.keyClicks(dialog.confirm, "Short1!")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "至少需要 8" in dialog.error.text()
    dialog.new.clear()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.new, "Better#Pass2026")
    qtbot.keyClicks(dialog.confirm, "Better#Pass2026")
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outcome.database.dispose()
    again = login_ok(qtbot, test_db.target, "new_staff", "Better#Pass2026", tmp_path / "f.json")
    test_db.track(again.database)
    assert again.actor is not None and not again.actor.must_change_password
    old = attempt_login(qtbot, test_db.target, "new_staff", PASSWORD, tmp_path / "f.json")
    assert "用户名或密码错误" in old.error.text()


def test_first_admin_dialog_creates_the_administrator(qtbot, test_db, tmp_path) -> None:
    dialog = FirstAdminDialog(test_db.admin_db, test_db.system_actor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "chief")
    dialog.full_name.setText("王喆")  # QTest cannot type CJK characters
    qtbot.keyClicks(dialog.password, "Lead#2026x")
    qtbot.keyClicks(dialog.confirm, "Lead#2026y")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "不一致" in dialog.error.text()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "Lead#2026x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert dialog.error.text() == ""
    assert dialog.result() == QDialog.DialogCode.Accepted
    with test_db.admin_db.session() as s:
        user = s.scalars(select(AppUser).where(AppUser.username == "chief")).one()
        assert user.role == "admin" and user.full_name == "王喆"
    outcome = login_ok(qtbot, test_db.target, "chief", "Lead#2026x", tmp_path / "f.json")
    test_db.track(outcome.database)
    assert outcome.actor is not None and outcome.actor.role is Role.ADMIN


def test_outdated_server_database_is_reported_at_login(qtbot, pg_db, tmp_path) -> None:
    from jd_admin import db

    pg_db.make_user("staff_old", Role.BUREAU_STAFF, PASSWORD)
    with pg_db.admin_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    dialog = attempt_login(qtbot, pg_db.target, "staff_old", PASSWORD, tmp_path / "f.json")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "jd-admin db upgrade" in dialog.error.text()
    assert db.head_revision() in dialog.error.text()
