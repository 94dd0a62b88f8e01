"""Plain data handed to the report builders by services (no queries in reports/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CallNotice:
    """A recruitment call (招募公告) as printed."""

    call_id: int
    title: str
    bureau_name: str
    open_date: dt.date
    close_date: dt.date
    venue_types: tuple[str, ...]  # Chinese labels
    sports: tuple[str, ...]
    conditions: str
    required_documents: str
    status: str  # the call's state (jd_admin.domain.recruitment.CallState)
    status_label: str
    generated_at: dt.datetime


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    actor: str
    action: str
    from_label: str
    to_label: str
    comment: str


@dataclass(frozen=True)
class AttachmentLine:
    kind_label: str
    filename: str
    size: int


@dataclass(frozen=True)
class ReviewForm:
    """The review form (审核表) of one application, with both opinions and room for seals."""

    application_id: int
    call_title: str
    subdistrict: str
    status_label: str
    venue_name: str
    venue_type_label: str
    address: str
    credit_code: str
    legal_representative: str
    contact_name: str
    contact_mobile: str
    opening_hours: str
    capacity: int
    safety_measures: str
    sports: tuple[tuple[str, Decimal], ...]
    coaches: tuple[tuple[str, str, str], ...]  # name, qualification, certificate number
    bank_name: str
    bank_account_name: str
    bank_account_number: str
    attachments: tuple[AttachmentLine, ...]
    subdistrict_opinion: str
    subdistrict_reviewer: str
    subdistrict_reviewed_at: dt.datetime | None
    bureau_opinion: str
    bureau_reviewer: str
    bureau_reviewed_at: dt.datetime | None
    history: tuple[HistoryLine, ...]
    generated_at: dt.datetime


@dataclass(frozen=True)
class Party:
    role_label: str  # e.g. "甲方（区体育局）"
    name: str
    credit_code: str
    address: str = ""
    representative: str = ""
    bank: str = ""  # "开户银行 / 账户名称 / 账号", for the venue


@dataclass(frozen=True)
class FaceValueLine:
    face_value: Decimal
    subsidy: Decimal
    concession: Decimal
    min_order: Decimal


@dataclass(frozen=True)
class AgreementDocument:
    """A three-party agreement (三方合作协议) as printed."""

    number: str
    status: str  # the agreement's state (jd_admin.domain.agreements.AgreementState)
    status_label: str
    parties: tuple[Party, Party, Party]  # bureau, venue, operator
    start_date: dt.date
    end_date: dt.date
    face_values: tuple[FaceValueLine, ...]
    settlement_terms: str
    obligations: str
    termination_grounds: str
    bureau_signed_on: dt.date | None
    venue_signed_on: dt.date | None
    operator_signed_on: dt.date | None
    renews_number: str | None
    generated_at: dt.datetime
    #: Printed fields left empty (named for the reader, in the interface's language): the
    #: agreement is printed all the same, the program warns.
    missing: tuple[str, ...] = ()
