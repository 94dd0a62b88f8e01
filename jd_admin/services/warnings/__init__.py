"""Early warning (预警机制): alert lines, the signals' parameters and the scan that fills the
warning list."""

from jd_admin.services.warnings.alert_lines import line_in_force, set_line
from jd_admin.services.warnings.parameters import parameters_in_force, set_parameters, versions
from jd_admin.services.warnings.scan import Created, ScanResult, Unjudged, findings, scan

__all__ = ["Created", "ScanResult", "Unjudged", "findings", "line_in_force",
           "parameters_in_force", "scan", "set_line", "set_parameters", "versions"]
