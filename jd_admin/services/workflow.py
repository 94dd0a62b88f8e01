"""Taking a declared workflow step on a record: the only way a record's status changes.

The steps themselves are declared in ``jd_admin/domain`` (one workflow per stateful record,
listed in :data:`jd_admin.domain.workflows.ALL_WORKFLOWS`). :func:`apply` checks the step
through :meth:`Workflow.check`, sets the status and writes the audit row (who, when, from, to,
comment); :func:`check` asks whether a step may be taken without taking it.
:func:`expect_version` is the optimistic-locking check of every edit form.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.exc import StaleDataError

from jd_admin.domain.errors import StaleRecord
from jd_admin.domain.records import RecordType
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


def expect_version(record: Versioned, expected: int | None, what: Text | str, *,
                   trail: tuple[str, object] | None = None) -> None:
    """Refuse to save over a change someone else made since the form was filled, naming who
    made it and when (the trail's last change of the record, :func:`stale`). ``trail``: the
    type and id the trail names the record by, when not its table and key (an account:
    ``("user", username)``)."""
    if expected is not None and record.version != expected:
        session = object_session(record)
        if session is None:
            raise StaleRecord(_("{what}已被他人修改，请刷新后重试", what=what))
        if trail is None:
            key = sa_inspect(record).identity
            trail = (sa_inspect(record).mapper.local_table.name,
                     key[0] if key and len(key) == 1 else None)
        raise stale(session, what, *trail)


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


# --- a save that lost the race between its version check and its write ----------------------
#
# A service checks the form's version (:func:`expect_version`) and names who changed the
# record; but another desk may save between that check and this flush. SQLAlchemy's version
# column then matches no row and raises StaleDataError, which names no record. So each flush
# notes the versioned rows it is about to update (their loaded versions, ``session.info``),
# and after such a failure :func:`stale_after_flush` finds which of them changed and names
# who changed it and when, as every other stale refusal does.

FLUSHED_VERSIONS = "jd_flushed_versions"


@event.listens_for(Session, "before_flush")
def _note_versions(session: Session, _context: object, _instances: object) -> None:
    noted: list[tuple[type, object, int]] = []
    for record in session.dirty:
        if not isinstance(getattr(record, "version", None), int):
            continue
        state = sa_inspect(record)
        if state.mapper.version_id_col is None or state.identity is None \
                or len(state.identity) != 1:
            continue
        noted.append((type(record), state.identity[0], record.version))
    session.info[FLUSHED_VERSIONS] = noted


def lost_race(exc: BaseException) -> bool:
    """Whether ``exc`` is the refusal of a flush whose versioned UPDATE matched no row."""
    return isinstance(exc, StaleRecord) and isinstance(exc.__cause__, StaleDataError)


def stale_after_flush(failed: Session, fresh: Session) -> StaleRecord | None:
    """The refusal of a flush of ``failed`` that lost to another desk's save, naming the
    record, who changed it and when (read in ``fresh``, a new transaction); None when none of
    the flushed rows has changed (not a lost race)."""
    for cls, key, version in failed.info.get(FLUSHED_VERSIONS, []):
        current = fresh.get(cls, key)
        if current is not None and getattr(current, "version", version) == version:
            continue
        table = sa_inspect(cls).local_table.name
        what = _("该{record}", record=RecordType.label_of(table))
        return stale(fresh, what, table, key)
    return None
