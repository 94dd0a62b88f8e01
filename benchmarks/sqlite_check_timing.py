#!/usr/bin/env python3
"""What checking a SQLite file costs at open: ``PRAGMA quick_check`` (what the program runs when
the file changed since it was last found intact or closed cleanly, jd_admin/db.py
``check_sqlite_integrity``) against ``PRAGMA integrity_check`` (also the indexes' contents),
warm (the file in the OS cache) and cold (the cache dropped, where this process may: root on
Linux), as seconds and as a ratio.

    python benchmarks/sqlite_check_timing.py FILE.sqlite3

A file to try: ``jd-admin db upgrade`` then ``jd-admin demo-data`` (50,000 vouchers, 43 MB).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path


def timed(path: Path, pragma: str, *, cold: bool) -> float | None:
    if cold:
        try:
            subprocess.run(["sync"], check=True)
            Path("/proc/sys/vm/drop_caches").write_text("3\n")
        except OSError:
            return None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        started = time.perf_counter()
        result = conn.execute(f"PRAGMA {pragma}").fetchall()
        elapsed = time.perf_counter() - started
    assert result == [("ok",)], result
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    path = parser.parse_args().file
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {pages} pages")
    figures: dict[str, float | None] = {}
    for pragma in ("quick_check", "integrity_check"):
        figures[f"{pragma} cold"] = timed(path, pragma, cold=True)
        figures[f"{pragma} warm"] = min(t for t in (timed(path, pragma, cold=False)
                                                    for _ in range(3)) if t is not None)
    for name, value in figures.items():
        print(f"  {name:<22} " + ("n/a (cannot drop the cache)" if value is None
                                   else f"{value:.3f} s"))
    quick, full = figures["quick_check warm"], figures["integrity_check warm"]
    if quick and full:
        print(f"  integrity_check / quick_check (warm): {full / quick:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
