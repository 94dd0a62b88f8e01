"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from jd_admin.models.audit import AuditEvent
from jd_admin.models.auth import AppRole, AppUser, Role
from jd_admin.models.base import Base, Money, UTCDateTime
from jd_admin.models.reference import FaceValueRule, Subdistrict
from jd_admin.models.venue import Venue, VenueSport

__all__ = [
    "AppRole",
    "AppUser",
    "AuditEvent",
    "Base",
    "FaceValueRule",
    "Money",
    "Role",
    "Subdistrict",
    "UTCDateTime",
    "Venue",
    "VenueSport",
]
