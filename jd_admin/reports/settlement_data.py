"""Plain data of the settlement's printed and exported outputs (gathered by
``services/settlement/outputs.py``; no queries here). Money in yuan (``Decimal``, exact to the
fen), times UTC-aware, labels already in Chinese."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SummaryLine:
    """A line of the settlement: a venue's month, or an adjustment of an earlier line."""

    line_id: int
    venue_id: int
    venue_name: str
    kind: str  # regular / adjustment
    kind_label: str
    corrects: str  # an adjustment's corrected line, e.g. "2026-09 第 12 行"; "" otherwise
    reason: str  # an adjustment's
    voucher_count: int
    carried_count: int
    face_total: Decimal
    subsidy: Decimal
    concession: Decimal
    order_total: Decimal
    citizen_paid: Decimal
    no_bank_account: bool
    status_label: str
    paid_on: dt.date | None
    payment_reference: str


@dataclass(frozen=True)
class FaceTotal:
    face_value: Decimal
    count: int
    subsidy: Decimal
    concession: Decimal
    order_amount: Decimal
    citizen_paid: Decimal


@dataclass(frozen=True)
class Person:
    """Who took a step and when (None: not yet)."""

    name: str
    at: dt.datetime | None


@dataclass(frozen=True)
class SettlementSummary:
    """结算汇总表."""

    settlement_id: int
    month: dt.date
    status: str
    status_label: str
    due: dt.date
    lines: tuple[SummaryLine, ...]
    by_face: tuple[FaceTotal, ...]
    excluded: tuple[tuple[str, int], ...]  # (reason label, count)
    voucher_count: int
    carried_count: int
    excluded_count: int
    face_total: Decimal
    subsidy: Decimal
    concession: Decimal
    order_total: Decimal
    citizen_paid: Decimal
    warnings: tuple[str, ...]
    return_reason: str
    prepared: Person  # generated
    verified: Person
    approved: Person
    paid_at: dt.datetime | None
    printed_by: str
    printed_at: dt.datetime


@dataclass(frozen=True)
class StatementVoucher:
    code: str
    citizen: str  # masked
    claimed_at: dt.datetime
    redeemed_at: dt.datetime | None
    face_value: Decimal
    subsidy: Decimal
    concession: Decimal
    order_amount: Decimal | None
    paid_amount: Decimal | None
    carried_from: dt.date | None


@dataclass(frozen=True)
class StatementExclusion:
    code: str
    citizen: str
    redeemed_at: dt.datetime | None
    face_value: Decimal
    subsidy: Decimal
    reason_label: str
    detail: str


@dataclass(frozen=True)
class VenueStatement:
    """对账单 of one venue for the month: its vouchers, adjustments and excluded vouchers."""

    venue_id: int
    venue_name: str
    month: dt.date
    status: str
    status_label: str
    lines: tuple[SummaryLine, ...]  # its regular line (if any) then its adjustments
    vouchers: tuple[StatementVoucher, ...]
    exclusions: tuple[StatementExclusion, ...]
    voucher_count: int
    face_total: Decimal
    subsidy: Decimal  # of its vouchers
    concession: Decimal
    order_total: Decimal
    citizen_paid: Decimal
    adjustments: Decimal
    payable: Decimal  # subsidy + adjustments
    printed_at: dt.datetime


@dataclass(frozen=True)
class BankPayment:
    """One transfer of the bank payment list: a venue's lines of the month, netted."""

    number: int
    venue_id: int
    venue_name: str
    account_name: str
    bank_name: str
    account_number: str
    amount: Decimal
    purpose: str  # 用途
    reference: str  # 业务参考号, unique per settlement and venue
    line_ids: tuple[int, ...]
    note: str  # why it cannot be paid ("" when it can)

    @property
    def payable(self) -> bool:
        return not self.note


@dataclass(frozen=True)
class BankList:
    month: dt.date
    status: str
    status_label: str
    payments: tuple[BankPayment, ...]
    printed_at: dt.datetime

    @property
    def payable_total(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.payable), Decimal(0))
