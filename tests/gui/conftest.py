"""Fixtures of the GUI tests: Qt offscreen, a real station service, and a Qt-warning trap."""

from __future__ import annotations

import os

# Before Qt is imported anywhere: no display is needed, and none is used.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest
from station_process import StationProcess, write_config

from pywats.testing import LocalWATSServer, ServerControl
from pywats_client.paths import InstancePaths


@pytest.fixture
def station_paths(tmp_path: Path, wats_server: LocalWATSServer, wats_control: ServerControl) -> InstancePaths:
    """A configuration file for a station uploading to the test server (reset for the test)."""
    return write_config(tmp_path / "station" / "config.json", wats_server.url, wats_server.token)


@pytest.fixture
def station(station_paths: InstancePaths) -> Iterator[StationProcess]:
    """A running ``pywats-client start --api`` process for ``station_paths``."""
    process = StationProcess(station_paths)
    process.start()
    try:
        yield process
    finally:
        process.stop()
