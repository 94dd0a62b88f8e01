"""Who is acting: the logged-in person, as plain data the UI and CLI can hold."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import AuthenticationFailed, PermissionDenied
from jd_admin.domain.permissions import PERMISSIONS, Action, Scope, may, scope
from jd_admin.domain.roles import Role
from jd_admin.domain.text import _
from jd_admin.models import AppUser, Subdistrict


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
        raise AuthenticationFailed(_("“{username}”不是本系统的用户", username=username))
    user, subdistrict_name = row
    if not user.is_active:
        raise AuthenticationFailed(_("该账户已停用，请联系系统管理员"))
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


def require(actor: Actor, action: Action) -> None:
    """Raise PermissionDenied unless ``actor`` may take ``action`` (domain/permissions.py)."""
    if not may(actor.role, action, system=actor.is_system):
        raise PermissionDenied(_("当前角色（{role}）无权{action}",
                                 role=actor.role.label, action=PERMISSIONS[action].label))


def may_act(actor: Actor, action: Action) -> bool:
    return may(actor.role, action, system=actor.is_system)


def own_subdistrict_only(actor: Actor, action: Action) -> bool:
    """Whether ``actor`` takes ``action`` on its own subdistrict's rows only
    (domain/permissions.py: the action's scope for the role; the system actor sees all)."""
    return not actor.is_system and scope(actor.role, action) is Scope.OWN_SUBDISTRICT


def subdistrict_scope(actor: Actor, action: Action) -> int | None:
    """The subdistrict whose rows ``actor`` may take ``action`` on; ``None``: every row.

    The one rule of the own-subdistrict scope: a user bound to its subdistrict gets its
    subdistrict's id; such a user without a subdistrict is refused (PermissionDenied)."""
    if not own_subdistrict_only(actor, action):
        return None
    if actor.subdistrict_id is None:
        raise PermissionDenied(_("当前账户未设置所属街镇，无权{action}",
                                 action=PERMISSIONS[action].label))
    return actor.subdistrict_id


def subdistrict_filter(actor: Actor, action: Action, requested: int | None) -> int | None:
    """The subdistrict a list is narrowed to: the actor's own when it is bound to it, whatever
    it asks for, else the one it asks for (None: every subdistrict)."""
    own = subdistrict_scope(actor, action)
    return own if own is not None else requested
