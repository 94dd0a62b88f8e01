"""File choosers and showing files, in one place so tests can patch :data:`chooser` like the
message bridge.

Showing a document (:func:`show`): a PDF opens in the program's own preview
(:mod:`jd_admin.ui.pdf_preview`: pages, zoom, 打印, 另存为, 用系统程序打开), non-modal, over the
active window; any other file (an Excel error report, a picture) opens with the desktop's
viewer, and when the desktop has none registered the user is offered to save it elsewhere
instead of nothing happening.

File dialogs start in the folder last used for the same purpose by the same user on this
desktop (``settings.user_value("folders/<purpose>")``), the home folder the first time. The
purpose is a short name the caller may pass; by default it is ``import`` (opening data files),
``attachments`` (opening PDFs or pictures to attach) or ``export`` (saving).

Files written only to be viewed (a downloaded attachment, a PDF to print) go to a private
temporary folder of this run (:func:`temp_path`), readable by the user only, removed when the
application quits (``QCoreApplication.aboutToQuit``) and at interpreter exit; folders left
behind by a run that crashed, and the shared folder of earlier versions, are removed when the
next run first needs one.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from jd_admin import config
from jd_admin.ui import messages, settings

log = logging.getLogger(__name__)

IMPORT = "import"
EXPORT = "export"
ATTACHMENTS = "attachments"
#: Opening one of these is attaching a document, not importing data.
_ATTACHMENT_SUFFIXES = {"pdf", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"}


def default_purpose(saving: bool, name_filter: str) -> str:
    """``export`` for a save; for an open, ``attachments`` when the filter offers PDFs or
    pictures, else ``import``."""
    if saving:
        return EXPORT
    suffixes = {s.lower() for s in re.findall(r"\*\.(\w+)", name_filter)}
    return ATTACHMENTS if suffixes & _ATTACHMENT_SUFFIXES else IMPORT


def _folder_key(purpose: str) -> str:
    return f"folders/{purpose}"


def start_folder(purpose: str) -> Path:
    """Where a dialog for ``purpose`` starts: the folder this user last chose a file in for
    it, if it still exists; else the home folder."""
    value = settings.user_value(_folder_key(purpose))
    if isinstance(value, str) and value:
        folder = Path(value)
        if folder.is_dir():
            return folder
    return Path.home()


def remember_folder(purpose: str, chosen: Path) -> None:
    """Remember the folder of the file ``chosen`` for ``purpose`` (this user, this desktop)."""
    settings.set_user_value(_folder_key(purpose), str(chosen.parent))


def active_window() -> QWidget | None:
    """The window the user is working in (a modal dialog when one is open), else None."""
    window = QApplication.activeWindow() if QApplication.instance() is not None else None
    if window is None and isinstance(QApplication.instance(), QApplication):
        window = QApplication.activeModalWidget()
    return window


@dataclass
class FileChooser:
    """Asks the user for files with Qt's dialogs, shows documents, asks for a printer; tests
    replace it (or only its ``ask_*``, ``system_open`` and ``printer`` steps) with answers of
    their own."""

    opened: list[Path] = field(default_factory=list)

    def open_file(self, parent: QWidget | None, title: str, name_filter: str,
                  purpose: str | None = None) -> Path | None:
        purpose = purpose or default_purpose(False, name_filter)
        chosen = self.ask_open(parent, title, start_folder(purpose), name_filter)
        if chosen is not None:
            remember_folder(purpose, chosen)
        return chosen

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  name_filter: str, purpose: str | None = None) -> Path | None:
        purpose = purpose or default_purpose(True, name_filter)
        chosen = self.ask_save(parent, title, start_folder(purpose) / suggested, name_filter)
        if chosen is not None:
            remember_folder(purpose, chosen)
        return chosen

    def ask_open(self, parent: QWidget | None, title: str, folder: Path,
                 name_filter: str) -> Path | None:
        """Qt's open dialog, started in ``folder``."""
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), name_filter)
        return Path(name) if name else None

    def ask_save(self, parent: QWidget | None, title: str, suggested: Path,
                 name_filter: str) -> Path | None:
        """Qt's save dialog, started on ``suggested`` (a folder and a file name)."""
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
        return Path(name) if name else None

    def show(self, path: Path) -> QDialog | None:
        """Show ``path``: a PDF in the preview (returned), anything else with the desktop's
        viewer, or, when it has none, by offering to save it elsewhere."""
        self.opened.append(path)
        if _is_pdf(path):
            from jd_admin.ui.pdf_preview import open_preview

            preview = open_preview(active_window(), path)
            if preview is not None:
                return preview
        self.show_outside(active_window(), path)
        return None

    def show_outside(self, parent: QWidget | None, path: Path) -> bool:
        """Open ``path`` with the desktop's viewer; when there is none, offer to save a copy
        (True when the file was opened or saved)."""
        if self.system_open(path):
            return True
        log.warning("no viewer opened %s", path)
        question = QCoreApplication.translate(
            "files", "这台电脑上没有可以打开“{name}”的程序。要把它另存到其他位置吗？")
        if not messages.ask(parent, question.format(name=path.name)):
            return False
        return save_copy(parent, path) is not None

    def system_open(self, path: Path) -> bool:
        """The desktop's viewer for ``path`` (PDF reader, image viewer, Excel); False when
        none opened it."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def printer(self, parent: QWidget | None, document_name: str,
                pages: int) -> QPrinter | None:
        """The system's print dialog for a document of ``pages`` pages: the printer set up
        by the user, or None when cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document_name)
        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, max(pages, 1))
        dialog.setFromTo(1, max(pages, 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer


chooser = FileChooser()


def open_file(parent: QWidget | None, title: str, name_filter: str,
              purpose: str | None = None) -> Path | None:
    return chooser.open_file(parent, title, name_filter, purpose)


def save_file(parent: QWidget | None, title: str, suggested: str, name_filter: str,
              purpose: str | None = None) -> Path | None:
    return chooser.save_file(parent, title, suggested, name_filter, purpose)


def show(path: Path) -> None:
    """Show a document to the user (see the module docstring; a preview opened is in
    ``pdf_preview.previews()``)."""
    chooser.show(path)


def _is_pdf(path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(5) == b"%PDF-"
    except OSError:
        return False


def save_copy(parent: QWidget | None, path: Path, content: bytes | None = None,
              purpose: str | None = None) -> Path | None:
    """另存为: ask where (the file's name suggested) and write a copy of ``path`` (or
    ``content``, what is shown of it) there; the chosen path, None when cancelled or failed
    (the user is told why)."""
    suffix = path.suffix.lower()
    if suffix:
        name_filter = QCoreApplication.translate("files", "{kind} 文件 (*{suffix})").format(
            kind=suffix.lstrip(".").upper(), suffix=suffix)
    else:
        name_filter = QCoreApplication.translate("files", "所有文件 (*)")
    title = QCoreApplication.translate("files", "另存为")
    target = save_file(parent, title, path.name, name_filter, purpose=purpose)
    if target is None:
        return None
    if suffix and target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    try:
        if target.resolve() == path.resolve():
            return target
        if content is None:
            shutil.copyfile(path, target)
        else:
            target.write_bytes(content)
    except OSError as exc:
        log.warning("cannot save a copy of %s to %s", path, target, exc_info=True)
        text = QCoreApplication.translate("files", "无法保存到“{path}”：{reason}")
        messages.warning(parent, text.format(path=target, reason=exc.strerror or exc))
        return None
    return target


#: A viewing folder left by another run is stale (that run crashed) after this many seconds;
#: a younger one may belong to a run still open and is left alone.
STALE_AFTER = 24 * 3600
_viewing: Path | None = None


def _prefix() -> str:
    return f"jd_admin-{config.APP_NAME}-view-"


def viewing_folder() -> Path:
    """This run's private folder for files to view (created on first use)."""
    global _viewing
    if _viewing is None:
        remove_stale()
        _viewing = Path(tempfile.mkdtemp(prefix=_prefix()))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(cleanup)
    return _viewing


def cleanup() -> None:
    """Remove this run's viewing folder and what is in it. A file that cannot be removed (on
    Windows, one a viewer still holds open) is left behind, for a later run's
    :func:`remove_stale`: the log-out and the exit go on."""
    global _viewing
    if _viewing is not None:
        viewing, _viewing = _viewing, None
        shutil.rmtree(viewing, ignore_errors=True)


def remove_stale(now: float | None = None) -> None:
    """Remove viewing folders that crashed runs left behind, and earlier versions' shared one."""
    root = Path(tempfile.gettempdir())
    moment = time.time() if now is None else now
    old = [root / f"jd_admin-{config.APP_NAME}"]
    try:
        old += [p for p in root.glob(f"{_prefix()}*")
                if moment - p.stat().st_mtime > STALE_AFTER]
    except OSError:
        log.warning("cannot list %s", root, exc_info=True)
    for folder in old:
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def temp_path(filename: str) -> Path:
    """A path in this run's private viewing folder (see the module docstring)."""
    return viewing_folder() / Path(filename).name
