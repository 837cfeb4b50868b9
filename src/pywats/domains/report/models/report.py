"""The part every report shares: identity, station, time, misc info, assets, files, serialization."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any, Self

import pydantic_core

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import (
    Int,
    Text,
    Timestamp,
    WireList,
    WireObject,
    format_datetime,
    format_utc,
)
from pywats.domains.report.models.enums import REPORT_RESULT_RANK, StepStatus
from pywats.domains.report.models.errors import Problem
from pywats.domains.report.models.parts import AdditionalData, Asset, BinaryData, MiscInfo
from pywats.domains.report.models.status import to_result

__all__ = ["DEFAULT_REPAIR_PROCESS_CODE", "GUID_RE", "ROOT_STEP_NAME", "Report"]

ROOT_STEP_NAME = "MainSequence Callback"
DEFAULT_REPAIR_PROCESS_CODE = 500
GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def require_field(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{field} must be a non-empty string, got {value!r}", field=field, value=value)
    return value


def optional_text(field: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValidationError(f"{field} must be a string, got {type(value).__name__}", field=field, value=value)


def code_value(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"{field} must be an integer process code, got {value!r}", field=field, value=value
        )
    return int(value)


def start_pair(start: datetime | None) -> tuple[str, str]:
    moment = start if start is not None else datetime.now().astimezone()
    if not isinstance(moment, datetime):
        raise ValidationError("start must be a datetime", field="start", value=moment)
    return format_datetime(moment), format_utc(moment)


class Report(WireObject):
    """What UUT and UUR reports share: identity, station, time, misc info, sub-units, assets, files.

    Build one with :class:`UUTReport` / :class:`UURReport` (or
    :class:`~pywats.tools.test_uut.TestUUT`), read one with :func:`parse_wsjf`. The report ``id`` is
    fixed when the report is created, so submitting the same object twice stores it once.
    """

    __slots__ = ()
    type = Text("type")
    pn = Text("pn")
    sn = Text("sn")
    rev = Text("rev")
    product_name = Text("productName")
    process_code = Int("processCode")
    process_name = Text("processName")
    machine_name = Text("machineName")
    location = Text("location")
    purpose = Text("purpose")
    origin = Text("origin")
    start_utc = Timestamp("startUTC")
    _STRUCTURE = frozenset(
        {
            "id",
            "result",
            "start",
            "miscInfos",
            "subUnits",
            "assets",
            "assetStats",
            "binaryData",
            "additionalData",
        }
    )

    # -- identity and state ------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The report GUID, chosen by the client when the report is created."""
        return str(self._d.get("id"))

    @id.setter
    def id(self, value: str | uuid.UUID) -> None:
        text = str(value)
        if not GUID_RE.match(text):
            raise ValidationError(f"id must be a GUID, got {value!r}", field="id", value=value)
        self._d["id"] = text

    @property
    def result(self) -> str | None:
        """``P``, ``F``, ``E`` or ``T``. Raised automatically when a step failure reaches the root."""
        return Text("result").read(self._d.get("result"))

    @result.setter
    def result(self, value: StepStatus | str) -> None:
        self._d["result"] = to_result(value)

    def raise_result(self, letter: str) -> None:
        """Raise ``result`` to ``letter`` if that is more severe (P < F < E < T); ignore other letters."""
        rank = REPORT_RESULT_RANK.get(letter)
        if rank is not None and rank > REPORT_RESULT_RANK.get(self._d.get("result"), -1):  # type: ignore[arg-type]
            self._d["result"] = letter

    @property
    def station_name(self) -> str | None:
        """The test station (wire name ``machineName``)."""
        return self.machine_name

    @station_name.setter
    def station_name(self, value: str | None) -> None:
        self.machine_name = value

    @property
    def start(self) -> datetime | None:
        """When the run started, with its UTC offset. Setting it also sets ``start_utc``."""
        return Timestamp("start").read(self._d.get("start"))

    @start.setter
    def start(self, value: datetime) -> None:
        local, utc = start_pair(value)
        self._d["start"] = local
        self._d["startUTC"] = utc

    # -- header lists ------------------------------------------------------------------------------

    @property
    def misc_infos(self) -> WireList[MiscInfo]:
        """Searchable key/value pairs about the unit."""
        return WireList(self._d, "miscInfos", MiscInfo.wrap)

    @property
    def assets(self) -> WireList[Asset]:
        """Test equipment used."""
        return WireList(self._d, "assets", Asset.wrap)

    @property
    def binary_data(self) -> WireList[BinaryData]:
        """Report-level file attachments."""
        return WireList(self._d, "binaryData", BinaryData.wrap)

    @property
    def additional_data(self) -> WireList[AdditionalData]:
        """TestStand-style property trees (station info and the like)."""
        return WireList(self._d, "additionalData", AdditionalData.wrap)

    def add_misc_info(self, description: str, text: Any = None, *, numeric: int | None = None) -> MiscInfo:
        """Add a misc-info pair; ``text`` is stored as a string (``None`` stays null)."""
        require_field("description", description)
        info = MiscInfo(description=description, text=None if text is None else str(text))
        if numeric is not None:
            info.numeric = numeric
        self.misc_infos.append(info)
        return info

    def add_asset(self, asset_sn: str, usage_count: int = 1) -> Asset:
        """Record a piece of test equipment used in the run."""
        require_field("asset_sn", asset_sn)
        code_value("usage_count", usage_count)
        asset = Asset.wrap({"assetSN": asset_sn, "usageCount": usage_count})
        self.assets.append(asset)
        return asset

    def attach_bytes(
        self, name: str, content: bytes, content_type: str = "application/octet-stream"
    ) -> BinaryData:
        """Attach a file to the report (``binaryData``)."""
        require_field("name", name)
        blob: BinaryData = BinaryData.from_bytes(name, content, content_type)
        self.binary_data.append(blob)
        return blob

    add_binary_data = attach_bytes

    # -- whole document ----------------------------------------------------------------------------

    def to_wsjf(self) -> bytes:
        """The report as WSJF bytes (compact UTF-8 JSON; NaN/±Inf as ``"NaN"``/``"Infinity"``)."""
        try:
            return pydantic_core.to_json(self._d, inf_nan_mode="strings")
        except (pydantic_core.PydanticSerializationError, ValueError, TypeError) as exc:
            raise ValidationError(
                f"The report holds a value JSON cannot carry: {exc}", operation="to_wsjf"
            ) from exc

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the WSJF document as plain dicts and lists."""
        return pydantic_core.from_json(self.to_wsjf())  # type: ignore[no-any-return]

    def copy(self) -> Self:
        """An independent copy (same ``id``)."""
        return type(self).wrap(self.to_dict())

    def check(self, *, now: datetime | None = None) -> list[Problem]:
        """Every rule the report breaks: errors (WATS would reject it) and warnings."""
        from pywats.domains.report.models.validation import check_report

        return check_report(self, now=now)

    def validate(self, *, now: datetime | None = None) -> list[Problem]:
        """Raise :class:`ReportValidationError` listing every error; return the warnings otherwise."""
        from pywats.domains.report.models.validation import validate_report

        return validate_report(self, now=now)

    def __repr__(self) -> str:
        d = self._d
        return (
            f"{type(self).__name__}(id={d.get('id')!r}, pn={d.get('pn')!r}, sn={d.get('sn')!r}, "
            f"rev={d.get('rev')!r}, result={d.get('result')!r})"
        )
