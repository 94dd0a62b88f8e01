#!/usr/bin/env python3
"""The rerun of a voucher import after a PostgreSQL restart cut the first run off (issue 14).

    python benchmarks/restart_rerun_timing.py [--rows 150000] [--baseline]

A throw-away cluster (tests/pg_cluster.py), the import benchmark's ledger (500 venues, the
year's batches). Then: an import of ``--rows`` rows is cut off after its merge (its
transaction rolled back, as when the server restarts: the ledger's pages hold only dead rows),
``VACUUM voucher`` (what autovacuum does next: the dead pages are truncated and the table's
statistics say 0 rows), and the same file imported again, timed. ``--baseline``: the same
import into the fresh ledger, without the cut-off and the VACUUM, for comparison. The server
logs each statement over 300 ms with its plan (auto_explain, nested statements too); the log
is kept as WORKDIR/rerun-server.log.
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
from import_timing import KEY, setup_ledger  # noqa: E402
from pg_cluster import PgCluster  # noqa: E402
from sqlalchemy import text  # noqa: E402

from jd_admin import db  # noqa: E402
from jd_admin.config import DatabaseTarget, normalise_url  # noqa: E402
from jd_admin.services.actor import system_actor  # noqa: E402
from jd_admin.services.vouchers import importer  # noqa: E402


class CutOff(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jd_admin_bench"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / f"vouchers-{args.rows}.csv"
    if not path.exists():
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(HEADER)
            writer.writerows(generate(args.rows, 500, 200_000, 2026, 1))
    cluster = PgCluster({"log_min_duration_statement": "1000", "autovacuum": "off",
                         "session_preload_libraries": "auto_explain",
                         "auto_explain.log_min_duration": "300",
                         "auto_explain.log_nested_statements": "on"}).start()
    try:
        admin = db.make_engine(normalise_url(cluster.admin_url()), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text("CREATE DATABASE jd_rerun"))
        url = normalise_url(cluster.admin_url("jd_rerun"))
        engine = db.make_engine(url)
        db.upgrade(engine)
        database = db.Database(DatabaseTarget(url), engine)
        setup_ledger(database, 2026, 500, 1)
        actor = system_actor("bench")

        def cut(_done: int, text_: str) -> None:
            if "核查" in text_:
                raise CutOff()

        started = time.perf_counter()
        if not args.baseline:
            try:
                with database.session() as s, s.begin():
                    importer.import_vouchers(s, actor, path, key=KEY, progress=cut)
            except CutOff:
                pass
        cut_s = time.perf_counter() - started
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            if not args.baseline:
                c.execute(text("VACUUM voucher"))
            pages, tuples = c.execute(text(
                "SELECT relpages, reltuples FROM pg_class WHERE relname = 'voucher'")).one()
        started = time.perf_counter()
        with database.session() as s, s.begin():
            summary = importer.import_vouchers(s, actor, path, key=KEY)
        rerun_s = time.perf_counter() - started
        database.dispose()
        admin.dispose()
        print(f"rows: {args.rows}{'  (baseline: no cut-off, no VACUUM)' if args.baseline else ''}")
        print(f"first run, cut off after the merge: {cut_s:.1f} s")
        print(f"after VACUUM voucher: relpages {pages}, reltuples {tuples}")
        print(f"rerun: {rerun_s:.1f} s, inserted {summary.inserted}")
        slow = [line for line in cluster.logfile.read_text().splitlines()
                if "duration:" in line and "plan:" not in line]
        for line in slow:
            print("  slow:", line[line.index("duration:"):][:160])
    finally:
        import shutil

        shutil.copyfile(cluster.logfile, args.workdir / "rerun-server.log")
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
