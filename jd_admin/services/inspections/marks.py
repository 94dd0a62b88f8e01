"""A venue's inspection marks (巡查标记) on the register and the settlement lines: its latest
submitted inspection failed (巡查不合格), or one of its rectification orders is still open past
its deadline (整改逾期). The rule is here only; the pages ask for the marks of the venues they
list, and the bureau may suspend a marked venue (with a reason, in the register).

A re-inspection is an inspection too: once a venue passes a later one, the failure no longer
marks it. What a reader sees is within its reading scope of inspections (a role that reads no
inspections sees no marks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.inspections import OPEN_ORDERS, InspectionResult, InspectionState
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _
from jd_admin.models import Inspection, RectificationOrder
from jd_admin.services import clock
from jd_admin.services.actor import Actor, may_act
from jd_admin.services.inspections.common import scoped_inspections


@dataclass(frozen=True)
class OverdueOrder:
    id: int
    number: str
    deadline: dt.date


@dataclass(frozen=True)
class InspectionMark:
    """Why a venue is marked: its failed latest inspection and/or its overdue orders."""

    venue_id: int
    failed_inspection_id: int | None = None
    failed_on: dt.date | None = None
    overdue: tuple[OverdueOrder, ...] = ()

    @property
    def failed(self) -> bool:
        return self.failed_inspection_id is not None

    def labels(self) -> list[Text]:
        """The short marks, as a list shows them (巡查不合格, 整改逾期)."""
        out = []
        if self.failed:
            out.append(_("巡查不合格"))
        if self.overdue:
            out.append(_("整改逾期"))
        return out

    def reasons(self) -> list[Text]:
        """Why, one text per cause (e.g. the suggested reason of a suspension, joined)."""
        parts: list[Text] = []
        if self.failed_inspection_id is not None:
            parts.append(_("{day} 巡查不合格（巡查记录 {id}）",
                           day=self.failed_on.isoformat() if self.failed_on else "",
                           id=self.failed_inspection_id))
        for o in self.overdue:
            parts.append(_("整改通知 {number} 逾期未整改（期限 {deadline}）", number=o.number,
                           deadline=o.deadline.isoformat()))
        return parts


def venue_marks(session: Session, actor: Actor, venue_ids: Iterable[int] | None = None,
                today: dt.date | None = None) -> dict[int, InspectionMark]:
    """The marked venues among ``venue_ids`` (None: every venue ``actor`` reads inspections
    of), by venue id; a venue not marked is not in the result."""
    if not may_act(actor, Action.READ_INSPECTIONS):
        return {}
    today = today or clock.today()
    wanted = None if venue_ids is None else sorted(set(venue_ids))
    if wanted is not None and not wanted:
        return {}
    submitted = scoped_inspections(actor, select(
        Inspection.venue_id, Inspection.id, Inspection.result, Inspection.inspected_at).where(
        Inspection.status == InspectionState.SUBMITTED.value))
    if wanted is not None:
        submitted = submitted.where(Inspection.venue_id.in_(wanted))
    latest: dict[int, tuple[int | None, str | None, dt.datetime | None]] = {}
    # newest last: the last one seen per venue is its latest
    for venue_id, inspection_id, result, at in session.execute(submitted.order_by(
            Inspection.inspected_at.nulls_first(), Inspection.id)):
        latest[venue_id] = (inspection_id, result, at)
    visible = scoped_inspections(actor, select(Inspection.id))
    orders = select(RectificationOrder).where(
        RectificationOrder.status.in_(OPEN_ORDERS), RectificationOrder.deadline < today,
        RectificationOrder.inspection_id.in_(visible))
    if wanted is not None:
        orders = orders.where(RectificationOrder.venue_id.in_(wanted))
    overdue: dict[int, list[OverdueOrder]] = {}
    for o in session.scalars(orders.order_by(RectificationOrder.deadline,
                                             RectificationOrder.id)):
        overdue.setdefault(o.venue_id, []).append(OverdueOrder(o.id, o.number, o.deadline))
    marks: dict[int, InspectionMark] = {}
    for venue_id in sorted(set(latest) | set(overdue)):
        iid, result, at = latest.get(venue_id, (None, None, None))
        failed = result == InspectionResult.FAIL.value
        if not failed and venue_id not in overdue:
            continue
        marks[venue_id] = InspectionMark(
            venue_id, iid if failed else None,
            clock.local_date(at) if failed and at is not None else None,
            tuple(overdue.get(venue_id, ())))
    return marks
