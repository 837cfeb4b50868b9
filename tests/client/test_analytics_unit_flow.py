"""Unit flow, step/measurement lists and alarm logs (⚠️ internal API) through both clients."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from analytics_clients import seeded_api as seeded_api  # the module's fixture

from pywats import AlarmType, UnitFlowFilter, WATSFilter
from pywats.testing import LocalWATSServer


@pytest.fixture
def api(seeded_api: Any, wats_server: LocalWATSServer) -> Any:
    wats_server.control.clear_requests()
    return seeded_api


def get_unit_flow_safely(api: Any, part_number: str, date_from: datetime, date_to: datetime) -> Any:
    """The getting-started guide's wrapper, as it is written there."""
    try:
        from pywats import UnitFlowFilter

        filter_data = UnitFlowFilter(part_number=part_number, date_from=date_from, date_to=date_to)
        result = api.analytics.get_unit_flow(filter_data)
        return result
    except AttributeError:
        raise RuntimeError("Unit Flow API has changed. Please update pyWATS to the latest version.") from None


def test_the_guides_unit_flow_sample(api: Any, wats_server: LocalWATSServer) -> None:
    date_to = datetime.now(UTC)
    date_from = date_to - timedelta(days=30)
    flow = get_unit_flow_safely(api, "MOD-300", date_from, date_to)
    assert {node.id for node in flow.nodes} >= {"50", "90", "100"}
    assert flow.links and flow.units and flow.total_units == len(flow.units)
    unit = flow.units[0]
    assert unit.node_path and unit.current_node == unit.node_path[-1] and unit.start_time <= unit.end_time
    sent = [r for r in wats_server.control.requests() if r["path"].startswith("/api/internal/UnitFlow")]
    assert sent and all(r["referer"] == wats_server.url for r in sent)
    assert [n.id for n in api.analytics.get_flow_nodes()] == [n.id for n in flow.nodes]
    assert len(api.analytics.get_flow_links()) == len(flow.links)
    assert [u.serial_number for u in api.analytics.get_flow_units()] == [u.serial_number for u in flow.units]


def test_flow_views(api: Any) -> None:
    query = UnitFlowFilter(part_number="MOD-300")
    split = api.analytics.split_flow_by("stationName", query)
    assert all(":" in str(node.id) and node.station_name for node in split.nodes)
    ordered = api.analytics.set_unit_order("serialNumber desc", query)
    serials = [u.serial_number for u in ordered.units]
    assert serials == sorted(serials, reverse=True)
    hidden = api.analytics.hide_operations(["90"], query)
    assert next(n for n in hidden.nodes if n.id == "90").is_visible is False
    shown = api.analytics.show_operations(["End of line test"], query)
    assert [n.id for n in shown.nodes if n.is_visible] == ["100"]
    expanded = api.analytics.expand_operations(True, query)
    assert any(n.is_expanded for n in expanded.nodes) and any(n.parent_id for n in expanded.nodes)
    traced = api.analytics.trace_serial_numbers([ordered.units[0].serial_number], query)
    assert traced is not None and traced.total_units == 1
    bottlenecks = api.analytics.get_bottlenecks(query, min_yield_threshold=100.1)
    assert [n.yield_percent for n in bottlenecks] == sorted(n.yield_percent for n in bottlenecks)
    summary = api.analytics.get_flow_summary({"partNumber": "MOD-300"})
    assert summary["total_units"] == len(ordered.units) and summary["node_count"] >= 3


def test_step_and_measurement_lists(api: Any) -> None:
    statuses = api.analytics.get_step_status_list(WATSFilter(part_number="SYS-500"), "Power\u00b6%", "")
    assert statuses and all(s.step_path.startswith("Power\u00b6") and s.total_count for s in statuses)
    measurements = api.analytics.get_measurement_list({"partNumber": "SYS-500"}, "Power\u00b6Ripple", "")
    assert measurements and {m.step_path for m in measurements} == {"Power\u00b6Ripple"}
    assert all(m.value is not None and m.station_name for m in measurements)
    by_product = api.analytics.get_measurement_list_by_product(
        0, 0, 40, "Communication\u00b6Firmware version", ""
    )
    assert by_product and all(m.string_value for m in by_product)
    assert api.analytics.get_step_status_list_by_product(0, 3, 40, "", "Communication")
    internal = api.analytics.get_top_failed_internal(WATSFilter(), top_count=2)
    assert len(internal) <= 2
    assert len(api.analytics.get_top_failed_by_product("MOD-300", 50, 0, 0, 40, count=1)) <= 1


def test_alarm_logs_filter_by_type(api: Any, wats_server: LocalWATSServer) -> None:
    import httpx

    triggers = [{"name": "failures", "type": 1}, {"name": "fpy", "type": 2, "threshold": 101}]
    httpx.put(
        wats_server.url + "/_control/alarm-triggers",
        json=triggers,
        headers={"Authorization": f"Basic {wats_server.token}"},
    ).raise_for_status()
    logs = api.analytics.get_alarm_logs(top_count=500)
    assert {log.type for log in logs} == {1, 2}
    only_yield = api.analytics.get_alarm_logs(AlarmType.YIELD_VOLUME, top_count=500)
    assert only_yield and all(
        log.alarm_type_name == "YIELD_VOLUME" and log.fpy is not None for log in only_yield
    )
    recent = api.analytics.get_alarm_logs(
        date_from=datetime.now() - timedelta(days=3), date_to=datetime.now()
    )
    assert all(log.log_date is not None for log in recent)
