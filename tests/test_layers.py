"""Layering rules (CONVENTIONS 1 and 2): no Qt below ui/, services never commit."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import jd_admin

PACKAGE_DIR = Path(jd_admin.__file__).resolve().parent
QT_MODULES = ("PySide6", "shiboken6")


def _modules_of(package: str) -> list[str]:
    path = PACKAGE_DIR.joinpath(*package.split(".")[1:])
    return [m.name for m in pkgutil.walk_packages([str(path)], prefix=f"{package}.")]


def _python_files(*parts: str) -> list[Path]:
    return sorted(PACKAGE_DIR.joinpath(*parts).rglob("*.py"))


def test_non_ui_modules_do_not_load_qt() -> None:
    top_level = [m for m in _modules_of("jd_admin")
                 if not m.startswith(("jd_admin.ui", "jd_admin.migrations", "jd_admin.__main__"))]
    modules = [
        "jd_admin", *top_level,
        *_modules_of("jd_admin.domain"),
        *_modules_of("jd_admin.models"),
        *_modules_of("jd_admin.services"),
        *_modules_of("jd_admin.reports"),
    ]
    for required in ("jd_admin.cli", "jd_admin.db", "jd_admin.login", "jd_admin.models",
                     "jd_admin.services", "jd_admin.services.accounts.users",
                     "jd_admin.models.venue"):
        assert required in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt loaded by a non-ui module: {result.stdout}"


def _imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_qt_import_outside_ui() -> None:
    offenders = []
    files = [p for p in _python_files() if "ui" not in p.relative_to(PACKAGE_DIR).parts[:1]]
    assert PACKAGE_DIR / "services" / "accounts" / "users.py" in files
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in _imported_modules(tree):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{path.relative_to(PACKAGE_DIR)}: {name}")
    assert offenders == []


def test_services_and_models_never_commit() -> None:
    offenders = []
    for path in _python_files("services") + _python_files("models"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "commit"):
                offenders.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}")
    assert offenders == []
