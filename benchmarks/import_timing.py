#!/usr/bin/env python3
"""Time the voucher import against a bare COPY on the same PostgreSQL, in one run.

    python benchmarks/import_timing.py [--rows 1000000] [--xlsx] [--database-url SUPERUSER_URL]

Without --database-url a throw-away cluster is started (tests/pg_cluster.py). The script
creates a database, migrates it, registers the generator's 500 venues (designated, agreements
in force for the year) and the year's batches, generates the operator file, then times:

* the baseline: a bare ``COPY`` of the CSV (all text) into an unindexed table of 11 columns;
* ``jd-admin vouchers import`` of the CSV (every check, into the indexed ledger);
* for comparison, what merely storing the imported vouchers costs: inserting them (parsed,
  checked) into an unindexed copy of the ledger table, and into one with the ledger's indexes
  and foreign keys;
* with --xlsx: the xlsx baseline (python-calamine read + COPY into the bare table) and the
  import of the xlsx, into a fresh ledger;

and prints the ratios (targets on the 2-core machine: <= 2x each).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_vouchers import HEADER, generate, venue_codes  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from jd_admin import db  # noqa: E402
from jd_admin.config import DatabaseTarget, normalise_url  # noqa: E402
from jd_admin.models import (  # noqa: E402
    Agreement,
    BatchFaceValue,
    IssuanceBatch,
    Venue,
)
from jd_admin.services import clock  # noqa: E402
from jd_admin.services.actor import system_actor  # noqa: E402
from jd_admin.services.vouchers import importer as voucher_import  # noqa: E402

KEY = bytes(range(32))
SH = clock.SHANGHAI


def setup_ledger(database: db.Database, year: int, venues: int, seed: int) -> None:
    start = dt.datetime(year, 1, 1, tzinfo=SH)
    with database.session() as s, s.begin():
        rows = venue_codes(venues, seed)
        ids = []
        for code, name, _sport in rows:
            v = Venue(name=name, venue_type="commercial", subdistrict_id=1 + len(ids) % 12,
                      address="嘉定区",
                      credit_code=code, legal_representative="某", contact_name="某",
                      contact_mobile="13900000000", opening_hours="9-21", capacity=100,
                      status="designated", status_reason="bench", status_changed_by="bench",
                      status_changed_at=start)  # the database writes the history row (0014)
            s.add(v)
            ids.append(v)
        s.flush()
        s.execute(insert(Agreement), [{
            "number": f"B-{v.id}", "venue_id": v.id, "bureau_name": "局", "bureau_credit_code": "x",
            "venue_name": v.name, "venue_credit_code": v.credit_code,
            "venue_legal_representative": "某",
            "venue_address": "x", "venue_bank": "x", "operator_name": "平台",
            "operator_credit_code": "x",
            "start_date": dt.date(year, 1, 1), "end_date": dt.date(year + 1, 1, 31),
            "face_values": [],
            "settlement_terms": "", "obligations": "", "termination_grounds": "",
            "status": "in_force",
            "bureau_signed_on": dt.date(year - 1, 12, 20), "venue_signed_on": dt.date(year - 1, 12,
                                                                                      20),
            "operator_signed_on": dt.date(year - 1, 12, 20), "in_force_from": dt.date(year, 1, 1),
            "created_by": "bench", "version": 1} for v in ids])
        batches = [(f"{year}-{m:02d}", dt.datetime(year, m, 1, tzinfo=SH),
                    (dt.datetime(year + (m == 12), m % 12 + 1, 1,
                                 tzinfo=SH) - dt.timedelta(seconds=1)), None)
                   for m in range(1, 13)]
        batches += [(f"{year}-SWIM", start, dt.datetime(year, 12, 31, 23, 59, 59, tzinfo=SH),
                     "SWIM"),
                    (f"{year}-SENIOR", start, dt.datetime(year, 12, 31, 23, 59, 59, tzinfo=SH),
                     "SENIOR")]
        for code, begin, end, restriction in batches:
            s.add(IssuanceBatch(code=code, name=code, budget=Decimal("10000000"), claim_start=begin,
                                claim_end=end, restriction_code=restriction, status="active",
                                created_by="bench",
                                face_values=[BatchFaceValue(face_value=Decimal(f), count=1_000_000)
                                             for f in (5, 10, 20, 30, 50, 80)]))


def bare_copy_csv(engine, path: Path) -> float:
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bare"))
        conn.execute(text("CREATE TABLE bare (" + ", ".join(f"c{i} text" for i in range(11)) + ")"))
    raw = engine.raw_connection()
    try:
        started = time.perf_counter()
        with raw.cursor() as cur, path.open("rb") as f, cur.copy(
            "COPY bare FROM STDIN (FORMAT csv, HEADER true)") as copy:
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()


def bare_copy_xlsx(engine, path: Path) -> float:
    from python_calamine import CalamineWorkbook

    with engine.begin() as conn:
        conn.execute(text("TRUNCATE bare"))
    raw = engine.raw_connection()
    try:
        started = time.perf_counter()
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = iter(sheet.iter_rows())
        next(rows)
        with raw.cursor() as cur, cur.copy("COPY bare FROM STDIN") as copy:
            for row in rows:
                copy.write_row([str(v) for v in row])
        raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()


def ledger_floor(engine) -> dict[str, float]:
    """What storing the imported vouchers costs by itself, after the import, on the same server:
    copying them (already parsed, checked and pseudonymised) into an unindexed copy of the
    ledger table, and into a copy with the ledger's indexes and foreign keys."""
    out: dict[str, float] = {}
    with engine.begin() as conn:
        for label, like in (("plain", "(LIKE voucher)"), ("indexed",
                                                          "(LIKE voucher INCLUDING ALL)")):
            conn.execute(text(f"CREATE TABLE floor_{label} {like}"))  # rolled back below
        for column, target in (("batch_id", "issuance_batch"), ("citizen_id", "citizen"),
                               ("venue_id", "venue"),
                               ("import_id", "voucher_import")):
            conn.execute(text(
                f"ALTER TABLE floor_indexed ADD FOREIGN KEY ({column}) REFERENCES {target}(id)"))
        for label in ("plain", "indexed"):
            started = time.perf_counter()
            conn.execute(text(
                f"INSERT INTO floor_{label} SELECT * FROM voucher ORDER BY claimed_at, id"))
            out[f"ledger_{label}_s"] = time.perf_counter() - started
        conn.rollback()
    return out


