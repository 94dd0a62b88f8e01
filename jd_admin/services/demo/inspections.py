"""The demo's inspections: a quarter's plan for the two demo inspectors and a plan checking a
complaint, four submitted inspections — one 合格, one 限期整改 whose order the venue has reported
done, one 限期整改 by the other inspector with its order still open, the complaint's 不合格 (a
blocked fire exit, a serious item) whose venue the register and its settlement lines mark
巡查不合格 — the rest of the assignments waiting in the inspectors' My tasks, and a training
session. Every step is the real service's, by the demo's bureau staff (bureau1) and inspectors
(inspector1, inspector2). Only when the database has no inspection plan yet (idempotent)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from PIL import Image, ImageDraw
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin.domain.inspections import DEFAULT_RECTIFY_DAYS, ItemKind
from jd_admin.domain.register import VenueState
from jd_admin.models import InspectionItem, InspectionPlan, Venue
from jd_admin.services import clock
from jd_admin.services.actor import Actor, actor_for_username
from jd_admin.services.inspections import orders, plans, recording, training
from jd_admin.services.inspections.queries import inspection_detail, list_assignments

#: Items the 限期整改 inspections fail (by their text in the default checklist): neither
#: serious, one asking for a photo.
FAILED_ITEMS = ("消费券使用规则及优惠在显著位置公示",
                "配备急救箱；按规定配备AED（自动体外除颤器）且在有效期内")
#: The item the 不合格 inspection fails: serious, asking for a photo.
SERIOUS_ITEM = "安全出口、疏散通道畅通，应急照明和疏散指示标志完好"
#: What the inspector noted (and photographed, when the item asks for a photo) for each failure.
NOTES = {
    FAILED_ITEMS[0]: ("现场未见公示", ""),
    FAILED_ITEMS[1]: ("急救箱药品过期，未配备AED", "急救箱"),
    SERIOUS_ITEM: ("东侧安全出口被器材堵塞，一处疏散指示标志不亮", "安全出口"),
}


def demo_photo(label: str, colour: str = "#4a7ab5", size: tuple[int, int] = (800, 600)) -> bytes:
    """A small JPEG standing in for a photo taken on site."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, size[0] - 40, size[1] - 40), outline="white", width=8)
    draw.line((40, 40, size[0] - 40, size[1] - 40), fill="white", width=6)
    draw.text((60, 60), label, fill="white")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _venues_by_subdistrict(session: Session, count: int) -> list[int]:
    """The first designated venue of ``count`` different subdistricts."""
    chosen: dict[int, int] = {}
    for venue_id, sd in session.execute(select(Venue.id, Venue.subdistrict_id).where(
            Venue.status == VenueState.DESIGNATED.value).order_by(Venue.id)):
        chosen.setdefault(sd, venue_id)
    return list(chosen.values())[:count]


def _record(session: Session, inspector: Actor, assignment_id: int, at: dt.datetime,
            failing: tuple[str, ...], rectify_by: dt.date | None) -> int:
    inspection_id = recording.start(session, inspector, assignment_id)
    items = list(session.scalars(select(InspectionItem).where(
        InspectionItem.inspection_id == inspection_id).order_by(InspectionItem.position)))
    answers = []
    for item in items:
        failed = item.text in failing
        if item.kind == ItemKind.PASS_FAIL.value:
            note = NOTES[item.text][0] if failed else ""
            answers.append(recording.ItemInput(item.id, passed=not failed, note=note))
        elif item.kind == ItemKind.SCORE.value:
            answers.append(recording.ItemInput(item.id, score=Decimal(8)))
        elif item.kind == ItemKind.NUMBER.value:
            answers.append(recording.ItemInput(item.id))  # no pool
        else:
            answers.append(recording.ItemInput(item.id, text_value="无"))
        if failed and item.photo_on_fail:
            caption = NOTES[item.text][1]
            recording.add_photo(session, inspector, inspection_id, item.id,
                                demo_photo("fire exit" if item.serious else "first-aid kit",
                                           "#b5584a"), caption=caption)
    recording.add_photo(session, inspector, inspection_id, None, demo_photo("entrance"),
                        caption="场馆入口")
    recording.submit(session, inspector, inspection_id, data=recording.DraftInput(
        inspected_at=at, inspectors=f"{inspector.full_name}、徐丽华", venue_contact="场馆负责人",
        rectify_by=rectify_by, items=tuple(answers)))
    return inspection_id


def load_demo_inspections(session: Session) -> int:
    """The plans, inspections, orders and training; the number of inspections submitted."""
    if session.scalar(select(func.count()).select_from(InspectionPlan)):
        return 0
    today = clock.today()
    bureau = actor_for_username(session, "bureau1")
    first = actor_for_username(session, "inspector1")
    second = actor_for_username(session, "inspector2")
    venues = _venues_by_subdistrict(session, 7)
    if len(venues) < 7:
        return 0
    quarter = f"{today.year}年第{(today.month - 1) // 3 + 1}季度"
    plan1 = plans.create_plan(session, bureau, f"{quarter}定点场馆监督巡查（一组）", venues[:4],
                              first.username, today + dt.timedelta(days=14), note="演示数据")
    plan2 = plans.create_plan(session, bureau, f"{quarter}定点场馆监督巡查（二组）", venues[4:6],
                              second.username, today + dt.timedelta(days=21),
                              unannounced=False, note="演示数据")
    complaint = plans.create_plan(session, bureau, "群众投诉核查（安全出口）", venues[6:],
                                  first.username, today + dt.timedelta(days=3),
                                  note="演示数据：12345热线投诉安全出口被堵")
    mine = [a.id for a in list_assignments(session, bureau, plan_id=plan1)]
    theirs = [a.id for a in list_assignments(session, bureau, plan_id=plan2)]
    at = clock.start_of_day(today - dt.timedelta(days=3)) + dt.timedelta(hours=10)
    deadline = today + dt.timedelta(days=DEFAULT_RECTIFY_DAYS)
    _record(session, first, mine[0], at, (), None)
    rectify = _record(session, first, mine[1], at + dt.timedelta(hours=3), FAILED_ITEMS,
                      deadline)
    _record(session, second, theirs[0], at, FAILED_ITEMS[:1], deadline)
    [checked] = [a.id for a in list_assignments(session, bureau, plan_id=complaint)]
    _record(session, first, checked, at + dt.timedelta(days=1), (SERIOUS_ITEM,),
            today + dt.timedelta(days=7))
    [order] = inspection_detail(session, first, rectify).orders
    orders.report_done(session, first, order.id,
                       "已补充公示消费券使用规则，更换急救箱药品并配备AED",
                       [demo_photo("AED installed", "#4ab56b")])
    training.create_session(
        session, bureau, today - dt.timedelta(days=20),
        "体育消费券定点场馆经营规范与安全培训", "区体育局 徐丽华", "嘉定区体育局二楼会议室",
        "《定点场馆服务规范》讲义、消费券核销操作指引",
        [training.AttendanceInput(v, 2, "场馆负责人、前台主管") for v in venues[:3]])
    return 4
