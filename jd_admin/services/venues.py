"""Reading venues (场馆). The recruitment workflow adds the register's changes here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from jd_admin.models import Role, Subdistrict, Venue
from jd_admin.services.actor import Actor

VENUE_TYPE_LABELS = {"public": "公共体育场馆", "commercial": "经营性体育场馆"}
VENUE_STATUS_LABELS = {"designated": "定点", "suspended": "暂停", "withdrawn": "退出"}


@dataclass(frozen=True)
class VenueRow:
    id: int
    name: str
    venue_type: str
    subdistrict: str
    address: str
    credit_code: str
    contact_name: str
    contact_mobile: str
    sports: tuple[tuple[str, Decimal], ...]
    status: str

    @property
    def type_label(self) -> str:
        return VENUE_TYPE_LABELS.get(self.venue_type, self.venue_type)

    @property
    def status_label(self) -> str:
        return VENUE_STATUS_LABELS.get(self.status, self.status)

    @property
    def sports_text(self) -> str:
        return "、".join(sport for sport, _ in self.sports)


def scope_subdistrict(actor: Actor, requested: int | None) -> int | None:
    """A subdistrict user always sees only their own subdistrict, whatever they ask for."""
    if actor.role is Role.SUBDISTRICT:
        return actor.subdistrict_id
    return requested


def list_venues(session: Session, actor: Actor, *, subdistrict_id: int | None = None,
                search: str = "", status: str | None = None) -> list[VenueRow]:
    query = (
        select(Venue, Subdistrict.name)
        .join(Subdistrict, Venue.subdistrict_id == Subdistrict.id)
        .options(selectinload(Venue.sports))
        .order_by(Subdistrict.code, Venue.name, Venue.id)
    )
    scoped = scope_subdistrict(actor, subdistrict_id)
    if scoped is not None:
        query = query.where(Venue.subdistrict_id == scoped)
    if status:
        query = query.where(Venue.status == status)
    term = search.strip()
    if term:
        like = f"%{term}%"
        query = query.where(or_(Venue.name.like(like), Venue.address.like(like),
                                Venue.credit_code.like(like.upper())))
    return [
        VenueRow(v.id, v.name, v.venue_type, sd, v.address, v.credit_code, v.contact_name,
                 v.contact_mobile, tuple((s.sport, s.list_price) for s in v.sports), v.status)
        for v, sd in session.execute(query).all()
    ]


@dataclass(frozen=True)
class SubdistrictRow:
    id: int
    code: str
    name: str


def list_subdistricts(session: Session) -> list[SubdistrictRow]:
    return [SubdistrictRow(s.id, s.code, s.name)
            for s in session.scalars(select(Subdistrict).order_by(Subdistrict.code)).all()]
