"""Serial-number pools: import, take (XML answer), search, export and the internal range tools."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pywats import ConflictError, ValidationError
from pywats.domains.production import SerialNumberIdentifier, SerialNumberRange
from pywats.testing import ServerControl

POOL = "".join(f"SerialNumber,SN{n:08d}\n" for n in range(1, 11)).encode()


@pytest.fixture
def pool(twin: Any) -> Any:
    assert twin.production.import_serial_numbers(POOL) == {"imported": 10, "skipped": 0}
    return twin


def test_types(twin: Any) -> None:
    types = {t.name: t for t in twin.production.get_serial_number_types()}
    assert set(types) == {"SerialNumber", "MACAddress", "IMEI"}
    assert types["MACAddress"].identifier == SerialNumberIdentifier.MAC_ADDRESS
    assert types["SerialNumber"].format == "SN########"


def test_take_and_find(pool: Any, wats_control: ServerControl) -> None:
    taken = pool.production.allocate_serial_numbers(
        "SerialNumber", 3, reference_sn="BOX-1", station_name="ST-1"
    )
    assert taken == ["SN00000001", "SN00000002", "SN00000003"]
    assert pool.production.allocate_serial_numbers("SerialNumber") == ["SN00000004"]
    take = next(r for r in wats_control.requests() if r["path"].endswith("/Take"))
    assert take["method"] == "POST" and "quantity=3" in take["query"]

    by_reference = pool.production.find_serial_numbers_by_reference("SerialNumber", reference_serial="BOX-1")
    assert [r.serial_number for r in by_reference] == taken
    assert {r.station_name for r in by_reference} == {"ST-1"}
    in_range = pool.production.find_serial_numbers_in_range("SerialNumber", "SN00000003", "SN00000005")
    assert [(r.serial_number, r.state) for r in in_range] == [
        ("SN00000003", "Taken"),
        ("SN00000004", "Taken"),
        ("SN00000005", "Free"),
    ]


def test_an_exhausted_pool_is_a_conflict(pool: Any) -> None:
    with pytest.raises(ConflictError) as info:
        pool.production.allocate_serial_numbers("SerialNumber", 11)
    assert "Only 10 free" in info.value.message
    with pytest.raises(ValidationError) as unknown:
        pool.production.allocate_serial_numbers("NoSuchType", 1)
    assert "NoSuchType" in unknown.value.message
    with pytest.raises(ValidationError) as count:
        pool.production.allocate_serial_numbers("SerialNumber", 0)
    assert count.value.field == "count"


def test_export_and_import_round_trip(pool: Any, twin: Any) -> None:
    pool.production.allocate_serial_numbers("SerialNumber", 2, reference_pn="PN-1")
    exported = pool.production.export_serial_numbers("SerialNumber")
    assert exported.startswith(b"SerialNumberType,SerialNumber,State")
    xml = pool.production.export_serial_numbers("SerialNumber", state="Taken", format="xml")
    assert xml.count(b"<SN ") == 2
    assert pool.production.import_serial_numbers(exported) == {"imported": 0, "skipped": 10}
    xml_pool = (
        b'<SerialNumbers type="MACAddress">'
        b'<SN id="00:1A:2B:3C:4D:01"/><SN id="00:1A:2B:3C:4D:02"/>'
        b"</SerialNumbers>"
    )
    assert pool.production.import_serial_numbers(xml_pool, "application/xml")["imported"] == 2
    assert pool.production.allocate_serial_numbers("MACAddress", 2) == [
        "00:1A:2B:3C:4D:01",
        "00:1A:2B:3C:4D:02",
    ]
    with pytest.raises(ValidationError):
        pool.production.export_serial_numbers("SerialNumber", format="pdf")


def test_bad_import_files(twin: Any) -> None:
    with pytest.raises(ValidationError) as not_a_serial:
        twin.production.import_serial_numbers(b"SerialNumber,ABC\n")
    assert "Line 1" in not_a_serial.value.message
    with pytest.raises(ValidationError) as hostile:
        twin.production.import_serial_numbers(
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]><SerialNumbers type="IMEI"><SN id="&a;"/></SerialNumbers>',
            "application/xml",
        )
    assert "DOCTYPE" in hostile.value.message
    with pytest.raises(ValidationError):
        twin.production.import_serial_numbers("not bytes")


def test_internal_range_tools(pool: Any) -> None:
    before = datetime.now(UTC) - timedelta(seconds=5)
    pool.production.allocate_serial_numbers("SerialNumber", 4)
    ranges = pool.production.get_serial_number_ranges("SerialNumber")
    assert [(r.start_address, r.end_address, r.count, r.free_count) for r in ranges] == [
        ("SN00000001", "SN00000010", 10, 6)
    ]
    stats = pool.production.get_serial_number_statistics()
    assert (stats["total"], stats["free"], stats["taken"]) == (10, 6, 4)
    found = pool.production.find_serial_numbers("SerialNumber", "SN00000001", "SN00000010", start_date=before)
    assert len(found) == 4
    assert pool.production.get_serial_number_count("SerialNumber", "SN00000001", "SN00000005") == 5
    assert pool.production.get_serial_number_count("SerialNumber", from_date=before) == 4

    span = SerialNumberRange(
        serial_number_type="SerialNumber", start_address="SN00000001", end_address="SN00000002"
    )
    assert pool.production.free_serial_numbers([span]) == {"freed": 2}
    deleted = pool.production.delete_free_serial_numbers(
        [{"serialNumberType": "SerialNumber", "startAddress": "SN00000001", "endAddress": "SN00000004"}]
    )
    assert deleted == {"deleted": 2}  # the two taken ones stay: something uses them
    ranges = pool.production.get_serial_number_ranges("SerialNumber")
    assert [(r.start_address, r.end_address) for r in ranges] == [("SN00000003", "SN00000010")]
    with pytest.raises(ValidationError):
        pool.production.free_serial_numbers([])
    with pytest.raises(ValidationError):
        pool.production.free_serial_numbers([{"startAddress": "SN00000001", "endAddress": "SN00000002"}])
