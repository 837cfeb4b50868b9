"""User converters run in a worker process: time limit, memory limit, crashes and bugs stay there."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import pytest

from pywats.core.station import StationConfig
from pywats_client.converters.errors import ConversionError, ConverterCrashed, IncompleteFileError
from pywats_client.converters.isolation import IsolatedConverter, WorkerLimits

STATION = StationConfig("ISO-STATION", "Lab", "Production")
MODULE = "converter_misbehaving"


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "x.bad"
    path.write_text("anything")
    return path


def _worker(name: str, **limits: float) -> IsolatedConverter:
    assert str(Path(__file__).parent) in sys.path  # the spawned worker inherits sys.path
    return IsolatedConverter(
        name, f"{MODULE}:{name.capitalize()}", {"process_code": 10}, WorkerLimits(**limits)
    )


def test_a_hung_converter_is_stopped_and_replaced(bad_file: Path, tmp_path: Path) -> None:
    worker = _worker("sleeper", timeout_s=2.0)
    try:
        began = time.monotonic()
        with pytest.raises(ConverterCrashed, match="longer than 2 s"):
            worker.convert(bad_file, STATION)
        assert time.monotonic() - began < 30
        quick = tmp_path / "quick.bad"
        quick.write_text("quick")
        (report,) = worker.convert(quick, STATION)  # a fresh worker
        assert report.sn == "ISO-1"
    finally:
        worker.close()


@pytest.mark.skipif(sys.platform != "linux", reason="the memory limit is enforced through RLIMIT_AS on Linux")
def test_a_converter_over_its_memory_limit_fails_alone(bad_file: Path) -> None:
    worker = _worker("hog", memory_mb=1024)
    try:
        with pytest.raises(ConverterCrashed, match="memory"):
            worker.convert(bad_file, STATION)
    finally:
        worker.close()


def test_a_crashing_converter_does_not_take_the_caller_down(bad_file: Path) -> None:
    worker = _worker("crasher")
    try:
        with pytest.raises(ConverterCrashed, match="exit code 3"):
            worker.convert(bad_file, STATION)
    finally:
        worker.close()


def test_a_bug_is_a_converter_crash_with_its_exception(bad_file: Path) -> None:
    worker = _worker("buggy")
    try:
        with pytest.raises(ConverterCrashed, match="KeyError"):
            worker.convert(bad_file, STATION)
    finally:
        worker.close()


def test_conversion_errors_keep_their_type_place_and_logs(
    bad_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    worker = _worker("picky")
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(ConversionError) as info:
            worker.convert(bad_file, STATION)
        assert (info.value.line, info.value.element, info.value.converter) == (7, "row[7]", "picky")
        assert not isinstance(info.value, ConverterCrashed)
        assert any("looking at x.bad" in r.getMessage() for r in caplog.records), "worker logs are replayed"
        cut = tmp_path / "cut.bad"
        cut.write_text("cut")
        with pytest.raises(IncompleteFileError):
            worker.convert(cut, STATION)
    finally:
        worker.close()


def test_a_class_that_cannot_be_loaded() -> None:
    worker = IsolatedConverter("ghost", f"{MODULE}:Ghost", {})
    with pytest.raises(ConverterCrashed, match="cannot load"):
        worker.convert(Path("nothing.bad"), STATION)
