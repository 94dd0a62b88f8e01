"""The recruitment PDFs (招募公告, 自荐申请审核表, 三方合作协议) and the shared PDF machinery.

Built with ``invariant=True`` and read back with pypdf: the text must be there, exactly, in
the bundled font only; long tables repeat their header row on every page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from jd_admin.reports import pdf
from jd_admin.reports.data import (
    AgreementDocument,
    AttachmentLine,
    CallNotice,
    FaceValueLine,
    HistoryLine,
    Party,
    ReviewForm,
)
from jd_admin.reports.recruitment import (
    agreement_flowables,
    call_notice_flowables,
    review_form_flowables,
    write_agreement,
    write_call_notice,
    write_review_form,
)

UTC = dt.UTC
GENERATED = dt.datetime(2026, 12, 2, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai

VENUE = "南翔镇全民健身中心"
CREDIT_CODE = "91310114MA1G8J2K35"
NUMBER = "JDTY-XY-2026-0001"


# ------------------------------------------------------------------ sample data


def sample_call_notice(**changes: Any) -> CallNotice:
    notice = CallNotice(
        call_id=7,
        title="2027年度嘉定区体育消费券定点场馆招募公告",
        bureau_name="嘉定区体育局",
        open_date=dt.date(2026, 11, 25),
        close_date=dt.date(2026, 12, 25),
        venue_types=("公共体育场馆", "经营性体育场馆"),
        sports=("游泳", "羽毛球", "篮球", "乒乓球", "网球", "健身"),
        conditions=(
            "在嘉定区内依法登记注册，具有独立法人资格或合法经营资质，持有有效营业执照。\n"
            "场馆设施设备符合国家相关标准，安全管理制度健全，近两年内未发生重大安全责任事故。\n"
            "配备具有相应资格证书的教练员，游泳项目按规定配备救生员；明码标价，服务规范。\n"
            "同意接入配送平台，按规定受理体育消费券核销，并接受区体育局的监督巡查。"
        ),
        required_documents=(
            "1. 定点场馆自荐申请表\n"
            "2. 营业执照副本复印件（加盖公章）\n"
            "3. 场馆照片（外景、内景各不少于2张）\n"
            "4. 项目价格表\n"
            "5. 教练员资格证书复印件\n"
            "6. 安全及防疫措施说明\n"
            "7. 用于接收补贴的银行账户信息"
        ),
        status="published", status_label="已发布",
        generated_at=GENERATED,
    )
    return dataclasses.replace(notice, **changes)


def _history(n: int) -> tuple[HistoryLine, ...]:
    steps = [
        ("周敏", "提交", "草稿", "已提交", "材料已收齐，提交审核。"),
        ("周敏", "退回补充材料", "已提交", "已退回", "请补充游泳救生员资格证书复印件。"),
        ("周敏", "重新提交", "已退回", "已提交", "已补充救生员证书。"),
        ("顾建华", "街镇审核通过", "已提交", "街镇审核通过", "同意推荐，报区体育局审定。"),
    ]
    start = dt.datetime(2026, 11, 26, 1, 12, tzinfo=UTC)
    return tuple(
        HistoryLine(start + dt.timedelta(hours=7 * i, minutes=13 * i), *steps[i % len(steps)])
        for i in range(n)
    )


def sample_review_form(**changes: Any) -> ReviewForm:
    form = ReviewForm(
        application_id=123,
        call_title="2027年度嘉定区体育消费券定点场馆招募公告",
        subdistrict="南翔镇",
        status_label="街镇审核通过",
        venue_name=VENUE,
        venue_type_label="公共体育场馆",
        address="上海市嘉定区南翔镇德华路328号",
        credit_code=CREDIT_CODE,
        legal_representative="王喆",
        contact_name="李堃",
        contact_mobile="13812345678",
        opening_hours="周二至周日 08:30–21:30（周一上午闭馆保养）",
        capacity=600,
        safety_measures=(
            "游泳池配备持证救生员4名，每日水质检测两次并公示结果。\n"
            "场馆设有AED除颤仪2台，工作人员均经急救培训。\n"
            "制定突发事件应急预案，每季度开展一次疏散演练。"
        ),
        sports=(("游泳", Decimal("60.00")), ("羽毛球", Decimal("80.00"))),
        coaches=(
            ("陈晓东", "游泳救生员国家职业资格（四级）", "2031000012345"),
            ("赵婷", "社会体育指导员（羽毛球）二级", "SH-SZ-2022-0876"),
        ),
        bank_name="中国农业银行上海嘉定南翔支行",
        bank_account_name="上海市嘉定区南翔镇全民健身中心",
        bank_account_number="038563000400123456",
        attachments=(
            AttachmentLine("营业执照", "营业执照副本.pdf", 845_312),
            AttachmentLine("场馆照片", "游泳馆内景.jpg", 3_245_678),
            AttachmentLine("价格表", "2027年项目价格表.pdf", 112_640),
            AttachmentLine("教练资格证书", "教练员证书合集.pdf", 2_097_152),
        ),
        subdistrict_opinion="经实地查看，该场馆设施完好，资质齐全，价格公示规范。同意推荐。",
        subdistrict_reviewer="顾建华",
        subdistrict_reviewed_at=_history(4)[-1].at,
        bureau_opinion="",
        bureau_reviewer="",
        bureau_reviewed_at=None,
        history=_history(4),
        generated_at=GENERATED,
    )
    return dataclasses.replace(form, **changes)


FACE_VALUES = tuple(
    FaceValueLine(Decimal(f), Decimal(s), Decimal(c), Decimal(m))
    for f, s, c, m in [
        ("5", "4", "1", "10"), ("10", "8", "2", "20"), ("20", "15", "5", "40"),
        ("30", "20", "10", "60"), ("50", "30", "20", "120"), ("80", "50", "30", "200"),
    ]
)


def sample_agreement(**changes: Any) -> AgreementDocument:
    doc = AgreementDocument(
        number=NUMBER,
        status="in_force", status_label="生效",
        parties=(
            Party("甲方（区体育局）", "嘉定区体育局", "113101140024360176",
                  "上海市嘉定区博乐路118号", "孙立新"),
            Party("乙方（定点场馆）", VENUE, CREDIT_CODE, "上海市嘉定区南翔镇德华路328号",
                  "王喆",
                  "中国农业银行上海嘉定南翔支行 / 上海市嘉定区南翔镇全民健身中心 / "
                  "038563000400123456"),
            Party("丙方（配送平台运营机构）", "上海全嘉云动体育科技有限公司",
                  "91310114MA1H0C5X7Q", "上海市嘉定区叶城路925号", "刘思远"),
        ),
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 12, 31),
        face_values=FACE_VALUES,
        settlement_terms=(
            "丙方于每月5日前向甲方报送上月乙方核销的消费券明细及汇总数据。\n"
            "甲方对核销数据进行核定，并于当月月底前将上月有效核销消费券的政府补贴部分拨付至"
            "乙方收款账户。\n"
            "列入预警名单且尚未核实处理的消费券暂不结算，核实无误后随下一期结算。"
        ),
        obligations=(
            "按公示价格提供服务，不得因使用消费券而提高价格或降低服务标准。\n"
            "在场馆显著位置张贴定点场馆标识及消费券使用说明。\n"
            "配备持证教练员和救生员，落实安全及防疫措施。\n"
            "如实核销消费券，不得虚假交易、套取补贴。\n"
            "配合甲方的监督巡查和培训，按要求完成整改。"
        ),
        termination_grounds=(
            "乙方虚假核销、套取补贴的，甲方有权立即终止本协议并追回已拨付补贴。\n"
            "乙方经整改仍不符合定点场馆条件的，甲方可书面通知终止本协议。\n"
            "乙方停业、转让或注销的，本协议自然终止。"
        ),
        bureau_signed_on=dt.date(2026, 12, 20),
        venue_signed_on=dt.date(2026, 12, 18),
        operator_signed_on=dt.date(2026, 12, 19),
        renews_number="JDTY-XY-2025-0007",
        generated_at=GENERATED,
    )
    return dataclasses.replace(doc, **changes)


# ------------------------------------------------------------------ helpers


def _bytes(write: Callable[..., None], data: Any) -> bytes:
    buf = io.BytesIO()
    write(data, buf, invariant=True)
    return buf.getvalue()


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _text(data: bytes) -> str:
    return "\n".join(_pages(data))


def _compact(text: str) -> str:
    return "".join(text.split())


WRITERS = {
    "call_notice": (write_call_notice, sample_call_notice),
    "review_form": (write_review_form, sample_review_form),
    "agreement": (write_agreement, sample_agreement),
}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {name: _bytes(write, make()) for name, (write, make) in WRITERS.items()}


# ------------------------------------------------------------------ contents


def test_call_notice_contents(built: dict[str, bytes]) -> None:
    text = _text(built["call_notice"])
    compact = _compact(text)
    assert "2027年度嘉定区体育消费券定点场馆招募公告" in compact
    assert "发布单位：嘉定区体育局" in compact
    assert "2026年11月25日至2026年12月25日" in compact
    assert "公共体育场馆、经营性体育场馆" in compact
    assert "游泳、羽毛球、篮球" in compact
    assert "近两年内未发生重大安全责任事故" in compact
    # Required documents numbered once (the typed "1." replaced, not doubled).
    assert "1.定点场馆自荐申请表" in compact
    assert "7.用于接收补贴的银行账户信息" in compact
    assert "1.1." not in compact
    assert "第 1 页 / 共 1 页" in text
    assert "草稿" not in compact


def test_draft_call_notice_is_marked() -> None:
    draft = sample_call_notice(status="draft", status_label="草稿")
    text = _compact(_text(_bytes(write_call_notice, draft)))
    assert "草稿—未发布" in text
    closed_call = sample_call_notice(status="closed", status_label="已截止")
    closed = _compact(_text(_bytes(write_call_notice, closed_call)))
    assert "状态：已截止" in closed


def test_review_form_contents(built: dict[str, bytes]) -> None:
    text = _text(built["review_form"])
    compact = _compact(text)
    for expected in (
        "定点场馆自荐申请审核表", "申请编号：SQ-000123", "所属街镇：南翔镇",
        "当前状态：街镇审核通过", VENUE, CREDIT_CODE, "王喆", "李堃", "13812345678",
        "600人", "038563000400123456", "中国农业银行上海嘉定南翔支行",
        "游泳60.00", "羽毛球80.00", "陈晓东", "SH-SZ-2022-0876",
        "营业执照副本.pdf", "825.5KB", "3.1MB", "2.0MB",
        "街镇文体中心审核意见", "区体育局审定意见", "（盖章）", "同意推荐。",
        "审核人：顾建华", "日期：2026年11月27日",
        "审定人：____________", "日期：______年____月____日",
        "办理记录", "2026-11-2609:12", "退回补充材料",
    ):
        assert expected in compact, expected
    assert compact.count("（盖章）") == 2
    assert "第 1 页" in text
    assert "打印时间：2026-12-0214:30" in compact


def test_agreement_contents(built: dict[str, bytes]) -> None:
    text = _text(built["agreement"])
    compact = _compact(text)
    for expected in (
        "嘉定区体育消费券定点场馆三方合作协议", f"协议编号：{NUMBER}",
        "本协议为JDTY-XY-2025-0007号协议的续签",
        "甲方（区体育局）：嘉定区体育局", f"乙方（定点场馆）：{VENUE}", CREDIT_CODE,
        "丙方（配送平台运营机构）：上海全嘉云动体育科技有限公司",
        "开户银行：中国农业银行上海嘉定南翔支行", "银行账号：038563000400123456",
        "账户名称：上海市嘉定区南翔镇全民健身中心",
        "政府贴一点、场馆让一点、个人出一点",
        "本协议期限自2027年1月1日起至2027年12月31日止",
        "第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条",
        "80.0050.0030.00满200元可用", "5.004.001.00满10元可用",
        "1.按公示价格提供服务", "5.配合甲方的监督巡查",
        "一式三份", "（盖章）", "代表签字：", "日期：2026年12月20日", "日期：2026年12月18日",
    ):
        assert expected in compact, expected
    assert compact.count("（盖章）") == 3
    assert "第 1 页" in text
    assert "未生效" not in compact


def test_draft_agreement_is_marked_and_has_blank_dates() -> None:
    data = _bytes(write_agreement, sample_agreement(
        status="draft", status_label="草稿", bureau_signed_on=None, venue_signed_on=None,
        operator_signed_on=None, renews_number=None))
    compact = _compact(_text(data))
    assert "草稿—未生效" in compact
    assert "续签" not in compact
    assert compact.count("日期：______年____月____日") == 3


def test_signing_copy_has_no_status_note() -> None:
    compact = _compact(_text(_bytes(write_agreement, sample_agreement(
        status="out_for_signature", status_label="签署中"))))
    assert "签署中" not in compact
    ended = _compact(_text(_bytes(write_agreement, sample_agreement(
        status="terminated", status_label="已终止"))))
    assert "已终止—本协议已不再有效" in ended


# ------------------------------------------------------------------ output properties


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_invariant_output_is_reproducible(name: str, built: dict[str, bytes]) -> None:
    write, make = WRITERS[name]
    assert _bytes(write, make()) == built[name]


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_only_the_bundled_font_is_embedded(name: str, built: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(built[name]))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font["/BaseFont"])
            assert "JDSansSC" in base, base
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), base
            seen.add(base.split("+", 1)[-1])
    assert "JDSansSC-Regular" in seen
    assert "JDSansSC-Bold" in seen


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_character_has_a_glyph(name: str, built: dict[str, bytes]) -> None:
    """No boxes: every character of the text is in the bundled font."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(pdf.register_fonts()).face
    missing = {c for c in _text(built[name]) if not c.isspace() and ord(c) not in face.charToGlyph}
    assert not missing, missing


