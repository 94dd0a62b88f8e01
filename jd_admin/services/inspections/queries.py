"""Reading inspections: assignments, inspections, orders and photos, scoped by role (the bureau
all, a subdistrict its own venues', an inspector its own assignments'), a venue's history, and
the inspection tasks of My tasks (待办)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from jd_admin.domain.errors import NotFound
from jd_admin.domain.inspections import (
    INSPECTION_WORKFLOW,
    OPEN_ORDERS,
    AssignmentState,
    InspectionState,
    OrderState,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.models import (
    Inspection,
    InspectionAssignment,
    InspectionItem,
    InspectionPhoto,
    InspectionPlan,
    RectificationOrder,
    Subdistrict,
    Venue,
)
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, may_act, require, subdistrict_scope
from jd_admin.services.inspections import training
from jd_admin.services.inspections.common import (
    load_inspection,
    load_order,
    own_only,
    scoped_inspections,
)
from jd_admin.services.inspections.filed import FiledReference, filed_reference
from jd_admin.services.inspections.results import answer_of, item_failed
from jd_admin.services.navigation import Page
from jd_admin.services.tasks import Task


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    plan_id: int
    plan_name: str
    venue_id: int
    venue_name: str
    venue_address: str
    subdistrict_name: str
    inspector: str
    due_on: dt.date
    unannounced: bool
    status: str
    risk_score: Decimal | None
    risk_parts: dict[str, Any]
    note: str
    version: int
    draft_id: int | None  # the draft started for it, if any
    overdue: bool


@dataclass(frozen=True)
class InspectionRow:
    id: int
    venue_id: int
    venue_name: str
    subdistrict_name: str
    assignment_id: int | None
    inspector: str | None  # the assignment's
    status: str
    result: str | None
    score: Decimal | None
    inspected_at: dt.datetime | None
    inspectors: str
    venue_contact: str
    rectify_by: dt.date | None
    note: str
    supersedes_id: int | None
    correction_reason: str | None
    reinspection_of: int | None
    submitted_by: str | None
    submitted_at: dt.datetime | None
    template_id: int
    version: int


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    inspection_id: int | None
    item_id: int | None
    order_id: int | None
    kind: str
    width: int
    height: int
    sha256: str
    caption: str
    taken_at: dt.datetime | None
    created_by: str


@dataclass(frozen=True)
class ItemRow:
    id: int
    position: int
    area: str
    text: str
    kind: str
    weight: Decimal
    serious: bool
    photo_on_fail: bool
    max_score: Decimal | None
    min_value: Decimal | None
    max_value: Decimal | None
    unit: str
    passed: bool | None
    score: Decimal | None
    number: Decimal | None
    text_value: str
    note: str
    failed: bool | None
    photo_ids: tuple[int, ...]


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str
    inspection_id: int
    venue_id: int
    venue_name: str
    subdistrict_name: str
    deadline: dt.date
    status: str
    items: tuple[dict[str, Any], ...]
    issued_by: str
    issued_at: dt.datetime
    reported_by: str | None
    reported_at: dt.datetime | None
    report_note: str | None
    reinspection_id: int | None
    closed_at: dt.datetime | None
    version: int
    overdue: bool


@dataclass(frozen=True)
class InspectionDetail:
    row: InspectionRow
    items: tuple[ItemRow, ...]
    photos: tuple[PhotoInfo, ...]
    orders: tuple[OrderRow, ...]  # issued from this inspection
    followed: OrderRow | None  # the order a re-inspection follows up
    superseded_by: int | None
    history: tuple[audit.HistoryEntry, ...]
    may_record: bool  # the actor may edit and submit it (a draft in its scope)
    may_correct: bool  # the actor may start a correction (submitted, in its scope)
    # what the venue filed (sports with list prices, coaches) to compare on site; None when
    # the actor may not read the filed coaches
    filed: FiledReference | None = None


@dataclass(frozen=True)
class OrderDetail:
    row: OrderRow
    evidence: tuple[PhotoInfo, ...]
    history: tuple[audit.HistoryEntry, ...]


@dataclass(frozen=True)
class VenueHistory:
    inspections: tuple[InspectionRow, ...]
    orders: tuple[OrderRow, ...]
    training: tuple[training.TrainingRow, ...]


Assigned = aliased(InspectionAssignment)


def _inspection_select() -> Select[Inspection, str, str, str | None]:
    return (select(Inspection, Venue.name, Subdistrict.name, Assigned.inspector)
            .join(Venue, Venue.id == Inspection.venue_id)
            .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
            .outerjoin(Assigned, Assigned.id == Inspection.assignment_id))


def _inspection_row(i: Inspection, venue: str, subdistrict: str,
                    inspector: str | None) -> InspectionRow:
    return InspectionRow(
        i.id, i.venue_id, venue, subdistrict, i.assignment_id, inspector, i.status, i.result,
        i.score, i.inspected_at, i.inspectors, i.venue_contact, i.rectify_by, i.note,
        i.supersedes_id, i.correction_reason, i.reinspection_of, i.submitted_by,
        i.submitted_at, i.template_id, i.version)


def _order_row(o: RectificationOrder, venue: str, subdistrict: str,
               today: dt.date) -> OrderRow:
    return OrderRow(
        o.id, o.number, o.inspection_id, o.venue_id, venue, subdistrict, o.deadline, o.status,
        tuple(o.items or ()), o.issued_by, o.issued_at, o.reported_by, o.reported_at,
        o.report_note, o.reinspection_id, o.closed_at, o.version,
        o.status in OPEN_ORDERS and o.deadline < today)


def _photo(p: InspectionPhoto) -> PhotoInfo:
    return PhotoInfo(p.id, p.inspection_id, p.item_id, p.order_id, p.kind, p.width, p.height,
                     p.sha256, p.caption, p.taken_at, p.created_by)


def list_assignments(session: Session, actor: Actor, status: str | None = None,
                     inspector: str | None = None, plan_id: int | None = None,
                     today: dt.date | None = None) -> list[AssignmentRow]:
    """Assignments in ``actor``'s scope (an inspector: its own), by due date."""
    require(actor, Action.READ_INSPECTIONS)
    today = today or clock.today()
    stmt = (select(InspectionAssignment, InspectionPlan.name, Venue.name, Venue.address,
                   Subdistrict.name)
            .join(InspectionPlan, InspectionPlan.id == InspectionAssignment.plan_id)
            .join(Venue, Venue.id == InspectionAssignment.venue_id)
            .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id))
    own = subdistrict_scope(actor, Action.READ_INSPECTIONS)
    if own is not None:
        stmt = stmt.where(Venue.subdistrict_id == own)
    if own_only(actor, Action.READ_INSPECTIONS):
        inspector = actor.username
    if inspector is not None:
        stmt = stmt.where(InspectionAssignment.inspector == inspector)
    if status is not None:
        stmt = stmt.where(InspectionAssignment.status == status)
    if plan_id is not None:
        stmt = stmt.where(InspectionAssignment.plan_id == plan_id)
    rows = session.execute(stmt.order_by(InspectionAssignment.due_on,
                                         InspectionAssignment.id)).all()
    drafts = dict(session.execute(select(Inspection.assignment_id, Inspection.id).where(
        Inspection.assignment_id.in_([a.id for a, *_rest in rows]),
        Inspection.status == InspectionState.DRAFT.value, Inspection.supersedes_id.is_(None),
        Inspection.reinspection_of.is_(None))).all())
    return [AssignmentRow(
        a.id, a.plan_id, plan, a.venue_id, venue, address, sd, a.inspector, a.due_on,
        a.unannounced, a.status, a.risk_score, dict(a.risk_parts or {}), a.note, a.version,
        drafts.get(a.id), a.status == AssignmentState.ASSIGNED.value and a.due_on < today)
        for a, plan, venue, address, sd in rows]


