"""The audit page's list: the trail filtered by record, user, time and kind.

Who sees what: the administrator and the bureau every row; a subdistrict the rows of its own
records (and its own actions). PostgreSQL enforces it by row-level security; the same filter
is applied here so SQLite shows the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from jd_admin.domain.permissions import Action
from jd_admin.domain.records import RecordType, state_label
from jd_admin.domain.text import Text
from jd_admin.models import AppUser, AuditEvent
from jd_admin.services import clock
from jd_admin.services.actor import Actor, require, subdistrict_scope
from jd_admin.services.audit.trail import action_label

#: The kinds of change the triggers record (the ``operation`` column).
OPERATIONS = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
DEFAULT_LIMIT = 1000


@dataclass(frozen=True)
class AuditFilter:
    entity_type: str | None = None
    entity_id: str | None = None
    actor: str | None = None
    since: dt.date | None = None  # Shanghai days, inclusive
    until: dt.date | None = None
    kind: str | None = None  # an operation (INSERT ...) or a recorded action


@dataclass(frozen=True)
class AuditRow:
    id: int
    seq: int | None
    at: dt.datetime
    actor: str
    actor_name: str
    entity_type: str
    entity_id: str
    action: str
    operation: str | None
    from_state: str | None
    to_state: str | None
    comment: str | None
    details: str | None  # the stored JSON text

    @property
    def label(self) -> Text:
        return action_label(self.action)

    @property
    def record_label(self) -> Text | str:
        return RecordType.label_of(self.entity_type)

    @property
    def from_label(self) -> object:
        return state_label(self.entity_type, self.from_state)

    @property
    def to_label(self) -> object:
        return state_label(self.entity_type, self.to_state)


def _visible(actor: Actor) -> list[ColumnElement[bool]]:
    own = subdistrict_scope(actor, Action.READ_AUDIT)
    if own is None:
        return []
    return [or_(AuditEvent.subdistrict_id == own, AuditEvent.actor == actor.username)]


def _conditions(actor: Actor, filt: AuditFilter) -> list[ColumnElement[bool]]:
    where = _visible(actor)
    if filt.entity_type:
        where.append(AuditEvent.entity_type == filt.entity_type)
    if filt.entity_id:
        where.append(AuditEvent.entity_id == filt.entity_id.strip())
    if filt.actor:
        where.append(AuditEvent.actor == filt.actor.strip())
    if filt.since:
        where.append(AuditEvent.occurred_at >= clock.start_of_day(filt.since))
    if filt.until:
        where.append(AuditEvent.occurred_at
                     < clock.start_of_day(filt.until + dt.timedelta(days=1)))
    if filt.kind:
        where.append(AuditEvent.operation == filt.kind if filt.kind in OPERATIONS
                     else AuditEvent.action == filt.kind)
    return where


def list_events(session: Session, actor: Actor, filt: AuditFilter,
                limit: int = DEFAULT_LIMIT) -> list[AuditRow]:
    """The newest ``limit`` matching rows, newest first."""
    require(actor, Action.READ_AUDIT)
    rows = session.execute(
        select(AuditEvent, AppUser.full_name,
               cast(AuditEvent.details, String).label("details_text"))
        .outerjoin(AppUser, AppUser.username == AuditEvent.actor)
        .where(*_conditions(actor, filt))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(limit)).all()
    return [AuditRow(e.id, e.seq, e.occurred_at, e.actor, name or e.actor, e.entity_type,
                     e.entity_id, e.action, e.operation, e.from_state, e.to_state, e.comment,
                     None if details in (None, "null") else details)  # JSON null: none
            for e, name, details in rows]


@dataclass(frozen=True)
class Choices:
    entity_types: tuple[str, ...]
    actors: tuple[str, ...]
    kinds: tuple[tuple[str, Text], ...]  # (value, label)


def choices(session: Session, actor: Actor) -> Choices:
    """What the filter bar offers: the record types, users and kinds in the visible trail."""
    require(actor, Action.READ_AUDIT)
    where = _visible(actor)
    types = session.scalars(select(AuditEvent.entity_type).where(*where).distinct()
                            .order_by(AuditEvent.entity_type)).all()
    actors = session.scalars(select(AuditEvent.actor).where(*where).distinct()
                             .order_by(AuditEvent.actor)).all()
    actions = session.scalars(select(AuditEvent.action)
                              .where(*where, AuditEvent.operation.is_(None)).distinct()
                              .order_by(AuditEvent.action)).all()
    kinds = tuple((op, action_label(op.lower())) for op in OPERATIONS)
    kinds += tuple((a, action_label(a)) for a in actions)
    return Choices(tuple(types), tuple(actors), kinds)
