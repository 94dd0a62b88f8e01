"""File choosers and opening files with the system viewer, in one place so tests can patch
:data:`chooser` like the message bridge."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QUrl
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
        name, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), name_filter)
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


def temp_path(filename: str) -> Path:
    """A path in the per-user temporary folder for a file to view (e.g. a downloaded attachment)."""
    folder = Path(tempfile.gettempdir()) / f"jd_admin-{config.APP_NAME}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / Path(filename).name