def list_inspections(session: Session, actor: Actor, venue_id: int | None = None,
                     status: str | None = None, since: dt.date | None = None,
                     until: dt.date | None = None) -> list[InspectionRow]:
    """Inspections in ``actor``'s scope, newest first (``since``/``until``: inspection days)."""
    stmt = scoped_inspections(actor, _inspection_select())
    if venue_id is not None:
        stmt = stmt.where(Inspection.venue_id == venue_id)
    if status is not None:
        stmt = stmt.where(Inspection.status == status)
    if since is not None:
        stmt = stmt.where(Inspection.inspected_at >= clock.start_of_day(since))
    if until is not None:
        stmt = stmt.where(Inspection.inspected_at
                          < clock.start_of_day(until + dt.timedelta(days=1)))
    stmt = stmt.order_by(Inspection.inspected_at.desc().nulls_first(), Inspection.id.desc())
    return [_inspection_row(*r) for r in session.execute(stmt)]


def list_orders(session: Session, actor: Actor, status: str | None = None,
                venue_id: int | None = None, open_only: bool = False,
                today: dt.date | None = None) -> list[OrderRow]:
    """Rectification orders in ``actor``'s scope, by deadline."""
    today = today or clock.today()
    visible = scoped_inspections(actor, select(Inspection.id))
    stmt = (select(RectificationOrder, Venue.name, Subdistrict.name)
            .join(Venue, Venue.id == RectificationOrder.venue_id)
            .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
            .where(RectificationOrder.inspection_id.in_(visible)))
    if status is not None:
        stmt = stmt.where(RectificationOrder.status == status)
    if open_only:
        stmt = stmt.where(RectificationOrder.status.in_(OPEN_ORDERS))
    if venue_id is not None:
        stmt = stmt.where(RectificationOrder.venue_id == venue_id)
    stmt = stmt.order_by(RectificationOrder.deadline, RectificationOrder.id)
    return [_order_row(o, v, sd, today) for o, v, sd in session.execute(stmt)]


