"""The periodic evaluation report (体育消费券实施效果评估报告) as PDF and .xlsx, from the plain
data of :mod:`jd_admin.reports.evaluation_data`; printed in Chinese whatever the interface
language.

Written the way the bureau reports: 一、概况 (a paragraph with the figures filled in),
二、主要指标 (this period against the previous one, the trend chart), 三、分街镇情况 (table and
chart), 四、分项目情况 (sports, venue types, the top venues), 五、存在问题 (points the figures
show, then ruled lines for the staff to complete), 六、下一步建议 (ruled lines), and the
signature block. The charts are drawn with reportlab.graphics in the bundled font. The .xlsx
carries the same figures, one sheet per section, and a sheet of the sections' texts to fill.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph

from jd_admin.reports import pdf, xlsx
from jd_admin.reports.evaluation_data import BreakdownRow, EvaluationData, Headline, ratio
from jd_admin.reports.fonts import register_fonts
from jd_admin.reports.pdf import FRAME_WIDTH, escape, format_date, styles

Out = BinaryIO | str | Path

SUBSIDY_COLOR = colors.HexColor("#4A7EBB")
CONSUMPTION_COLOR = colors.HexColor("#E67E22")
AXIS_COLOR = colors.HexColor("#555555")
GRID_LIGHT = colors.HexColor("#DDDDDD")
TEN_THOUSAND = Decimal(10000)


# ------------------------------------------------------------------ figures as text

def wan(value: Decimal) -> str:
    """Yuan as 万元 with two decimals: ``2,981.00``."""
    return f"{value / TEN_THOUSAND:,.2f}"


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def times(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}倍"


def change(now: Decimal | int | None, before: Decimal | int | None) -> str:
    """The change against the previous period: +12.5%, -3.0%, — (nothing before)."""
    if now is None or before is None or not before:
        return "—"
    found = ratio(Decimal(now) - Decimal(before), before, "0.001")
    return "—" if found is None else f"{found * 100:+.1f}%"


def period_text_of(since: dt.date, until: dt.date) -> str:
    return f"{format_date(since)}至{format_date(until)}"


def period_text(data: EvaluationData) -> str:
    return period_text_of(data.period_from, data.period_to)


def count(value: int | None) -> str:
    """A count with thousands separators; — when not known in the report's scope."""
    return "—" if value is None else f"{value:,}"


#: The leverage's labels: consumption ÷ face value is the basis of the city's published figure.
LEVERAGE_CITY = "拉动比（带动消费÷券面值，上海市公布口径）"
LEVERAGE_SUBSIDY = "拉动比（带动消费÷政府补贴）"


def overview(data: EvaluationData) -> str:
    """一、概况: the paragraph with the figures filled in."""
    c = data.current
    if c.claims is None:  # a subdistrict's report: claims are made in no 街镇
        claims = f"{period_text(data)}，{data.scope or '本辖区'}定点场馆"
    else:
        claims = (f"{period_text(data)}，全区共领取体育消费券 {c.claims:,} 张，其中已核销 "
                  f"{count(c.claims_redeemed)} 张，核销率 {percent(c.redemption_rate)}。本期")
    expired = ("" if c.expired_unused is None
               else f"本期领取的消费券中已过期未使用 {c.expired_unused:,} 张。")
    return (f"{claims}核销消费券 {c.redemptions:,} 张（{c.redemptions:,} 人次），参与市民 "
            f"{c.citizens:,} 人，涉及定点场馆 {c.venues:,} 家；核销券面值 {wan(c.face_total)} "
            f"万元，其中政府补贴 {wan(c.subsidy)} 万元；带动体育消费 {wan(c.consumption)} 万元，"
            f"拉动比 {times(c.leverage)}（带动消费÷券面值，与上海市公布口径一致；按政府补贴计为 "
            f"{times(c.leverage_subsidy)}）。{expired}")


