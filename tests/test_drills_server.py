"""Reliability drills, the server's side (issue 14): the PostgreSQL server the run started is
restarted in the middle of a voucher import (the CLI), of a settlement generation (the service,
as the GUI's op runs it) and while a dialog saves (the GUI), and stopped under a page that
reloads. Each time: nothing partial in the database (every table's row count, the audit
chain's head and the cluster's roles as before), a plain message for the user (never a
traceback, never "无法连接数据库" when the connection broke under a running action), and the
running program goes on once the server is back, without being restarted.

"In the middle" is made exact, without timing: a second session holds a SHARE lock on a table
the action writes late, the action waits for it (seen in ``pg_stat_activity``), and the server
is restarted while it waits: the action's transaction is open, with its earlier writes in it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from gui_support import wait_ops
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool
from test_settlement import OCT, TODAY, build, people
from voucher_support import KEY, row, setup_ledger, t, write_csv

from jd_admin import cli, db
from jd_admin.models import AppUser, Role, Settlement
from jd_admin.services import settlement
from jd_admin.services.dberrors import Failure, classify
from jd_admin.services.navigation import Page
from jd_admin.ui import ops
from jd_admin.ui.admin.page import UserDialog
from jd_admin.ui.main_window import MainWindow

pytestmark = pytest.mark.postgres

INTERRUPTED = "数据库连接中断，操作未完成，数据未改动；请稍后重试"


def database_name(tdb) -> str:
    return str(make_url(tdb.url).database)


def snapshot(pg_server, tdb) -> dict[str, Any]:
    """Every table's row count, the audit chain's head, and the cluster's login roles."""
    name = database_name(tdb)
    engine = db.make_engine(make_url(pg_server.admin_url(name)), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            tables = conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "ORDER BY tablename")).scalars().all()
            counts: dict[str, Any] = {
                table: conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                for table in tables}
            counts["(audit head)"] = conn.execute(text(
                "SELECT * FROM audit_chain_head")).all()
            counts["(roles)"] = sorted(conn.execute(text(
                "SELECT rolname FROM pg_roles")).scalars().all())
    finally:
        engine.dispose()
    return counts


@contextmanager
def holding_share_lock(pg_server, tdb, table: str) -> Iterator[None]:
    """Another session holds ``table`` in SHARE mode: writers to it wait. The restart ends
    the session (and the lock)."""
    engine = db.make_engine(make_url(pg_server.admin_url(database_name(tdb))),
                            poolclass=NullPool)
    conn = engine.connect()
    conn.execute(text(f'LOCK TABLE "{table}" IN SHARE MODE'))
    try:
        yield
    finally:
        with suppress(Exception):  # the server cut it off: nothing to close
            conn.close()
        engine.dispose()


def waiting_for_lock(pg_server, tdb) -> bool:
    return bool(pg_server.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = :d AND wait_event_type = 'Lock'",
        d=database_name(tdb))[0][0])


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def server_back(pg_server) -> Iterator[None]:
    """Whatever happens in the drill, the server runs again afterwards (the next tests)."""
    try:
        yield
    finally:
        pg_server.ensure_running()


def test_server_restart_in_the_middle_of_a_cli_import(pg_server, pg_db, tmp_path, capsys,
                                                     monkeypatch, server_back) -> None:
    monkeypatch.setenv("JD_ADMIN_PSEUDONYM_KEY", KEY.hex())
    setup_ledger(pg_db)
    url = ("--database-url", pg_db.url)
    assert cli.main(["vouchers", "import", str(write_csv(
        tmp_path / "first.csv", [row("A1", "a1", t(16))])), *url]) == 0
    before = snapshot(pg_server, pg_db)
    path = write_csv(tmp_path / "v.csv", [row(f"K{i}", f"k{i}", t(16), t(17)) for i in range(30)]
                     + [row("A1", "a1", t(16), t(18))])  # a known voucher, redeemed now
    outcome: list[int] = []
    capsys.readouterr()
    with holding_share_lock(pg_server, pg_db, "voucher_day_stat"):  # written late
        worker = threading.Thread(
            target=lambda: outcome.append(cli.main(["vouchers", "import", str(path), *url])))
        worker.start()
        wait_until(lambda: waiting_for_lock(pg_server, pg_db), "the import to wait")
        pg_server.restart()
        worker.join(60)
    out, err = capsys.readouterr()
    assert outcome == [4], err
    assert INTERRUPTED in err and "数据库服务器正在关闭或重启" in err
    assert "Traceback" not in err and "无法连接数据库" not in err
    assert "已读取 31 行" in err and "正在核查规则" in err  # its progress, on stderr
    assert snapshot(pg_server, pg_db) == before  # nothing partial
    # the server is back: the same command does the whole import
    assert cli.main(["vouchers", "import", str(path), *url]) == 0
    out, err = capsys.readouterr()
    assert "新增 30，更新 1，未变 0，拒绝 0" in out, err
    after = snapshot(pg_server, pg_db)
    assert after["voucher"] == before["voucher"] + 30
    assert after["voucher_import"] == before["voucher_import"] + 1


