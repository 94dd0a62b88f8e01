"""Read a filled Excel application form (自荐申请表) into an :class:`ApplicationInput`.

The cell layout comes from :mod:`jd_admin.reports.application_form` (the writer of the
template); the field rules from :func:`application_input.validate`. Every problem is
reported against the cell it is in ("B6（统一社会信用代码）：…"), all of them at once, and
nothing is returned unless the whole form is valid.

Decisions:

* The workbook is opened with openpyxl, not python-calamine (CONVENTIONS 16), because a
  formula must be recognised as a formula (``data_type == 'f'`` on a non-data-only load)
  rather than read as its cached value; the form is tiny, so a full load is cheap, and the
  file first passes :func:`check_xlsx` with caps far tighter than a bulk import's.
* Credit code, bank account and certificate numbers stored as *numbers* are refused: Excel
  keeps 15 significant digits, so their last digits (and any leading zero) may already be
  lost. A numeric mobile number is accepted when it is a whole number: 11 digits are well
  within Excel's precision and a mainland mobile starts with 1, so nothing can be lost.
* Conversion problems (formula, number where text must be, 12.5 people, price with three
  decimals...) are found first; then :func:`validate` runs on the rest (failed cells get a
  neutral placeholder) and its errors on cells not already reported are added, so the
  venue sees every problem in one round.
* Anything written outside the input cells (an 11th sport, a note in column D) is an error
  rather than silently dropped; so are merged input cells. Inserted or deleted rows are
  detected through the labels in column A.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import openpyxl
from openpyxl.utils import (
    column_index_from_string,
    get_column_letter,
)
from openpyxl.worksheet.worksheet import Worksheet

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.text import Text, _, chinese
from jd_admin.money import MoneyError
from jd_admin.reports.application_form import (
    COACHES,
    FIELD_ROWS,
    FORM_ID,
    FORM_SHEET,
    HEADER_ROW,
    HINT_COLUMN,
    LABEL_COLUMN,
    MARKER,
    MARKER_CELL,
    META_SHEET,
    REQUIRED_MARK,
    SCALAR_FIELDS,
    SPORTS,
    TABLES,
    TITLE_ROW,
    ScalarField,
    Table,
    TableColumn,
)
from jd_admin.services.recruitment.application_input import (
    FIELD_LABELS,
    LAT_RANGE,
    LON_RANGE,
    ApplicationInput,
    ApplicationInvalid,
    Coach,
    FieldError,
    SportPrice,
    clean_text,
    message_of,
    parse_price,
    validate,
)
from jd_admin.services.xlsx_guard import MiB, assert_defusedxml, check_xlsx

logger = logging.getLogger(__name__)

#: The template is ~10 KB; these leave room for a pasted logo, not for a data dump.
FORM_MAX_BYTES = 5 * MiB
FORM_MAX_UNCOMPRESSED = 25 * MiB
#: The form sheet is scanned cell by cell for stray content up to this many cells.
MAX_SCANNED_CELLS = 100_000

NOT_A_TEMPLATE = _("这不是本系统的自荐申请表模板（请用 jd-admin applications template 生成）")
NUMBER_STORED = _("以数字形式保存，Excel 可能已改变其末位，请将单元格设为文本后重新填写")
FORMULA = _("单元格含公式，请填写数值")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
#: Which column a validate() message about a table row points at (default: column A).
_MESSAGE_COLUMN: dict[str, tuple[tuple[str, str], ...]] = {
    "sports": (("挂牌价", "B"),),
    "coaches": (("资格证书", "B"), ("证书编号", "C")),
}

T = TypeVar("T")


@dataclass(frozen=True)
class CellError:
    """A problem in one cell (``cell`` may be a range, or empty for the whole file)."""

    cell: str
    message: Text | str  # rendered to str when the problem is found
    label: Text | str = ""

    def __post_init__(self) -> None:  # texts are rendered when the problem is found
        object.__setattr__(self, "message", str(self.message))
        object.__setattr__(self, "label", str(self.label))

    def describe(self) -> str:
        if not self.cell:
            return str(self.message)
        if self.label:
            return str(_("{cell}（{label}）：{message}", cell=self.cell, label=self.label,
                         message=self.message))
        return str(_("{cell}：{message}", cell=self.cell, message=self.message))


class ApplicationFormError(InvalidInput):
    """The form cannot be imported; ``errors`` lists every problem, by cell."""

    def __init__(self, errors: list[CellError], file_name: str = "") -> None:
        self.errors = errors
        lines = [e.describe() for e in errors]
        if len(errors) == 1 and not errors[0].cell:
            message = lines[0]
        else:
            source = f"“{file_name}”" if file_name else ""
            head = _("自荐申请表{source}有 {count} 处需要修改：", source=source, count=len(errors))
            message = "\n".join([str(head), *lines])
        super().__init__(message)


class _CellProblem(Exception):
    """A value that cannot be converted; its message is shown against the cell."""


def read_application_form(path: Path) -> ApplicationInput:
    """The validated application in the form at ``path``, or :class:`ApplicationFormError`."""
    assert_defusedxml()
    try:
        check_xlsx(path, max_bytes=FORM_MAX_BYTES, max_uncompressed=FORM_MAX_UNCOMPRESSED)
    except InvalidInput as exc:
        raise ApplicationFormError([CellError("", message_of(exc))]) from exc
    try:
        wb = openpyxl.load_workbook(path, read_only=False, data_only=False, keep_links=False)
    except MemoryError:
        raise
    except Exception as exc:  # any parse failure of an untrusted file is the user's to fix
        logger.warning("cannot load application form %s", path, exc_info=True)
        raise ApplicationFormError(
            [CellError("", _(
                "“{name}”无法作为 Excel 工作簿读取，文件可能已损坏，请重新保存后再导入",
                name=path.name))]
        ) from exc
    meta = wb[META_SHEET] if META_SHEET in wb.sheetnames else None
    form = wb[FORM_SHEET] if FORM_SHEET in wb.sheetnames else None
    marker = meta[MARKER_CELL].value if isinstance(meta, Worksheet) else None
    if not (isinstance(marker, str) and marker.startswith(f"{FORM_ID} v")) or (
        not isinstance(form, Worksheet)
    ):
        raise ApplicationFormError([CellError("", NOT_A_TEMPLATE)])
    if marker != MARKER:
        raise ApplicationFormError([CellError("", _(
            "该申请表模板的版本（{version}）与本程序不符，"
            "请用 jd-admin applications template 生成新模板后重新填写",
            version=marker.removeprefix(FORM_ID).strip()))])
    return _FormReader(form, path.name).read()


class _FormReader:
    def __init__(self, ws: Any, file_name: str) -> None:
        self.ws = ws
        self.file_name = file_name
        self.errors: list[CellError] = []
        self.flagged: set[str] = set()

    def fail(self, cell: str, label: str, message: Text | str) -> None:
        self.errors.append(CellError(cell, message, label))
        self.flagged.add(cell)

    def raise_if_failed(self) -> None:
        if self.errors:
            raise ApplicationFormError(sorted(self.errors, key=_cell_order), self.file_name)

    def value(self, cell: str, label: str, convert: Callable[[object], T]) -> tuple[bool, T | None]:
        """(the cell is filled in, its converted value or None if empty or unconvertible)."""
        c = self.ws[cell]
        if c.data_type == "f":
            self.fail(cell, label, FORMULA)
            return True, None
        if c.data_type == "e":
            self.fail(cell, label, _("单元格是错误值 {value}，请填写内容", value=c.value))
            return True, None
        raw = c.value
        if isinstance(raw, str):
            raw = _clean(raw)
        if raw is None or raw == "":
            return False, None
        try:
            return True, convert(raw)
        except _CellProblem as exc:
            self.fail(cell, label, message_of(exc))
            return True, None

    def read(self) -> ApplicationInput:
        self._check_layout()
        self._check_merged_and_stray()
        values: dict[str, Any] = {f.name: self._scalar(f) for f in SCALAR_FIELDS}
        sports, sport_rows = self._sports()
        coaches, coach_rows = self._coaches()
        data = ApplicationInput(sports=tuple(sports), coaches=tuple(coaches), **values)
        try:
            result = validate(data)
        except ApplicationInvalid as exc:
            for error in exc.errors:
                cell, label = _locate(error, sport_rows, coach_rows)
                if cell not in self.flagged:
                    self.errors.append(CellError(cell, error.message, label))
            self.raise_if_failed()
            raise  # not reached: validate() reported at least one error
        self.raise_if_failed()
        return result

    # -- structure ------------------------------------------------------------------------

    def _check_layout(self) -> None:
        """Stop at the first moved label: every cell position after it is unreliable."""
        expected: list[tuple[str, str]] = [
            (f"{LABEL_COLUMN}{f.row}", f.label) for f in SCALAR_FIELDS
        ]
        for table in TABLES:
            expected += [(f"{c.column}{table.header_row}", c.header) for c in table.columns]
        for cell, label in expected:
            found = self.ws[cell].value
            found_text = (_clean(found).lstrip(REQUIRED_MARK).strip() if isinstance(found, str)
                          else found)
            if found_text != _clean(label):
                shown = _("空白") if found is None else f"“{found}”"
                raise ApplicationFormError([CellError(cell, _(
                    "应为“{label}”，实际为{shown}：表格结构已被改动（插入、删除或移动了行列），"
                    "请用新模板重新填写", label=label, shown=shown))], self.file_name)

    def _check_merged_and_stray(self) -> None:
        inputs = _input_cells()
        for merged in self.ws.merged_cells.ranges:
            inside = {f"{get_column_letter(col)}{row}" for row, col in merged.cells}
            if inside & inputs:
                self.errors.append(
                    CellError(merged.coord, _("填写区域内不能合并单元格，请取消合并")))
                self.flagged.update(inside)
        max_row, max_col = self.ws.max_row, self.ws.max_column
        if max_row * max_col > MAX_SCANNED_CELLS:
            last = f"{get_column_letter(max_col)}{max_row}"
            raise ApplicationFormError([CellError(
                last, _("工作表的使用范围远超模板，请删除模板之外的内容，或用新模板重新填写"))],
                self.file_name)
        allowed = inputs | _template_cells()
        for row in self.ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
            for c in row:
                if c.coordinate in allowed or c.value is None:
                    continue
                if isinstance(c.value, str) and not _clean(c.value):
                    continue
                self.fail(c.coordinate, "",
                          _("不在填写区域内，内容不会被导入：请移到对应的填写单元格或删除"))

    # -- values ---------------------------------------------------------------------------

    def _scalar(self, field: ScalarField) -> object:
        convert = _CONVERTERS.get(field.name, _text)
        filled, value = self.value(field.cell, field.label, convert)
        if not filled and field.name in ("capacity", "venue_type"):
            self.fail(field.cell, field.label, _("必须填写"))
        if field.name == "capacity":
            return value if value is not None else 0
        if field.name in ("longitude", "latitude"):
            if filled and value is None:  # unconvertible: a placeholder inside the range
                return sum(LON_RANGE if field.name == "longitude" else LAT_RANGE) / 2
            return value
        return value if value is not None else ""

    def _sports(self) -> tuple[list[SportPrice], list[int]]:
        sports: list[SportPrice] = []
        rows: list[int] = []
        sport_col, price_col = SPORTS.columns
        for row in SPORTS.rows:
            sport_cell, price_cell = f"{sport_col.column}{row}", f"{price_col.column}{row}"
            has_sport, sport = self.value(sport_cell, _row_label(SPORTS, sport_col, row), _text)
            has_price, price = self.value(price_cell, _row_label(SPORTS, price_col, row), _price)
            if not has_sport and not has_price:
                continue
            if not has_sport:
                self.fail(sport_cell, _row_label(SPORTS, sport_col, row),
                          _("填写了挂牌价，但没有填写运动项目"))
            if not has_price:
                self.fail(price_cell, _row_label(SPORTS, price_col, row),
                          _("填写了运动项目，但没有填写挂牌价"))
            sports.append(SportPrice(sport or "", price if price is not None else Decimal(0)))
            rows.append(row)
        return sports, rows

    def _coaches(self) -> tuple[list[Coach], list[int]]:
        """Rows with only some of the three filled are left to validate() to report."""
        coaches: list[Coach] = []
        rows: list[int] = []
        for row in COACHES.rows:
            cells = [
                self.value(f"{c.column}{row}", _row_label(COACHES, c, row),
                           _code if c.as_text else _text)
                for c in COACHES.columns
            ]
            if not any(filled for filled, _ in cells):
                continue
            name, qualification, number = (value or "" for _, value in cells)
            coaches.append(Coach(name, qualification, number))
            rows.append(row)
        return coaches, rows


# -- converters: a cleaned, non-empty cell value -> the field's type, or _CellProblem ---------


def _clean(text: str) -> str:
    return clean_text(text.translate(_ZERO_WIDTH))


def _not_text(value: object) -> _CellProblem:
    if isinstance(value, bool):
        return _CellProblem(_("应填写文字，而不是 TRUE/FALSE"))
    return _CellProblem(_("Excel 已把内容识别为日期或时间，请将单元格设为文本后重新填写"))


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    raise _not_text(value)


def _code(value: object) -> str:
    """Credit code, bank account, certificate number: text only (see module docstring)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _CellProblem(NUMBER_STORED)
    return _text(value)


