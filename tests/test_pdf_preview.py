"""Showing documents (issue 15): a PDF the program writes opens in its own preview (pages,
PgUp/PgDn, 另存为, 打印 without a real printer dialog), a file the desktop has no viewer for is
offered for saving, and file dialogs start in the folder the same user last used for the same
purpose.

The real :class:`files.FileChooser` runs; only its steps that would open a system dialog or
the desktop's viewer (``ask_open``, ``ask_save``, ``system_open``, ``printer``) answer from
queues here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from gui_support import wait_ops
from openpyxl import Workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from test_gui_agreements import agreement_in_force, approved_venue, open_page

from jd_admin.ui import files, pdf_preview, settings
from jd_admin.ui.agreements.page import AgreementsPage

pytestmark = pytest.mark.usefixtures("gui_thread_gc")


@dataclass
class AnsweringChooser(files.FileChooser):
    """The program's chooser with the system dialogs and the desktop answered from queues."""

    open_answers: list[Path | None] = field(default_factory=list)
    save_answers: list[Path | None] = field(default_factory=list)
    started_in: list[Path] = field(default_factory=list)  # each dialog's first folder
    viewer: bool = True  # whether the desktop has a viewer
    outside: list[Path] = field(default_factory=list)  # what the desktop was asked to open
    printers: list[QPrinter | None] = field(default_factory=list)

    def ask_open(self, parent: QWidget | None, title: str, folder: Path,
                 name_filter: str) -> Path | None:
        self.started_in.append(folder)
        return self.open_answers.pop(0) if self.open_answers else None

    def ask_save(self, parent: QWidget | None, title: str, suggested: Path,
                 name_filter: str) -> Path | None:
        self.started_in.append(suggested.parent)
        return self.save_answers.pop(0) if self.save_answers else None

    def system_open(self, path: Path) -> bool:
        self.outside.append(path)
        return self.viewer

    def printer(self, parent: QWidget | None, document_name: str,
                pages: int) -> QPrinter | None:
        return self.printers.pop(0) if self.printers else None


@pytest.fixture
def answering(monkeypatch: pytest.MonkeyPatch) -> AnsweringChooser:
    chooser = AnsweringChooser()
    monkeypatch.setattr(files, "chooser", chooser)
    yield chooser
    for preview in pdf_preview.previews():
        preview.close()


