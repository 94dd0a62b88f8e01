"""Drills (issue 14) on the SQLite file: damaged pages, a newer program's database, a read-only
folder, a full disk — each refused with a clear message and the way out, never a traceback:
the command line (exit code, one line on stderr) and the desktop (a dialog through the message
bridge; the login dialog's own error line).

Read-only as root (the tests run as root, whom file modes do not stop): the file and its folder
are made immutable (``chattr +i``: root is refused too); not root: ``chmod``. A full disk: the
file on a tmpfs just larger than it (needs root's mount; elsewhere the test is skipped, saying
so)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from jd_admin import cli, db, login
from jd_admin.config import DatabaseTarget
from jd_admin.domain.errors import DatabaseDamaged, DatabaseNotWritable, DatabaseTooNew

PASSWORD = "Passw0rd!x"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def file_db(sqlite_db, tmp_path: Path) -> Path:
    """A migrated SQLite file with one administrator (``boss``), closed."""
    sqlite_db.make_user("boss", "admin", PASSWORD)
    sqlite_db.close()
    return Path(make_url(sqlite_db.url).database or "")


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def damage(path: Path) -> None:
    """A few bytes of garbage at the start of three pages in the middle of the file (their
    b-tree page headers): what a bad sector or a torn copy leaves."""
    with sqlite_connection(path) as c:
        page = c.execute("PRAGMA page_size").fetchone()[0]
    pages = path.stat().st_size // page
    with path.open("r+b") as f:
        for share in (0.4, 0.5, 0.6):
            f.seek(int(pages * share) * page)
            f.write(b"\xde\xad\xbe\xef" * 4)


def sqlite_connection(path: Path):
    import sqlite3
    from contextlib import closing

    return closing(sqlite3.connect(path))


def baks(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}*.bak"))


def test_a_damaged_file_is_refused_with_the_way_out(file_db: Path, capsys, qtbot,
                                                    bridge) -> None:
    assert db.check_sqlite_integrity(file_db, always=True)  # intact: remembered as checked
    assert not db.check_sqlite_integrity(file_db)  # unchanged since: not checked again
    damage(file_db)
    for argv in (["db", "upgrade"], ["db", "current"], ["user", "list"], ["audit", "verify"],
                 ["statistics", "refresh"], ["vouchers", "check"]):
        code, _out, err = run(capsys, *argv, "--database-url", url_of(file_db))
        line = one_line(err)
        assert code == 1, (argv, err)
        assert "已损坏" in line and "jd-admin restore" in line, line
    assert baks(file_db) == []  # `db upgrade` copied nothing aside
    with pytest.raises(DatabaseDamaged, match="最近一次的备份"):
        login.login(DatabaseTarget(make_url(url_of(file_db))), "boss", PASSWORD)

    from jd_admin.ui.app import open_sqlite

    assert open_sqlite(DatabaseTarget(make_url(url_of(file_db)))) is False
    assert "已损坏" in bridge.texts_of("error")[-1]


def test_a_changed_row_its_index_disagrees_with_is_refused(file_db: Path, capsys) -> None:
    """A bad write inside a row (the administrator's login name in the table's page, not in
    its index): the pages are sound, so ``quick_check`` passes it; ``integrity_check`` (the
    check at start) finds the row and its index disagree."""
    with sqlite_connection(file_db) as c:
        page = c.execute("PRAGMA page_size").fetchone()[0]
        root = c.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' "
                         "AND name = 'app_user'").fetchone()[0]
    with file_db.open("r+b") as f:
        f.seek((root - 1) * page)
        content = f.read(page)
        assert b"boss" in content  # (its login name, and its full name)
        f.seek((root - 1) * page)
        f.write(content.replace(b"boss", b"bozz"))
    with sqlite_connection(file_db) as c:
        assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # (what it cannot see)
    code, _out, err = run(capsys, "user", "list", "--database-url", url_of(file_db))
    assert code == 1 and "已损坏" in one_line(err) and "app_user" in one_line(err), err


def test_a_newer_programs_database_is_refused_and_not_copied(file_db: Path, capsys, qtbot,
                                                              bridge) -> None:
    with sqlite_connection(file_db) as c:
        c.execute("UPDATE alembic_version SET version_num = '0999'")
        c.commit()
    for argv in (["db", "upgrade"], ["db", "upgrade"], ["db", "current"], ["user", "list"]):
        code, _out, err = run(capsys, *argv, "--database-url", url_of(file_db))
        line = one_line(err)
        assert code == 3, (argv, err)
        assert "此数据库由更新版本的程序（修订 0999）创建，请安装新版本程序" in line
    assert baks(file_db) == []  # not another `.bak` at each attempt
    with pytest.raises(DatabaseTooNew):
        login.login(DatabaseTarget(make_url(url_of(file_db))), "boss", PASSWORD)

    from jd_admin.ui.app import open_sqlite

    assert open_sqlite(DatabaseTarget(make_url(url_of(file_db)))) is False
    assert "更新版本的程序（修订 0999）" in bridge.texts_of("error")[-1]


@pytest.mark.postgres
def test_a_newer_programs_postgres_database_is_refused_at_login(pg_db, capsys) -> None:
    pg_db.make_user("boss", "admin", PASSWORD)
    pg_db.admin_db.engine.dispose()
    from sqlalchemy import text

    with pg_db.admin_db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    with pytest.raises(DatabaseTooNew):
        login.login(pg_db.target, "boss", PASSWORD)
    code, _out, err = run(capsys, "db", "upgrade", "--database-url", pg_db.url)
    assert code == 3 and "更新版本的程序（修订 0999）" in one_line(err)


@pytest.fixture
def read_only(file_db: Path) -> Iterator[Path]:
    """The file and its folder cannot be written (see the module's note)."""
    paths = [file_db, file_db.parent]
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root without chattr: no way to make a folder read-only for root")
        done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i refused here: {done.stderr.decode().strip()}")
        try:
            yield file_db
        finally:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
        return
    file_db.chmod(0o444)
    file_db.parent.chmod(0o555)
    try:
        yield file_db
    finally:
        file_db.parent.chmod(0o755)
        file_db.chmod(0o600)


def test_a_read_only_folder_refuses_changes_with_the_way_out(read_only: Path, capsys, qtbot,
                                                             bridge) -> None:
    before = read_only.read_bytes()
    code, out, _err = run(capsys, "user", "list", "--database-url", url_of(read_only))
    assert code == 0 and "boss" in out  # reading works
    for argv in (["user", "unlock", "boss"], ["statistics", "refresh"], ["db", "upgrade"]):
        code, _out, err = run(capsys, *argv, "--database-url", url_of(read_only))
        if argv == ["db", "upgrade"]:  # nothing to migrate: nothing written
            assert code == 0, err
            continue
        line = one_line(err)
        assert code == 1 and "只读，不能写入" in line and "不是连接问题" in line, line
    # a login writes (the last login, the failure counter): refused in the login dialog
    with pytest.raises(DatabaseNotWritable, match="只读，不能写入"):
        login.login(DatabaseTarget(make_url(url_of(read_only))), "boss", PASSWORD)
    from jd_admin.ui.login import LoginDialog

    dialog = LoginDialog(DatabaseTarget(make_url(url_of(read_only))))
    qtbot.addWidget(dialog)
    dialog.username.setText("boss")
    dialog.password.setText(PASSWORD)
    dialog.try_login()
    qtbot.waitUntil(lambda: "只读，不能写入" in dialog.error.text(), timeout=15000)
    assert dialog.outcome is None
    assert read_only.read_bytes() == before


@pytest.fixture
def full_disk(file_db: Path, tmp_path: Path) -> Iterator[Path]:
    """The file on a tmpfs with 256 KB free."""
    mount = tmp_path / "small_disk"
    mount.mkdir()
    size = file_db.stat().st_size + 256 * 1024
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.decode()}")
    try:
        path = mount / file_db.name
        shutil.copyfile(file_db, path)
        yield path
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_refuses_the_change_and_keeps_the_file(full_disk: Path, capsys) -> None:
    # a change needing more room than is left: demo data (venues, users, the statistics)
    code, _out, err = run(capsys, "demo-data", "--vouchers", "0",
                          "--database-url", url_of(full_disk))
    line = one_line(err)
    assert code == 1 and "磁盘已满，不能写入" in line and "腾出磁盘空间" in line, line
    assert db.check_sqlite_integrity(full_disk, always=True)
    code, out, _err = run(capsys, "user", "list", "--database-url", url_of(full_disk))
    assert code == 0 and "共 1 个用户" in out  # nothing of the refused change
