"""Incremental export: a second run adds only new reports; an interrupted one continues; no duplicates."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pyarrow.dataset as pads
import pytest
from export_seed import DAY_2, Seeded, build_report, submit_all

from pywats import ValidationError, pyWATS
from pywats.export import ExportProgress, export_measurements, export_reports
from pywats.testing import LocalWATSServer


def ids(directory: Path) -> list[str]:
    table = pads.dataset(directory, format="parquet", partitioning="hive").to_table(columns=["report_id"])
    return table.column("report_id").to_pylist()


def test_second_run_exports_only_new_reports(
    api: pyWATS, seeded: Seeded, wats_server: LocalWATSServer, tmp_path: Path
) -> None:
    first = export_reports(api, tmp_path, part_number="BOARD-A", page_size=5)
    assert first.reports == 16 and first.resumed_after is None
    again = export_reports(api, tmp_path, part_number="BOARD-A", page_size=5)
    assert (again.reports, again.files) == (0, [])
    later = [
        build_report("BOARD-A", f"SN-NEW-{i}", DAY_2 + timedelta(hours=3, seconds=i), [1.0]) for i in range(3)
    ]
    asyncio.run(submit_all(wats_server.url, wats_server.token, later))
    third = export_reports(api, tmp_path, part_number="BOARD-A", page_size=5)
    assert third.reports == 3 and third.resumed_after is not None
    exported = ids(tmp_path / "reports")
    assert len(exported) == len(set(exported)) == 19
    assert {r.id for r in later} <= set(exported)


def test_interrupted_export_continues_without_duplicates(api: pyWATS, seeded: Seeded, tmp_path: Path) -> None:
    class Stop(Exception):
        pass

    def crash_after_two_pages(progress: ExportProgress) -> None:
        if progress.reports >= 6:
            raise Stop

    with pytest.raises(Stop):
        export_measurements(api, tmp_path, page_size=3, progress=crash_after_two_pages)
    assert len(set(ids(tmp_path / "measurements"))) == 6
    rest = export_measurements(api, tmp_path, page_size=3)
    on_server = api.report.query_uut_headers(top=1000)  # earlier tests of the module may add some
    assert rest.reports == len(on_server) - 6
    assert set(ids(tmp_path / "measurements")) == {h.uuid for h in on_server}
    table = pads.dataset(tmp_path / "measurements", format="parquet", partitioning="hive").to_table()
    columns = [table.column(c).to_pylist() for c in ("report_id", "step_index", "measurement_index")]
    keys = list(zip(*columns, strict=True))
    assert len(keys) == len(set(keys)) == rest.rows + 6 * 4  # none twice


def test_another_query_in_the_same_directory(api: pyWATS, seeded: Seeded, tmp_path: Path) -> None:
    export_reports(api, tmp_path, part_number="BOARD-A")
    with pytest.raises(ValidationError) as info:
        export_reports(api, tmp_path, part_number="BOARD/B")
    assert info.value.field == "out_dir"
    restarted = export_reports(api, tmp_path, part_number="BOARD/B", restart=True)
    assert restarted.reports == 16
    assert len(ids(tmp_path / "reports")) == 16  # the BOARD-A files are gone