@pytest.fixture
def own_desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory (the ini of this desktop) and a home folder of this test's own."""
    monkeypatch.setenv("JD_ADMIN_DATA_DIR", str(tmp_path / "data"))
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setattr(settings, "_current_user", "")
    return home


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def test_a_printed_agreement_opens_in_the_preview_with_pages_save_as_and_print(
        qtbot, sqlite_db, bridge, answering, own_desktop, tmp_path) -> None:
    p, app_id, _venue_id = approved_venue(sqlite_db)
    agreement_id = agreement_in_force(sqlite_db, p, app_id)
    page = open_page(qtbot, sqlite_db, AgreementsPage, p.staff.username)
    page.focus_target(str(agreement_id))
    wait_ops(qtbot)
    number = page.detail.row.number

    # 打印协议… writes the agreement into this run's viewing folder and shows it here.
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    [preview] = pdf_preview.previews()
    shown = preview.path
    assert shown == files.viewing_folder() / f"{number}.pdf"
    assert answering.outside == []  # not handed to the desktop
    pages = len(PdfReader(shown).pages)
    assert pages >= 2
    assert preview.isVisible() and not preview.isModal()
    assert preview.page_count() == pages
    assert preview.page_label.text() == f"第 1 / {pages} 页"
    assert number in preview.windowTitle()

    # PgDn and PgUp turn the pages, whichever widget has the focus.
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert preview.current_page() == 1
    assert preview.page_label.text() == f"第 2 / {pages} 页"
    # Zooming keeps the page in view; 适合宽度 goes back to the width.
    fitted = preview.zoom_label.text()
    assert not preview.fit_button.isEnabled()
    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.current_page() == 1 and preview.zoom_label.text() != fitted
    qtbot.mouseClick(preview.fit_button, Qt.MouseButton.LeftButton)
    assert preview.current_page() == 1 and preview.zoom_label.text() == fitted
    qtbot.keyClick(preview.save_button, Qt.Key.Key_PageUp)
    assert preview.current_page() == 0 and not preview.previous_button.isEnabled()

    # Ctrl+S: 另存为, the document's name suggested; no extension typed: .pdf is added.
    out = tmp_path / "saved" / "协议副本"
    out.parent.mkdir()
    answering.save_answers.append(out)
    qtbot.keyClick(preview.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = out.with_name("协议副本.pdf")
    qtbot.waitUntil(saved.exists)  # (a button's key clicks it animated, 100 ms)
    assert answering.started_in == [own_desktop]
    assert saved.read_bytes() == shown.read_bytes()
    assert len(PdfReader(saved).pages) == pages
    text = text_of(saved)
    for expected in ("南翔全民健身中心", number):
        assert expected in text

    # Ctrl+P: the print dialog's step answers with a printer writing a PDF file.
    # (cancelled in the print dialog: nothing printed, nothing said)
    printed = tmp_path / "printed.pdf"
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert not printed.exists()
    answering.printers.append(pdf_printer(printed))
    qtbot.keyClick(preview.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not answering.printers)
    assert len(PdfReader(printed).pages) == pages
    assert bridge.texts_of("warning") == []

    # 用系统程序打开 hands the same file to the desktop.
    qtbot.mouseClick(preview.system_button, Qt.MouseButton.LeftButton)
    assert answering.outside == [shown]

    # Escape closes it.
    qtbot.keyClick(preview.view, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    assert pdf_preview.previews() == []


def test_a_file_without_a_viewer_is_offered_for_saving(
        qtbot, bridge, answering, own_desktop, tmp_path) -> None:
    report = files.temp_path("导入错误-消费券.xlsx")
    book = Workbook()
    book.active.append(["行号", "错误"])
    book.save(report)
    answering.viewer = False

    # Declined: nothing written.
    files.show(report)
    assert answering.outside == [report]
    [question] = bridge.texts_of("ask")
    assert "没有可以打开“导入错误-消费券.xlsx”的程序" in question
    assert answering.started_in == []

    # Accepted: saved where the user chooses, the report's own name suggested.
    target = tmp_path / "错误报告.xlsx"
    bridge.answers.append(True)
    answering.save_answers.append(target)
    files.show(report)
    assert target.read_bytes() == report.read_bytes()
    assert answering.started_in == [own_desktop]

    # With a viewer, nothing is asked.
    answering.viewer = True
    files.show(report)
    assert len(bridge.texts_of("ask")) == 2 and pdf_preview.previews() == []


def test_a_file_that_is_no_readable_pdf_goes_to_the_desktop(
        qtbot, bridge, answering, own_desktop) -> None:
    broken = files.temp_path("损坏.pdf")
    broken.write_bytes(b"%PDF-1.4 cut off")
    files.show(broken)
    assert pdf_preview.previews() == []
    assert answering.outside == [broken]


def test_file_dialogs_start_in_the_folder_this_user_last_used_for_the_purpose(
        qtbot, answering, own_desktop, tmp_path) -> None:
    exports = tmp_path / "导出"
    imports = tmp_path / "导入"
    exports.mkdir()
    imports.mkdir()
    settings.set_current_user("wang")

    # The first time: the home folder; a save there moves the export folder to X.
    assert files.save_file(None, "导出消费券", "消费券.xlsx", "*.xlsx") is None
    answering.save_answers.append(exports / "消费券.xlsx")
    files.save_file(None, "导出消费券", "消费券.xlsx", "*.xlsx")
    assert answering.started_in == [own_desktop, own_desktop]

    # The next dialog for exports starts in X, open or save; imports are another purpose.
    files.save_file(None, "导出数据", "统计.xlsx", "*.xlsx")
    files.open_file(None, "打开导出的文件", "*.xlsx", purpose=files.EXPORT)
    files.open_file(None, "选择消费券数据文件", "消费券数据 (*.xlsx *.csv)")
    assert answering.started_in[2:] == [exports, exports, own_desktop]
    answering.started_in.clear()
    answering.open_answers.append(imports / "消费券.csv")
    files.open_file(None, "选择消费券数据文件", "消费券数据 (*.xlsx *.csv)")
    files.open_file(None, "选择消费券数据文件", "消费券数据 (*.xlsx *.csv)")
    # attachments (PDFs, pictures) are a purpose of their own
    files.open_file(None, "选择要上传的材料", "PDF 或图片 (*.pdf *.jpg *.jpeg *.png)")
    assert answering.started_in == [own_desktop, imports, own_desktop]
    answering.started_in.clear()

    # Another person at the same desktop starts at home.
    settings.set_current_user("li")
    files.save_file(None, "导出消费券", "消费券.xlsx", "*.xlsx")
    files.open_file(None, "选择消费券数据文件", "*.xlsx")
    assert answering.started_in == [own_desktop, own_desktop]
    answering.started_in.clear()

    # Back to the first: the folders are still there; a folder since removed gives home.
    settings.set_current_user("wang")
    files.save_file(None, "导出消费券", "消费券.xlsx", "*.xlsx")
    imports.rmdir()
    files.open_file(None, "选择消费券数据文件", "*.xlsx")
    assert answering.started_in == [exports, own_desktop]


def test_default_purposes() -> None:
    assert files.default_purpose(True, "*.pdf") == files.EXPORT
    assert files.default_purpose(False, "消费券数据 (*.xlsx *.csv)") == files.IMPORT
    assert files.default_purpose(False, "图片 (*.JPG *.png)") == files.ATTACHMENTS
    assert files.default_purpose(False, "巡查离线文件 (*.jdoffline);;所有文件 (*)") == files.IMPORT


def test_documents_are_shown_through_files_show_only() -> None:
    """One way to show a document: nothing but ui/files.py hands files to the desktop."""
    root = Path(__file__).resolve().parent.parent / "jd_admin"
    outside = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
               if p.name != "files.py"
               and any(word in p.read_text(encoding="utf-8")
                       for word in ("QDesktopServices", "openUrl", "webbrowser", "startfile"))]
    assert outside == []


def test_the_preview_opens_where_this_user_left_it(qtbot, answering, own_desktop) -> None:
    from reportlab.pdfgen import canvas

    path = files.temp_path("一页.pdf")
    page = canvas.Canvas(str(path))
    page.drawString(72, 720, "page")
    page.save()

    def shown() -> pdf_preview.PdfPreviewDialog:
        preview = pdf_preview.open_preview(None, path)
        assert preview is not None
        qtbot.waitExposed(preview)
        return preview

    settings.set_current_user("wang")
    first = shown()
    default = first.size()
    first.resize(default.width(), default.height() - 150)  # (its width is the toolbar's)
    first.close()
    qtbot.waitUntil(lambda: pdf_preview.previews() == [])
    again = shown()
    assert (again.width(), again.height()) == (default.width(), default.height() - 150)
    again.close()
    qtbot.waitUntil(lambda: pdf_preview.previews() == [])
    settings.set_current_user("li")  # another person at this desktop: the default size
    other = shown()
    assert other.size() == default
    other.close()
