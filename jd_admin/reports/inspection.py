"""Inspection outputs (监督巡查): the inspection record (场馆监督巡查记录, PDF), the
rectification notice (整改通知书, PDF) and the period summary by subdistrict (监督巡查情况汇总,
PDF and .xlsx). Built from the plain data of :mod:`jd_admin.reports.inspection_data`; printed in
Chinese whatever the interface language.

The record lists every item by area (one table per area whose first row names the area and
the columns and repeats when the area continues on the next page; a failed row is shaded and
its result red, a serious finding says so), then the photos two to a row, grouped under the
item they document (the item's line stays with its first row of photos), then the conclusion
and a signature block.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Table,
    TableStyle,
)

from jd_admin.reports import pdf
from jd_admin.reports.fonts import BOLD, register_fonts
from jd_admin.reports.inspection_data import (
    RESULT_PASSED_LABEL,
    FailureCount,
    InspectionReportData,
    InspectionSummaryData,
    RectificationNoticeData,
    ReportItem,
    ReportPhoto,
    SubdistrictRow,
    number_text,
)
from jd_admin.reports.pdf import BLANK_DATE, FRAME_WIDTH, escape, format_date, styles
from jd_admin.reports.xlsx import Sheet, write_sheets

Out = BinaryIO | str | Path

REPORT_TITLE = "场馆监督巡查记录"
NOTICE_TITLE = "整改通知书"
SUMMARY_TITLE = "监督巡查情况汇总表"
DRAFT = "草稿"

FAILED_BACKGROUND = colors.HexColor("#FBE9E9")
PHOTO_GAP = 6 * mm
PHOTO_WIDTH = (FRAME_WIDTH - PHOTO_GAP) / 2
PHOTO_MAX_HEIGHT = 78 * mm
"""A photo fits a box half the frame wide (82 mm) and this high, its aspect kept: a landscape
4:3 photo prints 82 × 61 mm, a portrait one 58 × 78 mm."""


def _style(name: str, parent: ParagraphStyle, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **kw)


def _red(style: ParagraphStyle, name: str) -> ParagraphStyle:
    return _style(name, style, fontName=BOLD, textColor=pdf.ALERT_COLOR)


def _dt(value: Any) -> str:
    return pdf.format_datetime(value, "")


# ------------------------------------------------------------------ inspection record


def _areas(items: Sequence[ReportItem]) -> list[tuple[str, list[ReportItem]]]:
    """Items grouped by area, areas in the order they first appear, items in their order."""
    groups: dict[str, list[ReportItem]] = {}
    for item in items:
        groups.setdefault(item.area_label, []).append(item)
    return list(groups.items())


def _numbered(items: Sequence[ReportItem]) -> list[tuple[str, str, ReportItem]]:
    """(item number "2.3", area label, item) in printed order."""
    out = []
    for a, (area, group) in enumerate(_areas(items), start=1):
        out += [(f"{a}.{i}", area, item) for i, item in enumerate(group, start=1)]
    return out


def _photo_numbers(numbered: Sequence[tuple[str, str, ReportItem]]) -> dict[int, list[int]]:
    """id(item) -> its photos' figure numbers (图1, 图2 … through the record)."""
    numbers: dict[int, list[int]] = {}
    n = 0
    for _no, _area, item in numbered:
        numbers[id(item)] = list(range(n + 1, n + 1 + len(item.photos)))
        n += len(item.photos)
    return numbers


ITEM_WIDTHS = [12 * mm, 74 * mm, 32 * mm, FRAME_WIDTH - 118 * mm]


def _result_cell(item: ReportItem) -> list[Flowable]:
    s = styles()
    text = item.result_text or ("—" if item.passed is None else "")
    if item.passed is False:
        cell: list[Flowable] = [Paragraph(escape(text or "不合格"),
                                          _red(s.cell_center, "jd-insp-fail"))]
    elif item.passed is None:
        cell = [Paragraph(escape(text), _style("jd-insp-na", s.cell_center,
                                               textColor=pdf.MUTED))]
    else:
        cell = [Paragraph(escape(text), s.cell_center)]
    if item.serious and item.passed is False:
        cell.append(Paragraph("★ 严重问题", _red(s.cell_center, "jd-insp-serious")))
    elif item.serious:  # a serious item (严重项) that held: said, not alarmed
        cell.append(Paragraph("★ 严重项", _style("jd-insp-serious-ok", s.cell_center,
                                                textColor=pdf.MUTED)))
    return cell


