"""The Excel application form (自荐申请表) a venue fills in, and its cell layout.

The layout is defined once, here: :data:`SCALAR_FIELDS` gives the row of every single-value
field (label in column A, value in column B, hint in column C), :data:`SPORTS` and
:data:`COACHES` the two tables. :func:`write_template` writes the form from it and
``jd_admin.services.recruitment.application_form`` reads the filled form with the same constants.

The labels repeat ``application_input.FIELD_LABELS`` because reports/ does not import
services/; a test keeps the two equal. A very hidden sheet ``_meta`` holds :data:`MARKER`
so the reader recognises the template and its version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

FORM_SHEET = "自荐申请表"
HELP_SHEET = "填写说明"
META_SHEET = "_meta"
MARKER_CELL = "A1"
FORM_ID = "jd_admin-application-form"
FORM_VERSION = 1
MARKER = f"{FORM_ID} v{FORM_VERSION}"
TITLE = "嘉定区体育消费券定点场馆自荐申请表"

LABEL_COLUMN, VALUE_COLUMN, HINT_COLUMN = "A", "B", "C"
TITLE_ROW = 1
HEADER_ROW = 2
FIRST_FIELD_ROW = 3
TABLE_ROWS = 10
REQUIRED_MARK = "*"
VENUE_TYPE_CHOICES = ("公共体育场馆", "经营性体育场馆")
TEXT_FORMAT = "@"


@dataclass(frozen=True)
class ScalarField:
    """One single-value field of the form: ``name`` is an ApplicationInput field."""

    name: str
    label: str
    required: bool
    hint: str
    as_text: bool = False  # the value cell is formatted as text (digits must stay exact)

    @property
    def row(self) -> int:
        return FIELD_ROWS[self.name]

    @property
    def cell(self) -> str:
        return f"{VALUE_COLUMN}{self.row}"

    @property
    def shown_label(self) -> str:
        return f"{REQUIRED_MARK}{self.label}" if self.required else self.label


SCALAR_FIELDS: tuple[ScalarField, ...] = (
    ScalarField("venue_name", "场馆名称", True, "与营业执照或事业单位法人证书一致"),
    ScalarField("venue_type", "场馆类型", True, "公共体育场馆 或 经营性体育场馆（下拉选择）"),
    ScalarField("address", "地址", True, "嘉定区内的详细地址"),
    ScalarField("credit_code", "统一社会信用代码", True, "18位，如 91310114MA1G8J2K35",
                as_text=True),
    ScalarField("legal_representative", "法定代表人", True, "与营业执照一致"),
    ScalarField("contact_name", "联系人", True, "负责本次申请的联系人"),
    ScalarField("contact_mobile", "联系人手机", True, "11位手机号", as_text=True),
    ScalarField("opening_hours", "开放时间", True, "如 周一至周日 9:00-21:00"),
    ScalarField("capacity", "可容纳人数", True, "整数，同时可容纳的最多人数"),
    ScalarField("bank_name", "开户银行", True, "如 中国工商银行上海嘉定支行"),
    ScalarField("bank_account_name", "账户名称", True, "一般与场馆单位名称一致"),
    ScalarField("bank_account_number", "银行账号", True, "只填数字，可用空格分组", as_text=True),
    ScalarField("safety_measures", "安全与防疫措施", False, "选填，简述安全管理与防疫措施"),
    ScalarField("longitude", "经度", False, "WGS-84，选填，如 121.2655"),
    ScalarField("latitude", "纬度", False, "WGS-84，选填，如 31.3758"),
)
FIELD_ROWS: dict[str, int] = {f.name: FIRST_FIELD_ROW + i for i, f in enumerate(SCALAR_FIELDS)}
LAST_FIELD_ROW = FIRST_FIELD_ROW + len(SCALAR_FIELDS) - 1


@dataclass(frozen=True)
class TableColumn:
    column: str  # letter
    key: str  # SportPrice / Coach attribute
    header: str
    as_text: bool = False


@dataclass(frozen=True)
class Table:
    """A block of :data:`TABLE_ROWS` input rows under a title row and a header row."""

    name: str  # "sports" | "coaches", the ApplicationInput field
    title: str
    title_row: int
    columns: tuple[TableColumn, ...]

    @property
    def header_row(self) -> int:
        return self.title_row + 1

    @property
    def first_row(self) -> int:
        return self.title_row + 2

    @property
    def last_row(self) -> int:
        return self.first_row + TABLE_ROWS - 1

    @property
    def rows(self) -> range:
        return range(self.first_row, self.last_row + 1)


SPORTS = Table(
    "sports", "运动项目及挂牌价（至少填一项）", LAST_FIELD_ROW + 2,
    (TableColumn("A", "sport", "运动项目"), TableColumn("B", "list_price", "挂牌价（元）")),
)
COACHES = Table(
    "coaches", "教练及资格证书（选填）", SPORTS.last_row + 2,
    (TableColumn("A", "name", "教练姓名"), TableColumn("B", "qualification", "资格证书"),
     TableColumn("C", "certificate_number", "证书编号", as_text=True)),
)
TABLES = (SPORTS, COACHES)

HELP_LINES = (
    "填写说明",
    "1. 请在“自荐申请表”工作表的 B 列及下方两个表格中填写，带 * 的为必填项。",
    "2. 不要插入、删除或移动行列，不要修改 A 列的项目名称，也不要改工作表名称；"
    "否则系统无法导入，需要用新模板重新填写。",
    "3. 统一社会信用代码、手机号、银行账号、证书编号的单元格已设为文本格式，请直接输入或"
    "“选择性粘贴 → 值”；不要改为数字格式，否则 Excel 可能改变长数字的末几位。",
    "4. 单元格内请填写内容本身，不要使用公式。",
    "5. 场馆类型请从下拉列表中选择：公共体育场馆 或 经营性体育场馆。",
    f"6. 运动项目表最多 {TABLE_ROWS} 项，每行填写项目名称和挂牌价（元，最多两位小数）；"
    f"教练表最多 {TABLE_ROWS} 人，每行三项都要填写。空行会被忽略。",
    "7. 经纬度为选填，使用 WGS-84 坐标（如 121.2655, 31.3758），两项要么都填，要么都不填。",
    "8. 填好后保存为 .xlsx 格式（不要设置密码，不要另存为 .xls 或启用宏的 .xlsm），"
    "交所在街道（镇）社区体育服务中心导入。",
)

_INPUT_FILL = PatternFill(fill_type="solid", start_color="FFF8E1", end_color="FFF8E1")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")


def write_template(out: Path | BinaryIO) -> None:
    """Write an empty application form to ``out`` (a path or a binary file object)."""
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET

    ws[f"A{TITLE_ROW}"] = TITLE
    ws[f"A{TITLE_ROW}"].font = Font(bold=True, size=14)
    ws[f"A{TITLE_ROW}"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A{TITLE_ROW}:C{TITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 28
    for column, text in zip("ABC", ("项目（* 为必填）", "填写内容", "说明"), strict=True):
        ws[f"{column}{HEADER_ROW}"] = text
        ws[f"{column}{HEADER_ROW}"].font = _BOLD

    for field in SCALAR_FIELDS:
        ws[f"{LABEL_COLUMN}{field.row}"] = field.shown_label
        ws[f"{HINT_COLUMN}{field.row}"] = field.hint
        value = ws[field.cell]
        value.fill = _INPUT_FILL
        value.alignment = _WRAP
        if field.as_text:
            value.number_format = TEXT_FORMAT

    venue_types = DataValidation(
        type="list", formula1='"' + ",".join(VENUE_TYPE_CHOICES) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="场馆类型", error="请从下拉列表中选择",
    )
    ws.add_data_validation(venue_types)
    venue_types.add(f"{VALUE_COLUMN}{FIELD_ROWS['venue_type']}")

    for table in TABLES:
        ws[f"A{table.title_row}"] = table.title
        ws[f"A{table.title_row}"].font = _BOLD
        for col in table.columns:
            ws[f"{col.column}{table.header_row}"] = col.header
            ws[f"{col.column}{table.header_row}"].font = _BOLD
            for row in table.rows:
                cell = ws[f"{col.column}{row}"]
                cell.fill = _INPUT_FILL
                if col.as_text:
                    cell.number_format = TEXT_FORMAT

    for column, width in (("A", 24), ("B", 40), ("C", 44)):
        ws.column_dimensions[column].width = width
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0

    help_ws = wb.create_sheet(HELP_SHEET)
    for i, line in enumerate(HELP_LINES, start=1):
        help_ws[f"A{i}"] = line
        help_ws[f"A{i}"].alignment = Alignment(wrap_text=True, vertical="top")
    help_ws["A1"].font = Font(bold=True, size=14)
    help_ws.column_dimensions["A"].width = 100

    meta = wb.create_sheet(META_SHEET)
    meta[MARKER_CELL] = MARKER
    meta.sheet_state = "veryHidden"

    wb.save(out)