def _mobile(value: object) -> str:
    if isinstance(value, float):
        if not value.is_integer():
            raise _CellProblem(_("应为11位手机号"))
        return str(int(value))
    return _text(value)


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise _CellProblem(_("应为整数"))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise _CellProblem(_("应为整数，实际为 {value:g}", value=value))
        return int(value)
    if isinstance(value, str):
        text = value.removesuffix("人").replace(",", "").strip()
        if re.fullmatch(r"[0-9]{1,9}", text):
            return int(text)
        raise _CellProblem(_("应为整数，实际为“{value}”", value=value))
    raise _not_text(value)


def _coordinate(value: object) -> float:
    if isinstance(value, bool):
        raise _CellProblem(_("应为数字"))
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise _CellProblem(
                _("应为小数形式的度数（如 121.2655），实际为“{value}”", value=value)) from None
    else:
        raise _not_text(value)
    if not math.isfinite(number):
        raise _CellProblem(_("应为数字"))
    return number


def _venue_type(value: object) -> str:
    if isinstance(value, str):
        for venue_type in VenueType:
            if value in (venue_type.value, chinese(venue_type.label)):
                return venue_type.value
    raise _CellProblem(_("只能是“{public}”或“{commercial}”（请从下拉列表中选择）",
                         public=VenueType.PUBLIC, commercial=VenueType.COMMERCIAL))