def _area_table(index: int, area: str, rows: Sequence[tuple[str, str, ReportItem]],
                photo_numbers: dict[int, list[int]]) -> Table:
    s = styles()
    header_left = _style("jd-insp-area", s.cell_label, fontSize=10, leading=13.5)
    failed = sum(1 for _n, _a, item in rows if item.passed is False)
    count = f"（{len(rows)} 项" + (f"，不合格 {failed} 项）" if failed else "）")
    data: list[list[Any]] = [[
        Paragraph(f"{pdf.chinese_number(index)}、{escape(area)}{count}", header_left), "",
        Paragraph("结果", s.cell_header), Paragraph("说明", s.cell_header),
    ]]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("SPAN", (0, 0), (1, 0)),
        ("GRID", (0, 0), (-1, -1), 0.5, pdf.GRID_COLOR),
        ("BACKGROUND", (0, 0), (-1, 0), pdf.HEADER_BACKGROUND),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for r, (number, _area, item) in enumerate(rows, start=1):
        note = escape(item.note)
        figures = photo_numbers.get(id(item), [])
        if figures:
            refs = "、".join(f"图{n}" for n in figures)
            note += ("<br/>" if note else "") + f'<font color="#555555">（照片见{refs}）</font>'
        data.append([
            Paragraph(number, s.cell_center),
            Paragraph(pdf.markup_lines(item.text), s.cell),
            _result_cell(item),
            Paragraph(note.replace("\n", "<br/>"), s.cell),
        ])
        if item.passed is False:
            commands.append(("BACKGROUND", (0, r), (-1, r), FAILED_BACKGROUND))
    table = Table(data, colWidths=ITEM_WIDTHS, repeatRows=1, hAlign="LEFT",
                  splitInRow=pdf.SPLIT_IN_ROW)
    table.setStyle(TableStyle(commands))
    return table


def _photo_flowable(photo: ReportPhoto, max_width: float, max_height: float) -> Flowable:
    """The photo scaled to fit the box with its aspect kept; a note if it cannot be read."""
    s = styles()
    try:
        reader = ImageReader(io.BytesIO(photo.jpeg))
        width, height = reader.getSize()
    except Exception:  # a damaged photo must not stop the record from printing
        return Paragraph("（照片无法显示）", _style("jd-insp-nophoto", s.cell_center,
                                                     textColor=pdf.MUTED))
    if width <= 0 or height <= 0:
        width, height = photo.width or 4, photo.height or 3
    scale = min(max_width / width, max_height / height)
    image = Image(io.BytesIO(photo.jpeg), width=width * scale, height=height * scale)
    image.hAlign = "CENTER"
    return image


def _photo_row(cells: Sequence[tuple[int, ReportPhoto]]) -> Table:
    s = styles()
    caption = _style("jd-insp-caption", s.cell_center, fontSize=8.5, leading=12)
    row: list[Any] = []
    for number, photo in cells:
        text = f"图{number}" + (f"　{escape(photo.caption)}" if photo.caption.strip() else "")
        row.append([_photo_flowable(photo, PHOTO_WIDTH, PHOTO_MAX_HEIGHT),
                    Paragraph(text, caption)])
    while len(row) < 2:
        row.append("")
    table = Table([row], colWidths=[PHOTO_WIDTH + PHOTO_GAP / 2] * 2, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), PHOTO_GAP / 2),
        ("LEFTPADDING", (1, 0), (1, 0), PHOTO_GAP / 2),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _photos(numbered: Sequence[tuple[str, str, ReportItem]],
            photo_numbers: dict[int, list[int]]) -> list[Flowable]:
    s = styles()
    item_line = _style("jd-insp-photo-item", s.cell_label, fontSize=9.5, leading=14,
                       spaceBefore=4, spaceAfter=3)
    out: list[Flowable] = []
    for number, area, item in numbered:
        if not item.photos:
            continue
        result = item.result_text or ("不合格" if item.passed is False else "")
        tail = f"　结果：{escape(result)}" if result else ""
        if item.passed is False:
            tail = f'<font color="#B00000">{tail}</font>'
        line = Paragraph(f"{number}　〔{escape(area)}〕{escape(item.text)}{tail}", item_line)
        pairs = list(zip(photo_numbers[id(item)], item.photos, strict=True))
        rows = [_photo_row(pairs[i:i + 2]) for i in range(0, len(pairs), 2)]
        # the section heading (before the first item) and the item's line stay with its first
        # row of photos
        first: list[Flowable] = [] if out else [pdf.heading("现场照片")]
        out.append(KeepTogether([*first, line, rows[0]]))
        out += rows[1:]
    return out


