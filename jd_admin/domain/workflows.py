"""Every declared workflow (the PostgreSQL guard's ``workflow_step`` table holds their steps)."""

from jd_admin.domain.agreements import AGREEMENT_WORKFLOW
from jd_admin.domain.inspections import ASSIGNMENT_WORKFLOW, INSPECTION_WORKFLOW, ORDER_WORKFLOW
from jd_admin.domain.recruitment import APPLICATION_WORKFLOW, CALL_WORKFLOW
from jd_admin.domain.register import VENUE_WORKFLOW
from jd_admin.domain.settlement import LINE_WORKFLOW, SETTLEMENT_WORKFLOW
from jd_admin.domain.vouchers import BATCH_WORKFLOW
from jd_admin.domain.warnings import WARNING_WORKFLOW

ALL_WORKFLOWS = (CALL_WORKFLOW, APPLICATION_WORKFLOW, AGREEMENT_WORKFLOW, VENUE_WORKFLOW,
                 BATCH_WORKFLOW, SETTLEMENT_WORKFLOW, LINE_WORKFLOW,
                 ASSIGNMENT_WORKFLOW, INSPECTION_WORKFLOW, ORDER_WORKFLOW, WARNING_WORKFLOW)
