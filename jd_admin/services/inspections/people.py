"""Who may be assigned inspections: the active users of the inspector role."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.roles import Role
from jd_admin.models import AppUser


def inspectors(session: Session) -> list[tuple[str, str]]:
    """(username, full name) of the active inspectors, by name."""
    return [(u, n) for u, n in session.execute(
        select(AppUser.username, AppUser.full_name)
        .where(AppUser.role == Role.INSPECTOR.value, AppUser.is_active)
        .order_by(AppUser.full_name, AppUser.username))]


__all__ = ["inspectors"]