def _conclusion(data: InspectionReportData) -> list[Flowable]:
    s = styles()
    result = data.result_label or "（未作结论）"
    if data.result_label and data.result_label != RESULT_PASSED_LABEL:
        result_cell: pdf.Cell = Paragraph(escape(result), _red(s.cell, "jd-insp-result-bad"))
    else:
        result_cell = Paragraph(escape(result), s.cell_bold)
    if data.score is not None and data.max_score is not None:
        score = f"{number_text(data.score)} / {number_text(data.max_score)} 分"
    elif data.score is not None:
        score = f"{number_text(data.score)} 分"
    else:
        score = "—"
    failed = data.failed_items
    serious = sum(1 for item in failed if item.serious)
    judged = sum(1 for item in data.items if item.passed is not None)
    counts = f"共 {len(data.items)} 项，判定 {judged} 项，不合格 {len(failed)} 项"
    if serious:
        counts += f"（其中严重问题 {serious} 项）"
    rows: list[Sequence[tuple[str, pdf.Cell]]] = [
        (("巡查结论", result_cell), ("得分", score)),
        (("检查项", counts),),
        (("整改期限", format_date(data.rectify_by, "—")),
         ("整改通知", data.order.number if data.order else "—")),
    ]
    if data.order is not None:
        rows.append((("整改要求", f"限 {format_date(data.order.deadline)} 前整改完毕，"
                                  f"并书面报送整改情况（当前状态：{data.order.status_label}）"),))
    rows.append((("巡查意见", data.remarks.strip() or "无"),))
    return pdf.key_value_grid(rows, label_width=24 * mm)


def _signatures() -> Table:
    s = styles()
    width = FRAME_WIDTH / 3
    date_style = _style("jd-insp-sign-date", s.body, alignment=TA_CENTER)
    table = Table(
        [[Paragraph(h, s.cell_header) for h in ("巡查人员签字", "场馆负责人签字", "日期")],
         ["", "", Paragraph(BLANK_DATE, date_style)]],
        colWidths=[width] * 3, rowHeights=[None, 22 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("GRID", (0, 0), (-1, -1), 0.5, pdf.GRID_COLOR),
        ("BACKGROUND", (0, 0), (-1, 0), pdf.LABEL_BACKGROUND),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
    ]))
    return table


def inspection_report_flowables(data: InspectionReportData) -> list[Flowable]:
    s = styles()
    subtitle = f"巡查编号：{data.number}" if data.number else f"巡查记录号：{data.inspection_id}"
    out: list[Flowable] = [Paragraph(REPORT_TITLE, s.title),
                           Paragraph(escape(subtitle), s.subtitle)]
    if data.submitted_at is None:
        out.append(pdf.status_note("草稿 — 巡查记录尚未提交"))
    out.append(pdf.spacer(2))
    present = data.venue_present.strip() or "无"
    out += pdf.key_value_grid([
        (("场馆名称", data.venue_name),),
        (("场馆地址", data.venue_address or "—"),),
        (("所属街镇", data.subdistrict or "—"), ("巡查时间", _dt(data.inspected_at))),
        (("巡查方式", "事先通知" if data.announced else "不预先通知（暗访）"),
         ("检查表", f"{data.template_name}（第 {data.template_version} 版）")),
        (("巡查人员", "、".join(data.inspectors) or "—"), ("场馆在场人员", present)),
    ], label_width=24 * mm)

    numbered = _numbered(data.items)
    photo_numbers = _photo_numbers(numbered)
    # the items start under the header block, not on a new page (keep-with-next would move
    # an area table longer than the rest of the page to the next one): the heading only
    # needs room for an area's first rows under it
    items_heading = pdf.heading("检查情况")
    items_heading.keepWithNext = 0
    out += [CondPageBreak(40 * mm), items_heading]
    if not data.items:
        out.append(pdf.para("无检查项", s.body_indent))
    for index, (area, _group) in enumerate(_areas(data.items), start=1):
        rows = [row for row in numbered if row[1] == area]
        out.append(_area_table(index, area, rows, photo_numbers))
        out.append(pdf.spacer(2))

    out += _photos(numbered, photo_numbers)

    out.append(KeepTogether([pdf.heading("巡查结论"), *_conclusion(data)]))
    out.append(KeepTogether([pdf.heading("签字确认"), _signatures()]))
    out.append(pdf.spacer(2))
    submitted = (f"提交：{data.submitted_by}　{_dt(data.submitted_at)}　　"
                 if data.submitted_at is not None else "")
    out.append(Paragraph(escape(f"{submitted}打印时间：{_dt(data.printed_at)}"), s.small))
    return out