def headline_rows(data: EvaluationData) -> list[tuple[str, str, str, str]]:
    """(indicator, this period, the previous one, the change) of 主要指标."""
    c, p = data.current, data.previous

    def row(label: str, text_of: Callable[[Headline], str],
            num_of: Callable[[Headline], Decimal | int | None]) -> tuple[str, str, str, str]:
        return (label, text_of(c), text_of(p), change(num_of(c), num_of(p)))

    return [
        row("领取张数", lambda h: count(h.claims), lambda h: h.claims),
        row("核销张数（人次）", lambda h: f"{h.redemptions:,}", lambda h: h.redemptions),
        row("核销率（本期领取中已核销）", lambda h: percent(h.redemption_rate),
            lambda h: h.redemption_rate),
        row("过期未使用张数（本期领取中）", lambda h: count(h.expired_unused),
            lambda h: h.expired_unused),
        row("政府补贴（元）", lambda h: pdf.money(h.subsidy), lambda h: h.subsidy),
        row("券面值合计（元）", lambda h: pdf.money(h.face_total), lambda h: h.face_total),
        row("带动消费（订单金额，元）", lambda h: pdf.money(h.consumption),
            lambda h: h.consumption),
        row(LEVERAGE_CITY, lambda h: times(h.leverage), lambda h: h.leverage),
        row(LEVERAGE_SUBSIDY, lambda h: times(h.leverage_subsidy),
            lambda h: h.leverage_subsidy),
        row("参与市民（人）", lambda h: f"{h.citizens:,}", lambda h: h.citizens),
        row("参与场馆（家）", lambda h: f"{h.venues:,}", lambda h: h.venues),
    ]


# ------------------------------------------------------------------ charts

def _nice_step(top: float) -> float:
    raw = max(top / 5, 1e-9)
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude:
            return float(m * magnitude)
    return float(10 * magnitude)


def _tick(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:g}"


def _legend(drawing: Drawing, x: float, y: float, items: Sequence[tuple[colors.Color, str]],
            font: str) -> None:
    for color, text in items:
        drawing.add(Rect(x, y, 8, 6, strokeWidth=0, fillColor=color))
        drawing.add(String(x + 11, y, text, fontName=font, fontSize=7.5))
        x += 14 + 7.5 * len(text)


def column_chart(labels: Sequence[str], series: Sequence[tuple[str, colors.Color,
                 Sequence[float]]], unit: str, width: float = FRAME_WIDTH,
                 height: float = 62 * mm) -> Drawing:
    """Grouped columns: one group per label, one column per series, a y axis in ``unit``."""
    font = register_fonts()
    drawing = Drawing(width, height)
    left, right, bottom, top = 42.0, 6.0, 20.0, 20.0
    plot_w, plot_h = width - left - right, height - bottom - top
    highest = max([v for _n, _c, values in series for v in values] + [0.0])
    step = _nice_step(highest * 1.1 if highest else 1.0)
    y_max = step * max(math.ceil(highest * 1.1 / step), 1)
    tick = 0.0
    while tick <= y_max + step / 1000:
        y = bottom + plot_h * tick / y_max
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID_LIGHT, strokeWidth=0.4))
        drawing.add(String(left - 3, y - 2.5, _tick(tick), fontName=font, fontSize=7,
                           textAnchor="end", fillColor=AXIS_COLOR))
        tick += step
    n = max(len(labels), 1)
    slot = plot_w / n
    group_w = slot * 0.75
    bar_w = group_w / max(len(series), 1)
    every = 1 if n <= 16 else math.ceil(n / 16)
    for i, label in enumerate(labels):
        x0 = left + i * slot + (slot - group_w) / 2
        for k, (_name, color, values) in enumerate(series):
            value = values[i]
            if value > 0:
                drawing.add(Rect(x0 + k * bar_w, bottom, bar_w * 0.92, plot_h * value / y_max,
                                 strokeWidth=0, fillColor=color))
        if i % every == 0:
            drawing.add(String(left + i * slot + slot / 2, bottom - 10, label, fontName=font,
                               fontSize=6.5, textAnchor="middle", fillColor=AXIS_COLOR))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=AXIS_COLOR,
                     strokeWidth=0.6))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=AXIS_COLOR,
                     strokeWidth=0.6))
    drawing.add(String(left - 3, bottom + plot_h + 7, unit, fontName=font, fontSize=7,
                       textAnchor="end", fillColor=AXIS_COLOR))
    _legend(drawing, left + 8, height - 9, [(c, name) for name, c, _v in series], font)
    return drawing


