"""The settlement's outputs: 结算汇总表 and 对账单 (PDF and .xlsx) and the bank payment list
(.xlsx, and CSV in GB18030 for bank portals). Built from the plain data of
:mod:`jd_admin.reports.settlement_data`; printed in Chinese whatever the interface language.

A statement's voucher rows (codes, masked citizens, times, amounts: short texts that never wrap)
are a :class:`jd_admin.reports.pdf.RowTable`, drawn straight onto the page: 500 venues'
statements (~83,500 vouchers) take seconds, where a platypus Table took over half a minute.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table, TableStyle

from jd_admin.money import chinese_capital
from jd_admin.reports import pdf
from jd_admin.reports.fonts import BOLD, register_fonts
from jd_admin.reports.settlement_data import (
    BankList,
    SettlementSummary,
    StatementVoucher,
    SummaryLine,
    VenueStatement,
)
from jd_admin.reports.xlsx import DATETIME_FORMAT, MONEY_FORMAT, Sheet, safe_cell, write_sheets

DRAFT = "draft"
SUMMARY_TITLE = "嘉定区体育消费券 月度结算汇总表"
STATEMENT_TITLE = "嘉定区体育消费券 场馆结算对账单"
BANK_TITLE = "嘉定区体育消费券 补贴拨付银行付款清单"
NO_BANK = "无银行账户"


def month_text(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def _m(value: Decimal | None) -> str:
    return "" if value is None else pdf.money(value)


def _t(value: dt.datetime | None) -> str:
    return pdf.format_datetime(value, "")


def _watermark(status: str) -> str | None:
    return "草稿" if status == DRAFT else None


def _fast_table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
                right: Sequence[int] = (), bold_last: bool = False,
                center: Sequence[int] = ()) -> Table:
    """A bordered table of short plain texts (no wrapping), header repeated on every page."""
    family = register_fonts()
    table = Table([list(header), *[list(r) for r in rows]], colWidths=list(widths),
                  repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), family),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, pdf.GRID_COLOR),
        ("BACKGROUND", (0, 0), (-1, 0), pdf.HEADER_BACKGROUND),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for col in right:
        commands.append(("ALIGN", (col, 1), (col, -1), "RIGHT"))
    for col in center:
        commands.append(("ALIGN", (col, 1), (col, -1), "CENTER"))
    if bold_last and rows:
        commands += [("FONTNAME", (0, -1), (-1, -1), BOLD),
                     ("BACKGROUND", (0, -1), (-1, -1), pdf.LABEL_BACKGROUND)]
    table.setStyle(TableStyle(commands))
    return table


def _sign_off(summary: SettlementSummary, width: float) -> Table:
    """Who prepared, verified and approved and when, with room for signatures and seals."""
    s = pdf.styles()
    rows: list[list[Any]] = [[Paragraph(h, s.cell_header) for h in
                              ("", "制表（生成）", "核定", "审批")]]
    people = (summary.prepared, summary.verified, summary.approved)
    rows.append([Paragraph("经办人", s.cell_label),
                 *[Paragraph(pdf.escape(p.name or "—"), s.cell_center) for p in people]])
    rows.append([Paragraph("时间", s.cell_label),
                 *[Paragraph(_t(p.at) or "—", s.cell_center) for p in people]])
    rows.append([Paragraph("签字", s.cell_label), "", "", ""])
    rows.append([Paragraph("盖章", s.cell_label), "", "", ""])
    first = 22 * mm
    rest = (width - first) / 3
    table = Table(rows, colWidths=[first, rest, rest, rest],
                  rowHeights=[None, None, None, 12 * mm, 30 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("GRID", (0, 0), (-1, -1), 0.5, pdf.GRID_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), pdf.HEADER_BACKGROUND),
        ("BACKGROUND", (0, 1), (0, -1), pdf.LABEL_BACKGROUND),
    ]))
    table.keepWithNext = False
    return table


SUMMARY_HEADER = ("序号", "场馆 / 调整", "类别", "张数", "其中结转", "面值合计", "政府补贴（应付）",
                  "场馆让利", "订单金额", "市民实付", "银行账户", "拨付")


def _line_name(ln: SummaryLine) -> str:
    if ln.kind == "adjustment":
        return f"{ln.venue_name}（更正 {ln.corrects}：{ln.reason}）"
    return ln.venue_name


def _paid_text(ln: SummaryLine) -> str:
    if ln.paid_on is None:
        return ln.status_label
    return f"{ln.paid_on.isoformat()} {ln.payment_reference}"


def summary_flowables(summary: SettlementSummary) -> list[Flowable]:
    s = pdf.styles()
    width = landscape(A4)[0] - 2 * pdf.MARGIN_X
    out: list[Flowable] = [
        Paragraph(SUMMARY_TITLE, s.title),
        Paragraph(pdf.escape(f"结算月份：{month_text(summary.month)}"
                             f"　　状态：{summary.status_label}"
                             f"　　应于 {pdf.format_date(summary.due)} 前拨付"), s.subtitle),
    ]
    if summary.status == DRAFT:
        out.append(pdf.status_note("草稿：尚未核定，不得据此拨付"))
    if summary.return_reason and summary.status == DRAFT:
        out.append(pdf.para(f"退回意见：{summary.return_reason}", s.small))
    out.append(pdf.spacer(2))
    cell, right = s.cell, s.cell_right
    rows: list[list[Any]] = []
    for n, ln in enumerate(summary.lines, start=1):
        rows.append([str(n), Paragraph(pdf.escape(_line_name(ln)), cell), ln.kind_label,
                     str(ln.voucher_count), str(ln.carried_count), _m(ln.face_total),
                     _m(ln.subsidy), _m(ln.concession), _m(ln.order_total),
                     _m(ln.citizen_paid), NO_BANK if ln.no_bank_account else "有",
                     Paragraph(pdf.escape(_paid_text(ln)), cell)])
    rows.append(["", "合计", "", str(summary.voucher_count), str(summary.carried_count),
                 _m(summary.face_total), _m(summary.subsidy), _m(summary.concession),
                 _m(summary.order_total), _m(summary.citizen_paid), "", ""])
    widths = [10 * mm, 62 * mm, 16 * mm, 13 * mm, 13 * mm, 22 * mm, 26 * mm, 20 * mm,
              22 * mm, 20 * mm, 16 * mm]
    widths.append(width - sum(widths))
    table = _fast_table(SUMMARY_HEADER, rows, widths, right=range(3, 10), bold_last=True,
                        center=(0, 2, 10))
    no_bank = [i for i, ln in enumerate(summary.lines, start=1) if ln.no_bank_account]
    if no_bank:
        table.setStyle(TableStyle([("TEXTCOLOR", (10, i), (10, i), pdf.ALERT_COLOR)
                                   for i in no_bank]))
    del right
    out.append(table)
    out.append(pdf.spacer(3))
    out.append(pdf.plain_table([
        ["政府补贴合计（应付）：", f"人民币 {_m(summary.subsidy)} 元"],
        ["大写金额：", f"人民币{chinese_capital(summary.subsidy)}"],
    ], [40 * mm, width - 40 * mm], s.cell_bold))
    if summary.by_face:
        out.append(pdf.heading("按面值汇总"))
        out.append(_fast_table(
            ("面值", "张数", "政府补贴", "场馆让利", "订单金额", "市民实付"),
            [[_m(f.face_value), str(f.count), _m(f.subsidy), _m(f.concession),
              _m(f.order_amount), _m(f.citizen_paid)] for f in summary.by_face],
            [25 * mm, 20 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm], right=range(0, 6)))
    notes = []
    if summary.excluded_count:
        parts = "；".join(f"{label} {count} 张" for label, count in summary.excluded)
        notes.append(f"本月核销但未计入结算的券 {summary.excluded_count} 张（{parts}），"
                     "明细见各场馆对账单。")
    if summary.carried_count:
        notes.append(f"其中结转 {summary.carried_count} 张：以前月份核销、规则标记解除后计入本月。")
    notes += [f"预算提示：{w}" for w in summary.warnings]
    if no_bank:
        notes.append("标“无银行账户”的场馆须先在名录中补全银行账户并重新生成，方可审批。")
    if notes:
        out.append(pdf.heading("说明"))
        out += pdf.numbered_items(notes)
    out.append(pdf.heading("签署"))
    out.append(_sign_off(summary, width))
    out.append(pdf.spacer(2))
    out.append(Paragraph(pdf.escape(f"打印：{summary.printed_by}　{_t(summary.printed_at)}"
                                    f"　　结算编号：{summary.settlement_id}"), s.small))
    return out


def write_summary_pdf(summary: SettlementSummary, out: BinaryIO | str | Path,
                      invariant: bool = False) -> None:
    pdf.build(summary_flowables(summary), f"{month_text(summary.month)}结算汇总表", out,
              invariant, watermark=_watermark(summary.status), pagesize=landscape(A4))


VOUCHER_HEADER = ("序号", "券码", "市民", "领取时间", "核销时间", "面值", "政府补贴",
                  "订单金额", "备注")
VOUCHER_WIDTHS = [9 * mm, 27 * mm, 21 * mm, 20 * mm, 20 * mm, 14 * mm, 16 * mm, 17 * mm]
VOUCHER_WIDTHS.append(pdf.FRAME_WIDTH - sum(VOUCHER_WIDTHS))
VOUCHER_ALIGN = ("CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")


def _short(value: dt.datetime | None) -> str:
    """``10-23 14:15`` in Asia/Shanghai (the statement's month is in its title)."""
    if value is None:
        return ""
    t = pdf.to_shanghai(value)
    return f"{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"  # strftime: 3 x slower


def _voucher_row(n: int, v: StatementVoucher) -> tuple[str, ...]:
    note = f"结转自{v.carried_from.year}-{v.carried_from.month:02d}" if v.carried_from else ""
    order = "" if v.order_amount is None else f"{v.order_amount:,.2f}"
    return (str(n), v.code, v.citizen, _short(v.claimed_at), _short(v.redeemed_at),
            f"{v.face_value:,.2f}", f"{v.subsidy:,.2f}", order, note)  # as pdf.money


def statement_flowables(st: VenueStatement) -> list[Flowable]:
    s = pdf.styles()
    out: list[Flowable] = [
        Paragraph(STATEMENT_TITLE, s.title),
        Paragraph(pdf.escape(f"结算月份：{month_text(st.month)}　　结算状态：{st.status_label}"),
                  s.subtitle),
        pdf.spacer(1),
    ]
    out += pdf.key_value_grid([
        (("场馆名称", st.venue_name), ("场馆编号", str(st.venue_id))),
        (("核销张数", f"{st.voucher_count} 张"), ("面值合计", f"{_m(st.face_total)} 元")),
        (("场馆让利", f"{_m(st.concession)} 元"), ("市民实付", f"{_m(st.citizen_paid)} 元")),
        (("政府补贴", f"{_m(st.subsidy)} 元"), ("调整", f"{_m(st.adjustments)} 元")),
        (("应付金额", f"{_m(st.payable)} 元"),
         ("大写金额", f"人民币{chinese_capital(st.payable)}")),
    ], label_width=22 * mm)
    vouchers_heading = pdf.heading(f"计入本月结算的券（{len(st.vouchers)} 张）")
    if st.vouchers:
        # the list starts under the totals, not on a new page (keep-with-next would move a
        # list longer than the rest of the page to the next one): the heading only needs
        # room for the header row and a few rows under it
        vouchers_heading.keepWithNext = 0
        out.append(CondPageBreak(30 * mm))
    out.append(vouchers_heading)
    if st.vouchers:
        rows = [_voucher_row(n, v) for n, v in enumerate(st.vouchers, start=1)]
        rows.append(("", "合计", "", "", "", _m(st.face_total), _m(st.subsidy),
                     _m(st.order_total), ""))
        out.append(pdf.RowTable(VOUCHER_HEADER, rows, VOUCHER_WIDTHS, VOUCHER_ALIGN,
                                bold_last=True))
    else:
        out.append(pdf.para("无", s.body_indent))
    adjustments = [ln for ln in st.lines if ln.kind == "adjustment"]
    if adjustments:
        out.append(pdf.heading("调整"))
        out.append(pdf.data_table(
            ("结算行", "更正", "金额（元）", "原因"),
            [[str(a.line_id), a.corrects, _m(a.subsidy), a.reason] for a in adjustments],
            [18 * mm, 34 * mm, 26 * mm, pdf.FRAME_WIDTH - 78 * mm],
            ("CENTER", "LEFT", "RIGHT", "LEFT")))
    out.append(pdf.heading(f"未计入结算的券（{len(st.exclusions)} 张）"))
    if st.exclusions:
        out.append(pdf.para("本月核销而未计入的券，以及以前月份因预警暂缓、现经核查确认违规而不予结算的券。",
                            s.body_indent))
        widths = [9 * mm, 27 * mm, 21 * mm, 20 * mm, 14 * mm, 16 * mm]
        widths.append(pdf.FRAME_WIDTH - sum(widths))
        reason_style = s.cell
        out.append(_fast_table(
            ("序号", "券码", "市民", "核销时间", "面值", "补贴", "原因"),
            [[str(n), e.code, e.citizen, _short(e.redeemed_at), _m(e.face_value),
              _m(e.subsidy), Paragraph(pdf.escape(
                  e.reason_label + (f"（{e.detail}）" if e.detail else "")), reason_style)]
             for n, e in enumerate(st.exclusions, start=1)],
            widths, right=(4, 5), center=(0,)))
    else:
        out.append(pdf.para("无", s.body_indent))
    out.append(pdf.spacer(6))
    half = pdf.FRAME_WIDTH / 2
    out.append(pdf.plain_table([
        ["场馆确认（盖章）：", "区体育局（盖章）："],
        ["", ""],
        [f"日期：{pdf.BLANK_DATE}", f"日期：{pdf.BLANK_DATE}"],
    ], [half, half], extra=[("TOPPADDING", (0, 1), (-1, 1), 16 * mm)]))
    out.append(Paragraph(pdf.escape(f"打印时间：{_t(st.printed_at)}"), s.small))
    return out


def write_statements_pdf(statements: Sequence[VenueStatement], out: BinaryIO | str | Path,
                         invariant: bool = False) -> None:
    """All the statements in one PDF, each starting on a new page."""
    if not statements:
        raise ValueError("no statements")
    flowables: list[Flowable] = []
    for n, st in enumerate(statements):
        if n:
            flowables.append(PageBreak())
        flowables += statement_flowables(st)
    first = statements[0]
    pdf.build(flowables, f"{month_text(first.month)}场馆结算对账单", out, invariant,
              watermark=_watermark(first.status))


# ------------------------------------------------------------------ xlsx

TITLE_FONT = Font(bold=True, size=14)
BOLD_FONT = Font(bold=True)


def _put(ws: Any, row: int, col: int, value: object, *, bold: bool = False,
         fmt: str | None = None) -> None:
    cell = ws.cell(row=row, column=col, value=safe_cell(value))
    if isinstance(value, Decimal):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, dt.datetime):
        cell.value = pdf.to_shanghai(value).replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    if fmt:
        cell.number_format = fmt
    if bold:
        cell.font = BOLD_FONT


