"""Test reports: :class:`UUTReport`, with its step tree under ``root``."""

from __future__ import annotations

import uuid
from datetime import datetime

from pywats.domains.report.models._wire import (
    Child,
    WireList,
)
from pywats.domains.report.models.enums import ReportType
from pywats.domains.report.models.header import UUTInfo
from pywats.domains.report.models.parts import SubUnit
from pywats.domains.report.models.report import (
    ROOT_STEP_NAME,
    Report,
    code_value,
    optional_text,
    require_field,
    start_pair,
)
from pywats.domains.report.models.sequence import SequenceCall
from pywats.domains.report.models.steps import Step, step_view

__all__ = ["UUTReport"]


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
        local, utc = start_pair(start)
        self._d = {
            "type": ReportType.UUT.value,
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
            "root": {
                "group": "M",
                "stepType": "SequenceCall",
                "name": require_field("root_name", root_name),
                "status": "P",
                "steps": [],
                "seqCall": {
                    "path": sequence_path,
                    "name": sequence_name or "MainSequence",
                    "version": sequence_version,
                },
            },
            "uut": {"user": optional_text("operator", operator)},
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
        self._d.setdefault("uut", {})["user"] = optional_text("operator", value)

    @property
    def sub_units(self) -> WireList[SubUnit]:
        """Components of the tested unit."""
        return WireList(self._d, "subUnits", SubUnit.wrap)

    def add_sub_unit(
        self, part_type: str, sn: str, pn: str, rev: str | None = None, *, position: int | None = None
    ) -> SubUnit:
        """Record a component of the unit (argument order as in pyWATS: part type, serial, part number)."""
        unit = SubUnit(
            part_type=require_field("part_type", part_type),
            pn=require_field("pn", pn),
            rev=rev,
            sn=require_field("sn", sn),
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
