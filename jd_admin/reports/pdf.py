"""Shared PDF machinery: page template, styles, formatting helpers and tables.

Every report is a list of flowables built by a pure function from a frozen dataclass
(:mod:`jd_admin.reports.data`) and written by :func:`build`, which adds the running header
(short title left, "嘉定区体育局" right), the footer "第 X 页 / 共 Y 页" and, for drafts,
a light diagonal watermark.

All text uses the bundled CJK font (:func:`jd_admin.reports.fonts.register_fonts`) with
``wordWrap="CJK"``; user text must go through :func:`escape` (or the helpers here that call it)
before it reaches Paragraph markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias
from xml.sax.saxutils import escape as _xml_escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from jd_admin.money import format_yuan
from jd_admin.reports.fonts import BOLD, register_fonts


def _add_chinese_kinsoku() -> None:
    """Teach ReportLab's CJK line breaking the Chinese punctuation that must not start a line.

    Its list (``reportlab.lib.textsplit.ALL_CANNOT_START``) is Japanese and lacks the full-width
    comma, colon, semicolon, ! and ?, so lines could begin with "，". Such a character now hangs
    at the end of the previous line instead. Both modules that read the string (textsplit for
    one-style paragraphs, paragraph for mixed ones) are extended, once; nothing else changes.
    """
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph as rl_paragraph

    for module in (textsplit, rl_paragraph):
        current: str = module.ALL_CANNOT_START
        extra = "".join(c for c in "，：；！？”’》〉』」】…" if c not in current)
        if extra:
            module.ALL_CANNOT_START = current + extra


_add_chinese_kinsoku()

# Page streams compressed but not ASCII85-encoded: binary streams are ordinary in PDF, 20 %
# smaller, and ReportLab's pure-Python ASCII85 cost ~3 ms a page (seconds for the 2,000 pages
# of a month's statements).
rl_config.useA85 = 0

ISSUER = "嘉定区体育局"
"""Shown at the right of every page header."""

PAGE_SIZE: tuple[float, float] = A4
MARGIN_X: float = 20 * mm
MARGIN_TOP: float = 22 * mm
MARGIN_BOTTOM: float = 20 * mm
FRAME_WIDTH: float = PAGE_SIZE[0] - 2 * MARGIN_X

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
"""Asia/Shanghai has had no DST since 1991: a fixed UTC+8 offset is exact for our dates."""

GRID_COLOR = colors.black
LABEL_BACKGROUND = colors.HexColor("#EFEFEF")
HEADER_BACKGROUND = colors.HexColor("#E4E4E4")
MUTED = colors.HexColor("#555555")
WATERMARK_COLOR = colors.HexColor("#E6E6E6")
ALERT_COLOR = colors.HexColor("#B00000")

SPLIT_IN_ROW: float = 36
"""Tables may split inside a row (a very long cell) but leave at least this much (points)
on either side; otherwise one cell taller than the page would stop the build."""

Cell: TypeAlias = str | Flowable | list[Any]
"""A table cell: plain text (escaped and wrapped for you), a flowable or a list of flowables."""

# ------------------------------------------------------------------ formatting


def escape(text: object) -> str:
    """Text -> Paragraph markup: escape ``& < >`` (ReportLab's mini-HTML)."""
    return str(_xml_escape("" if text is None else str(text)))


def markup_lines(text: object) -> str:
    """Escape text and keep its line breaks (``<br/>``)."""
    lines = str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)


def money(value: Decimal) -> str:
    """Yuan amount with thousands separators and two decimals: ``1,234.50``."""
    return format_yuan(value)


def yuan_threshold(value: Decimal) -> str:
    """An amount inside running text: ``10`` when whole, else ``10.50`` (with separators)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return format_yuan(value)


def to_shanghai(moment: dt.datetime) -> dt.datetime:
    """An aware datetime in Asia/Shanghai. A naive one is refused, as in the models: the
    services always know the zone, and guessing it would print times 8 hours off."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime refused: attach a time zone ({moment!r})")
    return moment.astimezone(SHANGHAI)