def _widths(ws: Any, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def write_summary_xlsx(summary: SettlementSummary, out: BinaryIO | str | Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "结算汇总表"
    _put(ws, 1, 1, SUMMARY_TITLE)
    ws.cell(1, 1).font = TITLE_FONT
    _put(ws, 2, 1, f"结算月份：{month_text(summary.month)}")
    _put(ws, 2, 4, f"状态：{summary.status_label}")
    _put(ws, 2, 7, f"应于 {summary.due.isoformat()} 前拨付")
    header_row = 4
    for col, h in enumerate(SUMMARY_HEADER, start=1):
        _put(ws, header_row, col, h, bold=True)
    r = header_row
    for n, ln in enumerate(summary.lines, start=1):
        r += 1
        for col, value in enumerate((n, _line_name(ln), ln.kind_label, ln.voucher_count,
                                     ln.carried_count, ln.face_total, ln.subsidy, ln.concession,
                                     ln.order_total, ln.citizen_paid,
                                     NO_BANK if ln.no_bank_account else "有",
                                     _paid_text(ln)), start=1):
            _put(ws, r, col, value)
    r += 1
    for col, value in ((2, "合计"), (4, summary.voucher_count), (5, summary.carried_count),
                       (6, summary.face_total), (7, summary.subsidy), (8, summary.concession),
                       (9, summary.order_total), (10, summary.citizen_paid)):
        _put(ws, r, col, value, bold=True)
    r += 2
    _put(ws, r, 1, "政府补贴合计（应付）", bold=True)
    _put(ws, r, 4, summary.subsidy, bold=True)
    r += 1
    _put(ws, r, 1, "大写金额", bold=True)
    _put(ws, r, 4, f"人民币{chinese_capital(summary.subsidy)}", bold=True)
    r += 2
    for label, person in (("制表（生成）", summary.prepared), ("核定", summary.verified),
                          ("审批", summary.approved)):
        _put(ws, r, 1, label, bold=True)
        _put(ws, r, 2, person.name or "—")
        if person.at is not None:
            _put(ws, r, 4, person.at)
        r += 1
    if summary.excluded_count:
        r += 1
        _put(ws, r, 1, f"未计入结算的券 {summary.excluded_count} 张")
        for label, count in summary.excluded:
            r += 1
            _put(ws, r, 2, label)
            _put(ws, r, 4, count)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    _widths(ws, (6, 44, 10, 8, 9, 13, 16, 12, 13, 12, 11, 24))
    wb.save(out)


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else pdf.to_shanghai(value).replace(tzinfo=None)


def write_statements_xlsx(statements: Sequence[VenueStatement],
                          out: BinaryIO | str | Path) -> None:
    """One workbook: 场馆合计 (a row per venue), 核销明细 (every voucher with its venue) and
    未计入明细 (every excluded voucher with its reason). Streamed by
    :func:`jd_admin.reports.xlsx.write_sheets` (~83,500 voucher rows in a few seconds)."""
    totals = [(st.venue_id, st.venue_name, st.voucher_count, st.face_total, st.subsidy,
               st.concession, st.order_total, st.citizen_paid, st.adjustments, st.payable,
               f"人民币{chinese_capital(st.payable)}") for st in statements]

    def vouchers() -> Iterable[tuple[object, ...]]:
        for st in statements:
            vid, name = st.venue_id, st.venue_name
            for v in st.vouchers:
                carried = (f"{v.carried_from.year}-{v.carried_from.month:02d}"
                           if v.carried_from else None)
                yield (vid, name, v.code, v.citizen, _local(v.claimed_at),
                       _local(v.redeemed_at), v.face_value, v.subsidy, v.concession,
                       v.order_amount, v.paid_amount, carried)

    excluded = [(st.venue_id, st.venue_name, e.code, e.citizen, _local(e.redeemed_at),
                 e.face_value, e.subsidy, e.reason_label, e.detail)
                for st in statements for e in st.exclusions]
    write_sheets(out, [
        Sheet("场馆合计", ("场馆编号", "场馆名称", "张数", "面值合计", "政府补贴", "场馆让利",
                         "订单金额", "市民实付", "调整", "应付金额", "大写金额"), totals,
              (10, 40, 8, 13, 14, 12, 13, 12, 12, 14, 28)),
        Sheet("核销明细", ("场馆编号", "场馆名称", "券码", "市民", "领取时间", "核销时间",
                         "面值", "政府补贴", "场馆让利", "订单金额", "市民实付", "结转自"),
              vouchers(), (10, 36, 20, 20, 17, 17, 9, 10, 10, 10, 10, 10)),
        Sheet("未计入明细", ("场馆编号", "场馆名称", "券码", "市民", "核销时间", "面值", "补贴",
                           "原因", "说明"), excluded, (10, 36, 20, 20, 17, 9, 10, 30, 20)),
    ])


# ------------------------------------------------------------------ bank list

BANK_HEADER = ("序号", "收款户名", "开户银行", "收款账号", "金额（元）", "用途", "业务参考号",
               "结算行", "备注")


def _bank_values(p: Any) -> tuple[object, ...]:
    return (p.number, p.account_name, p.bank_name, p.account_number, p.amount, p.purpose,
            p.reference, " ".join(str(i) for i in p.line_ids), p.note)


def write_bank_xlsx(bank: BankList, out: BinaryIO | str | Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "银行付款清单"
    _put(ws, 1, 1, BANK_TITLE)
    ws.cell(1, 1).font = TITLE_FONT
    _put(ws, 2, 1, f"结算月份：{month_text(bank.month)}　状态：{bank.status_label}"
                   f"　导出时间：{_t(bank.printed_at)}")
    if bank.status not in ("approved", "paid"):
        _put(ws, 3, 1, "未审批：仅供核对，不得据此付款", bold=True)
        ws.cell(3, 1).font = Font(bold=True, color="B00000")
    header_row = 4
    for col, h in enumerate(BANK_HEADER, start=1):
        _put(ws, header_row, col, h, bold=True)
    r = header_row
    for p in bank.payments:
        r += 1
        for col, value in enumerate(_bank_values(p), start=1):
            # account numbers stay text (an 18-digit number would lose digits as a number)
            _put(ws, r, col, value, fmt="@" if col == 4 else None)
        if p.note:
            ws.cell(r, 9).font = Font(bold=True, color="B00000")
    r += 1
    payable = [p for p in bank.payments if p.payable]
    _put(ws, r, 2, f"可付款 {len(payable)} 笔合计", bold=True)
    _put(ws, r, 5, bank.payable_total, bold=True)
    r += 1
    _put(ws, r, 2, "大写金额", bold=True)
    _put(ws, r, 5, f"人民币{chinese_capital(bank.payable_total)}", bold=True)
    ws.cell(r, 5).alignment = Alignment(horizontal="left")
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    _widths(ws, (6, 36, 30, 24, 14, 26, 20, 10, 30))
    wb.save(out)


CSV_HEADER = ("序号", "收款户名", "开户银行", "收款账号", "金额", "用途", "业务参考号")


def bank_csv_text(bank: BankList) -> str:
    """The payable transfers only (a row a bank portal can execute), amounts ``1234.50``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    number = 0
    for p in bank.payments:
        if not p.payable:
            continue
        number += 1
        writer.writerow([safe_cell(v) for v in (number, p.account_name, p.bank_name,
                                                p.account_number, f"{p.amount:.2f}",
                                                p.purpose, p.reference)])
    return buffer.getvalue()


def write_bank_csv(bank: BankList, out: BinaryIO | str | Path) -> None:
    data = bank_csv_text(bank).encode("gb18030")
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    else:
        out.write(data)
