"""The demo district's programme year of vouchers (演示消费券): the year's issuance batches and
vouchers for the demo venues, up to now.

* Batches: the monthly batches ``YYYY-01`` … ``YYYY-12`` and the special ``YYYY-SWIM`` (游泳)
  and ``YYYY-SENIOR`` (老年人) batches, created and activated through the batch services by
  the bureau's demo user (``bureau1``); a batch whose code exists is left as it is.
* Vouchers: the benchmark generator (:mod:`.voucher_sim`) run over the demo district's
  designated venues, cut at now (no claim and no redemption later than now: a redemption after
  the cut is dropped, the voucher stays claimed), written to a CSV and imported through the
  real import service by the operator's demo user (``operator1``), so the flags are the
  server's. About 1 % of the rows break a rule on purpose (every kind in turn). Two cash-out
  episodes (:mod:`.warnings`) are written into the same file, for the warning scan to find.
* The programme year is the current calendar year; vouchers start on the first day every
  chosen venue is both designated and under an agreement (the demo story's venues joined
  about 300 days ago), so no voucher is flagged for a venue that had not joined yet. Suspended
  and withdrawn venues get none.
* Idempotent: vouchers are generated only when none of the year's demo batches has a voucher
  (a second run, or real data imported into those batches, adds nothing). A batch is sized
  from the file (20 % more of each face value than it claims, at least a nominal count), so
  no demo voucher is over-issued. ``vouchers=0`` loads neither batches nor vouchers.
* The pseudonym key: the configured one if there is one; else, on SQLite, the key file the
  import itself would create in the data directory; else (PostgreSQL, no key configured) a
  random key for this load only, never stored: the demo citizens are fictitious and must not
  create the district's key behind the administrator's back (every importing desktop has to
  share one, see ``config.pseudonym_key``).
"""

from __future__ import annotations

import csv
import datetime as dt
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jd_admin import config
from jd_admin.domain import opening_hours
from jd_admin.domain.agreements import AgreementState
from jd_admin.domain.register import VenueState
from jd_admin.domain.vouchers import BatchState
from jd_admin.models import Agreement, IssuanceBatch, Venue, VenueStatusChange, Voucher
from jd_admin.services import clock
from jd_admin.services.actor import actor_for_username
from jd_admin.services.demo import DEFAULT_VOUCHERS as DEFAULT_VOUCHERS
from jd_admin.services.demo import catalog as demo_catalog
from jd_admin.services.demo import warnings as demo_warnings
from jd_admin.services.demo.voucher_sim.simulation import generate
from jd_admin.services.demo.voucher_sim.tables import HEADER, MONTH_FACTOR, VALIDITY_S
from jd_admin.services.vouchers import rules
from jd_admin.services.vouchers.importer import ImportSummary, import_vouchers

VIOLATION_RATE = 0.01
SEED = 2024
BUREAU_USER = "bureau1"
OPERATOR_USER = "operator1"
#: Issued per face value: a monthly batch, and each special batch for the whole year.
MONTHLY_COUNTS = {5: 1500, 10: 1500, 20: 1200, 30: 800, 50: 500, 80: 300}
SPECIAL_COUNTS = {5: 2000, 10: 2000, 20: 1500, 30: 1000, 50: 500, 80: 300}
SPECIALS = (("SWIM", "游泳专项券", "SWIM"), ("SENIOR", "长者专享券", "SENIOR"))
MONTH_NAMES = "一二三四五六七八九十"


@dataclass
class DemoVouchers:
    batches_created: int = 0
    vouchers: int = 0
    skipped: bool = False  # the year's batches already had vouchers
    summary: ImportSummary | None = None


def programme_year(today: dt.date) -> int:
    return today.year


def load_demo_vouchers(session: Session, vouchers: int, *, key: bytes | None = None
                       ) -> DemoVouchers:
    """The programme year's batches and about ``vouchers`` vouchers; 0: neither (the demo
    district alone, which tests of other features build their own batches on)."""
    result = DemoVouchers()
    if vouchers <= 0:
        return result
    now = clock.now()
    year = programme_year(clock.local_date(now))
    existing = {code: id_ for code, id_ in session.execute(
        select(IssuanceBatch.code, IssuanceBatch.id)
        .where(IssuanceBatch.code.in_(_batch_codes(year))))}
    if existing and session.scalar(select(func.count()).select_from(Voucher)
                                   .where(Voucher.batch_id.in_(existing.values()))):
        result.skipped = True
        return result
    with tempfile.TemporaryDirectory(prefix="jd-demo-") as tmp:
        path = Path(tmp) / f"演示数据-消费券-{year}.csv"
        issued: dict[str, dict[int, int]] = {}
        result.vouchers = _write_file(session, path, vouchers, year, now, issued)
        _load_batches(session, year, existing, issued, result)
        if result.vouchers:
            if key is None:
                key = _pseudonym_key(session)
            operator = actor_for_username(session, OPERATOR_USER)
            result.summary = import_vouchers(session, operator, path, key=key,
                                             write_report=False)
    return result


