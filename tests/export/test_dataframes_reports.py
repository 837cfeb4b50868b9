"""DataFrames of headers, steps, measurements and models, with their dtypes, against server data."""

from __future__ import annotations

import math
from datetime import timedelta

import pandas as pd
import pytest
from export_seed import DAY_1, DAY_2, Seeded

from pywats import ValidationError, pyWATS
from pywats.dataframes import (
    headers_to_dataframe,
    measurements_to_dataframe,
    models_to_dataframe,
    steps_to_dataframe,
    to_dataframe,
)


def test_headers(api: pyWATS, seeded: Seeded) -> None:
    headers = api.report.query_uut_headers(top=1000, orderby="start asc")
    frame = to_dataframe(headers)
    assert len(frame) == len(seeded.reports) == 32
    assert frame["report_id"].tolist() == [h.uuid for h in headers]
    assert str(frame["start_utc"].dtype) == "datetime64[ns, UTC]"
    assert frame["process_code"].dtype == "Int64" and frame["passed"].dtype == "boolean"
    assert frame["serial_number"].dtype == "string" and frame["execution_time"].dtype == "float64"
    first = seeded.reports[headers[0].uuid]
    assert frame.loc[0, "start_utc"] == pd.Timestamp(first[2])
    assert frame.loc[0, "serial_number"] == first[1]
    assert headers_to_dataframe([]).columns.tolist() == frame.columns.tolist()


def test_steps_and_measurements(api: pyWATS, seeded: Seeded) -> None:
    report_id, (part_number, serial, _, values) = next(iter(seeded.reports.items()))
    report = api.report.get_report(report_id)
    assert report is not None
    measurements = measurements_to_dataframe(report)
    numeric = measurements[measurements["kind"] == "numeric"]
    assert numeric["step_name"].tolist() == [name for name, *_ in values]
    expected = [value for _, value, *_ in values]
    for got, want in zip(numeric["value"].tolist(), expected, strict=True):
        assert (math.isnan(got) and math.isnan(want)) or got == want
    assert numeric["value"].dtype == "float64" and measurements["measurement_index"].dtype == "Int64"
    assert set(measurements["serial_number"]) == {serial} and set(measurements["part_number"]) == {
        part_number
    }

    steps = steps_to_dataframe([report, report])
    assert len(steps) == 2 * (1 + 1 + len(values) + 1)  # root, Power, numeric steps, string step
    assert steps.loc[1, "step_path"] == "MainSequence Callback/Power" and steps.loc[1, "depth"] == 1
    assert steps["measurement_count"].tolist()[:2] == [0, 0]


def test_models_keep_field_types(api: pyWATS, seeded: Seeded) -> None:
    api.product.create_product("DF-1", name="frame me", non_serial=True)
    frame = models_to_dataframe(api.product.get_products())
    row = frame[frame["part_number"] == "DF-1"].iloc[0]
    assert row["name"] == "frame me" and bool(row["non_serial"]) is True
    assert frame["part_number"].dtype == "string" and frame["non_serial"].dtype == "boolean"
    assert to_dataframe([]).empty


def test_analytics_results(api: pyWATS, seeded: Seeded) -> None:
    from pywats import WATSFilter

    window = WATSFilter(
        dimensions="partNumber", date_from=DAY_1 - timedelta(days=1), date_to=DAY_2 + timedelta(days=1)
    )
    rows = api.analytics.get_dynamic_yield(window)
    frame = to_dataframe(rows)
    assert sorted(frame["part_number"]) == ["BOARD-A", "BOARD/B"]
    assert frame["unit_count"].dtype == "Int64" and frame["fpy"].dtype == "float64"
    assert str(frame["first_utc"].dtype) == "datetime64[ns, UTC]"
    by_product = frame.set_index("part_number")
    for row in rows:
        assert by_product.loc[row.part_number, "unit_count"] == row.unit_count == 16
        assert by_product.loc[row.part_number, "fpy"] == row.fpy


@pytest.mark.parametrize("data", [42, "text", {"a": 1}, [1, 2]])
def test_bad_input(data: object) -> None:
    with pytest.raises(ValidationError) as info:
        to_dataframe(data)
    assert info.value.field == "data"
