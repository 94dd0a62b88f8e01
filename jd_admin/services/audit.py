"""The audit log: every state change is recorded here (who, when, from, to, why)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from jd_admin.models import AuditEvent
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
