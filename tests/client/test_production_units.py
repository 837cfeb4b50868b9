"""Units through both twins: registration rules, lookups, internal views and the change feed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pywats import ConflictError, ErrorMode, NotFoundError, Unit, ValidationError
from pywats.testing import ServerControl


@pytest.fixture
def api(twin: Any) -> Any:
    for pn, revisions in {"WIDGET-001": ["A", "B"], "PCBA": ["1"]}.items():
        twin.product.create_product(pn)
        for rev in revisions:
            twin.product.create_revision(pn, rev)
    return twin


def test_register_read_and_update_a_unit(api: Any) -> None:
    made = datetime(2026, 1, 30, 10, 0, tzinfo=UTC)
    [unit] = api.production.create_units(
        [
            Unit(
                serial_number="SN-1",
                part_number="WIDGET-001",
                revision="A",
                batch_number="B1",
                serial_date=made,
            )
        ]
    )
    assert (unit.unit_phase_id, unit.unit_phase) == (2, "Under production")
    assert unit.product.part_number == "WIDGET-001" and unit.product_revision.revision == "A"

    fetched = api.production.get_unit("SN-1", "WIDGET-001")
    assert fetched.serial_date == made and fetched.batch_number == "B1"
    fetched.current_location = "Line 2"
    fetched.revision = "B"
    saved = api.production.update_unit(fetched)
    assert (saved.current_location, saved.revision, saved.batch_number) == ("Line 2", "B", "B1")


def test_unit_rules_answer_with_the_servers_words(api: Any, wats_control: ServerControl) -> None:
    with pytest.raises(ValidationError) as unknown_product:
        api.production.create_units([{"serialNumber": "SN-9", "partNumber": "NO-SUCH-PN"}])
    assert "NO-SUCH-PN" in unknown_product.value.message and "does not exist" in unknown_product.value.message
    with pytest.raises(ValidationError) as unknown_revision:
        api.production.create_units([{"serialNumber": "SN-9", "partNumber": "PCBA", "revision": "Z"}])
    assert "Revision 'Z'" in unknown_revision.value.message
    with pytest.raises(ValidationError) as bad_phase:
        api.production.create_units([{"serialNumber": "SN-9", "partNumber": "PCBA", "unitPhaseId": 3}])
    assert "Unknown unit phase 3" in bad_phase.value.message
    with pytest.raises(NotFoundError):
        api.production.get_unit("SN-9", "PCBA")  # all or nothing: nothing was stored

    wats_control.clear_requests()
    with pytest.raises(ValidationError) as missing:
        api.production.create_units([{"partNumber": "PCBA"}])
    assert missing.value.field == "units.serial_number"
    assert wats_control.requests() == []


def test_missing_units_in_both_error_modes(make_twin: Any) -> None:
    strict, lenient = make_twin(), make_twin(error_mode=ErrorMode.LENIENT)
    with pytest.raises(NotFoundError) as info:
        strict.production.get_unit("NOPE", "PCBA")
    assert (info.value.resource_type, info.value.identifier) == ("Unit", "NOPE/PCBA")
    assert lenient.production.get_unit("NOPE", "PCBA") is None
    assert lenient.production.get_unit_info("NOPE", "PCBA") is None
    assert lenient.production.get_unit_state_history("NOPE", "PCBA") == []
    with pytest.raises(NotFoundError):
        strict.production.get_unit_hierarchy("NOPE", "PCBA")
    with pytest.raises(NotFoundError):
        strict.production.set_unit_process("NOPE", "PCBA", 50)
    assert lenient.production.set_unit_process("NOPE", "PCBA", 50) is None


def test_awkward_serial_and_part_numbers(twin: Any) -> None:
    for serial, part in [
        ("SN/1", "PN/A"),
        ("S N#2", "P N#B"),
        ("序列-Ü", "零件-ß"),
        ("..", "100%"),
        ("a?b", "c&d"),
    ]:
        twin.product.create_product(part)
        twin.production.create_units([{"serialNumber": serial, "partNumber": part}])
        unit = twin.production.get_unit(serial, part)
        assert (unit.serial_number, unit.part_number) == (serial, part)
        twin.production.set_unit_phase(serial, part, 16)
        assert twin.production.get_unit_phase(serial, part).phase_id == 16


def test_internal_create_and_lookup_by_serial(api: Any) -> None:
    created = api.production.create_unit("SN-7", "PCBA", "1", batch_number="LOT-1", unit_phase=16)
    assert (created.unit_phase_id, created.batch_number) == (16, "LOT-1")
    with pytest.raises(ConflictError):
        api.production.create_unit("SN-7", "PCBA", "1")
    assert api.production.get_unit_by_serial_number("SN-7").part_number == "PCBA"

    api.production.create_units([{"serialNumber": "SN-7", "partNumber": "WIDGET-001"}])
    with pytest.raises(ValidationError) as ambiguous:
        api.production.get_unit_by_serial_number("SN-7")
    assert "several products" in ambiguous.value.message
    assert api.production.get_unit_by_serial_number("SN-7", "WIDGET-001").part_number == "WIDGET-001"


def test_unit_views(api: Any) -> None:
    api.production.create_units([{"serialNumber": "SN-1", "partNumber": "WIDGET-001", "revision": "A"}])
    api.production.set_unit_process("SN-1", "WIDGET-001", 50, comment="to ICT")
    info = api.production.get_unit_info("SN-1", "WIDGET-001")
    assert info.process_code == 50 and info.model_extra["processName"] == "PCBA test"
    assert info.model_extra["subUnitCount"] == 0
    assert api.production.get_unit_process("SN-1", "WIDGET-001") == {
        "processCode": 50,
        "processName": "PCBA test",
    }
    api.production.set_unit_phase("SN-1", "WIDGET-001", 16, comment="done")
    history = api.production.get_unit_state_history("SN-1", "WIDGET-001")
    assert [(h.unit_phase_id, h.process_code, h.comment) for h in history] == [
        (2, None, "Registered"),
        (2, 50, "to ICT"),
        (16, 50, "done"),
    ]
    assert all(h.changed_utc is not None and h.changed_utc.tzinfo for h in history)
    api.production.set_unit_process("SN-1", "WIDGET-001", None)
    assert api.production.get_unit_process("SN-1", "WIDGET-001")["processCode"] is None


def test_unknown_process_code_is_refused(api: Any) -> None:
    api.production.create_units([{"serialNumber": "SN-1", "partNumber": "PCBA"}])
    with pytest.raises(ValidationError) as info:
        api.production.set_unit_process("SN-1", "PCBA", 4242)
    assert "Unknown process code 4242" in info.value.message


def test_change_feed(api: Any, make_twin: Any) -> None:
    api.production.create_units([{"serialNumber": "SN-1", "partNumber": "WIDGET-001", "revision": "A"}])
    api.production.create_units([{"serialNumber": "SN-1", "partNumber": "WIDGET-001", "revision": "B"}])
    api.production.set_unit_phase("SN-1", "WIDGET-001", "Shipped")
    changes = api.production.get_unit_history("SN-1", "WIDGET-001")
    assert [(c.new_part_number, c.new_revision, c.new_unit_phase_id) for c in changes] == [
        ("WIDGET-001", "A", 2),
        (None, "B", None),
        (None, None, 2048),
    ]
    assert [c.id for c in api.production.get_unit_changes(top=1, skip=1)] == [changes[1].id]
    api.production.acknowledge_unit_change(changes[0].id)
    api.production.delete_unit_change(changes[1].id)
    assert [c.id for c in api.production.get_unit_changes()] == [changes[2].id]
    with pytest.raises(NotFoundError):
        api.production.delete_unit_change(changes[0].id)
    assert make_twin(error_mode=ErrorMode.LENIENT).production.delete_unit_change(changes[0].id) is None
    with pytest.raises(ValidationError):
        api.production.get_unit_changes(top=-1)


def test_units_batch(api: Any) -> None:
    api.production.create_units(
        [{"serialNumber": f"SN-{i}", "partNumber": "PCBA"} for i in range(5)]
        + [{"serialNumber": "SN-0", "partNumber": "WIDGET-001"}]
    )
    by_serial = api.production.get_units_batch(["SN-1", "SN-2", "MISSING", "SN-0"])
    assert [r.ok for r in by_serial] == [True, True, False, False]
    assert isinstance(by_serial[2].error, NotFoundError)
    assert isinstance(by_serial[3].error, ValidationError)  # SN-0 is used by two products
    with_part = api.production.get_units_batch(["SN-0", "SN-4"], part_number="PCBA")
    assert [r.value.part_number for r in with_part] == ["PCBA", "PCBA"]
    with pytest.raises(ValidationError):
        api.production.get_units_batch("SN-1")


def test_is_connected_and_sites(twin: Any, wats_control: ServerControl) -> None:
    assert twin.production.is_connected() is True
    assert twin.production.get_sites()[0]["name"]
    assert all(r["referer"] for r in wats_control.requests())


def test_a_summary_answer_with_errors_is_an_error(api: Any, wats_control: ServerControl) -> None:
    """Some WATS versions answer PUT Units with ``{"errorCount": n}`` instead of the stored units."""
    unit = {"serialNumber": "SN-1", "partNumber": "PCBA"}
    wats_control.add_fault(path="/api/Production/Units", method="PUT", status=200, body='{"errorCount": 0}')
    assert [u.serial_number for u in api.production.create_units([unit])] == ["SN-1"]
    wats_control.add_fault(path="/api/Production/Units", method="PUT", status=200, body='{"ErrorCount": 1}')
    with pytest.raises(ValidationError) as info:
        api.production.create_units([unit])
    assert "refused 1 of 1" in info.value.message
