#!/usr/bin/env python3
"""Time the early-warning scan (all seven signals) against the bare SQL of the daily-use signal.

    python benchmarks/warnings_timing.py [--rows 1000000] [--database-url SUPERUSER_URL]
        [--reuse]

Builds (or, with ``--reuse``, copies the template ``settlement_timing.py --reuse`` keeps) the
generator's year of vouchers, gives its venues filed opening hours and list prices (their
profile's), and times on the same PostgreSQL:

* the baseline — the bare window-function SQL of the daily-use signal over the year: the
  vouchers redeemed per venue and day (GROUP BY), a trailing 30-day window over those counts,
  and the rows above the line (the district's) or far above the trailing mean — what the
  database must do at least to judge daily use; the plain GROUP BY is shown too;
* ``warnings.scan`` of the year: first run (the warnings created, their vouchers and audit
  notes written), then the rerun (nothing changes: the idempotent case), and the findings
  alone (the one pass and the detectors, nothing written) with the pass statement alone;
* the scan of one month (what runs after a monthly import): December, about 80,000
  redeemed vouchers — four times a 20,000-row import's — after the year is in.

Targets: the year's scan <= 2x the baseline; a month's scan < 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import year_ledger  # noqa: E402
from sqlalchemy import text  # noqa: E402

from jd_admin.domain import opening_hours  # noqa: E402
from jd_admin.domain.warnings import PARAMETERS, Signal  # noqa: E402
from jd_admin.services import warnings  # noqa: E402
from jd_admin.services.actor import system_actor  # noqa: E402
from jd_admin.services.demo.voucher_sim.venues import venue_profiles  # noqa: E402
from jd_admin.services.warnings import signals  # noqa: E402

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))

BASELINE = """
SELECT venue_id, use_day, n FROM (
  SELECT venue_id, use_day, count(*) AS n,
         avg(count(*)) OVER (PARTITION BY venue_id ORDER BY use_day
                             ROWS BETWEEN 30 PRECEDING AND 1 PRECEDING) AS recent
    FROM voucher
   WHERE redeemed_at IS NOT NULL AND venue_id IS NOT NULL
     AND use_day >= :lo AND use_day <= :hi
   GROUP BY venue_id, use_day) d
 WHERE n > 200 OR n > 5 * recent + 20"""
GROUP_BY = """
SELECT venue_id, use_day, count(*) FROM voucher
 WHERE redeemed_at IS NOT NULL AND venue_id IS NOT NULL AND use_day >= :lo AND use_day <= :hi
 GROUP BY venue_id, use_day"""

#: Opening hours as venues file them, all covering the generator's use hours (06:00–22:59),
#: so that outside-hours warnings stay rare, as in a well-run district.
HOURS = ("周一至周日 06:00-23:00", "每天 6:00-23:30", "周一至周五 06:00-23:00；周六、周日 "
         "06:00-23:30", "全天")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    year_ledger.add_arguments(parser)
    args = parser.parse_args()
    with year_ledger.year_database(args, "jd_bench_warn") as year:
        database, engine = year.database, year.engine
        # the venues' filed hours and list prices (their profile's main sport and price)
        with engine.begin() as c:
            c.execute(text("DELETE FROM venue_sport"))
            for n, (code, _name, sport, price) in enumerate(venue_profiles(500, 1)):
                c.execute(text("UPDATE venue SET opening_hours = :h WHERE credit_code = :c"),
                          {"h": HOURS[n % len(HOURS)], "c": code})
                c.execute(text("INSERT INTO venue_sport (venue_id, sport, list_price) "
                               "SELECT id, :s, :p FROM venue WHERE credit_code = :c"),
                          {"s": sport, "p": price, "c": code})
            c.execute(text("ANALYZE"))
        lo, hi = YEAR
        window = {"lo": lo, "hi": hi}
        with engine.connect() as c:
            c.execute(text(BASELINE), window).all()  # warm the cache
            base = year_ledger.best(lambda: c.execute(text(BASELINE), window).all())
            group_by = year_ledger.best(lambda: c.execute(text(GROUP_BY), window).all())
        actor = system_actor("bench")
        with database.session() as s:
            params = {sig: warnings.parameters_in_force(s, sig, lo) for sig in PARAMETERS}

        def pass_only() -> None:
            with database.session() as s, s.begin():
                venues = signals.load_venues(s)
                hours = {i: opening_hours.parse(h) for i, (_n, h) in venues.items()}
                signals.daily_pass(s, lo - dt.timedelta(days=30), hi, lo, hi, params, hours, 200)

        def find_only() -> None:
            with database.session() as s, s.begin():
                warnings.findings(s, lo, hi)

        def scan(since: dt.date, until: dt.date) -> warnings.ScanResult:
            with database.session() as s, s.begin():
                return warnings.scan(s, actor, since, until)

        t0 = time.perf_counter()
        first = scan(lo, hi)
        first_time = time.perf_counter() - t0
        rerun = year_ledger.best(lambda: scan(lo, hi))
        passed = year_ledger.best(pass_only)
        found = year_ledger.best(find_only)
        month = year_ledger.best(lambda: scan(*DECEMBER))
        with engine.connect() as c:
            redeemed = c.scalar(text(
                "SELECT count(*) FROM voucher WHERE redeemed_at IS NOT NULL "
                "AND use_day BETWEEN :lo AND :hi"), window)
            in_december = c.scalar(text(
                "SELECT count(*) FROM voucher WHERE redeemed_at IS NOT NULL "
                "AND use_day BETWEEN :lo AND :hi"), {"lo": DECEMBER[0], "hi": DECEMBER[1]})
        fired = Counter(c.signal for c in first.created)
        print(f"year 2026: {redeemed} redeemed vouchers; warnings created: {len(first.created)} "
              f"({', '.join(f'{s.value} {fired[s.value]}' for s in Signal)}); "
              f"hours not read: {len(first.unjudged)} venues")
        print(f"baseline (daily counts, trailing window, line): {base:.3f} s; "
              f"plain GROUP BY: {group_by:.3f} s")
        print(f"scan, first run (warnings written): {first_time:.3f} s "
              f"({first_time / base:.1f}x)")
        print(f"scan, rerun (nothing changes): {rerun:.3f} s ({rerun / base:.2f}x)")
        print(f"  of which the findings (pass + detectors): {found:.3f} s "
              f"({found / base:.2f}x); the pass statement alone: {passed:.3f} s "
              f"({passed / base:.2f}x)")
        print(f"scan of December ({in_december} redeemed vouchers): {month:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
