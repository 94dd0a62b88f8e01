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
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_vouchers import HEADER, generate  # noqa: E402
from import_timing import setup_ledger, timed_import  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from jd_admin import db  # noqa: E402
from jd_admin.config import DatabaseTarget, normalise_url  # noqa: E402
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
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--month", default="2026-06")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jd_admin_bench"))
    parser.add_argument("--database-url", help="a superuser URL of an existing server")
    parser.add_argument("--reuse", action="store_true",
                        help="with --database-url: keep the imported ledger as a template "
                             "database and copy it on later runs (no re-import)")
    parser.add_argument("--explain", action="store_true",
                        help="log the plans of statements over 300 ms (auto_explain)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if args.database_url:
        admin_url = args.database_url
    else:
        from pg_cluster import PgCluster

        cluster = PgCluster().start()
        admin_url = cluster.admin_url()
    try:
        csv_path = args.workdir / f"vouchers-{args.rows}.csv"
        if not csv_path.exists():
            with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(HEADER)
                writer.writerows(generate(args.rows, 500, 200_000, 2026, 1))
        template = f"jd_bench_settle_{args.rows}"
        admin = db.make_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text("DROP DATABASE IF EXISTS jd_bench_settle WITH (FORCE)"))
            kept = args.reuse and c.scalar(
                text("SELECT count(*) FROM pg_database WHERE datname = :t"), {"t": template})
            c.execute(text(f"CREATE DATABASE jd_bench_settle TEMPLATE {template}" if kept
                           else "CREATE DATABASE jd_bench_settle"))
        url = normalise_url(make_url(admin_url).set(database="jd_bench_settle"))
        engine = db.make_engine(url)
        db.upgrade(engine)  # (a kept template may be of an older revision)
        database = db.Database(DatabaseTarget(url), engine)
        if not kept:
            setup_ledger(database, 2026, 500, 1)
            seconds, _summary = timed_import(database, csv_path)
            print(f"imported {args.rows} rows in {seconds:.1f} s", file=sys.stderr)
        with engine.begin() as c:
            c.execute(text("ANALYZE"))
        if args.reuse and not kept:
            engine.dispose()
            with admin.connect() as c:
                c.execute(text(f"CREATE DATABASE {template} TEMPLATE jd_bench_settle"))
            engine = db.make_engine(url)
            database = db.Database(DatabaseTarget(url), engine)
        admin.dispose()
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
            if cluster is not None:
                print(f"plans in {cluster.logfile}", file=sys.stderr)
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
        database.dispose()
    finally:
        if cluster is not None:
            if args.explain:
                import shutil

                shutil.copy(cluster.logfile, args.workdir / "settlement_server.log")
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
