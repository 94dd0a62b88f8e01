"""Who is acting: the logged-in person, as plain data the UI and CLI can hold."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.errors import AuthenticationFailed, PermissionDenied
from jd_admin.models import AppUser, Role, Subdistrict


@dataclass(frozen=True)
class Actor:
    """The person behind a call. ``is_system`` marks the command line run by whoever holds the
    database itself (the SQLite file's owner, or the PostgreSQL DBA): it acts as an
    administrator and is recorded under its own name."""

    username: str
    full_name: str
    role: Role
    user_id: int | None = None
    subdistrict_id: int | None = None
    subdistrict_name: str | None = None
    is_system: bool = False
    must_change_password: bool = False

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def require(self, *roles: Role, action: str) -> None:
        """Raise PermissionDenied unless the actor has one of ``roles``."""
        if self.role not in roles:
            raise PermissionDenied(f"当前角色（{role_label(self.role)}）无权{action}")


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "系统管理员",
    Role.BUREAU_STAFF: "区体育局业务人员",
    Role.BUREAU_APPROVER: "区体育局审批人",
    Role.SUBDISTRICT: "街镇文体中心",
    Role.INSPECTOR: "巡查员",
    Role.OPERATOR: "配送平台运营",
}


def role_label(role: Role | str) -> str:
    return ROLE_LABELS.get(Role(role), str(role))


def system_actor(name: str) -> Actor:
    return Actor(username=name, full_name=name, role=Role.ADMIN, is_system=True)


def actor_for_username(session: Session, username: str) -> Actor:
    """The Actor of an existing, active user."""
    row = session.execute(
        select(AppUser, Subdistrict.name)
        .outerjoin(Subdistrict, AppUser.subdistrict_id == Subdistrict.id)
        .where(AppUser.username == username)
    ).first()
    if row is None:
        raise AuthenticationFailed(f"“{username}”不是本系统的用户")
    user, subdistrict_name = row
    if not user.is_active:
        raise AuthenticationFailed("该账户已停用，请联系系统管理员")
    return actor_from_user(user, subdistrict_name)


def actor_from_user(user: AppUser, subdistrict_name: str | None) -> Actor:
    return Actor(
        username=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        user_id=user.id,
        subdistrict_id=user.subdistrict_id,
        subdistrict_name=subdistrict_name,
        must_change_password=user.must_change_password,
    )
