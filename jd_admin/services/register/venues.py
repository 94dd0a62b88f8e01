"""Reading venues (场馆). The recruitment workflow adds the register's changes here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.selectable import ScalarSelect

from jd_admin.domain.agreements import AgreementState
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import join
from jd_admin.models import Agreement, Subdistrict, Venue
from jd_admin.services import clock
from jd_admin.services import search as search_terms
from jd_admin.services.actor import Actor, require, subdistrict_filter
from jd_admin.services.register.status import in_register_clause


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
    version: int = 0
    #: The venue's current agreement (see :func:`current_agreement_id`), if it has any.
    agreement_number: str | None = None
    agreement_status: str | None = None
    agreement_end: dt.date | None = None

    @property
    def sports_text(self) -> str:
        """The venue's sports as one list in the current language."""
        return join(sport for sport, _price in self.sports)


def current_agreement_id() -> ScalarSelect[int]:
    """Correlated subquery: the id of a venue's current agreement. One in force comes first
    (the latest-ending one, so a renewal already in force shows how long the venue is covered),
    then one being prepared or signed, then the last one that ended."""
    rank = case((Agreement.status == AgreementState.IN_FORCE.value, 0),
                (Agreement.status.in_((AgreementState.DRAFT, AgreementState.OUT_FOR_SIGNATURE)), 1),
                else_=2)
    return (
        select(Agreement.id)
        .where(Agreement.venue_id == Venue.id)
        .order_by(rank, Agreement.end_date.desc(), Agreement.id.desc())
        .limit(1)
        .correlate(Venue)
        .scalar_subquery()
    )


def list_venues(session: Session, actor: Actor, *, subdistrict_id: int | None = None,
                search: str = "", status: str | None = None, include_all: bool = True,
                day: dt.date | None = None) -> list[VenueRow]:
    """The venues ``actor`` may read, filtered. ``include_all=False``: only those in the
    register as published on ``day`` (default today; designated with an agreement in force,
    :func:`~jd_admin.services.register.status.in_register_clause`, as the export)."""
    require(actor, Action.READ_REGISTER)
    query = (
        select(Venue, Subdistrict.name, Agreement.number, Agreement.status, Agreement.end_date)
        .join(Subdistrict, Venue.subdistrict_id == Subdistrict.id)
        .outerjoin(Agreement, Agreement.id == current_agreement_id())
        .options(selectinload(Venue.sports))
        .order_by(Subdistrict.code, Venue.name, Venue.id)
    )
    scoped = subdistrict_filter(actor, Action.READ_REGISTER, subdistrict_id)
    if scoped is not None:
        query = query.where(Venue.subdistrict_id == scoped)
    if status:
        query = query.where(Venue.status == status)
    if not include_all:
        query = query.where(in_register_clause(day or clock.today()))
    term = search.strip()
    if term:
        query = query.where(search_terms.any_contains(
            term, (Venue.name, Venue.address), (Venue.credit_code,)))
    return [
        VenueRow(v.id, v.name, v.venue_type, sd, v.address, v.credit_code, v.contact_name,
                 v.contact_mobile, tuple((s.sport, s.list_price) for s in v.sports), v.status,
                 v.version, number, agreement_status, end)
        for v, sd, number, agreement_status, end in session.execute(query).all()
    ]


@dataclass(frozen=True)
class SubdistrictRow:
    id: int
    code: str
    name: str


def list_subdistricts(session: Session) -> list[SubdistrictRow]:
    return [SubdistrictRow(s.id, s.code, s.name)
            for s in session.scalars(select(Subdistrict).order_by(Subdistrict.code)).all()]