def format_date(value: dt.date | dt.datetime | None, blank: str = "") -> str:
    """``2026年11月25日`` (a datetime is first taken to Shanghai); ``blank`` for None."""
    if value is None:
        return blank
    if isinstance(value, dt.datetime):
        value = to_shanghai(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def format_datetime(value: dt.datetime | None, blank: str = "") -> str:
    """``2026-11-25 14:30`` in Asia/Shanghai; ``blank`` for None."""
    if value is None:
        return blank
    return to_shanghai(value).strftime("%Y-%m-%d %H:%M")


def format_size(size: int) -> str:
    """A file size for people: ``850.0 KB``, ``2.4 MB``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(size / 1024, 0.1):.1f} KB"


BLANK_DATE = "______年____月____日"
"""Room to write a date by hand."""

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (1..99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else ""
    return text + (_CN_DIGITS[ones] if ones else "")


_LEADING_NUMBER = re.compile(
    r"^\s*(?:\d{1,2}\s*(?:[.．](?!\d)|[、)）])|[（(]\s*\d{1,2}\s*[)）]"
    r"|[（(]?[一二三四五六七八九十]{1,3}[、)）]|[①-⑳])\s*"
)


def text_lines(text: str | None) -> list[str]:
    """The non-empty lines of a multi-line text, stripped."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def strip_numbering(line: str) -> str:
    """Remove a numbering the user typed ("1.", "2、", "（3）", "四、", "⑤") from a line."""
    return _LEADING_NUMBER.sub("", line, count=1) or line


# ------------------------------------------------------------------ styles


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    body_indent: ParagraphStyle
    numbered: ParagraphStyle
    small: ParagraphStyle
    alert: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_header: ParagraphStyle
    cell_label: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """The paragraph styles of all reports (bundled font, CJK wrapping)."""
    family = register_fonts()

    def style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=kw.pop("fontName", family),
            fontSize=size,
            leading=leading,
            wordWrap="CJK",
            bulletFontName=family,
            textColor=kw.pop("textColor", colors.black),
            **kw,
        )

    body_size = 10.5  # 五号
    return Styles(
        title=style("jd-title", 18, 26, fontName=BOLD, alignment=TA_CENTER, spaceAfter=4),
        subtitle=style("jd-subtitle", 11, 17, alignment=TA_CENTER, spaceAfter=2),
        heading=style("jd-heading", 12, 18, fontName=BOLD, spaceBefore=9, spaceAfter=4,
                      keepWithNext=1),
        body=style("jd-body", body_size, 18, alignment=TA_LEFT, spaceAfter=2),
        body_indent=style("jd-body-indent", body_size, 18, firstLineIndent=2 * body_size,
                          spaceAfter=2),
        numbered=style("jd-numbered", body_size, 18, leftIndent=2 * body_size + 14,
                       bulletIndent=2 * body_size, bulletFontSize=body_size, spaceAfter=2),
        small=style("jd-small", 8.5, 12, textColor=MUTED),
        alert=style("jd-alert", 11, 16, fontName=BOLD, textColor=ALERT_COLOR,
                    alignment=TA_CENTER, borderColor=ALERT_COLOR, borderWidth=0.8,
                    borderPadding=(4, 6, 4, 6), leftIndent=6, rightIndent=6,
                    spaceBefore=2, spaceAfter=10),
        cell=style("jd-cell", 9, 12.5),
        cell_bold=style("jd-cell-bold", 9, 12.5, fontName=BOLD),
        cell_center=style("jd-cell-center", 9, 12.5, alignment=TA_CENTER),
        cell_right=style("jd-cell-right", 9, 12.5, alignment=TA_RIGHT),
        cell_header=style("jd-cell-header", 9, 12.5, fontName=BOLD, alignment=TA_CENTER),
        cell_label=style("jd-cell-label", 9, 12.5, fontName=BOLD),
    )


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain (user) text: escaped, line breaks kept."""
    return Paragraph(markup_lines(text), style or styles().body)


def paragraphs(text: str | None, style: ParagraphStyle | None = None) -> list[Flowable]:
    """One paragraph per non-empty line (for multi-line texts typed by users)."""
    style = style or styles().body_indent
    return [Paragraph(escape(line), style) for line in text_lines(text)]


def numbered_items(lines: Sequence[str], style: ParagraphStyle | None = None) -> list[Flowable]:
    """``1.`` ``2.`` … hanging-indent items; numbering the user typed is replaced."""
    style = style or styles().numbered
    return [
        Paragraph(escape(strip_numbering(line)), style, bulletText=f"{i}.")
        for i, line in enumerate(lines, start=1)
    ]


def text_block(text: str | None, numbered: bool | None = None) -> list[Flowable]:
    """A user text as flowables: numbered items if ``numbered`` (None: when it has several
    lines), else indented paragraphs; "无" when empty."""
    lines = text_lines(text)
    if not lines:
        return [Paragraph("无", styles().body_indent)]
    if numbered is None:
        numbered = len(lines) > 1
    if numbered:
        return numbered_items(lines)
    return paragraphs(text)


def heading(text: str) -> Paragraph:
    """A section heading (our own fixed text, escaped anyway)."""
    return Paragraph(escape(text), styles().heading)


def status_note(text: str) -> Paragraph:
    """A framed red note at the top of a document (e.g. "草稿 — 未发布")."""
    return Paragraph(escape(text), styles().alert)


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


# ------------------------------------------------------------------ tables


def _cell(value: Cell, style: ParagraphStyle) -> Any:
    if isinstance(value, str):
        return Paragraph(markup_lines(value), style)
    return value


def _base_table_style(family: str) -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), family),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]


def _key_value_rows(
    rows: Sequence[Sequence[tuple[str, Cell]]], col_widths: list[float],
) -> Table:
    family = register_fonts()
    s = styles()
    data: list[list[Any]] = []
    commands = _base_table_style(family)
    for r, row in enumerate(rows):
        cells: list[Any] = []
        for label, value in row:
            cells += [_cell(label, s.cell_label), _cell(value, s.cell)]
            commands.append(("BACKGROUND", (len(cells) - 2, r), (len(cells) - 2, r),
                             LABEL_BACKGROUND))
        data.append(cells)
    table = Table(data, colWidths=col_widths, hAlign="LEFT", splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle(commands))
    return table


def key_value_grid(
    rows: Sequence[Sequence[tuple[str, Cell]]],
    label_width: float = 30 * mm,
    width: float = FRAME_WIDTH,
) -> list[Flowable]:
    """A bordered grid of (label, value) pairs, one or two pairs per row.

    Two-pair rows have four columns (label, value, label, value); a one-pair row gives its
    value the whole remaining width (for long values). Consecutive rows of the same kind are
    one table and the tables are stacked edge to edge, so the grid looks like one; no column
    spans, because ReportLab re-wraps a spanned cell at one column's width when it splits
    a row across pages.
    """
    if any(len(row) not in (1, 2) for row in rows):
        raise ValueError("key_value_grid takes one or two pairs per row")
    value_width = (width - 2 * label_width) / 2
    widths = {
        1: [label_width, width - label_width],
        2: [label_width, value_width, label_width, value_width],
    }
    tables: list[Flowable] = []
    group: list[Sequence[tuple[str, Cell]]] = []
    for row in rows:
        if group and len(group[-1]) != len(row):
            tables.append(_key_value_rows(group, widths[len(group[-1])]))
            group = []
        group.append(row)
    if group:
        tables.append(_key_value_rows(group, widths[len(group[-1])]))
    return tables


def key_value_table(
    pairs: Sequence[tuple[str, Cell]],
    label_width: float = 30 * mm,
    width: float = FRAME_WIDTH,
) -> Table:
    """A bordered two-column (label | value) table."""
    return _key_value_rows([(pair,) for pair in pairs], [label_width, width - label_width])


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float],
    align: Sequence[str] | None = None,
) -> Table:
    """A bordered data table whose header row repeats on every page it spans.

    ``align`` gives each column's alignment ("LEFT", "CENTER" or "RIGHT"; money is "RIGHT").
    """
    family = register_fonts()
    s = styles()
    if len(col_widths) != len(header):
        raise ValueError("one width per column")
    by_align = {"LEFT": s.cell, "CENTER": s.cell_center, "RIGHT": s.cell_right}
    col_styles = [by_align[a.upper()] for a in (align or ["LEFT"] * len(header))]
    data: list[list[Any]] = [[Paragraph(escape(h), s.cell_header) for h in header]]
    for row in rows:
        if len(row) != len(header):
            raise ValueError("one cell per column")
        data.append([_cell(v, st) for v, st in zip(row, col_styles, strict=True)])
    table = Table(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT",
                  splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle([
        *_base_table_style(family),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
    ]))
    return table


def plain_table(
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float],
    style: ParagraphStyle | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A borderless layout table (for lines of label/value text side by side)."""
    family = register_fonts()
    st = style or styles().body
    data = [[_cell(v, st) for v in row] for row in rows]
    table = Table(data, colWidths=list(col_widths), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), family),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        *extra,
    ]))
    return table


