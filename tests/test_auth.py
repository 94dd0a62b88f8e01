"""Logging in (jd_admin.login) and the password rules, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEST_PASSWORD
from sqlalchemy import select, text, update

from jd_admin import config
from jd_admin.domain.errors import AuthenticationFailed, InvalidInput
from jd_admin.login import LocalLockout, LoginOutcome, login
from jd_admin.models import AppUser, Role
from jd_admin.models.base import utcnow
from jd_admin.services.accounts import passwords, users

NEW_PASSWORD = "N3w-Secret#2"
RESET_PASSWORD = "R3set+Pass#9"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1!xyz", "至少需要 8 个字符"),
        ("abcdefgh12", "至少三类"),
        ("ABCDEFGH!!", "至少三类"),
        ("Pässw0rd!x", "英文字母、数字和英文符号"),
        ("密码Passw0rd!", "不能含中文"),
        ("Alice#2024x", "不能包含用户名"),
    ],
)
def test_password_policy_messages(password: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        passwords.check_policy(password, "alice")


def test_password_policy_accepts_good_passwords() -> None:
    for good in ("Passw0rd!x", "abcDEF123", "correct horse 7", "x" * 7 + "Y1"):
        passwords.check_policy(good, "alice")
    for _ in range(20):
        generated = passwords.generate_password()
        passwords.check_policy(generated, "alice")


def test_hash_and_verify() -> None:
    stored = passwords.hash_password(TEST_PASSWORD)
    assert stored.startswith("$argon2id$") and TEST_PASSWORD not in stored
    assert passwords.verify_password(stored, TEST_PASSWORD)
    assert not passwords.verify_password(stored, TEST_PASSWORD + "x")
    assert not passwords.verify_password(None, TEST_PASSWORD)
    assert not passwords.verify_password("not a hash", TEST_PASSWORD)


# --- login on both databases -------------------------------------------------------------

@pytest.fixture
def lockout(tmp_path: Path) -> LocalLockout:
    return LocalLockout(tmp_path / "f.json")


@pytest.fixture
def log_file() -> Iterator[Path]:
    """Everything jd_admin and SQLAlchemy log (SQL with parameters included) goes to a file
    under JD_ADMIN_DATA_DIR for the test, so the test can search it for passwords."""
    path = config.log_dir() / "test-auth.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    loggers = [logging.getLogger(n) for n in ("jd_admin", "sqlalchemy.engine")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG if lg.name == "jd_admin" else logging.INFO)
    yield path
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)
    handler.close()


def _login(test_db, lockout: LocalLockout, username: str, password: str) -> LoginOutcome:
    outcome = login(test_db.target, username, password, lockout=lockout)
    test_db.track(outcome.database)
    return outcome


def _refused(test_db, lockout: LocalLockout, username: str, password: str) -> str:
    with pytest.raises(AuthenticationFailed) as excinfo:
        _login(test_db, lockout, username, password)
    return str(excinfo.value)


def _end_lock(test_db, lockout: LocalLockout, username: str) -> None:
    """Pretend the 15 minutes are over."""
    past = utcnow() - dt.timedelta(minutes=1)
    if test_db.is_postgres:
        data = json.loads(lockout.path.read_text(encoding="utf-8"))
        (key,) = [k for k in data if k.endswith(f"|{username}")]
        data[key]["locked_until"] = past.isoformat()
        lockout.path.write_text(json.dumps(data), encoding="utf-8")
    else:
        with test_db.admin_db.session() as s, s.begin():
            s.execute(update(AppUser).where(AppUser.username == username)
                      .values(locked_until=past))


def _lock(test_db, lockout: LocalLockout, username: str) -> None:
    messages = [_refused(test_db, lockout, username, f"Wrong-pass{i}") for i in range(5)]
    assert all("用户名或密码错误" in m for m in messages[:4])
    assert [m.split("再错 ")[1][0] for m in messages[:4]] == ["4", "3", "2", "1"]
    assert "已锁定" in messages[4]


def test_login_lockout_and_admin_actions(test_db, lockout: LocalLockout, caplog, request,
                                         data_dir: Path, log_file: Path) -> None:
    caplog.set_level(logging.DEBUG)
    test_db.make_user("alice", Role.SUBDISTRICT, subdistrict="南翔镇")
    test_db.make_user("bob", Role.BUREAU_STAFF)

    # the right password works and gives the actor
    outcome = _login(test_db, lockout, "alice", TEST_PASSWORD)
    assert outcome.actor is not None and not outcome.needs_first_admin
    assert outcome.actor.username == "alice"
    assert outcome.actor.role is Role.SUBDISTRICT
    assert outcome.actor.subdistrict_name == "南翔镇"
    assert outcome.actor.subdistrict_id is not None
    outcome = _login(test_db, lockout, "  Bob ", TEST_PASSWORD)
    assert outcome.actor is not None and outcome.actor.role is Role.BUREAU_STAFF
    assert outcome.actor.subdistrict_name is None

    # a wrong password: the generic message and the attempts left
    message = _refused(test_db, lockout, "alice", "Wrong-pass0")
    assert "用户名或密码错误" in message and "再错 4 次" in message
    # a success resets the count
    _login(test_db, lockout, "alice", TEST_PASSWORD)
    assert "再错 4 次" in _refused(test_db, lockout, "alice", "Wrong-pass0")
    _login(test_db, lockout, "alice", TEST_PASSWORD)
    # an unknown user gets the same message as a wrong password
    assert "用户名或密码错误" in _refused(test_db, lockout, "nobody", "Wrong-pass0")
    assert _refused(test_db, lockout, "alice", "") == "请输入用户名和密码"

    # five wrong: locked, and even the right password is refused until the lock ends
    _lock(test_db, lockout, "alice")
    assert "已锁定" in _refused(test_db, lockout, "alice", TEST_PASSWORD)
    # ... other users are not affected
    _login(test_db, lockout, "bob", TEST_PASSWORD)
    _end_lock(test_db, lockout, "alice")
    assert _login(test_db, lockout, "alice", TEST_PASSWORD).actor is not None

    admin = test_db.system_actor
    if not test_db.is_postgres:
        # the administrator lifts a lock early ...
        _lock(test_db, lockout, "alice")
        with test_db.admin_db.session() as s, s.begin():
            info = {u.username: u for u in users.list_users(s, admin)}
            assert info["alice"].is_locked(utcnow())
            users.unlock(s, admin, "alice")
        assert _login(test_db, lockout, "alice", TEST_PASSWORD).actor is not None
        # ... or resets the password, which also unlocks
        _lock(test_db, lockout, "alice")
        with test_db.admin_db.session() as s, s.begin():
            users.reset_password(s, admin, "alice", RESET_PASSWORD)
        outcome = _login(test_db, lockout, "alice", RESET_PASSWORD)
        assert outcome.actor is not None and outcome.actor.must_change_password
        assert "用户名或密码错误" in _refused(test_db, lockout, "alice", TEST_PASSWORD)
    else:
        # PostgreSQL: the lock is kept per desktop (LocalLockout). An administrator's unlock
        # and reset act on the server: the reset password works, the old one does not.
        with test_db.admin_db.session() as s, s.begin():
            users.unlock(s, admin, "alice")
            users.reset_password(s, admin, "alice", RESET_PASSWORD)
        outcome = _login(test_db, lockout, "alice", RESET_PASSWORD)
        assert outcome.actor is not None and outcome.actor.must_change_password
        assert "用户名或密码错误" in _refused(test_db, lockout, "alice", TEST_PASSWORD)
        lockout.success(f"{test_db.target.display()}|alice")

    # a disabled user is refused, with the right password too
    with test_db.admin_db.session() as s, s.begin():
        users.set_active(s, admin, "bob", False, "离职")
    assert "已停用" in _refused(test_db, lockout, "bob", TEST_PASSWORD)
    with test_db.admin_db.session() as s, s.begin():
        users.set_active(s, admin, "bob", True, "返岗")
    assert _login(test_db, lockout, "bob", TEST_PASSWORD).actor is not None

    # a user who must change the password does so as themselves
    outcome = _login(test_db, lockout, "alice", RESET_PASSWORD)
    actor = outcome.actor
    assert actor is not None and actor.must_change_password
    with outcome.database.session() as s, s.begin(), pytest.raises(InvalidInput, match="至少"):
        users.change_own_password(s, actor, RESET_PASSWORD, "short")
    with outcome.database.session() as s, s.begin(), pytest.raises(InvalidInput, match="相同"):
        users.change_own_password(s, actor, RESET_PASSWORD, RESET_PASSWORD)
    if not test_db.is_postgres:
        with (outcome.database.session() as s, s.begin(),
              pytest.raises(InvalidInput, match="当前密码")):
            users.change_own_password(s, actor, "Wrong-pass0", NEW_PASSWORD)
    with outcome.database.session() as s, s.begin():
        users.change_own_password(s, actor, RESET_PASSWORD, NEW_PASSWORD)
    outcome.database.dispose()
    with test_db.admin_db.session() as s:
        assert s.scalar(select(AppUser.must_change_password)
                        .where(AppUser.username == "alice")) is False
    outcome = _login(test_db, lockout, "alice", NEW_PASSWORD)
    assert outcome.actor is not None and not outcome.actor.must_change_password
    assert "用户名或密码错误" in _refused(test_db, lockout, "alice", RESET_PASSWORD)
    test_db.close()  # release every connection before reading the logs

    # no password in the logs, the lockout file or the audit table
    secrets = [TEST_PASSWORD, RESET_PASSWORD, NEW_PASSWORD, "Wrong-pass0", "Wrong-pass4"]
    logged = log_file.read_text(encoding="utf-8")
    assert "INSERT INTO" in logged or "SELECT" in logged  # the log did capture SQL
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    if lockout.path.exists():
        files.append(lockout.path)
    if test_db.is_postgres and request.getfixturevalue("pg_server").log_file is not None:
        files.append(request.getfixturevalue("pg_server").log_file)  # the server's own log
    texts = {str(p): p.read_text(encoding="utf-8", errors="replace") for p in files}
    texts["caplog"] = caplog.text
    with test_db.admin_db.session() as s:
        rows = s.execute(text("SELECT * FROM audit_event")).all()
        texts["audit_event"] = "\n".join(repr(tuple(r)) for r in rows)
        assert rows, "the account changes left no audit rows"
    for where, content in texts.items():
        for secret in secrets:
            assert secret not in content, f"password {secret!r} found in {where}"


def test_unknown_users_cost_the_same_password_check_as_known_ones(
        sqlite_db, lockout: LocalLockout, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 9 finding 11: an unknown user name was refused at once, a known one after an
    argon2 check, so user names could be told apart by the time taken. Every refusal now
    runs exactly one argon2 verification (no timing in tests: the work is counted)."""
    sqlite_db.make_user("known1", Role.BUREAU_STAFF)
    with sqlite_db.admin_db.session() as s, s.begin():
        s.execute(update(AppUser).where(AppUser.username == "known1")
                  .values(locked_until=utcnow() + dt.timedelta(minutes=5)))
    sqlite_db.make_user("known2", Role.BUREAU_STAFF)
    calls: list[str] = []
    real = passwords._hasher

    class CountingHasher:
        def hash(self, password: str) -> str:
            return real.hash(password)

        def verify(self, hash_: str, password: str) -> bool:
            calls.append(hash_)
            return real.verify(hash_, password)

    monkeypatch.setattr(passwords, "_hasher", CountingHasher())
    for username in ("nobody", "known1", "known2"):
        calls.clear()
        with pytest.raises(AuthenticationFailed):
            login(sqlite_db.target, username, "Wrong#Pass9", lockout=lockout)
        assert len(calls) == 1, username
        assert calls[0].startswith("$argon2id$")


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    from jd_admin import db

    path = tmp_path / "new" / "jd.sqlite3"
    engine = db.make_engine(make_url(f"sqlite:///{path}"))
    db.upgrade(engine)
    engine.dispose()
    assert path.stat().st_mode & 0o777 == 0o600
    assert not list(path.parent.glob("*.bak"))  # nothing to copy aside for a new file
