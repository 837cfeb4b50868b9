"""Fixtures of the station-client tests: an isolated home directory and running stations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from station_helpers import StationProcess

from pywats.testing import LocalWATSServer, ServerControl


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG directories point into ``tmp_path``; no PYWATS_CLIENT_* variables leak in."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    import os

    for name in list(os.environ):
        if name.startswith("PYWATS_CLIENT_"):
            monkeypatch.delenv(name)
    return home


@pytest.fixture
def make_station(
    tmp_path: Path, wats_server: LocalWATSServer, wats_control: ServerControl
) -> Iterator[type[StationProcess]]:
    """Build stations (config, folders, data) in ``tmp_path``; every one still running is killed after."""
    made: list[StationProcess] = []

    class Factory(StationProcess):
        def __init__(self, name: str = "station", **config: object) -> None:
            super().__init__(tmp_path / name, wats_server.url, wats_server.token, **config)
            made.append(self)

    yield Factory
    for station in made:
        station.kill()
