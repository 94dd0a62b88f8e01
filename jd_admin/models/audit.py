"""The append-only audit log (审计日志): who did what, when, from which state to which, and why."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jd_admin.models.base import Base, UTCDateTime, utcnow


class AuditEvent(Base):
    """One recorded action. Never updated or deleted (on PostgreSQL a trigger forbids it and
    sets ``actor`` to the session's login role, so it cannot be forged)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(63))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, object] | None] = mapped_column(JSON)


class WorkflowStep(Base):
    """One allowed workflow step (entity, from, to, role), as declared in services/workflow.py.

    On PostgreSQL the transition guard trigger consults this table; a test keeps it equal to
    the Python definitions."""

    __tablename__ = "workflow_step"

    entity_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    from_state: Mapped[str] = mapped_column(String(40), primary_key=True)
    to_state: Mapped[str] = mapped_column(String(40), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
