"""One row per failure of each UUR report in a selection, with the repair and the repaired test's details.

The selection's part number, revision, station … apply to the UUR report; its test operation applies to the
process of the test that failed (the UUR's referenced UUT, or the UUR's own ``processCode`` member).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, aliased

from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.dimensions import Dimension
from pywats_server.domains.analytics.periods import period_label
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.report.tables import (
    ReportDocumentRow,
    ReportFailureRow,
    ReportRow,
    ReportStepRow,
    ReportSubUnitRow,
)

__all__ = ["REPAIR_DIMENSIONS", "RepairRow", "repair_rows"]

_MULTI = ("productGroup",)
_NAMES = (
    "partNumber",
    "revision",
    "productName",
    "productGroup",
    "level",
    "unitType",
    "repairOperation",
    "stationName",
    "location",
    "purpose",
    "operator",
    "period",
    "batchNumber",
    "swFilename",
    "swVersion",
    "miscInfoDescription",
    "miscInfoString",
    "repairCategory",
    "repairCode",
    "repairType",
    "failCode",
    "componentRef",
    "componentNumber",
    "componentRevision",
    "componentVendor",
    "componentDescription",
    "functionBlock",
    "referencedStep",
    "referencedStepPath",
    "testOperation",
    "testPeriod",
    "testLevel",
    "testStationName",
    "testLocation",
    "testPurpose",
    "testOperator",
)
REPAIR_DIMENSIONS: dict[str, Dimension] = {
    name.casefold(): Dimension(name, (), lambda _row, _at, _ctx: ()) for name in _NAMES
}


@dataclass
class RepairRow:
    """A repaired failure (or a UUR report without failures) and everything it can be grouped by."""

    report_id: str
    start: datetime
    unit: tuple[str, str]
    has_failure: bool
    test_id: str | None
    ref_step_id: int | None
    symptom: str | None
    fields: dict[str, Any] = field(default_factory=dict)
    groups: tuple[str, ...] = ()

    def values(self, name: str) -> tuple[Any, ...]:
        """The value(s) of a dimension for this row."""
        if name == "productGroup":
            return self.groups or (None,)
        return (self.fields.get(name),)


def repair_rows(session: Session, catalog: Catalog, selection: Selection, grouping: int) -> list[RepairRow]:
    """Every failure of the UUR reports ``selection`` picks in its window (reports without failures once)."""
    test = aliased(ReportRow)
    columns: dict[str, Any] = {
        "id": ReportRow.id,
        "serial_number": ReportRow.serial_number,
        "part_number": ReportRow.part_number,
        "revision": ReportRow.revision,
        "process_code": ReportRow.process_code,
        "process_name": ReportRow.process_name,
        "station_name": ReportRow.station_name,
        "location": ReportRow.location,
        "purpose": ReportRow.purpose,
        "operator": ReportRow.operator,
        "start_utc": ReportRow.start_utc,
        "batch_number": ReportRow.batch_number,
        "comment": ReportRow.comment,
        "sw_filename": test.sw_filename,
        "sw_version": test.sw_version,
        "fixture_id": ReportRow.fixture_id,
        "test_socket_index": ReportRow.test_socket_index,
        "test_id": test.id,
        "test_process_code": test.process_code,
        "test_process_name": test.process_name,
        "test_station": test.station_name,
        "test_location": test.location,
        "test_purpose": test.purpose,
        "test_operator": test.operator,
        "test_start": test.start_utc,
        "test_caused": test.caused_uut_failure,
    }
    columns |= {
        "failure_id": ReportFailureRow.row_id,
        "category": ReportFailureRow.category,
        "code": ReportFailureRow.code,
        "failure_comment": ReportFailureRow.comment,
        "com_ref": ReportFailureRow.com_ref,
        "func_block": ReportFailureRow.func_block,
        "ref_step_id": ReportFailureRow.ref_step_id,
        "ref_step_name": ReportFailureRow.ref_step_name,
        "art_number": ReportFailureRow.art_number,
        "art_rev": ReportFailureRow.art_rev,
        "art_vendor": ReportFailureRow.art_vendor,
        "art_description": ReportFailureRow.art_description,
        "unit_idx": ReportFailureRow.unit_idx,
    }
    window = selection.window
    statement = (
        select(*columns.values())
        .select_from(ReportRow)
        .outerjoin(ReportFailureRow, ReportFailureRow.report_id == ReportRow.id)
        .outerjoin(test, test.id == ReportRow.referenced_uut)
        .where(
            *selection.sql(report_type="R"),
            ReportRow.start_utc >= window.start,
            ReportRow.start_utc <= window.end,
        )
        .order_by(ReportRow.start_utc, ReportRow.id, ReportFailureRow.idx)
    )
    at = {name: position for position, name in enumerate(columns)}
    matches = selection.predicate(at)
    rows: list[Any] = [row for row in session.execute(statement) if matches(row)]
    untested = [str(row[at["id"]]) for row in rows if row[at["test_id"]] is None]
    tested_process = _tested_processes(session, untested)
    part_types = _part_types(session, {str(row[at["id"]]) for row in rows})
    found = []
    for row in rows:
        rid = row[at["id"]]
        code = (
            row[at["test_process_code"]]
            if row[at["test_id"]] is not None
            else tested_process.get(rid, (None, None))[0]
        )
        name = (
            row[at["test_process_name"]]
            if row[at["test_id"]] is not None
            else tested_process.get(rid, (None, None))[1]
        )
        if selection.process_codes is not None and code not in selection.process_codes:
            continue
        pn = row[at["part_number"]]
        has_failure = row[at["failure_id"]] is not None
        test_start = row[at["test_start"]]
        fields = {
            "partNumber": pn,
            "serialNumber": row[at["serial_number"]],
            "revision": row[at["revision"]],
            "productName": catalog.product_names.get(pn),
            "level": catalog.level_of(pn),
            "unitType": part_types.get((rid, row[at["unit_idx"]])),
            "repairOperation": catalog.process_name(row[at["process_code"]], row[at["process_name"]]),
            "stationName": row[at["station_name"]],
            "location": row[at["location"]],
            "purpose": row[at["purpose"]],
            "operator": row[at["operator"]],
            "period": period_label(row[at["start_utc"]], grouping),
            "batchNumber": row[at["batch_number"]],
            "swFilename": row[at["sw_filename"]],
            "swVersion": row[at["sw_version"]],
            "repairCategory": row[at["category"]],
            "repairCode": row[at["code"]],
            "failCode": row[at["code"]],
            "componentRef": row[at["com_ref"]],
            "componentNumber": row[at["art_number"]],
            "componentRevision": row[at["art_rev"]],
            "componentVendor": row[at["art_vendor"]],
            "componentDescription": row[at["art_description"]],
            "functionBlock": row[at["func_block"]],
            "referencedStep": row[at["ref_step_name"]],
            "referencedStepPath": None,
            "testOperation": catalog.process_name(code, name),
            "testPeriod": None if test_start is None else period_label(test_start, grouping),
            "testLevel": catalog.level_of(pn),
            "testStationName": row[at["test_station"]],
            "testLocation": row[at["test_location"]],
            "testPurpose": row[at["test_purpose"]],
            "testOperator": row[at["test_operator"]],
            "comment": row[at["comment"]],
            "failureComment": row[at["failure_comment"]],
        }
        found.append(
            RepairRow(
                report_id=rid,
                start=row[at["start_utc"]],
                unit=(row[at["serial_number"]], pn),
                has_failure=has_failure,
                test_id=row[at["test_id"]],
                ref_step_id=row[at["ref_step_id"]],
                symptom=row[at["test_caused"]],
                fields=fields,
                groups=catalog.groups_of(pn),
            )
        )
    pairs = [(r.test_id, r.ref_step_id) for r in found if r.test_id is not None and r.ref_step_id is not None]
    paths = _step_paths(session, pairs)
    for repair in found:
        repair.fields["referencedStepPath"] = paths.get((repair.test_id or "", repair.ref_step_id or 0))
    return found


def _tested_processes(session: Session, report_ids: list[str]) -> dict[str, tuple[int | None, str | None]]:
    """For UUR reports whose UUT is not stored: the tested process from the document's ``uur`` member."""
    found: dict[str, tuple[int | None, str | None]] = {}
    unique = sorted(set(report_ids))
    for start in range(0, len(unique), 500):
        statement = select(ReportDocumentRow.report_id, ReportDocumentRow.document).where(
            ReportDocumentRow.report_id.in_(unique[start : start + 500])
        )
        for report_id, document in session.execute(statement):
            info = json.loads(document).get("uur") or {}
            code = info.get("processCode")
            found[report_id] = (code if isinstance(code, int) else None, info.get("processName"))
    return found


def _part_types(session: Session, report_ids: set[str]) -> dict[tuple[str, int | None], str | None]:
    found: dict[tuple[str, int | None], str | None] = {}
    unique = sorted(report_ids)
    for start in range(0, len(unique), 500):
        statement = select(
            ReportSubUnitRow.report_id, ReportSubUnitRow.idx, ReportSubUnitRow.part_type
        ).where(ReportSubUnitRow.report_id.in_(unique[start : start + 500]))
        for report_id, idx, part_type in session.execute(statement):
            found[(report_id, idx)] = part_type
    return found


def _step_paths(session: Session, pairs: Sequence[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Step path by (report id, step id)."""
    found: dict[tuple[str, int], str] = {}
    unique = sorted(set(pairs))
    for start in range(0, len(unique), 400):
        chunk = unique[start : start + 400]
        statement = select(ReportStepRow.report_id, ReportStepRow.step_id, ReportStepRow.path).where(
            tuple_(ReportStepRow.report_id, ReportStepRow.step_id).in_(chunk)
        )
        for report_id, step_id, path in session.execute(statement):
            found[(report_id, step_id)] = path
    return found