def test_long_history_spans_pages_and_repeats_its_header() -> None:
    data = _bytes(write_review_form, sample_review_form(history=_history(60)))
    pages = _pages(data)
    assert len(pages) >= 3
    with_header = [i for i, text in enumerate(pages) if "操作人" in text]
    assert len(with_header) >= 2, with_header
    # The rows are all there, in order, and every page has its footer.
    compact = _compact("".join(pages))
    assert compact.count("退回补充材料") == 15
    for i, text in enumerate(pages, start=1):
        assert f"第 {i} 页 / 共 {len(pages)} 页" in text


def test_markup_characters_in_user_text_appear_literally() -> None:
    nasty = "A&B <体育> 中心 >< &amp; <b>粗</b>"
    form = sample_review_form(
        venue_name=nasty,
        safety_measures="水深 < 1.4 米 & 浅水区 > 儿童区\n<br/> 不是换行",
        coaches=(("<王>", "证书 & 资格", "<>&"),),
        subdistrict_opinion="同意 <推荐> & 备案",
        history=(dataclasses.replace(_history(1)[0], comment="a<b & c>d"),),
    )
    compact = _compact(_text(_bytes(write_review_form, form)))
    for expected in (nasty, "水深<1.4米&浅水区>儿童区", "<br/>不是换行", "<王>", "证书&资格",
                     "同意<推荐>&备案", "a<b&c>d"):
        assert _compact(expected) in compact, expected

    notice = sample_call_notice(title="招募 <公告> & 通知", sports=("<游泳>", "A&B"),
                                conditions="条件 <一> & 二")
    compact = _compact(_text(_bytes(write_call_notice, notice)))
    for expected in ("招募<公告>&通知", "<游泳>、A&B", "条件<一>&二"):
        assert expected in compact, expected

    venue = dataclasses.replace(sample_agreement().parties[1], name=nasty)
    doc = sample_agreement(
        parties=(sample_agreement().parties[0], venue, sample_agreement().parties[2]),
        obligations="不得 <拒收> 消费券 & 加价",
    )
    compact = _compact(_text(_bytes(write_agreement, doc)))
    assert _compact(nasty) in compact
    assert "不得<拒收>消费券&加价" in compact


