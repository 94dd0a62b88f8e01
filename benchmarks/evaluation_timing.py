#!/usr/bin/env python3
"""Time the yearly evaluation report (PDF and .xlsx), the budget burn and price integrity on
the 1,000,000-voucher year.

    python benchmarks/evaluation_timing.py [--rows 1000000] [--year 2026]
        [--database-url SUPERUSER_URL --reuse]

The year of vouchers in ``jd_bench_eval`` (``year_ledger.py``: built, or copied from the kept
template with ``--reuse``), then times, twice each (the first
run with a cold cache of the statements): ``evaluation.prepare_report`` of the whole year (the
figures gathered in SQL) and the PDF written; the .xlsx written; the budget burn of every batch
with its forecast (``statistics.budget.batch_burn``); price integrity of the year. The
generator files no list prices, so each venue's sports get one here (40 yuan, or 15 for one
venue in ten: orders of those are above the line), so that the medians are computed over every
redemption. Target: the yearly PDF < 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import year_ledger  # noqa: E402
from sqlalchemy import text  # noqa: E402

from jd_admin.services.actor import system_actor  # noqa: E402
from jd_admin.services.statistics import budget, evaluation, integrity  # noqa: E402

NAME = "jd_bench_eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="a folder to keep the PDF and .xlsx in")
    year_ledger.add_arguments(parser)
    args = parser.parse_args()
    with year_ledger.year_database(args, NAME) as year:
        engine = year.engine
        with engine.begin() as c:
            if not c.scalar(text("SELECT count(*) FROM venue_sport")):
                c.execute(text(
                    "INSERT INTO venue_sport (venue_id, sport, list_price) "
                    "SELECT DISTINCT venue_id, sport, CASE WHEN venue_id % 10 = 0 THEN 1500 "
                    "ELSE 4000 END FROM voucher WHERE venue_id IS NOT NULL AND sport IS NOT NULL"))
            c.execute(text("ANALYZE"))
            vouchers = c.scalar(text("SELECT count(*) FROM voucher"))
        database = year.database
        actor = system_actor("bench")
        since, until = dt.date(args.year, 1, 1), dt.date(args.year, 12, 31)
        out_dir = args.keep or Path(tempfile.mkdtemp(prefix="jd_eval_"))
        out_dir.mkdir(parents=True, exist_ok=True)
        print(f"{vouchers:,} vouchers; the year {args.year}")
        for run in (1, 2):
            timings = {}
            for suffix in (".pdf", ".xlsx"):
                t0 = time.perf_counter()
                with database.session() as s, s.begin():
                    prepared = evaluation.prepare_report(s, actor, since, until,
                                                         out_dir / f"evaluation{suffix}")
                gathered = time.perf_counter() - t0
                prepared.write()
                timings[suffix] = (gathered, time.perf_counter() - t0)
            t0 = time.perf_counter()
            with database.session() as s:
                burns = budget.batch_burn(s, actor, dt.date(args.year, 12, 1))
            burn_time = time.perf_counter() - t0
            t0 = time.perf_counter()
            with database.session() as s:
                prices = integrity.price_integrity(s, actor, since, until)
            price_time = time.perf_counter() - t0
            pdf_gather, pdf_total = timings[".pdf"]
            xlsx_gather, xlsx_total = timings[".xlsx"]
            print(f"run {run}: yearly report PDF {pdf_total:.2f} s (figures {pdf_gather:.2f} s, "
                  f"layout {pdf_total - pdf_gather:.2f} s); .xlsx {xlsx_total:.2f} s "
                  f"(figures {xlsx_gather:.2f} s); budget burn of {len(burns)} batches "
                  f"{burn_time:.2f} s; price integrity ({len(prices)} venue sports listed) "
                  f"{price_time:.2f} s")
        print(f"files in {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
