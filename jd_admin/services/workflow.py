"""Taking a declared workflow step on a record: the only way a record's status changes.

The steps themselves are declared in ``jd_admin/domain`` (one workflow per stateful record,
listed in :data:`jd_admin.domain.workflows.ALL_WORKFLOWS`). :func:`apply` checks the step
through :meth:`Workflow.check`, sets the status and writes the audit row (who, when, from, to,
comment); :func:`check` asks whether a step may be taken without taking it.
:func:`expect_version` is the optimistic-locking check of every edit form.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, object_session

from jd_admin.domain.errors import StaleRecord
from jd_admin.domain.text import Text, _
from jd_admin.domain.workflow import Transition, Workflow
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor


class Stateful(Protocol):
    id: int
    status: str


class Versioned(Protocol):
    version: int


def check(actor: Actor, workflow: Workflow, source: str, target: str,
          comment: str | None) -> Transition:
    """Judge a step for ``actor`` without taking it (raises what :meth:`Workflow.check` raises)."""
    return workflow.check(actor.role, source, target, comment, system=actor.is_system)


def apply(session: Session, actor: Actor, workflow: Workflow, record: Stateful, target: str,
          comment: str | None, details: dict[str, object] | None = None) -> Transition:
    """Move ``record`` to ``target`` and record it; the caller has checked scope."""
    source = record.status
    transition = check(actor, workflow, source, target, comment)
    record.status = target
    session.flush()
    audit.record(session, actor, workflow.entity_type, record.id, transition.action.source,
                 from_state=source, to_state=target, comment=(comment or "").strip() or None,
                 details=details)
    return transition


def expect_version(record: Versioned, expected: int | None, what: Text | str) -> None:
    """Refuse to save over a change someone else made since the form was filled, naming who
    made it and when (the trail's last change of the record, :func:`stale`)."""
    if expected is not None and record.version != expected:
        session = object_session(record)
        if session is None:
            raise StaleRecord(_("{what}已被他人修改，请刷新后重试", what=what))
        mapper = sa_inspect(record).mapper
        key = sa_inspect(record).identity
        entity_id = key[0] if key and len(key) == 1 else None
        raise stale(session, what, mapper.local_table.name, entity_id)


def stale(session: Session, what: Text | str, entity_type: str,
          entity_id: object | None, *, added: bool = False) -> StaleRecord:
    """The refusal of an edit that lost to someone else's change: who changed ``what`` (the
    record ``entity_type``/``entity_id`` of the trail) and when, where the trail says so
    (``added``: someone else added it first, e.g. a rule version of the same day). Every stale
    refusal goes through here."""
    change = None if entity_id is None else audit.last_change(session, entity_type, entity_id)
    if change is None:
        if added:
            return StaleRecord(_("{what}已由他人添加，请刷新后重试", what=what))
        return StaleRecord(_("{what}已被他人修改，请刷新后重试", what=what))
    at, name, user = clock.format_local(change.at), change.actor_name, change.actor
    if added:
        return StaleRecord(_("{what}已于 {at} 由 {name}（{user}）添加，请刷新后重试", what=what,
                             at=at, name=name, user=user))
    return StaleRecord(_("{what}已于 {at} 被 {name}（{user}）修改，请刷新后重试", what=what,
                         at=at, name=name, user=user))
