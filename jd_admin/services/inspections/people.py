"""Who may be assigned inspections: the active users of the inspector role."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.roles import Role
from jd_admin.models import AppUser

#: Who may be assigned inspections: an active account of the inspector role.
ASSIGNABLE = (AppUser.role == Role.INSPECTOR.value, AppUser.is_active)


def inspectors(session: Session) -> list[tuple[str, str]]:
    """(username, full name) of the active inspectors, by name."""
    return [(u, n) for u, n in session.execute(
        select(AppUser.username, AppUser.full_name).where(*ASSIGNABLE)
        .order_by(AppUser.full_name, AppUser.username))]


def is_inspector(session: Session, username: str) -> bool:
    """Whether ``username`` may be assigned inspections."""
    return session.scalar(select(AppUser.id).where(
        AppUser.username == username, *ASSIGNABLE)) is not None


__all__ = ["ASSIGNABLE", "inspectors", "is_inspector"]