def writing_lines(count: int, width: float, height: float = 8 * mm) -> Table:
    """``count`` ruled blank lines to write on by hand."""
    table = Table([[""] for _ in range(count)], colWidths=[width], rowHeights=[height] * count)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#9A9A9A")),
    ]))
    return table


class RowTable(Flowable):  # type: ignore[misc]
    """A bordered table of single-line texts in rows of one fixed height, drawn straight onto
    the canvas: for long lists of short values (codes, masked names, times, amounts) where a
    platypus :class:`Table` spends about half a second per thousand rows measuring and drawing
    cells one by one. It splits across pages, repeating its header row on each; the last row
    may be a bold totals row on a light background. A text wider than its column is squeezed
    horizontally to fit: it never runs into its neighbour.

    ``align`` gives each column's alignment ("LEFT", "CENTER" or "RIGHT").
    """

    PADDING = 3.0

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[str]],
                 col_widths: Sequence[float], align: Sequence[str] | None = None, *,
                 bold_last: bool = False, font_size: float = 8.5, row_height: float = 14.0,
                 header_height: float = 15.5) -> None:
        super().__init__()
        if len(col_widths) != len(header) or any(len(r) != len(header) for r in rows):
            raise ValueError("one width and one cell per column")
        self.header = tuple(header)
        self.rows = list(rows)
        self.col_widths = tuple(col_widths)
        self.align = tuple(a.upper() for a in (align or ["LEFT"] * len(header)))
        self.bold_last = bold_last
        self.font_size = font_size
        self.row_height = row_height
        self.header_height = header_height
        self.hAlign = "LEFT"

    def _height(self, rows: int) -> float:
        return self.header_height + rows * self.row_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = self._height(len(self.rows))
        return self.width, self.height

    def _part(self, rows: list[Sequence[str]], bold_last: bool) -> RowTable:
        return RowTable(self.header, rows, self.col_widths, self.align, bold_last=bold_last,
                        font_size=self.font_size, row_height=self.row_height,
                        header_height=self.header_height)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fits = int((availHeight - self.header_height + 1e-6) // self.row_height)
        if fits >= len(self.rows):
            return [self]
        # at least two rows on either side (a totals row never alone under a header)
        fits = min(fits, len(self.rows) - 2)
        if fits < 2:
            return []
        return [self._part(self.rows[:fits], False),
                self._part(self.rows[fits:], self.bold_last)]

    def draw(self) -> None:
        canv = self.canv
        widths = self.col_widths
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        n = len(self.rows)
        top = self._height(n)
        ys = [top, top - self.header_height]
        ys += [ys[1] - (i + 1) * self.row_height for i in range(n)]
        canv.saveState()
        canv.setFillColor(HEADER_BACKGROUND)
        canv.rect(0, ys[1], xs[-1], self.header_height, stroke=0, fill=1)
        if self.bold_last and n:
            canv.setFillColor(LABEL_BACKGROUND)
            canv.rect(0, 0, xs[-1], self.row_height, stroke=0, fill=1)
        canv.setStrokeColor(GRID_COLOR)
        canv.setLineWidth(0.5)
        right, bottom = xs[-1], ys[-1]
        lines = [f"0 {y:.2f} m {right:.2f} {y:.2f} l" for y in ys]
        lines += [f"{x:.2f} {bottom:.2f} m {x:.2f} {top:.2f} l" for x in xs]
        canv.addLiteral("\n".join(lines) + "\nS")
        canv.setFillColor(colors.black)
        regular = _TextWriter.of(canv, register_fonts(), self.font_size)
        bold = _TextWriter.of(canv, BOLD, self.font_size)
        ops = ["BT"]
        size = self.font_size
        lift = 0.34 * size  # baseline below a row's middle: CJK and digits look centred
        columns = list(zip(xs, widths, self.align, strict=False))
        font = bold.row(ops, None, self.header,
                        [(x, w, "CENTER") for x, w, _a in columns],
                        ys[1] + self.header_height / 2 - lift, self.PADDING)
        half = self.row_height / 2 - lift
        for i, row in enumerate(self.rows):
            writer = bold if self.bold_last and i == n - 1 else regular
            font = writer.row(ops, font, row, columns, ys[i + 2] + half, self.PADDING)
        ops.append("ET")
        canv.addLiteral("\n".join(ops))
        canv.restoreState()


_ESCAPE_PDF = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})


