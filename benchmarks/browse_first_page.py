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
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
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
from jd_admin.services.actor import system_actor  # noqa: E402
from jd_admin.services.vouchers import browse as voucher_browse  # noqa: E402
from jd_admin.services.vouchers.browse import PageKey, VoucherFilter  # noqa: E402

ACTOR = system_actor("benchmark")
PAGE = 200
YEAR = 2026
#: "now" for every page (unused vs expired): late in the generated year.
NOW = dt.datetime(YEAR, 12, 25, 12, tzinfo=dt.UTC)

#: (rule, 1 in how many vouchers, remainder): half of each rule's flags are cleared.
FLAGS = (("MIN_ORDER", 50, 0), ("WEEKLY_CLAIMS", 100, 1), ("DAILY_USE", 200, 3),
         ("EXPIRED", 1000, 7), ("OVER_ISSUED", 10000, 11))

GENERATE_SQL = """
WITH venues AS (SELECT array_agg(id ORDER BY id) AS ids FROM venue),
     batches AS (SELECT array_agg(id ORDER BY code) AS ids FROM issuance_batch
                 WHERE code LIKE 'BENCH-%'),
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
SELECT :prefix || lpad(g::text, 9, '0'),
       (SELECT ids[extract(month FROM claimed AT TIME ZONE 'Asia/Shanghai')::int]
        FROM batches),
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
        # A batch per month of the year, as import_timing.py's setup has them.
        conn.execute(text("""
            INSERT INTO issuance_batch (code, name, budget, claim_start, claim_end, status,
                                        created_by, version, created_at, updated_at)
            SELECT 'BENCH-' || lpad(m::text, 2, '0'), '基准测试批次 ' || m, 100000000000,
                   make_timestamptz(2026, m, 1, 0, 0, 0, 'Asia/Shanghai'),
                   make_timestamptz(2026, m, 1, 0, 0, 0, 'Asia/Shanghai')
                     + interval '1 month' - interval '1 second',
                   'active', 'benchmark', 1, now(), now()
            FROM generate_series(1, 12) AS m
            ON CONFLICT (code) DO NOTHING"""))
        if not conn.execute(text("SELECT count(*) FROM venue")).scalar_one():
            conn.execute(text("""
                INSERT INTO venue (name, venue_type, subdistrict_id, address, credit_code,
                                   legal_representative, contact_name, contact_mobile,
                                   opening_hours, capacity, status, status_reason,
                                   status_changed_by, status_changed_at, version, created_at,
                                   updated_at)
                SELECT '基准场馆' || g, 'commercial', (SELECT min(id) FROM subdistrict) + g % 12,
                       '嘉定区', '91310114BM' || lpad(g::text, 8, '0'), '张三', '李四',
                       '13900000000', '9-21', 50, 'designated', 'benchmark', 'benchmark',
                       timestamptz '2026-01-01 00:00+08', 1, now(), now()
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
        conn.execute(text(GENERATE_SQL), {"n": n, "prefix": prefix, "import_id": import_id})
        # Open flags of several rules, common to rare (about 3 % of the vouchers flagged, as
        # the generator's file gives), and as many cleared ones, which no filter shows.
        for code, modulus, remainder in FLAGS:
            conn.execute(text("""
                INSERT INTO voucher_violation (voucher_id, code, rule_version, detail,
                                               flagged_at, cleared_by, cleared_at, clear_reason)
                SELECT id, :code, '面值表 2023-01-01', '', now(),
                       CASE WHEN id % (2 * :m) = :r THEN 'benchmark' END,
                       CASE WHEN id % (2 * :m) = :r THEN now() END,
                       CASE WHEN id % (2 * :m) = :r THEN '核实无误' END
                FROM voucher WHERE import_id = :i AND id % :m = :r"""),
                         {"i": import_id, "code": code, "m": modulus, "r": remainder})
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


def _key_at(s: Session, filt: VoucherFilter, sort: str, descending: bool,
            position: int) -> PageKey | None:
    """The keyset position after row ``position`` of the filtered list (found once with an
    OFFSET over the same conditions and order, untimed)."""
    key = getattr(Voucher, sort)
    if sort == "redeemed_at":
        direction = [key.desc().nulls_last(), Voucher.id.desc()] if descending else [
            key.asc().nulls_last(), Voucher.id.asc()]
    else:
        direction = [key.desc(), Voucher.id.desc()] if descending else [key.asc(),
                                                                        Voucher.id.asc()]
    row = s.execute(select(Voucher.id, key)
                    .where(*voucher_browse._conditions(filt, NOW))
                    .order_by(*direction).offset(position - 1).limit(1)).one_or_none()
    if row is None:
        return None
    if sort == "redeemed_at" and row[1] is None:
        return PageKey(sort, descending, None, row[0], nulls=True)
    return PageKey(sort, descending, row[1], row[0])


def _bare_lookup(s: Session) -> list[Any]:
    """The baseline: 200 voucher rows by one range read of the primary key, no joins."""
    return list(s.execute(text(
        "SELECT * FROM voucher WHERE id > :i ORDER BY id LIMIT 200"), {"i": 500_000}).all())


