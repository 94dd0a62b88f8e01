"""备案信息: what a venue filed to be designated — its sports with their list prices (挂牌价)
and its coaches with their certificates — for the inspector to compare on site ("公示价格与备案
价格一致", "在岗教练……与申请时备案的教练一致").

Both are the register's copies made by the designation step (``venue_sport``, ``venue_coach``),
not the application's rows: an inspector reads no application. The coaches are personal data
(names, certificate numbers), read by :attr:`Action.READ_FILED_COACHES`'s roles on their rows
only — the bureau every venue's, a subdistrict its own venues', an inspector the venues assigned
to it (domain/permissions.py; on PostgreSQL the matrix says the same). Offline, the file holds
the checked-out venues' copies (services/inspections/offline.py) and the same function reads
them there.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import NotFound
from jd_admin.domain.permissions import Action, Scope, scope
from jd_admin.domain.text import _
from jd_admin.models import InspectionAssignment, Venue, VenueCoach, VenueSport
from jd_admin.services.actor import Actor, require
from jd_admin.services.inspections.common import check_venue_scope


class FiledSport(NamedTuple):
    sport: str
    list_price: Decimal


class FiledCoach(NamedTuple):
    name: str
    qualification: str
    certificate_number: str


class FiledReference(NamedTuple):
    sports: tuple[FiledSport, ...]
    coaches: tuple[FiledCoach, ...]


def _assigned_only(actor: Actor) -> bool:
    return not actor.is_system and scope(actor.role, Action.READ_FILED_COACHES) is Scope.ASSIGNED


def filed_reference(session: Session, actor: Actor, venue_id: int) -> FiledReference:
    """The sports with list prices and the coaches filed for ``venue_id``, when ``actor`` may
    read them (NotFound for a venue outside its scope: another subdistrict's, or one never
    assigned to the inspector)."""
    require(actor, Action.READ_FILED_COACHES)
    check_venue_scope(session, actor, Action.READ_FILED_COACHES, venue_id)
    missing = NotFound(_("没有编号为 {id} 的场馆（或不在您的权限范围内）", id=venue_id))
    if session.scalar(select(Venue.id).where(Venue.id == venue_id)) is None:
        raise missing
    if _assigned_only(actor) and session.scalar(select(InspectionAssignment.id).where(
            InspectionAssignment.venue_id == venue_id,
            InspectionAssignment.inspector == actor.username).limit(1)) is None:
        raise missing
    sports = session.execute(select(VenueSport.sport, VenueSport.list_price).where(
        VenueSport.venue_id == venue_id).order_by(VenueSport.id)).all()
    coaches = session.execute(select(
        VenueCoach.name, VenueCoach.qualification, VenueCoach.certificate_number).where(
        VenueCoach.venue_id == venue_id).order_by(VenueCoach.id)).all()
    return FiledReference(tuple(FiledSport(s, p) for s, p in sports),
                          tuple(FiledCoach(n, q, c) for n, q, c in coaches))
