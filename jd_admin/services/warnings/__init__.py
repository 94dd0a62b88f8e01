"""Early warning (预警机制): alert lines, the scan that fills the warning list, and the
verification and decision of a warning."""

from jd_admin.services.warnings.alert_lines import line_in_force, set_line
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

__all__ = ["Closed", "Created", "Decision", "ScanResult", "close", "file_warning",
           "line_in_force", "reassign", "scan", "set_line", "start", "verifiers"]
