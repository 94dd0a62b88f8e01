"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from jd_admin.domain.roles import Role
from jd_admin.models.agreement import Agreement, AgreementNumberCounter, PartySetting
from jd_admin.models.audit import AuditChainHead, AuditEvent, WorkflowStep
from jd_admin.models.auth import AppRole, AppUser
from jd_admin.models.base import Base, Money, UTCDateTime
from jd_admin.models.inspection import (
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
    InspectionAssignment,
    InspectionCheckout,
    InspectionItem,
    InspectionPhoto,
    InspectionPlan,
    OrderNumberCounter,
    RectificationOrder,
    TrainingAttendance,
    TrainingSession,
)
from jd_admin.models.recruitment import (
    Application,
    ApplicationCoach,
    ApplicationSport,
    Attachment,
    RecruitmentCall,
)
from jd_admin.models.reference import FaceValueRule, Subdistrict
from jd_admin.models.settlement import (
    Settlement,
    SettlementExclusion,
    SettlementItem,
    SettlementLine,
)
from jd_admin.models.statistics import VoucherDayStat, VoucherMonthStat
from jd_admin.models.venue import Venue, VenueCoach, VenueSport, VenueStatusChange
from jd_admin.models.voucher import (
    BatchFaceValue,
    Citizen,
    IssuanceBatch,
    UsageRule,
    Voucher,
    VoucherBatchCheckPending,
    VoucherCheckPending,
    VoucherImport,
    VoucherRestriction,
    VoucherViolation,
)
from jd_admin.models.warning import AlertLine, SignalParameter, VenueWarning, WarningVoucher

__all__ = [
    "Agreement",
    "AgreementNumberCounter",
    "AlertLine",
    "AppRole",
    "AppUser",
    "Application",
    "ApplicationCoach",
    "ApplicationSport",
    "Attachment",
    "AuditChainHead",
    "AuditEvent",
    "Base",
    "BatchFaceValue",
    "ChecklistItem",
    "ChecklistTemplate",
    "Citizen",
    "FaceValueRule",
    "Inspection",
    "InspectionAssignment",
    "InspectionCheckout",
    "InspectionItem",
    "InspectionPhoto",
    "InspectionPlan",
    "IssuanceBatch",
    "Money",
    "OrderNumberCounter",
    "PartySetting",
    "RecruitmentCall",
    "RectificationOrder",
    "Role",
    "Settlement",
    "SettlementExclusion",
    "SettlementItem",
    "SettlementLine",
    "SignalParameter",
    "Subdistrict",
    "TrainingAttendance",
    "TrainingSession",
    "UTCDateTime",
    "UsageRule",
    "Venue",
    "VenueCoach",
    "VenueSport",
    "VenueStatusChange",
    "VenueWarning",
    "Voucher",
    "VoucherBatchCheckPending",
    "VoucherCheckPending",
    "VoucherDayStat",
    "VoucherImport",
    "VoucherMonthStat",
    "VoucherRestriction",
    "VoucherViolation",
    "WarningVoucher",
    "WorkflowStep",
]
