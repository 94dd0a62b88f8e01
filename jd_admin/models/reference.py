"""Reference data: the 12 subdistricts (街镇) and the face-value table (面值表)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jd_admin.models.base import Base, Money, Timestamped, UTCDateTime, Versioned, utcnow


class Subdistrict(Versioned, Timestamped, Base):
    """One of Jiading's 12 subdistricts / towns (街镇) and its culture and sports centre
    (文体中心)."""

    __tablename__ = "subdistrict"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    centre_name: Mapped[str] = mapped_column(String(80))


class FaceValueRule(Base):
    """One row of the face-value table (面值表) in force from ``effective_from``.

    Rule 1 of the measures: the bureau may change the table; a change is a new set of rows with
    a later effective date and never rewrites history. subsidy + concession = face value is a
    database constraint.
    """

    __tablename__ = "face_value_rule"
    __table_args__ = (
        UniqueConstraint("effective_from", "face_value"),
        CheckConstraint("subsidy + concession = face_value", name="split_adds_up"),
        CheckConstraint("face_value > 0 AND subsidy >= 0 AND concession >= 0", name="positive"),
        CheckConstraint("min_order >= face_value", name="min_order_covers_face_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    face_value: Mapped[Decimal] = mapped_column(Money)
    subsidy: Mapped[Decimal] = mapped_column(Money)
    concession: Mapped[Decimal] = mapped_column(Money)
    min_order: Mapped[Decimal] = mapped_column(Money)
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
