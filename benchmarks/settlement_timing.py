#!/usr/bin/env python3
"""Time generating one month's settlement against a bare SQL GROUP BY of the same month.

    python benchmarks/settlement_timing.py [--rows 1000000] [--month 2026-06]
        [--database-url SUPERUSER_URL]

Builds the ledger as ``import_timing.py`` does (the generator's venues and batches, its operator
file imported), then times, on the same PostgreSQL: a bare ``GROUP BY venue, face value`` of the
vouchers redeemed in the month (no validity), and ``settlement.generate`` of that month as the
system actor (every validity condition, the lines, items and exclusions written, the vouchers
the draft's lines and left-out vouchers written), then its regeneration, and its verification
(the vouchers frozen as its items and marked, the server's check of the whole draft).
Target: generation <= 3x the GROUP BY.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import year_ledger  # noqa: E402
from sqlalchemy import text  # noqa: E402

from jd_admin.domain.roles import Role  # noqa: E402
from jd_admin.domain.settlement import month_start, next_month  # noqa: E402
from jd_admin.services import clock, settlement  # noqa: E402
from jd_admin.services.actor import Actor, system_actor  # noqa: E402

GROUP_BY = """
SELECT venue_id, face_value, count(*), sum(subsidy), sum(concession), sum(order_amount),
       sum(paid_amount)
  FROM voucher WHERE redeemed_at >= :start AND redeemed_at < :end
 GROUP BY venue_id, face_value"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--month", default="2026-06")
    parser.add_argument("--explain", action="store_true",
                        help="log the plans of statements over 300 ms (auto_explain)")
    year_ledger.add_arguments(parser)
    args = parser.parse_args()
    with year_ledger.year_database(args, "jd_bench_settle") as year:
        database, engine = year.database, year.engine
        month = month_start(args.month)
        start, end = clock.start_of_day(month), clock.start_of_day(next_month(month))
        best = float("inf")
        for _ in range(3):
            with engine.connect() as c:
                t0 = time.perf_counter()
                groups = c.execute(text(GROUP_BY), {"start": start, "end": end}).all()
                best = min(best, time.perf_counter() - t0)
        if args.explain:  # slow statements' plans, nested ones too, into the server's log
            from sqlalchemy import event

            @event.listens_for(engine, "connect")
            def _explain(dbapi_conn, _record):  # type: ignore[no-untyped-def]
                cur = dbapi_conn.cursor()
                cur.execute("LOAD 'auto_explain'")
                cur.execute("SET auto_explain.log_min_duration = '100ms'")
                cur.execute("SET auto_explain.log_nested_statements = on")
                cur.execute("SET auto_explain.log_analyze = on")
                cur.close()

            engine.pool.dispose()
            if year.cluster is not None:
                print(f"plans in {year.cluster.logfile}", file=sys.stderr)
        actor = system_actor("bench")
        today = next_month(next_month(month))
        times = []
        for n in range(2):
            profile = None
            if args.explain and n == 1:
                import cProfile

                profile = cProfile.Profile()
                profile.enable()
            t0 = time.perf_counter()
            with database.session() as s, s.begin():
                result = settlement.generate(s, actor, month, today=today)
            times.append(time.perf_counter() - t0)
            if profile is not None:
                import pstats

                profile.disable()
                pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
        # verification freezes the draft: its vouchers become items and are marked (as bureau
        # staff would; the server checks the whole draft at the step)
        staff = Actor(username="bench_staff", full_name="bench", role=Role.BUREAU_STAFF)
        t0 = time.perf_counter()
        with database.session() as s, s.begin():
            settlement.verify(s, staff, result.settlement_id)
        verify_time = time.perf_counter() - t0
        print(f"month {args.month}: {len(groups)} groups; {result.vouchers} vouchers paid, "
              f"{result.excluded} left out, {result.lines} lines")
        print(f"GROUP BY: {best:.3f} s; generate: {times[0]:.3f} s "
              f"({times[0] / best:.1f}x); regenerate: {times[1]:.3f} s ({times[1] / best:.1f}x); "
              f"verify (freeze and the server's check): {verify_time:.3f} s")
        if args.explain and year.cluster is not None:
            import shutil

            shutil.copy(year.cluster.logfile, args.workdir / "settlement_server.log")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
