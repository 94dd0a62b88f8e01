"""A one-page PDF standing in for a scanned document (the demo district's attachments)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from jd_admin.reports.fonts import register_fonts


def placeholder_pdf(text: str, footer: str = "演示文件，仅供试用") -> bytes:
    family = register_fonts()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5, invariant=1)
    page.setFont(family, 16)
    y = 480.0
    for line in text.splitlines():
        page.drawString(40, y, line)
        y -= 28
    page.setFont(family, 9)
    page.drawString(40, 40, footer)
    page.showPage()
    page.save()
    return buffer.getvalue()