def _filters(s: Session) -> list[tuple[str, VoucherFilter]]:
    """One filter of each kind the browser offers (with the default order)."""
    venue = s.execute(text("SELECT min(venue_id) FROM voucher")).scalar_one()
    subdistrict = s.execute(text("SELECT subdistrict_id FROM venue WHERE id = :v"),
                            {"v": venue}).scalar_one()
    batches = dict(s.execute(text("SELECT code, id FROM issuance_batch")).all())
    first_batch = batches.get("BENCH-01", next(iter(batches.values())))
    counts = s.execute(text(
        "SELECT code, count(*) FROM voucher_violation WHERE cleared_at IS NULL "
        "AND withdrawn_at IS NULL GROUP BY code ORDER BY count(*) DESC")).all()
    out: list[tuple[str, VoucherFilter]] = [
        ("no filter", VoucherFilter()),
        ("venue", VoucherFilter(venue_id=venue)),
        ("subdistrict", VoucherFilter(subdistrict_id=subdistrict)),
        ("batch (January's)", VoucherFilter(batch_id=first_batch)),
        ("face value 80", VoucherFilter(face_value=Decimal(80))),
        ("state unused", VoucherFilter(state="unused")),
        ("state redeemed", VoucherFilter(state="redeemed")),
        ("state expired", VoucherFilter(state="expired")),
        ("state flagged", VoucherFilter(state="flagged")),
    ]
    out += [(f"flag {code} ({n:,})", VoucherFilter(violation=code)) for code, n in counts]
    out += [
        ("claimed in March", VoucherFilter(claimed_from=dt.date(YEAR, 3, 1),
                                           claimed_to=dt.date(YEAR, 3, 31))),
        ("redeemed in March", VoucherFilter(redeemed_from=dt.date(YEAR, 3, 1),
                                            redeemed_to=dt.date(YEAR, 3, 31))),
        ("citizen (exact)", VoucherFilter(citizen_masked="138****0042")),
        ("citizen (prefix)", VoucherFilter(citizen_masked="138****004")),
    ]
    return out


def _measure(s: Session, filt: VoucherFilter, sort: str, descending: bool, deep: int,
             repeat: int) -> tuple[float, float | None, int | None]:
    first = timed(partial(voucher_browse.fetch_page, s, ACTOR, filt, sort, descending, None,
                          PAGE, now=NOW), repeat)
    s.rollback()
    total = voucher_browse.count(s, ACTOR, filt, now=NOW)
    position = min(deep, (total * 9) // 10)
    if position < PAGE:
        return first, None, None
    key = _key_at(s, filt, sort, descending, position)
    if key is None:
        return first, None, None
    deep_ms = timed(partial(voucher_browse.fetch_page, s, ACTOR, filt, sort, descending, key,
                            PAGE, now=NOW), repeat)
    s.rollback()
    return first, deep_ms, position


def run(engine: Engine, repeat: int, deep: int, explain: bool, only: str | None) -> None:
    with Session(engine) as s:
        total = s.execute(select(func.count()).select_from(Voucher)).scalar_one()
        deep = min(deep, max(total - PAGE, 1))
        base = timed(partial(_bare_lookup, s), repeat)
        s.rollback()
        print(f"vouchers: {total:,}; page {PAGE} rows; deep page after min({deep:,}, 90 % of "
              f"the matches); median of {repeat}; now = {NOW:%Y-%m-%d}")
        print(f"baseline: bare indexed lookup of 200 rows by id: {base:.2f} ms "
              f"(ratios below are against it)\n")
        header = (f"{'case':<44}{'first page':>12}{'ratio':>7}{'deep page':>12}{'ratio':>7}"
                  f"{'deep at':>11}")
        print(header)
        print("-" * len(header))
        cases: list[tuple[str, VoucherFilter, str, bool]] = [
            (f"sort {sort} {'desc' if desc else 'asc'}", VoucherFilter(), sort, desc)
            for sort in voucher_browse.SORTS for desc in (False, True)]
        cases += [(f"filter {label}{'' if desc else ', asc'}", filt, "claimed_at", desc)
                  for label, filt in _filters(s) for desc in (True, False)]
        cases += [("filter state unused, redeemed_at asc", VoucherFilter(state="unused"),
                   "redeemed_at", False),
                  ("filter state expired, redeemed_at desc", VoucherFilter(state="expired"),
                   "redeemed_at", True)]
        worst = 0.0
        for label, filt, sort, descending in cases:
            if only and only not in label:
                continue
            first, deep_ms, position = _measure(s, filt, sort, descending, deep, repeat)
            worst = max(worst, first, deep_ms or 0.0)
            deep_text = (f"{deep_ms:>10.1f}ms{deep_ms / base:>6.0f}x{position:>11,}"
                         if deep_ms is not None else f"{'—':>12}{'':>7}{'(few)':>11}")
            print(f"{label:<44}{first:>10.1f}ms{first / base:>6.0f}x{deep_text}", flush=True)
            if explain:
                stmt = voucher_browse._select().where(*voucher_browse._conditions(filt, NOW))
                if sort == "redeemed_at":
                    stmt = stmt.where(Voucher.redeemed_at.is_not(None))
                stmt = voucher_browse._ordered(stmt, getattr(Voucher, sort), sort,
                                               descending).limit(PAGE + 1)
                compiled = stmt.compile(engine, compile_kwargs={"literal_binds": True})
                for (line,) in s.execute(text(f"EXPLAIN (ANALYZE, COSTS OFF) {compiled}")):
                    print("   ", line)
                s.rollback()
        print(f"\nslowest page: {worst:.1f} ms (target < 100 ms)")
        for label, fn in (("count, no filter", lambda: voucher_browse.count(
                              s, ACTOR, VoucherFilter(), now=NOW)),
                          ("count, state=unused", lambda: voucher_browse.count(
                              s, ACTOR, VoucherFilter(state="unused"), now=NOW))):
            if not only:
                print(f"{label:<44}{timed(fn, repeat):>10.1f}ms (off the GUI thread)")
            s.rollback()


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
    parser.add_argument("--only", help="only the cases whose label contains this")
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
        run(engine, args.repeat, args.deep, args.explain, args.only)
        engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