def test_writes_to_a_path(tmp_path: Path) -> None:
    target = tmp_path / "notice.pdf"
    write_call_notice(sample_call_notice(), target, invariant=True)
    write_review_form(sample_review_form(), str(tmp_path / "form.pdf"))
    assert target.read_bytes().startswith(b"%PDF")
    assert (tmp_path / "form.pdf").read_bytes().startswith(b"%PDF")


def test_empty_lists_print_none() -> None:
    form = sample_review_form(coaches=(), attachments=(), history=(), sports=(),
                              safety_measures="")
    assert "无" in _compact(_text(_bytes(write_review_form, form)))
    assert review_form_flowables(form)
    assert call_notice_flowables(sample_call_notice(venue_types=(), sports=()))
    assert agreement_flowables(sample_agreement(face_values=()))


# ------------------------------------------------------------------ formatting


def test_formatting_helpers() -> None:
    assert pdf.money(Decimal("1234.5")) == "1,234.50"
    assert pdf.money(Decimal("60")) == "60.00"
    assert pdf.yuan_threshold(Decimal("200")) == "200"
    assert pdf.yuan_threshold(Decimal("10.5")) == "10.50"
    assert pdf.format_date(dt.date(2026, 11, 25)) == "2026年11月25日"
    assert pdf.format_date(dt.date(2027, 1, 5)) == "2027年1月5日"
    assert pdf.format_date(None, "—") == "—"
    late_utc = dt.datetime(2026, 11, 24, 16, 30, tzinfo=UTC)  # already the 25th in Shanghai
    assert pdf.format_date(late_utc) == "2026年11月25日"
    assert pdf.format_datetime(dt.datetime(2026, 11, 25, 6, 30, tzinfo=UTC)) == "2026-11-25 14:30"
    shanghai = dt.timezone(dt.timedelta(hours=8))
    assert pdf.format_datetime(dt.datetime(2026, 11, 25, 14, 30, tzinfo=shanghai)) == (
        "2026-11-25 14:30")
    with pytest.raises(ValueError, match="naive"):
        pdf.format_datetime(dt.datetime(2026, 11, 25, 14, 30))
    assert pdf.format_size(845_312) == "825.5 KB"
    assert pdf.format_size(3_245_678) == "3.1 MB"
    assert pdf.format_size(10) == "0.1 KB"
    assert [pdf.chinese_number(n) for n in (1, 7, 10, 12, 20, 35)] == [
        "一", "七", "十", "十二", "二十", "三十五"]
    assert pdf.escape("a<b & c>d") == "a&lt;b &amp; c&gt;d"
    for typed in ("1. 申请表", "2、申请表", "（3）申请表", "四、申请表", "⑤申请表", "申请表"):
        assert pdf.strip_numbering(typed) == "申请表", typed
    for untouched in ("2027年项目价格表", "3.5米以上深水区须配备救生员", "2027.1起执行"):
        assert pdf.strip_numbering(untouched) == untouched