def write_inspection_report_pdf(data: InspectionReportData, out: Out,
                                invariant: bool = False) -> None:
    venue = data.venue_name if len(data.venue_name) <= 26 else data.venue_name[:25] + "…"
    pdf.build(inspection_report_flowables(data), f"{REPORT_TITLE}　{venue}", out,
              invariant, watermark=None if data.submitted_at is not None else DRAFT)


# ------------------------------------------------------------------ rectification notice


def standard_obligations(data: RectificationNoticeData) -> tuple[str, ...]:
    """What the venue must do, in the notice's words (used when the data brings none)."""
    deadline = format_date(data.deadline)
    bureau = data.bureau_name
    return (
        f"对照上述问题逐项整改，于{deadline}前整改到位；",
        f"整改完成后，于{deadline}前向{bureau}书面报告整改情况，说明所采取的措施，"
        "并附整改后的现场照片等证明材料；",
        f"{bureau}将对整改情况组织复查，请你单位予以配合；",
        f"逾期未整改、整改不到位或复查仍不合格的，{bureau}可暂停你单位参与体育消费券项目的"
        "定点场馆资格，直至整改合格。",
    )


def _finding_line(area: str, text: str, note: str, serious: bool) -> str:
    line = f"〔{escape(area)}〕{escape(text)}"
    if note.strip():
        line += f"：{escape(note.strip())}"
    if not line.endswith(("。", "；", "！", "？")):
        line += "。"
    if serious:
        line = '<font color="#B00000"><b>【严重问题】</b></font>' + line
    return line


def _receipt(data: RectificationNoticeData) -> list[Flowable]:
    """送达回执 on a page of its own, to be signed by the venue and returned."""
    s = styles()
    title = _style("jd-receipt-title", s.title, fontSize=18, leading=26, spaceAfter=8)
    grid = pdf.key_value_grid([
        (("文书名称", NOTICE_TITLE), ("文号", data.number)),
        (("受送达单位", data.venue_name),),
        (("地址", data.venue_address or "—"),),
        (("负责人", data.venue_person or "—"), ("整改期限", f"{format_date(data.deadline)}前")),
        (("送达方式", ""), ("送达日期", BLANK_DATE)),
        (("签收人签字", ""), ("签收日期", BLANK_DATE)),
        (("备注", ""),),
    ], label_width=26 * mm)
    for table in grid[-3:]:  # room to write by hand
        if isinstance(table, Table):
            table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 12),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 12)]))
    return [
        PageBreak(),
        Paragraph("送达回执", title),
        *grid,
        pdf.spacer(4),
        Paragraph(escape(f"请受送达单位负责人或经办人签收，并将本回执交回{data.bureau_name}。"),
                  s.body),
    ]


