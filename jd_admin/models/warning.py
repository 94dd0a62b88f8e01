"""Early warning (预警机制): alert lines, the warning list and the vouchers a warning concerns.

``alert_line``: vouchers redeemed per venue per day above which the daily-use signal fires —
the district default (``venue_id`` NULL) or a venue's own, versioned by ``effective_from``.
``signal_parameter``: the other signals' parameters, versioned the same way.
``venue_warning``: one per venue, signal and day (``period_end`` for a signal over a period),
with the figures that fired it (``figures``) and their plain-Chinese ``explanation`` (a warning
filed by hand: the ``evidence`` too); its verification (``assigned_to``, ``started_at``) and
decision (``finding``, ``decision``; a violation's rectification inspection and suspension).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jd_admin.domain.codes import sql_in
from jd_admin.domain.warnings import Signal, WarningState
from jd_admin.models.base import Base, UTCDateTime, Versioned, utcnow


class AlertLine(Base):
    __tablename__ = "alert_line"
    __table_args__ = (
        UniqueConstraint("venue_id", "effective_from"),
        CheckConstraint("daily_limit > 0", name="daily_limit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"), index=True)
    daily_limit: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SignalParameter(Base):
    """The parameters of a signal (domain/warnings.PARAMETERS) from ``effective_from`` on; the
    version in force on a day is the latest on or before it (the declared defaults before
    the first)."""

    __tablename__ = "signal_parameter"
    __table_args__ = (
        UniqueConstraint("signal", "effective_from"),
        CheckConstraint(sql_in("signal", Signal), name="signal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    signal: Mapped[str] = mapped_column(String(20))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class VenueWarning(Versioned, Base):
    __tablename__ = "venue_warning"
    __table_args__ = (
        CheckConstraint(sql_in("status", WarningState), name="status"),
        CheckConstraint(sql_in("signal", Signal), name="signal"),
        CheckConstraint("status NOT IN ('closed_normal', 'closed_violation') "
                        "OR finding IS NOT NULL", name="closed_has_finding"),
        CheckConstraint("status = 'open' OR assigned_to IS NOT NULL", name="verifier"),
        UniqueConstraint("venue_id", "signal", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    signal: Mapped[str] = mapped_column(String(20))
    day: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    explanation: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)  # a warning filed by hand
    status: Mapped[str] = mapped_column(String(16), default=WarningState.OPEN.value)
    assigned_to: Mapped[str | None] = mapped_column(String(63))
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finding: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(Text)
    # a violation's decisions besides the deduction: the inspection ordered to see the venue
    # rectify (its rectification order follows from a failed inspection), the suspension
    rectification_plan_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_plan.id"))
    venue_suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(63))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class WarningVoucher(Base):
    __tablename__ = "warning_voucher"
    __table_args__ = (UniqueConstraint("warning_id", "voucher_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    warning_id: Mapped[int] = mapped_column(ForeignKey("venue_warning.id"), index=True)
    voucher_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"),
                                            ForeignKey("voucher.id"), index=True)