def test_cells_longer_than_a_page_split_across_pages() -> None:
    """Long user texts in table cells flow on over pages instead of stopping the build."""
    sentence = "经实地查看，该场馆设施完好，资质齐全，价格公示规范。"
    form = sample_review_form(
        safety_measures="\n".join(["泳池水质每日检测两次并公示。"] * 120),  # 2 pages
        subdistrict_opinion=sentence * 150,  # 3 pages
        history=(dataclasses.replace(_history(1)[0], comment=sentence * 60),),  # 2 pages
    )
    pages = _pages(_bytes(write_review_form, form))
    assert len(pages) >= 7
    # Nothing lost or repeated where a cell was cut: count characters that occur once in each
    # repeated text (a page end may fall inside a sentence, so don't count sentences).
    empty = sample_review_form(safety_measures="", subdistrict_opinion="",
                               history=(dataclasses.replace(_history(1)[0], comment=""),))
    baseline = _compact(_text(_bytes(write_review_form, empty)))
    compact = _compact("".join(pages))
    assert compact.count("查") - baseline.count("查") == 210
    assert compact.count("泳") - baseline.count("泳") == 120
    assert "区体育局审定意见" in compact


def test_lines_do_not_start_with_chinese_punctuation() -> None:
    sentence = "经实地查看，该场馆设施完好，资质齐全，价格公示规范；同意推荐：报区体育局审定。"
    data = _bytes(write_review_form, sample_review_form(subdistrict_opinion=sentence * 20))
    for line in _text(data).splitlines():
        assert not line.lstrip().startswith(("，", "。", "；", "：", "、", "）")), line