def rectification_notice_flowables(data: RectificationNoticeData) -> list[Flowable]:
    s = styles()
    number_style = _style("jd-notice-number", s.body, alignment=TA_RIGHT, fontSize=11)
    title_style = _style("jd-notice-title", s.title, fontSize=22, leading=32, spaceBefore=4,
                         spaceAfter=10)
    addressee = _style("jd-notice-addressee", s.body, fontName=BOLD, fontSize=11.5,
                       leading=20, spaceBefore=4)
    deadline_style = _style("jd-notice-deadline", s.alert, fontSize=14, leading=20,
                            spaceBefore=8, spaceAfter=12, borderPadding=(6, 8, 6, 8),
                            leftIndent=30 * mm, rightIndent=30 * mm)
    out: list[Flowable] = []
    if data.issued_on is None:
        out.append(pdf.status_note("草稿 — 尚未签发，不得送达"))
    out += [
        Paragraph(escape(data.number), number_style),
        Paragraph(NOTICE_TITLE, title_style),
        Paragraph(f"{escape(data.venue_name)}：", addressee),
    ]
    where = f"（地址：{escape(data.venue_address)}）" if data.venue_address.strip() else ""
    which = (f"（巡查编号：{escape(data.inspection_number)}）"
             if data.inspection_number.strip() else "")
    out.append(Paragraph(
        f"{format_date(data.inspection_date)}，{escape(data.bureau_name)}对你单位{where}"
        f"开展了体育消费券定点场馆监督巡查{which}，发现存在以下问题：", s.body_indent))
    if data.findings:
        out += [Paragraph(_finding_line(f.area_label, f.text, f.note, f.serious), s.numbered,
                          bulletText=f"{i}.")
                for i, f in enumerate(data.findings, start=1)]
    else:
        out.append(Paragraph("（无）", s.body_indent))
    out.append(Paragraph("现责令你单位对上述问题进行整改，整改期限为：", s.body_indent))
    out.append(Paragraph(f"{format_date(data.deadline)}前", deadline_style))
    out.append(Paragraph("具体要求如下：", s.body_indent))
    obligations = data.obligations or standard_obligations(data)
    out += pdf.numbered_items(list(obligations))
    out.append(Paragraph("特此通知。", s.body_indent))
    if data.bureau_contact.strip():
        out.append(Paragraph(escape(data.bureau_contact), s.body_indent))

    right = _style("jd-notice-issuer", s.body, alignment=TA_CENTER, fontSize=11.5, leading=20)
    seal = _style("jd-notice-seal", s.body, alignment=TA_CENTER, textColor=pdf.MUTED)
    issuer = Table(
        [["", Paragraph("（盖章）", seal)],
         ["", Paragraph(escape(data.bureau_name), right)],
         ["", Paragraph(format_date(data.issued_on, BLANK_DATE), right)]],
        colWidths=[FRAME_WIDTH - 70 * mm, 70 * mm], rowHeights=[26 * mm, None, None],
        hAlign="LEFT")
    issuer.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    out.append(KeepTogether([pdf.spacer(4), issuer]))
    out.append(pdf.spacer(4))
    out.append(Paragraph(escape(f"状态：{data.status_label}　　打印时间：{_dt(data.printed_at)}"),
                         s.small))
    out += _receipt(data)
    return out


def write_rectification_notice_pdf(data: RectificationNoticeData, out: Out,
                                   invariant: bool = False) -> None:
    pdf.build(rectification_notice_flowables(data), NOTICE_TITLE, out,
              invariant, watermark=DRAFT if data.issued_on is None else None)


# ------------------------------------------------------------------ period summary

SUMMARY_HEADER = ("街镇", "巡查次数", "合格", "合格率", "限期整改", "不合格", "未结整改通知",
                  "其中逾期")
SUMMARY_WIDTHS = [40 * mm, 18 * mm, 16 * mm, 18 * mm, 18 * mm, 16 * mm, 24 * mm, 20 * mm]
FAILURE_HEADER = ("序号", "检查项目", "检查内容", "不合格次数")
FAILURE_WIDTHS = [12 * mm, 26 * mm, FRAME_WIDTH - 62 * mm, 24 * mm]
RATE_NOTE = ("合格率 = 结论为“合格”的巡查次数 ÷ 巡查次数；未结整改通知为统计期末尚未复查合格的"
             "整改通知，其中逾期为已过整改期限者。")


def _rate(row: SubdistrictRow) -> str:
    rate = row.pass_rate
    return "—" if rate is None else f"{rate}%"


def _summary_values(row: SubdistrictRow) -> list[str]:
    return [row.subdistrict, str(row.inspections), str(row.passed), _rate(row),
            str(row.rectify), str(row.failed), str(row.open_orders), str(row.overdue_orders)]


