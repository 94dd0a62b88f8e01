"""Start-up times of the command line and of the desktop program (issue 14, item 5).

    python benchmarks/startup_timing.py [--runs 5] [--bundle dist/jd_admin]

Each figure is the median wall time of ``--runs`` fresh processes, next to ``python -c pass``
(the interpreter alone), from this checkout (``PYTHONPATH``) and, with ``--bundle``, from the
built bundle:

- ``jd-admin --version`` and ``jd-admin --help`` (``python -m jd_admin …``);
- the desktop program's login dialog on screen: the "login dialog" line of ``--self-check``
  (offscreen, a throw-away data directory), timed from the launch as seen from here.

Targets of the issue: the CLI's help under 0.5 s, the login dialog under 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""


def environment(data_dir: Path, source: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "JD_ADMIN_DATABASE_URL")}
    if source:
        env["PYTHONPATH"] = str(ROOT)
    env["JD_ADMIN_DATA_DIR"] = str(data_dir)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def wall(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def login_dialog(command: Sequence[str], env: dict[str, str]) -> float:
    """Seconds from the launch to the self-check's "login dialog" line."""
    with tempfile.TemporaryDirectory(prefix="jd_admin-startup-") as tmp:
        env = {**env, "JD_ADMIN_DATA_DIR": tmp}
        started = time.perf_counter()
        process = subprocess.Popen([*command, "--self-check"], env=env, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   encoding="utf-8", errors="replace")
        assert process.stdout is not None
        seen = None
        for line in process.stdout:
            if seen is None and "ok      login dialog" in line:
                seen = time.perf_counter() - started
        if process.wait(timeout=180) != 0 or seen is None:
            raise SystemExit(f"{' '.join(command)} --self-check failed")
        return seen


def median(fn: Callable[..., float], runs: int, *args: object) -> float:
    return statistics.median([fn(*args) for _ in range(runs)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=None)
    args = parser.parse_args()
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="jd_admin-startup-") as tmp:
        data = Path(tmp)
        src = environment(data, source=True)
        py = sys.executable
        rows.append(("python -c pass", median(wall, args.runs, [py, "-c", "pass"], src)))
        for flag in ("--version", "--help"):
            rows.append((f"source: jd-admin {flag}",
                         median(wall, args.runs, [py, "-m", "jd_admin", flag], src)))
        rows.append(("source: login dialog on screen",
                     median(login_dialog, args.runs, [py, str(ROOT / "main.py")], src)))
        if args.bundle:
            bundle = args.bundle.resolve()
            env = environment(data, source=False)
            for flag in ("--version", "--help"):
                rows.append((f"bundle: jd-admin {flag}",
                             median(wall, args.runs, [str(bundle / f"jd-admin{EXE}"), flag], env)))
            rows.append(("bundle: login dialog on screen",
                         median(login_dialog, args.runs, [str(bundle / f"jd_admin{EXE}")], env)))
    base = rows[0][1]
    print(f"median of {args.runs} runs; load average {os.getloadavg()[0]:.1f}"
          if hasattr(os, "getloadavg") else f"median of {args.runs} runs")
    for name, seconds in rows:
        print(f"  {name:36s} {seconds:6.2f} s  ({seconds / base:5.1f}× python -c pass)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