def bar_chart(labels: Sequence[str], series: Sequence[tuple[str, colors.Color,
              Sequence[float]]], unit: str, width: float = FRAME_WIDTH) -> Drawing:
    """Horizontal grouped bars: one row per label (top to bottom), an x axis in ``unit``."""
    font = register_fonts()
    row_h = 9.0 * max(len(series), 1) + 5
    left, right, bottom, top = 70.0, 40.0, 16.0, 16.0
    height = bottom + top + row_h * max(len(labels), 1)
    drawing = Drawing(width, height)
    plot_w = width - left - right
    highest = max([v for _n, _c, values in series for v in values] + [0.0])
    step = _nice_step(highest * 1.05 if highest else 1.0)
    x_max = step * max(math.ceil(highest * 1.05 / step), 1)
    tick = 0.0
    plot_top = height - top
    while tick <= x_max + step / 1000:
        x = left + plot_w * tick / x_max
        drawing.add(Line(x, bottom, x, plot_top, strokeColor=GRID_LIGHT, strokeWidth=0.4))
        drawing.add(String(x, bottom - 9, _tick(tick), fontName=font, fontSize=6.5,
                           textAnchor="middle", fillColor=AXIS_COLOR))
        tick += step
    for i, label in enumerate(labels):
        y_top = plot_top - i * row_h - 2.5
        drawing.add(String(left - 4, y_top - row_h / 2 - 1, label, fontName=font, fontSize=7.5,
                           textAnchor="end"))
        for k, (_name, color, values) in enumerate(series):
            value = values[i]
            y = y_top - (k + 1) * 9.0
            w = plot_w * value / x_max
            if value > 0:
                drawing.add(Rect(left, y, w, 7.5, strokeWidth=0, fillColor=color))
                drawing.add(String(left + w + 2, y + 1.5, _tick(value) if value >= 10
                                   else f"{value:.2f}", fontName=font, fontSize=6,
                                   fillColor=AXIS_COLOR))
    drawing.add(Line(left, bottom, left, plot_top, strokeColor=AXIS_COLOR, strokeWidth=0.6))
    drawing.add(String(left + plot_w, height - 10, f"单位：{unit}", fontName=font,
                       fontSize=7, textAnchor="end", fillColor=AXIS_COLOR))
    _legend(drawing, left, height - 10, [(c, name) for name, c, _v in series], font)
    return drawing


def trend_chart(data: EvaluationData) -> Drawing:
    return column_chart(
        [p.label for p in data.series],
        [("政府补贴", SUBSIDY_COLOR, [float(p.subsidy / TEN_THOUSAND) for p in data.series]),
         ("带动消费", CONSUMPTION_COLOR,
          [float(p.consumption / TEN_THOUSAND) for p in data.series])],
        "万元")


def subdistrict_chart(rows: Sequence[BreakdownRow]) -> Drawing:
    return bar_chart(
        [r.name for r in rows],
        [("政府补贴", SUBSIDY_COLOR, [float(r.subsidy / TEN_THOUSAND) for r in rows]),
         ("带动消费", CONSUMPTION_COLOR, [float(r.consumption / TEN_THOUSAND) for r in rows])],
        "万元")


# ------------------------------------------------------------------ tables