def _summary_table(data: InspectionSummaryData) -> Table:
    s = styles()
    bold_right = _style("jd-sum-bold-right", s.cell_right, fontName=BOLD)
    red_right = _red(s.cell_right, "jd-sum-red-right")
    rows: list[list[Any]] = []
    for row in data.rows:
        values = _summary_values(row)
        cells: list[Any] = [Paragraph(escape(values[0]), s.cell)]
        cells += [Paragraph(v, s.cell_right) for v in values[1:]]
        if row.overdue_orders:
            cells[-1] = Paragraph(values[-1], red_right)
        rows.append(cells)
    if not data.rows:
        rows.append([Paragraph("本期无巡查记录", s.cell), *[""] * 7])
    total = _summary_values(data.total)
    rows.append([Paragraph(total[0], s.cell_bold),
                 *[Paragraph(v, bold_right) for v in total[1:]]])
    table = pdf.data_table(SUMMARY_HEADER, rows, SUMMARY_WIDTHS)
    table.setStyle(TableStyle([("BACKGROUND", (0, -1), (-1, -1), pdf.LABEL_BACKGROUND)]))
    return table


def _failure_rows(failures: Sequence[FailureCount]) -> list[list[pdf.Cell]]:
    s = styles()
    return [[Paragraph(str(n), s.cell_center), f.area_label, f.text,
             Paragraph(str(f.count), s.cell_right)]
            for n, f in enumerate(failures, start=1)]


def _period(data: InspectionSummaryData) -> str:
    return f"{format_date(data.period_from)} 至 {format_date(data.period_to)}"


def inspection_summary_flowables(data: InspectionSummaryData) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        Paragraph(SUMMARY_TITLE, s.title),
        Paragraph(escape(f"统计期间：{_period(data)}　　范围：{data.scope_label}"), s.subtitle),
        pdf.heading("按街镇"),
        _summary_table(data),
        pdf.spacer(1.5),
        Paragraph(escape(RATE_NOTE), s.small),
        pdf.heading("常见问题（不合格次数最多的检查项）"),
    ]
    if data.common_failures:
        out.append(pdf.data_table(FAILURE_HEADER, _failure_rows(data.common_failures),
                                  FAILURE_WIDTHS))
    else:
        out.append(pdf.para("无", s.body_indent))
    out.append(pdf.spacer(3))
    out.append(Paragraph(escape(f"打印时间：{_dt(data.printed_at)}"), s.small))
    return out


def write_inspection_summary_pdf(data: InspectionSummaryData, out: Out,
                                 invariant: bool = False) -> None:
    pdf.build(inspection_summary_flowables(data), SUMMARY_TITLE, out, invariant)


def write_inspection_summary_xlsx(data: InspectionSummaryData, out: Out) -> None:
    """Sheets 按街镇 (a row per subdistrict and 合计; 合格率 in per cent as a number), 常见问题
    and 说明 (period, scope, export time)."""

    def numbers(row: SubdistrictRow) -> tuple[object, ...]:
        return (row.subdistrict, row.inspections, row.passed, row.pass_rate, row.rectify,
                row.failed, row.open_orders, row.overdue_orders)

    by_subdistrict = [numbers(row) for row in data.rows] + [numbers(data.total)]
    failures = [(n, f.area_label, f.text, f.count)
                for n, f in enumerate(data.common_failures, start=1)]
    about: list[tuple[object, ...]] = [
        ("报表", SUMMARY_TITLE),
        ("统计期间自", data.period_from),
        ("统计期间至", data.period_to),
        ("范围", data.scope_label),
        ("导出时间", pdf.to_shanghai(data.printed_at).replace(tzinfo=None)),
        ("口径", RATE_NOTE),
    ]
    header = list(SUMMARY_HEADER)
    header[3] = "合格率（%）"
    write_sheets(out, [
        Sheet("按街镇", header, by_subdistrict, (20, 10, 8, 12, 10, 8, 14, 10)),
        Sheet("常见问题", FAILURE_HEADER, failures, (6, 12, 60, 12)),
        Sheet("说明", ("项目", "内容"), about, (14, 80)),
    ])
