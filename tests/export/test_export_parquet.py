"""Parquet export read back with pyarrow and checked against the server's own data."""

from __future__ import annotations

import math
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pyarrow.dataset as pads
import pytest
from export_seed import DAY_1, DAY_2, PRODUCTS, Seeded

from pywats import pyWATS
from pywats.export import HEADER_COLUMNS, MEASUREMENT_COLUMNS, export_measurements, export_reports


def read(directory: Path) -> list[dict]:
    table = pads.dataset(directory, format="parquet", partitioning="hive").to_table()
    return table.to_pylist()


def test_reports_export_matches_the_server(api: pyWATS, seeded: Seeded, tmp_path: Path) -> None:
    result = export_reports(api, tmp_path, page_size=7)
    assert (result.reports, result.rows) == (32, 32)
    rows = read(tmp_path / "reports")
    assert len(rows) == 32 and len({r["report_id"] for r in rows}) == 32
    assert set(rows[0]) == set(HEADER_COLUMNS) | {"day", "product"}

    # Partitions: UTC day and percent-encoded product; the data columns keep the real values.
    folders = sorted(p.relative_to(tmp_path / "reports").parent.as_posix() for p in result.files)
    assert set(folders) == {
        f"day={day.date()}/product={pn.replace('/', '%2F')}" for day in (DAY_1, DAY_2) for pn in PRODUCTS
    }
    assert Counter((str(r["day"]), r["product"], r["part_number"]) for r in rows) == {
        (str(day.date()), pn, pn): 8 for day in (DAY_1, DAY_2) for pn in PRODUCTS
    }

    headers = {h.uuid: h for h in api.report.query_uut_headers(top=1000)}
    assert set(headers) == set(seeded.reports) == {r["report_id"] for r in rows}
    for row in rows:
        header = headers[row["report_id"]]
        assert (row["serial_number"], row["part_number"], row["result"]) == (
            header.serial_number,
            header.part_number,
            header.result,
        )
        assert row["start_utc"] == seeded.reports[row["report_id"]][2]  # microseconds kept
        assert row["passed"] == (header.result == "Passed")
        assert (row["station_name"], row["process_code"]) == ("ST-1", 10)


def test_measurements_export_with_filters(api: pyWATS, seeded: Seeded, tmp_path: Path) -> None:
    result = export_measurements(
        api, tmp_path, part_number="BOARD/B", date_from=DAY_2, date_to=DAY_2 + timedelta(days=1), page_size=3
    )
    wanted = {rid: info for rid, info in seeded.reports.items() if info[0] == "BOARD/B" and info[2] >= DAY_2}
    assert result.reports == len(wanted) == 8
    rows = read(tmp_path / "measurements")
    assert set(rows[0]) == set(MEASUREMENT_COLUMNS) | {"day", "product"}
    assert len(rows) == result.rows == 8 * 4  # three numeric values and one string each
    for report_id, (_, serial, _, values) in wanted.items():
        mine = [r for r in rows if r["report_id"] == report_id]
        numeric = [
            (r["step_name"], r["value"], r["low_limit"], r["high_limit"])
            for r in mine
            if r["kind"] == "numeric"
        ]
        assert numeric == values
        assert all(r["serial_number"] == serial and r["unit"] == "V" for r in mine if r["kind"] == "numeric")
        text = [r for r in mine if r["kind"] == "string"]
        assert [(t["string_value"], t["limit"], t["comp_op"]) for t in text] == [("1.2", "1.2", "CASESENSIT")]
        assert mine[0]["step_path"] == "MainSequence Callback/Power/V0"


def test_nan_survives(api: pyWATS, seeded: Seeded, tmp_path: Path) -> None:
    export_measurements(api, tmp_path, part_number=PRODUCTS[0], date_to=DAY_1 + timedelta(hours=1))
    rows = read(tmp_path / "measurements")
    nan_rows = [r for r in rows if r["value"] is not None and math.isnan(r["value"])]
    assert len(nan_rows) == 1 and nan_rows[0]["status"] == "F"


@pytest.mark.parametrize(
    "options, field",
    [
        ({"page_size": 0}, "page_size"),
        ({"part_number": ""}, "part_number"),
        ({"date_from": "2026-01-01"}, "date_from"),
        ({"process_code": "10"}, "process_code"),
        ({"report_type": "xyz"}, "report_type"),
    ],
)
def test_bad_arguments(api: pyWATS, tmp_path: Path, options: dict, field: str) -> None:
    from pywats import ValidationError

    with pytest.raises(ValidationError) as info:
        export_reports(api, tmp_path, **options)
    assert info.value.field == field
