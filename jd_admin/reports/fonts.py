"""Registering the bundled CJK font with ReportLab.

ReportLab's built-in fonts have no Chinese glyphs, so every style of a report must use the
family returned by :func:`register_fonts`. The font files are TrueType (glyf) outlines, which
ReportLab embeds as subsets; ``<b>`` in a Paragraph selects the bold file.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from jd_admin.resources import font_file

FAMILY = "JDSansSC"
"""ReportLab name of the family (also the regular face); use it as ``fontName`` in styles."""
BOLD = "JDSansSC-Bold"

_lock = threading.Lock()


def _registered(name: str) -> bool:
    return name in pdfmetrics.getRegisteredFontNames()


def register_fonts() -> str:
    """Register the regular and bold faces and their family (idempotent); return the family."""
    with _lock:
        for name, bold in ((FAMILY, False), (BOLD, True)):
            if not _registered(name):
                path = font_file(bold=bold)
                if not path.is_file():
                    raise RuntimeError(f"找不到报表字体文件 (font file not found): {path}")
                pdfmetrics.registerFont(TTFont(name, str(path)))
        # No italic face exists: <i> maps to the upright faces instead of failing.
        pdfmetrics.registerFontFamily(
            FAMILY, normal=FAMILY, bold=BOLD, italic=FAMILY, boldItalic=BOLD
        )
    return FAMILY
