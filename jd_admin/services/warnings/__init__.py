"""Early warning (预警机制): alert lines, the scan that fills the warning list, and the
verification and decision of a warning."""

from jd_admin.services.warnings.alert_lines import (
    CapacityLines,
    LineRow,
    line_in_force,
    list_lines,
    set_line,
    set_lines_from_capacity,
)
from jd_admin.services.warnings.scan import Created, ScanResult, scan
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
    "close",
    "file_warning",
    "line_in_force",
    "list_lines",
    "reassign",
    "scan",
    "set_line",
    "set_lines_from_capacity",
    "start",
    "verifiers",
]
