"""User administration: create, reset, activate/deactivate, unlock, change one's own password.

On SQLite the rows are written here; on PostgreSQL through the SECURITY DEFINER functions of
migration 0002, which also create and alter the person's own login role. The password goes to
the server only as a SCRAM-SHA-256 verifier computed by libpq on the client.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied, StaleRecord
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.models import AppUser, Role, Subdistrict
from jd_admin.models.base import utcnow
from jd_admin.services import audit
from jd_admin.services.accounts import passwords
from jd_admin.services.actor import Actor, may_act, require
from jd_admin.services.dberrors import user_errors
from jd_admin.services.navigation import Page
from jd_admin.services.tasks import Task
from jd_admin.services.workflow import expect_version, stale

USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]{2,62}$")
#: The reason recorded when an account is unlocked (stored in Chinese, as entered reasons are).
UNLOCK_REASON = _("解除锁定")
RESERVED_NAMES = {"postgres", "public", "jd_staff"} | {f"jd_{r.value}" for r in Role}


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: Role
    subdistrict_name: str | None
    is_active: bool
    locked_until: dt.datetime | None
    must_change_password: bool
    last_login_at: dt.datetime | None
    version: int

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    def is_locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def scram_verifier(session: Session, username: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password``, computed by libpq on this client."""
    raw = session.connection().connection.driver_connection
    verifier: bytes = raw.pgconn.encrypt_password(  # type: ignore[union-attr]
        password.encode(), username.encode(), b"scram-sha-256"
    )
    return verifier.decode()


def validate_username(username: str) -> str:
    name = username.strip()
    if not USERNAME_RE.match(name):
        raise InvalidInput(
            _("用户名只能包含小写英文字母、数字和下划线，以字母开头，3 到 63 个字符"))
    if name in RESERVED_NAMES or name.startswith("pg_"):
        raise InvalidInput(_("用户名“{name}”是保留名称，请换一个", name=name))
    return name


def find_subdistrict(session: Session, name_or_code: str) -> Subdistrict:
    key = name_or_code.strip()
    found = session.scalar(
        select(Subdistrict).where((Subdistrict.name == key) | (Subdistrict.code == key.upper()))
    )
    if found is None:
        raise InvalidInput(_("没有名为“{name}”的街镇", name=key))
    return found


def list_users(session: Session, actor: Actor) -> list[UserInfo]:
    require(actor, Action.LIST_USERS)
    rows = session.execute(
        select(AppUser, Subdistrict.name)
        .outerjoin(Subdistrict, AppUser.subdistrict_id == Subdistrict.id)
        .order_by(AppUser.role, AppUser.username)
    ).all()
    return [
        UserInfo(u.id, u.username, u.full_name, Role(u.role), sd, u.is_active, u.locked_until,
                 u.must_change_password, u.last_login_at, u.version)
        for u, sd in rows
    ]


def create_user(
    session: Session,
    actor: Actor,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    subdistrict: str | None = None,
    *,
    must_change_password: bool = True,
) -> int:
    """Create a user (and on PostgreSQL the login role). Returns the new user's id."""
    require(actor, Action.CREATE_USER)
    name = validate_username(username)
    full = full_name.strip()
    if not full:
        raise InvalidInput(_("请填写姓名"))
    if len(full) > 60:
        raise InvalidInput(_("姓名不能超过 60 个字符"))
    try:
        app_role = Role(role)
    except ValueError:
        raise InvalidInput(_("未知角色：{role}（可选：{roles}）", role=role,
                             roles=", ".join(r.value for r in Role))) from None
    subdistrict_id: int | None = None
    if role_has_subdistrict(app_role):
        if not subdistrict:
            raise InvalidInput(_("街镇用户必须指定所属街镇"))
        subdistrict_id = find_subdistrict(session, subdistrict).id
    elif subdistrict:
        raise InvalidInput(_("只有街镇用户可以指定街镇"))
    passwords.check_policy(password, name)
    if session.scalar(select(AppUser.id).where(AppUser.username == name)) is not None:
        raise InvalidInput(_("用户名“{name}”已存在", name=name))

    if _is_postgres(session):
        verifier = scram_verifier(session, name, password)
        with user_errors():
            user_id = session.execute(
                text("SELECT jd_create_user(:u, :f, :r, :s, :v, :m)"),
                {"u": name, "f": full, "r": app_role.value, "s": subdistrict_id, "v": verifier,
                 "m": must_change_password},
            ).scalar_one()
        return int(user_id)

    user = AppUser(
        username=name, full_name=full, role=app_role.value, subdistrict_id=subdistrict_id,
        password_hash=passwords.hash_password(password), must_change_password=must_change_password,
        failed_attempts=0, is_active=True,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "user", name, "create", to_state=app_role.value, comment=full)
    return user.id


def role_has_subdistrict(role: Role | str | None) -> bool:
    """Whether a user of ``role`` belongs to one subdistrict (and must name it)."""
    return role == Role.SUBDISTRICT


def create_first_admin(session: Session, actor: Actor, username: str, full_name: str,
                       password: str) -> int:
    """The first system administrator of an empty database, with the password just chosen."""
    return create_user(session, actor, username, full_name, Role.ADMIN, password,
                       must_change_password=False)


def _get(session: Session, username: str, expected_version: int | None) -> AppUser:
    user = session.scalar(select(AppUser).where(AppUser.username == username))
    if user is None:
        raise NotFound(_("没有用户“{username}”", username=username))
    # (the SQLite trail names an account by its login: audit.record("user", username))
    expect_version(user, expected_version, _("用户“{username}”", username=username),
                   trail=("user", username))
    return user


