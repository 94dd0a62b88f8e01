#!/usr/bin/env python3
"""How fast the voucher list opens: ``voucher_browse.fetch_page`` at 1,000,000 vouchers.

Times (median of ``--repeat`` runs after one warm-up, milliseconds) on PostgreSQL:

* the first page (200 rows) for the default order (claimed_at, newest first and oldest first)
  and for redeemed_at descending (used first, the unused last: the two-part keyset);
* a keyset page deep in the table (after the row at ``--deep``), which should cost the same;
* the equivalent ``OFFSET --deep LIMIT 200`` query (same select, joins and order), the
  baseline keyset paging avoids; the ratio OFFSET / keyset first page is printed;
* for information: a filtered first page (open flags; one masked citizen) and ``count``.

Target: a first page under 100 ms.

    python benchmarks/browse_first_page.py --database-url postgresql+psycopg://postgres@/jd?host=/run/pg
    python benchmarks/browse_first_page.py --database-url URL --generate 1000000
    python benchmarks/browse_first_page.py --throwaway --generate 1000000   # tests/pg_cluster.py

``--database-url`` must be a superuser (``--generate`` migrates the database and inserts
synthetic vouchers with one ``INSERT ... SELECT generate_series``, plus ~1 % open flags).
Do not run this from the tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jd_admin import db  # noqa: E402
from jd_admin.config import normalise_url  # noqa: E402
from jd_admin.models import Voucher  # noqa: E402
from jd_admin.services import clock  # noqa: E402
from jd_admin.services.actor import system_actor  # noqa: E402
from jd_admin.services.vouchers import browse as voucher_browse  # noqa: E402
from jd_admin.services.vouchers.browse import PageKey, VoucherFilter  # noqa: E402

ACTOR = system_actor("benchmark")
PAGE = 200

GENERATE_SQL = """
WITH venues AS (SELECT array_agg(id ORDER BY id) AS ids FROM venue),
     s AS (SELECT g,
                  timestamptz '2026-01-01 00:00:00+08'
                    + ((g::bigint * 7919) % :n) * (31536000.0 / :n) * interval '1 second'
                    AS claimed,
                  1 + g % 6 AS f
           FROM generate_series(1, :n) AS g),
     t AS (SELECT s.*,
                  CASE WHEN g % 10 < 7 THEN claimed + (1 + g % 97) * interval '1 hour' END AS used
           FROM s)
INSERT INTO voucher (code, batch_id, face_value, subsidy, concession, min_order, face_rule_from,
                     citizen_id, citizen_group, claimed_at, redeemed_at, claim_day,
                     claim_week, use_day, use_week, expires_at, venue_credit_code, venue_id, sport,
                     order_amount, paid_amount, import_id, updated_at)
SELECT :prefix || lpad(g::text, 9, '0'), :batch,
       (ARRAY[500, 1000, 2000, 3000, 5000, 8000])[f],
       (ARRAY[400, 800, 1500, 2000, 3000, 5000])[f],
       (ARRAY[100, 200, 500, 1000, 2000, 3000])[f],
       (ARRAY[1000, 2000, 4000, 6000, 12000, 20000])[f],
       date '2023-01-01',
       c.id, NULL,
       claimed, used,
       (claimed AT TIME ZONE 'Asia/Shanghai')::date,
       date_trunc('week', claimed AT TIME ZONE 'Asia/Shanghai')::date,
       (used AT TIME ZONE 'Asia/Shanghai')::date,
       date_trunc('week', used AT TIME ZONE 'Asia/Shanghai')::date,
       claimed + interval '168 hours',
       NULL,
       CASE WHEN used IS NOT NULL THEN (SELECT ids[1 + g % cardinality(ids)] FROM venues) END,
       CASE WHEN used IS NOT NULL THEN '羽毛球' END,
       CASE WHEN used IS NOT NULL THEN (ARRAY[1000, 2000, 4000, 6000, 12000, 20000])[f] END,
       CASE WHEN used IS NOT NULL
            THEN (ARRAY[1000, 2000, 4000, 6000, 12000, 20000])[f]
                 - (ARRAY[500, 1000, 2000, 3000, 5000, 8000])[f]
       END,
       :import_id, now()
