"""Measurements, failures, repairs, report lists and OEE through both clients."""

from __future__ import annotations

from typing import Any

import pytest
from analytics_clients import seeded_api as seeded_api  # the module's fixture

from pywats import AggregatedMeasurement, MeasurementData, ReportHeader, WATSFilter
from pywats.domains.analytics import display_path
from pywats.testing import LocalWATSServer

RIPPLE = "Power\u00b6Ripple"


@pytest.fixture
def api(seeded_api: Any, wats_server: LocalWATSServer) -> Any:
    wats_server.control.clear_requests()
    return seeded_api


def test_measurement_paths_may_use_slashes_and_come_back_flat(api: Any, wats_server: LocalWATSServer) -> None:
    values = api.analytics.get_measurements(
        WATSFilter(part_number="MOD-300"),
        measurement_paths=["Power/Ripple", "Power/Output rails\u00b6\u00b65.0V"],
    )
    assert values and all(isinstance(v, MeasurementData) for v in values)
    assert {v.measurement_path for v in values} == {RIPPLE, "Power\u00b6Output rails\u00b6\u00b65.0V"}
    ripple = [v for v in values if v.measurement_path == RIPPLE]
    assert all(v.report_id and v.serial_number and v.timestamp and v.limit_low == 30.0 for v in ripple)
    assert ripple[0].step_path_display == "Power/Ripple" and display_path(RIPPLE) == "Power/Ripple"
    sent = next(r for r in wats_server.control.requests() if r["path"] == "/api/App/Measurements")
    assert "measurementPaths=Power%C2%B6Ripple%3BPower%C2%B6Output" in sent["query"]
    same = api.analytics.get_measurements({"partNumber": "MOD-300", "measurementPaths": "Power/Ripple"})
    assert [v.value for v in same] == [v.value for v in ripple]


def test_aggregates_and_step_analysis(api: Any) -> None:
    (ripple,) = api.analytics.get_aggregated_measurements(
        WATSFilter(part_number="MOD-300"), measurement_paths=RIPPLE
    )
    assert isinstance(ripple, AggregatedMeasurement)
    assert ripple.count and ripple.stdev and ripple.variance == pytest.approx(ripple.stdev**2)
    assert ripple.cpk == ripple.cp_upper and ripple.limit_low == 30.0 and ripple.comp_operator == "LE"
    everything = api.analytics.get_aggregated_measurements(WATSFilter(part_number="MOD-300"))
    assert RIPPLE in {m.measurement_path for m in everything} and len(everything) >= 5
    rows = api.analytics.get_test_step_analysis_for_operation("MOD-300", "PCBA test", days=40)
    row = next(r for r in rows if r.step_path == RIPPLE)
    assert row.step_count and row.measure_count and row.cpk is not None and row.sigma_high_3 is not None
    assert row.step_path_display == "Power/Ripple"
    assert api.analytics.get_test_step_analysis({"partNumber": "MOD-300", "run": 1, "maxCount": 5})


def test_failures_and_repairs(api: Any, wats_server: LocalWATSServer) -> None:
    top = api.analytics.get_top_failed(WATSFilter(top_count=3))
    assert 0 < len(top) <= 3 and top[0].fail_count >= top[-1].fail_count
    assert top[0].fail_rate == pytest.approx(100.0 * top[0].fail_count / top[0].total_count)
    by_get = api.analytics.get_top_failed(part_number=top[0].part_number, top_count=1)
    assert by_get[0].step_path == next(t.step_path for t in top if t.part_number == top[0].part_number)
    methods = {(r["method"], r["path"]) for r in wats_server.control.requests()}
    assert {("POST", "/api/App/TopFailed"), ("GET", "/api/App/TopFailed")} <= methods
    repairs = api.analytics.get_dynamic_repair(WATSFilter(dimensions="partNumber;repairCode"))
    assert repairs and all(r.repair_count and r.total_count for r in repairs)
    part_number = repairs[0].part_number
    revisions = {h.revision for h in api.analytics.get_uur_reports({"partNumber": part_number})}
    history = [h for rev in revisions for h in api.analytics.get_related_repair_history(part_number, rev)]
    assert history and all(h.fail_code and h.repair_date for h in history)


def test_report_lists_and_oee(api: Any) -> None:
    uuts = api.analytics.get_uut_reports(WATSFilter(top_count=5))
    assert len(uuts) == 5 and all(isinstance(h, ReportHeader) and h.report_type == "T" for h in uuts)
    failed = api.analytics.get_uut_reports(status="Failed", top_count=3)
    assert all(h.result == "Failed" for h in failed)
    uurs = api.analytics.get_uur_reports(WATSFilter())
    assert uurs and all(h.report_type == "R" for h in uurs)
    history = api.analytics.get_serial_number_history(WATSFilter(serial_number=uurs[0].serial_number))
    assert next(h.run for h in history if h.report_type == "T") == 1
    assert uurs[0].uuid in {h.uuid for h in history}
    oee = api.analytics.get_oee_analysis(WATSFilter(station_name="ICT-01"))
    assert oee is not None and oee.total_count and oee.good_count is not None and oee.quality
