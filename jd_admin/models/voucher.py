"""The voucher ledger (消费券台账): rule tables, issuance batches, vouchers and their rule flags.

Rule tables are versioned by effective date: a change is a new row, never an edit, so every
voucher can be checked against the rules in force when it was claimed or used.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import ColumnElement

from jd_admin.domain.codes import sql_in
from jd_admin.domain.vouchers import BatchState, RestrictionKind
from jd_admin.models.base import Base, Money, Timestamped, UTCDateTime, Versioned, utcnow


class UsageRule(Base):
    """Claim limits and use caps (rules 3 and 4) in force from ``effective_from``."""

    __tablename__ = "usage_rule"
    __table_args__ = (
        CheckConstraint(
            "weekly_claim_limit > 0 AND max_held > 0 AND daily_use_cap > 0 AND weekly_use_cap > 0 "
            "AND weekly_large_claim_limit > 0 AND validity_hours > 0", name="positive"),
        CheckConstraint("large_face_value > 0", name="large_face_value_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[dt.date] = mapped_column(Date, unique=True)
    weekly_claim_limit: Mapped[int] = mapped_column(Integer)  # claims per natural week
    max_held: Mapped[int] = mapped_column(Integer)  # unused, unexpired vouchers held at once
    daily_use_cap: Mapped[int] = mapped_column(Integer)
    weekly_use_cap: Mapped[int] = mapped_column(Integer)
    weekly_large_claim_limit: Mapped[int] = mapped_column(Integer)
    large_face_value: Mapped[Decimal] = mapped_column(
        Money)  # face value from which a voucher is "large"
    validity_hours: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class VoucherRestriction(Base):
    """A special-voucher restriction (rule 5): to a sport or to a citizen group."""

    __tablename__ = "voucher_restriction"
    __table_args__ = (
        UniqueConstraint("code", "effective_from"),
        CheckConstraint(sql_in("kind", RestrictionKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(30))  # a sport, or a citizen group code
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class IssuanceBatch(Versioned, Timestamped, Base):
    """An issuance batch (发放批次) funded by the bureau."""

    __tablename__ = "issuance_batch"
    __table_args__ = (
        CheckConstraint(sql_in("status", BatchState), name="status"),
        CheckConstraint("budget > 0", name="budget_positive"),
        CheckConstraint("claim_end > claim_start", name="window_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    budget: Mapped[Decimal] = mapped_column(Money)
    claim_start: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    claim_end: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    restriction_code: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10), default=BatchState.DRAFT.value)
    created_by: Mapped[str] = mapped_column(String(63))

    face_values: Mapped[list[BatchFaceValue]] = relationship(
        cascade="all, delete-orphan", order_by="BatchFaceValue.face_value")


class BatchFaceValue(Base):
    """How many vouchers of one face value a batch issues."""

    __tablename__ = "batch_face_value"
    __table_args__ = (
        UniqueConstraint("batch_id", "face_value"),
        CheckConstraint("count > 0", name="count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("issuance_batch.id", ondelete="CASCADE"))
    face_value: Mapped[Decimal] = mapped_column(Money)
    count: Mapped[int] = mapped_column(Integer)


class VoucherImport(Base):
    """One import of the operator's data: who, when, which file, what came of it."""

    __tablename__ = "voucher_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_by: Mapped[str] = mapped_column(String(63))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    summary: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class Citizen(Base):
    """A citizen as the vouchers know them: the keyed HMAC pseudonym (假名) of the platform's
    identifier and its masked display form. The identifier itself is never stored; the
    pseudonym is kept once here, the vouchers refer to it by number."""

    __tablename__ = "citizen"

    id: Mapped[int] = mapped_column(primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), unique=True)
    masked: Mapped[str] = mapped_column(String(32), index=True)


