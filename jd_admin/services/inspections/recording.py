"""Recording an inspection (巡查记录): start a draft from an assignment (the checklist's items
snapshotted), save it as often as needed (version-checked), add photos, submit.

Submission checks the whole record first and writes nothing when something is missing: every
item that applies answered, a photo for each failed item that asks for one, the inspection's
time not in the future, a deadline (for 限期整改 and 不合格) not before the inspection's day.
The overall result is :func:`jd_admin.domain.inspections.overall`'s. Submitting marks the
assignment done, issues a rectification order when the result is not 合格, closes or reissues
the order a re-inspection follows up, and supersedes the inspection a correction corrects.

A correction (:func:`supersede`) is a new draft copying a submitted inspection (answers and
photos), with a reason; the old one stays as it was until the correction is submitted, and is
then marked 已被更正. A re-inspection (:func:`start_reinspection`) is an inspection of the same
venue with ``reinspection_of`` naming the order, on the original's assignment (so the same
inspector records it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.inspections import (
    ASSIGNMENT_WORKFLOW,
    INSPECTION_WORKFLOW,
    OPEN_ORDERS,
    AssignmentState,
    InspectionResult,
    InspectionState,
    ItemKind,
    OrderState,
    Overall,
    PhotoKind,
    TemplateState,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import Text, _
from jd_admin.models import (
    ChecklistItem,
    Inspection,
    InspectionAssignment,
    InspectionItem,
    InspectionPhoto,
    RectificationOrder,
)
from jd_admin.models.base import utcnow
from jd_admin.services import audit, clock, workflow
from jd_admin.services.actor import Actor
from jd_admin.services.inspections import orders, templates
from jd_admin.services.inspections import photos as photo_files
from jd_admin.services.inspections.common import (
    check_assignment_scope,
    inspection_errors,
    inspector_of,
    load_inspection,
    load_order,
)
from jd_admin.services.inspections.results import overall_of

S = InspectionState


@dataclass(frozen=True)
class ItemInput:
    """The answer to one item of a draft (``item_id``: the inspection item's id)."""

    item_id: int
    passed: bool | None = None
    score: Decimal | None = None
    number: Decimal | None = None
    text_value: str = ""
    note: str = ""


@dataclass(frozen=True)
class DraftInput:
    """What the inspection form holds."""

    inspected_at: dt.datetime | None
    inspectors: str
    venue_contact: str
    rectify_by: dt.date | None = None
    note: str = ""
    items: tuple[ItemInput, ...] = ()


@dataclass(frozen=True)
class Submitted:
    inspection_id: int
    result: str
    score: Decimal
    order_id: int | None  # the order issued by this inspection
    followed_order: str | None  # closed | reissued: the state of the order it re-inspected


def _check_recorder(session: Session, actor: Actor, inspection: Inspection) -> None:
    check_assignment_scope(actor, Action.RECORD_INSPECTIONS,
                           inspector_of(session, inspection.assignment_id))


def _draft(session: Session, actor: Actor, inspection_id: int,
           expected_version: int | None = None) -> Inspection:
    inspection = load_inspection(session, actor, inspection_id, lock=True)
    _check_recorder(session, actor, inspection)
    if inspection.status != S.DRAFT.value:
        raise InvalidInput(_("巡查记录 {id} 已{state}，不能修改（更正须新建一条更正记录）",
                             id=inspection.id, state=S.label_of(inspection.status)))
    workflow.expect_version(inspection, expected_version,
                            _("巡查记录 {id}", id=inspection.id))
    return inspection


def _new(session: Session, actor: Actor, *, venue_id: int, template_id: int,
         assignment_id: int | None, **fields: object) -> Inspection:
    template = templates.get_template(session, template_id)
    inspection = Inspection(venue_id=venue_id, template_id=template_id,
                            assignment_id=assignment_id, status=S.DRAFT.value,
                            inspectors=actor.full_name, created_by=actor.username, **fields)
    session.add(inspection)
    with inspection_errors():
        session.flush()
    for item in template.items:
        spec = item.spec
        session.add(InspectionItem(
            inspection_id=inspection.id, checklist_item_id=item.id, position=item.position,
            area=spec.area, text=spec.text, kind=spec.kind, weight=spec.weight,
            serious=spec.serious, photo_on_fail=spec.photo_on_fail, max_score=spec.max_score,
            min_value=spec.min_value, max_value=spec.max_value, unit=spec.unit))
    with inspection_errors():
        session.flush()
    return inspection


def start(session: Session, actor: Actor, assignment_id: int,
          template_id: int | None = None) -> int:
    """The draft of an assignment (a new one with the active checklist's items, or the draft
    already started); its id."""
    assignment = session.get(InspectionAssignment, assignment_id)
    if assignment is None:
        raise NotFound(_("没有编号为 {id} 的巡查任务", id=assignment_id))
    check_assignment_scope(actor, Action.RECORD_INSPECTIONS, assignment.inspector)
    if assignment.status != AssignmentState.ASSIGNED.value:
        raise InvalidInput(_("巡查任务 {id} 已{state}，不能再登记巡查", id=assignment.id,
                             state=AssignmentState.label_of(assignment.status)))
    existing = session.scalar(select(Inspection.id).where(
        Inspection.assignment_id == assignment.id, Inspection.status == S.DRAFT.value,
        Inspection.supersedes_id.is_(None), Inspection.reinspection_of.is_(None)))
    if existing is not None:
        return existing
    template = (templates.get_template(session, template_id) if template_id is not None
                else templates.active_template(session))
    if template.status != TemplateState.ACTIVE.value:
        raise InvalidInput(_("检查表 {code} 第 {version} 版已停用，不能用于新的巡查",
                             code=template.code, version=template.version))
    inspection = _new(session, actor, venue_id=assignment.venue_id, template_id=template.id,
                      assignment_id=assignment.id)
    audit.record(session, actor, "inspection", inspection.id, _("开始巡查"),
                 to_state=S.DRAFT.value,
                 details={"assignment": assignment.id, "venue_id": assignment.venue_id,
                          "template": template.id})
    return inspection.id


def start_reinspection(session: Session, actor: Actor, order_id: int) -> int:
    """The draft re-inspection of an open order (a new one, or the one already started)."""
    order = load_order(session, actor, order_id)
    original = session.get(Inspection, order.inspection_id)
    assert original is not None
    check_assignment_scope(actor, Action.RECORD_INSPECTIONS,
                           inspector_of(session, original.assignment_id))
    if order.status not in OPEN_ORDERS:
        raise InvalidInput(_("整改通知 {number} 已{state}，不能再复查", number=order.number,
                             state=OrderState.label_of(order.status)))
    existing = session.scalar(select(Inspection.id).where(
        Inspection.reinspection_of == order.id, Inspection.status == S.DRAFT.value))
    if existing is not None:
        return existing
    inspection = _new(session, actor, venue_id=order.venue_id,
                      template_id=original.template_id, assignment_id=original.assignment_id,
                      reinspection_of=order.id)
    audit.record(session, actor, "inspection", inspection.id, _("开始复查"),
                 to_state=S.DRAFT.value,
                 details={"order": order.number, "venue_id": order.venue_id})
    return inspection.id


def supersede(session: Session, actor: Actor, inspection_id: int, reason: str) -> int:
    """A correction of a submitted inspection: a new draft copying it (answers and photos)
    with ``reason``; the old one is marked superseded when the correction is submitted."""
    old = load_inspection(session, actor, inspection_id)
    _check_recorder(session, actor, old)
    if old.status != S.SUBMITTED.value:
        raise InvalidInput(_("只能更正已提交的巡查记录（记录 {id} {state}）", id=old.id,
                             state=S.label_of(old.status)))
    if not reason.strip():
        raise InvalidInput(_("请填写更正原因"))
    existing = session.scalar(select(Inspection.id).where(
        Inspection.supersedes_id == old.id, Inspection.status == S.DRAFT.value))
    if existing is not None:
        return existing
    new = Inspection(
        venue_id=old.venue_id, template_id=old.template_id, assignment_id=old.assignment_id,
        status=S.DRAFT.value, inspected_at=old.inspected_at, inspectors=old.inspectors,
        venue_contact=old.venue_contact, rectify_by=old.rectify_by, note=old.note,
        supersedes_id=old.id, correction_reason=reason.strip(), created_by=actor.username)
    session.add(new)
    with inspection_errors():
        session.flush()
    item_ids: dict[int, int] = {}
    for item in session.scalars(select(InspectionItem).where(
            InspectionItem.inspection_id == old.id).order_by(InspectionItem.position)):
        copy = InspectionItem(
            inspection_id=new.id, checklist_item_id=item.checklist_item_id,
            position=item.position, area=item.area, text=item.text, kind=item.kind,
            weight=item.weight, serious=item.serious, photo_on_fail=item.photo_on_fail,
            max_score=item.max_score, min_value=item.min_value, max_value=item.max_value,
            unit=item.unit, passed=item.passed, score=item.score, number=item.number,
            text_value=item.text_value, note=item.note)
        session.add(copy)
        session.flush()
        item_ids[item.id] = copy.id
    for photo in session.scalars(select(InspectionPhoto).options(undefer(
            InspectionPhoto.content)).where(InspectionPhoto.inspection_id == old.id)):
        session.add(InspectionPhoto(
            inspection_id=new.id,
            item_id=item_ids.get(photo.item_id) if photo.item_id is not None else None,
            kind=photo.kind, content=photo.content, width=photo.width, height=photo.height,
            sha256=photo.sha256, caption=photo.caption, taken_at=photo.taken_at,
            created_by=actor.username))
    with inspection_errors():
        session.flush()
    audit.record(session, actor, "inspection", new.id, _("开始更正"), to_state=S.DRAFT.value,
                 comment=reason.strip(), details={"supersedes": old.id})
    return new.id


def _decimal(value: Decimal | None, what: Text, n: int) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        raise InvalidInput(_("第 {n} 条：{what}须为精确的数值", n=n, what=what))
    return Decimal(value).quantize(Decimal("0.01"))


def save_draft(session: Session, actor: Actor, inspection_id: int, data: DraftInput,
               expected_version: int | None = None) -> int:
    """Save the form over the draft (refused when someone else saved it since the form was
    read: ``expected_version``); the draft's new version."""
    inspection = _draft(session, actor, inspection_id, expected_version)
    items = {i.id: i for i in session.scalars(select(InspectionItem).where(
        InspectionItem.inspection_id == inspection.id))}
    for answer in data.items:
        item = items.get(answer.item_id)
        if item is None:
            raise InvalidInput(_("条目 {id} 不属于巡查记录 {inspection}", id=answer.item_id,
                                 inspection=inspection.id))
        n = item.position
        kind = ItemKind(item.kind)
        score = _decimal(answer.score, ItemKind.SCORE.label, n)
        number = _decimal(answer.number, ItemKind.NUMBER.label, n)
        if kind is ItemKind.SCORE and score is not None and item.max_score is not None and not (
                0 <= score <= item.max_score):
            raise InvalidInput(_("第 {n} 条“{text}”：评分须在 0 到 {max} 之间", n=n,
                                 text=item.text, max=item.max_score))
        item.passed = answer.passed if kind is ItemKind.PASS_FAIL else None
        item.score = score if kind is ItemKind.SCORE else None
        item.number = number if kind is ItemKind.NUMBER else None
        item.text_value = answer.text_value.strip()
        item.note = answer.note.strip()
    if data.inspected_at is not None and data.inspected_at.tzinfo is None:
        raise InvalidInput(_("巡查时间须带时区"))
    inspection.inspected_at = data.inspected_at
    inspection.inspectors = data.inspectors.strip()
    inspection.venue_contact = data.venue_contact.strip()
    inspection.rectify_by = data.rectify_by
    inspection.note = data.note.strip()
    inspection.updated_at = utcnow()  # a new version even when only items changed
    with inspection_errors():
        session.flush()
    return inspection.version


def add_photo(session: Session, actor: Actor, inspection_id: int, item_id: int | None,
              data: bytes, caption: str = "", taken_at: dt.datetime | None = None) -> int:
    """A photo of a draft (of one of its items, or of the whole); its id. The file is checked
    by content, turned upright, downscaled and stored as JPEG (:mod:`.photos`)."""
    inspection = _draft(session, actor, inspection_id)
    if item_id is not None and session.scalar(select(InspectionItem.id).where(
            InspectionItem.id == item_id,
            InspectionItem.inspection_id == inspection.id)) is None:
        raise InvalidInput(_("条目 {id} 不属于巡查记录 {inspection}", id=item_id,
                             inspection=inspection.id))
    stored = photo_files.normalise(data)
    photo = InspectionPhoto(
        inspection_id=inspection.id, item_id=item_id, kind=PhotoKind.FINDING.value,
        content=stored.content, width=stored.width, height=stored.height,
        sha256=stored.sha256, caption=caption.strip(), taken_at=taken_at,
        created_by=actor.username)
    session.add(photo)
    with inspection_errors():
        session.flush()
    return photo.id


def remove_photo(session: Session, actor: Actor, photo_id: int) -> None:
    """A photo of a draft taken out again."""
    photo = session.get(InspectionPhoto, photo_id)
    if photo is None or photo.inspection_id is None:
        raise NotFound(_("没有编号为 {id} 的巡查照片", id=photo_id))
    _draft(session, actor, photo.inspection_id)
    with inspection_errors():
        session.delete(photo)
        session.flush()


def preview(session: Session, actor: Actor, inspection_id: int) -> Overall:
    """The overall result the saved answers give now (the form shows it as they change)."""
    inspection = load_inspection(session, actor, inspection_id)
    return overall_of(session.scalars(select(InspectionItem).where(
        InspectionItem.inspection_id == inspection.id).order_by(InspectionItem.position)))


def _check_complete(session: Session, inspection: Inspection, items: list[InspectionItem],
                    result: Overall, today: dt.date) -> None:
    """Everything a submission needs (the message names the item); nothing is written."""
    for item in items:
        if item.kind == ItemKind.TEXT.value:
            continue
        unanswered = ((item.kind == ItemKind.PASS_FAIL.value and item.passed is None)
                      or (item.kind == ItemKind.SCORE.value and item.score is None)
                      or (item.kind == ItemKind.NUMBER.value and item.number is None))
        if unanswered and not _optional(session, item):
            raise InvalidInput(_("第 {n} 条“{text}”尚未填写结果", n=item.position,
                                 text=item.text))
    with_photo = set(session.scalars(select(InspectionPhoto.item_id).where(
        InspectionPhoto.inspection_id == inspection.id, InspectionPhoto.item_id.is_not(None))))
    for item in items:
        if item.id in result.failed and item.photo_on_fail and item.id not in with_photo:
            raise InvalidInput(_("第 {n} 条“{text}”不合格，须附照片", n=item.position,
                                 text=item.text))
    if inspection.inspected_at is None:
        raise InvalidInput(_("请填写巡查时间"))
    day = clock.local_date(inspection.inspected_at)
    if day > today:
        raise InvalidInput(_("巡查时间 {day} 晚于今天", day=day.isoformat()))
    if not inspection.inspectors.strip():
        raise InvalidInput(_("请填写在场的巡查人员"))
    if result.result is not InspectionResult.PASS:
        if inspection.rectify_by is None:
            raise InvalidInput(_("巡查结果为“{result}”，请填写整改期限",
                                 result=result.result.label))
        if inspection.rectify_by < day:
            raise InvalidInput(_("整改期限 {deadline} 早于巡查日期 {day}",
                                 deadline=inspection.rectify_by.isoformat(),
                                 day=day.isoformat()))


def _optional(session: Session, item: InspectionItem) -> bool:
    """An item that applies only to some venues (e.g. pools) may be left unanswered."""
    return bool(session.scalar(select(ChecklistItem.applies_to).where(
        ChecklistItem.id == item.checklist_item_id)))


def submit(session: Session, actor: Actor, inspection_id: int,
           expected_version: int | None = None, data: DraftInput | None = None,
           today: dt.date | None = None) -> Submitted:
    """Submit a draft (saving ``data`` first when given): checked whole, then immutable."""
    if data is not None:
        expected_version = save_draft(session, actor, inspection_id, data, expected_version)
    inspection = _draft(session, actor, inspection_id, expected_version)
    assignment = (session.get(InspectionAssignment, inspection.assignment_id,
                              with_for_update=True)
                  if inspection.assignment_id is not None else None)
    plain = inspection.supersedes_id is None and inspection.reinspection_of is None
    if plain and assignment is not None and assignment.status != AssignmentState.ASSIGNED.value:
        raise InvalidInput(_("巡查任务 {id} 已{state}，该巡查记录不能提交", id=assignment.id,
                             state=AssignmentState.label_of(assignment.status)))
    if inspection.reinspection_of is not None:
        followed = session.get(RectificationOrder, inspection.reinspection_of)
        if followed is None or followed.status not in OPEN_ORDERS:
            raise InvalidInput(_("复查的整改通知已关闭或已重新下达，该复查记录不能提交"))
    items = list(session.scalars(select(InspectionItem).where(
        InspectionItem.inspection_id == inspection.id).order_by(InspectionItem.position)))
    result = overall_of(items)
    _check_complete(session, inspection, items, result, today or clock.today())
    inspection.result = result.result.value
    inspection.score = result.score
    inspection.submitted_by, inspection.submitted_at = actor.username, utcnow()
    with inspection_errors():
        workflow.apply(session, actor, INSPECTION_WORKFLOW, inspection, S.SUBMITTED, None,
                       details={"result": result.result.value, "score": str(result.score),
                                "failed": len(result.failed)})
        session.refresh(inspection)  # the server's stamps (PostgreSQL)
    order_id: int | None = None
    followed_state: str | None = None
    corrected_had_order = False
    if inspection.supersedes_id is not None:
        old = session.get(Inspection, inspection.supersedes_id, with_for_update=True)
        assert old is not None
        corrected_had_order = session.scalar(select(RectificationOrder.id).where(
            RectificationOrder.inspection_id == old.id).limit(1)) is not None
        with inspection_errors():
            workflow.apply(session, actor, INSPECTION_WORKFLOW, old, S.SUPERSEDED,
                           inspection.correction_reason,
                           details={"corrected_by": inspection.id})
    elif inspection.reinspection_of is not None:
        followed_state = orders.follow_up(session, actor, inspection.reinspection_of,
                                          inspection)
    elif assignment is not None:
        with inspection_errors():
            workflow.apply(session, actor, ASSIGNMENT_WORKFLOW, assignment, AssignmentState.DONE,
                           None, details={"inspection": inspection.id})
    if result.result is not InspectionResult.PASS and not corrected_had_order:
        failed = [i for i in items if i.id in result.failed]
        order_id = orders.issue(session, actor, inspection, failed)
    return Submitted(inspection.id, result.result.value, result.score, order_id, followed_state)
