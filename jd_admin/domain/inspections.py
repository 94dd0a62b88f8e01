"""Venue inspections (监督巡查, DOMAIN.md "Inspection"): checklists, plans, on-site records,
rectification orders (整改通知) and re-inspection, training (培训).

The bureau checks designated venues, announced or not, against a versioned checklist whose
items fall into areas (:class:`Area`). An inspector records one inspection per assignment; a
submitted inspection is immutable (a correction is a new inspection that supersedes it, with a
reason). Items failed lead to a rectification order with a deadline; the venue reports it done,
a re-inspection (an inspection with ``reinspection_of`` set) closes it when it passes, or the
order is reissued (a new order from the re-inspection's failures).

The overall result is worked out by one pure function, :func:`overall`:

- a failed serious item (严重项) fails the inspection (不合格) whatever the score;
- otherwise the score is 100 × the weighted mean of the scored items: a pass/fail item counts 1
  or 0, a score item score/max, a number item 1 when within its acceptable range, else 0; a text
  item is not scored (nor an item left unanswered);
- no failed item: 合格; failures and a score of at least :data:`PASS_MARK`: 限期整改 (rectify by
  a date); below it: 不合格.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jd_admin.domain.codes import Coded
from jd_admin.domain.roles import Role
from jd_admin.domain.text import _
from jd_admin.domain.workflow import Workflow, step


class Area(Coded):
    """The areas of a checklist (a section each)."""

    ENVIRONMENT = "environment", _("健身环境")
    COACHES = "coaches", _("教练")
    PROGRAMMES = "programmes", _("项目")
    PRICES = "prices", _("价格")
    SERVICE = "service", _("服务")
    EPIDEMIC = "epidemic", _("防疫")
    SAFETY = "safety", _("安全")


class ItemKind(Coded):
    PASS_FAIL = "pass_fail", _("合格/不合格")
    SCORE = "score", _("评分")
    NUMBER = "number", _("数值")
    TEXT = "text", _("文字")


class TemplateState(Coded):
    ACTIVE = "active", _("在用")
    RETIRED = "retired", _("已停用")


class InspectionState(Coded):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    SUPERSEDED = "superseded", _("已被更正")


class InspectionResult(Coded):
    PASS = "pass", _("合格")
    RECTIFY = "rectify", _("限期整改")
    FAIL = "fail", _("不合格")


class AssignmentState(Coded):
    ASSIGNED = "assigned", _("待巡查")
    DONE = "done", _("已完成")
    WITHDRAWN = "withdrawn", _("已撤回")


class CheckoutState(Coded):
    """An offline checkout (带离线) of assignments: open until its file is checked in (回传),
    or replaced by a newer checkout of one of its assignments (the older file is then refused)."""

    OPEN = "open", _("已带离线")
    CHECKED_IN = "checked_in", _("已回传")
    REPLACED = "replaced", _("已被新的带离线取代")


class OrderState(Coded):
    ISSUED = "issued", _("已下达")
    REPORTED = "reported", _("已报整改")
    CLOSED = "closed", _("已关闭")
    REISSUED = "reissued", _("已重新下达")


class PhotoKind(Coded):
    FINDING = "finding", _("巡查照片")  # taken during an inspection
    EVIDENCE = "evidence", _("整改照片")  # the venue's evidence of a rectification


RECORDERS = (Role.INSPECTOR, Role.BUREAU_STAFF)
STAFF = (Role.BUREAU_STAFF,)
IS, AS, OS = InspectionState, AssignmentState, OrderState

INSPECTION_WORKFLOW = Workflow("inspection", InspectionState, IS.DRAFT, [
    step(IS.DRAFT, IS.SUBMITTED, RECORDERS, _("提交"), comment_required=False),
    # taken by the submission of the correction that supersedes it, with its reason
    step(IS.SUBMITTED, IS.SUPERSEDED, RECORDERS, _("更正")),
])

ASSIGNMENT_WORKFLOW = Workflow("inspection_assignment", AssignmentState, AS.ASSIGNED, [
    # taken by the submission of the assignment's inspection
    step(AS.ASSIGNED, AS.DONE, RECORDERS, _("完成巡查"), comment_required=False),
    step(AS.ASSIGNED, AS.WITHDRAWN, STAFF, _("撤回")),
])

ORDER_WORKFLOW = Workflow("rectification_order", OrderState, OS.ISSUED, [
    step(OS.ISSUED, OS.REPORTED, RECORDERS, _("登记整改完成"), comment_required=False),
    # taken by the submission of a re-inspection: closed when it passes, else reissued
    step(OS.REPORTED, OS.CLOSED, RECORDERS, _("复查通过"), comment_required=False),
    step(OS.REPORTED, OS.REISSUED, RECORDERS, _("复查未通过，重新下达"), comment_required=False),
    step(OS.ISSUED, OS.CLOSED, RECORDERS, _("复查通过"), comment_required=False),
    step(OS.ISSUED, OS.REISSUED, RECORDERS, _("复查未通过，重新下达"), comment_required=False),
])

#: Orders still waiting for the venue or the re-inspection.
OPEN_ORDERS = (OS.ISSUED.value, OS.REPORTED.value)
#: The score (0–100) from which failures lead to rectification rather than failure.
PASS_MARK = Decimal(60)
#: Days a venue gets to rectify, by default.
DEFAULT_RECTIFY_DAYS = 15


@dataclass(frozen=True)
class ItemAnswer:
    """An item as recorded: its snapshot of the checklist and the inspector's answer."""

    key: int  # the inspection item's id (or the checklist item's, before saving)
    text: str
    kind: str
    weight: Decimal = Decimal(1)
    serious: bool = False
    max_score: Decimal | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    passed: bool | None = None
    score: Decimal | None = None
    number: Decimal | None = None


