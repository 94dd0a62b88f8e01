"""The desktop bundle's spec carries what the program looks for (fast: nothing is built).

``make bundle`` / ``make bundle-check`` build and start the real bundle (minutes; not part of
``make test``). Here: packaging/bundle_files.py, read by packaging/jd_admin.spec, lists every
resource the program finds through ``jd_admin.resources.resource_path`` and every migration
file alembic reads, at the places the frozen program looks; the Qt modules the code imports
are the ones kept.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from jd_admin import db, i18n
from jd_admin.resources import FONT_FILES

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def bundle_files() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_files", PACKAGING / "bundle_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bundle_files", module)
    spec.loader.exec_module(module)
    return module


def destinations(files: list[Path]) -> set[str]:
    """Where each file lands inside the bundle (relative to ``sys._MEIPASS``)."""
    return {p.relative_to(ROOT).as_posix() for p in files}


def test_resources_the_program_reads_are_carried() -> None:
    bf = bundle_files()
    carried = destinations(bf.resource_files(ROOT))
    # resource_path() looks under sys._MEIPASS/resources first in a frozen program
    for name in FONT_FILES.values():
        assert f"resources/fonts/{name}" in carried
    assert "resources/translations/jd_admin_en.qm" in carried  # jd_admin.ui.i18n
    catalogs = {p.relative_to(ROOT).as_posix()
                for p in i18n.catalog_dir("en").glob("*.po")}  # jd_admin.i18n.load_catalog
    assert catalogs and catalogs <= carried
    assert not any(name.endswith(".ts") for name in carried)  # the source, not needed


def test_every_migration_file_is_carried_where_alembic_looks() -> None:
    bf = bundle_files()
    carried = destinations(bf.migration_files(ROOT))
    # db._script_location(): importlib.resources.files("jd_admin") / "migrations", which is
    # sys._MEIPASS/jd_admin/migrations in the bundle
    location = Path(db._script_location()).resolve()
    assert location == (ROOT / "jd_admin" / "migrations").resolve()
    expected = {p.relative_to(ROOT).as_posix() for p in location.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    assert expected == carried
    for needed in ("jd_admin/migrations/env.py", "jd_admin/migrations/script.py.mako",
                   "jd_admin/migrations/sql/0011_voucher_check.sql"):
        assert needed in carried
    revisions = list((location / "versions").glob("*.py"))
    assert revisions and all(p.relative_to(ROOT).as_posix() in carried for p in revisions)


def test_datas_keep_the_directory_layout() -> None:
    bf = bundle_files()
    pairs = bf.datas(ROOT) if (ROOT / "resources/translations/jd_admin_en.qm").exists() else []
    for source, destination in pairs:
        assert Path(source).parent.relative_to(ROOT).as_posix() == destination


def qt_modules_imported() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "jd_admin").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[0] == "PySide6" and len(parts) > 1:
                    names.add(parts[1])
                elif node.module == "PySide6":
                    names.update(alias.name for alias in node.names if alias.name.startswith("Qt"))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == "PySide6" and len(parts) > 1:
                        names.add(parts[1])
    return names


def test_the_qt_modules_used_are_the_ones_kept() -> None:
    bf = bundle_files()
    used = qt_modules_imported()
    assert used == set(bf.QT_MODULES_USED)
    assert not used & set(bf.QT_MODULES_EXCLUDED)
    assert not used & set(bf.QT_BINDINGS_EXCLUDED)
    keep = bf.keep_qt_file
    for module in used:  # Linux and Windows names of the library and of the binding
        short = module[2:]
        assert keep(f"PySide6/Qt/lib/libQt6{short}.so.6")
        assert keep(f"PySide6/Qt6{short}.dll")
        assert keep(f"PySide6/{module}.abi3.so") and keep(f"PySide6/{module}.pyd")
    for plugin in ("PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                   "PySide6/Qt/plugins/platforms/libqwayland.so",
                   "PySide6/plugins/platforms/qwindows.dll",
                   "PySide6/plugins/platforms/qoffscreen.dll",
                   "PySide6/Qt/plugins/imageformats/libqjpeg.so",
                   "PySide6/plugins/imageformats/qjpeg.dll",
                   "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
                   "PySide6/Qt/translations/qtbase_zh_CN.qm",
                   "PySide6/Qt/plugins/imageformats/libqpdf.so",
                   "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
                   "PySide6/translations/qtbase_zh_CN.qm"):
        assert keep(plugin), plugin
    # the PDF preview (issue 15): QtPdf and its widgets stay, their QML module does not
    assert {"QtPdf", "QtPdfWidgets", "QtPrintSupport"} <= used
    for dropped in ("PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt6WebEngineCore.dll",
                    "PySide6/Qt/lib/libQt6PdfQuick.so.6", "PySide6/Qt6PdfQuick.dll",
                    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
                    "PySide6/Qt/plugins/platforms/libqvnc.so",
                    "PySide6/Qt/translations/qtbase_de.qm"):
        assert not keep(dropped), dropped


def test_the_spec_uses_the_lists() -> None:
    spec = (PACKAGING / "jd_admin.spec").read_text(encoding="utf-8")
    for needed in ("bundle_files.datas()", "bundle_files.keep_qt_file",
                   "bundle_files.QT_MODULES_EXCLUDED", "bundle_files.QT_BINDINGS_EXCLUDED",
                   '"main.py"', '"jd_admin_cli.py"',
                   'collect_submodules("jd_admin")'):
        assert needed in spec, needed
    cli = (PACKAGING / "jd_admin_cli.py").read_text(encoding="utf-8")
    assert "from jd_admin.cli import main" in cli
