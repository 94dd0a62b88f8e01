"""The audit log's notes: every state change is recorded here (who, when, from, to, why).

The recorded ``action`` is either the Chinese verb of a step (a workflow transition's action,
or a feature's own ``_("生成")``: :func:`record` stores a Text's source) or one of the English
codes of :data:`ACTION_LABELS` (what the PostgreSQL account functions record). Either way
:attr:`HistoryEntry.label` renders it in the user's language: a stored Chinese verb is a
catalog message id, an English code maps to its declared label.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import String, cast, or_, select, text
from sqlalchemy.orm import Session

from jd_admin.domain.audit_chain import GENESIS, READ_ACTIONS, link_hash
from jd_admin.domain.text import Text, _
from jd_admin.models import (
    Agreement,
    Application,
    AppUser,
    AuditEvent,
    Inspection,
    InspectionAssignment,
    RectificationOrder,
    Venue,
    VenueWarning,
)
from jd_admin.models.base import utcnow
from jd_admin.services.actor import Actor


def record(
    session: Session,
    actor: Actor,
    entity_type: str,
    entity_id: object,
    action: str | Text,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    comment: str | None = None,
    details: dict[str, object] | None = None,
) -> None:
    """Append one note (a step's verb, from/to state and reason; or a print, download, export).

    PostgreSQL: through ``jd_note`` (migration 0012), which takes the actor, time, the record's
    subdistrict and the chain link from the server and accepts a step's note only for a record
    this login changed in this transaction (a print/download/export: one it may see); the
    change itself is already in the trail, written by the table's trigger. SQLite: the row is
    added here, linked to the chain by :func:`append`."""
    verb = action.source if isinstance(action, Text) else action
    if session.get_bind().dialect.name == "postgresql":
        session.flush()  # the record's change first, so the server can see it
        session.execute(
            text("SELECT jd_note(:t, :i, :a, :f, :to, :c, CAST(:d AS json))"),
            {"t": entity_type, "i": str(entity_id), "a": verb, "f": from_state, "to": to_state,
             "c": comment,
             "d": None if details is None else json.dumps(details, ensure_ascii=False)},
        )
        return
    append(session, AuditEvent(
        occurred_at=utcnow(), actor=actor.username, entity_type=entity_type,
        entity_id=str(entity_id), action=verb, from_state=from_state, to_state=to_state,
        comment=comment, details=details,
        subdistrict_id=_subdistrict_of(session, entity_type, str(entity_id))))


def _subdistrict_of(session: Session, entity_type: str, entity_id: str) -> int | None:
    """The record's subdistrict (SQLite; on PostgreSQL ``jd_audit_scope`` does the same)."""
    if not entity_id.isdigit():
        return None
    key = int(entity_id)
    if entity_type == "application":
        return session.scalar(select(Application.subdistrict_id).where(Application.id == key))
    if entity_type == "venue":
        return session.scalar(select(Venue.subdistrict_id).where(Venue.id == key))
    if entity_type == "agreement":
        return session.scalar(select(Venue.subdistrict_id)
                              .join(Agreement, Agreement.venue_id == Venue.id)
                              .where(Agreement.id == key))
    # inspections and warnings: their venue's (as jd_audit_row_scope does on PostgreSQL,
    # migrations 0021 and 0026)
    venue = {"venue_warning": select(VenueWarning.venue_id).where(VenueWarning.id == key),
             "inspection": select(Inspection.venue_id).where(Inspection.id == key),
             "inspection_assignment": select(InspectionAssignment.venue_id).where(
                 InspectionAssignment.id == key),
             "rectification_order": select(RectificationOrder.venue_id).where(
                 RectificationOrder.id == key)}.get(entity_type)
    if venue is not None:
        return session.scalar(select(Venue.subdistrict_id).where(
            Venue.id == venue.scalar_subquery()))
    return None


def append(session: Session, event: AuditEvent) -> None:
    """SQLite: add ``event`` as the chain's next link (PostgreSQL links rows at commit)."""
    session.flush()
    last = session.execute(select(AuditEvent.seq, AuditEvent.hash)
                           .where(AuditEvent.seq.is_not(None))
                           .order_by(AuditEvent.seq.desc()).limit(1)).first()
    event.seq = (last[0] if last and last[0] is not None else 0) + 1
    event.prev_hash = (last[1] if last else None) or GENESIS
    session.add(event)
    session.flush()
    stored = session.execute(select(cast(AuditEvent.details, String))
                             .where(AuditEvent.id == event.id)).scalar()
    event.hash = link_hash(event.prev_hash, fields_of(event, stored))
    session.flush()


def fields_of(event: AuditEvent, details_text: str | None) -> dict[str, object]:
    """The hashed fields of a row (``details`` as the JSON text stored)."""
    return {
        "seq": event.seq, "occurred_at": event.occurred_at, "actor": event.actor,
        "entity_type": event.entity_type, "entity_id": event.entity_id, "action": event.action,
        "operation": event.operation, "from_state": event.from_state,
        "to_state": event.to_state, "comment": event.comment, "details": details_text,
        "subdistrict_id": event.subdistrict_id, "txid": event.txid,
    }


def record_read(session: Session, actor: Actor, entity_type: str, entity_id: object,
                action: str, comment: str | None = None) -> None:
    """Record that ``actor`` printed or downloaded a record (``action`` one of READ_ACTIONS)."""
    assert action in READ_ACTIONS, action
    record(session, actor, entity_type, entity_id, action, comment=comment)


#: Actions recorded as English codes (the accounts, on SQLite and by migration 0002's
#: functions on PostgreSQL), with their labels.
ACTION_LABELS: dict[str, Text] = {
    "create": _("创建账户"),
    "reset_password": _("重置账户密码"),
    "activate": _("启用账户"),
    "deactivate": _("停用账户"),
    "change_password": _("修改本人密码"),
    # rows written by the tables' audit triggers (PostgreSQL)
    "insert": _("新增（数据库）"),
    "update": _("修改（数据库）"),
    "delete": _("删除（数据库）"),
    "truncate": _("清空（数据库）"),
    # reads that are recorded
    "print": _("打印"),
    "download": _("下载"),
    "export": _("导出"),
}

#: Verbs recorded in Chinese that no other text of the catalog names: listed so that the
#: catalog has their English (:func:`action_label` looks a Chinese verb up as a Text).
RECORDED_VERBS = (_("增加调整行"), _("导入"))


def action_label(action: str) -> Text:
    """The label of a recorded action, in the user's language when shown."""
    return ACTION_LABELS.get(action) or Text(action)


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded step of a record, for history views and printed forms."""

    at: dt.datetime
    actor: str  # user name
    actor_name: str  # full name where known
    action: str  # as stored: a Chinese verb or an English code
    from_state: str | None
    to_state: str | None
    comment: str | None

    @property
    def label(self) -> Text:
        """The action for people, in the user's language."""
        return action_label(self.action)


@dataclass(frozen=True)
class LastChange:
    """Who changed a record last (user name and full name) and when (UTC)."""

    actor: str
    actor_name: str
    at: dt.datetime


def last_change(session: Session, entity_type: str, entity_id: object) -> LastChange | None:
    """The newest change or note of one record (prints, downloads, exports are not changes),
    for the refusal of a stale edit; None when the trail has none the caller may know of.

    PostgreSQL: through ``jd_last_change`` (migration 0032), which reads the trail as the
    schema's owner — a login reads only its own audit rows, or its 街镇's — and returns only the
    actor and the time, of a record the caller may read. SQLite: the trail itself."""
    if session.get_bind().dialect.name == "postgresql":
        row = session.execute(
            text("SELECT actor, full_name, occurred_at FROM jd_last_change(:t, :i)"),
            {"t": entity_type, "i": str(entity_id)}).first()
    else:
        row = session.execute(
            select(AuditEvent.actor, AppUser.full_name, AuditEvent.occurred_at)
            .outerjoin(AppUser, AppUser.username == AuditEvent.actor)
            .where(AuditEvent.entity_type == entity_type,
                   AuditEvent.entity_id == str(entity_id),
                   AuditEvent.action.not_in(READ_ACTIONS))
            .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc()).limit(1)).first()
    if row is None:
        return None
    actor, name, at = row
    return LastChange(actor, name or actor, at)


