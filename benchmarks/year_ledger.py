"""The benchmarks' year of vouchers on PostgreSQL, built once and copied after.

    parser = argparse.ArgumentParser(...)
    add_arguments(parser)            # --rows, --workdir, --database-url, --reuse
    args = parser.parse_args()
    with year_database(args, "jd_bench_x") as year:
        year.database, year.engine, year.cluster ...

Builds the ledger as ``import_timing.py`` does (the generator's 500 venues and batches, its
operator file of ``--rows`` vouchers over 2026 imported through the real import), in a database
of the given name on the server of ``--database-url`` (a superuser URL) or on a throw-away
cluster started for the run. With ``--reuse`` the imported ledger is kept as the template
database ``jd_bench_settle_<rows>`` and later runs of any benchmark copy it (no re-import; a
kept template of an older revision is upgraded after the copy).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_vouchers import HEADER, generate  # noqa: E402
from import_timing import setup_ledger, timed_import  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from jd_admin import db  # noqa: E402
from jd_admin.config import DatabaseTarget, normalise_url  # noqa: E402


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jd_admin_bench"))
    parser.add_argument("--database-url", help="a superuser URL of an existing server")
    parser.add_argument("--reuse", action="store_true",
                        help="with --database-url: keep the imported ledger as a template "
                             "database (shared by the benchmarks) and copy it on later runs")


def best(fn: Any, runs: int = 3) -> float:
    """The best of ``runs`` timings of ``fn()``, in seconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


@dataclass
class Year:
    database: db.Database
    engine: Engine
    url: str
    cluster: Any  # the throw-away PgCluster, or None on an existing server
    imported: bool  # the ledger was imported by this run (not copied from the template)
    upgrade_seconds: float  # the upgrade of the copy (a kept template may be older)


@contextmanager
def year_database(args: argparse.Namespace, name: str) -> Iterator[Year]:
    """The year's ledger in the database ``name`` (dropped and made anew), analysed."""
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
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            kept = args.reuse and c.scalar(
                text("SELECT count(*) FROM pg_database WHERE datname = :t"), {"t": template})
            c.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}" if kept
                           else f"CREATE DATABASE {name}"))
        url = normalise_url(make_url(admin_url).set(database=name))
        engine = db.make_engine(url)
        t0 = time.perf_counter()
        db.upgrade(engine)  # (a kept template may be of an older revision)
        upgraded = time.perf_counter() - t0
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
                c.execute(text(f"CREATE DATABASE {template} TEMPLATE {name}"))
            engine = db.make_engine(url)
            database = db.Database(DatabaseTarget(url), engine)
        admin.dispose()
        yield Year(database, engine, url, cluster, not kept, upgraded)
        engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()
