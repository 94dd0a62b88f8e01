"""Files opened for viewing live in a private folder of the run, removed when it ends."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jd_admin import config
from jd_admin.ui import files


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    files.cleanup()
    yield tmp_path
    files.cleanup()


def test_viewing_files_go_to_a_private_folder_removed_on_cleanup(temp_root: Path) -> None:
    path = files.temp_path("../SQ-000001-营业执照.pdf")
    path.write_bytes(b"%PDF-1.4")
    folder = path.parent
    assert folder.parent == temp_root and path.name == "SQ-000001-营业执照.pdf"
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert files.temp_path("other.png").parent == folder  # one folder per run
    files.cleanup()
    assert not folder.exists()
    assert files.temp_path("again.pdf").parent != folder  # a new one when needed again


def test_stale_folders_are_removed_and_recent_ones_kept(temp_root: Path) -> None:
    shared = temp_root / f"jd_admin-{config.APP_NAME}"  # earlier versions' shared folder
    stale = temp_root / f"jd_admin-{config.APP_NAME}-view-crashed"
    recent = temp_root / f"jd_admin-{config.APP_NAME}-view-running"
    for folder in (shared, stale, recent):
        folder.mkdir()
        (folder / "a.pdf").write_bytes(b"%PDF")
    old = stale.stat().st_mtime - files.STALE_AFTER - 60
    os.utime(stale, (old, old))
    files.remove_stale()
    assert not shared.exists() and not stale.exists()
    assert recent.exists()


def _pin(path: Path) -> bool:
    """Make ``path`` impossible to remove, as a file a viewer holds open on Windows is; False
    when this machine cannot."""
    if os.geteuid() != 0:
        path.parent.chmod(0o500)
        return True
    import subprocess

    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def _unpin(path: Path) -> None:
    if os.geteuid() != 0:
        path.parent.chmod(0o700)
    else:
        import subprocess

        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


@pytest.mark.skipif(os.name != "posix", reason="pins the file the POSIX way")
def test_a_file_still_open_elsewhere_does_not_stop_the_cleanup(temp_root: Path) -> None:
    """注销 (ui/app.py end_session) and the program's exit clean up the viewing folder; a file
    the desktop's viewer still holds (Windows refuses to remove it) is left for the next run's
    stale-folder sweep, not raised out of the log-out."""
    path = files.temp_path("still-open.xlsx")
    path.write_bytes(b"x")
    if not _pin(path):
        pytest.skip("cannot make a file unremovable here")
    try:
        files.cleanup()  # no exception
        assert files.temp_path("next.pdf").parent != path.parent  # a new folder next time
    finally:
        _unpin(path)
