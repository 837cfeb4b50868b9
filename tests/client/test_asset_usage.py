"""Usage counts, states, alarm evaluation, calibration, maintenance and the asset log, both twins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from _support import FAST_RETRY
from _twins import AsyncBridge, Twin
from pywats import (
    AssetLogType,
    AssetState,
    AsyncWATS,
    AuthorizationError,
    NotFoundError,
    RetryConfig,
    ValidationError,
    pyWATS,
)
from pywats.domains.asset import AssetAlarmState, AssetStatus, evaluate_alarm_state
from pywats.testing import LocalWATSServer


def _asset(twin: Any, serial: str = "FX-1", **limits: Any) -> Any:
    kind = twin.asset.create_asset_type("Fixture", **limits)
    return twin.asset.create_asset(serial, kind.type_id)


def test_increment_and_reset_counts(twin: Any) -> None:
    parent = _asset(twin, "ST-1")
    child = twin.asset.create_asset("FX-1", parent.type_id, parent_asset_id=parent.asset_id)
    assert twin.asset.increment_count(parent.asset_id) is True
    assert twin.asset.increment_count(serial_number="ST-1", amount=4, increment_children=True) is True
    stored = twin.asset.get_asset(parent.asset_id)
    assert (stored.running_count, stored.total_count) == (5, 5)
    assert twin.asset.get_asset(child.asset_id).running_count == 4

    assert twin.asset.reset_running_count(parent.asset_id, comment="new probes") is True
    stored = twin.asset.get_asset(parent.asset_id)
    assert (stored.running_count, stored.total_count) == (0, 5)
    resets = twin.asset.get_asset_log(filter_str=f"type eq 3 and assetId eq '{parent.asset_id}'")
    assert [(r.type, r.comment) for r in resets] == [(AssetLogType.RESET_COUNT, "new probes")]

    for bad in (0, -2, 1.5, True):
        with pytest.raises(ValidationError) as info:
            twin.asset.increment_count(parent.asset_id, amount=bad)
        assert info.value.field == "amount"
    with pytest.raises(NotFoundError):
        twin.asset.reset_running_count(serial_number="NOBODY")


def test_set_counts(twin: Any) -> None:
    asset = _asset(twin)
    assert twin.asset.set_running_count(7, asset.asset_id) is True
    assert twin.asset.set_total_count(1000, serial_number="FX-1") is True
    stored = twin.asset.get_asset(asset.asset_id)
    assert (stored.running_count, stored.total_count) == (7, 1000)
    with pytest.raises(ValidationError) as info:
        twin.asset.set_total_count(-1, asset.asset_id)
    assert info.value.field == "value"
    with pytest.raises(NotFoundError):
        twin.asset.set_running_count(1, serial_number="NOBODY")


@pytest.fixture(scope="module")
def restricted_server() -> Iterator[LocalWATSServer]:
    """A server whose only user lacks the administrative permissions."""
    with LocalWATSServer(extra_args=["--restricted-user", "tester"]) as server:
        yield server


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_setting_counts_needs_the_permission(restricted_server: LocalWATSServer, flavour: str) -> None:
    restricted_server.control.reset()
    bridge = AsyncBridge() if flavour == "async" else None
    options = {"base_url": restricted_server.url, "token": restricted_server.token}
    api: Any = (
        pyWATS(**options, retry_config=RetryConfig(**FAST_RETRY))
        if bridge is None
        else Twin(AsyncWATS(**options, retry_config=RetryConfig(**FAST_RETRY)), bridge)
    )
    try:
        asset = _asset(api)
        assert api.asset.increment_count(asset.asset_id) is True  # counting needs no permission
        with pytest.raises(AuthorizationError, match="Edit Total count"):
            api.asset.set_running_count(0, asset.asset_id)
        with pytest.raises(AuthorizationError):
            api.asset.set_total_count(0, serial_number="FX-1")
        assert api.asset.get_asset(asset.asset_id).total_count == 1
    finally:
        api.close()
        if bridge is not None:
            bridge.close()


def test_states(twin: Any) -> None:
    asset = _asset(twin)
    assert twin.asset.get_asset_state(asset.asset_id) is AssetState.IN_OPERATION
    assert twin.asset.set_asset_state(AssetState.IN_CALIBRATION, asset.asset_id) is True
    assert twin.asset.set_asset_state(5, serial_number="FX-1") is True
    assert twin.asset.get_asset_state(asset.asset_id) is AssetState.IN_STORAGE
    changes = twin.asset.get_asset_log(filter_str="type eq 6")
    assert len(changes) == 2 and all(c.type is AssetLogType.STATE_CHANGE for c in changes)
    assert [a.serial_number for a in twin.asset.get_assets(filter_str="state eq 5")] == ["FX-1"]
    with pytest.raises(ValidationError) as info:
        twin.asset.set_asset_state(7, asset.asset_id)
    assert info.value.field == "state"
    with pytest.raises(NotFoundError):
        twin.asset.set_asset_state(AssetState.SCRAPPED, serial_number="NOBODY")


def test_status_and_local_alarm_evaluation(twin: Any) -> None:
    asset = _asset(
        twin, running_count_limit=10, total_count_limit=100, warning_threshold=50.0, alarm_threshold=90.0
    )
    status = twin.asset.get_status(asset.asset_id)
    assert isinstance(status, AssetStatus)
    assert status.alarm_state is AssetAlarmState.OK and status.messages == []

    twin.asset.increment_count(asset.asset_id, amount=6)
    status = twin.asset.get_status(serial_number="FX-1", culture_code="en-US")
    assert status.is_in_warning and not status.is_in_alarm
    assert (status.running_count, status.running_count_limit) == (6, 10)
    assert "Running count" in status.messages[0]
    assert status["alarmState"] == 1  # the older dict-style access still works
    loaded = twin.asset.get_asset(asset.asset_id)
    assert twin.asset.is_in_warning(loaded) and not twin.asset.is_in_alarm(loaded)
    assert [a.serial_number for a in twin.asset.get_assets_in_warning()] == ["FX-1"]
    assert twin.asset.get_assets_in_alarm() == []

    twin.asset.increment_count(asset.asset_id, amount=3)
    assert twin.asset.get_status(asset.asset_id).is_in_alarm
    loaded = twin.asset.get_asset(asset.asset_id)
    assert twin.asset.is_in_alarm(loaded)
    assert [a.serial_number for a in twin.asset.get_assets_by_alarm_state(AssetAlarmState.ALARM, top=5)] == [
        "FX-1"
    ]
    # A calibration restarts the running count, which clears the alarm.
    twin.asset.record_calibration(asset.asset_id)
    assert twin.asset.get_status(asset.asset_id).alarm_state is AssetAlarmState.OK
    with pytest.raises(ValidationError):
        twin.asset.get_assets_by_alarm_state(7)
    with pytest.raises(ValidationError):
        twin.asset.is_in_alarm("FX-1")
    with pytest.raises(NotFoundError):
        twin.asset.get_status(serial_number="NOBODY")


def test_calibration_and_maintenance_move_due_dates(twin: Any) -> None:
    asset = _asset(twin, calibration_interval=30.0, maintenance_interval=10.0)
    twin.asset.increment_count(asset.asset_id, amount=3)
    done = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert twin.asset.record_calibration(asset.asset_id, date_time=done, comment="yearly") is True
    stored = twin.asset.get_asset(asset.asset_id)
    assert stored.last_calibration_date == done
    assert stored.next_calibration_date == done + timedelta(days=30)
    assert (stored.running_count, stored.total_count) == (0, 3)

    naive = datetime(2026, 2, 1, 8, 0)  # local time
    assert twin.asset.record_maintenance(serial_number="FX-1", date_time=naive) is True
    stored = twin.asset.get_asset(asset.asset_id)
    assert stored.last_maintenance_date == naive.astimezone()
    assert stored.next_maintenance_date == naive.astimezone() + timedelta(days=10)
    # Both dates are long past: the status says the asset is overdue.
    status = twin.asset.get_status(asset.asset_id)
    assert status.is_in_alarm and len(status.messages) == 2
    kinds = [r.type for r in twin.asset.get_asset_log(filter_str="type ge 4 and type le 5", orderby="logId")]
    assert kinds == [AssetLogType.CALIBRATION, AssetLogType.MAINTENANCE]
    with pytest.raises(ValidationError) as info:
        twin.asset.record_calibration(asset.asset_id, date_time="2026-01-01")
    assert info.value.field == "date_time"


def test_external_calibration_and_maintenance(twin: Any) -> None:
    asset = _asset(twin, calibration_interval=-2.0)
    start = datetime.now(UTC) - timedelta(days=1)
    end = start + timedelta(days=365)
    assert (
        twin.asset.record_calibration_external(asset.asset_id, from_date=start, to_date=end, comment="lab")
        is True
    )
    assert twin.asset.record_maintenance_external(serial_number="FX-1", from_date=start, to_date=end) is True
    stored = twin.asset.get_asset(asset.asset_id)
    assert (stored.last_calibration_date, stored.next_calibration_date) == (start, end)
    assert (stored.last_maintenance_date, stored.next_maintenance_date) == (start, end)
    assert twin.asset.get_status(asset.asset_id).alarm_state is AssetAlarmState.OK
    with pytest.raises(ValidationError) as info:
        twin.asset.record_calibration_external(asset.asset_id, from_date=end, to_date=start)
    assert info.value.field == "to_date"
    with pytest.raises(ValidationError) as info:
        twin.asset.record_maintenance_external(asset.asset_id, from_date=start)
    assert info.value.field == "to_date"
    with pytest.raises(NotFoundError):
        twin.asset.record_calibration_external(serial_number="NOBODY", from_date=start, to_date=end)


def test_log_messages(twin: Any) -> None:
    asset = _asset(twin)
    assert twin.asset.add_log_message(asset.asset_id, "Probe 3 replaced") is True
    assert twin.asset.add_log_message(asset.asset_id, "Checked", user="night shift") is True
    messages = twin.asset.get_asset_log(filter_str="type eq 0", orderby="logId desc")
    assert [(m.comment, m.user) for m in messages] == [
        ("Checked", "night shift"),
        ("Probe 3 replaced", "tester"),
    ]
    assert messages[0].serial_number == "FX-1" and messages[0].date is not None
    everything = twin.asset.get_asset_log()
    assert everything[0].type is AssetLogType.REGISTER
    assert len(twin.asset.get_asset_log(top=1, skip=1)) == 1
    with pytest.raises(ValidationError) as info:
        twin.asset.add_log_message(asset.asset_id, " ")
    assert info.value.field == "message"
    with pytest.raises(ValidationError) as info:
        twin.asset.add_log_message("FX-1", "by serial")
    assert info.value.field == "asset_id"
    with pytest.raises(NotFoundError):
        twin.asset.add_log_message("6f1c2a52-5f3e-4a53-9d7e-2b0c4f3d9a11", "nobody")


def test_local_evaluation_rules() -> None:
    from pywats import Asset, AssetType

    kind = AssetType(type_name="T", running_count_limit=100, calibration_interval=10.0)
    now = datetime(2026, 1, 11, tzinfo=UTC)
    fresh = Asset(
        serial_number="A", running_count=10, last_calibration_date=datetime(2026, 1, 10, tzinfo=UTC)
    )
    assert evaluate_alarm_state(fresh, kind, now=now) == (AssetAlarmState.OK, [])
    near = fresh.model_copy(update={"running_count": 85})
    assert evaluate_alarm_state(near, kind, now=now)[0] is AssetAlarmState.WARNING
    overdue = fresh.model_copy(update={"last_calibration_date": datetime(2025, 12, 1, tzinfo=UTC)})
    state, reasons = evaluate_alarm_state(overdue, kind, now=now)
    assert state is AssetAlarmState.ALARM and "calibration" in reasons[0]
    unlimited = AssetType(type_name="U", calibration_interval=-1.0)
    assert evaluate_alarm_state(overdue, unlimited, now=now)[0] is AssetAlarmState.OK
    assert evaluate_alarm_state(Asset(serial_number="B"), now=now)[0] is AssetAlarmState.OK
