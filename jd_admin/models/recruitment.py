"""Venue recruitment (定点场馆招募): calls (招募公告), self-recommendations (自荐申请) with their
sports, coaches and attachments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from jd_admin.domain.codes import sql_in
from jd_admin.domain.recruitment import ApplicationState, CallState, VenueType
from jd_admin.models.base import Base, Money, Timestamped, UTCDateTime, Versioned, utcnow
from jd_admin.models.reference import Subdistrict

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class RecruitmentCall(Versioned, Timestamped, Base):
    """A recruitment call (招募公告) published by the bureau."""

    __tablename__ = "recruitment_call"
    __table_args__ = (
        CheckConstraint(sql_in("status", CallState), name="status"),
        CheckConstraint("close_date >= open_date", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    open_date: Mapped[dt.date] = mapped_column(Date)
    close_date: Mapped[dt.date] = mapped_column(Date)
    venue_types: Mapped[list[str]] = mapped_column(JSON)
    sports: Mapped[list[str]] = mapped_column(JSON)
    conditions: Mapped[str] = mapped_column(Text)
    required_documents: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=CallState.DRAFT.value)
    created_by: Mapped[str] = mapped_column(String(63))


class Application(Versioned, Timestamped, Base):
    """A venue's self-recommendation (自荐申请), recorded by its subdistrict centre."""

    __tablename__ = "application"
    __table_args__ = (
        CheckConstraint(sql_in("status", ApplicationState), name="status"),
        CheckConstraint(sql_in("venue_type", VenueType), name="venue_type"),
        CheckConstraint("capacity >= 0", name="capacity_non_negative"),
        CheckConstraint("(longitude IS NULL) = (latitude IS NULL)", name="coordinates_complete"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("recruitment_call.id"), index=True)
    subdistrict_id: Mapped[int] = mapped_column(ForeignKey("subdistrict.id"), index=True)
    venue_name: Mapped[str] = mapped_column(String(100))
    venue_type: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    legal_representative: Mapped[str] = mapped_column(String(40))
    contact_name: Mapped[str] = mapped_column(String(40))
    contact_mobile: Mapped[str] = mapped_column(String(11))
    opening_hours: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(Integer)
    safety_measures: Mapped[str] = mapped_column(Text, default="")
    bank_name: Mapped[str] = mapped_column(String(100))
    bank_account_name: Mapped[str] = mapped_column(String(100))
    bank_account_number: Mapped[str] = mapped_column(String(32))
    longitude: Mapped[float | None] = mapped_column(Float)  # WGS-84
    latitude: Mapped[float | None] = mapped_column(Float)  # WGS-84
    status: Mapped[str] = mapped_column(
        String(24), default=ApplicationState.DRAFT.value, index=True)
    subdistrict_opinion: Mapped[str | None] = mapped_column(Text)
    subdistrict_reviewer: Mapped[str | None] = mapped_column(String(63))
    subdistrict_reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    bureau_opinion: Mapped[str | None] = mapped_column(Text)
    bureau_reviewer: Mapped[str | None] = mapped_column(String(63))
    bureau_reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    created_by: Mapped[str] = mapped_column(String(63))

    call: Mapped[RecruitmentCall] = relationship()
    subdistrict: Mapped[Subdistrict] = relationship()
    sports: Mapped[list[ApplicationSport]] = relationship(
        cascade="all, delete-orphan", order_by="ApplicationSport.id")
    coaches: Mapped[list[ApplicationCoach]] = relationship(
        cascade="all, delete-orphan", order_by="ApplicationCoach.id")


class ApplicationSport(Base):
    """A sport the applying venue offers, with its list price (挂牌价, yuan)."""

    __tablename__ = "application_sport"
    __table_args__ = (
        UniqueConstraint("application_id", "sport"),
        CheckConstraint("list_price >= 0", name="list_price_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    sport: Mapped[str] = mapped_column(String(20))
    list_price: Mapped[Decimal] = mapped_column(Money)


class ApplicationCoach(Base):
    """A coach (教练) and their qualification certificate (资格证书)."""

    __tablename__ = "application_coach"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    qualification: Mapped[str] = mapped_column(String(100))
    certificate_number: Mapped[str] = mapped_column(String(60))


class Attachment(Base):
    """A file kept in the database so every client sees it: an application's documents or an
    agreement's signed scan. Checked by content (PDF/JPEG/PNG), at most 20 MB."""

    __tablename__ = "attachment"
    __table_args__ = (
        CheckConstraint("(application_id IS NULL) <> (agreement_id IS NULL)", name="one_owner"),
        CheckConstraint(f"size > 0 AND size <= {MAX_ATTACHMENT_BYTES}", name="size_limit"),
        CheckConstraint(
            "media_type IN ('application/pdf', 'image/jpeg', 'image/png')", name="media_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    uploaded_by: Mapped[str] = mapped_column(String(63))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
