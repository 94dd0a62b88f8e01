"""Plain data of the inspection outputs (监督巡查): the inspection record (场馆监督巡查记录), the
rectification notice (整改通知书) and the period summary by subdistrict (监督巡查情况汇总).

Gathered by the inspection services (no queries here) and laid out by
:mod:`jd_admin.reports.inspection`. Labels already in Chinese; dates as ``dt.date``, moments
as aware datetimes (printed in Asia/Shanghai local time). Nothing here is money.

The small ``*_text`` helpers at the end turn an item's raw result into the ``result_text`` the
record prints, so every gatherer words results the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BUREAU = "嘉定区体育局"

RESULT_PASSED_LABEL = "合格"
"""The overall result that needs nothing further; any other result label is printed in red."""


# ------------------------------------------------------------------ inspection record


@dataclass(frozen=True)
class ReportPhoto:
    """A photo taken on site, as a JPEG already upright (EXIF orientation applied) and
    reasonably sized (the PDF embeds the bytes as they are: ~1600 px on the long side is
    plenty for print)."""

    jpeg: bytes
    width: int  # pixels, of the JPEG as stored
    height: int
    caption: str  # "" for none


@dataclass(frozen=True)
class ReportItem:
    """One checklist item of an inspection and its result, in checklist order."""

    area_label: str  # 健身环境 / 教练 / 项目 / 价格 / 服务 / 防疫 / 安全
    text: str  # the item as worded in the checklist
    kind: str  # pass_fail / score / measure / text (how it is answered; informative only)
    result_text: str  # e.g. "合格", "不合格", "7 / 10 分", "26.5 ℃（应为 18–26 ℃）"; "" unanswered
    passed: bool | None  # None: a text item, not applicable or not answered
    note: str  # the inspector's remark on the item
    serious: bool  # a serious finding (严重问题)
    photos: tuple[ReportPhoto, ...]


@dataclass(frozen=True)
class OrderReference:
    """The rectification order an inspection led to."""

    number: str  # 嘉体巡整〔2026〕第0001号
    deadline: dt.date
    status_label: str  # 待整改 / 已提交整改报告 / 已复查合格 / 逾期未整改 …


@dataclass(frozen=True)
class InspectionReportData:
    """场馆监督巡查记录 of one inspection."""

    inspection_id: int
    number: str  # the inspection's own number as shown in the program ("" if none)
    venue_name: str
    venue_address: str
    subdistrict: str  # 街镇 label
    inspected_at: dt.datetime  # aware
    inspectors: tuple[str, ...]  # names
    venue_present: str  # the venue's person present, e.g. "李明（场馆经理）"; "" none
    announced: bool  # False: unannounced (不预先通知)
    template_name: str  # the checklist used
    template_version: int
    items: tuple[ReportItem, ...]
    score: Decimal | None  # the overall score, None if the checklist has no scored items
    max_score: Decimal | None
    result_label: str  # 合格 / 限期整改 / 不合格; "" not yet concluded
    rectify_by: dt.date | None  # the deadline set for rectification
    order: OrderReference | None
    remarks: str  # the inspectors' overall opinion (巡查意见), "" none
    submitted_by: str  # "" not yet submitted
    submitted_at: dt.datetime | None  # None: a draft (printed with a 草稿 watermark)
    printed_at: dt.datetime

    @property
    def failed_items(self) -> tuple[ReportItem, ...]:
        return tuple(item for item in self.items if item.passed is False)


# ------------------------------------------------------------------ rectification notice


@dataclass(frozen=True)
class NoticeFinding:
    """A failed item as the notice states it."""

    area_label: str
    text: str
    note: str  # what was found
    serious: bool


@dataclass(frozen=True)
class RectificationNoticeData:
    """整改通知书: the order to a venue to rectify what an inspection found, by a deadline."""

    number: str  # 嘉体巡整〔2026〕第0001号
    venue_name: str
    venue_address: str
    venue_person: str  # legal representative or contact, e.g. "王强（法定代表人）"; "" none
    inspection_date: dt.date
    inspection_number: str  # "" if none
    findings: tuple[NoticeFinding, ...]
    deadline: dt.date
    issued_on: dt.date | None  # None: not yet issued (printed with a 草稿 watermark)
    obligations: tuple[str, ...]  # the venue's obligations, one a line; () the standard ones
    status_label: str  # the order's state, printed in the small print only
    bureau_contact: str  # "联系人：赵敏　联系电话：021-5999 0000"; "" none
    printed_at: dt.datetime
    bureau_name: str = BUREAU


# ------------------------------------------------------------------ period summary


@dataclass(frozen=True)
class SubdistrictRow:
    """A subdistrict's inspections concluded in the period, by result, and its orders."""

    subdistrict: str
    inspections: int
    passed: int
    rectify: int  # 限期整改
    failed: int  # 不合格
    open_orders: int  # rectification orders not closed at the end of the period
    overdue_orders: int  # of which past their deadline

    @property
    def pass_rate(self) -> Decimal | None:
        """Passed ÷ inspections in per cent, one decimal (None without inspections)."""
        return percent(self.passed, self.inspections)


@dataclass(frozen=True)
class FailureCount:
    """A checklist item and how many inspections of the period found it failed."""

    text: str
    area_label: str
    count: int


@dataclass(frozen=True)
class InspectionSummaryData:
    """监督巡查情况汇总 of a period."""

    period_from: dt.date
    period_to: dt.date  # inclusive
    scope_label: str  # 全区, or the subdistrict a subdistrict user sees
    rows: tuple[SubdistrictRow, ...]
    common_failures: tuple[FailureCount, ...]  # most frequent first
    printed_at: dt.datetime

    @property
    def total(self) -> SubdistrictRow:
        rows = self.rows
        return SubdistrictRow(
            "合计",
            sum(r.inspections for r in rows), sum(r.passed for r in rows),
            sum(r.rectify for r in rows), sum(r.failed for r in rows),
            sum(r.open_orders for r in rows), sum(r.overdue_orders for r in rows))


# ------------------------------------------------------------------ wording helpers


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole`` in per cent rounded half up to one decimal; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def number_text(value: Decimal | int) -> str:
    """``7``, ``7.5``, ``26.25``: no trailing zeros, no exponent."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text


def pass_fail_text(passed: bool | None) -> str:
    return {True: "合格", False: "不合格", None: "不适用"}[passed]


def score_text(score: Decimal | int, maximum: Decimal | int) -> str:
    """``7 / 10 分``."""
    return f"{number_text(score)} / {number_text(maximum)} 分"


def measure_text(value: Decimal, unit: str, low: Decimal | None, high: Decimal | None) -> str:
    """A measured value and its acceptable range: ``26.5 ℃（应为 18–26 ℃）``,
    ``0.3 mg/L（应不低于 0.5 mg/L）``; just the value when no range is set."""
    unit_part = f" {unit}" if unit else ""
    shown = f"{number_text(value)}{unit_part}"
    if low is not None and high is not None:
        wanted = f"应为 {number_text(low)}–{number_text(high)}{unit_part}"
    elif low is not None:
        wanted = f"应不低于 {number_text(low)}{unit_part}"
    elif high is not None:
        wanted = f"应不高于 {number_text(high)}{unit_part}"
    else:
        return shown
    return f"{shown}（{wanted}）"
