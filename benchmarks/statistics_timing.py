#!/usr/bin/env python3
"""Time the statistics dashboard's refresh on the generator's year of vouchers.

    python benchmarks/statistics_timing.py [--rows 1000000] [--database-url SUPERUSER_URL]
        [--reuse]

Builds (or, with ``--reuse``, copies the template ``settlement_timing.py --reuse`` keeps) the
year of vouchers; the upgrade to migrations 0030 and 0031 fills the aggregate
``voucher_day_stat`` and its month level ``voucher_month_stat`` (the full rebuild, timed again
here). Then, on the same PostgreSQL:

* the baseline — one bare scan of the ledger for the year's redemption totals (count, face
  value, subsidy, order amounts over ``voucher``): what any figure read from the vouchers
  themselves costs at least;
* ``statistics.dashboard`` for the year by month — every figure against the previous year's
  period, the monthly series, five breakdowns and the top venues, what one refresh of the
  page runs — as the bureau (district-wide, with the distinct citizens counted by the server
  from the ledger) and as a subdistrict's own login (row security on the aggregate);
  the same by day (366 points) and without the distinct counts (the aggregate alone);
* the refresh after an import of one month (December's claim and use days).

Target: a dashboard refresh of the year < 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import year_ledger  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from jd_admin import db  # noqa: E402
from jd_admin.config import DatabaseTarget  # noqa: E402
from jd_admin.domain.roles import Role  # noqa: E402
from jd_admin.models import VoucherDayStat, VoucherMonthStat  # noqa: E402
from jd_admin.services import statistics  # noqa: E402
from jd_admin.services.accounts import users  # noqa: E402
from jd_admin.services.actor import actor_for_username, system_actor  # noqa: E402

YEAR = statistics.Filters(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
TODAY = dt.date(2026, 12, 31)
PASSWORD = "Bench-Statistics-2026"
BASELINE = """
SELECT count(*), sum(face_value), sum(subsidy), sum(order_amount) FROM voucher
 WHERE redeemed_at IS NOT NULL AND use_day BETWEEN :lo AND :hi"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    year_ledger.add_arguments(parser)
    args = parser.parse_args()
    with year_ledger.year_database(args, "jd_bench_stats") as year:
        database, engine, upgraded = year.database, year.engine, year.upgrade_seconds
        system = system_actor("bench")

        def rebuild() -> None:
            with database.session() as s, s.begin():
                statistics.rebuild(s, system)

        rebuilt = year_ledger.best(rebuild, 2)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            # the state autovacuum keeps after an import: statistics and the visibility map (the
            # distinct counts are index-only scans of voucher)
            c.execute(text("VACUUM ANALYZE"))
        with database.session() as s, s.begin():
            subdistrict = s.scalar(text(  # the subdistrict with the most redemptions
                "SELECT subdistrict_id FROM voucher_day_stat WHERE kind = 'use' "
                "GROUP BY subdistrict_id ORDER BY sum(vouchers) DESC LIMIT 1"))
            name = s.scalar(text("SELECT name FROM subdistrict WHERE id = :i"),
                            {"i": subdistrict})
            for login, role, where in (("bench_bureau", Role.BUREAU_STAFF, None),
                                       ("bench_sub", Role.SUBDISTRICT, name)):
                if s.scalar(text("SELECT count(*) FROM app_user WHERE username = :u"),
                            {"u": login}) == 0:
                    # a login role left by an earlier run's copy (roles are the cluster's)
                    s.execute(text(f"DROP ROLE IF EXISTS {login}"))
                    users.create_user(s, system, login, login, role, PASSWORD, where,
                                      must_change_password=False)
            rows = s.scalar(select(func.count()).select_from(VoucherDayStat))
            month_rows = s.scalar(select(func.count()).select_from(VoucherMonthStat))
            kinds = dict(s.execute(text("SELECT kind, count(*) FROM voucher_day_stat "
                                        "GROUP BY kind")).all())
        window = {"lo": YEAR.since, "hi": YEAR.until}
        with engine.connect() as c:
            redeemed = c.execute(text(BASELINE), window).one()[0]
            base = year_ledger.best(lambda: c.execute(text(BASELINE), window).one())
        results: dict[str, float] = {}
        for login in ("bench_bureau", "bench_sub"):
            as_login = db.Database.open(DatabaseTarget(year.url), login, PASSWORD)
            with as_login.session() as s:
                actor = actor_for_username(s, login)

            def refresh(grain: str, citizens: bool = True,  # type: ignore[no-untyped-def]
                        login_db=as_login, actor=actor) -> None:
                with login_db.session() as s:  # citizens=False: the aggregate alone
                    statistics.dashboard(s, actor, YEAR, grain, against="year", today=TODAY,
                                         citizens=citizens)

            refresh("month")  # warm the cache
            results[f"{login} month"] = year_ledger.best(lambda r=refresh: r("month"))
            results[f"{login} day"] = year_ledger.best(lambda r=refresh: r("day"))
            results[f"{login} aggregate"] = year_ledger.best(lambda r=refresh: r("month", False))
            with as_login.session() as s:  # (one session: the function's plans are cached)
                results[f"{login} citizens"] = year_ledger.best(
                    lambda s=s, actor=actor: statistics.distinct_citizens(s, actor, YEAR))
            as_login.dispose()

        def month_refresh() -> None:
            with database.session() as s, s.begin():
                statistics.refresh_days(s, system, claim_days=DECEMBER, use_days=DECEMBER)

        month = year_ledger.best(month_refresh, 3)
        print(f"year 2026: {redeemed} redeemed vouchers; aggregate: {rows} rows "
              f"({kinds.get('claim', 0)} claim, {kinds.get('use', 0)} use), by month "
              f"{month_rows} rows; upgrade (0030 and 0031 fill them): {upgraded:.2f} s; "
              f"full rebuild: {rebuilt:.2f} s")
        print(f"baseline (one scan of the year's redemptions in voucher): {base:.3f} s")
        for who, label in (("bench_bureau", "bureau"), ("bench_sub", f"subdistrict {name}")):
            m, d = results[f"{who} month"], results[f"{who} day"]
            a, c = results[f"{who} aggregate"], results[f"{who} citizens"]
            print(f"dashboard refresh, {label}: by month {m:.3f} s ({m / base:.2f}x), "
                  f"by day {d:.3f} s; aggregate figures alone {a:.3f} s, "
                  f"the distinct citizens (year) {c:.3f} s")
        print(f"refresh after a month's import (December's days): {month:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
