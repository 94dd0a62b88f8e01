"""The designated-venue register (定点场馆名录) and a venue's status."""

from __future__ import annotations

from jd_admin.domain.codes import Coded
from jd_admin.domain.roles import Role
from jd_admin.domain.text import _
from jd_admin.domain.workflow import Workflow, step

BUREAU = (Role.BUREAU_STAFF,)


class VenueState(Coded):
    DESIGNATED = "designated", _("定点")
    SUSPENDED = "suspended", _("暂停")
    WITHDRAWN = "withdrawn", _("退出")


V = VenueState
VENUE_WORKFLOW = Workflow("venue", VenueState, V.DESIGNATED, [
    step(V.DESIGNATED, V.SUSPENDED, BUREAU, _("暂停")),
    step(V.SUSPENDED, V.DESIGNATED, BUREAU, _("恢复")),
    step(V.DESIGNATED, V.WITHDRAWN, BUREAU, _("退出")),
    step(V.SUSPENDED, V.WITHDRAWN, BUREAU, _("退出")),
    step(V.WITHDRAWN, V.DESIGNATED, BUREAU, _("重新定点")),
])

#: A withdrawn venue comes back only through a new, approved application (recruitment takes
#: this step when the bureau approves it); a status change by hand does not offer it.
REDESIGNATION = VENUE_WORKFLOW.find(V.WITHDRAWN, V.DESIGNATED)