def _price(value: object) -> Decimal:
    """Numbers go through their shortest repr (``Decimal(str(80.1))`` is 80.1, not 80.0999…)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _CellProblem(_("应为金额（元），如 80 或 80.50"))
    try:
        return parse_price(str(value))
    except MoneyError as exc:
        raise _CellProblem(message_of(exc)) from None


_CONVERTERS: dict[str, Callable[[object], object]] = {
    "venue_type": _venue_type,
    "credit_code": _code,
    "contact_mobile": _mobile,
    "bank_account_number": _code,
    "capacity": _integer,
    "longitude": _coordinate,
    "latitude": _coordinate,
}


# -- layout helpers -------------------------------------------------------------------------


def _row_label(table: Table, column: TableColumn, row: int) -> str:
    """The form's own words (the sheet is in Chinese), e.g. 运动项目，第 2 行."""
    return f"{column.header.split('（')[0]}，第 {row - table.first_row + 1} 行"


def _input_cells() -> set[str]:
    cells = {f.cell for f in SCALAR_FIELDS}
    for table in TABLES:
        cells |= {f"{c.column}{row}" for c in table.columns for row in table.rows}
    return cells


def _template_cells() -> set[str]:
    """Cells the template itself writes (title, headers, labels, hints)."""
    cells = {f"{col}{row}" for col in "ABC" for row in (TITLE_ROW, HEADER_ROW)}
    for f in SCALAR_FIELDS:
        cells |= {f"{LABEL_COLUMN}{f.row}", f"{HINT_COLUMN}{f.row}"}
    for table in TABLES:
        cells.add(f"A{table.title_row}")
        cells |= {f"{c.column}{table.header_row}" for c in table.columns}
    return cells


def _locate(error: FieldError, sport_rows: list[int],
            coach_rows: list[int]) -> tuple[str, Text | str]:
    """The cell (and its label) a validate() error is about."""
    if error.field in FIELD_ROWS:
        field = next(f for f in SCALAR_FIELDS if f.name == error.field)
        return field.cell, field.label
    table = {"sports": SPORTS, "coaches": COACHES}.get(error.field)
    if table is None:
        return "", ""
    if error.index is None:
        return f"{table.columns[0].column}{table.first_row}", FIELD_LABELS[table.name]
    row = (sport_rows if table is SPORTS else coach_rows)[error.index]
    message = chinese(error.message)
    letter = next((col for word, col in _MESSAGE_COLUMN[table.name] if word in message), "A")
    column = next(c for c in table.columns if c.column == letter)
    return f"{letter}{row}", _row_label(table, column, row)


def _cell_order(error: CellError) -> tuple[int, int]:
    match = re.match(r"([A-Z]+)(\d+)", error.cell)
    if not match:
        return (0, 0)
    return (int(match[2]), column_index_from_string(match[1]))
