"""The Excel application form: template, reading it back, and the pre-parse guards."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from jd_admin.domain.errors import InvalidInput
from jd_admin.domain.text import chinese
from jd_admin.reports import application_form as layout
from jd_admin.reports.application_form import write_template
from jd_admin.services.identifiers import credit_code_check_char, is_valid_credit_code
from jd_admin.services.recruitment.application_form import (
    FORMULA,
    NOT_A_TEMPLATE,
    NUMBER_STORED,
    ApplicationFormError,
    CellError,
    read_application_form,
)
from jd_admin.services.recruitment.application_input import (
    FIELD_LABELS,
    Coach,
    SportPrice,
    clean_text,
)
from jd_admin.services.xlsx_guard import assert_defusedxml, check_xlsx

CREDIT_BODY = "12310114MB2C3D4E5"
CREDIT_CODE = CREDIT_BODY + credit_code_check_char(CREDIT_BODY)
WRONG_CHECK = CREDIT_BODY + next(c for c in "0123456789" if c != CREDIT_CODE[-1])

VALID: dict[str, Any] = {
    "B3": "南翔镇全民健身中心",
    "B4": "公共体育场馆",
    "B5": "上海市嘉定区南翔镇德园路 100 号",
    "B6": CREDIT_CODE,
    "B7": "王建国",
    "B8": "李丽",
    "B9": "13912345678",
    "B10": "周一至周日 9:00-21:00",
    "B11": 300,
    "B12": "中国工商银行上海嘉定支行",
    "B13": "上海市嘉定区南翔镇全民健身中心",
    "B14": "6222 0210 0112 3456 789",
    "B15": "每日消毒，配备急救箱和AED",
    "B16": 121.2655,
    "B17": "31.3758",
    "A21": "羽毛球", "B21": 80,
    "A22": "游泳", "B22": "45.50",
    "A34": "张伟", "B34": "社会体育指导员（游泳）国家职业资格四级", "C34": "1905000012345678",
}


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(path)
    return path


@pytest.fixture
def fill(template: Path, tmp_path: Path) -> Callable[..., Path]:
    """fill(B6=..., ...) -> a copy of the template with VALID, then the overrides (None clears)."""

    def make(edit: Callable[[Any], None] | None = None, **cells: Any) -> Path:
        wb = openpyxl.load_workbook(template)
        ws = wb[layout.FORM_SHEET]
        for cell, value in {**VALID, **cells}.items():
            ws[cell] = value
        if edit is not None:
            edit(ws)
        out = tmp_path / "filled.xlsx"
        wb.save(out)
        return out

    return make


def rejected(path: Path) -> ApplicationFormError:
    with pytest.raises(ApplicationFormError) as info:
        read_application_form(path)
    assert info.value.errors
    return info.value


def only_error(path: Path) -> CellError:
    errors = rejected(path).errors
    assert len(errors) == 1, errors
    return errors[0]


# -- the template --------------------------------------------------------------------------


def test_template_layout(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [layout.FORM_SHEET, layout.HELP_SHEET, layout.META_SHEET]
    assert wb[layout.META_SHEET].sheet_state == "veryHidden"
    assert wb[layout.META_SHEET]["A1"].value == "jd_admin-application-form v1"
    ws = wb[layout.FORM_SHEET]
    assert ws["A6"].value == "*统一社会信用代码"
    assert ws["A15"].value == "安全与防疫措施"  # optional: no star
    for cell in ("B6", "B9", "B14", "C34"):
        assert ws[cell].number_format == "@", cell
    assert (ws["A20"].value, ws["B20"].value) == ("运动项目", "挂牌价（元）")
    assert (ws["A33"].value, ws["B33"].value, ws["C33"].value) == (
        "教练姓名", "资格证书", "证书编号")
    [validation] = ws.data_validations.dataValidation
    assert str(validation.sqref) == "B4"
    assert validation.formula1 == '"公共体育场馆,经营性体育场馆"'
    assert wb[layout.HELP_SHEET]["A1"].value == "填写说明"


def test_layout_labels_match_field_labels() -> None:
    for field in layout.SCALAR_FIELDS:
        assert field.label == chinese(FIELD_LABELS[field.name])
    assert set(FIELD_LABELS) == {f.name for f in layout.SCALAR_FIELDS} | {"sports", "coaches"}
    example = layout.SCALAR_FIELDS[3].hint.split()[-1]
    assert is_valid_credit_code(example)


def test_template_writes_to_a_file_object() -> None:
    buffer = io.BytesIO()
    write_template(buffer)
    assert zipfile.ZipFile(buffer).namelist()


def test_empty_template_lists_every_required_cell(template: Path) -> None:
    cells = [e.cell for e in rejected(template).errors]
    assert cells == [f"B{row}" for row in range(3, 15)] + ["A21"]


# -- a valid form ----------------------------------------------------------------------------


def test_round_trip(fill: Callable[..., Path]) -> None:
    app = read_application_form(fill())
    assert app.venue_name == "南翔镇全民健身中心"
    assert app.venue_type == "public"
    assert app.address == "上海市嘉定区南翔镇德园路 100 号"
    assert app.credit_code == CREDIT_CODE
    assert app.legal_representative == "王建国"
    assert app.contact_name == "李丽"
    assert app.contact_mobile == "13912345678"
    assert app.opening_hours == "周一至周日 9:00-21:00"
    assert app.capacity == 300
    assert app.sports == (
        SportPrice("羽毛球", Decimal("80.00")), SportPrice("游泳", Decimal("45.50")))
    # validate() NFKC-folds free text too: full-width punctuation becomes ASCII.
    qualification = clean_text("社会体育指导员（游泳）国家职业资格四级")
    assert app.coaches == (Coach("张伟", qualification, "1905000012345678"),)
    assert app.bank_name == "中国工商银行上海嘉定支行"
    assert app.bank_account_name == "上海市嘉定区南翔镇全民健身中心"
    assert app.bank_account_number == "6222021001123456789"
    assert app.safety_measures == clean_text("每日消毒，配备急救箱和AED")
    assert app.longitude == pytest.approx(121.2655)
    assert app.latitude == pytest.approx(31.3758)


def test_full_width_mobile_is_normalised(fill: Callable[..., Path]) -> None:
    app = read_application_form(fill(B9="１３９ １２３４ ５６７８"))
    assert app.contact_mobile == "13912345678"


def test_numeric_mobile_and_float_capacity_are_accepted(fill: Callable[..., Path]) -> None:
    app = read_application_form(
        fill(B9=13912345678, B11=120.0, B4="commercial", B16=None, B17=None))
    assert (app.contact_mobile, app.capacity, app.venue_type) == ("13912345678", 120, "commercial")
    assert app.longitude is None and app.latitude is None


def test_empty_rows_between_sports_are_skipped(fill: Callable[..., Path]) -> None:
    app = read_application_form(fill(A22=None, B22=None, A30="篮球", B30=Decimal("0")))
    assert [s.sport for s in app.sports] == ["羽毛球", "篮球"]


# -- one bad input at a time -----------------------------------------------------------------


def test_missing_required_field(fill: Callable[..., Path]) -> None:
    error = only_error(fill(B7=None))
    assert error.describe() == "B7（法定代表人）：必须填写"


def test_wrong_credit_code_check_character(fill: Callable[..., Path]) -> None:
    error = only_error(fill(B6=WRONG_CHECK))
    assert error.cell == "B6"
    assert error.describe().startswith("B6（统一社会信用代码）：")
    assert "校验码" in error.message


def test_credit_code_stored_as_number(fill: Callable[..., Path]) -> None:
    exc = rejected(fill(B6=913101145555555555))
    assert [e.cell for e in exc.errors] == ["B6"]
    assert exc.errors[0].message == str(NUMBER_STORED)
    assert "B6（统一社会信用代码）：以数字形式保存" in str(exc)


def test_invalid_mobile(fill: Callable[..., Path]) -> None:
    error = only_error(fill(B9="1391234567"))
    assert error.cell == "B9" and "11位" in error.message


def test_bank_account_with_letters(fill: Callable[..., Path]) -> None:
    error = only_error(fill(B14="6222 0210 ABCD 3456"))
    assert error.describe() == "B14（银行账号）：只能包含数字"


def test_bank_account_stored_as_number(fill: Callable[..., Path]) -> None:
    assert only_error(fill(B14=6222021001123456789)).cell == "B14"


def test_negative_price_names_the_price_cell_of_its_row(fill: Callable[..., Path]) -> None:
    error = only_error(fill(B22=-5))
    assert error.describe() == "B22（挂牌价，第 2 行）：价格不能为负数"


def test_price_with_three_decimals(fill: Callable[..., Path]) -> None:
    assert only_error(fill(B21=80.125)).cell == "B21"
    assert "两位小数" in only_error(fill(B21="80.125")).message


def test_sport_without_price_and_price_without_sport(fill: Callable[..., Path]) -> None:
    exc = rejected(fill(B22=None, B23=30))
    assert [e.cell for e in exc.errors] == ["B22", "A23"]
    assert "没有填写挂牌价" in exc.errors[0].message
    assert "没有填写运动项目" in exc.errors[1].message


def test_duplicate_sport_names_its_row(fill: Callable[..., Path]) -> None:
    assert only_error(fill(A22="羽毛球")).cell == "A22"


def test_incomplete_coach_row_names_the_missing_cell(fill: Callable[..., Path]) -> None:
    assert only_error(fill(C34=None)).describe() == "C34（证书编号，第 1 行）：证书编号必须填写"


def test_formula_cell(fill: Callable[..., Path]) -> None:
    assert only_error(fill(B11="=1+1")).describe() == f"B11（可容纳人数）：{FORMULA}"


def test_venue_type_not_in_list(fill: Callable[..., Path]) -> None:
    error = only_error(fill(B4="体育公园"))
    assert error.cell == "B4" and "公共体育场馆" in error.message


def test_fractional_capacity(fill: Callable[..., Path]) -> None:
    assert only_error(fill(B11=12.5)).describe() == "B11（可容纳人数）：应为整数，实际为 12.5"


def test_only_one_coordinate(fill: Callable[..., Path]) -> None:
    assert only_error(fill(B17=None)).cell == "B16"


def test_all_errors_are_reported_together_in_cell_order(fill: Callable[..., Path]) -> None:
    exc = rejected(fill(B14="abc", B6=WRONG_CHECK, B11="=1+1", B22=-1))
    assert [e.cell for e in exc.errors] == ["B6", "B11", "B14", "B22"]
    lines = str(exc).splitlines()
    assert lines[0] == "自荐申请表“filled.xlsx”有 4 处需要修改："
    assert [line.split("（")[0] for line in lines[1:]] == ["B6", "B11", "B14", "B22"]


def test_content_outside_the_input_cells(fill: Callable[..., Path]) -> None:
    exc = rejected(fill(A31="篮球", B31=50, D5="备注"))
    assert [e.cell for e in exc.errors] == ["D5", "A31", "B31"]


def test_merged_input_cells(fill: Callable[..., Path]) -> None:
    error = only_error(fill(lambda ws: ws.merge_cells("B5:C5")))
    assert error.cell == "B5:C5" and "合并" in error.message


def test_inserted_row_is_detected(fill: Callable[..., Path]) -> None:
    error = only_error(fill(lambda ws: ws.insert_rows(8)))
    assert error.cell == "A8" and "结构" in error.message


def test_workbook_that_is_not_the_template(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "场馆名称"
    wb.save(path)
    exc = rejected(path)
    assert str(exc) == str(NOT_A_TEMPLATE)


def test_other_template_version(fill: Callable[..., Path]) -> None:
    path = fill(lambda ws: ws.parent[layout.META_SHEET].__setitem__(
        "A1", "jd_admin-application-form v2"))
    assert "版本（v2）" in str(rejected(path))


# -- files that never reach openpyxl ---------------------------------------------------------


def test_text_file_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("场馆名称,南翔镇全民健身中心\n", encoding="utf-8")
    assert "不是有效的 Excel (.xlsx) 文件" in str(rejected(path))


def test_truncated_zip(template: Path, tmp_path: Path) -> None:
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(template.read_bytes()[:3000])
    assert "已损坏" in str(rejected(path))


def test_empty_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "empty.xlsx").touch()
    assert "空文件" in str(rejected(tmp_path / "empty.xlsx"))
    assert "找不到文件" in str(rejected(tmp_path / "missing.xlsx"))
    assert "找不到文件" in str(rejected(tmp_path))


def test_old_xls_or_encrypted_file(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert ".xls" in str(rejected(path))


def test_macro_workbook(template: Path, tmp_path: Path) -> None:
    path = tmp_path / "macro.xlsx"
    shutil.copy(template, path)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"\x00" * 64)
    assert "宏" in str(rejected(path))


def test_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    assert path.stat().st_size < 100_000
    with pytest.raises(InvalidInput, match="疑似恶意压缩文件"):
        check_xlsx(path)
    assert "疑似恶意压缩文件" in str(rejected(path))


def test_guard_limits_on_a_normal_template(template: Path) -> None:
    check_xlsx(template)
    with pytest.raises(InvalidInput, match="解压后过大"):
        check_xlsx(template, max_uncompressed=10_000)
    with pytest.raises(InvalidInput, match="部件过多"):
        check_xlsx(template, max_entries=3)
    with pytest.raises(InvalidInput, match="过大"):
        check_xlsx(template, max_bytes=1000)


def test_zip_without_workbook(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(InvalidInput, match=r"xl/workbook\.xml"):
        check_xlsx(path)


def test_defusedxml_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_defusedxml()
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="defusedxml"):
        assert_defusedxml()