def _order_rows(session: Session, actor: Actor, ids: list[int],
                today: dt.date) -> list[OrderRow]:
    if not ids:
        return []
    return [r for r in list_orders(session, actor, today=today) if r.id in ids]


def inspection_detail(session: Session, actor: Actor, inspection_id: int,
                      today: dt.date | None = None) -> InspectionDetail:
    """An inspection with its items, photos (metadata; bytes by :func:`photo_content`), the
    orders it issued or follows up, and its history."""
    today = today or clock.today()
    load_inspection(session, actor, inspection_id)
    i, venue, subdistrict, inspector = session.execute(_inspection_select().where(
        Inspection.id == inspection_id)).one()
    row = _inspection_row(i, venue, subdistrict, inspector)
    photos = [_photo(p) for p in session.scalars(select(InspectionPhoto).where(
        InspectionPhoto.inspection_id == inspection_id).order_by(InspectionPhoto.id))]
    items = []
    for it in session.scalars(select(InspectionItem).where(
            InspectionItem.inspection_id == inspection_id).order_by(InspectionItem.position)):
        items.append(ItemRow(
            it.id, it.position, it.area, it.text, it.kind, it.weight, it.serious,
            it.photo_on_fail, it.max_score, it.min_value, it.max_value, it.unit, it.passed,
            it.score, it.number, it.text_value, it.note, item_failed(answer_of(it)),
            tuple(p.id for p in photos if p.item_id == it.id)))
    issued = list(session.scalars(select(RectificationOrder.id).where(
        RectificationOrder.inspection_id == inspection_id)))
    orders = _order_rows(session, actor, issued, today)
    followed = (_order_rows(session, actor, [row.reinspection_of], today)
                if row.reinspection_of is not None else [])
    superseded_by = session.scalar(select(Inspection.id).where(
        Inspection.supersedes_id == inspection_id,
        Inspection.status == InspectionState.SUBMITTED.value))
    in_scope = may_act(actor, Action.RECORD_INSPECTIONS) and (
        not own_only(actor, Action.RECORD_INSPECTIONS) or row.inspector == actor.username)
    may_record = in_scope and row.status == InspectionState.DRAFT.value
    may_correct = in_scope and bool(INSPECTION_WORKFLOW.available(row.status, actor.role)
                                    or actor.is_system) and (
        row.status == InspectionState.SUBMITTED.value)
    filed = (filed_reference(session, actor, row.venue_id)
             if may_act(actor, Action.READ_FILED_COACHES) else None)
    return InspectionDetail(row, tuple(items), tuple(photos), tuple(orders),
                            followed[0] if followed else None, superseded_by,
                            tuple(audit.history(session, "inspection", inspection_id)),
                            may_record, may_correct, filed)


