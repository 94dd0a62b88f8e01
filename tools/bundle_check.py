"""Start the built desktop bundle and check it works (``make bundle-check``).

    python tools/bundle_check.py [dist/jd_admin]

On a throw-away data directory (``JD_ADMIN_DATA_DIR``), with ``QT_QPA_PLATFORM=offscreen``
unless a platform is set, and without this checkout on the path (``PYTHONPATH`` and the
database settings of the environment are dropped):

1. ``jd_admin --self-check`` (jd_admin/ui/self_check.py): a fresh SQLite file, migrations,
   first administrator, login, the login dialog and the main window shown, every page opened;
   its lines are printed, with the time since the process was launched as seen from here;
2. the command line: ``jd-admin --version`` and ``--help`` (the median of 5 runs each), then
   ``db upgrade`` and ``db current`` on another fresh SQLite file (the migrations as the CLI
   finds them in the bundle);
3. the size of the folder.

Exit status 0 when everything passed. The figures go into README ("Desktop bundle"); they
depend on the machine, so no test asserts them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""


def clean_environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "JD_ADMIN_DATABASE_URL", "VIRTUAL_ENV")}
    env["JD_ADMIN_DATA_DIR"] = str(data_dir)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def self_check(bundle: Path, data_dir: Path) -> tuple[bool, dict[str, float]]:
    """Run the GUI's self-check; (passed, {step: seconds since launch seen from here})."""
    launched = time.perf_counter()
    process = subprocess.Popen([str(bundle / f"jd_admin{EXE}"), "--self-check"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               encoding="utf-8", errors="replace",
                               env=clean_environment(data_dir))
    assert process.stdout is not None
    seen: dict[str, float] = {}
    for line in process.stdout:
        at = time.perf_counter() - launched
        print(f"  {at:6.2f}s | {line.rstrip()}")
        for step in ("login dialog", "main window shown", "self-check passed"):
            if step in line and "FAILED" not in line:
                seen.setdefault(step, at)
    status = process.wait(timeout=180)
    seen["exit"] = time.perf_counter() - launched
    report = data_dir / "self-check.txt"
    if len(seen) == 1 and report.is_file():
        # the windowed Windows executable has no stdout: its report file, with its own clock
        for line in report.read_text(encoding="utf-8").splitlines():
            print(f"  {line}")
            for step in ("login dialog", "main window shown", "self-check passed"):
                if step in line and "FAILED" not in line and line.startswith("["):
                    seen.setdefault(step, float(line[1:line.index("s]")]))
    return status == 0 and "self-check passed" in seen, seen


def run_cli(bundle: Path, data_dir: Path, *args: str) -> tuple[int, str, float]:
    started = time.perf_counter()
    result = subprocess.run([str(bundle / f"jd-admin{EXE}"), *args], capture_output=True,
                            text=True, encoding="utf-8", errors="replace",
                            env=clean_environment(data_dir), timeout=180)
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - started


def median_time(bundle: Path, data_dir: Path, *args: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        status, output, seconds = run_cli(bundle, data_dir, *args)
        if status != 0:
            raise SystemExit(f"jd-admin {' '.join(args)} failed ({status}):\n{output}")
        times.append(seconds)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "jd_admin")
    args = parser.parse_args()
    bundle: Path = args.bundle.resolve()
    if not (bundle / f"jd_admin{EXE}").is_file():
        print(f"no bundle in {bundle}: run `make bundle` first", file=sys.stderr)
        return 2
    ok = True
    with tempfile.TemporaryDirectory(prefix="jd_admin-bundle-check-") as tmp:
        gui_data = Path(tmp) / "gui"
        print(f"1. {bundle / ('jd_admin' + EXE)} --self-check")
        passed, seen = self_check(bundle, gui_data)
        ok &= passed

        cli_data = Path(tmp) / "cli"
        cli_data.mkdir()
        url = f"sqlite:///{cli_data / 'cli-check.sqlite3'}"
        print(f"2. {bundle / ('jd-admin' + EXE)}")
        version = median_time(bundle, cli_data, "--version")
        help_time = median_time(bundle, cli_data, "--help")
        print(f"  --version {version:.2f} s, --help {help_time:.2f} s (median of 5)")
        for command in (["db", "upgrade"], ["db", "current"]):
            status, output, seconds = run_cli(bundle, cli_data, *command, "--database-url", url)
            print(f"  {' '.join(command)}: exit {status} in {seconds:.2f} s: "
                  f"{output.strip().splitlines()[-1] if output.strip() else ''}")
            ok &= status == 0

    size = folder_size(bundle)
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    print("3. figures")
    print(f"  bundle size: {size / 2**20:.0f} MiB in {files} files ({bundle})")
    for step in ("login dialog", "main window shown", "exit"):
        if step in seen:
            print(f"  {step}: {seen[step]:.2f} s after launch")
    print(f"  jd-admin --version: {version:.2f} s; --help: {help_time:.2f} s")
    print("bundle check " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
