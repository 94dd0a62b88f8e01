"""Builders for the voucher tests: one designated venue under agreement, batches, rules, files."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import delete

from jd_admin.models import (
    Agreement,
    BatchFaceValue,
    IssuanceBatch,
    UsageRule,
    Venue,
)
from jd_admin.services import clock
from jd_admin.services.identifiers import credit_code_check_char
from jd_admin.services.vouchers.operator_file import COLUMNS

SH = clock.SHANGHAI
KEY = bytes(range(32))
HEADER = [c.header for c in COLUMNS]


def code(n: int) -> str:
    body = f"91310114MA{n:07d}"
    return body + credit_code_check_char(body)


GOOD_VENUE = code(4242001)
SUSPENDED_VENUE = code(4242002)
UNKNOWN_VENUE = code(4242003)


@dataclass
class Setup:
    good_venue_id: int
    suspended_venue_id: int


def t(day: int, hh: int = 10, mm: int = 0, ss: int = 0, month: int = 11) -> str:
    """Shanghai local time text in November 2026 (Mon 16 … Sun 22, Mon 23)."""
    return f"2026-{month:02d}-{day:02d} {hh:02d}:{mm:02d}:{ss:02d}"


def setup_ledger(test_db, **rule_overrides: int) -> Setup:
    """Venues, agreements, batches and a permissive usage-rule version from 2026-01-01 whose
    tested limit(s) are given by ``rule_overrides`` (the others are high, so one rule is
    tested at a time)."""
    with test_db.admin_db.session() as s, s.begin():
        venues = []
        for credit, status_after in ((GOOD_VENUE, None), (SUSPENDED_VENUE, "suspended")):
            v = Venue(name=f"测试场馆{credit[-4:]}", venue_type="commercial", subdistrict_id=4,
                      address="上海市嘉定区德华路1号", credit_code=credit,
                      legal_representative="王喆",
                      contact_name="李堃", contact_mobile="13900000000", opening_hours="9-21",
                      capacity=50,
                      status="designated", status_reason="t", status_changed_by="t",
                      status_changed_at=dt.datetime(2026, 1, 1, tzinfo=SH))
            s.add(v)
            s.flush()  # the database writes the register's history rows (migration 0014)
            if status_after:
                v.status, v.status_reason = status_after, "t"
                v.status_changed_at = dt.datetime(2026, 11, 20, tzinfo=SH)
                s.flush()
            s.add(Agreement(number=f"T-{credit[-6:]}", venue_id=v.id, bureau_name="局",
                            bureau_credit_code="x",
                            venue_name=v.name, venue_credit_code=credit,
                            venue_legal_representative="王喆",
                            venue_address="x", venue_bank="x", operator_name="平台",
                            operator_credit_code="x",
                            start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31),
                            face_values=[],
                            settlement_terms="", obligations="", termination_grounds="",
                            status="in_force",
                            bureau_signed_on=dt.date(2025, 12, 20),
                            venue_signed_on=dt.date(2025, 12, 20),
                            operator_signed_on=dt.date(2025, 12, 20),
                            in_force_from=dt.date(2026, 1, 1),
                            created_by="t"))
            venues.append(v.id)
        for batch_code, restriction in (("2026-11", None), ("2026-SWIM", "SWIM"), ("2026-SENIOR",
                                                                                   "SENIOR")):
            s.add(IssuanceBatch(code=batch_code, name=batch_code, budget=Decimal("100000"),
                                claim_start=dt.datetime(2026, 11, 1, tzinfo=SH),
                                claim_end=dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=SH),
                                restriction_code=restriction, status="active", created_by="t",
                                face_values=[BatchFaceValue(face_value=Decimal(f), count=1000)
                                             for f in (5, 10, 20, 30, 50, 80)]))
        rules = {"weekly_claim_limit": 100, "max_held": 100, "daily_use_cap": 100,
                 "weekly_use_cap": 100,
                 "weekly_large_claim_limit": 100, "validity_hours": 168}
        rules.update(rule_overrides)
        s.execute(delete(UsageRule).where(UsageRule.effective_from == dt.date(2026, 1, 1)))
        s.add(UsageRule(effective_from=dt.date(2026, 1, 1), large_face_value=Decimal("50"),
                        created_by="t", **rules))
    return Setup(*venues)


def row(code_: str, citizen: str, claimed: str, redeemed: str = "", *, face: str = "20",
        batch: str = "2026-11",
        venue: str = GOOD_VENUE, sport: str = "羽毛球", order: str = "60.00",
        paid: str | None = None,
        group: str = "") -> list[str]:
    if not redeemed:
        return [code_, batch, face, citizen, group, claimed, "", "", "", "", ""]
    paid_value = paid if paid is not None else f"{Decimal(order) - Decimal(face):.2f}"
    return [code_, batch, face, citizen, group, claimed, redeemed, venue, sport, order, paid_value]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path
