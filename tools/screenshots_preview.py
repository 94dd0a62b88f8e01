"""Screenshots of the PDF preview (issue 15): a real agreement of the demo district printed
from the agreements page, as the bureau's staff see it (called by tools/screenshots.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from jd_admin.services.navigation import Page
from jd_admin.ui import pdf_preview
from jd_admin.ui.agreements.page import AgreementsPage
from jd_admin.ui.main_window import MainWindow


def shoot_pdf_preview(window: MainWindow, outdir: Path, suffix: str,
                      shoot: Callable[[QWidget, Path], None],
                      settle: Callable[..., None]) -> None:
    window.open_page(Page.AGREEMENTS.value)
    settle()
    page = window.findChild(AgreementsPage)
    if page is None or not page.model.rows:
        print("no agreement to print: no preview screenshot")
        return
    page.table.selectRow(0)
    settle()
    page.print_agreement()
    settle(1500)
    previews = pdf_preview.previews()
    if not previews:
        print("the preview did not open")
        return
    preview = previews[-1]
    preview.move(window.x() + 160, window.y() + 10)
    shoot(preview, outdir / f"pdf-preview{suffix}.png")
    preview.next_page()
    preview.zoom_in()
    shoot(preview, outdir / f"pdf-preview-page2-zoomed{suffix}.png")
    preview.close()
    settle()
