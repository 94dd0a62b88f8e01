#!/usr/bin/env python3
"""What the audit triggers of migration 0012 cost on PostgreSQL, with and without them.

    python benchmarks/audit_trigger_cost.py [--updates 1000] [--rows 1000000] \
        [--database-url SUPERUSER_URL]

Without --database-url a throw-away cluster is started (tests/pg_cluster.py). Times:

* ``--updates`` single-row UPDATEs of a venue, one transaction each (as the GUI saves), with
  the row trigger and without (``ALTER TABLE venue DISABLE TRIGGER venue_audit``): per
  transaction one audit row, linked into the chain at commit;
* the same number of UPDATEs in one transaction (the chain's links all at that commit);
* the voucher ledger's bulk statements on ``citizen`` (``--rows`` rows): INSERT … SELECT,
  UPDATE of every row, DELETE of every row, with the statement triggers and without.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from factories import venue  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from jd_admin import db  # noqa: E402
from jd_admin.config import normalise_url  # noqa: E402

LEDGER = ("citizen_audit_insert", "citizen_audit_update", "citizen_audit_delete")


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _set_triggers(engine: Engine, table: str, names: tuple[str, ...], on: bool) -> None:
    with engine.begin() as conn:
        for name in names:
            conn.execute(text(f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} "
                              f"TRIGGER {name}"))


def updates(engine: Engine, venue_id: int, n: int, one_transaction: bool) -> float:
    sql = text("UPDATE venue SET contact_name = :c WHERE id = :i")

    def run() -> None:
        if one_transaction:
            with engine.begin() as conn:
                for k in range(n):
                    conn.execute(sql, {"c": f"联系人{k}", "i": venue_id})
            return
        with engine.connect() as conn:
            for k in range(n):
                conn.execute(sql, {"c": f"联系人{k}", "i": venue_id})
                conn.commit()

    return _timed(run)


def ledger(engine: Engine, rows: int) -> dict[str, float]:
    out = {}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("TRUNCATE citizen CASCADE"))
        conn.execute(text("VACUUM ANALYZE citizen"))
    with engine.connect() as conn:
        for label, sql in (
            ("insert", "INSERT INTO citizen (pseudonym, masked) "
                       f"SELECT md5(g::text), 'm' || g FROM generate_series(1, {rows}) g"),
            ("update", "UPDATE citizen SET masked = masked || 'x'"),
            ("delete", "DELETE FROM citizen"),
        ):
            out[label] = _timed(lambda sql=sql: (conn.execute(text(sql)), conn.commit()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="a superuser URL of an existing server")
    args = parser.parse_args()
    cluster = None
    if args.database_url:
        admin_url = args.database_url
    else:
        from pg_cluster import PgCluster

        cluster = PgCluster().start()
        admin_url = cluster.admin_url()
    try:
        admin = db.make_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS jd_audit_bench"))
            conn.execute(text("CREATE DATABASE jd_audit_bench"))
        admin.dispose()
        url = normalise_url(admin_url).set(database="jd_audit_bench")
        engine = db.make_engine(url)
        db.upgrade(engine)
        with Session(engine) as s, s.begin():
            venue_id = venue(s).id
        print(f"{'what':58} {'audited':>9} {'bare':>9} {'extra':>9}")
        for one in (False, True):
            what = (f"{args.updates} venue UPDATEs, "
                    + ("in one transaction" if one else "one transaction each"))
            audited = updates(engine, venue_id, args.updates, one)
            _set_triggers(engine, "venue", ("venue_audit",), False)
            bare = updates(engine, venue_id, args.updates, one)
            _set_triggers(engine, "venue", ("venue_audit",), True)
            print(f"{what:58} {audited:8.2f}s {bare:8.2f}s "
                  f"{(audited - bare) / args.updates * 1e3:7.3f}ms/row")
        ledger(engine, args.rows)  # warm up
        _set_triggers(engine, "citizen", LEDGER, False)
        bare_l = ledger(engine, args.rows)
        _set_triggers(engine, "citizen", LEDGER, True)
        audited_l = ledger(engine, args.rows)
        for label in audited_l:
            what = f"citizen {label.upper()} of {args.rows} rows (statement trigger)"
            print(f"{what:58} {audited_l[label]:8.2f}s {bare_l[label]:8.2f}s "
                  f"{audited_l[label] - bare_l[label]:8.2f}s")
        engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
