"""The append-only audit log (审计日志): who did what, when, from which state to which, and why."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jd_admin.models.base import Base, UTCDateTime, utcnow


class AuditEvent(Base):
    """One recorded action. Never updated or deleted (on PostgreSQL a trigger forbids it and
    sets ``actor`` to the session's login role, so it cannot be forged).

    Two kinds of rows: a *change* (``operation`` INSERT/UPDATE/DELETE/TRUNCATE, written on
    PostgreSQL by the tables' audit triggers, ``details`` holding old -> new values) and a
    *note* (``operation`` NULL: the services' verb, from/to state and reason, or a print,
    download or export). ``seq``/``prev_hash``/``hash`` chain every row to the one before
    (:mod:`jd_admin.domain.audit_chain`); ``subdistrict_id`` is the record's subdistrict, set
    by the server, for row-level security; ``txid`` the PostgreSQL transaction."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity_type", "entity_id"),)

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
    operation: Mapped[str | None] = mapped_column(String(10))
    subdistrict_id: Mapped[int | None] = mapped_column(Integer)
    txid: Mapped[int | None] = mapped_column(BigInteger, index=True)
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainHead(Base):
    """PostgreSQL: the newest link of the audit chain (one row). The chain's commit trigger
    locks it to serialise the links, and ``audit verify`` compares the chain's end with it."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class WorkflowStep(Base):
    """One allowed workflow step (entity, from, to, role), as declared in services/workflow.py.

    On PostgreSQL the transition guard trigger consults this table; a test keeps it equal to
    the Python definitions."""

    __tablename__ = "workflow_step"

    entity_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    from_state: Mapped[str] = mapped_column(String(40), primary_key=True)
    to_state: Mapped[str] = mapped_column(String(40), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