class _TextWriter:
    """PDF text operators for one TrueType font and size on one document, fast: printable
    ASCII (codes, numbers, times) is its own encoding in subset 0 of ReportLab's subsetting
    (``asciiReadable``), anything else goes through ``splitString``; widths and encodings
    of repeated texts are remembered for the document."""

    def __init__(self, canv: Any, font_name: str, size: float) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.font = pdfmetrics.getFont(font_name)
        self.doc = canv._doc  # ReportLab keys a TrueType font's subsets by the document
        self.size = size
        self.ascii_fast = bool(getattr(self.font, "_asciiReadable", False))
        self.char_width = {chr(c): self.font.stringWidth(chr(c), size) for c in range(32, 127)}
        self.names: dict[int, str] = {}
        self.texts: dict[str, tuple[float, list[tuple[str, str]]]] = {}

    @classmethod
    def of(cls, canv: Any, font_name: str, size: float) -> _TextWriter:
        cache: dict[tuple[str, float], _TextWriter] = canv.__dict__.setdefault(
            "_jd_text_writers", {})
        key = (font_name, size)
        if key not in cache:
            cache[key] = cls(canv, font_name, size)
        return cache[key]

    def _name(self, subset: int) -> str:
        if subset not in self.names:
            self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return self.names[subset]

    def encode(self, text: str) -> tuple[float, list[tuple[str, str]]]:
        """(width, [(font resource name, escaped string), ...]) of a text."""
        known = self.texts.get(text)
        if known is not None:
            return known
        if self.ascii_fast and text.isascii() and text.isprintable():
            width = sum(map(self.char_width.__getitem__, text))
            chunks = [(self._name(0), text.translate(_ESCAPE_PDF))]
        else:
            width = self.font.stringWidth(text, self.size)
            chunks = [(self._name(subset), "".join(map(chr, data)).translate(_ESCAPE_PDF))
                      for subset, data in self.font.splitString(text, self.doc)]
            chunks = [(name, _escape_bytes(value)) for name, value in chunks]
        encoded = (width, chunks)
        if len(self.texts) < 20000:
            self.texts[text] = encoded
        return encoded

    def row(self, ops: list[str], current: str | None, cells: Sequence[str],
            columns: Sequence[tuple[float, float, str]], baseline: float,
            padding: float) -> str | None:
        """Append the operators of one row's texts to ``ops`` (inside BT … ET). ``columns``:
        each column's left edge, width and alignment; ``current`` is the font resource selected
        in the text object so far; return the one selected after."""
        size = self.size
        texts = self.texts
        tm = f"{baseline:.2f} Tm"
        for text, (x, w, a) in zip(cells, columns, strict=False):
            if not text:
                continue
            width, chunks = texts.get(text) or self.encode(text)
            room = w - 2 * padding
            scale = 1.0
            if width > room > 0:
                scale = room / width
                width = room
            if a == "RIGHT":
                left = x + w - padding - width
            elif a == "CENTER":
                left = x + (w - width) / 2
            else:
                left = x + padding
            if scale != 1.0:
                ops.append(f"{scale * 100:.1f} Tz")
            position = f"1 0 0 1 {left:.2f} {tm}"
            for name, value in chunks:
                if name != current:
                    ops.append(f"{name} {size} Tf")
                    current = name
                if position:
                    ops.append(f"{position} ({value}) Tj")
                    position = ""
                else:
                    ops.append(f"({value}) Tj")
            if scale != 1.0:
                ops.append("100 Tz")
        return current


