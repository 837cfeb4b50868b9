"""Assets and asset types over the wire, through both twins: CRUD, OData lists, hierarchy."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from pywats import (
    Asset,
    AssetState,
    AssetType,
    ConflictError,
    ErrorMode,
    NotFoundError,
    ValidationError,
)


def _fixture_type(twin: Any, name: str = "Fixture", **limits: Any) -> AssetType:
    return twin.asset.create_asset_type(name, **limits)


def test_asset_types_create_list_filter_update(twin: Any) -> None:
    fixture = twin.asset.create_asset_type("Fixture", 1000, 50000, 30.0, 90.0, 80.0, 100.0, icon="fixture")
    assert isinstance(fixture, AssetType) and fixture.type_id is not None
    assert (fixture.running_count_limit, fixture.calibration_interval, fixture.icon) == (
        1000,
        30.0,
        "fixture",
    )
    twin.asset.create_asset_type("Cable")
    assert [t.type_name for t in twin.asset.get_asset_types()] == ["Cable", "Fixture"]
    only = twin.asset.get_asset_types(filter_str="typeName eq 'Fixture'")
    assert [t.type_id for t in only] == [fixture.type_id]
    assert len(twin.asset.get_asset_types(top=1)) == 1

    fixture.running_count_limit = 2000
    updated = twin.asset.update_asset_type(fixture)
    assert updated.type_id == fixture.type_id and updated.running_count_limit == 2000
    # The name is the natural key: creating it again updates the same type.
    again = twin.asset.create_asset_type("fixture", total_count_limit=7)
    assert again.type_id == fixture.type_id and again.total_count_limit == 7


def test_asset_type_errors(twin: Any) -> None:
    with pytest.raises(ValidationError) as info:
        twin.asset.create_asset_type("  ")
    assert info.value.field == "type_name"
    with pytest.raises(ValidationError):  # the server refuses warning above alarm
        twin.asset.create_asset_type("Odd", warning_threshold=90.0, alarm_threshold=50.0)
    with pytest.raises(ValidationError):
        twin.asset.create_asset_type("Neg", running_count_limit=-1)
    with pytest.raises(ValidationError) as info:
        twin.asset.update_asset_type("not a type")
    assert info.value.field == "asset_type"


def test_create_get_update_delete(twin: Any) -> None:
    kind = _fixture_type(twin)
    created = twin.asset.create_asset(
        "FX-001",
        kind.type_id,
        "Bed of nails",
        "ICT fixture",
        "Line 1",
        part_number="FIX-PN",
        revision="B",
        client_id=42,
        tags={"owner": "ict"},
    )
    assert isinstance(created, Asset)
    assert created.asset_id is not None and created.state == AssetState.IN_OPERATION
    assert (created.client_id, created.total_count, created.running_count) == (42, 0, 0)
    assert created.asset_type is not None and created.asset_type.type_name == "Fixture"

    by_id = twin.asset.get_asset(created.asset_id)
    by_serial = twin.asset.get_asset(serial_number="FX-001")
    assert by_id == by_serial
    assert twin.asset.get_asset_by_serial("FX-001").asset_name == "Bed of nails"
    assert [(t.key, t.value) for t in by_id.tags] == [("owner", "ict")]

    by_id.location = "Line 2"
    saved = twin.asset.update_asset(by_id)
    assert saved.location == "Line 2" and saved.asset_id == created.asset_id
    assert twin.asset.get_asset(created.asset_id).client_id == 42  # untouched members survive

    assert twin.asset.delete_asset(serial_number="FX-001") is True
    with pytest.raises(NotFoundError) as info:
        twin.asset.get_asset(created.asset_id)
    assert info.value.resource_type == "Asset"
    with pytest.raises(NotFoundError):
        twin.asset.delete_asset(created.asset_id)


def test_create_asset_errors(twin: Any) -> None:
    kind = _fixture_type(twin)
    with pytest.raises(ValidationError) as info:
        twin.asset.create_asset("", kind.type_id)
    assert info.value.field == "serial_number"
    with pytest.raises(ValidationError) as info:
        twin.asset.create_asset("FX-1", "not-a-guid")
    assert info.value.field == "type_id"
    with pytest.raises(ValidationError) as info:
        twin.asset.create_asset("FX-1", kind.type_id, state=99)
    assert info.value.field == "state"
    with pytest.raises(ValidationError) as info:
        twin.asset.create_asset("FX-1", kind.type_id, running_count=-5)
    assert info.value.field == "running_count"
    with pytest.raises(ValidationError, match="not a known asset type"):
        twin.asset.create_asset("FX-1", uuid.uuid4())
    with pytest.raises(ValidationError, match="parent"):
        twin.asset.create_asset("FX-1", kind.type_id, parent_serial_number="NO-SUCH-PARENT")
    with pytest.raises(ValidationError) as info:
        twin.asset.get_asset()
    assert info.value.field == "asset_id"
    with pytest.raises(ValidationError):
        twin.asset.update_asset({"serialNumber": "FX-1"})
    with pytest.raises(NotFoundError):
        twin.asset.get_asset_by_serial("NOBODY")


def test_get_assets_with_odata(twin: Any) -> None:
    kind = _fixture_type(twin)
    for i in range(6):
        twin.asset.create_asset(
            f"FX-{i}", kind.type_id, f"Fixture {i}", state=AssetState.IN_STORAGE if i % 2 else 1
        )
    assert len(twin.asset.get_assets()) == 6
    assert len(twin.asset.get_assets(top=4)) == 4
    stored = twin.asset.get_assets(filter_str="state eq 5", orderby="serialNumber desc")
    assert [a.serial_number for a in stored] == ["FX-5", "FX-3", "FX-1"]
    page = twin.asset.get_assets(orderby="serialNumber", top=2, skip=2)
    assert [a.serial_number for a in page] == ["FX-2", "FX-3"]
    named = twin.asset.get_assets(filter_str="startswith(assetName,'fixture') and serialNumber ne 'FX-0'")
    assert len(named) == 5
    assert (
        twin.asset.get_assets(filter_str="description eq null and contains(serialNumber,'4')")[
            0
        ].serial_number
        == "FX-4"
    )
    with pytest.raises(ValidationError):  # the server cannot parse it
        twin.asset.get_assets(filter_str="state eq eq 1")
    with pytest.raises(ValidationError) as info:
        twin.asset.get_assets(top=-1)
    assert info.value.field == "top"
    with pytest.raises(ValidationError) as info:
        twin.asset.get_assets(skip=True)
    assert info.value.field == "skip"


def test_hierarchy(twin: Any) -> None:
    kind = _fixture_type(twin)
    station = twin.asset.create_asset("ST-1", kind.type_id)
    fixture = twin.asset.create_asset("FX-1", kind.type_id, parent_asset_id=station.asset_id)
    probe = twin.asset.create_asset("PR-1", kind.type_id, parent_serial_number="FX-1")
    loose = twin.asset.create_asset("PR-2", kind.type_id)
    assert fixture.parent_asset_id == station.asset_id
    assert probe.parent_serial_number == "FX-1"

    assert [a.serial_number for a in twin.asset.get_child_assets(station.asset_id)] == ["FX-1"]
    assert [a.serial_number for a in twin.asset.get_child_assets(parent_serial="ST-1", level=2)] == [
        "FX-1",
        "PR-1",
    ]
    assert twin.asset.add_child_asset(fixture.asset_id, loose.asset_id) is True
    assert [a.serial_number for a in twin.asset.get_child_assets(fixture.asset_id)] == ["PR-1", "PR-2"]

    with pytest.raises(ValidationError, match="ancestor"):  # no cycles
        twin.asset.add_child_asset(probe.asset_id, station.asset_id)
    with pytest.raises(ConflictError):  # a parent cannot be deleted
        twin.asset.delete_asset(station.asset_id)
    with pytest.raises(ValidationError) as info:
        twin.asset.get_child_assets(station.asset_id, level=0)
    assert info.value.field == "level"
    with pytest.raises(NotFoundError):
        twin.asset.get_child_assets(parent_serial="NOBODY")


def test_serial_number_clash_is_a_conflict(twin: Any) -> None:
    kind = _fixture_type(twin)
    twin.asset.create_asset("A-1", kind.type_id)
    second = twin.asset.create_asset("A-2", kind.type_id)
    second.serial_number = "A-1"
    with pytest.raises(ConflictError):
        twin.asset.update_asset(second)


def test_lenient_mode_returns_none_and_false(make_twin: Callable[..., Any]) -> None:
    api = make_twin(error_mode=ErrorMode.LENIENT)
    missing = str(uuid.uuid4())
    assert api.asset.get_asset(missing) is None
    assert api.asset.get_asset_state(missing) is None
    assert api.asset.delete_asset(missing) is False
    assert api.asset.set_asset_state(AssetState.SCRAPPED, serial_number="NOBODY") is False
    assert api.asset.increment_count(missing) is False
    assert api.asset.get_status(missing) is None
    assert api.asset.add_child_asset(missing, missing) is False