def breakdown_table(name: str, rows: Sequence[BreakdownRow], total: Headline | None = None,
                    *, citizens: bool = False, venues: bool = True) -> Flowable:
    """A breakdown's table: redemptions, subsidy, consumption, leverage (÷ face value, the
    city's basis, and ÷ subsidy: the note under 主要指标 says so), and the distinct
    citizens (not additive: only where counted) and venues when asked; a total row."""
    header = [name, "核销张数", "政府补贴（元）", "带动消费（元）", "拉动比*", "补贴拉动比*"]
    widths = [30 * mm, 18 * mm, 25 * mm, 26 * mm, 15 * mm, 18 * mm]
    if citizens:
        header.append("参与市民")
        widths.append(17 * mm)
    if venues:
        header.append("场馆数")
        widths.append(14 * mm)
    widths[0] += FRAME_WIDTH - sum(widths)

    def cells(r: BreakdownRow | Headline, label: str) -> list[str]:
        out = [label, f"{r.redemptions:,}", pdf.money(r.subsidy), pdf.money(r.consumption),
               times(r.leverage), times(r.leverage_subsidy)]
        if citizens:
            out.append(f"{r.citizens:,}")
        if venues:
            out.append(f"{r.venues:,}")
        return out

    body = [cells(r, r.name) for r in rows]
    if total is not None:
        body.append(cells(total, "合计"))
    return pdf.RowTable(header, body, widths, ("LEFT", *["RIGHT"] * (len(header) - 1)),
                        bold_last=total is not None)


def _blank(lines: int) -> list[Flowable]:
    s = styles()
    return [Paragraph("（以下由经办人员填写）", s.small), pdf.writing_lines(lines, FRAME_WIDTH)]


def evaluation_flowables(data: EvaluationData) -> list[Flowable]:
    s = styles()
    c = data.current
    out: list[Flowable] = [
        Paragraph(escape(data.title), s.title),
        Paragraph(escape(f"统计期间：{period_text(data)}"), s.subtitle),
        pdf.spacer(2),
        pdf.heading("一、概况"),
        Paragraph(escape(overview(data)), s.body_indent),
        *_blank(2),
        pdf.heading("二、主要指标"),
    ]
    rows = headline_rows(data)
    widths = [62 * mm, 38 * mm, 38 * mm]
    widths.append(FRAME_WIDTH - sum(widths))
    out.append(pdf.RowTable(("指标", "本期", "上期", "环比变化"), [list(r) for r in rows],
                            widths, ("LEFT", "RIGHT", "RIGHT", "RIGHT")))
    out.append(pdf.spacer(2))
    out.append(Paragraph(escape(
        f"注：上期为{period_text_of(data.previous_from, data.previous_to)}。核销率为本期领取的"
        "消费券中截至报告生成时已核销的比例，过期未使用为其中已过有效期仍未核销的张数。拉动比"
        "以券面值为分母（带动消费÷核销券面值，与上海市公布口径一致：2025年上半年核销消费券"
        "2,981万元带动消费9,104万元，拉动比3.1倍）；券面值为政府补贴与场馆让利之和，以政府补贴"
        "为分母的拉动比另列。下文各表中“拉动比*”按券面值、“补贴拉动比*”按政府补贴计。"
        + ("" if data.current.claims is not None else
           "领取在市级平台进行、不属于任何街镇，街镇报告不含领取、核销率和过期未使用。")),
        s.small))
    unit = "每日" if data.series_unit == "日" else "每月"
    out.append(KeepTogether([
        pdf.heading(f"{unit}政府补贴与带动消费"),
        trend_chart(data),
    ]))
    out += [CondPageBreak(60 * mm), pdf.heading("三、分街镇情况")]
    out.append(breakdown_table("街镇", data.subdistricts, c, citizens=True))
    out.append(pdf.spacer(3))
    out.append(KeepTogether([subdistrict_chart(data.subdistricts)]))
    out += [CondPageBreak(60 * mm), pdf.heading("四、分项目情况")]
    out.append(breakdown_table("运动项目", data.sports, c))
    if data.venue_types:
        out += [pdf.spacer(3), Paragraph("按场馆类型：", s.cell_label),
                breakdown_table("场馆类型", data.venue_types, c)]
    if data.top_venues:
        out += [pdf.spacer(3), Paragraph(f"核销量前 {len(data.top_venues)} 名的定点场馆：",
                                         s.cell_label),
                breakdown_table("场馆", data.top_venues, venues=False)]
    out += [CondPageBreak(50 * mm), pdf.heading("五、存在问题")]
    if data.observations:
        out += pdf.numbered_items(list(data.observations))
    out += _blank(6)
    out += [CondPageBreak(50 * mm), pdf.heading("六、下一步建议"), *_blank(6)]
    out.append(pdf.spacer(6))
    out.append(pdf.plain_table(
        [[f"填报单位：嘉定区{data.scope or '体育局'}", "审核人：", f"日期：{pdf.BLANK_DATE}"]],
        [70 * mm, 45 * mm, FRAME_WIDTH - 115 * mm]))
    out.append(pdf.spacer(2))
    out.append(Paragraph(escape(f"生成时间：{pdf.format_datetime(data.printed_at)}"), s.small))
    return out


