"""The audit log: every state change is recorded here (who, when, from, to, why)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.models import AppUser, AuditEvent
from jd_admin.models.base import utcnow
from jd_admin.services.actor import Actor


def record(
    session: Session,
    actor: Actor,
    entity_type: str,
    entity_id: object,
    action: str,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    comment: str | None = None,
    details: dict[str, object] | None = None,
) -> None:
    """Append one audit event. On PostgreSQL a trigger overwrites ``actor`` with the login role
    and ``occurred_at`` with the server time, so neither can be forged by a client."""
    session.add(
        AuditEvent(
            occurred_at=utcnow(),
            actor=actor.username,
            entity_type=entity_type,
            entity_id=str(entity_id),
            action=action,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
            details=details,
        )
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded step of a record, for history views and printed forms."""

    at: dt.datetime
    actor: str  # user name
    actor_name: str  # full name where known
    action: str
    from_state: str | None
    to_state: str | None
    comment: str | None


def history(session: Session, entity_type: str, entity_id: object) -> list[HistoryEntry]:
    rows = session.execute(
        select(AuditEvent, AppUser.full_name)
        .outerjoin(AppUser, AppUser.username == AuditEvent.actor)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all()
    return [
        HistoryEntry(e.occurred_at, e.actor, name or e.actor, e.action, e.from_state, e.to_state,
                     e.comment)
        for e, name in rows
    ]
