"""Rectification orders (整改通知): issued from a submitted inspection that did not pass, with
its failed items and the deadline; the venue reports it done (recorded by the inspector or the
bureau, with evidence photos); a re-inspection closes it when it passes, else the order is
reissued (a new order from the re-inspection's failures). Numbers 嘉体巡整〔YYYY〕第NNNN号,
per year, never reused."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.inspections import (
    ORDER_WORKFLOW,
    InspectionResult,
    OrderState,
    PhotoKind,
    order_number,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _
from jd_admin.models import (
    Inspection,
    InspectionItem,
    InspectionPhoto,
    OrderNumberCounter,
    RectificationOrder,
)
from jd_admin.models.base import utcnow
from jd_admin.services import audit, clock, workflow
from jd_admin.services.actor import Actor
from jd_admin.services.inspections import photos as photo_files
from jd_admin.services.inspections.common import (
    check_assignment_scope,
    inspection_errors,
    inspector_of,
    load_order,
)


def next_number(session: Session, year: int) -> str:
    counter = session.scalar(
        select(OrderNumberCounter).where(OrderNumberCounter.year == year).with_for_update())
    if counter is None:
        counter = OrderNumberCounter(year=year, last_number=0)
        session.add(counter)
    counter.last_number += 1
    session.flush()
    return order_number(year, counter.last_number)


def issue(session: Session, actor: Actor, inspection: Inspection,
          failed: list[InspectionItem]) -> int:
    """The order of a submitted inspection that did not pass (called by the submission)."""
    assert inspection.rectify_by is not None and inspection.inspected_at is not None
    order = RectificationOrder(
        number=next_number(session, clock.local_date(inspection.inspected_at).year),
        inspection_id=inspection.id, venue_id=inspection.venue_id,
        deadline=inspection.rectify_by, status=OrderState.ISSUED.value,
        items=[{"item_id": i.id, "position": i.position, "area": i.area, "text": i.text,
                "note": i.note, "serious": i.serious} for i in failed],
        issued_by=actor.username, issued_at=utcnow())
    session.add(order)
    with inspection_errors():
        session.flush()
    audit.record(session, actor, "rectification_order", order.id, _("下达整改通知"),
                 to_state=OrderState.ISSUED.value,
                 details={"number": order.number, "inspection": inspection.id,
                          "deadline": order.deadline.isoformat(), "items": len(failed)})
    return order.id


def follow_up(session: Session, actor: Actor, order_id: int, reinspection: Inspection) -> str:
    """A submitted re-inspection closes the order (passed) or reissues it; the new state."""
    order = session.get(RectificationOrder, order_id, with_for_update=True)
    assert order is not None
    passed = reinspection.result == InspectionResult.PASS.value
    target = OrderState.CLOSED if passed else OrderState.REISSUED
    order.reinspection_id = reinspection.id
    order.closed_at = utcnow()
    with inspection_errors():
        workflow.apply(session, actor, ORDER_WORKFLOW, order, target, None,
                       details={"number": order.number, "reinspection": reinspection.id,
                                "result": reinspection.result})
    return target.value


def report_done(session: Session, actor: Actor, order_id: int, note: str,
                photos: list[bytes] | tuple[bytes, ...] = (),
                expected_version: int | None = None) -> None:
    """The venue reports the order done (已报整改): its note and evidence photos, recorded by
    the inspector of the order's inspection or the bureau's staff."""
    order = load_order(session, actor, order_id, lock=True)
    inspection = session.get(Inspection, order.inspection_id)
    assert inspection is not None
    check_assignment_scope(actor, Action.MANAGE_ORDERS,
                           inspector_of(session, inspection.assignment_id))
    workflow.expect_version(order, expected_version, _("整改通知 {number}", number=order.number))
    if order.status != OrderState.ISSUED.value:
        raise InvalidInput(_("整改通知 {number} 处于“{state}”状态，不能再登记整改完成",
                             number=order.number, state=OrderState.label_of(order.status)))
    if not note.strip():
        raise InvalidInput(_("请填写场馆的整改情况"))
    stored = [photo_files.normalise(data) for data in photos]  # all checked before writing
    for photo in stored:
        session.add(InspectionPhoto(
            order_id=order.id, kind=PhotoKind.EVIDENCE.value, content=photo.content,
            width=photo.width, height=photo.height, sha256=photo.sha256,
            created_by=actor.username))
    with inspection_errors():
        session.flush()
    order.report_note = note.strip()
    order.reported_by, order.reported_at = actor.username, utcnow()
    with inspection_errors():
        workflow.apply(session, actor, ORDER_WORKFLOW, order, OrderState.REPORTED, note,
                       details={"number": order.number, "photos": len(stored)})