def write_evaluation_pdf(data: EvaluationData, out: Out, invariant: bool = False) -> None:
    pdf.build(evaluation_flowables(data), f"{data.kind}评估报告", out, invariant)


# ------------------------------------------------------------------ xlsx

def _breakdown_sheet(title: str, name: str, rows: Sequence[BreakdownRow],
                     citizens: bool = False) -> xlsx.Sheet:
    headers = [name, "核销张数", "政府补贴（元）", "券面值（元）", "带动消费（元）",
               LEVERAGE_CITY, LEVERAGE_SUBSIDY, "场馆数"]
    values = [[r.name, r.redemptions, r.subsidy, r.face_total, r.consumption, r.leverage,
               r.leverage_subsidy, r.venues] for r in rows]
    if citizens:
        headers.append("参与市民")
        for v, r in zip(values, rows, strict=True):
            v.append(r.citizens)
    return xlsx.Sheet(title, headers, values, (24, 12, 16, 16, 16, 18, 16, 10, 12))


def write_evaluation_xlsx(data: EvaluationData, out: Out) -> None:
    """The same figures as the PDF, one sheet per section, and 文字说明 to fill in."""
    c, p = data.current, data.previous
    numbers = [
        ("领取张数", c.claims, p.claims), ("其中已核销", c.claims_redeemed, p.claims_redeemed),
        ("核销率", c.redemption_rate, p.redemption_rate),
        ("核销张数（人次）", c.redemptions, p.redemptions),
        ("过期未使用张数（本期领取中）", c.expired_unused, p.expired_unused),
        ("政府补贴（元）", c.subsidy, p.subsidy), ("券面值合计（元）", c.face_total, p.face_total),
        ("带动消费（订单金额，元）", c.consumption, p.consumption),
        (LEVERAGE_CITY, c.leverage, p.leverage),
        (LEVERAGE_SUBSIDY, c.leverage_subsidy, p.leverage_subsidy),
        ("参与市民（人）", c.citizens, p.citizens), ("参与场馆（家）", c.venues, p.venues),
        ("预警条数", data.warnings_raised, None), ("其中未结案", data.warnings_open, None),
        ("价格与备案不符的场馆项目", data.price_outliers, None),
    ]
    sheets = [
        xlsx.Sheet("主要指标", ("指标", f"本期 {data.period_from}至{data.period_to}",
                                f"上期 {data.previous_from}至{data.previous_to}"),
                   numbers, (30, 24, 24)),
        xlsx.Sheet(f"{data.series_unit}度走势" if data.series_unit == "月" else "每日走势",
                   ("期间", "起始日", "核销张数", "政府补贴（元）", "带动消费（元）"),
                   [(pt.label, pt.start, pt.redemptions, pt.subsidy, pt.consumption)
                    for pt in data.series], (10, 12, 12, 16, 16)),
        _breakdown_sheet("分街镇", "街镇", data.subdistricts, citizens=True),
        _breakdown_sheet("分项目", "运动项目", data.sports),
        _breakdown_sheet("分场馆类型", "场馆类型", data.venue_types),
        _breakdown_sheet("核销量前列场馆", "场馆", data.top_venues),
        xlsx.Sheet("文字说明", ("部分", "系统生成", "经办人员填写"), [
            ("一、概况", overview(data), ""),
            *[("五、存在问题", text, "") for text in data.observations],
            ("五、存在问题", "", ""),
            ("六、下一步建议", "", ""),
        ], (14, 80, 60)),
    ]
    xlsx.write_sheets(out if not isinstance(out, Path) else str(out), sheets)
