"""Yield and server metadata through both clients: models, wire names, GET/POST choices, ResultList."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from analytics_clients import seeded_api as seeded_api  # the module's fixture

from pywats import KPI, DateGrouping, DimensionBuilder, WATSFilter, YieldData
from pywats.domains.analytics import ResultList
from pywats.domains.analytics._args import dynamic_body
from pywats.testing import LocalWATSServer


@pytest.fixture
def api(seeded_api: Any, wats_server: LocalWATSServer) -> Any:
    wats_server.control.clear_requests()
    return seeded_api


def raw(server: LocalWATSServer, path: str, body: dict[str, Any], **params: str) -> Any:
    answer = httpx.post(
        server.url + path, json=body, params=params, headers={"Authorization": f"Basic {server.token}"}
    )
    answer.raise_for_status()
    return answer.json()


def test_dynamic_yield_models_carry_every_member(api: Any, wats_server: LocalWATSServer) -> None:
    dims = DimensionBuilder().add(KPI.UNIT_COUNT, desc=True).add_all("partNumber", "testOperation")
    rows = api.analytics.get_dynamic_yield(WATSFilter(dimensions=dims))
    assert isinstance(rows, ResultList) and rows and all(isinstance(row, YieldData) for row in rows)
    expected = raw(wats_server, "/api/App/DynamicYield", {}, dimensions=str(dims))
    assert [row.to_dict() for row in rows] == expected
    first = rows[0]
    assert first.unit_count == max(row.unit_count for row in rows)
    assert first.fpy is not None and first.fpy <= first.spy <= first.tpy <= first.lpy  # type: ignore[operator]
    assert first.test_yield is not None and first.first_utc is not None
    sent = [r for r in wats_server.control.requests() if r["path"] == "/api/App/DynamicYield"]
    assert "dimensions=unitCount+desc%3BpartNumber%3BtestOperation" in sent[0]["query"]


def test_the_dimensions_can_be_a_dict_member_and_rows_a_dataframe(api: Any) -> None:
    rows = api.analytics.get_dynamic_yield({"dimensions": "partNumber", "partNumber": "PCBA-%"})
    assert {row.part_number for row in rows} <= {"PCBA-100", "PCBA-200"} and all(
        row.rty is not None for row in rows
    )
    assert rows.to_records()[0]["part_number"] == rows[0].part_number
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            rows.to_dataframe()
    else:
        frame = rows.to_dataframe()
        assert list(frame["part_number"]) == [row.part_number for row in rows]


def test_yield_shortcuts_group_by_period(api: Any) -> None:
    summary = api.analytics.get_yield_summary("MOD-300", days=40)
    assert summary and {row.part_number for row in summary} == {"MOD-300"}
    assert all(row.period and len(row.period) == len("2026-01-01") for row in summary)
    station = api.analytics.get_station_yield("ICT-01", days=40)
    assert {row.station_name for row in station} == {"ICT-01"}


def test_lists_use_get_without_a_filter_and_post_with_one(api: Any, wats_server: LocalWATSServer) -> None:
    by_get = api.analytics.get_volume_yield(product_group="Modules")
    by_post = api.analytics.get_volume_yield(WATSFilter(product_group="Modules"))
    assert [row.to_dict() for row in by_get] == [row.to_dict() for row in by_post]
    assert {row.part_number for row in by_get} == {"MOD-300", "MOD-400"}
    high = api.analytics.get_high_volume(WATSFilter(top_count=2))
    assert len(high) == 2 and high[0].unit_count >= high[1].unit_count
    assert api.analytics.get_high_volume(level="System")[0].part_number == "SYS-500"
    worst = api.analytics.get_worst_yield(WATSFilter(top_count=3))
    assert [row.fpy for row in worst] == sorted(row.fpy for row in worst)
    assert api.analytics.get_worst_yield(product_group="Boards")
    groups = api.analytics.get_high_volume_by_product_group(WATSFilter())
    assert {row.product_group for row in groups} == {"Boards", "Modules", "Systems"}
    assert len(api.analytics.get_worst_yield_by_product_group({"topCount": 1})) == 1
    methods = {(r["method"], r["path"]) for r in wats_server.control.requests()}
    assert {("GET", "/api/App/VolumeYield"), ("POST", "/api/App/VolumeYield")} <= methods
    assert {("GET", "/api/App/HighVolume"), ("GET", "/api/App/WorstYield")} <= methods


def test_server_metadata(api: Any) -> None:
    assert [level.level_name for level in api.analytics.get_levels()] == ["PCBA", "Module", "System"]
    groups = api.analytics.get_product_groups()
    assert [g.product_group_name for g in groups] == ["Boards", "Modules", "Systems"]
    assert api.analytics.get_product_groups(include_filters=True)[0].filter == "PCBA-%"
    tests_only = api.analytics.get_processes(include_repair_operations=False, include_wip_operations=False)
    assert tests_only and all(p.is_test_operation for p in tests_only)
    assert api.analytics.get_version() == api.get_version()


def test_dynamic_calls_ask_for_the_current_period_when_counting_periods() -> None:
    assert dynamic_body(WATSFilter(period_count=7)).include_current_period is True
    assert dynamic_body(WATSFilter(date_grouping=DateGrouping.WEEK)).include_current_period is True
    assert (
        dynamic_body(WATSFilter(period_count=7, include_current_period=False)).include_current_period is False
    )
    assert dynamic_body(WATSFilter(part_number="X")).include_current_period is None