def _batch_codes(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, 13)] + [f"{year}-{s}" for s, _, _ in SPECIALS]


def _load_batches(session: Session, year: int, existing: dict[str, int],
                  issued: dict[str, dict[int, int]], result: DemoVouchers) -> None:
    """Create the year's missing batches, each with at least 20 % more of every face value
    than the demo file claims from it (so no voucher is flagged as over-issued)."""
    bureau = actor_for_username(session, BUREAU_USER)
    wanted: list[rules.BatchInput] = []
    for month in range(1, 13):
        start = clock.start_of_day(dt.date(year, month, 1))
        end = clock.start_of_day(dt.date(year + month // 12, month % 12 + 1, 1))
        wanted.append(_batch(f"{year}-{month:02d}", f"{year}年{_month_name(month)}月消费券",
                             start, end - dt.timedelta(seconds=1), MONTHLY_COUNTS, None, issued))
    year_start = clock.start_of_day(dt.date(year, 1, 1))
    year_end = clock.start_of_day(dt.date(year + 1, 1, 1)) - dt.timedelta(seconds=1)
    for suffix, name, restriction in SPECIALS:
        wanted.append(_batch(f"{year}-{suffix}", f"{year}年{name}", year_start, year_end,
                             SPECIAL_COUNTS, restriction, issued))
    for data in wanted:
        if data.code in existing:
            continue
        batch_id = rules.create_batch(session, bureau, data)
        rules.set_batch_status(session, bureau, batch_id, BatchState.ACTIVE)
        result.batches_created += 1


def _month_name(month: int) -> str:
    return MONTH_NAMES[month - 1] if month <= 10 else "十" + MONTH_NAMES[month - 11]


def _batch(code: str, name: str, start: dt.datetime, end: dt.datetime, nominal: dict[int, int],
           restriction: str | None, issued: dict[str, dict[int, int]]) -> rules.BatchInput:
    claimed = issued.get(code, {})
    counts = {f: max(n, -(-claimed.get(f, 0) * 12 // 1000) * 100) for f, n in nominal.items()}
    faces = {Decimal(f): n for f, n in counts.items()}
    # the budget: the subsidy of every voucher of the batch (the default face table, rule 1)
    subsidy = {5: 4, 10: 8, 20: 15, 30: 20, 50: 30, 80: 50}
    budget = Decimal(sum(subsidy[f] * n for f, n in counts.items()))
    return rules.BatchInput(code=code, name=name, budget=budget, claim_start=start,
                            claim_end=end, counts=faces, restriction_code=restriction)


def _venues(session: Session) -> list[tuple[str, str, str, int]]:
    """The demo venues designated and under an agreement in force now: (credit code, name,
    main sport, its list price in fen)."""
    in_force = select(Agreement.venue_id).where(Agreement.status == AgreementState.IN_FORCE)
    designated = set(session.scalars(select(Venue.credit_code)
                                     .where(Venue.status == VenueState.DESIGNATED,
                                            Venue.id.in_(in_force))).all())
    return [(v.credit_code, v.name, v.sports[0][0], int(v.sports[0][1] * 100))
            for v in demo_catalog.VENUES if v.credit_code in designated and v.sports]


def _redeemable_from(session: Session, codes: list[str]) -> dt.date:
    """The first day every venue of ``codes`` is designated and under an agreement."""
    venue_ids = select(Venue.id).where(Venue.credit_code.in_(codes))
    first_agreement = (select(Agreement.venue_id, func.min(Agreement.start_date).label("d"))
                       .where(Agreement.venue_id.in_(venue_ids),
                              Agreement.status.in_([AgreementState.IN_FORCE,
                                                    AgreementState.EXPIRED]))
                       .group_by(Agreement.venue_id).subquery())
    latest = session.scalar(select(func.max(first_agreement.c.d)))
    first_designation = (select(VenueStatusChange.venue_id,
                                func.min(VenueStatusChange.effective_at).label("at"))
                         .where(VenueStatusChange.venue_id.in_(venue_ids),
                                VenueStatusChange.to_status == VenueState.DESIGNATED)
                         .group_by(VenueStatusChange.venue_id).subquery())
    designated = session.scalar(select(func.max(first_designation.c.at)))
    days = [d for d in (latest, designated and clock.local_date(designated)) if d is not None]
    return max(days) + dt.timedelta(days=1) if days else clock.today()


def _write_file(session: Session, path: Path, vouchers: int, year: int, now: dt.datetime,
                issued: dict[str, dict[int, int]]) -> int:
    """The operator file of about ``vouchers`` rows claimed from the day every demo venue is
    redeemable (or 1 January) to ``now``; ``issued`` gets its counts per batch and face value.
    Returns the number of rows (0: no venue, or no day yet)."""
    venues = _venues(session)
    if not venues:
        return 0
    start = max(dt.date(year, 1, 1), _redeemable_from(session, [v[0] for v in venues]))
    first, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    today = clock.local_date(now)

    def weight(a: dt.date, b: dt.date) -> float:
        return sum(MONTH_FACTOR[(a + dt.timedelta(days=i)).month - 1]
                   for i in range((b - a).days))

    if start >= today:
        return 0
    share = weight(start, today) / weight(first, end)
    rows = max(vouchers, round(vouchers / share)) if share > 0 else vouchers
    citizens = max(200, rows // 5)
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        simulated = _rows_until(_within_hours(generate(
            rows, len(venues), citizens, year, SEED, VIOLATION_RATE, venue_list=venues)),
            start, now)
        for row in chain(simulated, demo_warnings.episode_rows(session, venues, start, today)):
            writer.writerow(row)
            written += 1
            per_face = issued.setdefault(row[1], {})
            per_face[int(row[2])] = per_face.get(int(row[2]), 0) + 1
    return written


def _rows_until(rows: Iterator[tuple[str, ...]], start: dt.date, now: dt.datetime
                ) -> Iterator[tuple[str, ...]]:
    """Rows claimed from ``start`` to ``now``; a redemption after ``now`` is dropped."""
    local = now.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
    since = start.isoformat()
    for row in rows:
        claimed = row[5]
        if claimed < since:
            continue
        if claimed >= local:
            return
        if row[6] and row[6] >= local:
            row = (*row[:6], "", "", "", "", "")
        yield row


HALF_HOUR = dt.timedelta(minutes=30)
STILL_VALID = dt.timedelta(seconds=VALIDITY_S - 3600)


def _within_hours(rows: Iterator[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    """Rows whose redemption falls outside the venue's filed opening hours moved to a moment
    of the same day when it is open (the simulation knows busy hours, not each venue's), when
    that moment is still at least half an hour after the claim: people redeem where they play,
    while the venue is open (on a day it is closed: the next day)."""
    hours = {v.credit_code: opening_hours.parse(v.opening_hours) for v in demo_catalog.VENUES}
    for row in rows:
        used, venue = row[6], row[7]
        known = hours.get(venue)
        if used and known is not None:
            day = dt.date.fromisoformat(used[:10])
            second = int(used[11:13]) * 3600 + int(used[14:16]) * 60 + int(used[17:19])
            if not known.is_open(day.weekday(), second):
                if not known.open_ranges(day.weekday()):  # closed that day: the next one
                    day += dt.timedelta(days=1)
                claimed = dt.datetime.fromisoformat(row[5])
                midnight = dt.datetime.combine(day, dt.time())
                earliest = (claimed + HALF_HOUR - midnight).total_seconds()
                for start, end in sorted(known.open_ranges(day.weekday()),
                                         key=lambda r: r[0] - r[1]):
                    lo, hi = max(60 * start, int(earliest) + 1), 60 * end - 60
                    if lo < hi:
                        at = midnight + dt.timedelta(seconds=lo + (second * 7919) % (hi - lo) | 1)
                        if at <= claimed + STILL_VALID:
                            row = (*row[:6], at.strftime("%Y-%m-%d %H:%M:%S"), *row[7:])
                        break
        yield row


def _pseudonym_key(session: Session) -> bytes:
    sqlite = session.get_bind().dialect.name == "sqlite"
    try:
        return config.pseudonym_key(create_if_missing=sqlite)
    except config.PseudonymKeyMissing:
        return secrets.token_bytes(config.MIN_KEY_BYTES)
