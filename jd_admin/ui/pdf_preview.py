"""The program's PDF preview: every generated document (agreement, review form, call notice,
report) and every PDF attachment is shown here through :func:`jd_admin.ui.files.show`.

A non-modal window over the window the user works in, with the pages fitted to its width:
上一页 / 下一页 (PgUp / PgDn), 缩小 / 放大 / 适合宽度, 打印… (Ctrl+P: the system's print dialog
through ``files.chooser.printer``, then each page rendered onto the printer), 另存为…
(Ctrl+S: a copy where the user chooses, the document's name suggested), 用系统程序打开 (the
desktop's PDF reader, when one is registered) and 关闭 (Escape).

The document is read into memory when the preview opens, so the file in the viewing folder is
not held open (a later print of the same document may rewrite it; the temporary folder can be
removed at exit) and 另存为 writes what is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jd_admin.ui import files, keys, messages, settings

log = logging.getLogger(__name__)

SAVE = "Ctrl+S"
# Pages are rendered for printing at the printer's resolution, at most this (a 1200 dpi A4
# page would be a 560 MB image).
PRINT_DPI_MAX = 300
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 5.0

# The previews open now, by the file shown (showing the same file again replaces its preview).
_open: dict[Path, PdfPreviewDialog] = {}


def open_preview(parent: QWidget | None, path: Path) -> PdfPreviewDialog | None:
    """Show ``path`` in a new preview over ``parent``; None when it is not a readable PDF (the
    caller then hands it to the desktop)."""
    try:
        content = path.read_bytes()
    except OSError:
        log.warning("cannot read %s", path, exc_info=True)
        return None
    while isinstance(parent, PdfPreviewDialog):  # over the window the user works in
        parent = parent.parentWidget()
    preview = PdfPreviewDialog(parent, path, content)
    if preview.document.status() != QPdfDocument.Status.Ready:
        log.warning("not a readable PDF (%s): %s", preview.document.error(), path)
        preview.deleteLater()
        return None
    key = path.resolve()
    earlier = _open.pop(key, None)
    if earlier is not None:
        earlier.close()
    _open[key] = preview
    preview.finished.connect(lambda _result: _forget(key, preview))
    preview.show()
    preview.activateWindow()
    return preview


def _forget(key: Path, preview: PdfPreviewDialog) -> None:
    if _open.get(key) is preview:
        del _open[key]


def previews() -> list[PdfPreviewDialog]:
    """The previews open now (oldest first)."""
    return list(_open.values())


#: Where the preview's size and place are kept per user (settings.user_value).
GEOMETRY_KEY = "preview/geometry"


class PdfPreviewDialog(QDialog):
    """One PDF, its pages fitted to the width (see the module docstring)."""

    def __init__(self, parent: QWidget | None, path: Path, content: bytes) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.path = path
        self.content = content
        self.setWindowTitle(self.tr("预览：{name}").format(name=path.name))

        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(content))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        def push(text: str, name: str, slot: object, tip: str = "") -> QPushButton:
            widget = QPushButton(text)
            widget.setObjectName(name)
            widget.clicked.connect(slot)
            widget.setAutoDefault(False)
            if tip:
                widget.setToolTip(tip)
            return widget

        self.previous_button = push(self.tr("上一页"), "previousPageButton", self.previous_page)
        self.next_button = push(self.tr("下一页"), "nextPageButton", self.next_page)
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.zoom_out_button = push(self.tr("缩小"), "zoomOutButton", self.zoom_out)
        self.zoom_in_button = push(self.tr("放大"), "zoomInButton", self.zoom_in)
        self.fit_button = push(self.tr("适合宽度"), "fitWidthButton", self.fit_width)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.print_button = push(self.tr("打印…"), "printButton", self.print_document)
        self.save_button = push(self.tr("另存为…"), "saveAsButton", self.save_as)
        self.system_button = push(self.tr("用系统程序打开"), "systemOpenButton",
                                  self.open_outside,
                                  self.tr("用这台电脑上安装的 PDF 阅读器打开"))
        self.close_button = push(self.tr("关闭"), "closeButton", self.close)
        keys.hint(self.previous_button, "PgUp")
        keys.hint(self.next_button, "PgDown")
        keys.bind(self.print_button, keys.PRINT)
        keys.bind(self.save_button, SAVE)
        keys.hint(self.close_button, "Esc")
        # PgUp / PgDn turn pages wherever the focus is in the preview (the view would scroll
        # by a screenful).
        for key, slot in ((QKeySequence.StandardKey.MoveToPreviousPage, self.previous_page),
                          (QKeySequence.StandardKey.MoveToNextPage, self.next_page),
                          (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                          (QKeySequence.StandardKey.ZoomOut, self.zoom_out)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        tools = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            tools.addWidget(widget)
        tools.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button,
                       self.fit_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        for widget in (self.print_button, self.save_button):
            tools.addWidget(widget)
        bottom = QHBoxLayout()
        bottom.addWidget(self.system_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(lambda _page: self._update())
        self.view.zoomFactorChanged.connect(lambda _zoom: self._update())
        self.view.zoomModeChanged.connect(lambda _mode: self._update())
        self.view.viewport().installEventFilter(self)
        if not settings.restore_geometry(self, GEOMETRY_KEY):  # as this user last left it
            self._size_to_screen()
        self.finished.connect(lambda _result: settings.save_geometry(self, GEOMETRY_KEY))
        self._update()
        self.view.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._update()  # the scale fitting the width has changed
        return super().eventFilter(watched, event)

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(900, 700)
            return
        area = screen.availableGeometry()
        self.resize(min(960, int(area.width() * 0.8)), int(area.height() * 0.9))

    # --- pages and zoom ------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update()

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def _zoom(self) -> float:
        """The scale shown (when fitted to the width, the one the width gives)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or not self.page_count():
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        points = self.document.pagePointSize(self.current_page()).width()
        return max(width, 1) / max(points * self.view.logicalDpiX() / 72, 1)

    def _keeping_place(self, change: Callable[[], None]) -> None:
        """Zoom with ``change``, the same place of the document staying at the top."""
        bar = self.view.verticalScrollBar()
        length = bar.maximum() + bar.pageStep()
        place = bar.value() / length if length > 0 else 0.0
        change()
        bar.setValue(round(place * (bar.maximum() + bar.pageStep())))
        self._update()

    def set_zoom(self, factor: float) -> None:
        def change() -> None:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))

        self._keeping_place(change)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self._keeping_place(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def _update(self) -> None:
        count, page = self.page_count(), self.current_page()
        self.page_label.setText(self.tr("第 {page} / {count} 页").format(
            page=page + 1 if count else 0, count=count))
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)
        self.zoom_label.setText(f"{round(self._zoom() * 100)}%")
        self.fit_button.setEnabled(self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth)

    # --- print, save, open outside --------------------------------------------------------

    def print_document(self) -> None:
        """打印…: the print dialog (``files.chooser.printer``), then the chosen pages."""
        printer = files.chooser.printer(self, self.path.stem, self.page_count())
        if printer is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pages(self.document, printer)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not printed:
            messages.warning(self, self.tr("无法打印：打印机没有准备好，请检查打印机后重试。"))

    def save_as(self) -> None:
        """另存为…: a copy of the document where the user chooses."""
        files.save_copy(self, self.path, self.content)

    def open_outside(self) -> None:
        """用系统程序打开 (or, without a PDF reader on this desktop, the offer to save)."""
        files.chooser.show_outside(self, self.path)


def print_pages(document: QPdfDocument, printer: QPrinter) -> bool:
    """Render the printer's page range of ``document`` (all pages when none is set) onto
    ``printer``, each page scaled to fit the paper; False when the printer cannot start."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() != QPrinter.PrintRange.PageRange or first < 1:
        first, last = 1, count
    last = min(last if last >= first else count, count)
    printer.setFullPage(True)  # the documents carry their own margins
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            index = number - 1
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() * dpi / 72),
                                                 round(points.height() * dpi / 72)))
            paper = painter.viewport()
            size = image.size().scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(paper.x() + (paper.width() - size.width()) // 2,
                           paper.y() + (paper.height() - size.height()) // 2,
                           size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True
