"""Logging in: password checks and the lockout rule (5 failures lock an account for 15 min).

On SQLite the app checks the argon2 hash and keeps the counter in ``app_user``. On PostgreSQL
the server checks the password; the same counting rule (:func:`after_failure`) is applied by
the client per desktop, because PostgreSQL has no lockout of its own (see README).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from jd_admin.domain.text import Text, _
from jd_admin.models import AppUser, Subdistrict
from jd_admin.services.accounts import passwords
from jd_admin.services.actor import Actor, actor_for_username, actor_from_user, system_actor
from jd_admin.services.clock import SHANGHAI

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = dt.timedelta(minutes=15)
WRONG_CREDENTIALS = _("用户名或密码错误")
ACCOUNT_DISABLED = _("该账户已停用，请联系系统管理员")


@dataclass(frozen=True)
class LoginResult:
    """What a login attempt came to; the caller commits (the counter must persist) and then
    shows ``error`` if there is one."""

    actor: Actor | None
    error: Text | None = None


def locked_message(until: dt.datetime) -> Text:
    local = until.astimezone(SHANGHAI)
    return _("连续 {count} 次密码错误，账户已锁定至 {time}，请稍后再试或联系系统管理员解锁",
             count=MAX_FAILED_ATTEMPTS, time=f"{local:%H:%M}")


def after_failure(failed_attempts: int, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """The counter and lock after one more failure: the 5th failure locks and resets the count."""
    failed = failed_attempts + 1
    if failed >= MAX_FAILED_ATTEMPTS:
        return 0, now + LOCK_DURATION
    return failed, None


def failure_message(failed_attempts: int, locked_until: dt.datetime | None) -> Text:
    if locked_until is not None:
        return locked_message(locked_until)
    left = MAX_FAILED_ATTEMPTS - failed_attempts
    return _("用户名或密码错误（再错 {left} 次账户将被锁定 15 分钟）", left=left)


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(AppUser)))


def session_user(session: Session) -> str:
    """The PostgreSQL login role this session's connection is logged in as."""
    return str(session.execute(text("SELECT session_user")).scalar_one())


def login_role_actor(session: Session) -> Actor:
    """Who acts on a PostgreSQL connection: the user of its login role, or, for a login role
    that is no user of this system (the DBA, the database owner), the system actor."""
    name = session_user(session)
    if session.scalar(select(AppUser.id).where(AppUser.username == name)) is not None:
        return actor_for_username(session, name)
    return system_actor(name)


def check_local_login(session: Session, username: str, password: str,
                      now: dt.datetime) -> LoginResult:
    """Check a SQLite login and update the counters (the caller commits either way)."""
    row = session.execute(
        select(AppUser, Subdistrict.name)
        .outerjoin(Subdistrict, AppUser.subdistrict_id == Subdistrict.id)
        .where(AppUser.username == username.strip().lower())
    ).first()
    if row is None:
        passwords.verify_password(None, password)
        return LoginResult(None, WRONG_CREDENTIALS)
    user, subdistrict_name = row
    if user.locked_until is not None and user.locked_until > now:
        passwords.verify_password(None, password)  # as long as any other refusal
        return LoginResult(None, locked_message(user.locked_until))
    if not passwords.verify_password(user.password_hash, password):
        user.failed_attempts, user.locked_until = after_failure(user.failed_attempts, now)
        return LoginResult(None, failure_message(user.failed_attempts, user.locked_until))
    if not user.is_active:
        return LoginResult(None, ACCOUNT_DISABLED)
    user.failed_attempts = 0
    user.locked_until = None
    user.last_login_at = now
    return LoginResult(actor_from_user(user, subdistrict_name))
