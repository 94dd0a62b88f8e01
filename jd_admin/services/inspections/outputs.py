"""The inspection outputs (CONVENTIONS 15: gather, lay out, write): the inspection record
(场馆监督巡查记录, PDF), the rectification notice (整改通知书, PDF) and the period summary by
subdistrict (监督巡查情况汇总, PDF or .xlsx).

``prepare_*`` runs in the caller's transaction: it checks who may read what (the scope of
:data:`Action.READ_INSPECTIONS`), gathers the plain data of :mod:`jd_admin.reports.
inspection_data` and records the print in the audit trail; :meth:`Prepared.write` lays the file
out after the transaction (a temporary file renamed into place: nothing half-written).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.inspections import (
    Area,
    InspectionResult,
    InspectionState,
    ItemKind,
    OrderState,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.text import _, chinese
from jd_admin.models import (
    ChecklistTemplate,
    Inspection,
    InspectionAssignment,
    InspectionItem,
    InspectionPhoto,
    RectificationOrder,
    Subdistrict,
    Venue,
)
from jd_admin.models.base import utcnow
from jd_admin.reports import inspection as render
from jd_admin.reports.inspection_data import (
    FailureCount,
    InspectionReportData,
    InspectionSummaryData,
    NoticeFinding,
    OrderReference,
    RectificationNoticeData,
    ReportItem,
    ReportPhoto,
    SubdistrictRow,
    measure_text,
    pass_fail_text,
    score_text,
)
from jd_admin.services import audit, clock
from jd_admin.services.actor import Actor, require, subdistrict_scope
from jd_admin.services.inspections.common import load_inspection, load_order, scoped_inspections
from jd_admin.services.inspections.results import answer_of, item_failed
from jd_admin.services.output_files import Prepared, check_target

SUMMARY_SUFFIXES = (".pdf", ".xlsx")


def _suffix(out: Path, allowed: tuple[str, ...]) -> str:
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise InvalidInput(_("文件“{file}”的扩展名应为 {allowed}", file=out.name,
                             allowed=" / ".join(allowed)))
    check_target(out)  # before anything is gathered or its printing recorded
    return suffix


def _result_text(item: InspectionItem) -> str:
    kind = ItemKind(item.kind)
    if kind is ItemKind.PASS_FAIL:
        return "" if item.passed is None else pass_fail_text(item.passed)
    if kind is ItemKind.SCORE:
        return "" if item.score is None or item.max_score is None \
            else score_text(item.score, item.max_score)
    if kind is ItemKind.NUMBER:
        return "" if item.number is None \
            else measure_text(item.number, item.unit, item.min_value, item.max_value)
    return item.text_value


def _item_passed(item: InspectionItem) -> bool | None:
    failed = item_failed(answer_of(item))
    return None if failed is None else not failed


def report_data(session: Session, actor: Actor, inspection_id: int) -> InspectionReportData:
    """场馆监督巡查记录 of one inspection the actor reads (a draft prints as a draft)."""
    inspection = load_inspection(session, actor, inspection_id)
    venue = session.get_one(Venue, inspection.venue_id)
    subdistrict = session.get_one(Subdistrict, venue.subdistrict_id)
    template = session.get_one(ChecklistTemplate, inspection.template_id)
    items = session.scalars(select(InspectionItem).where(
        InspectionItem.inspection_id == inspection.id).order_by(InspectionItem.position)).all()
    photos: dict[int | None, list[ReportPhoto]] = defaultdict(list)
    for p in session.scalars(select(InspectionPhoto).where(
            InspectionPhoto.inspection_id == inspection.id).order_by(InspectionPhoto.id)):
        photos[p.item_id].append(ReportPhoto(p.content, p.width, p.height, p.caption))
    report_items = tuple(ReportItem(
        area_label=chinese(Area.label_of(i.area)), text=i.text, kind=i.kind,
        result_text=_result_text(i), passed=_item_passed(i), note=i.note, serious=i.serious,
        photos=tuple(photos.get(i.id, ()))) for i in items)
    assignment = (session.get(InspectionAssignment, inspection.assignment_id)
                  if inspection.assignment_id else None)
    order = session.scalars(select(RectificationOrder).where(
        RectificationOrder.inspection_id == inspection.id)
        .order_by(RectificationOrder.id.desc())).first()
    submitted = inspection.status != InspectionState.DRAFT.value
    audit.record_read(session, actor, "inspection", inspection.id, "print",
                      comment=f"场馆监督巡查记录 {venue.name}")
    return InspectionReportData(
        inspection_id=inspection.id, number=f"XC-{inspection.id:05d}", venue_name=venue.name,
        venue_address=venue.address, subdistrict=subdistrict.name,
        inspected_at=inspection.inspected_at or utcnow(),
        inspectors=tuple(n for n in inspection.inspectors.replace("，", "、").replace(
            ",", "、").split("、") if n.strip()),
        venue_present=inspection.venue_contact,
        announced=not (assignment.unannounced if assignment else True),
        template_name=template.name, template_version=template.version, items=report_items,
        score=inspection.score, max_score=None if inspection.score is None else Decimal(100),
        result_label=chinese(InspectionResult.label_of(inspection.result))
        if inspection.result else "",
        rectify_by=inspection.rectify_by,
        order=OrderReference(order.number, order.deadline,
                             chinese(OrderState.label_of(order.status))) if order else None,
        remarks=inspection.note, submitted_by=inspection.submitted_by or "",
        submitted_at=inspection.submitted_at if submitted else None, printed_at=utcnow())


def notice_data(session: Session, actor: Actor, order_id: int) -> RectificationNoticeData:
    """整改通知书 of one rectification order the actor reads."""
    order = load_order(session, actor, order_id)
    inspection = session.get_one(Inspection, order.inspection_id)
    venue = session.get_one(Venue, order.venue_id)
    audit.record_read(session, actor, "rectification_order", order.id, "print",
                      comment=f"整改通知书 {order.number}")
    return RectificationNoticeData(
        number=order.number, venue_name=venue.name, venue_address=venue.address,
        venue_person=f"{venue.contact_name}（联系人）" if venue.contact_name else "",
        inspection_date=clock.local_date(inspection.inspected_at or order.issued_at),
        inspection_number=f"XC-{inspection.id:05d}",
        findings=tuple(NoticeFinding(chinese(Area.label_of(str(f.get("area", "")))),
                                     str(f.get("text", "")), str(f.get("note", "")),
                                     bool(f.get("serious"))) for f in order.items or ()),
        deadline=order.deadline, issued_on=clock.local_date(order.issued_at), obligations=(),
        status_label=chinese(OrderState.label_of(order.status)), bureau_contact="",
        printed_at=utcnow())


def summary_data(session: Session, actor: Actor, since: dt.date,
                 until: dt.date) -> InspectionSummaryData:
    """监督巡查情况汇总 of the inspections submitted from ``since`` to ``until`` (inclusive)
    in the actor's scope: per subdistrict, the results and the orders still open at the end."""
    require(actor, Action.READ_INSPECTIONS)
    if until < since:
        raise InvalidInput(_("结束日期 {until} 早于开始日期 {since}", since=since, until=until))
    start, end = clock.start_of_day(since), clock.start_of_day(until + dt.timedelta(days=1))
    stmt = scoped_inspections(actor, select(Subdistrict.name, Inspection.result, Inspection.id)
                              .join(Venue, Venue.id == Inspection.venue_id)
                              .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
                              .where(Inspection.status != InspectionState.DRAFT.value,
                                     Inspection.submitted_at >= start,
                                     Inspection.submitted_at < end))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    ids: list[int] = []
    for name, result, iid in session.execute(stmt):
        counts[name][result or ""] += 1
        ids.append(iid)
    orders = session.execute(scoped_inspections(
        actor, select(Subdistrict.name, RectificationOrder.deadline)
        .join(Inspection, Inspection.id == RectificationOrder.inspection_id)
        .join(Venue, Venue.id == Inspection.venue_id)
        .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
        # open at the end of the period: issued before it, closed or reissued after it (or not)
        .where(RectificationOrder.issued_at < end,
               or_(RectificationOrder.closed_at.is_(None),
                   RectificationOrder.closed_at >= end)))).all()
    open_orders: Counter[str] = Counter(name for name, _d in orders)
    overdue: Counter[str] = Counter(name for name, deadline in orders if deadline < until)
    names = sorted(set(counts) | set(open_orders))
    rows = tuple(SubdistrictRow(
        name, sum(counts[name].values()), counts[name][InspectionResult.PASS.value],
        counts[name][InspectionResult.RECTIFY.value], counts[name][InspectionResult.FAIL.value],
        open_orders[name], overdue[name]) for name in names)
    failures: Counter[tuple[str, str]] = Counter()
    for chunk in (ids[i:i + 1000] for i in range(0, len(ids), 1000)):
        for item in session.scalars(select(InspectionItem).where(
                InspectionItem.inspection_id.in_(chunk))):
            if _item_passed(item) is False:
                failures[(item.text, item.area)] += 1
    common = tuple(FailureCount(text, chinese(Area.label_of(area)), n)
                   for (text, area), n in sorted(failures.items(),
                                                 key=lambda kv: (-kv[1], kv[0]))[:15])
    own = subdistrict_scope(actor, Action.READ_INSPECTIONS)
    scope = "全区" if own is None else (session.scalar(
        select(Subdistrict.name).where(Subdistrict.id == own)) or "")
    return InspectionSummaryData(since, until, scope, rows, common, utcnow())


