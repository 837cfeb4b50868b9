"""The WSXF ↔ WSJF name mapping (report-format §5.2) and value spelling (§5.3), shared by reader and writer.

Each table row is ``(XML attribute, WSJF key, kind)``; kinds: ``text``, ``int``, ``float``,
``bool``, ``guid``, ``status``/``group``/``result`` (words in XML, letters in WSJF) and ``null``
(text written as ``""`` when null, read back as null — how WATS exports units and the like).
"""

from __future__ import annotations

import math
from typing import Any

from pywats.domains.report.models._wire import read_float

__all__ = ["NAMESPACE", "format_number", "parse_number"]

NAMESPACE = "http://wats.virinco.com/schemas/WATS/Report/wsxf"

Row = tuple[str, str, str]

REPORT: list[Row] = [
    ("ID", "id", "guid"),
    ("Start", "start", "text"),
    ("Start_utc", "startUTC", "text"),
    ("Result", "result", "result"),
    ("SN", "sn", "text"),
    ("PN", "pn", "text"),
    ("Rev", "rev", "text"),
    ("origin", "origin", "text"),
    ("MachineName", "machineName", "text"),
    ("Location", "location", "text"),
    ("Purpose", "purpose", "text"),
    ("ProductName", "productName", "null"),
]
PROCESS: list[Row] = [
    ("Code", "processCode", "int"),
    ("Name", "processName", "text"),
    ("CodeFormat", "processCodeFormat", "text"),
]
UUT: list[Row] = [
    ("UserLoginName", "user", "text"),
    ("BatchSN", "batchSN", "text"),
    ("TestSocketIndex", "testSocketIndex", "int"),
    ("TestSocketIndexFormat", "testSocketIndexFormat", "text"),
    ("ExecutionTime", "execTime", "float"),
    ("ExecutionTimeFormat", "execTimeFormat", "text"),
    ("FixtureId", "fixtureId", "text"),
    ("ErrorCode", "errorCode", "int"),
    ("ErrorCodeFormat", "errorCodeFormat", "text"),
    ("ErrorMessage", "errorMessage", "text"),
    ("BatchLoopIndex", "batchLoopIndex", "int"),
    ("BatchLoopIndexFormat", "batchLoopIndexFormat", "text"),
    ("BatchFailCount", "batchFailCount", "int"),
    ("BatchFailCountFormat", "batchFailCountFormat", "text"),
    ("StepIdCausedUUTFailure", "stepIdCausedUUTFailure", "int"),
]
UUR: list[Row] = [
    ("UserLoginName", "user", "text"),
    ("Active", "active", "bool"),
    ("ConfirmDate", "confirmDate", "text"),
    ("FinalizeDate", "finalizeDate", "text"),
    ("ExecutionTime", "execTime", "float"),
    ("ReferencedUUT", "refUUT", "guid"),
    ("Parent", "parent", "guid"),
]
MISC: list[Row] = [
    ("Description", "description", "text"),
    ("Numeric", "numeric", "int"),
    ("NumericFormat", "numericFormat", "text"),
    ("Typedef", "typedef", "text"),
    ("Id", "id", "text"),
]
UNIT: list[Row] = [
    ("PartType", "partType", "text"),
    ("PN", "pn", "text"),
    ("SN", "sn", "text"),
    ("Rev", "rev", "text"),
    ("Position", "position", "int"),
    ("Idx", "idx", "int"),
    ("ParentIDX", "parentIdx", "int"),
    ("ReplacedIDX", "replacedIdx", "int"),
]
ASSET: list[Row] = [
    ("AssetSN", "assetSN", "text"),
    ("UsageCount", "usageCount", "int"),
    ("UsageCountFormat", "usageCountFormat", "text"),
]
FAILURE: list[Row] = [
    ("Category", "category", "text"),
    ("Code", "code", "text"),
    ("CompRef", "comRef", "text"),
    ("FunctionBlock", "funcBlock", "text"),
    ("ArticleNumber", "artNumber", "text"),
    ("ArticleRevision", "artRev", "text"),
    ("ArticleVendor", "artVendor", "text"),
    ("ArticleDescription", "artDescription", "text"),
    ("StepID", "refStepId", "int"),
    ("StepName", "refStepName", "text"),
]
STEP: list[Row] = [
    ("Id", "id", "int"),
    ("Group", "group", "group"),
    ("Name", "name", "text"),
    ("StepType", "stepType", "text"),
    ("Status", "status", "status"),
    ("total_time", "totTime", "float"),
    ("total_timeFormat", "totTimeFormat", "text"),
    ("TSGuid", "tsGuid", "text"),
    ("StepErrorCode", "errorCode", "int"),
    ("StepErrorCodeFormat", "errorCodeFormat", "text"),
    ("StepErrorMessage", "errorMessage", "text"),
    ("Start", "start", "text"),
    ("StepCausedSequenceFailure", "causedSeqFailure", "bool"),
    ("StepCausedUUTFailure", "causedUUTFailure", "bool"),
]
LOOP: list[Row] = [
    ("index", "idx", "int"),
    ("num", "num", "int"),
    ("passed", "passed", "int"),
    ("failed", "failed", "int"),
    ("ending_index", "endingIndex", "int"),
]
SEQ_CALL: list[Row] = [("Name", "name", "text"), ("Version", "version", "null"), ("Filepath", "path", "text")]
NUMERIC: list[Row] = [
    ("Name", "name", "text"),
    ("NumericValue", "value", "float"),
    ("NumericValueFormat", "valueFormat", "text"),
    ("Units", "unit", "null"),
    ("CompOperator", "compOp", "text"),
    ("LowLimit", "lowLimit", "float"),
    ("LowLimitFormat", "lowLimitFormat", "text"),
    ("HighLimit", "highLimit", "float"),
    ("HighLimitFormat", "highLimitFormat", "text"),
    ("Status", "status", "status"),
]
PASS_FAIL: list[Row] = [("Name", "name", "text"), ("Status", "status", "status")]
STRING: list[Row] = [
    ("Name", "name", "text"),
    ("CompOperator", "compOp", "text"),
    ("StringValue", "value", "text"),
    ("StringLimit", "limit", "text"),
    ("Status", "status", "status"),
]
CALL_EXE: list[Row] = [("ExitCode", "exitCode", "float"), ("ExitCodeFormat", "exitCodeFormat", "text")]
POPUP: list[Row] = [
    ("Button", "button", "int"),
    ("ButtonFormat", "buttonFormat", "text"),
    ("Response", "response", "text"),
]
CHART: list[Row] = [
    ("ChartType", "chartType", "text"),
    ("Label", "label", "text"),
    ("XLabel", "xLabel", "text"),
    ("XUnit", "xUnit", "null"),
    ("YLabel", "yLabel", "text"),
    ("YUnit", "yUnit", "null"),
]
SERIES: list[Row] = [("Name", "name", "text"), ("DataType", "dataType", "text")]
ATTACHMENT: list[Row] = [("Name", "name", "text"), ("ContentType", "contentType", "text")]

STATUS_WORDS = {"P": "Passed", "F": "Failed", "S": "Skipped", "D": "Done", "E": "Error", "T": "Terminated"}
STATUS_LETTERS = {word: letter for letter, word in STATUS_WORDS.items()}
GROUP_WORDS = {"S": "Setup", "M": "Main", "C": "Cleanup"}
GROUP_LETTERS = {word: letter for letter, word in GROUP_WORDS.items()}

# Export key order of a step (report-format §3.2); anything else follows in input order.
STEP_KEY_ORDER = (
    "id",
    "group",
    "stepType",
    "loop",
    "name",
    "start",
    "status",
    "errorCode",
    "errorCodeFormat",
    "errorMessage",
    "tsGuid",
    "totTime",
    "totTimeFormat",
    "causedSeqFailure",
    "causedUUTFailure",
    "reportText",
)


def format_number(value: Any) -> str:
    """A double in WSXF spelling: shortest exact digits, integers without ``.0``, ``NaN``/``INF``/``-INF``."""
    number = read_float(value)
    assert number is not None
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def parse_number(text: str) -> float:
    """A WSXF double (``NaN``, ``INF`` and ``-INF`` included)."""
    value = read_float(text)
    assert value is not None
    return value
