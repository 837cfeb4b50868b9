"""The report model: UUT and UUR reports, their step tree, measurements and header parts.

Pure Python with no I/O: usable offline, and shared with ``pywats_server``. A report is kept as
its WSJF document; the classes here are typed views over it, so everything — including members
and step types this library does not know — survives reading and writing unchanged.
"""

from pywats.domains.report.models.compare import evaluate_numeric, evaluate_string
from pywats.domains.report.models.enums import (
    ChartType,
    CompOp,
    ReportResult,
    ReportType,
    StepGroup,
    StepStatus,
)
from pywats.domains.report.models.errors import (
    Problem,
    ReportParseError,
    ReportValidationError,
    UnsafeXMLError,
)
from pywats.domains.report.models.header import UURFailure, UURInfo, UURSubUnit, UUTInfo
from pywats.domains.report.models.measurements import (
    BooleanMeasurement,
    Measurement,
    NumericMeasurement,
    StringMeasurement,
)
from pywats.domains.report.models.parts import (
    AdditionalData,
    Asset,
    Attachment,
    BinaryData,
    Chart,
    ChartSeries,
    LoopInfo,
    MiscInfo,
    SeqCallInfo,
    SubUnit,
)
from pywats.domains.report.models.reading import parse_wsjf, report_from_dict
from pywats.domains.report.models.report import ROOT_STEP_NAME, Report
from pywats.domains.report.models.sequence import SequenceCall
from pywats.domains.report.models.steps import (
    CallExeStep,
    GenericStep,
    MessagePopupStep,
    NumericStep,
    PassFailStep,
    Step,
    StringValueStep,
    step_view,
)
from pywats.domains.report.models.uur_report import UURReport
from pywats.domains.report.models.uut_report import UUTReport
from pywats.domains.report.models.validation import FUTURE_START_TOLERANCE, check_report, validate_report

__all__ = [
    "FUTURE_START_TOLERANCE",
    "ROOT_STEP_NAME",
    "AdditionalData",
    "Asset",
    "Attachment",
    "BinaryData",
    "BooleanMeasurement",
    "CallExeStep",
    "Chart",
    "ChartSeries",
    "ChartType",
    "CompOp",
    "GenericStep",
    "LoopInfo",
    "Measurement",
    "MessagePopupStep",
    "MiscInfo",
    "NumericMeasurement",
    "NumericStep",
    "PassFailStep",
    "Problem",
    "Report",
    "ReportParseError",
    "ReportResult",
    "ReportType",
    "ReportValidationError",
    "SeqCallInfo",
    "SequenceCall",
    "Step",
    "StepGroup",
    "StepStatus",
    "StringMeasurement",
    "StringValueStep",
    "SubUnit",
    "UURFailure",
    "UURInfo",
    "UURReport",
    "UURSubUnit",
    "UUTInfo",
    "UUTReport",
    "UnsafeXMLError",
    "check_report",
    "evaluate_numeric",
    "evaluate_string",
    "parse_wsjf",
    "report_from_dict",
    "step_view",
    "validate_report",
]
