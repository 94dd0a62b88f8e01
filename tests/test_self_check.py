"""``main.py --self-check`` (what ``make bundle-check`` runs in the built bundle) passes from the
source checkout: a fresh SQLite file, the first administrator, login, the main window and
every page, exit status 0; and it refuses a directory that already holds its database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_self_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "JD_ADMIN_DATABASE_URL"}
    env.update(JD_ADMIN_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-check"], cwd=ROOT,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=240)


def test_self_check_passes_on_a_fresh_directory(tmp_path: Path) -> None:
    result = run_self_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "FAILED" not in result.stdout
    for step in ("migrations", "first administrator created", "login dialog",
                 "login as 'selfcheck'", "main window shown", "every page opened and loaded",
                 "PDF preview (QtPdf, print support)"):
        assert any(f"ok      {step}" in line for line in lines), step
    assert lines[-1].endswith("self-check passed")
    report = (tmp_path / "self-check.txt").read_text(encoding="utf-8")
    assert "self-check passed" in report


def test_self_check_never_reuses_a_database(tmp_path: Path) -> None:
    (tmp_path / "self-check.sqlite3").write_bytes(b"")
    result = run_self_check(tmp_path)
    assert result.returncode == 1
    assert "needs a fresh directory" in result.stdout
    assert (tmp_path / "self-check.sqlite3").read_bytes() == b""
