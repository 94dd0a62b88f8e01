"""Venue inspections (监督巡查, DOMAIN.md "Inspection"): checklist templates (:mod:`.templates`),
plans and risk scores (:mod:`.plans`), recording with photos (:mod:`.recording`,
:mod:`.photos`; the overall result: :mod:`.results`), rectification orders (:mod:`.orders`),
training (:mod:`.training`), a venue's marks on the register and the settlement lines
(:mod:`.marks`) and reading (:mod:`.queries`, with My tasks' provider; what a venue filed to
be compared on site: :mod:`.filed`).

On PostgreSQL the server holds the rules too (migration 0022): a submitted inspection is
immutable, an order's steps are guarded, and each role sees only the rows of its scope.
"""

from jd_admin.services.inspections.filed import (
    FiledCoach,
    FiledReference,
    FiledSport,
    filed_reference,
)
from jd_admin.services.inspections.marks import InspectionMark, venue_marks
from jd_admin.services.inspections.orders import report_done
from jd_admin.services.inspections.photos import check_size as check_photo_size
from jd_admin.services.inspections.plans import (
    RiskPart,
    VenueRisk,
    create_plan,
    reassign_assignment,
    risk_scores,
    withdraw_assignment,
)
from jd_admin.services.inspections.queries import (
    AssignmentRow,
    InspectionDetail,
    InspectionRow,
    ItemRow,
    OrderDetail,
    OrderRow,
    PhotoInfo,
    VenueHistory,
    inspection_detail,
    inspection_tasks,
    list_assignments,
    list_inspections,
    list_orders,
    order_detail,
    photo_content,
    venue_history,
)
from jd_admin.services.inspections.recording import (
    DraftInput,
    ItemInput,
    Submitted,
    add_photo,
    preview,
    remove_photo,
    save_draft,
    start,
    start_reinspection,
    submit,
    supersede,
)
from jd_admin.services.inspections.templates import (
    ItemSpec,
    TemplateInfo,
    active_template,
    list_templates,
    new_version,
)
from jd_admin.services.inspections.training import (
    AttendanceInput,
    TrainingRow,
    create_session,
    list_sessions,
)

__all__ = [
    "AssignmentRow", "AttendanceInput", "DraftInput", "FiledCoach", "FiledReference",
    "FiledSport", "InspectionDetail", "InspectionMark",
    "InspectionRow", "ItemInput", "ItemRow", "ItemSpec", "OrderDetail", "OrderRow", "PhotoInfo",
    "RiskPart", "Submitted", "TemplateInfo", "TrainingRow", "VenueHistory", "VenueRisk",
    "active_template", "add_photo", "check_photo_size", "create_plan", "create_session",
    "filed_reference",
    "inspection_detail",
    "inspection_tasks",
    "list_assignments", "list_inspections", "list_orders", "list_sessions", "list_templates",
    "new_version", "order_detail", "photo_content", "preview", "reassign_assignment",
    "remove_photo", "report_done", "risk_scores", "save_draft", "start", "start_reinspection",
    "submit", "supersede", "venue_history", "venue_marks", "withdraw_assignment",
]
