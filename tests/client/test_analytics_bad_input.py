"""Bad analytics arguments fail before anything is sent, with a ValidationError naming the argument."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from pywats import (
    KPI,
    DimensionBuilder,
    RunFilter,
    StatusFilter,
    UnitFlowFilter,
    ValidationError,
    WATSFilter,
    normalize_path,
    normalize_paths,
)
from pywats.testing import ServerControl


def test_filters_refuse_unknown_members_and_wrong_values() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"days": 7}, "days"),
        ({"status": "maybe"}, "status"),
        ({"date_grouping": "fortnight"}, "date_grouping"),
        ({"run": 4}, "run"),
        ({"yield_value": 101}, "yield"),
        ({"date_from": "not a date"}, "date_from"),
        ({"top_count": 0}, "top_count"),
    ]
    for members, field in cases:
        with pytest.raises(ValidationError) as caught:
            WATSFilter(**members)
        assert caught.value.field is not None and field.split("_")[0] in caught.value.field, members
    with pytest.raises(ValidationError, match="no member 'include_paths'"):
        UnitFlowFilter(include_paths=True)


def test_filters_accept_the_documented_spellings() -> None:
    f = WATSFilter(
        status="pass", run=1, date_grouping="day", date_from=date(2026, 1, 2), measurement_paths="A/B"
    )
    assert f.status is StatusFilter.PASSED and f.run is RunFilter.FIRST and f.measurement_paths == "A\u00b6B"
    assert f.date_from == datetime(2026, 1, 2)
    assert WATSFilter(status="all").status is None
    assert WATSFilter.model_validate({"assetSerialNum": "FX-1"}).asset_serial_number == "FX-1"
    wire = WATSFilter(yield_value=90, date_to=datetime(2026, 1, 2, 3, 4, tzinfo=None)).to_dict()
    assert wire["yield"] == 90 and wire["dateTo"].startswith("2026-01-02T03:04:00")  # with the local offset
    assert DimensionBuilder.yield_by_product().build() == "partNumber;testOperation;period"
    assert str(DimensionBuilder().add(KPI.FPY, "desc").add("period", asc=True)) == "fpy desc;period asc"
    with pytest.raises(ValidationError):
        DimensionBuilder().add("unit count")
    with pytest.raises(ValidationError):
        DimensionBuilder().add("fpy", "sideways")
    assert normalize_path("Main/Switch 1/2") == "Main\u00b6Switch 1\u00b62"
    assert normalize_path("Main\u00b6Switch 1/2") == "Main\u00b6Switch 1/2"
    assert normalize_paths(["A/B", "C/D\u00b6\u00b6x"]) == "A\u00b6B;C\u00b6D\u00b6\u00b6x"


def test_services_check_arguments_before_sending(
    make_twin: Callable[..., Any], wats_control: ServerControl
) -> None:
    api = make_twin()
    wats_control.clear_requests()
    calls: list[tuple[Callable[[], Any], str]] = [
        (lambda: api.analytics.get_dynamic_yield(None), "filter_data"),
        (lambda: api.analytics.get_dynamic_yield("partNumber"), "filter_data"),
        (lambda: api.analytics.get_dynamic_yield({"nope": 1}), "nope"),
        (lambda: api.analytics.get_yield_summary("", days=3), "part_number"),
        (lambda: api.analytics.get_yield_summary("PN", days=0), "days"),
        (lambda: api.analytics.get_station_yield(42), "station_name"),
        (lambda: api.analytics.get_related_repair_history("PN", None), "revision"),
        (lambda: api.analytics.get_top_failed(top_count=0), "top_count"),
        (lambda: api.analytics.get_measurements(WATSFilter(), measurement_paths=""), "measurement_paths"),
        (lambda: api.analytics.get_test_step_analysis_for_operation("PN", " "), "test_operation"),
        (lambda: api.analytics.trace_serial_numbers("SN-1"), "serial_numbers"),
        (lambda: api.analytics.split_flow_by(""), "dimension"),
        (lambda: api.analytics.get_unit_flow({"partNumber": 3}), "partNumber"),
        (lambda: api.analytics.get_step_status_list({}, None, ""), "step_filters"),
        (lambda: api.analytics.get_measurement_list_by_product(1, 1, 0, "", ""), "days"),
        (lambda: api.analytics.get_top_failed_by_product("PN", 10, 0, 0, 7, count=0), "count"),
        (lambda: api.analytics.get_alarm_logs(date_from="yesterday"), "date_from"),
        (lambda: api.analytics.get_alarm_logs(alarm_type="yield"), "alarm_type"),
    ]
    for call, field in calls:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.field is not None and field in caught.value.field, field
    assert wats_control.requests() == []
