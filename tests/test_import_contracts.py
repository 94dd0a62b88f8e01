"""The import contracts of pyproject.toml (``[tool.importlinter]``) hold: ``lint-imports`` also
runs here, so a plain ``pytest`` catches a layer broken by a new import (``make lint`` runs it
too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    assert lint_imports.exists(), "import-linter is a dev dependency: pip install -e '.[dev]'"
    result = subprocess.run([str(lint_imports), "--no-logo", "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
