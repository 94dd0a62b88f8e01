"""Recruitment documents: the call notice (招募公告), the application review form
(定点场馆自荐申请审核表) and the three-party agreement (三方合作协议).

Each document has a pure ``*_flowables`` function (data -> ReportLab flowables) and a
``write_*`` function that lays them out with :func:`jd_admin.reports.pdf.build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Table,
    TableStyle,
)

from jd_admin.domain.agreements import AgreementState
from jd_admin.domain.recruitment import CallState
from jd_admin.reports import pdf
from jd_admin.reports.data import AgreementDocument, CallNotice, Party, ReviewForm
from jd_admin.reports.fonts import BOLD, register_fonts
from jd_admin.reports.pdf import (
    BLANK_DATE,
    FRAME_WIDTH,
    chinese_number,
    escape,
    format_date,
    format_datetime,
    format_size,
    money,
    styles,
    text_block,
    yuan_threshold,
)

Out = BinaryIO | str | Path

DRAFT_WATERMARK = "草稿"
#: No status note on these: an agreement in force, and the copy printed for signature (it
#: becomes the agreement once signed).
AGREEMENT_WITHOUT_NOTE = (AgreementState.IN_FORCE, AgreementState.OUT_FOR_SIGNATURE)

SEAL_HEIGHT = 35 * mm


def _style(name: str, parent: ParagraphStyle, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **kw)


def _join(items: tuple[str, ...]) -> str:
    return "、".join(item for item in items if item.strip()) or "不限"


# ------------------------------------------------------------------ call notice


def call_notice_flowables(notice: CallNotice) -> list[Flowable]:
    """The public recruitment notice (招募公告), ready to print and post."""
    s = styles()
    story: list[Flowable] = []
    if notice.status == CallState.DRAFT:
        story.append(pdf.status_note("草稿 — 未发布，不得对外张贴"))
    elif notice.status != CallState.PUBLISHED:
        story.append(pdf.status_note(f"状态：{notice.status_label}"))

    story += [
        pdf.spacer(4),
        Paragraph(escape(notice.title), _style("jd-notice-title", s.title, fontSize=20,
                                               leading=30, spaceAfter=6)),
        Paragraph(f"发布单位：{escape(notice.bureau_name)}", s.subtitle),
        pdf.spacer(6),
        Paragraph(
            "为进一步激发体育消费活力，推动全民健身，根据嘉定区体育消费券发放有关规定，"
            "现面向全区公开招募体育消费券定点场馆。有关事项公告如下：",
            s.body_indent,
        ),
        pdf.heading("一、报名时间"),
        Paragraph(
            f"{format_date(notice.open_date)}至{format_date(notice.close_date)}。",
            s.body_indent,
        ),
        pdf.heading("二、招募范围"),
        Paragraph(f"场馆类型：{escape(_join(notice.venue_types))}。", s.body_indent),
        Paragraph(f"运动项目：{escape(_join(notice.sports))}。", s.body_indent),
        pdf.heading("三、申报条件"),
        *text_block(notice.conditions, numbered=False),
        pdf.heading("四、申报材料"),
        *text_block(notice.required_documents),
        pdf.heading("五、报名方式"),
        Paragraph(
            "符合条件的场馆请在报名时间内向所在街镇文体中心自荐报名，并提交上述材料。"
            "街镇文体中心审核后报区体育局审定；审定通过的场馆与区体育局、配送平台运营机构"
            "签订三方合作协议后，成为嘉定区体育消费券定点场馆。",
            s.body_indent,
        ),
        pdf.spacer(14),
    ]
    closing = _style("jd-closing", s.body, alignment=TA_RIGHT, rightIndent=8 * mm)
    story.append(KeepTogether([
        Paragraph(escape(notice.bureau_name), closing),
        Paragraph(format_date(notice.open_date), closing),
    ]))
    return story


def write_call_notice(notice: CallNotice, out: Out, invariant: bool = False) -> None:
    pdf.build(
        call_notice_flowables(notice), "招募公告", out, invariant,
        watermark=DRAFT_WATERMARK if notice.status == CallState.DRAFT else None,
    )


# ------------------------------------------------------------------ review form


def application_number(application_id: int) -> str:
    """``SQ-000123``."""
    return f"SQ-{application_id:06d}"


def _opinion_box(
    title: str, opinion: str, reviewer_label: str, reviewer: str, reviewed_on: str,
) -> Table:
    """One opinion box: title bar, opinion (or ruled lines), reviewer and date, seal space."""
    s = styles()
    seal_width = 62 * mm
    inner = FRAME_WIDTH - 2 * 6  # cell paddings
    box_title = _style("jd-box-title", s.cell_label, fontSize=10.5, leading=15)
    if pdf.text_lines(opinion):
        body: list[Any] = pdf.paragraphs(opinion, s.body_indent)
    else:
        body = [pdf.writing_lines(3, inner)]
    sign = [
        Paragraph(f"{escape(reviewer_label)}：{escape(reviewer) or '____________'}", s.body),
        Paragraph(f"日期：{escape(reviewed_on)}", s.body),
    ]
    seal = Paragraph("（盖章）", _style("jd-seal", s.body, alignment=TA_CENTER,
                                       textColor=pdf.MUTED))
    # Seal row as a nested table and no column spans: a long opinion may split across pages,
    # and ReportLab re-wraps a spanned cell at a single column's width when it does.
    signing = Table([[sign, seal]], colWidths=[inner - seal_width, seal_width],
                    rowHeights=[SEAL_HEIGHT])
    signing.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    table = Table(
        [[Paragraph(escape(title), box_title)], [body], [signing]],
        colWidths=[FRAME_WIDTH],
        splitInRow=pdf.SPLIT_IN_ROW,
    )
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), pdf.LABEL_BACKGROUND),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("TOPPADDING", (0, 1), (-1, 1), 6),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 0),
        ("TOPPADDING", (0, 2), (-1, 2), 0),
        ("BOTTOMPADDING", (0, 2), (-1, 2), 8),
    ]))
    return table


def _table_or_none(header: list[str], rows: list[list[pdf.Cell]], col_widths: list[float],
                   align: list[str] | None = None) -> Flowable:
    """A data table of ``rows``, or "无" when there are none."""
    if not rows:
        return Paragraph("无", styles().body_indent)
    return pdf.data_table(header, rows, col_widths, align)


def review_form_flowables(form: ReviewForm) -> list[Flowable]:
    """The review form (审核表) of one application, with both opinions and room for seals."""
    s = styles()
    info = pdf.plain_table(
        [
            [f"申请编号：{application_number(form.application_id)}",
             f"当前状态：{form.status_label}"],
            [f"所属街镇：{form.subdistrict}", f"打印时间：{format_datetime(form.generated_at)}"],
            [f"招募公告：{form.call_title}", ""],
        ],
        [FRAME_WIDTH * 0.6, FRAME_WIDTH * 0.4],
        style=s.body,
        extra=[("SPAN", (0, 2), (1, 2))],
    )
    venue = pdf.key_value_grid([
        (("场馆名称", form.venue_name),),
        (("场馆类型", form.venue_type_label), ("可容纳人数", f"{form.capacity:,} 人")),
        (("场馆地址", form.address),),
        (("统一社会信用代码", form.credit_code), ("法定代表人", form.legal_representative)),
        (("联系人", form.contact_name), ("联系电话", form.contact_mobile)),
        (("开放时间", form.opening_hours),),
        (("安全与防疫措施", form.safety_measures or "无"),),
        (("开户银行", form.bank_name),),
        (("账户名称", form.bank_account_name), ("银行账号", form.bank_account_number)),
    ])

    story: list[Flowable] = [
        Paragraph("定点场馆自荐申请审核表", s.title),
        Paragraph("嘉定区体育消费券定点场馆招募", s.subtitle),
        pdf.spacer(3),
        info,
        pdf.heading("一、场馆基本信息"),
        *venue,
        pdf.heading("二、开展项目及挂牌价"),
    ]
    story.append(_table_or_none(
        ["序号", "项目", "挂牌价（元）"],
        [[str(i), sport, money(price)] for i, (sport, price) in enumerate(form.sports, 1)],
        [15 * mm, 95 * mm, 60 * mm],
        ["CENTER", "LEFT", "RIGHT"],
    ))

    story.append(pdf.heading("三、教练员"))
    story.append(_table_or_none(
        ["序号", "姓名", "资格证书", "证书编号"],
        [[str(i), name, qualification, number]
         for i, (name, qualification, number) in enumerate(form.coaches, 1)],
        [15 * mm, 35 * mm, 70 * mm, 50 * mm],
        ["CENTER", "LEFT", "LEFT", "LEFT"],
    ))

    story.append(pdf.heading("四、申报材料"))
    story.append(_table_or_none(
        ["序号", "类别", "文件名", "大小"],
        [[str(i), a.kind_label, a.filename, format_size(a.size)]
         for i, a in enumerate(form.attachments, 1)],
        [15 * mm, 40 * mm, 90 * mm, 25 * mm],
        ["CENTER", "LEFT", "LEFT", "RIGHT"],
    ))

    story.append(KeepTogether([
        pdf.heading("五、审核意见"),
        _opinion_box("街镇文体中心审核意见", form.subdistrict_opinion, "审核人",
                     form.subdistrict_reviewer,
                     format_date(form.subdistrict_reviewed_at, BLANK_DATE)),
        pdf.spacer(5),
        _opinion_box("区体育局审定意见", form.bureau_opinion, "审定人",
                     form.bureau_reviewer, format_date(form.bureau_reviewed_at, BLANK_DATE)),
    ]))

    story.append(pdf.heading("六、办理记录"))
    story.append(_table_or_none(
        ["时间", "操作人", "操作", "从", "到", "意见"],
        [[format_datetime(h.at), h.actor, h.action, h.from_label, h.to_label, h.comment]
         for h in form.history],
        [29 * mm, 20 * mm, 24 * mm, 23 * mm, 23 * mm, 51 * mm],
    ))
    return story


def write_review_form(form: ReviewForm, out: Out, invariant: bool = False) -> None:
    pdf.build(
        review_form_flowables(form),
        f"自荐申请审核表 {application_number(form.application_id)}",
        out,
        invariant,
    )


# ------------------------------------------------------------------ agreement

AGREEMENT_TITLE = "嘉定区体育消费券定点场馆三方合作协议"


def _party_block(party: Party, is_venue: bool) -> list[Flowable]:
    s = styles()
    line = _style("jd-party-line", s.body, leftIndent=2 * s.body.fontSize, spaceAfter=0)
    lines = [("统一社会信用代码", party.credit_code)]
    if party.address:
        lines.append(("地址", party.address))
    if party.representative:
        lines.append(("法定代表人" if is_venue else "法定代表人（负责人）", party.representative))
    if party.bank:
        bank = [part.strip() for part in party.bank.split(" / ")]
        if len(bank) == 3:  # "开户银行 / 账户名称 / 账号"
            lines += list(zip(("开户银行", "账户名称", "银行账号"), bank, strict=True))
        else:
            lines.append(("收款账户", party.bank))
    return [
        Paragraph(f"<b>{escape(party.role_label)}：{escape(party.name)}</b>",
                  _style("jd-party", s.body, spaceBefore=6, spaceAfter=1)),
        *[Paragraph(f"{escape(label)}：{escape(value)}", line) for label, value in lines],
    ]


def _article(number: int, title: str, body: list[Flowable], keep: int = 1) -> list[Flowable]:
    """The heading "第N条　title" and the body; the heading stays with the first ``keep``
    flowables of the body (one KeepTogether: nested ones do not hold across a page end)."""
    head = pdf.heading(f"第{chinese_number(number)}条　{title}")
    return [KeepTogether([head, *body[:keep]]), *body[keep:]]


def _signature_block(doc: AgreementDocument) -> Table:
    s = styles()
    center = _style("jd-sign-center", s.body, alignment=TA_CENTER)
    name_style = _style("jd-sign-name", s.body, alignment=TA_CENTER, fontName=BOLD)
    seal = _style("jd-sign-seal", s.body, alignment=TA_CENTER, textColor=pdf.MUTED)
    signed = (doc.bureau_signed_on, doc.venue_signed_on, doc.operator_signed_on)
    width = FRAME_WIDTH / 3
    rows: list[list[Any]] = [
        [Paragraph(escape(p.role_label), name_style) for p in doc.parties],
        [Paragraph(escape(p.name), center) for p in doc.parties],
        [Paragraph("（盖章）", seal) for _ in doc.parties],
        [Paragraph("代表签字：__________", s.body) for _ in doc.parties],
        [Paragraph(f"日期：{format_date(d, BLANK_DATE)}", s.body) for d in signed],
    ]
    table = Table(rows, colWidths=[width] * 3,
                  rowHeights=[None, None, SEAL_HEIGHT, 12 * mm, 10 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("VALIGN", (0, 0), (-1, 1), "TOP"),
        ("VALIGN", (0, 2), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def agreement_status_note(doc: AgreementDocument) -> str | None:
    """The note printed above an agreement that is not (or no longer) in force."""
    if doc.status in AGREEMENT_WITHOUT_NOTE:
        return None
    if doc.status == AgreementState.DRAFT:
        return "草稿 — 未生效"
    return f"{doc.status_label} — 本协议已不再有效"


def agreement_flowables(doc: AgreementDocument) -> list[Flowable]:
    """The three-party agreement, articles 第一条…第七条 and the signature block."""
    s = styles()
    story: list[Flowable] = []
    note = agreement_status_note(doc)
    if note:
        story.append(pdf.status_note(note))
    story += [
        pdf.spacer(2),
        Paragraph(AGREEMENT_TITLE, _style("jd-agreement-title", s.title, fontSize=19,
                                          leading=28)),
        Paragraph(f"协议编号：{escape(doc.number)}",
                  _style("jd-agreement-number", s.subtitle, fontName=BOLD, fontSize=13,
                         leading=20)),
    ]
    if doc.renews_number:
        story.append(Paragraph(f"本协议为 {escape(doc.renews_number)} 号协议的续签", s.subtitle))
    story.append(pdf.spacer(4))
    bureau, venue, operator = doc.parties
    story += _party_block(bureau, is_venue=False)
    story += _party_block(venue, is_venue=True)
    story += _party_block(operator, is_venue=False)
    story += [
        pdf.spacer(3),
        Paragraph(
            "为促进体育消费、推动全民健身，根据嘉定区体育消费券发放有关规定，甲、乙、丙三方"
            "本着平等自愿、诚实信用的原则，经协商一致，就乙方作为嘉定区体育消费券定点场馆"
            "有关事宜订立本协议。",
            s.body_indent,
        ),
    ]

    body = s.body_indent
    articles: list[tuple[str, list[Flowable], int]] = [
        ("合作内容", [
            Paragraph(
                "甲方组织实施嘉定区体育消费券发放工作；乙方作为定点场馆，接受市民使用电子体育"
                "消费券在乙方进行体育消费；丙方作为配送平台运营机构，负责消费券的发放、核销及"
                "数据服务，并向甲方提供领取、核销数据和使用情况报告。", body),
            Paragraph(
                "消费券按照“政府贴一点、场馆让一点、个人出一点”的方式使用：市民在乙方消费时以"
                "电子消费券抵扣订单金额，订单金额与消费券面值的差额由市民直接向乙方支付；"
                "面值中的政府补贴部分由甲方按本协议与乙方结算，场馆让利部分由乙方承担。"
                "消费券为一次性电子券，不得兑换现金，不设找零，不得转让或倒卖。", body),
        ], 1),
        ("协议期限", [
            Paragraph(
                f"本协议期限自{format_date(doc.start_date)}起至{format_date(doc.end_date)}止。",
                body),
        ], 1),
        # the face-value table is short: keep it whole with its heading and intro
        ("消费券面值与补贴", _face_value_section(doc), 3),
        ("结算", text_block(doc.settlement_terms, numbered=False), 1),
        ("乙方义务", text_block(doc.obligations, numbered=True), 1),
        ("协议的终止", text_block(doc.termination_grounds), 1),
        ("其他", [
            Paragraph("本协议未尽事宜，由三方协商解决。", body),
            Paragraph(
                "本协议一式三份，甲、乙、丙三方各执一份，具有同等效力。本协议自三方均签字"
                "并盖章之日起生效。", body),
        ], 1),
    ]
    for number, (title, content, keep) in enumerate(articles, start=1):
        story += _article(number, title, content, keep)

    story += [
        Paragraph("（以下无正文）", _style("jd-no-more", s.body, alignment=TA_CENTER,
                                          spaceBefore=6, spaceAfter=10)),
        KeepTogether([_signature_block(doc)]),
    ]
    return story


def _face_value_section(doc: AgreementDocument) -> list[Flowable]:
    s = styles()
    if not doc.face_values:
        return [Paragraph("消费券面值及分担标准以甲方公布的标准为准。", s.body_indent)]
    table = pdf.data_table(
        ["面值（元）", "政府补贴（元）", "场馆让利（元）", "使用条件"],
        [
            [money(line.face_value), money(line.subsidy), money(line.concession),
             f"满{yuan_threshold(line.min_order)}元可用"]
            for line in doc.face_values
        ],
        [FRAME_WIDTH / 4] * 4,
        ["CENTER", "CENTER", "CENTER", "CENTER"],
    )
    table.hAlign = "CENTER"
    return [
        Paragraph("本协议期内适用的消费券面值及分担标准如下：", s.body_indent),
        pdf.spacer(1),
        table,
        pdf.spacer(2),
        Paragraph(
            "每张消费券的政府补贴与场馆让利之和等于其面值。甲方可调整面值及分担标准，"
            "调整自公布的生效日期起适用；每张消费券均按其发放时的分担标准结算，"
            "调整不影响已发放的消费券。", s.body_indent),
    ]


def write_agreement(doc: AgreementDocument, out: Out, invariant: bool = False) -> None:
    pdf.build(
        agreement_flowables(doc),
        f"三方合作协议 {doc.number}",
        out,
        invariant,
        watermark=DRAFT_WATERMARK if doc.status == AgreementState.DRAFT else None,
    )
