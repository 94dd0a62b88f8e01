"""Loading the bundled CJK font into Qt and making it the application font.

A machine without Chinese fonts would otherwise draw every Chinese character as a box. Call
:func:`install_application_font` once, right after the ``QApplication`` is created and before
any widget exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from jd_admin.resources import FONT_FAMILY, font_file

MIN_POINT_SIZE = 10

_font_ids: dict[Path, int] = {}


def _load(path: Path) -> None:
    font_id = _font_ids.get(path)
    if font_id is not None and QFontDatabase.applicationFontFamilies(font_id):
        return  # already loaded into the current font database
    if not path.is_file():
        raise RuntimeError(f"找不到界面字体文件 (font file not found): {path}")
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        raise RuntimeError(f"无法加载界面字体 (Qt could not load the font file): {path}")
    families = QFontDatabase.applicationFontFamilies(font_id)
    if FONT_FAMILY not in families:
        QFontDatabase.removeApplicationFont(font_id)
        raise RuntimeError(
            f"字体文件的字体族不是 {FONT_FAMILY!r} (font family mismatch): {path} -> {families}"
        )
    _font_ids[path] = font_id


def install_application_font(app: QGuiApplication) -> str:
    """Add the regular and bold faces and set them as ``app``'s font; return the family.

    Keeps the platform's default point size (at least ``MIN_POINT_SIZE``). Idempotent.
    Raises ``RuntimeError`` if a font file is missing or cannot be loaded.
    """
    for bold in (False, True):
        _load(font_file(bold=bold))
    size = app.font().pointSizeF()
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(max(size, float(MIN_POINT_SIZE)))
    app.setFont(font)
    return FONT_FAMILY
