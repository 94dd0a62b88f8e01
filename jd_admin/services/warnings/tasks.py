"""My tasks (待办) of early warning: the bureau's staff see the warnings waiting to be taken up
(open) and the verifications assigned to them; a verification not closed within
:data:`~jd_admin.domain.warnings.VERIFY_WORKING_DAYS` working days of the warning is overdue
(urgent)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.domain.warnings import Signal, WarningState, verify_by
from jd_admin.models import Venue, VenueWarning
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.navigation import Page
from jd_admin.services.tasks import Task

WS = WarningState


def warning_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    """The open warnings (every verifier's to take up) and the actor's own verifications."""
    if actor.is_system or not may_act(actor, Action.VERIFY_WARNINGS):
        return []
    today = clock.local_date(now)
    w = VenueWarning
    rows = session.execute(
        select(w.id, w.status, w.signal, w.explanation, w.created_at, Venue.name)
        .join(Venue, Venue.id == w.venue_id)
        .where((w.status == WS.OPEN.value)
               | ((w.status == WS.VERIFYING.value) & (w.assigned_to == actor.username)))
        .order_by(w.created_at, w.id)).all()
    found: list[Task] = []
    for wid, status, signal, explanation, created_at, venue in rows:
        due = verify_by(clock.local_date(created_at))
        overdue = due < today
        if status == WS.OPEN.value:
            title = _("待核查预警：{venue}（{signal}）", venue=venue,
                      signal=Signal.label_of(signal))
        else:
            title = _("核查预警：{venue}（{signal}）", venue=venue, signal=Signal.label_of(signal))
        detail = _("{explanation}；应于 {due} 前核查结案", explanation=explanation,
                   due=due.isoformat())
        if overdue:
            detail = _("已逾期！{text}", text=detail)
        found.append(Task("venue_warning", str(title), str(detail), Page.WARNINGS,
                          f"warning:{wid}", clock.start_of_day(due + dt.timedelta(days=1)),
                          overdue))
    return found