class Voucher(Base):
    """One voucher as the platform reported it, claimed by a pseudonymised :class:`Citizen`.
    Money columns are integer fen."""

    __tablename__ = "voucher"
    __table_args__ = (
        CheckConstraint("subsidy + concession = face_value", name="split_adds_up"),
        CheckConstraint("redeemed_at IS NULL OR redeemed_at >= claimed_at",
                        name="redeemed_after_claim"),
        Index("ix_voucher_claimed", "claimed_at", "id"),
        Index("ix_voucher_redeemed", "redeemed_at", "id"),
        Index("ix_voucher_citizen", "citizen_id", "claimed_at"),
        Index("ix_voucher_venue_redeemed", "venue_id", "redeemed_at"),
        # The voucher browser's filters and sorts (migration 0017).
        Index("ix_voucher_face_value", "face_value", "id"),
        Index("ix_voucher_batch_claimed", "batch_id", "claimed_at", "id"),
        Index("ix_voucher_venue_claimed", "venue_id", "claimed_at", "id"),
        # Small sets in the default order, state filters and redeemed ranges (migration 0018).
        Index("ix_voucher_id_claimed", "id", "claimed_at"),
        Index("ix_voucher_claimed_state", "claimed_at", "id", "redeemed_at", "expires_at"),
        Index("ix_voucher_unexpired", "expires_at", "claimed_at", "id",
              postgresql_where=text("redeemed_at IS NULL"),
              sqlite_where=text("redeemed_at IS NULL")),
        Index("ix_voucher_settlement", "settlement_id",
              sqlite_where=text("settlement_id IS NOT NULL"),
              postgresql_where=text("settlement_id IS NOT NULL")),
        # The statistics' distinct citizens of a period (index-only) and the aggregate's
        # rebuild of a range of days (migration 0031).
        Index("ix_voucher_claim_day_citizen", "claim_day", "citizen_id"),
        Index("ix_voucher_use_day_citizen", "use_day", "citizen_id",
              postgresql_include=["venue_id"],
              sqlite_where=text("use_day IS NOT NULL"),
              postgresql_where=text("use_day IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"),
                                    primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("issuance_batch.id"))
    face_value: Mapped[Decimal] = mapped_column(Money)
    subsidy: Mapped[Decimal] = mapped_column(Money)
    concession: Mapped[Decimal] = mapped_column(Money)
    min_order: Mapped[Decimal] = mapped_column(Money)
    face_rule_from: Mapped[dt.date] = mapped_column(Date)  # the face-value table version used
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    citizen_group: Mapped[str | None] = mapped_column(String(20))
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    redeemed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Business calendar of the two moments (Asia/Shanghai), written by the import from the
    # timestamps so the set-based rule checks are plain SQL on both dialects.
    claim_day: Mapped[dt.date] = mapped_column(Date)
    claim_week: Mapped[dt.date] = mapped_column(Date)  # the Monday of the claim's natural week
    use_day: Mapped[dt.date | None] = mapped_column(Date)
    use_week: Mapped[dt.date | None] = mapped_column(Date)
    expires_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime)  # claimed_at + validity of the rule
    venue_credit_code: Mapped[str | None] = mapped_column(String(18))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    sport: Mapped[str | None] = mapped_column(String(20))
    order_amount: Mapped[Decimal | None] = mapped_column(Money)
    paid_amount: Mapped[Decimal | None] = mapped_column(Money)
    import_id: Mapped[int] = mapped_column(ForeignKey("voucher_import.id"))
    # set when a monthly settlement that pays it is verified (services/settlement/selection)
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlement.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class VoucherViolation(Base):
    """A rule a voucher broke, with the rule version that flagged it; cleared by the bureau
    with a reason (then the voucher counts for settlement again), or withdrawn by a re-check
    that no longer finds it (and restored if a later one does). A flag is never deleted.
    Open: neither cleared nor withdrawn."""

    __tablename__ = "voucher_violation"
    __table_args__ = (
        # The open flags of one rule: where the browser's flag filter starts (migration 0017).
        Index("ix_voucher_violation_open", "code", "voucher_id",
              postgresql_where=text("cleared_at IS NULL AND withdrawn_at IS NULL"),
              sqlite_where=text("cleared_at IS NULL AND withdrawn_at IS NULL")),
    )

    voucher_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("voucher.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    rule_version: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text, default="")
    flagged_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    cleared_by: Mapped[str | None] = mapped_column(String(63))
    cleared_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    clear_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    @hybrid_property
    def is_open(self) -> bool:
        return self.cleared_at is None and self.withdrawn_at is None

    @is_open.inplace.expression
    @classmethod
    def _is_open_expression(cls) -> ColumnElement[bool]:
        return and_(cls.cleared_at.is_(None), cls.withdrawn_at.is_(None))


class VoucherCheckPending(Base):
    """A citizen whose vouchers were written since the server last checked them (PostgreSQL:
    recorded by a trigger on ``voucher``, emptied by ``jd_check_vouchers``; SQLite leaves it
    empty, its services check every write). A voucher is checked when neither its citizen nor
    its batch (:class:`VoucherBatchCheckPending`) is pending."""

    __tablename__ = "voucher_check_pending"

    citizen_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class VoucherBatchCheckPending(Base):
    """A batch whose vouchers were written since the server last checked them (the batch-wide
    check of issued counts); see :class:`VoucherCheckPending`."""

    __tablename__ = "voucher_batch_check_pending"

    batch_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