FROM t JOIN citizen c ON c.pseudonym = md5((t.g % 200000)::text)
"""


def generate(engine: Engine, n: int) -> None:
    started = time.perf_counter()
    db.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL synchronous_commit = off"))
        conn.execute(text("""
            INSERT INTO issuance_batch (code, name, budget, claim_start, claim_end, status,
                                        created_by, version, created_at, updated_at)
            VALUES ('BENCH', '基准测试批次', 100000000000, '2026-01-01 00:00+08',
                    '2026-12-31 23:59+08', 'active', 'benchmark', 1, now(), now())
            ON CONFLICT (code) DO NOTHING"""))
        batch = conn.execute(text(
            "SELECT id FROM issuance_batch WHERE code = 'BENCH'")).scalar_one()
        if not conn.execute(text("SELECT count(*) FROM venue")).scalar_one():
            conn.execute(text("""
                INSERT INTO venue (name, venue_type, subdistrict_id, address, credit_code,
                                   legal_representative, contact_name, contact_mobile,
                                   opening_hours, capacity, status, version, created_at, updated_at)
                SELECT '基准场馆' || g, 'commercial', (SELECT min(id) FROM subdistrict) + g % 12,
                       '嘉定区', '91310114BM' || lpad(g::text, 8, '0'), '张三', '李四',
                       '13900000000', '9-21', 50, 'designated', 1, now(), now()
                FROM generate_series(1, 200) AS g"""))
        import_id = conn.execute(text("""
            INSERT INTO voucher_import (filename, sha256, imported_by, started_at, summary)
            VALUES ('generate_series', repeat('0', 64), 'benchmark', now(), '{}')
            RETURNING id""")).scalar_one()
        prefix = f"G{import_id}-"
        conn.execute(text("""
            INSERT INTO citizen (pseudonym, masked)
            SELECT md5(g::text), '138****' || lpad((g % 10000)::text, 4, '0')
            FROM generate_series(0, 199999) AS g
            ON CONFLICT (pseudonym) DO NOTHING"""))
        conn.execute(text(GENERATE_SQL), {"n": n, "prefix": prefix, "batch": batch,
                                          "import_id": import_id})
        conn.execute(text("""
            INSERT INTO voucher_violation (voucher_id, code, rule_version, detail, flagged_at)
            SELECT id, 'MIN_ORDER', '面值表 2023-01-01', '', now() FROM voucher
            WHERE import_id = :i AND id % 100 = 0"""), {"i": import_id})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE voucher"))
        conn.execute(text("VACUUM ANALYZE voucher_violation"))
    print(f"generated {n:,} vouchers in {time.perf_counter() - started:.1f} s")


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """Median milliseconds of ``repeat`` runs after one warm-up."""
    fn()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def _offset_query(sort: str, descending: bool, offset: int) -> Any:
    """The same select as fetch_page (joins, columns), paged by OFFSET in the same order."""
    key = getattr(Voucher, sort)
    if sort == "redeemed_at":
        order = [key.desc().nulls_last(),
                 Voucher.id.desc()] if descending else [key.asc().nulls_last(), Voucher.id]
    else:
        order = [key.desc(), Voucher.id.desc()] if descending else [key.asc(), Voucher.id]
    return voucher_browse._select().order_by(*order).offset(offset).limit(PAGE)


def _run_all(s: Session, stmt: Any) -> list[Any]:
    return list(s.execute(stmt).all())


def _key_at(s: Session, sort: str, descending: bool, position: int) -> PageKey:
    """The keyset position after row ``position`` (found once with OFFSET, untimed)."""
    row = s.execute(_offset_query(sort, descending, position - 1).limit(1)).one()
    record = s.execute(select(Voucher.id, getattr(Voucher, sort)).where(Voucher.id == row[0])).one()
    if sort == "redeemed_at" and record[1] is None:
        return PageKey(sort, descending, None, record[0], nulls=True)
    return PageKey(sort, descending, record[1], record[0])


def run(engine: Engine, repeat: int, deep: int, explain: bool) -> None:
    with Session(engine) as s:
        total = s.execute(select(func.count()).select_from(Voucher)).scalar_one()
        deep = min(deep, max(total - PAGE, 1))
        print(f"vouchers: {total:,}; page {PAGE} rows; deep position {deep:,}; "
              f"median of {repeat}\n")
        header = (f"{'order':<24}{'first page':>12}{'deep keyset':>13}{'OFFSET deep':>13}"
                  f"{'OFFSET/first':>14}")
        print(header)
        print("-" * len(header))
        for sort, descending in (("claimed_at", True), ("claimed_at", False), ("redeemed_at", True),
                                 ("redeemed_at", False), ("code", False)):
            first = timed(partial(voucher_browse.fetch_page, s, ACTOR, VoucherFilter(), sort,
                                  descending, None, PAGE), repeat)
            key = _key_at(s, sort, descending, deep)
            deep_ms = timed(partial(voucher_browse.fetch_page, s, ACTOR, VoucherFilter(), sort,
                                    descending, key, PAGE), repeat)
            offset_ms = timed(partial(_run_all, s, _offset_query(sort, descending, deep)), repeat)
            label = f"{sort} {'desc' if descending else 'asc'}"
            print(f"{label:<24}{first:>10.1f}ms{deep_ms:>11.1f}ms{offset_ms:>11.1f}ms"
                  f"{offset_ms / first:>13.0f}x")
            s.rollback()
        print()
        others: list[tuple[str, Callable[[], Any]]] = [
            ("first page, state=flagged", lambda: voucher_browse.fetch_page(
                s, ACTOR, VoucherFilter(state="flagged"), "claimed_at", True, None, PAGE)),
            ("first page, one citizen (exact)", lambda: voucher_browse.fetch_page(
                s, ACTOR, VoucherFilter(citizen_masked="138****0042"), "claimed_at", True, None,
                PAGE)),
            ("first page, face_value desc", lambda: voucher_browse.fetch_page(
                s, ACTOR, VoucherFilter(), "face_value", True, None, PAGE)),
            ("count, no filter", lambda: voucher_browse.count(s, ACTOR, VoucherFilter())),
            ("count, state=unused",
             lambda: voucher_browse.count(s, ACTOR, VoucherFilter(state="unused"))),
        ]
        for label, fn in others:
            print(f"{label:<36}{timed(fn, repeat):>10.1f}ms")
            s.rollback()
        if explain:
            cases = [("claimed_at desc", VoucherFilter(), "claimed_at", True),
                     ("redeemed_at desc (used part)", VoucherFilter(), "redeemed_at", True),
                     ("state=flagged, claimed_at desc", VoucherFilter(state="flagged"),
                      "claimed_at", True),
                     ("one citizen, claimed_at desc", VoucherFilter(citizen_masked="138****0042"),
                      "claimed_at", True)]
            for label, filt, sort, descending in cases:
                stmt = voucher_browse._select().where(*voucher_browse._conditions(
                    filt, clock.now()))
                if sort == "redeemed_at":
                    stmt = stmt.where(Voucher.redeemed_at.is_not(None))
                stmt = voucher_browse._ordered(stmt, getattr(Voucher, sort), sort,
                                               descending).limit(PAGE + 1)
                compiled = stmt.compile(engine, compile_kwargs={"literal_binds": True})
                print(f"\nEXPLAIN ANALYZE first page, {label}:")
                for (line,) in s.execute(text(f"EXPLAIN (ANALYZE, COSTS OFF) {compiled}")):
                    print("   ", line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--database-url", help="PostgreSQL superuser URL")
    target.add_argument("--throwaway", action="store_true",
                        help="start a temporary cluster with tests/pg_cluster.py "
                             "(removed afterwards)")
    parser.add_argument("--generate", type=int, default=0, metavar="N",
                        help="first insert N synthetic vouchers (migrates the database)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--deep", type=int, default=900_000, help="position of the deep page")
    parser.add_argument("--explain", action="store_true", help="print the first pages' plans")
    args = parser.parse_args(argv)
    cluster = None
    url = args.database_url
    if args.throwaway:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg_cluster import PgCluster

        cluster = PgCluster()
        cluster.start()
        url = cluster.admin_url("postgres")
        engine = db.make_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("CREATE DATABASE jd_bench"))
        engine.dispose()
        url = cluster.admin_url("jd_bench")
    try:
        engine = db.make_engine(normalise_url(url) if url else make_url(""))
        if engine.dialect.name != "postgresql":
            parser.error("this benchmark is for PostgreSQL")
        if args.generate:
            generate(engine, args.generate)
        run(engine, args.repeat, args.deep, args.explain)
        engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
