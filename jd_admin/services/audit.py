"""The audit log: every state change is recorded here (who, when, from, to, why).

The recorded ``action`` is either the Chinese verb of a step (a workflow transition's action,
or a feature's own ``_("生成")``: :func:`record` stores a Text's source) or one of the English
codes of :data:`ACTION_LABELS` (what the PostgreSQL account functions record). Either way
:attr:`HistoryEntry.label` renders it in the user's language: a stored Chinese verb is a
catalog message id, an English code maps to its declared label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.text import Text, _
from jd_admin.models import AppUser, AuditEvent
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
    """Append one audit event. On PostgreSQL a trigger overwrites ``actor`` with the login role
    and ``occurred_at`` with the server time, so neither can be forged by a client."""
    session.add(
        AuditEvent(
            occurred_at=utcnow(),
            actor=actor.username,
            entity_type=entity_type,
            entity_id=str(entity_id),
            action=action.source if isinstance(action, Text) else action,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
            details=details,
        )
    )


#: Actions recorded as English codes (the accounts, on SQLite and by migration 0002's
#: functions on PostgreSQL), with their labels.
ACTION_LABELS: dict[str, Text] = {
    "create": _("创建账户"),
    "reset_password": _("重置账户密码"),
    "activate": _("启用账户"),
    "deactivate": _("停用账户"),
    "change_password": _("修改本人密码"),
}


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
