"""Unit verification (graded from stored reports), recent units, and production batches."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pywats import ErrorMode, NotFoundError, ProductionBatch, ValidationError
from pywats.tools.test_uut import TestUUT

UUR_FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "reports" / "uur-repair.json"
T0 = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)


def _test(api: Any, sn: str, process: int, passed: bool, minutes: int, pn: str = "PN") -> str:
    start = T0 + timedelta(minutes=minutes)
    uut = TestUUT(pn, sn, "A", operator="op", purpose=process, start=start, station_name="ST", location="Lab")
    uut.add_pass_fail_step("Check", passed=passed)
    return str(api.report.submit_report(uut))


def _repair(api: Any, sn: str, failed_uut: str, minutes: int, pn: str = "PN") -> None:
    report = copy.deepcopy(json.loads(UUR_FIXTURE.read_text()))
    report.update(id=str(uuid.uuid4()), pn=pn, sn=sn, rev="A")
    start = T0 + timedelta(minutes=minutes)
    report.update(start=start.isoformat(), startUTC=start.isoformat().replace("+00:00", "Z"))
    report["uur"]["refUUT"] = failed_uut
    report["subUnits"][0].update(pn=pn, sn=sn, rev="A")
    api.report.submit_report(report)


@pytest.fixture
def api(twin: Any) -> Any:
    twin.product.create_product("PN")
    twin.product.create_revision("PN", "A")
    twin.production.create_units([{"serialNumber": s, "partNumber": "PN", "revision": "A"} for s in "ABCD"])
    return twin


def test_grades_from_reports(api: Any) -> None:
    _test(api, "A", 50, True, 0)
    _test(api, "A", 100, True, 5)
    grade = api.production.get_unit_grade("A", "PN")
    assert (grade.status, grade.grade) == ("Passed", "A")
    assert [(r.process_code, r.process_name, r.status, r.total_count) for r in grade.results] == [
        (50, "PCBA test", "Passed", 1),
        (100, "End of line test", "Passed", 1),
    ]
    assert api.production.is_unit_passing("A", "PN")

    failed = _test(api, "B", 50, False, 0)
    _repair(api, "B", failed, 2)
    _test(api, "B", 50, True, 3)
    grade = api.production.verify_unit("B", "PN", revision="A")
    assert (grade.grade, grade.no_repairs, grade.all_processes_passed_first_run) == ("C", False, False)
    assert grade.results[0].non_passed_count == 1 and grade.results[0].repair_count == 1

    _test(api, "C", 50, False, 0)
    grade = api.production.get_unit_grade("C", "PN")
    assert (grade.status, grade.grade) == ("Failed", "F")
    assert not api.production.is_unit_passing("C", "PN")

    untested = api.production.get_unit_grade("D", "PN")
    assert (untested.status, untested.grade, untested.results) == ("Unknown", "-", [])


def test_grade_of_an_unknown_unit(api: Any, make_twin: Any) -> None:
    with pytest.raises(NotFoundError):
        api.production.get_unit_grade("ZZZ", "PN")
    assert make_twin(error_mode=ErrorMode.LENIENT).production.get_unit_grade("ZZZ", "PN") is None


def test_recent_units_come_from_test_reports(api: Any) -> None:
    for minutes, sn in enumerate(["A", "B", "A", "C", "UNREGISTERED"]):
        _test(api, sn, 50, True, minutes)
    units = api.production.get_units(top=3)
    assert [u.serial_number for u in units] == ["UNREGISTERED", "C", "A"]
    assert units[0].product is None and units[0].revision == "A"  # only what the report says
    assert units[1].product.part_number == "PN"  # registered: read from production
    assert [u.serial_number for u in api.production.get_units(top=10, part_number="PN")] == [
        "UNREGISTERED",
        "C",
        "A",
        "B",
    ]
    assert api.production.get_units(part_number="OTHER") == []
    with pytest.raises(ValidationError):
        api.production.get_units(top=0)


def test_batches(twin: Any) -> None:
    twin.product.create_product("PN")
    created = twin.production.create_batch("LOT-1", 100)
    assert (created.batch_number, created.batch_size) == ("LOT-1", 100)
    twin.production.save_batches(
        [ProductionBatch(batch_number="LOT-2"), {"batchNumber": "LOT-3", "batchSize": 5}]
    )
    created.batch_size = 120
    assert twin.production.update_batch(created).batch_size == 120
    assert [b.batch_number for b in twin.production.get_batches()] == ["LOT-1", "LOT-2", "LOT-3"]
    assert [b.batch_size for b in twin.production.get_batches(batch_id="LOT-1")] == [120]
    twin.production.create_units([{"serialNumber": "S1", "partNumber": "PN", "batchNumber": "LOT-3"}])
    assert [b.batch_number for b in twin.production.get_batches(part_number="PN")] == ["LOT-3"]
    with pytest.raises(ValidationError) as bad:
        twin.production.create_batch("LOT-4", -1)
    assert bad.value.field == "batch_size"
    assert twin.production.save_batches([]) == []