def test_server_restart_in_the_middle_of_a_settlement_generation(pg_server, pg_db, tmp_path,
                                                                server_back) -> None:
    build(pg_db, tmp_path)
    p = people(pg_db)
    database = pg_db.open_as("oper")  # one desktop's connection pool, kept throughout
    before = snapshot(pg_server, pg_db)
    failures: list[BaseException] = []

    def generate() -> None:
        try:
            with database.session() as s, s.begin():
                settlement.generate(s, p["oper"], OCT, today=TODAY)
        except BaseException as exc:
            failures.append(exc)

    with holding_share_lock(pg_server, pg_db, "settlement_line"):  # after the month's claim
        worker = threading.Thread(target=generate)
        worker.start()
        wait_until(lambda: waiting_for_lock(pg_server, pg_db), "the generation to wait")
        pg_server.restart()
        worker.join(60)
    [exc] = failures
    assert isinstance(exc, OperationalError)
    diagnosis = classify(exc)
    assert diagnosis is not None and diagnosis.failure is Failure.SERVER_SHUTDOWN
    assert diagnosis.failure.reconnect and INTERRUPTED in str(diagnosis.message)
    assert snapshot(pg_server, pg_db) == before  # no settlement, no line, no audit row
    # the same pool after the restart: the generation runs through
    with database.session() as s, s.begin():
        result = settlement.generate(s, p["oper"], OCT, today=TODAY)
    assert result.lines > 0
    with pg_db.admin_db.session() as s:
        assert len(s.scalars(select(Settlement)).all()) == 1


def open_window(qtbot, tdb, username: str) -> MainWindow:
    window = MainWindow(tdb.open_as(username), tdb.actor(username))
    qtbot.addWidget(window)
    window.show()
    wait_ops(qtbot)
    return window


def test_server_restart_while_a_dialog_saves(qtbot, bridge, pg_server, pg_db,
                                             server_back) -> None:
    pg_db.make_user("root_admin", Role.ADMIN)
    window = open_window(qtbot, pg_db, "root_admin")
    window.open_page(Page.ADMIN.value)
    wait_ops(qtbot)
    page = window.pages[Page.ADMIN]
    dialog = UserDialog(page, page.subdistricts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("jiangqiao1")
    dialog.full_name.setText("江桥文体中心 刘堃")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUBDISTRICT.value))
    dialog.subdistrict.setCurrentIndex(dialog.subdistrict.findText("江桥镇"))
    dialog.password.setText("Init#Pass2026")
    dialog.confirm.setText("Init#Pass2026")
    before = snapshot(pg_server, pg_db)
    with holding_share_lock(pg_server, pg_db, "app_user"):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: waiting_for_lock(pg_server, pg_db), timeout=20000)
        pg_server.restart()
        wait_ops(qtbot)
    [message] = bridge.texts_of("warning")
    assert INTERRUPTED in message and "无法连接数据库" not in message
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.username.text() == "jiangqiao1"  # the input is still there
    assert dialog.ok_button.isEnabled()
    assert snapshot(pg_server, pg_db) == before  # no user, no login role, no audit row
    # the server is back: the same dialog saves, in the same running program
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    page.refresh()
    wait_ops(qtbot)
    assert any(u.username == "jiangqiao1" for u in page.model.rows)
    with pg_db.admin_db.session() as s:
        assert s.scalar(select(AppUser.subdistrict_id).where(
            AppUser.username == "jiangqiao1")) is not None


