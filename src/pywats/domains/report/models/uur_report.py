"""Repair reports: :class:`UURReport`, with the repaired units and their failures."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import (
    Child,
    WireList,
)
from pywats.domains.report.models.enums import ReportType
from pywats.domains.report.models.header import UURFailure, UURInfo, UURSubUnit
from pywats.domains.report.models.report import (
    DEFAULT_REPAIR_PROCESS_CODE,
    GUID_RE,
    Report,
    code_value,
    optional_text,
    require_field,
    start_pair,
)

__all__ = ["UURReport"]


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
        local, utc = start_pair(start)
        ref = None if ref_uut is None else str(ref_uut)
        if ref is not None and not GUID_RE.match(ref):
            raise ValidationError(
                f"ref_uut must be a report GUID, got {ref_uut!r}", field="refUUT", value=ref_uut
            )
        self._d = {
            "type": ReportType.UUR.value,
            "id": str(uuid.uuid4()),
            "pn": require_field("pn", pn),
            "sn": require_field("sn", sn),
            "rev": require_field("rev", rev),
            "processCode": code_value("processCode", process_code),
            "result": "P",
            "machineName": optional_text("machineName", station_name),
            "location": optional_text("location", location),
            "purpose": optional_text("purpose", purpose),
            "start": local,
            "startUTC": utc,
            "uur": {
                "comment": optional_text("comment", comment),
                "user": optional_text("operator", operator),
                "processCode": code_value("test_operation_code", test_operation_code),
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
            pn=require_field("pn", pn),
            rev=rev,
            sn=require_field("sn", sn),
            idx=next_idx,
            parent_idx=parent_idx,
        )
        if replaced_idx is not None:
            unit.replaced_idx = replaced_idx
        if position is not None:
            unit.position = position
        self.sub_units.append(unit)
        return unit

    def add_failure(self, category: str, code: str, *, sub_unit_idx: int = 0, **details: Any) -> UURFailure:
        """Record a failure on the unit with ``sub_unit_idx`` (default the repaired unit); see
        :meth:`UURSubUnit.add_failure` for ``comment``, ``com_ref``, ``ref_step_id``…"""
        for unit in self.sub_units:
            if unit.idx == sub_unit_idx:
                return unit.add_failure(category, code, **details)
        if sub_unit_idx == 0:
            return self.main_unit.add_failure(category, code, **details)
        raise ValidationError(f"no unit with idx {sub_unit_idx}", field="sub_unit_idx", value=sub_unit_idx)

    @property
    def failures(self) -> list[UURFailure]:
        """Every failure on every unit."""
        return [failure for unit in self.sub_units for failure in unit.failures]

    @property
    def uut_id(self) -> str | None:
        """Id of the UUT report this repair refers to (``uur.refUUT``)."""
        info = self.info
        return info.ref_uut if info is not None else None
