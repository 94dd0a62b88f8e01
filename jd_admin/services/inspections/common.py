"""What the inspection services share: the row scope of a role, the database's refusals as the
user's messages, and loading a record the actor may act on.

Scope (domain/permissions.py): the bureau acts on every row; an inspector reads and records only
the rows of the assignments made to it (``inspection_assignment.inspector`` is its login name);
a subdistrict reads its own venues' rows. On PostgreSQL the permission matrix says the same
(domain/access.py), so a row outside the scope is not even there for the login.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound, PermissionDenied
from jd_admin.domain.permissions import PERMISSIONS, Action, Scope, scope
from jd_admin.domain.text import _
from jd_admin.models import Inspection, InspectionAssignment, RectificationOrder, Venue
from jd_admin.services.actor import Actor, require, subdistrict_scope
from jd_admin.services.dberrors import guard_errors

AnySelect = TypeVar("AnySelect", bound=Select[*tuple[Any, ...]])

#: The inspection guards' SQLSTATEs (migration 0022) beyond those ``user_errors`` knows.
_GUARDS = {"JD422": InvalidInput, "22023": InvalidInput, "42501": PermissionDenied}


@contextmanager
def inspection_errors() -> Iterator[None]:
    with guard_errors(_GUARDS):
        yield


def own_only(actor: Actor, action: Action) -> bool:
    """Whether ``actor`` takes ``action`` only on its own assignments' rows."""
    return not actor.is_system and scope(actor.role, action) is Scope.OWN


def check_assignment_scope(actor: Actor, action: Action, inspector: str | None) -> None:
    """Refuse a row of an assignment that is not ``actor``'s when it acts on its own only."""
    require(actor, action)
    if own_only(actor, action) and inspector != actor.username:
        raise PermissionDenied(_("只能{action}分配给本人的巡查任务",
                                 action=PERMISSIONS[action].label))


def check_venue_scope(session: Session, actor: Actor, action: Action, venue_id: int) -> None:
    own = subdistrict_scope(actor, action)
    if own is not None and session.scalar(
            select(Venue.subdistrict_id).where(Venue.id == venue_id)) != own:
        raise NotFound(_("没有编号为 {id} 的场馆（或不在本街镇）", id=venue_id))


def inspector_of(session: Session, assignment_id: int | None) -> str | None:
    if assignment_id is None:
        return None
    return session.scalar(select(InspectionAssignment.inspector)
                          .where(InspectionAssignment.id == assignment_id))


def scoped_inspections(actor: Actor, stmt: AnySelect) -> AnySelect:
    """``stmt`` narrowed to the inspections ``actor`` reads."""
    require(actor, Action.READ_INSPECTIONS)
    own = subdistrict_scope(actor, Action.READ_INSPECTIONS)
    if own is not None:
        stmt = stmt.where(Inspection.venue_id.in_(
            select(Venue.id).where(Venue.subdistrict_id == own)))
    if own_only(actor, Action.READ_INSPECTIONS):
        stmt = stmt.where(Inspection.assignment_id.in_(
            select(InspectionAssignment.id).where(
                InspectionAssignment.inspector == actor.username)))
    return stmt


def load_inspection(session: Session, actor: Actor, inspection_id: int, *,
                    lock: bool = False) -> Inspection:
    """An inspection ``actor`` reads (NotFound otherwise)."""
    stmt = scoped_inspections(actor, select(Inspection).where(Inspection.id == inspection_id))
    if lock:
        stmt = stmt.with_for_update()
    found: Inspection | None = session.scalar(stmt)
    if found is None:
        raise NotFound(_("没有编号为 {id} 的巡查记录（或不在您的权限范围内）", id=inspection_id))
    return found


def load_order(session: Session, actor: Actor, order_id: int, *,
               lock: bool = False) -> RectificationOrder:
    """A rectification order ``actor`` reads (NotFound otherwise)."""
    order = session.get(RectificationOrder, order_id, with_for_update=lock or None)
    if order is not None:
        visible = session.scalar(scoped_inspections(
            actor, select(Inspection.id).where(Inspection.id == order.inspection_id)))
        if visible is None:
            order = None
    if order is None:
        raise NotFound(_("没有编号为 {id} 的整改通知（或不在您的权限范围内）", id=order_id))
    return order
