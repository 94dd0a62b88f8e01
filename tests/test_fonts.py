"""The bundled CJK font (resources/fonts/JDSansSC-*.ttf) in ReportLab and in Qt.

Chinese text must never come out as boxes, whatever fonts the machine has: the PDF must embed
the font and keep the text extractable, and Qt must load the font and use it as the
application font.
"""

from __future__ import annotations

import io

import pytest

from jd_admin.resources import FONT_FAMILY, font_file, resource_path

SAMPLES = ["嘉定区体育局", "喆", "堃", "¥"]
# Samples plus punctuation and symbols the reports and forms use.
CHARS = "嘉定区体育局喆堃¥×÷·—…①⑳，。：；（）《》、“”￥％０Ａａ"


def test_font_files_are_bundled() -> None:
    for bold in (False, True):
        path = font_file(bold=bold)
        assert path.is_file(), path
        assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType (glyf) outlines
    assert resource_path("fonts", "OFL.txt").is_file()


# ---------------------------------------------------------------- ReportLab


def _build_pdf(family: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = ParagraphStyle("zh", fontName=family, fontSize=12, leading=18)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1, title="字体测试")
    doc.build(
        [
            Paragraph("<b>嘉定区体育局</b> 体育消费券核销报表", style),
            Paragraph("经办人：王喆、李堃　金额：¥1,234.50（壹仟贰佰叁拾肆元伍角）", style),
            Paragraph("① 场馆 — 嘉定体育中心 × 2 … 合计 ⑳ 项。", style),
        ]
    )
    return buf.getvalue()


def test_register_fonts_is_idempotent() -> None:
    from reportlab.pdfbase import pdfmetrics

    from jd_admin.reports.fonts import register_fonts

    family = register_fonts()
    assert register_fonts() == family
    assert family in pdfmetrics.getRegisteredFontNames()
    ps_name = pdfmetrics.getFont(family).face.name
    if isinstance(ps_name, bytes):
        ps_name = ps_name.decode("ascii")
    assert ps_name == "JDSansSC-Regular"


def test_reportlab_pdf_embeds_font_and_keeps_chinese_text() -> None:
    from pypdf import PdfReader

    from jd_admin.reports.fonts import register_fonts

    family = register_fonts()
    data = _build_pdf(family)
    assert data == _build_pdf(family), "invariant=1 output should be reproducible"

    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    for sample in SAMPLES:
        assert sample in text, (sample, text)
    assert "王喆、李堃" in text

    fonts = reader.pages[0]["/Resources"]["/Font"]
    base_fonts = set()
    for ref in fonts.values():
        font = ref.get_object()
        base = str(font["/BaseFont"])
        base_fonts.add(base.split("+", 1)[-1])
        if "JDSansSC" in base:
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{base} is not embedded"
            assert "/ToUnicode" in font, f"{base} has no ToUnicode map"
    assert {"JDSansSC-Regular", "JDSansSC-Bold"} <= base_fonts, base_fonts
    assert not {"Helvetica", "Helvetica-Bold"} & base_fonts, base_fonts


# ---------------------------------------------------------------- Qt


@pytest.fixture
def app_font(qapp):
    """Install the font into the test QApplication; restore the previous font afterwards."""
    from jd_admin.ui.fonts import install_application_font

    previous = qapp.font()
    family = install_application_font(qapp)
    yield family
    qapp.setFont(previous)


def test_qt_application_font_is_bundled_family(qapp, app_font) -> None:
    from PySide6.QtGui import QFontDatabase, QFontInfo

    from jd_admin.ui.fonts import install_application_font

    assert app_font == FONT_FAMILY
    assert install_application_font(qapp) == FONT_FAMILY  # idempotent
    assert FONT_FAMILY in QFontDatabase.families()
    font = qapp.font()
    assert font.family() == FONT_FAMILY
    assert QFontInfo(font).family() == FONT_FAMILY  # resolved, not a fallback
    assert font.pointSizeF() >= 10
    styles = set(QFontDatabase.styles(FONT_FAMILY))
    assert {"Regular", "Bold"} <= styles, styles


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_qt_font_has_the_glyphs(qapp, app_font, bold: bool) -> None:
    from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QRawFont

    font = QFont(app_font, 12)
    font.setBold(bold)
    assert QFontInfo(font).bold() == bold
    metrics = QFontMetrics(font)
    raw = QRawFont.fromFont(font)
    assert raw.isValid()
    assert raw.familyName() == FONT_FAMILY
    assert raw.styleName() == ("Bold" if bold else "Regular")
    # Code-point (int) overloads: PySide6's str -> QChar overloads misreport U+FFxx.
    missing = [
        c for c in CHARS if not (metrics.inFontUcs4(ord(c)) and raw.supportsCharacter(ord(c)))
    ]
    assert not missing, missing
    # Real outlines, not an empty or .notdef glyph.
    for c in "喆堃":
        (glyph,) = raw.glyphIndexesForString(c)
        assert glyph != 0
        assert not raw.pathForGlyph(glyph).isEmpty()
