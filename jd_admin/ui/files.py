"""File choosers and opening files with the system viewer, in one place so tests can patch
:data:`chooser` like the message bridge.

Files written only to be viewed (a downloaded attachment, a PDF to print) go to a private
temporary folder of this run (:func:`temp_path`), readable by the user only, removed when the
application quits (``QCoreApplication.aboutToQuit``) and at interpreter exit; folders left
behind by a run that crashed, and the shared folder of earlier versions, are removed when the
next run first needs one.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from jd_admin import config


@dataclass
class FileChooser:
    """Asks the user for files with Qt's dialogs; tests replace it with answers of their own."""

    opened: list[Path] = field(default_factory=list)

    def open_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  name_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, title, str(Path.home() / suggested), name_filter)
        return Path(name) if name else None

    def show(self, path: Path) -> None:
        """Open ``path`` with the desktop's viewer (PDF reader, image viewer, Excel)."""
        self.opened.append(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


chooser = FileChooser()


def open_file(parent: QWidget | None, title: str, name_filter: str) -> Path | None:
    return chooser.open_file(parent, title, name_filter)


def save_file(parent: QWidget | None, title: str, suggested: str, name_filter: str) -> Path | None:
    return chooser.save_file(parent, title, suggested, name_filter)


def show(path: Path) -> None:
    chooser.show(path)


log = logging.getLogger(__name__)

#: A viewing folder left by another run is stale (that run crashed) after this many seconds;
#: a younger one may belong to a run still open and is left alone.
STALE_AFTER = 24 * 3600
_viewing: tempfile.TemporaryDirectory[str] | None = None


def _prefix() -> str:
    return f"jd_admin-{config.APP_NAME}-view-"


def viewing_folder() -> Path:
    """This run's private folder for files to view (created on first use)."""
    global _viewing
    if _viewing is None:
        remove_stale()
        _viewing = tempfile.TemporaryDirectory(prefix=_prefix())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(cleanup)
    return Path(_viewing.name)


def cleanup() -> None:
    """Remove this run's viewing folder and what is in it."""
    global _viewing
    if _viewing is not None:
        viewing, _viewing = _viewing, None
        viewing.cleanup()


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
