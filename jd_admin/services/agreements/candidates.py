"""Which approved applications an agreement can be generated from (the 生成协议 dialog's list)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from jd_admin.domain.agreements import OPEN_STATES
from jd_admin.domain.permissions import Action
from jd_admin.domain.recruitment import ApplicationState
from jd_admin.domain.register import VenueState
from jd_admin.services.actor import Actor, require
from jd_admin.services.recruitment import applications
from jd_admin.services.register import venues


@dataclass(frozen=True)
class Candidate:
    """A bureau-approved application whose venue has no open agreement."""

    application_id: int
    number: str
    venue_name: str
    subdistrict: str


def candidates(session: Session, actor: Actor) -> list[Candidate]:
    """The approved applications to generate an agreement from: one per venue (its latest),
    skipping venues with an agreement being prepared, signed or in force, and withdrawn ones."""
    require(actor, Action.DRAFT_AGREEMENT)
    by_code = {v.credit_code: v for v in venues.list_venues(session, actor)}
    found: dict[str, Candidate] = {}
    for a in applications.list_applications(session, actor,
                                            status=ApplicationState.BUREAU_APPROVED):
        venue = by_code.get(a.credit_code)
        if venue is None or venue.status == VenueState.WITHDRAWN or a.credit_code in found:
            continue
        if venue.agreement_status in OPEN_STATES:
            continue
        found[a.credit_code] = Candidate(a.id, a.number, a.venue_name, a.subdistrict)
    return list(found.values())