def timed_import(database: db.Database, path: Path) -> tuple[float, voucher_import.ImportSummary]:
    started = time.perf_counter()
    with database.session() as s, s.begin():
        summary = voucher_import.import_vouchers(s, system_actor("bench"), path, key=KEY,
                                                 write_report=True)
    return time.perf_counter() - started, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--venues", type=int, default=500)
    parser.add_argument("--citizens", type=int, default=200_000)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xlsx", action="store_true", help="also time the xlsx path")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jd_admin_bench"))
    parser.add_argument("--database-url", help="a superuser URL of an existing server")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--revision", default="head",
                        help="migrate the ledger to this revision only (e.g. 0017: without the "
                             "browser's indexes of 0018), to time the import without them")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if args.database_url:
        admin_url = args.database_url
        base = make_url(admin_url)
    else:
        from pg_cluster import PgCluster

        cluster = PgCluster().start()
        admin_url = cluster.admin_url()
        base = make_url(admin_url)
    try:
        csv_path = args.workdir / f"vouchers-{args.rows}.csv"
        xlsx_path = args.workdir / f"vouchers-{args.rows}.xlsx"
        if not csv_path.exists():
            started = time.perf_counter()
            import csv

            with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(HEADER)
                writer.writerows(generate(args.rows, args.venues, args.citizens, args.year,
                                          args.seed))
            print(f"generated {csv_path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        if args.xlsx and not xlsx_path.exists():
            from openpyxl import Workbook

            started = time.perf_counter()
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("消费券数据")
            ws.append(list(HEADER))
            for r in generate(args.rows, args.venues, args.citizens, args.year, args.seed):
                ws.append(list(r))
            wb.save(xlsx_path)
            print(f"generated {xlsx_path} in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)

        results: dict[str, float | int] = {"rows": args.rows}
        for label in (["csv", "xlsx"] if args.xlsx else ["csv"]):
            name = f"jd_bench_{label}"
            admin = db.make_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                c.execute(text(f"CREATE DATABASE {name}"))
            admin.dispose()
            url = normalise_url(base.set(database=name))
            engine = db.make_engine(url)
            db.upgrade(engine, args.revision)
            database = db.Database(DatabaseTarget(url), engine)
            setup_ledger(database, args.year, args.venues, args.seed)
            if label == "csv":
                results["copy_csv_s"] = bare_copy_csv(engine, csv_path)
                seconds, summary = timed_import(database, csv_path)
                results["import_csv_s"] = seconds
                results["csv_ratio"] = seconds / results["copy_csv_s"]
                for key, value in ledger_floor(engine).items():
                    results[key] = value
                    results[key.replace("_s", "_ratio")] = value / results["copy_csv_s"]
            else:
                bare_copy_csv(engine, csv_path)  # creates the bare table
                results["copy_xlsx_s"] = bare_copy_xlsx(engine, xlsx_path)
                seconds, summary = timed_import(database, xlsx_path)
                results["import_xlsx_s"] = seconds
                results["xlsx_ratio"] = seconds / results["copy_xlsx_s"]
            print(f"[{label}] " + " | ".join(summary.lines()), file=sys.stderr)
            results[f"{label}_inserted"] = summary.inserted
            results[f"{label}_flagged"] = sum(summary.flagged.values())
            database.dispose()
        for key, value in results.items():
            print(f"{key:>16}: {value:.2f}" if isinstance(value, float) else f"{key:>16}: {value}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
