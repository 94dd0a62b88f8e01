"""Training (培训): sessions the bureau runs for venues, with the venues that attended."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.models import TrainingAttendance, TrainingSession, Venue
from jd_admin.services import audit
from jd_admin.services.actor import Actor, require, subdistrict_scope


@dataclass(frozen=True)
class AttendanceInput:
    venue_id: int
    people: int = 1
    names: str = ""


@dataclass(frozen=True)
class AttendanceRow:
    venue_id: int
    venue_name: str
    people: int
    names: str


@dataclass(frozen=True)
class TrainingRow:
    id: int
    held_on: dt.date
    topic: str
    trainer: str
    place: str
    materials: str
    attendance: tuple[AttendanceRow, ...]  # the venues the reader may see

    @property
    def people(self) -> int:
        return sum(a.people for a in self.attendance)


def create_session(session: Session, actor: Actor, held_on: dt.date, topic: str, trainer: str,
                   place: str = "", materials: str = "",
                   attendance: list[AttendanceInput] | tuple[AttendanceInput, ...] = ()) -> int:
    """A training session with the venues that attended; its id."""
    require(actor, Action.MANAGE_TRAINING)
    if not topic.strip():
        raise InvalidInput(_("请填写培训主题"))
    if not trainer.strip():
        raise InvalidInput(_("请填写培训讲师"))
    seen: set[int] = set()
    for a in attendance:
        if a.venue_id in seen:
            raise InvalidInput(_("场馆 {id} 重复登记", id=a.venue_id))
        seen.add(a.venue_id)
        if a.people < 0:
            raise InvalidInput(_("参加人数不能为负数"))
        if session.get(Venue, a.venue_id) is None:
            raise InvalidInput(_("没有编号为 {id} 的场馆", id=a.venue_id))
    row = TrainingSession(held_on=held_on, topic=topic.strip(), trainer=trainer.strip(),
                          place=place.strip(), materials=materials.strip(),
                          created_by=actor.username)
    session.add(row)
    session.flush()
    for a in attendance:
        session.add(TrainingAttendance(session_id=row.id, venue_id=a.venue_id, people=a.people,
                                       names=a.names.strip()))
    session.flush()
    audit.record(session, actor, "training_session", row.id, _("登记培训"),
                 details={"held_on": held_on.isoformat(), "venues": len(attendance)})
    return row.id


def list_sessions(session: Session, actor: Actor, venue_id: int | None = None,
                  since: dt.date | None = None) -> list[TrainingRow]:
    """Training sessions, newest first, with the attending venues ``actor`` may see (a
    subdistrict: its own venues; with ``venue_id``: only sessions that venue attended)."""
    require(actor, Action.READ_TRAINING)
    own = subdistrict_scope(actor, Action.READ_TRAINING)
    stmt = (select(TrainingAttendance, Venue.name)
            .join(Venue, Venue.id == TrainingAttendance.venue_id))
    if own is not None:
        stmt = stmt.where(Venue.subdistrict_id == own)
    by_session: dict[int, list[AttendanceRow]] = {}
    for a, name in session.execute(stmt.order_by(Venue.name)):
        by_session.setdefault(a.session_id, []).append(
            AttendanceRow(a.venue_id, name, a.people, a.names))
    sessions = select(TrainingSession).order_by(TrainingSession.held_on.desc(),
                                                TrainingSession.id.desc())
    if since is not None:
        sessions = sessions.where(TrainingSession.held_on >= since)
    out = []
    for s in session.scalars(sessions):
        attending = tuple(by_session.get(s.id, ()))
        if venue_id is not None and all(a.venue_id != venue_id for a in attending):
            continue
        out.append(TrainingRow(s.id, s.held_on, s.topic, s.trainer, s.place, s.materials,
                               attending))
    return out