def history(session: Session, entity_type: str, entity_id: object) -> list[HistoryEntry]:
    """The steps of one record, oldest first: the services' notes, and (PostgreSQL) each
    status change made without one — e.g. an UPDATE in SQL — from the trigger's row, labelled
    as a change in the database. Prints, downloads and exports are not steps."""
    return [h for _id, h in history_of_many(session, entity_type, [entity_id])]


def history_of_many(session: Session, entity_type: str,
                    entity_ids: list[object]) -> list[tuple[str, HistoryEntry]]:
    """The steps of several records of one type in one query (e.g. a settlement's lines),
    oldest first, each with its record's id; see :func:`history`."""
    if not entity_ids:
        return []
    rows = session.execute(
        select(AuditEvent, AppUser.full_name)
        .outerjoin(AppUser, AppUser.username == AuditEvent.actor)
        .where(AuditEvent.entity_type == entity_type,
               AuditEvent.entity_id.in_([str(i) for i in entity_ids]),
               or_(AuditEvent.operation.is_(None), AuditEvent.operation == "UPDATE"),
               AuditEvent.action.not_in(READ_ACTIONS))
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all()
    noted = {(e.entity_id, e.txid) for e, _name in rows
             if e.operation is None and e.txid is not None}
    out: list[tuple[str, HistoryEntry]] = []
    for e, name in rows:
        if e.operation is None:
            out.append((e.entity_id, HistoryEntry(e.occurred_at, e.actor, name or e.actor, e.action,
                                    e.from_state, e.to_state, e.comment)))
            continue
        change = e.details if isinstance(e.details, dict) else {}
        new, old = change.get("new") or {}, change.get("old") or {}
        if (e.entity_id, e.txid) in noted or not isinstance(new, dict) or "status" not in new:
            continue
        out.append((e.entity_id, HistoryEntry(
            e.occurred_at, e.actor, name or e.actor, e.action,
            str(old.get("status")) if isinstance(old, dict) else None, str(new["status"]),
            None)))
    return out
