"""Enumerations of the analytics API: date groupings, status and run filters, dimensions and KPIs.

Values are what the server expects on the wire (endpoints.md §15.6, §15.8, §15.9).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any

__all__ = [
    "KPI",
    "AlarmType",
    "DateGrouping",
    "Dimension",
    "RepairDimension",
    "RepairKPI",
    "RunFilter",
    "SortDirection",
    "StatusFilter",
]


class DateGrouping(IntEnum):
    """How yield periods are grouped (``dateGrouping``)."""

    NONE = -1
    YEAR = 0
    QUARTER = 1
    MONTH = 2
    WEEK = 3
    DAY = 4
    HOUR = 5


class RunFilter(IntEnum):
    """Which run of each unit a step or measurement analysis looks at (``run``)."""

    FIRST = 1
    SECOND = 2
    THIRD = 3
    LAST = -1
    ALL = -2


class SortDirection(StrEnum):
    """Direction of a dimension or KPI in a ``dimensions`` string."""

    ASC = "asc"
    DESC = "desc"


_STATUS_ALIASES = {
    "pass": "Passed",
    "passed": "Passed",
    "ok": "Passed",
    "success": "Passed",
    "successful": "Passed",
    "p": "Passed",
    "fail": "Failed",
    "failed": "Failed",
    "failure": "Failed",
    "ng": "Failed",
    "f": "Failed",
    "error": "Error",
    "err": "Error",
    "e": "Error",
    "terminated": "Terminated",
    "term": "Terminated",
    "abort": "Terminated",
    "aborted": "Terminated",
    "t": "Terminated",
    "done": "Done",
    "complete": "Done",
    "completed": "Done",
    "d": "Done",
    "skipped": "Skipped",
    "skip": "Skipped",
    "s": "Skipped",
}


class StatusFilter(StrEnum):
    """The report status an analytics filter asks for (``status``).

    Lenient: ``StatusFilter("pass")``, ``StatusFilter("F")`` and ``StatusFilter("FAILED")`` all work.
    """

    PASSED = "Passed"
    FAILED = "Failed"
    ERROR = "Error"
    TERMINATED = "Terminated"
    DONE = "Done"
    SKIPPED = "Skipped"

    @classmethod
    def _missing_(cls, value: object) -> StatusFilter | None:
        if isinstance(value, str):
            word = _STATUS_ALIASES.get(value.strip().casefold())
            if word is not None:
                return cls(word)
        return None

    @property
    def is_passing(self) -> bool:
        """Passed or Done."""
        return self in (StatusFilter.PASSED, StatusFilter.DONE)

    @property
    def is_failure(self) -> bool:
        """Failed, Error or Terminated."""
        return self in (StatusFilter.FAILED, StatusFilter.ERROR, StatusFilter.TERMINATED)


class Dimension(StrEnum):
    """A yield dimension (what DynamicYield groups by)."""

    PART_NUMBER = "partNumber"
    PRODUCT_NAME = "productName"
    PRODUCT_GROUP = "productGroup"
    REVISION = "revision"
    STATION_NAME = "stationName"
    LOCATION = "location"
    PURPOSE = "purpose"
    TEST_OPERATION = "testOperation"
    PROCESS_CODE = "processCode"
    PERIOD = "period"
    SW_FILENAME = "swFilename"
    SW_VERSION = "swVersion"
    LEVEL = "level"
    BATCH_NUMBER = "batchNumber"
    OPERATOR = "operator"
    FIXTURE_ID = "fixtureId"
    SOCKET_INDEX = "socketIndex"
    ERROR_CODE = "errorCode"
    STEP_CAUSED_UUT_FAILURE = "stepCausedUutFailure"
    STEP_PATH_CAUSED_UUT_FAILURE = "stepPathCausedUutFailure"
    MISC_INFO_DESCRIPTION = "miscInfoDescription"
    MISC_INFO_STRING = "miscInfoString"
    ASSET_SERIAL_NUMBER = "assetSerialNumber"
    ASSET_NAME = "assetName"
    UNIT_TYPE = "unitType"


class KPI(StrEnum):
    """A yield KPI (a member of every yield row; usable to order by)."""

    UNIT_COUNT = "unitCount"
    FP_COUNT = "fpCount"
    SP_COUNT = "spCount"
    TP_COUNT = "tpCount"
    LP_COUNT = "lpCount"
    FP_FAIL_COUNT = "fpFailCount"
    SP_FAIL_COUNT = "spFailCount"
    TP_FAIL_COUNT = "tpFailCount"
    LP_FAIL_COUNT = "lpFailCount"
    FPY = "fpy"
    SPY = "spy"
    TPY = "tpy"
    LPY = "lpy"
    PPM_FPY = "ppmFpy"
    PPM_SPY = "ppmSpy"
    PPM_TPY = "ppmTpy"
    PPM_LPY = "ppmLpy"
    PPM_TEST_YIELD = "ppmTestYield"
    TEST_YIELD_COUNT = "testYieldCount"
    TEST_REPORT_COUNT = "testReportCount"
    TEST_YIELD = "testYield"
    RETEST_COUNT = "retestCount"
    FIRST_UTC = "firstUtc"
    LAST_UTC = "lastUtc"


class RepairDimension(StrEnum):
    """A repair dimension (what DynamicRepair groups by, besides the yield dimensions)."""

    REPAIR_OPERATION = "repairOperation"
    REPAIR_CODE = "repairCode"
    REPAIR_CATEGORY = "repairCategory"
    REPAIR_TYPE = "repairType"
    COMPONENT_REF = "componentRef"
    COMPONENT_NUMBER = "componentNumber"
    COMPONENT_REVISION = "componentRevision"
    COMPONENT_VENDOR = "componentVendor"
    COMPONENT_DESCRIPTION = "componentDescription"
    FUNCTION_BLOCK = "functionBlock"
    REFERENCED_STEP = "referencedStep"
    REFERENCED_STEP_PATH = "referencedStepPath"
    TEST_PERIOD = "testPeriod"
    TEST_LEVEL = "testLevel"
    TEST_STATION_NAME = "testStationName"
    TEST_LOCATION = "testLocation"
    TEST_PURPOSE = "testPurpose"
    TEST_OPERATOR = "testOperator"


class RepairKPI(StrEnum):
    """A repair KPI."""

    REPAIR_REPORT_COUNT = "repairReportCount"
    REPAIR_COUNT = "repairCount"


class AlarmType(IntEnum):
    """The kind of an alarm log entry (``AlarmLog.type``)."""

    REPORT = 1
    YIELD_VOLUME = 2
    SERIAL_NUMBER = 3
    MEASUREMENT = 4
    ASSET = 5


def enum_value(value: Any) -> Any:
    """The wire value of an enum member (other values unchanged)."""
    return value.value if isinstance(value, IntEnum | StrEnum) else value
