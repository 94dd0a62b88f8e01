"""Venue inspections (监督巡查): checklist templates and their items, plans and assignments,
inspections with their items and photos, rectification orders (整改通知) and training (培训).

An inspection's items are a SNAPSHOT of the checklist's (area, text, kind, weight, limits,
serious, photo on fail): a new version of a template never changes a past inspection. Photos are
JPEG bytes in the database (downscaled by the service). Weights, scores and measured numbers
are exact decimals of two places (:class:`Hundredths`: integer hundredths, as money is integer
fen — SQLite's NUMERIC goes through float).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from jd_admin.domain.codes import sql_in
from jd_admin.domain.inspections import (
    Area,
    AssignmentState,
    CheckoutState,
    InspectionResult,
    InspectionState,
    ItemKind,
    OrderState,
    PhotoKind,
    TemplateState,
)
from jd_admin.models.base import Base, Timestamped, UTCDateTime, Versioned, utcnow


class Hundredths(TypeDecorator[Decimal]):
    """An exact decimal with two places, stored as an integer number of hundredths (as money
    is stored in fen): the same on SQLite and PostgreSQL; a float is refused."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("float refused: use Decimal")
        return int((Decimal(value) * 100).to_integral_value())

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(int(value)) / 100

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


class ChecklistTemplate(Base):
    """A version of a checklist (``code`` + ``version`` unique); one version of a code is
    active, the earlier ones retired (kept: past inspections name them)."""

    __tablename__ = "checklist_template"
    __table_args__ = (
        CheckConstraint(sql_in("status", TemplateState), name="status"),
        UniqueConstraint("code", "version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=TemplateState.ACTIVE.value)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChecklistItem(Base):
    """An item of a template: how it is answered (``kind``), its weight, and whether a
    failure needs a photo or is serious (one serious failure fails the inspection)."""

    __tablename__ = "checklist_item"
    __table_args__ = (
        CheckConstraint(sql_in("area", Area), name="area"),
        CheckConstraint(sql_in("kind", ItemKind), name="kind"),
        CheckConstraint("weight >= 0", name="weight"),
        CheckConstraint("kind <> 'score' OR max_score > 0", name="score_has_max"),
        UniqueConstraint("template_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_template.id"))
    area: Mapped[str] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    weight: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal(1))
    max_score: Mapped[Decimal | None] = mapped_column(Hundredths)
    min_value: Mapped[Decimal | None] = mapped_column(Hundredths)
    max_value: Mapped[Decimal | None] = mapped_column(Hundredths)
    unit: Mapped[str] = mapped_column(String(20), default="")
    photo_on_fail: Mapped[bool] = mapped_column(Boolean, default=False)
    serious: Mapped[bool] = mapped_column(Boolean, default=False)
    applies_to: Mapped[str] = mapped_column(String(100), default="")  # e.g. 有游泳池的场馆


class InspectionPlan(Base):
    """A round of inspections the bureau plans (its assignments)."""

    __tablename__ = "inspection_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class InspectionAssignment(Versioned, Base):
    """A venue to inspect by an inspector (its login name) by a date; ``risk_parts``: the
    venue's risk score's parts when it was planned (services/inspections/plans.py)."""

    __tablename__ = "inspection_assignment"
    __table_args__ = (CheckConstraint(sql_in("status", AssignmentState), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("inspection_plan.id"), index=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    inspector: Mapped[str] = mapped_column(String(63), index=True)
    due_on: Mapped[dt.date] = mapped_column(Date)
    unannounced: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(10), default=AssignmentState.ASSIGNED.value)
    risk_score: Mapped[Decimal | None] = mapped_column(Hundredths)
    risk_parts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")  # why withdrawn or reassigned
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class InspectionCheckout(Versioned, Base):
    """Assignments of one inspector checked out to a file for recording off the network
    (services/inspections/offline.py). ``assignments``: ``[{"assignment_id", "version",
    "draft_id", "draft_version"}]`` as they were at checkout; ``digest``: the SHA-256 of the
    file's manifest and reference rows as written (a file whose manifest or reference rows
    were altered no longer matches); ``token``: the random name the file carries."""

    __tablename__ = "inspection_checkout"
    __table_args__ = (
        CheckConstraint(sql_in("status", CheckoutState), name="status"),
        CheckConstraint("status <> 'checked_in' OR checked_in_at IS NOT NULL",
                        name="checked_in_has_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    inspector: Mapped[str] = mapped_column(String(63), index=True)
    assignments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    digest: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), default=CheckoutState.OPEN.value)
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_in_by: Mapped[str | None] = mapped_column(String(63))
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class Inspection(Versioned, Timestamped, Base):
    """One on-site inspection of a venue. Immutable once submitted (PostgreSQL: by trigger):
    a correction is a new inspection (``supersedes_id``, ``correction_reason``) whose
    submission supersedes this one. A re-inspection names the order it follows up
    (``reinspection_of``)."""

    __tablename__ = "inspection"
    __table_args__ = (
        CheckConstraint(sql_in("status", InspectionState), name="status"),
        CheckConstraint(f"result IS NULL OR {sql_in('result', InspectionResult)}", name="result"),
        CheckConstraint("status = 'draft' OR (result IS NOT NULL AND score IS NOT NULL "
                        "AND inspected_at IS NOT NULL AND submitted_by IS NOT NULL "
                        "AND submitted_at IS NOT NULL)", name="submitted_complete"),
        CheckConstraint("status = 'draft' OR result = 'pass' OR rectify_by IS NOT NULL",
                        name="rectify_has_deadline"),
        CheckConstraint("supersedes_id IS NULL OR correction_reason IS NOT NULL",
                        name="correction_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("inspection_assignment.id"), index=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_template.id"))
    status: Mapped[str] = mapped_column(String(12), default=InspectionState.DRAFT.value)
    inspected_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    inspectors: Mapped[str] = mapped_column(Text, default="")  # the people present
    venue_contact: Mapped[str] = mapped_column(String(100), default="")
    result: Mapped[str | None] = mapped_column(String(10))
    score: Mapped[Decimal | None] = mapped_column(Hundredths)
    rectify_by: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("inspection.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)
    reinspection_of: Mapped[int | None] = mapped_column(
        ForeignKey("rectification_order.id", use_alter=True), index=True)
    submitted_by: Mapped[str | None] = mapped_column(String(63))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(63))


class InspectionItem(Base):
    """An item of an inspection: the checklist item's snapshot and the answer."""

    __tablename__ = "inspection_item"
    __table_args__ = (
        CheckConstraint(sql_in("area", Area), name="area"),
        CheckConstraint(sql_in("kind", ItemKind), name="kind"),
        UniqueConstraint("inspection_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    checklist_item_id: Mapped[int] = mapped_column(ForeignKey("checklist_item.id"))
    position: Mapped[int] = mapped_column(Integer)
    # the snapshot
    area: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    weight: Mapped[Decimal] = mapped_column(Hundredths)
    serious: Mapped[bool] = mapped_column(Boolean)
    photo_on_fail: Mapped[bool] = mapped_column(Boolean)
    max_score: Mapped[Decimal | None] = mapped_column(Hundredths)
    min_value: Mapped[Decimal | None] = mapped_column(Hundredths)
    max_value: Mapped[Decimal | None] = mapped_column(Hundredths)
    unit: Mapped[str] = mapped_column(String(20), default="")
    # the answer
    passed: Mapped[bool | None] = mapped_column(Boolean)
    score: Mapped[Decimal | None] = mapped_column(Hundredths)
    number: Mapped[Decimal | None] = mapped_column(Hundredths)
    text_value: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class InspectionPhoto(Base):
    """A photo (JPEG) taken during an inspection (``finding``, of an item or the whole), or the
    venue's evidence of a rectification (``evidence``, of an order)."""

    __tablename__ = "inspection_photo"
    __table_args__ = (
        CheckConstraint(sql_in("kind", PhotoKind), name="kind"),
        CheckConstraint("(inspection_id IS NULL) <> (order_id IS NULL)", name="one_owner"),
        CheckConstraint("item_id IS NULL OR inspection_id IS NOT NULL", name="item_of_inspection"),
        CheckConstraint("(kind = 'finding') = (inspection_id IS NOT NULL)", name="kind_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspection.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_item.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("rectification_order.id"),
                                                 index=True)
    kind: Mapped[str] = mapped_column(String(10))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    caption: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RectificationOrder(Versioned, Base):
    """整改通知: the failed items of a submitted inspection (``items``: a snapshot list of
    ``{"item_id", "area", "text", "note", "serious"}``) to put right by ``deadline``."""

    __tablename__ = "rectification_order"
    __table_args__ = (
        CheckConstraint(sql_in("status", OrderState), name="status"),
        CheckConstraint("status = 'issued' OR status = 'closed' OR status = 'reissued' "
                        "OR reported_at IS NOT NULL", name="reported_has_time"),
        CheckConstraint("status NOT IN ('closed', 'reissued') OR reinspection_id IS NOT NULL",
                        name="closed_by_reinspection"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=OrderState.ISSUED.value)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    issued_by: Mapped[str] = mapped_column(String(63))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reported_by: Mapped[str | None] = mapped_column(String(63))
    reported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    report_note: Mapped[str | None] = mapped_column(Text)
    reinspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspection.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class OrderNumberCounter(Base):
    """The last rectification notice number handed out per year; never reused."""

    __tablename__ = "order_number_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class TrainingSession(Versioned, Base):
    """A training session the bureau runs for venues (培训)."""

    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(200))
    trainer: Mapped[str] = mapped_column(String(100))
    place: Mapped[str] = mapped_column(String(200), default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(63))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class TrainingAttendance(Base):
    """A venue that attended a training session, with how many people and who."""

    __tablename__ = "training_attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "venue_id"),
        CheckConstraint("people >= 0", name="people"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), index=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id"), index=True)
    people: Mapped[int] = mapped_column(Integer, default=1)
    names: Mapped[str] = mapped_column(Text, default="")