def item_failed(item: ItemAnswer) -> bool | None:
    """Whether an answered item falls short (None: not answered, or a text item)."""
    kind = ItemKind(item.kind)
    if kind is ItemKind.PASS_FAIL:
        return None if item.passed is None else not item.passed
    if kind is ItemKind.SCORE:
        if item.score is None or not item.max_score:
            return None
        return item.score < item.max_score * PASS_MARK / 100
    if kind is ItemKind.NUMBER:
        if item.number is None:
            return None
        return not in_range(item.number, item.min_value, item.max_value)
    return None


def in_range(value: Decimal, low: Decimal | None, high: Decimal | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def item_value(item: ItemAnswer) -> Decimal | None:
    """An item's share of its weight, 0 to 1 (None: not scored)."""
    kind = ItemKind(item.kind)
    if kind is ItemKind.PASS_FAIL and item.passed is not None:
        return Decimal(1 if item.passed else 0)
    if kind is ItemKind.SCORE and item.score is not None and item.max_score:
        return min(max(item.score / item.max_score, Decimal(0)), Decimal(1))
    if kind is ItemKind.NUMBER and item.number is not None:
        return Decimal(1 if in_range(item.number, item.min_value, item.max_value) else 0)
    return None


@dataclass(frozen=True)
class Overall:
    score: Decimal  # 0–100, one decimal
    result: InspectionResult
    failed: tuple[int, ...]  # the keys of the failed items, in order
    serious_failed: tuple[int, ...]


def overall(items: Iterable[ItemAnswer]) -> Overall:
    """The inspection's score, result and failed items (module docstring: the rule)."""
    total = weighted = Decimal(0)
    failed: list[int] = []
    serious: list[int] = []
    for item in items:
        if item_failed(item):
            failed.append(item.key)
            if item.serious:
                serious.append(item.key)
        value = item_value(item)
        if value is not None and item.weight > 0:
            total += item.weight
            weighted += item.weight * value
    score = (weighted * 100 / total if total else Decimal(100)).quantize(
        Decimal("0.1"), ROUND_HALF_UP)
    if serious:
        result = InspectionResult.FAIL
    elif not failed:
        result = InspectionResult.PASS
    elif score >= PASS_MARK:
        result = InspectionResult.RECTIFY
    else:
        result = InspectionResult.FAIL
    return Overall(score, result, tuple(failed), tuple(serious))


def order_number(year: int, n: int) -> str:
    """嘉体巡整〔2026〕第0001号: the bureau's rectification notice numbers, per year."""
    return f"嘉体巡整〔{year}〕第{n:04d}号"
