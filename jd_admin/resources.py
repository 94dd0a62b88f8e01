"""Locating the bundled data files (fonts, …) under ``resources/``.

Three layouts are supported, tried in this order:

1. a frozen executable (PyInstaller): ``sys._MEIPASS/resources``;
2. a source checkout: the top-level ``resources/`` directory of the repository;
3. an installed wheel: ``jd_admin/resources_data/`` inside the package (the wheel build
   copies ``resources/`` there).

No Qt here: both the Qt UI and the ReportLab reports use this module.
"""

from __future__ import annotations

import sys
from pathlib import Path

FONT_FAMILY = "JD Sans SC"
"""Family name of the bundled font (a subset of Noto Sans SC, renamed; see resources/fonts)."""

FONT_FILES = {False: "JDSansSC-Regular.ttf", True: "JDSansSC-Bold.ttf"}

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidate_roots() -> list[Path]:
    roots: list[Path] = []
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        roots.append(Path(meipass) / "resources")
    roots.append(_PACKAGE_DIR.parent / "resources")
    roots.append(_PACKAGE_DIR / "resources_data")
    return roots


def resources_root() -> Path:
    """The first existing resources directory (the source checkout's if none exists)."""
    for root in _candidate_roots():
        if root.is_dir():
            return root
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("fonts", "OFL.txt")``.

    Returns the path in the first layout where it exists; if it exists nowhere, the path
    under :func:`resources_root` (so the caller's error message names a sensible place).
    """
    for root in _candidate_roots():
        path = root.joinpath(*parts)
        if path.exists():
            return path
    return resources_root().joinpath(*parts)


def font_file(bold: bool = False) -> Path:
    """The TrueType file of the bundled font, regular or bold."""
    return resource_path("fonts", FONT_FILES[bool(bold)])
