"""Taking a declared workflow step on a record: the only way a record's status changes.

The steps themselves are declared in ``jd_admin/domain`` (one workflow per stateful record,
listed in :data:`jd_admin.domain.workflows.ALL_WORKFLOWS`). :func:`apply` checks the step
through :meth:`Workflow.check`, sets the status and writes the audit row (who, when, from, to,
comment); :func:`check` asks whether a step may be taken without taking it.
:func:`expect_version` is the optimistic-locking check of every edit form.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from jd_admin.domain.errors import StaleRecord
from jd_admin.domain.text import Text, _
from jd_admin.domain.workflow import Transition, Workflow
from jd_admin.services import audit
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
    """Refuse to save over a change someone else made since the form was filled."""
    if expected is not None and record.version != expected:
        raise StaleRecord(_("{what}已被他人修改，请刷新后重试", what=what))
