"""Plain data of the warning verification sheet (预警核查单), gathered by
services/warnings/outputs.py (no queries here) and laid out by :mod:`jd_admin.reports.warning`.
Labels already in Chinese; money as Decimal yuan; moments aware (printed in Shanghai time).
Citizens only in their masked form (nothing else is stored)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SheetDay:
    """One day of the venue's daily use around the warning's day."""

    day: dt.date
    count: int
    limit: int | None  # the alert line in force (None: no line)
    flagged: bool  # the venue has a warning of that day


@dataclass(frozen=True)
class SheetVoucher:
    code: str
    citizen_masked: str
    redeemed_at: dt.datetime | None
    sport: str
    face_value: Decimal
    order_amount: Decimal | None


@dataclass(frozen=True)
class WarningSheetData:
    warning_id: int
    number: str  # YJ-00001
    venue_name: str
    venue_address: str
    subdistrict: str
    signal_label: str
    day: dt.date
    period_end: dt.date | None
    explanation: str
    evidence: str  # a warning filed by hand: its evidence; "" none
    figures: tuple[tuple[str, str], ...]  # (label, value)
    status_label: str
    assigned_to: str  # "" none
    raised_at: dt.datetime
    days: tuple[SheetDay, ...]  # () when the ledger is not read
    vouchers: tuple[SheetVoucher, ...]
    voucher_count: int  # all the warning concerns (the table may list fewer)
    decided: bool
    violation: bool | None  # None: not decided
    finding: str
    decision: str
    closed_by: str
    closed_at: dt.datetime | None
    printed_at: dt.datetime
    # (face value, subsidy, order amounts) of every voucher concerned; None: not read
    totals: tuple[Decimal, Decimal, Decimal] | None = None
