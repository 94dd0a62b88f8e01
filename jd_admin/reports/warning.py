"""The warning verification sheet (预警核查单, PDF) from the plain data of
:mod:`jd_admin.reports.warning_data`; printed in Chinese whatever the interface language.

The header block (venue, subdistrict, signal, explanation, figures), the venue's daily use
around the day as a bar chart (reportlab.graphics: a bar a day, the alert line as a step line,
the flagged days' bars red), the vouchers concerned (masked citizens), the finding and the
decision (printed when decided, else ruled lines and boxes to fill in by hand) and the
signature block (核查人, 负责人).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Table,
    TableStyle,
)

from jd_admin.reports import pdf
from jd_admin.reports.fonts import BOLD, register_fonts
from jd_admin.reports.pdf import BLANK_DATE, FRAME_WIDTH, escape, format_date, styles
from jd_admin.reports.warning_data import SheetDay, SheetVoucher, WarningSheetData

Out = BinaryIO | str | Path

TITLE = "预警核查单"
BAR_COLOR = colors.HexColor("#4A7EBB")
FLAGGED_COLOR = colors.HexColor("#C0392B")
LINE_COLOR = colors.HexColor("#E67E22")
AXIS_COLOR = colors.HexColor("#555555")
GRID_LIGHT = colors.HexColor("#DDDDDD")
CHART_HEIGHT = 62 * mm
DECISION_OPTIONS = ("不予结算所涉消费券（从结算中核减）", "责令整改（通过监督巡查）",
                    "暂停定点场馆资格")


def _style(name: str, parent: ParagraphStyle, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **kw)


def _nice_step(top: float) -> int:
    """A round tick step giving about five ticks up to ``top``."""
    raw = max(top / 5, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude:
            return int(m * magnitude)
    return int(10 * magnitude)


def daily_chart(days: Sequence[SheetDay], width: float = FRAME_WIDTH,
                height: float = CHART_HEIGHT) -> Drawing:
    """The bar chart: a bar a day (red when flagged), the alert line, axes and a legend."""
    font = register_fonts()
    drawing = Drawing(width, height)
    left, right, bottom, top = 30.0, 8.0, 26.0, 18.0
    plot_w, plot_h = width - left - right, height - bottom - top
    highest = max([d.count for d in days] + [d.limit or 0 for d in days] + [1])
    step = _nice_step(highest * 1.1)
    y_max = step * math.ceil(highest * 1.1 / step)

    def y_of(value: float) -> float:
        return bottom + plot_h * value / y_max

    for tick in range(0, y_max + 1, step):
        y = y_of(tick)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID_LIGHT, strokeWidth=0.4))
        drawing.add(String(left - 3, y - 2.5, str(tick), fontName=font, fontSize=7,
                           textAnchor="end", fillColor=AXIS_COLOR))
    n = max(len(days), 1)
    slot = plot_w / n
    bar_w = slot * 0.7
    label_every = 1 if n <= 16 else 2 if n <= 35 else math.ceil(n / 16)
    for i, d in enumerate(days):
        x = left + i * slot + (slot - bar_w) / 2
        if d.count:
            drawing.add(Rect(x, bottom, bar_w, y_of(d.count) - bottom, strokeWidth=0,
                             fillColor=FLAGGED_COLOR if d.flagged else BAR_COLOR))
        if d.flagged:
            drawing.add(String(x + bar_w / 2, y_of(d.count) + 2, str(d.count), fontName=BOLD,
                               fontSize=7, textAnchor="middle", fillColor=FLAGGED_COLOR))
        if i % label_every == 0:
            drawing.add(String(x + bar_w / 2, bottom - 9, f"{d.day.month}/{d.day.day}",
                               fontName=font, fontSize=6.5, textAnchor="middle",
                               fillColor=AXIS_COLOR))
        if d.flagged:  # a second row, so it never overlaps the day labels
            drawing.add(String(x + bar_w / 2, bottom - 19, f"▲{d.day.month}/{d.day.day}",
                               fontName=BOLD, fontSize=6.5, textAnchor="middle",
                               fillColor=FLAGGED_COLOR))
    # the alert line: a step line across each day's slot (lines change by date)
    run: list[float] = []
    for i, d in enumerate(days):
        if d.limit is None:
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=LINE_COLOR, strokeWidth=1.3))
            run = []
            continue
        y = y_of(d.limit)
        run += [left + i * slot, y, left + (i + 1) * slot, y]
    if len(run) >= 4:
        drawing.add(PolyLine(run, strokeColor=LINE_COLOR, strokeWidth=1.3))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=AXIS_COLOR,
                     strokeWidth=0.6))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=AXIS_COLOR,
                     strokeWidth=0.6))
    drawing.add(String(left - 3, bottom + plot_h + 6, "张", fontName=font, fontSize=7,
                       textAnchor="end", fillColor=AXIS_COLOR))
    # the legend, top right
    x = left + plot_w - 190
    y = height - 10
    for color, text, is_line in ((BAR_COLOR, "每日核销张数", False),
                                 (FLAGGED_COLOR, "预警日", False),
                                 (LINE_COLOR, "警戒线", True)):
        if is_line:
            drawing.add(Line(x, y + 2.5, x + 12, y + 2.5, strokeColor=color, strokeWidth=1.3))
        else:
            drawing.add(Rect(x + 2, y, 8, 6, strokeWidth=0, fillColor=color))
        drawing.add(String(x + 15, y, text, fontName=font, fontSize=7.5, fillColor=colors.black))
        x += 70
    return drawing


def _voucher_rows(vouchers: Sequence[SheetVoucher]) -> list[list[str]]:
    return [[str(n), v.code, v.citizen_masked, pdf.format_datetime(v.redeemed_at, ""), v.sport,
             pdf.money(v.face_value), "" if v.order_amount is None else pdf.money(v.order_amount)]
            for n, v in enumerate(vouchers, start=1)]


VOUCHER_HEADER = ("序号", "券码", "领券市民", "核销时间", "项目", "面值（元）", "订单金额（元）")
VOUCHER_WIDTHS = [12 * mm, 36 * mm, 28 * mm, 30 * mm, 22 * mm, 18 * mm,
                  FRAME_WIDTH - 146 * mm]


def _box(checked: bool) -> str:
    return "■" if checked else "□"  # (the bundled font has no ☐ ☑)


def _conclusion(data: WarningSheetData) -> list[Flowable]:
    s = styles()
    if data.decided:
        result = "确认违规" if data.violation else "核查正常"
        red = _style("jd-warn-violation", s.cell_bold, textColor=pdf.ALERT_COLOR)
        rows: list[Sequence[tuple[str, pdf.Cell]]] = [
            (("核查结论", Paragraph(escape(result), red if data.violation else s.cell_bold)),
             ("结案", f"{data.closed_by}　{pdf.format_datetime(data.closed_at, '')}")),
            (("核查情况", data.finding or "—"),),
            (("处理决定", data.decision or "无"),),
        ]
        return pdf.key_value_grid(rows, label_width=24 * mm)
    boxes = _style("jd-warn-boxes", s.body, leading=20)
    out: list[Flowable] = [
        Paragraph("核查情况：", s.cell_label),
        pdf.writing_lines(4, FRAME_WIDTH),
        pdf.spacer(3),
        Paragraph(f"核查结论：　{_box(False)} 核查正常　　{_box(False)} 确认违规", boxes),
        Paragraph("处理决定（确认违规时填写，可多选）：", boxes),
    ]
    out += [Paragraph(f"　　{_box(False)} {escape(option)}", boxes) for option in DECISION_OPTIONS]
    out += [Paragraph("其他 / 说明：", boxes), pdf.writing_lines(2, FRAME_WIDTH)]
    return out


def _signatures() -> Table:
    s = styles()
    half = FRAME_WIDTH / 2
    date_style = _style("jd-warn-sign-date", s.body, alignment=TA_CENTER)
    table = Table(
        [[Paragraph(h, s.cell_header) for h in ("核查人（签字）", "负责人（签字）")],
         ["", ""],
         [Paragraph(f"日期：{BLANK_DATE}", date_style),
          Paragraph(f"日期：{BLANK_DATE}", date_style)]],
        colWidths=[half, half], rowHeights=[None, 20 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("GRID", (0, 0), (-1, -1), 0.5, pdf.GRID_COLOR),
        ("BACKGROUND", (0, 0), (-1, 0), pdf.LABEL_BACKGROUND),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 2), (-1, 2), 5),
        ("BOTTOMPADDING", (0, 2), (-1, 2), 6),
    ]))
    return table


def _period(data: WarningSheetData) -> str:
    if data.period_end is None or data.period_end == data.day:
        return format_date(data.day)
    return f"{format_date(data.day)} 至 {format_date(data.period_end)}"


def warning_sheet_flowables(data: WarningSheetData) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        Paragraph(f"{pdf.ISSUER}体育消费券定点场馆{TITLE}", s.title),
        Paragraph(escape(f"编号：{data.number}　　状态：{data.status_label}"), s.subtitle),
        pdf.spacer(2),
    ]
    figures = "；".join(f"{label} {value}" for label, value in data.figures) or "—"
    rows: list[Sequence[tuple[str, pdf.Cell]]] = [
        (("场馆名称", data.venue_name),),
        (("场馆地址", data.venue_address or "—"),),
        (("所属街镇", data.subdistrict or "—"), ("预警日期", _period(data))),
        (("预警信号", data.signal_label), ("生成时间", pdf.format_datetime(data.raised_at))),
        (("预警说明", data.explanation),),
        (("数据", figures),),
    ]
    if data.evidence.strip():
        rows.append((("证据", data.evidence),))
    rows.append((("核查人员", data.assigned_to or "—"),
                 ("涉及消费券", f"{data.voucher_count} 张")))
    out += pdf.key_value_grid(rows, label_width=24 * mm)

    if data.days:
        first, last = data.days[0].day, data.days[-1].day
        out.append(KeepTogether([
            pdf.heading(f"每日核销情况（{format_date(first)} 至 {format_date(last)}）"),
            daily_chart(data.days),
        ]))
    # the table starts under the chart, not on a new page (keep-with-next would move a table
    # longer than the rest of the page to the next one): the heading only needs a few rows
    vouchers_heading = pdf.heading("涉及的消费券")
    vouchers_heading.keepWithNext = 0
    out += [CondPageBreak(30 * mm), vouchers_heading]
    if data.vouchers:
        out.append(pdf.RowTable(VOUCHER_HEADER, _voucher_rows(data.vouchers), VOUCHER_WIDTHS,
                                ("CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT")))
        if data.totals is not None:
            face, subsidy, orders = data.totals
            out.append(Paragraph(escape(
                f"合计 {data.voucher_count} 张：面值 {face:,.2f} 元，"
                f"其中政府补贴 {subsidy:,.2f} 元；订单金额 {orders:,.2f} 元。"), s.body))
        if data.voucher_count > len(data.vouchers):
            out.append(Paragraph(escape(
                f"共 {data.voucher_count} 张，以上列出前 {len(data.vouchers)} 张。"), s.small))
        out.append(Paragraph("领券市民仅显示脱敏号码。", s.small))
    else:
        out.append(pdf.para("无" if data.voucher_count == 0
                            else f"共 {data.voucher_count} 张（明细未列出）", s.body_indent))
    conclusion = _conclusion(data)
    out.append(KeepTogether([pdf.heading("核查情况与处理决定"), *conclusion[:2]]))
    if conclusion[2:]:
        out.append(KeepTogether(conclusion[2:]))
    out.append(KeepTogether([pdf.heading("签字确认"), _signatures()]))
    out.append(pdf.spacer(2))
    out.append(Paragraph(escape(f"打印时间：{pdf.format_datetime(data.printed_at)}"), s.small))
    return out


def write_warning_sheet_pdf(data: WarningSheetData, out: Out, invariant: bool = False) -> None:
    venue = data.venue_name if len(data.venue_name) <= 26 else data.venue_name[:25] + "…"
    pdf.build(warning_sheet_flowables(data), f"{TITLE}　{venue}", out, invariant)
