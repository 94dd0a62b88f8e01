"""Three-party agreements (三方合作协议: bureau, venue, platform operator)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jd_admin.domain.agreements import SIGNED_STATES, AgreementState, Party
from jd_admin.domain.codes import sql_in
from jd_admin.models.base import Base, Timestamped, UTCDateTime, Versioned
from jd_admin.models.venue import Venue


class Agreement(Versioned, Timestamped, Base):
    """One agreement. Numbers are assigned at generation and never reused; once in force the
    content is immutable (a renewal is a new agreement pointing at the old one)."""

    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint(sql_in("status", AgreementState), name="status"),
        CheckConstraint("end_date > start_date", name="dates_in_order"),
        CheckConstraint(
            # "status NOT IN ('in_force', 'expired') OR (…)"
            f"{sql_in('status NOT', SIGNED_STATES)} OR (bureau_signed_on IS NOT NULL AND "
            "venue_signed_on IS NOT NULL AND operator_signed_on IS NOT NULL "
            "AND in_force_from IS NOT NULL)",
            name="signed_when_in_force"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"))
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    renews_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"))
    bureau_name: Mapped[str] = mapped_column(String(100))
    bureau_credit_code: Mapped[str] = mapped_column(String(18))
    venue_name: Mapped[str] = mapped_column(String(100))
    venue_credit_code: Mapped[str] = mapped_column(String(18))
    # sensitive (domain/access.py): loaded only when read, by the roles allowed to
    venue_legal_representative: Mapped[str] = mapped_column(String(40), deferred=True,
                                                            deferred_group="sensitive")
    venue_address: Mapped[str] = mapped_column(String(200))
    venue_bank: Mapped[str] = mapped_column(String(200), deferred=True,
                                            deferred_group="sensitive")
    operator_name: Mapped[str] = mapped_column(String(100))
    operator_credit_code: Mapped[str] = mapped_column(String(18))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    face_values: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    settlement_terms: Mapped[str] = mapped_column(Text)
    obligations: Mapped[str] = mapped_column(Text)
    termination_grounds: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=AgreementState.DRAFT.value,
                                        index=True)
    sent_for_signature_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    bureau_signed_on: Mapped[dt.date | None] = mapped_column(Date)
    venue_signed_on: Mapped[dt.date | None] = mapped_column(Date)
    operator_signed_on: Mapped[dt.date | None] = mapped_column(Date)
    in_force_from: Mapped[dt.date | None] = mapped_column(Date)
    terminated_on: Mapped[dt.date | None] = mapped_column(Date)
    termination_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(63))

    venue: Mapped[Venue] = relationship()


class AgreementNumberCounter(Base):
    """The last agreement number handed out per year; numbers are never reused."""

    __tablename__ = "agreement_number_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class PartySetting(Versioned, Base):
    """The bureau's and the platform operator's identity for agreements (one row per party)."""

    __tablename__ = "party_setting"
    __table_args__ = (CheckConstraint(sql_in("party", Party), name="party"),)

    party: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    credit_code: Mapped[str] = mapped_column(String(18))
    address: Mapped[str] = mapped_column(String(200), default="")
    representative: Mapped[str] = mapped_column(String(40), default="")