def prepare_report(session: Session, actor: Actor, inspection_id: int,
                   out: Path | str) -> Prepared:
    out = Path(out)
    _suffix(out, (".pdf",))
    data = report_data(session, actor, inspection_id)
    return Prepared(out, lambda p: render.write_inspection_report_pdf(data, p))


def prepare_notice(session: Session, actor: Actor, order_id: int, out: Path | str) -> Prepared:
    out = Path(out)
    _suffix(out, (".pdf",))
    data = notice_data(session, actor, order_id)
    return Prepared(out, lambda p: render.write_rectification_notice_pdf(data, p))


def prepare_summary(session: Session, actor: Actor, since: dt.date, until: dt.date,
                    out: Path | str) -> Prepared:
    out = Path(out)
    suffix = _suffix(out, SUMMARY_SUFFIXES)
    data = summary_data(session, actor, since, until)
    audit.record_read(session, actor, "inspection", None, "export" if suffix == ".xlsx"
                      else "print", comment=f"监督巡查情况汇总 {since}–{until} {suffix}")
    if suffix == ".xlsx":
        return Prepared(out, lambda p: render.write_inspection_summary_xlsx(data, p))
    return Prepared(out, lambda p: render.write_inspection_summary_pdf(data, p))


__all__ = ["Prepared", "notice_data", "prepare_notice", "prepare_report", "prepare_summary",
           "report_data", "summary_data"]
