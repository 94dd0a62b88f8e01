"""The command line (DESIGN.md "CLI"): in-process through ``cli.main`` and once as a process."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_PASSWORD
from sqlalchemy import func, select

from jd_admin import __version__, cli
from jd_admin.login import LocalLockout, login
from jd_admin.models import AppUser, AuditEvent, Role, Venue
from jd_admin.models.base import utcnow
from jd_admin.services.accounts import passwords
from jd_admin.services.identifiers import is_valid_credit_code


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``jd-admin argv`` in this process: (exit code, stdout, stderr)."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _count(test_db, model: type) -> int:
    with test_db.admin_db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_version_as_a_process() -> None:
    result = subprocess.run([sys.executable, "-m", "jd_admin", "--version"], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"jd_admin {__version__}"


def test_db_upgrade_and_current_on_an_empty_sqlite_file(capsys, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'jd.sqlite3'}"
    code, out, _ = run(capsys, "db", "current", "--database-url", url)
    assert code == 0 and "空库" in out and "待升级" in out
    code, out, err = run(capsys, "db", "upgrade", "--database-url", url)
    assert code == 0, err
    assert "SQLite" in out and "从 空库 升级到" in out
    assert "副本" not in out  # nothing to copy aside: the file was new
    code, out, _ = run(capsys, "db", "upgrade", "--database-url", url)
    assert code == 0 and "已是最新版本" in out
    code, out, _ = run(capsys, "db", "current", "--database-url", url)
    assert code == 0 and "（最新）" in out


def test_commands_refuse_a_database_that_is_not_migrated(capsys, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    for argv in (["user", "list"], ["demo-data"], ["user", "unlock", "x"]):
        code, out, err = run(capsys, *argv, "--database-url", url)
        assert code == 3, argv
        assert "jd-admin db upgrade" in err and err.count("\n") == 1
        assert out == ""


@pytest.mark.postgres
def test_commands_refuse_a_postgres_database_that_is_not_migrated(capsys, pg_server) -> None:
    pg_server.create_database("jd_cli_empty")
    try:
        url = pg_server.admin_url("jd_cli_empty")
        code, _, err = run(capsys, "user", "list", "--database-url", url)
        assert code == 3 and "jd-admin db upgrade" in err
        code, out, err = run(capsys, "db", "upgrade", "--database-url", url)
        assert code == 0, err
        assert "PostgreSQL" in out and "升级到" in out
        code, out, err = run(capsys, "user", "list", "--database-url", url)
        assert code == 0 and "共 0 个用户" in out
    finally:
        pg_server.drop_database("jd_cli_empty")


def test_unreachable_postgres_gives_one_line(capsys) -> None:
    url = f"postgresql://nobody@127.0.0.1:{_closed_port()}/jd"
    for argv in (["user", "list"], ["db", "current"], ["db", "upgrade"], ["demo-data"]):
        code, out, err = run(capsys, *argv, "--database-url", url)
        assert code != 0, argv
        assert err.startswith("错误：") and err.count("\n") == 1, (argv, err)
        assert "Traceback" not in out + err


def test_unreachable_postgres_as_a_process() -> None:
    url = f"postgresql://nobody@127.0.0.1:{_closed_port()}/jd"
    command = [sys.executable, "-m", "jd_admin", "user", "list", "--database-url", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 4
    assert result.stderr.startswith("错误：无法连接数据库")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_bad_database_url_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "user", "list", "--database-url", "mysql://x@localhost/jd")
    assert code == 2 and "不支持的数据库类型" in err


def _demo_logins(out: str) -> dict[str, tuple[str, str]]:
    """username -> (password, rest of line) of the demo logins printed."""
    logins: dict[str, tuple[str, str]] = {}
    in_list = False
    for line in out.splitlines():
        if line.startswith("演示账户"):
            in_list = True
            continue
        if in_list and line.startswith("  "):
            username, password, rest = line.split(maxsplit=2)
            assert username not in logins, f"{username} printed twice"
            logins[username] = (password, rest)
    return logins


def test_demo_data(capsys, test_db, tmp_path: Path) -> None:
    code, out, err = run(capsys, "demo-data", "--vouchers", "0", "--database-url", test_db.url)
    assert code == 0, err
    logins = _demo_logins(out)
    assert len(logins) >= 6
    for label in (str(r.label) for r in Role):
        assert any(label in rest for _, rest in logins.values()), label
    for username, (password, _) in logins.items():
        passwords.check_policy(password, username)
        assert out.count(password) == 1
    venues, app_users = _count(test_db, Venue), _count(test_db, AppUser)
    assert venues >= 60 and app_users == len(logins)
    with test_db.admin_db.session() as s:
        codes = s.scalars(select(Venue.credit_code)).all()
        statuses = set(s.scalars(select(Venue.status)).all())
    assert all(is_valid_credit_code(c) for c in codes)
    assert {"designated", "suspended"} <= statuses
    assert "发放批次：新建 0 个；消费券：新增 0 张" in out  # --vouchers 0: no demo year

    # a printed login works
    name = next(u for u, (_, rest) in logins.items() if str(Role.OPERATOR.label) in rest)
    outcome = login(test_db.target, name, logins[name][0],
                    lockout=LocalLockout(tmp_path / "f.json"))
    test_db.track(outcome.database)
    assert outcome.actor is not None and outcome.actor.role is Role.OPERATOR

    # running it again creates nothing
    code, out, err = run(capsys, "demo-data", "--vouchers", "0", "--database-url", test_db.url)
    assert code == 0, err
    assert "新建场馆 0 个" in out and "新建用户 0 个" in out
    assert "发放批次：新建 0 个" in out
    assert _demo_logins(out) == {}
    assert (_count(test_db, Venue), _count(test_db, AppUser)) == (venues, app_users)


def test_demo_data_refuses_a_negative_count(capsys, sqlite_db) -> None:
    with pytest.raises(SystemExit):
        cli.main(["demo-data", "--vouchers", "-5", "--database-url", sqlite_db.url])
    assert "-5" in capsys.readouterr().err


def _initial_password(out: str) -> str:
    match = re.search(r"密码（只显示这一次[^）]*）：(\S+)", out)
    assert match, out
    return match.group(1)


def test_user_commands(capsys, monkeypatch, test_db, tmp_path: Path) -> None:
    url = test_db.url
    lockout = LocalLockout(tmp_path / "f.json")

    code, out, err = run(capsys, "user", "add", "carol", "--role", "subdistrict",
                         "--subdistrict", "南翔镇", "--full-name", "卡罗尔", "--database-url", url)
    assert code == 0, err
    assert "已创建用户 carol" in out and "街镇文体中心" in out and "南翔镇" in out
    generated = _initial_password(out)
    assert out.count(generated) == 1
    passwords.check_policy(generated, "carol")
    outcome = login(test_db.target, "carol", generated, lockout=lockout)
    test_db.track(outcome.database)
    assert outcome.actor is not None and outcome.actor.must_change_password
    assert outcome.actor.subdistrict_name == "南翔镇"

    monkeypatch.setattr(sys, "stdin", io.StringIO("Str0ng!pass\n"))
    code, out, err = run(capsys, "user", "add", "dave", "--role", "operator",
                         "--password-stdin", "--database-url", url)
    assert code == 0, err
    assert "Str0ng!pass" not in out + err and "密码" not in out
    test_db.track(login(test_db.target, "dave", "Str0ng!pass", lockout=lockout).database)

    # a weak password from stdin is refused with the rule
    monkeypatch.setattr(sys, "stdin", io.StringIO("weak\n"))
    code, out, err = run(capsys, "user", "add", "weakling", "--role", "operator",
                         "--password-stdin", "--database-url", url)
    assert code == 1 and "至少需要 8 个字符" in err and "weak\n" not in out + err

    before = _count(test_db, AppUser)
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["user", "add", "erin", "--role", "chief", "--database-url", url])
    assert excinfo.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    code, out, err = run(capsys, "user", "add", "erin", "--role", "subdistrict",
                         "--subdistrict", "火星镇", "--database-url", url)
    assert code == 1 and "火星镇" in err and err.count("\n") == 1 and out == ""
    code, _, err = run(capsys, "user", "add", "carol", "--role", "operator", "--database-url", url)
    assert code == 1 and "已存在" in err
    assert _count(test_db, AppUser) == before

    code, out, _ = run(capsys, "user", "list", "--database-url", url)
    assert code == 0 and "carol" in out and "dave" in out and "共 2 个用户" in out

    code, out, err = run(capsys, "user", "reset-password", "dave", "--database-url", url)
    assert code == 0, err
    reset = _initial_password(out)
    passwords.check_policy(reset, "dave")
    outcome = login(test_db.target, "dave", reset, lockout=lockout)
    test_db.track(outcome.database)
    assert outcome.actor is not None and outcome.actor.must_change_password

    with pytest.raises(SystemExit):
        cli.main(["user", "disable", "dave", "--database-url", url])  # --reason is required
    capsys.readouterr()
    code, out, err = run(capsys, "user", "disable", "dave", "--reason", "离职",
                         "--database-url", url)
    assert code == 0 and "已停用用户 dave" in out, err
    with test_db.admin_db.session() as s:
        assert s.scalar(select(AppUser.is_active).where(AppUser.username == "dave")) is False
        reason = s.scalar(select(AuditEvent.comment).where(AuditEvent.action == "deactivate"))
    assert reason == "离职"
    code, out, err = run(capsys, "user", "enable", "dave", "--reason", "返岗",
                         "--database-url", url)
    assert code == 0 and "已启用用户 dave" in out, err

    if not test_db.is_postgres:  # the lock lives in the database on SQLite
        with test_db.admin_db.session() as s, s.begin():
            user = s.scalars(select(AppUser).where(AppUser.username == "dave")).one()
            user.locked_until = utcnow().replace(year=2100)
    code, out, err = run(capsys, "user", "unlock", "dave", "--database-url", url)
    assert code == 0 and "已解除 dave 的锁定" in out, err
    with test_db.admin_db.session() as s:
        row = s.execute(select(AppUser.is_active, AppUser.locked_until)
                        .where(AppUser.username == "dave")).one()
    assert tuple(row) == (True, None)
    code, _, err = run(capsys, "user", "unlock", "nobody", "--database-url", url)
    assert code == 1 and "nobody" in err


@pytest.mark.postgres
def test_cli_acts_as_the_login_role_of_the_url(capsys, pg_db) -> None:
    pg_db.make_user("boss", Role.ADMIN)
    pg_db.make_user("staffer", Role.BUREAU_STAFF)

    def url_of(username: str, password: str = TEST_PASSWORD) -> str:
        return pg_db.target.with_login(username, password).render_as_string(hide_password=False)

    # the superuser's URL: the system actor, recorded under the login role's name
    code, _, err = run(capsys, "user", "add", "first", "--role", "operator",
                       "--database-url", pg_db.url)
    assert code == 0, err
    # an administrator's own URL: that administrator
    code, _, err = run(capsys, "user", "add", "second", "--role", "inspector",
                       "--database-url", url_of("boss"))
    assert code == 0, err
    with pg_db.admin_db.session() as s:
        creators = dict(s.execute(select(AuditEvent.entity_id, AuditEvent.actor)
                                  .where(AuditEvent.action == "create")).all())
        superuser = s.execute(select(func.session_user())).scalar_one()
    assert creators["first"] == superuser and creators["second"] == "boss"
    # a bureau staff member's own URL: not allowed to manage users
    code, out, err = run(capsys, "user", "add", "third", "--role", "operator",
                         "--database-url", url_of("staffer"))
    assert code == 1 and "无权创建用户" in err and out == ""
    code, _, err = run(capsys, "user", "list", "--database-url", url_of("staffer"))
    assert code == 1 and "无权" in err
    # a wrong password in the URL: one line, no traceback
    code, _, err = run(capsys, "user", "list", "--database-url", url_of("staffer", "Wr0ng!pass"))
    assert code == 4 and err.count("\n") == 1 and "Wr0ng!pass" not in err
    with pg_db.admin_db.session() as s:
        names = set(s.scalars(select(AppUser.username)).all())
    assert names == {"boss", "staffer", "first", "second"}


def test_errors_are_printed_in_the_language_of_jd_admin_language(capsys, monkeypatch) -> None:
    from jd_admin import i18n

    argv = ("db", "current", "--database-url", "mysql://someone@localhost/jd")
    monkeypatch.delenv("JD_ADMIN_LANGUAGE", raising=False)
    code, _out, err = run(capsys, *argv)
    assert code == 2 and err.startswith("错误：不支持的数据库类型：mysql")
    monkeypatch.setenv("JD_ADMIN_LANGUAGE", "en")
    try:
        code, _out, err = run(capsys, *argv)
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert code == 2
    assert err.strip() == ("Error: Unsupported database type: mysql "
                           "(only SQLite and PostgreSQL)")
