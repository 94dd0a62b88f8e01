"""Logging in: password checks and the lockout rule (5 failures lock an account for 15 min).

On SQLite the app checks the argon2 hash and keeps the counter in ``app_user``. On PostgreSQL
the server checks the password; the same counting rule (:func:`after_failure`) is applied by
the client per desktop, because PostgreSQL has no lockout of its own (see README).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.models import AppUser, Subdistrict
from jd_admin.services.accounts import passwords
from jd_admin.services.actor import Actor, actor_from_user
from jd_admin.services.clock import SHANGHAI

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = dt.timedelta(minutes=15)
WRONG_CREDENTIALS = "用户名或密码错误"


@dataclass(frozen=True)
class LoginResult:
    """What a login attempt came to; the caller commits (the counter must persist) and then
    shows ``error`` if there is one."""

    actor: Actor | None
    error: str | None = None


def locked_message(until: dt.datetime) -> str:
    local = until.astimezone(SHANGHAI)
    return f"连续 {MAX_FAILED_ATTEMPTS} 次密码错误，账户已锁定至 {local:%H:%M}，请稍后再试或联系系统管理员解锁"


def after_failure(failed_attempts: int, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """The counter and lock after one more failure: the 5th failure locks and resets the count."""
    failed = failed_attempts + 1
    if failed >= MAX_FAILED_ATTEMPTS:
        return 0, now + LOCK_DURATION
    return failed, None


def failure_message(failed_attempts: int, locked_until: dt.datetime | None) -> str:
    if locked_until is not None:
        return locked_message(locked_until)
    left = MAX_FAILED_ATTEMPTS - failed_attempts
    return f"{WRONG_CREDENTIALS}（再错 {left} 次账户将被锁定 15 分钟）"


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(AppUser)))


def check_local_login(session: Session, username: str, password: str, now: dt.datetime) -> LoginResult:
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
        return LoginResult(None, locked_message(user.locked_until))
    if not passwords.verify_password(user.password_hash, password):
        user.failed_attempts, user.locked_until = after_failure(user.failed_attempts, now)
        return LoginResult(None, failure_message(user.failed_attempts, user.locked_until))
    if not user.is_active:
        return LoginResult(None, "该账户已停用，请联系系统管理员")
    user.failed_attempts = 0
    user.locked_until = None
    user.last_login_at = now
    return LoginResult(actor_from_user(user, subdistrict_name))
