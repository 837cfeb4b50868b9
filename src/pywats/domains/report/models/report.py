"""Reports: :class:`UUTReport` (a test run with its step tree) and :class:`UURReport` (a repair)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any, Self

import pydantic_core

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import (
    Child,
    Int,
    Text,
    Timestamp,
    WireList,
    WireObject,
    format_datetime,
    format_utc,
)
from pywats.domains.report.models.enums import REPORT_RESULT_RANK, ReportType, StepStatus
from pywats.domains.report.models.errors import Problem, ReportParseError
from pywats.domains.report.models.header import UURInfo, UURSubUnit, UUTInfo
from pywats.domains.report.models.parts import AdditionalData, Asset, BinaryData, MiscInfo, SubUnit
from pywats.domains.report.models.sequence import SequenceCall
from pywats.domains.report.models.shape import check_shape
from pywats.domains.report.models.status import to_result
from pywats.domains.report.models.steps import Step, step_view

__all__ = [
    "DEFAULT_REPAIR_PROCESS_CODE",
    "GUID_RE",
    "ROOT_STEP_NAME",
    "Report",
    "UURReport",
    "UUTReport",
    "parse_wsjf",
    "report_from_dict",
]

ROOT_STEP_NAME = "MainSequence Callback"
DEFAULT_REPAIR_PROCESS_CODE = 500
GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _require(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{field} must be a non-empty string, got {value!r}", field=field, value=value)
    return value


def _optional_text(field: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValidationError(f"{field} must be a string, got {type(value).__name__}", field=field, value=value)


def _code(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"{field} must be an integer process code, got {value!r}", field=field, value=value
        )
    return int(value)


def _start_pair(start: datetime | None) -> tuple[str, str]:
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
        local, utc = _start_pair(value)
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
        _require("description", description)
        info = MiscInfo(description=description, text=None if text is None else str(text))
        if numeric is not None:
            info.numeric = numeric
        self.misc_infos.append(info)
        return info

    def add_asset(self, asset_sn: str, usage_count: int = 1) -> Asset:
        """Record a piece of test equipment used in the run."""
        _require("asset_sn", asset_sn)
        _code("usage_count", usage_count)
        asset = Asset.wrap({"assetSN": asset_sn, "usageCount": usage_count})
        self.assets.append(asset)
        return asset

    def attach_bytes(
        self, name: str, content: bytes, content_type: str = "application/octet-stream"
    ) -> BinaryData:
        """Attach a file to the report (``binaryData``)."""
        _require("name", name)
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


class UUTReport(Report):
    """A test report: header, the ``uut`` block (``info``) and the step tree under ``root``."""

    __slots__ = ()
    info = Child("uut", UUTInfo)
    _STRUCTURE = Report._STRUCTURE | {"root"}

    def __init__(
        self,
        pn: str,
        sn: str,
        rev: str,
        process_code: int,
        *,
        operator: str | None = None,
        station_name: str | None = None,
        location: str | None = None,
        purpose: str | None = None,
        start: datetime | None = None,
        id: str | uuid.UUID | None = None,
        root_name: str = ROOT_STEP_NAME,
        sequence_name: str | None = None,
        sequence_path: str | None = None,
        sequence_version: str | None = None,
    ) -> None:
        local, utc = _start_pair(start)
        self._d = {
            "type": ReportType.UUT.value,
            "id": str(uuid.uuid4()),
            "pn": _require("pn", pn),
            "sn": _require("sn", sn),
            "rev": _require("rev", rev),
            "processCode": _code("processCode", process_code),
            "result": "P",
            "machineName": _optional_text("machineName", station_name),
            "location": _optional_text("location", location),
            "purpose": _optional_text("purpose", purpose),
            "start": local,
            "startUTC": utc,
            "root": {
                "group": "M",
                "stepType": "SequenceCall",
                "name": _require("root_name", root_name),
                "status": "P",
                "steps": [],
                "seqCall": {
                    "path": sequence_path,
                    "name": sequence_name or "MainSequence",
                    "version": sequence_version,
                },
            },
            "uut": {"user": _optional_text("operator", operator)},
        }
        if id is not None:
            self.id = id

    @property
    def root(self) -> SequenceCall:
        """The root sequence call; add steps to it (or to sequence calls below it)."""
        data = self._d.get("root")
        if not isinstance(data, dict):
            data = self._d["root"] = {
                "group": "M",
                "stepType": "SequenceCall",
                "name": ROOT_STEP_NAME,
                "status": "P",
                "steps": [],
            }
        view = step_view(data, self)
        if not isinstance(view, SequenceCall):
            # A root without seqCall (hand-written data) is still the container of the tree.
            view = SequenceCall.wrap(data)
            view._parent = self
        return view

    def get_root_sequence_call(self) -> SequenceCall:
        """The same as :attr:`root`."""
        return self.root

    @property
    def operator(self) -> str | None:
        """The operator (``uut.user``)."""
        info = self.info
        return info.user if info is not None else None

    @operator.setter
    def operator(self, value: str | None) -> None:
        self._d.setdefault("uut", {})["user"] = _optional_text("operator", value)

    @property
    def sub_units(self) -> WireList[SubUnit]:
        """Components of the tested unit."""
        return WireList(self._d, "subUnits", SubUnit.wrap)

    def add_sub_unit(
        self, part_type: str, sn: str, pn: str, rev: str | None = None, *, position: int | None = None
    ) -> SubUnit:
        """Record a component of the unit (argument order as in pyWATS: part type, serial, part number)."""
        unit = SubUnit(
            part_type=_require("part_type", part_type), pn=_require("pn", pn), rev=rev, sn=_require("sn", sn)
        )
        if position is not None:
            unit.position = position
        self.sub_units.append(unit)
        return unit

    def walk(self) -> list[Step]:
        """Every step of the tree, depth first from the root (parents before children)."""
        return list(self.root.walk()) if isinstance(self._d.get("root"), dict) else []

    def find_step(self, path: str) -> Step | None:
        """The step at ``path`` (names joined by ``/``, with or without the root's name), or None."""
        names = [part for part in path.split("/") if part]
        node: Step = self.root
        if names and names[0] == node.name:
            names = names[1:]
        for name in names:
            match = next((child for child in node.steps if child.name == name), None)
            if match is None:
                return None
            node = match
        return node

    def assign_step_ids(self) -> None:
        """Number the steps 1, 2, 3… depth first, as WATS does (a UUR's ``ref_step_id`` refers to them)."""
        for number, step in enumerate(self.root.walk(), start=1):
            step.raw["id"] = number


class UURReport(Report):
    """A repair report: header, the ``uur`` block (``info``) and the units with their failures.

    ``process_code`` is the *repair* operation; ``info.process_code`` the *test* operation during
    which the failure was found. Unit ``idx`` 0 is the repaired unit itself.
    """

    __slots__ = ()
    info = Child("uur", UURInfo)

    def __init__(
        self,
        pn: str,
        sn: str,
        rev: str,
        test_operation_code: int,
        *,
        process_code: int = DEFAULT_REPAIR_PROCESS_CODE,
        operator: str | None = None,
        ref_uut: str | uuid.UUID | None = None,
        comment: str | None = None,
        station_name: str | None = None,
        location: str | None = None,
        purpose: str | None = None,
        start: datetime | None = None,
        id: str | uuid.UUID | None = None,
    ) -> None:
        local, utc = _start_pair(start)
        ref = None if ref_uut is None else str(ref_uut)
        if ref is not None and not GUID_RE.match(ref):
            raise ValidationError(
                f"ref_uut must be a report GUID, got {ref_uut!r}", field="refUUT", value=ref_uut
            )
        self._d = {
            "type": ReportType.UUR.value,
            "id": str(uuid.uuid4()),
            "pn": _require("pn", pn),
            "sn": _require("sn", sn),
            "rev": _require("rev", rev),
            "processCode": _code("processCode", process_code),
            "result": "P",
            "machineName": _optional_text("machineName", station_name),
            "location": _optional_text("location", location),
            "purpose": _optional_text("purpose", purpose),
            "start": local,
            "startUTC": utc,
            "uur": {
                "comment": _optional_text("comment", comment),
                "user": _optional_text("operator", operator),
                "processCode": _code("test_operation_code", test_operation_code),
                "refUUT": ref,
                "confirmDate": utc,
                "finalizeDate": utc,
                "execTime": 0.0,
            },
            "subUnits": [{"partType": "Main", "pn": pn, "rev": rev, "sn": sn, "idx": 0}],
        }
        if id is not None:
            self.id = id

    @property
    def sub_units(self) -> WireList[UURSubUnit]:
        """Every unit of the repair; ``idx`` 0 is the repaired unit."""
        return WireList(self._d, "subUnits", UURSubUnit.wrap)

    @property
    def main_unit(self) -> UURSubUnit:
        """The repaired unit (``idx`` 0), created if missing."""
        for unit in self.sub_units:
            if unit.idx == 0:
                return unit
        unit = UURSubUnit(part_type="Main", pn=self.pn, rev=self.rev, sn=self.sn, idx=0)
        self.sub_units.insert(0, unit)
        return unit

    def get_main_unit(self) -> UURSubUnit:
        """The same as :attr:`main_unit`."""
        return self.main_unit

    def add_sub_unit(
        self,
        pn: str,
        sn: str,
        rev: str | None = None,
        part_type: str = "Unknown",
        *,
        parent_idx: int = 0,
        replaced_idx: int | None = None,
        position: int | None = None,
    ) -> UURSubUnit:
        """Add a unit (part) with the next free ``idx``; ``replaced_idx`` marks it as a replacement."""
        next_idx = max((u.idx or 0 for u in self.sub_units), default=0) + 1
        unit = UURSubUnit(
            part_type=part_type,
            pn=_require("pn", pn),
            rev=rev,
            sn=_require("sn", sn),
            idx=next_idx,
            parent_idx=parent_idx,
        )
        if replaced_idx is not None:
            unit.replaced_idx = replaced_idx
        if position is not None:
            unit.position = position
        self.sub_units.append(unit)
        return unit

    def add_failure(self, category: str, code: str, *, sub_unit_idx: int = 0, **details: Any) -> Any:
        """Record a failure on the unit with ``sub_unit_idx`` (default the repaired unit); see
        :meth:`UURSubUnit.add_failure` for ``comment``, ``com_ref``, ``ref_step_id``…"""
        for unit in self.sub_units:
            if unit.idx == sub_unit_idx:
                return unit.add_failure(category, code, **details)
        if sub_unit_idx == 0:
            return self.main_unit.add_failure(category, code, **details)
        raise ValidationError(f"no unit with idx {sub_unit_idx}", field="sub_unit_idx", value=sub_unit_idx)

    @property
    def failures(self) -> list[Any]:
        """Every failure on every unit."""
        return [failure for unit in self.sub_units for failure in unit.failures]

    @property
    def uut_id(self) -> str | None:
        """Id of the UUT report this repair refers to (``uur.refUUT``)."""
        info = self.info
        return info.ref_uut if info is not None else None


def report_from_dict(data: Any) -> UUTReport | UURReport:
    """A report view over a WSJF document already parsed into dicts (not copied).

    Raises :class:`ReportParseError` if the containers are not where a report has them.
    """
    kind = check_shape(data)
    return UURReport.wrap(data) if kind == "R" else UUTReport.wrap(data)


def parse_wsjf(content: bytes | str) -> UUTReport | UURReport:
    """Read a WSJF document (bytes or text).

    Malformed JSON raises :class:`ReportParseError` with the line and column.
    """
    try:
        data = pydantic_core.from_json(content, allow_inf_nan=True)
    except ValueError as exc:
        raise ReportParseError(
            f"not valid JSON: {exc}", location=_json_location(str(exc)), operation="parse_wsjf", cause=exc
        ) from exc
    return report_from_dict(data)


_LINE_RE = re.compile(r"line (\d+) column (\d+)")


def _json_location(message: str) -> str:
    match = _LINE_RE.search(message)
    return f"line {match.group(1)}, column {match.group(2)}" if match else "(document)"
