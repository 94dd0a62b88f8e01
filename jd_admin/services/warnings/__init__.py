"""Early warning (预警机制): alert lines, the signals' parameters, the scan that fills the
warning list, and the verification and decision of a warning."""

from jd_admin.services.warnings.alert_lines import (
    CapacityLines,
    LineRow,
    line_in_force,
    list_lines,
    set_line,
    set_lines_from_capacity,
)
from jd_admin.services.warnings.parameters import parameters_in_force, set_parameters, versions
from jd_admin.services.warnings.scan import Created, ScanResult, Unjudged, findings, scan
from jd_admin.services.warnings.verification import (
    Closed,
    Decision,
    close,
    file_warning,
    reassign,
    start,
    verifiers,
)

__all__ = [
    "CapacityLines",
    "Closed",
    "Created",
    "Decision",
    "LineRow",
    "ScanResult",
    "Unjudged",
    "close",
    "file_warning",
    "findings",
    "line_in_force",
    "list_lines",
    "parameters_in_force",
    "reassign",
    "scan",
    "set_line",
    "set_lines_from_capacity",
    "set_parameters",
    "start",
    "verifiers",
    "versions",
]