def test_a_stopped_server_is_reconnected_with_pauses_and_a_limit(
        qtbot, bridge, pg_server, pg_db, monkeypatch, server_back) -> None:
    """The page's reload fails, the user agrees to reconnect; attempts pause between them and
    stop at the limit, where the user chooses to go on (the server meanwhile back: the page
    reloads) — and, the next time, to quit (the window closes)."""
    monkeypatch.setattr(ops, "RECONNECT_DELAYS_MS", (20, 40))
    pg_db.make_user("staff_conn", Role.BUREAU_STAFF)
    window = open_window(qtbot, pg_db, "staff_conn")
    window.open_page(Page.VENUES.value)
    wait_ops(qtbot)
    venues_page = window.pages[Page.VENUES]
    asked: list[str] = []

    def ask(_parent, message: str) -> bool:
        asked.append(message)
        if "继续尝试吗" in message:
            pg_server.ensure_running()  # the server is back before the next round
        return True

    monkeypatch.setattr(bridge, "ask", ask)
    pg_server.stop_server()
    venues_page.count.setText("")
    window.refresh_current()
    qtbot.waitUntil(lambda: venues_page.count.text().startswith("共 0 个"), timeout=30000)
    wait_ops(qtbot)
    assert len(asked) == 2
    # (the server was down before the reload began: "cannot connect" is the true cause here)
    assert "无法连接数据库" in asked[0] and "现在重新连接吗" in asked[0]
    assert "已尝试重新连接 2 次" in asked[1]  # the limit: two attempts, paused
    assert window.isVisible()

    answers = [True, False]  # reconnect; at the limit: quit
    monkeypatch.setattr(bridge, "ask", lambda _p, m: asked.append(m) or answers.pop(0))
    pg_server.stop_server()
    window.refresh_current()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    wait_ops(qtbot)
    assert "已尝试重新连接 2 次" in asked[-1]
    window.database.dispose()


def test_each_operational_failure_is_told_as_what_it_is(pg_db, tmp_path) -> None:
    """One classification (services/dberrors.py) for the GUI and the CLI: a cancelled statement
    is retried, not reconnected; a read-only or full SQLite file is named, not "connection"."""
    with pytest.raises(OperationalError) as timeout, pg_db.admin_db.session() as s:
        s.execute(text("SET LOCAL statement_timeout = 50"))
        s.execute(text("SELECT pg_sleep(5)"))
    diagnosis = classify(timeout.value)
    assert diagnosis is not None and diagnosis.failure is Failure.CANCELLED
    assert diagnosis.failure.retry and not diagnosis.failure.reconnect
    assert "可以直接重试" in str(diagnosis.message)

    path = tmp_path / "jd.sqlite3"
    engine = db.make_engine(make_url(f"sqlite:///{path}"))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x TEXT)"))
    engine.dispose()
    read_only = db.make_engine(make_url(f"sqlite:///file:{path}?mode=ro&uri=true"))
    with pytest.raises(OperationalError) as refused, read_only.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES ('a')"))
    read_only.dispose()
    diagnosis = classify(refused.value, f"SQLite: {path}")
    assert diagnosis is not None and diagnosis.failure is Failure.READ_ONLY
    assert not diagnosis.failure.reconnect and str(path) in str(diagnosis.message)

    full = db.make_engine(make_url(f"sqlite:///{path}"))
    with pytest.raises(OperationalError) as no_room, full.begin() as conn:
        conn.execute(text("PRAGMA max_page_count = 3"))
        conn.execute(text("INSERT INTO t SELECT hex(randomblob(5000)) FROM "
                          "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                          "WHERE i < 50) SELECT i FROM n)"))
    full.dispose()
    diagnosis = classify(no_room.value, f"SQLite: {path}")
    assert diagnosis is not None and diagnosis.failure is Failure.DISK_FULL
    assert "磁盘已满" in str(diagnosis.message) and str(path) in str(diagnosis.message)

    with pytest.raises(OperationalError) as bug, full.begin() as conn:
        conn.execute(text("SELECT * FROM no_such_table"))
    full.dispose()
    assert classify(bug.value) is None  # a bug: the crash path, not "cannot connect"
