"""Early warning (预警机制): alert lines and the scan that fills the warning list."""

from jd_admin.services.warnings.alert_lines import line_in_force, set_line
from jd_admin.services.warnings.scan import Created, ScanResult, scan

__all__ = ["Created", "ScanResult", "line_in_force", "scan", "set_line"]
