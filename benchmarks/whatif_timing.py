#!/usr/bin/env python3
"""Time the what-if (规则调整测算) of a whole year on the 1,000,000-voucher ledger.

    python benchmarks/whatif_timing.py [--rows 1000000] [--settle 6]
        [--database-url SUPERUSER_URL] [--reuse]

Copies the template ``settlement_timing.py --reuse`` keeps (or builds the ledger), settles the
first ``--settle`` months (generated and verified: their items are what they paid), and times on
the same PostgreSQL:

* the baseline — the bare SQL reads the what-if cannot do without: the year's redeemed vouchers
  summed (one GROUP BY) and the ranking columns of the year's vouchers read into Python;
* ``simulate`` of the year with no parameter changed (the read-only pass: every month's
  selection, no re-judging) and with every kind of change (use caps, claim limit, max held,
  minimum order, the split, a batch budget: the ranks of every voucher judged twice).

Target: a year in seconds, not minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import year_ledger  # noqa: E402
from sqlalchemy import text  # noqa: E402

from jd_admin.domain.roles import Role  # noqa: E402
from jd_admin.domain.settlement import next_month  # noqa: E402
from jd_admin.services import settlement  # noqa: E402
from jd_admin.services.actor import Actor, system_actor  # noqa: E402
from jd_admin.services.statistics import whatif  # noqa: E402

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
SUMS = """
SELECT count(*), sum(face_value), sum(subsidy), sum(order_amount) FROM voucher
 WHERE redeemed_at >= :lo AND redeemed_at < :hi"""
READ = """
SELECT id, citizen_id, claimed_at, redeemed_at, expires_at, claim_week, claim_day, use_day,
       use_week, face_value, min_order, order_amount FROM voucher
 WHERE claimed_at >= :lo_claim AND claimed_at < :hi"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settle", type=int, default=6, help="months settled first")
    year_ledger.add_arguments(parser)
    args = parser.parse_args()
    with year_ledger.year_database(args, "jd_bench_whatif") as year:
        database, engine = year.database, year.engine
        system = system_actor("bench")
        staff = Actor(username="bench_staff", full_name="bench", role=Role.BUREAU_STAFF)
        month = YEAR[0]
        t0 = time.perf_counter()
        for _ in range(args.settle):
            with database.session() as s, s.begin():
                result = settlement.generate(s, system, month, today=YEAR[1])
            with database.session() as s, s.begin():
                settlement.verify(s, staff, result.settlement_id)
            month = next_month(month)
        print(f"settled {args.settle} months in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        with engine.begin() as c:
            c.execute(text("ANALYZE"))
        lo = dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        hi = dt.datetime(2027, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        with engine.connect() as c:
            t0 = time.perf_counter()
            n, *_sums = c.execute(text(SUMS), {"lo": lo, "hi": hi}).one()
            sums_time = time.perf_counter() - t0
            t0 = time.perf_counter()
            rows = c.execute(text(READ), {"lo_claim": lo - dt.timedelta(days=15),
                                          "hi": hi}).all()
            read_time = time.perf_counter() - t0
        del rows

        def run(scenario: whatif.Scenario) -> tuple[float, whatif.Comparison]:
            t0 = time.perf_counter()
            with database.session() as s, s.begin():
                result = whatif.simulate(s, staff, *YEAR, scenario)
            return time.perf_counter() - t0, result

        same_time, same = run(whatif.Scenario())
        assert same.simulated == same.baseline
        changed = whatif.Scenario(
            daily_use_cap=1, weekly_use_cap=3, weekly_claim_limit=3, max_held=2,
            min_order={Decimal("20.00"): Decimal("50.00")},
            subsidy={Decimal("80.00"): Decimal("40.00")},
            budgets={"2026-01": Decimal("100000")})
        changed_time, result = run(changed)
        print(f"year 2026: {n} vouchers redeemed; {args.settle} months settled")
        print(f"baseline SQL: the year's sums {sums_time:.2f} s; the ranking columns of the "
              f"year read into Python {read_time:.2f} s")
        print(f"what-if, nothing changed: {same_time:.2f} s "
              f"({same.baseline.vouchers} paid, subsidy {same.baseline.subsidy:,.2f})")
        print(f"what-if, every kind of change: {changed_time:.2f} s "
              f"({result.simulated.vouchers} paid, subsidy {result.simulated.subsidy:,.2f}; "
              f"newly flagged {sum(result.newly_flagged.values())}, "
              f"unflagged {result.unflagged})")
        for row in whatif.table(result):
            print("  " + " | ".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