def _account_call(session: Session, username: str, sql: str, params: dict[str, object]) -> None:
    """Call one of the server's account functions (migrations 0002/0006/0015). A refusal for a
    stale version (JD409) names who changed the account and when, as the SQLite path does
    (:func:`expect_version`): the call runs in a savepoint, so the trail can still be read."""
    try:
        with user_errors(), session.begin_nested():
            session.execute(text(sql), params)
    except StaleRecord:
        user_id = session.scalar(select(AppUser.id).where(AppUser.username == username))
        raise stale(session, _("用户“{username}”", username=username), "app_user",
                    user_id) from None


def reset_password(session: Session, actor: Actor, username: str, new_password: str,
                   expected_version: int | None = None) -> None:
    """Admin reset: a new initial password that must be changed at next login; unlocks."""
    require(actor, Action.RESET_PASSWORD)
    passwords.check_policy(new_password, username)
    if _is_postgres(session):
        verifier = scram_verifier(session, username, new_password)
        _account_call(session, username, "SELECT jd_reset_password(:u, :v, :e)",
                      {"u": username, "v": verifier, "e": expected_version})
        return
    user = _get(session, username, expected_version)
    user.password_hash = passwords.hash_password(new_password)
    user.must_change_password = True
    user.failed_attempts = 0
    user.locked_until = None
    user.is_active = True
    audit.record(session, actor, "user", username, "reset_password")


def set_active(session: Session, actor: Actor, username: str, active: bool, reason: str,
               expected_version: int | None = None) -> None:
    """Enable or disable an account (on PostgreSQL: LOGIN / NOLOGIN). Also clears a lock."""
    require(actor, Action.ENABLE_USER)
    _set_active(session, actor, username, active, reason, expected_version)


def _set_active(session: Session, actor: Actor, username: str, active: bool, reason: str,
                expected_version: int | None) -> None:
    """`set_active` after the caller's permission check."""
    if not reason.strip():
        raise InvalidInput(_("请填写原因"))
    if username == actor.username and not active:
        raise PermissionDenied(_("不能停用自己的账户"))
    if _is_postgres(session):
        _account_call(session, username, "SELECT jd_set_user_active(:u, :a, :r, :e)",
                      {"u": username, "a": active, "r": reason.strip(),
                       "e": expected_version})
        return
    user = _get(session, username, expected_version)
    before = "active" if user.is_active else "inactive"
    user.is_active = active
    user.failed_attempts = 0
    user.locked_until = None
    audit.record(session, actor, "user", username, "activate" if active else "deactivate",
                 from_state=before, to_state="active" if active else "inactive",
                 comment=reason.strip())


def unlock(session: Session, actor: Actor, username: str,
           expected_version: int | None = None) -> None:
    """Lift a lockout before its 15 minutes are over."""
    require(actor, Action.UNLOCK_USER)
    _set_active(session, actor, username, True, UNLOCK_REASON.source, expected_version)


def change_own_password(session: Session, actor: Actor, current_password: str | None,
                        new_password: str) -> None:
    """The logged-in user sets a new password (required at first login)."""
    if actor.is_system or actor.user_id is None:
        raise PermissionDenied(_("命令行系统账户没有密码可修改"))
    passwords.check_policy(new_password, actor.username)
    if current_password is not None and current_password == new_password:
        raise InvalidInput(_("新密码不能与当前密码相同"))
    if _is_postgres(session):
        verifier = scram_verifier(session, actor.username, new_password)
        with user_errors():
            session.execute(text("SELECT jd_change_own_password(:v)"), {"v": verifier})
        return
    user = _get(session, actor.username, None)
    if current_password is None or not passwords.verify_password(user.password_hash,
                                                                 current_password):
        raise InvalidInput(_("当前密码不正确"))
    user.password_hash = passwords.hash_password(new_password)
    user.must_change_password = False
    user.updated_at = utcnow()
    audit.record(session, actor, "user", actor.username, "change_password")


# --- my tasks -------------------------------------------------------------------------------

def locked_account_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    """Accounts locked by failed logins, for whoever may unlock them."""
    if not may_act(actor, Action.UNLOCK_USER):
        return []
    users = session.scalars(
        select(AppUser).where(AppUser.locked_until > now).order_by(AppUser.locked_until)
    ).all()
    return [
        Task(
            kind="locked_account",
            title=_("账户被锁定：{name}（{username}）", name=u.full_name, username=u.username),
            detail=_("连续多次密码错误已锁定，如确认本人操作可在系统管理中解锁"),
            page=Page.ADMIN,
            target=u.username,
            due=u.locked_until,
            urgent=True,
        )
        for u in users
    ]


def initial_password_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    """Initial passwords unchanged for a week, for whoever may reset or disable accounts."""
    if not may_act(actor, Action.ENABLE_USER):
        return []
    stale = now - dt.timedelta(days=7)
    users = session.scalars(
        select(AppUser)
        .where(AppUser.must_change_password, AppUser.is_active, AppUser.created_at < stale)
        .order_by(AppUser.created_at)
    ).all()
    return [
        Task(
            kind="initial_password",
            title=_("初始密码超过 7 天未修改：{name}（{username}）",
                    name=u.full_name, username=u.username),
            detail=_("请提醒该用户登录并修改密码，或停用该账户"),
            page=Page.ADMIN,
            target=u.username,
        )
        for u in users
    ]
