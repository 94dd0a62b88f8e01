"""Monthly settlement (财务结算): one settlement per month, one line per venue (and adjustment
lines correcting a line of an earlier, approved month), the vouchers each line pays and the
vouchers of the month left out with their reason. Money columns are integer fen.

A line's amounts per face value are kept as JSON (``by_face``: a list of
``{"face_value", "count", "subsidy", "concession", "order_amount", "citizen_paid"}`` in fen,
ordered by face value): they are a breakdown of the line's own columns, which are what the
database checks and what is paid. Bank details are a snapshot of the register's at generation
(on PostgreSQL taken by the server itself) and, like the register's, read only by the roles
allowed to read bank details (deferred: loaded only when asked for).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from jd_admin.domain.codes import sql_in
from jd_admin.domain.settlement import ExclusionReason, LineKind, LineState, SettlementState
from jd_admin.models.base import Base, Money, Timestamped, UTCDateTime, Versioned

TOTALS = ("voucher_count", "face_total", "subsidy", "concession", "order_total", "citizen_paid")


class Settlement(Versioned, Timestamped, Base):
    """The settlement of one month (``month``: its first day); its totals are the sums of its
    lines (checked by the database on PostgreSQL at commit)."""

    __tablename__ = "settlement"
    __table_args__ = (
        CheckConstraint(sql_in("status", SettlementState), name="status"),
        CheckConstraint("approved_by IS NULL OR approved_by <> verified_by", name="four_eyes"),
        CheckConstraint("status = 'draft' OR (verified_by IS NOT NULL AND verified_at IS NOT NULL)",
                        name="verified_has_verifier"),
        CheckConstraint("status NOT IN ('approved', 'paid') OR "
                        "(approved_by IS NOT NULL AND approved_at IS NOT NULL)",
                        name="approved_has_approver"),
        CheckConstraint("status <> 'paid' OR paid_at IS NOT NULL", name="paid_has_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, unique=True)
    status: Mapped[str] = mapped_column(String(10), default=SettlementState.DRAFT.value)
    voucher_count: Mapped[int] = mapped_column(Integer, default=0)
    face_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    subsidy: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))  # what the bureau pays
    concession: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    order_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    citizen_paid: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    excluded_count: Mapped[int] = mapped_column(Integer, default=0)
    carried_count: Mapped[int] = mapped_column(Integer, default=0)
    #: batches whose budget the subsidy settled so far exceeds: [{batch, budget, spent}] in fen
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # the subsidy per batch [{batch_id, subsidy (fen)}]: budgets are checked against the sum
    # over settled months without reading their vouchers again
    by_batch: Mapped[list[dict[str, int]]] = mapped_column(JSON, default=list)
    generated_by: Mapped[str] = mapped_column(String(63))
    generated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    verified_by: Mapped[str | None] = mapped_column(String(63))
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(63))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    return_reason: Mapped[str | None] = mapped_column(Text)


class SettlementLine(Base):
    """A venue's line of a settlement: its valid vouchers (and those carried over from
    settled months), or an adjustment of a line of an earlier approved settlement (the only
    line whose amounts may be negative). Paid on its own (date and bank reference)."""

    __tablename__ = "settlement_line"
    __table_args__ = (
        CheckConstraint(sql_in("kind", LineKind), name="kind"),
        CheckConstraint(sql_in("status", LineState), name="status"),
        CheckConstraint("(kind = 'adjustment') = (corrects_line_id IS NOT NULL)",
                        name="adjustment_corrects_a_line"),
        CheckConstraint("kind = 'adjustment' OR (voucher_count >= 0 AND carried_count >= 0 "
                        "AND face_total >= 0 AND subsidy >= 0 AND concession >= 0 "
                        "AND order_total >= 0 AND citizen_paid >= 0)",
                        name="negative_only_in_adjustments"),
        CheckConstraint("kind = 'regular' OR (voucher_count = 0 AND carried_count = 0 "
                        "AND reason IS NOT NULL)", name="adjustment_has_reason"),
        CheckConstraint("status = 'unpaid' OR (paid_on IS NOT NULL AND payment_reference "
                        "IS NOT NULL AND trim(payment_reference) <> '')",
                        name="paid_with_date_and_reference"),
        Index("uq_settlement_line_venue", "settlement_id", "venue_id", unique=True,
              sqlite_where=text("kind = 'regular'"), postgresql_where=text("kind = 'regular'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("settlement.id"), index=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"))
    venue_name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(12), default=LineKind.REGULAR.value)
    corrects_line_id: Mapped[int | None] = mapped_column(ForeignKey("settlement_line.id"))
    reason: Mapped[str | None] = mapped_column(Text)  # an adjustment's
    voucher_count: Mapped[int] = mapped_column(Integer, default=0)
    carried_count: Mapped[int] = mapped_column(Integer, default=0)  # of voucher_count
    face_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    subsidy: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    concession: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    order_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    citizen_paid: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    by_face: Mapped[list[dict[str, int]]] = mapped_column(JSON, default=list)
    bank_name: Mapped[str | None] = mapped_column(String(100), deferred=True,
                                                  deferred_group="sensitive")
    bank_account_name: Mapped[str | None] = mapped_column(String(100), deferred=True,
                                                          deferred_group="sensitive")
    bank_account_number: Mapped[str | None] = mapped_column(String(32), deferred=True,
                                                            deferred_group="sensitive")
    no_bank_account: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default=LineState.UNPAID.value)
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    payment_reference: Mapped[str | None] = mapped_column(String(60))
    paid_by: Mapped[str | None] = mapped_column(String(63))
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SettlementItem(Base):
    """A voucher a line pays (a voucher is paid once: its id is the key); ``carried_from``: the
    settled month it was redeemed in, when it comes late (its flag cleared after that month)."""

    __tablename__ = "settlement_item"

    voucher_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), ForeignKey("voucher.id"),
        primary_key=True, autoincrement=False)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("settlement.id"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("settlement_line.id"), index=True)
    carried_from: Mapped[dt.date | None] = mapped_column(Date)


class SettlementExclusion(Base):
    """A voucher redeemed in the month that the settlement leaves out, and why (``detail``: the
    open flags' codes for a flagged one)."""

    __tablename__ = "settlement_exclusion"
    __table_args__ = (CheckConstraint(sql_in("reason", ExclusionReason), name="reason"),)

    settlement_id: Mapped[int] = mapped_column(ForeignKey("settlement.id"), primary_key=True)
    voucher_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), ForeignKey("voucher.id"),
        primary_key=True, autoincrement=False)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
