"""Report validation: the WATS rules, checked all at once (defined in ``models.validation``).

It lives with the model so that ``pywats_server`` can share it; this module is the short import path.
"""

from pywats.domains.report.models.errors import Problem, ReportValidationError
from pywats.domains.report.models.validation import FUTURE_START_TOLERANCE, check_report, validate_report

__all__ = ["FUTURE_START_TOLERANCE", "Problem", "ReportValidationError", "check_report", "validate_report"]
