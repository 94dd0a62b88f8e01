#!/usr/bin/env python3
"""Realistic operator (platform) voucher files of any size, for benchmarks and tests.

One row per claimed voucher, in the import format of ``jd_admin.services.vouchers.operator_file``
(Chinese header, Asia/Shanghai local times, yuan with two decimals). Rows come out in
claim-time order and are produced one at a time: a million rows never sit in memory, only a
small state per citizen (the vouchers of the last three weeks) does.

The data follow the rules (DOMAIN.md, rules 1-5) except for a share of deliberate violations
(``violation_rate``, spread evenly over the twelve kinds of :data:`KINDS`). Every row is
checked against every rule as it is produced, so the counters in the stats file are the exact
numbers of vouchers a checker using the definitions of :data:`DEFINITIONS` must flag, split
into ``injected`` (meant) and ``incidental`` (not meant; zero unless the citizen pool is far
too small for the number of rows). See benchmarks/README.md.

    python benchmarks/generate_vouchers.py --rows 1000000 --venues 500 --citizens 200000 \\
        --year 2026 --seed 1 --csv OUT.csv --xlsx OUT.xlsx --venues-out venues.csv

Importable: :func:`generate` (the rows) and :func:`venue_codes` (the designated venues). The
generator itself is the package ``jd_admin/services/demo/voucher_sim`` (the demo data
use it too); this file is its command line.
"""


from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from jd_admin.services.demo.voucher_sim.simulation import generate
from jd_admin.services.demo.voucher_sim.tables import (
    DAILY_USE_CAP,
    DEFINITIONS,
    FACE_TABLE,
    HEADER,
    KEYS,
    KINDS,
    LARGE_FACE,
    MAX_HELD,
    VALIDITY_S,
    WEEKLY_CLAIM_LIMIT,
    WEEKLY_LARGE_LIMIT,
    WEEKLY_USE_CAP,
    _yuan,
)
from jd_admin.services.demo.voucher_sim.venues import venue_codes, venue_profiles

__all__ = [
    "DEFINITIONS",
    "FACE_TABLE",
    "HEADER",
    "KEYS",
    "KINDS",
    "generate",
    "main",
    "venue_codes",
    "venue_profiles",
]


def _xlsx_row(row: tuple[str, ...]) -> list[object]:
    """Codes, the citizen id and times as text; face value and amounts as numbers."""
    values: list[object] = list(row)
    values[2] = int(row[2])
    values[9] = float(row[9]) if row[9] else None
    values[10] = float(row[10]) if row[10] else None
    for i in (4, 6, 7, 8):
        if not row[i]:
            values[i] = None
    return values


def _write_venues(path: Path, venues: int, seed: int, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("统一社会信用代码", "场馆名称", "主要运动项目", "挂牌价"))
        for code, name, sport, price in venue_profiles(venues, seed):
            writer.writerow((code, name, sport, _yuan(price)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a realistic operator voucher file (CSV and/or xlsx) for benchmarks.")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--venues", type=int, default=500)
    parser.add_argument("--citizens", type=int, default=200_000)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--csv", type=Path, help="write the rows to this CSV file")
    parser.add_argument("--xlsx", type=Path, help="write the rows to this xlsx file")
    parser.add_argument("--venues-out", type=Path, help="write the designated venues to this CSV")
    parser.add_argument("--encoding", choices=("utf-8-sig", "gb18030"), default="utf-8-sig",
                        help="encoding of the CSV files (default utf-8-sig)")
    parser.add_argument("--violation-rate", type=float, default=0.03,
                        help="share of rows with a deliberate violation (default 0.03)")
    args = parser.parse_args(argv)
    if args.csv is None and args.xlsx is None and args.venues_out is None:
        parser.error("nothing to write: give --csv, --xlsx and/or --venues-out")
    if args.rows < 0 or args.venues < 1 or args.citizens < 1:
        parser.error("--rows must be >= 0, --venues and --citizens >= 1")
    if not 2000 <= args.year <= 2099:
        parser.error("--year must be between 2000 and 2099")
    if not 0 <= args.violation_rate <= 1:
        parser.error("--violation-rate must be between 0 and 1")

    started = time.perf_counter()
    if args.venues_out is not None:
        _write_venues(args.venues_out, args.venues, args.seed, args.encoding)
    if args.csv is None and args.xlsx is None:
        return 0

    stats: dict[str, Any] = {}
    rows = generate(args.rows, args.venues, args.citizens, args.year, args.seed,
                    args.violation_rate, stats=stats)
    csv_file = wb = None
    try:
        writers: list[Callable[[tuple[str, ...]], object]] = []
        if args.csv is not None:
            csv_file = args.csv.open("w", encoding=args.encoding, newline="")
            csv_writer = csv.writer(csv_file)
            csv_writer.writerow(HEADER)
            writers.append(csv_writer.writerow)
        if args.xlsx is not None:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("消费券")
            ws.append(list(HEADER))
            writers.append(lambda row: ws.append(_xlsx_row(row)))
        if len(writers) == 1:
            write = writers[0]
            for row in rows:
                write(row)
        else:
            for row in rows:
                for write in writers:
                    write(row)
        if wb is not None:
            wb.save(args.xlsx)
    finally:
        if csv_file is not None:
            csv_file.close()
    elapsed = time.perf_counter() - started

    outputs = [p for p in (args.csv, args.xlsx) if p is not None]
    stats = {
        "generator": "benchmarks/generate_vouchers.py",
        "params": {"rows": args.rows, "venues": args.venues, "citizens": args.citizens,
                   "year": args.year, "seed": args.seed, "violation_rate": args.violation_rate,
                   "encoding": args.encoding},
        "seconds": round(elapsed, 2),
        "files": {p.name: p.stat().st_size for p in outputs},
        **stats,
        "definitions": DEFINITIONS,
        "rules": {"validity_hours": VALIDITY_S // 3600, "weekly_claim_limit": WEEKLY_CLAIM_LIMIT,
                  "max_held": MAX_HELD, "daily_use_cap": DAILY_USE_CAP,
                  "weekly_use_cap": WEEKLY_USE_CAP, "weekly_large_claim_limit": WEEKLY_LARGE_LIMIT,
                  "large_face_value": LARGE_FACE,
                  "face_table": {str(f): {"subsidy": s, "concession": c, "min_order": m}
                                 for f, (s, c, m) in FACE_TABLE.items()}},
    }
    for path in outputs:
        Path(f"{path}.stats.json").write_text(
            json.dumps(stats, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    sizes = ", ".join(f"{p} {p.stat().st_size / 1e6:.1f} MB" for p in outputs)
    print(f"{stats['rows']:,} rows in {elapsed:.1f} s ({sizes}); "
          f"redeemed {stats['redeemed_share']:.1%}", file=sys.stderr)
    width = max(len(k) for k in KINDS)
    print(f"{'violation':<{width}}  {'total':>8} {'injected':>8} {'incident.':>9} {'not inj.':>8}",
          file=sys.stderr)
    for k in KINDS:
        print(f"{k:<{width}}  {stats['violations'][k]:>8} {stats['injected'][k]:>8} "
              f"{stats['incidental'][k]:>9} {stats['not_injected'][k]:>8}", file=sys.stderr)
    print(f"rows with a violation: {stats['rows_with_violation']} "
          f"({stats['rows_with_several_violations']} with several)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