def _escape_bytes(value: str) -> str:
    """A latin-1 string of font codes for a PDF literal: ( ) \\ escaped, the rest as octal
    escapes when not printable ASCII."""
    return "".join(c if " " <= c <= "~" else f"\\{ord(c):03o}" for c in value)


# ------------------------------------------------------------------ document


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end so the footer can say "共 Y 页" (ReportLab recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        self.setFont(register_fonts(), 9)
        self.setFillColor(MUTED)
        self.drawCentredString(
            self._pagesize[0] / 2, 11 * mm, f"第 {self.getPageNumber()} 页 / 共 {total} 页"
        )
        self.restoreState()


def _header(title: str, watermark: str | None,
            pagesize: tuple[float, float] = PAGE_SIZE) -> Any:
    family = register_fonts()

    def on_page(canvas: Any, doc: Any) -> None:
        width, height = pagesize
        if watermark:  # drawn first: the page's content goes over it
            canvas.saveState()
            canvas.setFillColor(WATERMARK_COLOR)
            canvas.setFont(BOLD, 110)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, -40, watermark)
            canvas.restoreState()
        canvas.saveState()
        canvas.setFont(family, 9)
        canvas.setFillColor(MUTED)
        y = height - 14 * mm
        canvas.drawString(MARGIN_X, y, title)
        canvas.drawRightString(width - MARGIN_X, y, ISSUER)
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y - 2.2 * mm, width - MARGIN_X, y - 2.2 * mm)
        canvas.restoreState()

    return on_page


def build(
    flowables: Sequence[Flowable],
    title: str,
    out: BinaryIO | str | Path,
    invariant: bool = False,
    *,
    watermark: str | None = None,
    pagesize: tuple[float, float] = PAGE_SIZE,
) -> None:
    """Write ``flowables`` as an A4 PDF to ``out`` (a path or a binary file object).

    ``title`` is the short document title of the page header and of the PDF metadata.
    ``invariant`` makes the output reproducible (fixed dates and ids; for tests).
    ``watermark`` (e.g. "草稿") is drawn large and light across every page.
    ``pagesize``: A4 portrait unless given (``landscape(A4)`` for wide tables).
    """
    family = register_fonts()
    target = str(out) if isinstance(out, (str, Path)) else out
    doc = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=ISSUER,
        creator="jd_admin",
        invariant=1 if invariant else 0,
        initialFontName=family,
        initialFontSize=10.5,
        initialLeading=18,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )
    on_page = _header(title, watermark, pagesize)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=on_page)])
    doc.build(list(flowables), canvasmaker=_NumberedCanvas)