def order_detail(session: Session, actor: Actor, order_id: int,
                 today: dt.date | None = None) -> OrderDetail:
    today = today or clock.today()
    load_order(session, actor, order_id)
    [row] = _order_rows(session, actor, [order_id], today)
    evidence = [_photo(p) for p in session.scalars(select(InspectionPhoto).where(
        InspectionPhoto.order_id == order_id).order_by(InspectionPhoto.id))]
    return OrderDetail(row, tuple(evidence),
                       tuple(audit.history(session, "rectification_order", order_id)))


def photo_content(session: Session, actor: Actor, photo_id: int) -> bytes:
    """A photo's JPEG bytes (of an inspection or an order ``actor`` reads)."""
    photo = session.get(InspectionPhoto, photo_id)
    if photo is not None:
        if photo.inspection_id is not None:
            load_inspection(session, actor, photo.inspection_id)
        elif photo.order_id is not None:
            load_order(session, actor, photo.order_id)
        return photo.content
    raise NotFound(_("没有编号为 {id} 的巡查照片", id=photo_id))


def venue_history(session: Session, actor: Actor, venue_id: int) -> VenueHistory:
    """A venue's inspections, orders and training (what its page shows)."""
    return VenueHistory(
        tuple(list_inspections(session, actor, venue_id=venue_id)),
        tuple(list_orders(session, actor, venue_id=venue_id)),
        tuple(training.list_sessions(session, actor, venue_id=venue_id))
        if may_act(actor, Action.READ_TRAINING) else ())


def inspection_tasks(session: Session, actor: Actor, now: dt.datetime) -> list[Task]:
    """My tasks: an inspector's assignments (urgent once overdue) and the open orders of its
    inspections to follow up (re-inspect once reported or past the deadline); the bureau's
    staff: overdue orders."""
    if not may_act(actor, Action.RECORD_INSPECTIONS):
        return []
    today = clock.local_date(now)
    found: list[Task] = []
    if own_only(actor, Action.RECORD_INSPECTIONS):
        for a in list_assignments(session, actor, status=AssignmentState.ASSIGNED.value,
                                  today=today):
            overdue = a.due_on < today
            detail = _("{plan}；应于 {due} 前完成{kind}", plan=a.plan_name,
                       due=a.due_on.isoformat(),
                       kind=_("（不打招呼）") if a.unannounced else "")
            if overdue:
                detail = _("已逾期！{text}", text=detail)
            found.append(Task("inspection_assignment",
                              str(_("巡查 {venue}", venue=a.venue_name)), str(detail),
                              Page.INSPECTION, f"assignment:{a.id}",
                              clock.start_of_day(a.due_on), overdue))
    for o in list_orders(session, actor, open_only=True, today=today):
        reported = o.status == OrderState.REPORTED.value
        if own_only(actor, Action.RECORD_INSPECTIONS):
            if not (reported or o.overdue):
                continue
            title = _("复查 {venue}（{number}）", venue=o.venue_name, number=o.number)
        elif o.overdue:
            title = _("整改逾期：{venue}（{number}）", venue=o.venue_name, number=o.number)
        else:
            continue
        detail = _("整改期限 {deadline}；当前状态：{state}", deadline=o.deadline.isoformat(),
                   state=OrderState.label_of(o.status))
        found.append(Task("rectification_order", str(title), str(detail), Page.INSPECTION,
                          f"order:{o.id}", clock.start_of_day(o.deadline), o.overdue))
    return found
