"""Venues (场馆) and the sports they offer.

The designated-venue register (定点场馆名录) grows out of this table; the recruitment
workflow adds applications and agreements that point at it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jd_admin.domain.codes import sql_in
from jd_admin.domain.recruitment import VenueType
from jd_admin.domain.register import VenueState
from jd_admin.models.base import Base, Money, Timestamped, UTCDateTime, Versioned, utcnow
from jd_admin.models.reference import Subdistrict


class Venue(Versioned, Timestamped, Base):
    """A sports venue known to the bureau."""

    __tablename__ = "venue"
    __table_args__ = (
        CheckConstraint(sql_in("venue_type", VenueType), name="venue_type"),
        CheckConstraint(sql_in("status", VenueState), name="status"),
        CheckConstraint("capacity >= 0", name="capacity_non_negative"),
        CheckConstraint(
            "(longitude IS NULL) = (latitude IS NULL)", name="coordinates_complete"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    venue_type: Mapped[str] = mapped_column(String(20))
    subdistrict_id: Mapped[int] = mapped_column(ForeignKey("subdistrict.id"), index=True)
    address: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    contact_name: Mapped[str] = mapped_column(String(40))
    contact_mobile: Mapped[str] = mapped_column(String(11))
    opening_hours: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(Integer)
    longitude: Mapped[float | None] = mapped_column(Float)  # WGS-84
    latitude: Mapped[float | None] = mapped_column(Float)  # WGS-84
    status: Mapped[str] = mapped_column(String(20), default=VenueState.DESIGNATED.value)
    # the reason, author and time of the current status: the database copies them into the
    # register's history (VenueStatusChange) whenever the status changes (migration 0014)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    status_changed_by: Mapped[str] = mapped_column(String(63), default="system")
    status_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # sensitive (domain/access.py): loaded only when read, by the roles allowed to
    legal_representative: Mapped[str] = mapped_column(String(40), deferred=True,
                                                      deferred_group="sensitive")
    bank_name: Mapped[str | None] = mapped_column(String(100), deferred=True,
                                                  deferred_group="sensitive")
    bank_account_name: Mapped[str | None] = mapped_column(String(100), deferred=True,
                                                          deferred_group="sensitive")
    bank_account_number: Mapped[str | None] = mapped_column(String(32), deferred=True,
                                                            deferred_group="sensitive")

    subdistrict: Mapped[Subdistrict] = relationship()
    sports: Mapped[list[VenueSport]] = relationship(
        back_populates="venue", cascade="all, delete-orphan", order_by="VenueSport.id"
    )
    coaches: Mapped[list[VenueCoach]] = relationship(
        back_populates="venue", cascade="all, delete-orphan", order_by="VenueCoach.id"
    )


class VenueStatusChange(Base):
    """The register's history: every change of a venue's status, from when it holds."""

    __tablename__ = "venue_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    effective_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(63))


class VenueSport(Base):
    """A sport a venue offers, with its list price (挂牌价) in yuan."""

    __tablename__ = "venue_sport"
    __table_args__ = (
        UniqueConstraint("venue_id", "sport"),
        CheckConstraint("list_price >= 0", name="list_price_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"))
    sport: Mapped[str] = mapped_column(String(20))
    list_price: Mapped[Decimal] = mapped_column(Money)

    venue: Mapped[Venue] = relationship(back_populates="sports")


class VenueCoach(Base):
    """A coach (教练) filed with the application that designated the venue: copied from its
    ``application_coach`` rows by the designation step (and replaced by a re-designation), so
    that the people who inspect the venue compare the coaches on duty with those filed without
    reading the application. Personal data: read by the bureau, the venue's 街镇 and the
    inspectors the venue is assigned to (domain/access.py)."""

    __tablename__ = "venue_coach"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    qualification: Mapped[str] = mapped_column(String(100))
    certificate_number: Mapped[str] = mapped_column(String(60))
    # the application it was filed with (None: entered otherwise, e.g. the demo's venues)
    from_application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"))

    venue: Mapped[Venue] = relationship(back_populates="coaches")
