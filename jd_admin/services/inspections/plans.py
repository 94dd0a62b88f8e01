"""Inspection plans (巡查计划): which designated venues to inspect, by whom, by when.

The bureau sees a risk score per designated venue with its parts, so it sees why a venue is
high (:func:`risk_scores`; the parts add up to the score, 0–100):

- redemptions: vouchers redeemed at the venue in the last 90 days per person of its capacity,
  relative to the median of that ratio over the designated venues (capped at 3 times the median;
  up to 30 points); a venue without a capacity on record (0) is scored by its redemptions
  against the median count instead, and its measure says so;
- flags: open rule flags on its vouchers (2 points each, up to 20);
- orders: open rectification orders (10 points each) and overdue ones (10 more), up to 30;
- last inspection: days since its last submitted inspection, a year or never counting in full
  (up to 20).

An assignment can be withdrawn (撤回) or handed to another inspector, each with a reason; both
bump its version, so an offline copy of it no longer checks in.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.errors import InvalidInput, NotFound
from jd_admin.domain.inspections import (
    ASSIGNMENT_WORKFLOW,
    OPEN_ORDERS,
    AssignmentState,
    InspectionState,
)
from jd_admin.domain.permissions import Action
from jd_admin.domain.register import VenueState
from jd_admin.domain.text import Text, _
from jd_admin.models import (
    Inspection,
    InspectionAssignment,
    InspectionPlan,
    RectificationOrder,
    Subdistrict,
    Venue,
    Voucher,
    VoucherViolation,
)
from jd_admin.services import audit, clock, workflow
from jd_admin.services.actor import Actor, require
from jd_admin.services.inspections import people
from jd_admin.services.inspections.common import inspection_errors

WINDOW_DAYS = 90
NEVER_DAYS = 365
ONE = Decimal("0.1")


@dataclass(frozen=True)
class RiskPart:
    code: str  # redemptions | flags | orders | last_inspection
    label: Text
    measure: str  # what was measured, e.g. "120 张（中位数 40）"
    points: Decimal


@dataclass(frozen=True)
class VenueRisk:
    venue_id: int
    venue_name: str
    subdistrict_id: int
    subdistrict_name: str
    score: Decimal
    parts: tuple[RiskPart, ...]

    def parts_json(self) -> dict[str, object]:
        return {p.code: {"measure": p.measure, "points": str(p.points)} for p in self.parts}


def _points(value: Decimal | float, cap: int) -> Decimal:
    return min(Decimal(str(value)), Decimal(cap)).quantize(ONE, ROUND_HALF_UP)


def _ratio(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


def risk_scores(session: Session, actor: Actor, subdistrict_id: int | None = None,
                today: dt.date | None = None,
                venue_ids: Iterable[int] | None = None) -> list[VenueRisk]:
    """The designated venues (of ``subdistrict_id``, or all; only ``venue_ids`` when given),
    highest risk first. A venue's redemption part is the same whichever venues are asked for:
    its ratio is scored against the median over every designated venue."""
    require(actor, Action.PLAN_INSPECTIONS)
    today = today or clock.today()
    wanted = None if venue_ids is None else sorted(set(venue_ids))
    stmt = (select(Venue.id, Venue.name, Venue.subdistrict_id, Subdistrict.name)
            .join(Subdistrict, Subdistrict.id == Venue.subdistrict_id)
            .where(Venue.status == VenueState.DESIGNATED.value))
    if subdistrict_id is not None:
        stmt = stmt.where(Venue.subdistrict_id == subdistrict_id)
    if wanted is not None:
        stmt = stmt.where(Venue.id.in_(wanted))
    venues = session.execute(stmt.order_by(Venue.id)).all()
    if not venues:
        return []
    ids = [v[0] for v in venues]
    since = clock.start_of_day(today - dt.timedelta(days=WINDOW_DAYS))
    # Redemptions and capacity of every designated venue: the medians are over all of them.
    recent = (select(Voucher.venue_id.label("venue_id"), func.count().label("n"))
              .where(Voucher.redeemed_at >= since, Voucher.venue_id.is_not(None))
              .group_by(Voucher.venue_id).subquery())
    used: dict[int, int] = {}
    capacity: dict[int, int | None] = {}
    for venue_id, cap, n in session.execute(
            select(Venue.id, Venue.capacity, func.coalesce(recent.c.n, 0))
            .outerjoin(recent, recent.c.venue_id == Venue.id)
            .where(Venue.status == VenueState.DESIGNATED.value)):
        used[venue_id], capacity[venue_id] = int(n), cap
    per_capacity = {v: Decimal(used[v]) / Decimal(c) for v, c in capacity.items() if c}
    median = Decimal(str(statistics.median(per_capacity.values() or [Decimal(0)])))
    median_n = Decimal(str(statistics.median(used.values() or [0])))
    flags = dict(session.execute(
        select(Voucher.venue_id, func.count()).join(
            VoucherViolation, VoucherViolation.voucher_id == Voucher.id)
        .where(VoucherViolation.cleared_at.is_(None), VoucherViolation.withdrawn_at.is_(None),
               Voucher.venue_id.in_(ids))
        .group_by(Voucher.venue_id)).all())
    orders: dict[int, list[dt.date]] = {}
    for venue_id, deadline in session.execute(select(
            RectificationOrder.venue_id, RectificationOrder.deadline).where(
            RectificationOrder.status.in_(OPEN_ORDERS), RectificationOrder.venue_id.in_(ids))):
        orders.setdefault(venue_id, []).append(deadline)
    last = dict(session.execute(
        select(Inspection.venue_id, func.max(Inspection.inspected_at)).where(
            Inspection.status == InspectionState.SUBMITTED.value, Inspection.venue_id.in_(ids))
        .group_by(Inspection.venue_id)).all())
    out: list[VenueRisk] = []
    for venue_id, name, sd_id, sd_name in venues:
        n = used.get(venue_id, 0)
        cap = capacity.get(venue_id)
        if venue_id in per_capacity:
            r = per_capacity[venue_id]
            ratio = r / median if median else Decimal(3 if r else 0)
            measure = str(_("90 天核销 {n} 张 / 容量 {cap} 人 = {ratio}（中位数 {median}）",
                            n=n, cap=cap, ratio=_ratio(r), median=_ratio(median)))
        else:  # no capacity on record: its redemptions against the median count instead
            ratio = Decimal(n) / median_n if median_n else Decimal(3 if n else 0)
            measure = str(_("容量未登记：90 天核销 {n} 张（中位数 {median}）",
                            n=n, median=median_n.normalize()))
        open_orders = orders.get(venue_id, [])
        overdue = sum(1 for d in open_orders if d < today)
        seen = last.get(venue_id)
        days = (today - clock.local_date(seen)).days if seen else None
        parts = (
            RiskPart("redemptions", _("近90天核销量 / 容量"), measure, _points(ratio * 10, 30)),
            RiskPart("flags", _("未解除的规则标记"), str(flags.get(venue_id, 0)),
                     _points(flags.get(venue_id, 0) * 2, 20)),
            RiskPart("orders", _("未关闭 / 逾期的整改通知"), f"{len(open_orders)} / {overdue}",
                     _points((len(open_orders) + overdue) * 10, 30)),
            RiskPart("last_inspection", _("距上次巡查天数"),
                     "—" if days is None else str(days),
                     _points(Decimal(min(days if days is not None else NEVER_DAYS, NEVER_DAYS))
                             * 20 / NEVER_DAYS, 20)),
        )
        out.append(VenueRisk(venue_id, name, sd_id, sd_name, sum(
            (p.points for p in parts), Decimal(0)), parts))
    out.sort(key=lambda r: (-r.score, r.venue_id))
    return out


def _check_inspector(session: Session, inspector: str) -> None:
    if not people.is_inspector(session, inspector):
        raise InvalidInput(_("“{name}”不是在用的巡查员账户", name=inspector))


def create_plan(session: Session, actor: Actor, name: str, venue_ids: list[int],
                inspector: str, due_on: dt.date, unannounced: bool = True,
                note: str = "", today: dt.date | None = None) -> int:
    """A plan assigning ``venue_ids`` (designated venues) to ``inspector`` by ``due_on``;
    each assignment keeps the venue's risk score and parts of today. Returns the plan's id."""
    require(actor, Action.PLAN_INSPECTIONS)
    today = today or clock.today()
    if not name.strip():
        raise InvalidInput(_("请填写巡查计划名称"))
    if not venue_ids:
        raise InvalidInput(_("请至少选择一个场馆"))
    if due_on < today:
        raise InvalidInput(_("完成期限 {day} 早于今天", day=due_on.isoformat()))
    _check_inspector(session, inspector)
    risks = {r.venue_id: r for r in risk_scores(session, actor, today=today,
                                                venue_ids=venue_ids)}
    missing = [v for v in dict.fromkeys(venue_ids) if v not in risks]
    if missing:
        raise InvalidInput(_("场馆 {id} 不是定点场馆，不能安排巡查", id=missing[0]))
    plan = InspectionPlan(name=name.strip(), note=note.strip(), created_by=actor.username)
    session.add(plan)
    session.flush()
    for venue_id in dict.fromkeys(venue_ids):
        risk = risks[venue_id]
        session.add(InspectionAssignment(
            plan_id=plan.id, venue_id=venue_id, inspector=inspector, due_on=due_on,
            unannounced=unannounced, status=AssignmentState.ASSIGNED.value,
            risk_score=risk.score, risk_parts=risk.parts_json(), created_by=actor.username))
    with inspection_errors():
        session.flush()
    audit.record(session, actor, "inspection_plan", plan.id, _("制定巡查计划"),
                 comment=note.strip() or None,
                 details={"venues": len(set(venue_ids)), "inspector": inspector,
                          "due_on": due_on.isoformat(), "unannounced": unannounced})
    return plan.id


def _assignment(session: Session, assignment_id: int,
                expected_version: int | None) -> InspectionAssignment:
    a = session.get(InspectionAssignment, assignment_id, with_for_update=True)
    if a is None:
        raise NotFound(_("没有编号为 {id} 的巡查任务", id=assignment_id))
    workflow.expect_version(a, expected_version, _("巡查任务 {id}", id=assignment_id))
    return a


def withdraw_assignment(session: Session, actor: Actor, assignment_id: int, reason: str,
                        expected_version: int | None = None) -> None:
    """撤回: the assignment is no longer to be done (a draft of it stays, unsubmittable)."""
    require(actor, Action.PLAN_INSPECTIONS)
    a = _assignment(session, assignment_id, expected_version)
    a.note = reason.strip()
    with inspection_errors():
        workflow.apply(session, actor, ASSIGNMENT_WORKFLOW, a, AssignmentState.WITHDRAWN,
                       reason, details={"venue_id": a.venue_id, "inspector": a.inspector})


def reassign_assignment(session: Session, actor: Actor, assignment_id: int, inspector: str,
                        reason: str, due_on: dt.date | None = None,
                        expected_version: int | None = None) -> None:
    """The assignment handed to ``inspector`` (and a new due date), with a reason; only while
    nothing has been recorded for it."""
    require(actor, Action.PLAN_INSPECTIONS)
    a = _assignment(session, assignment_id, expected_version)
    if a.status != AssignmentState.ASSIGNED.value:
        raise InvalidInput(_("巡查任务 {id} 已{state}，不能再改派", id=a.id,
                             state=AssignmentState.label_of(a.status)))
    if not reason.strip():
        raise InvalidInput(_("请填写改派原因"))
    _check_inspector(session, inspector)
    if session.scalar(select(Inspection.id).where(Inspection.assignment_id == a.id).limit(1)):
        raise InvalidInput(_("巡查任务 {id} 已有巡查记录，不能改派（可撤回后重新安排）",
                             id=a.id))
    before = a.inspector
    a.inspector = inspector
    if due_on is not None:
        a.due_on = due_on
    a.note = reason.strip()
    with inspection_errors():
        session.flush()
    audit.record(session, actor, "inspection_assignment", a.id, _("改派"),
                 comment=reason.strip(),
                 details={"from": before, "to": inspector,
                          "due_on": a.due_on.isoformat()})
