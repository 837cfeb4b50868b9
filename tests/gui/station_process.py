"""A real ``pywats-client start --api`` process for the GUI tests, and files for it to upload."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pywats.domains.report.formats.wsjf import to_wsjf
from pywats.tools.test_uut import TestUUT
from pywats_client.api.client import ManagementClient, ManagementError, connect
from pywats_client.config import LoadedConfig, load_config, save_config
from pywats_client.paths import InstancePaths, resolve_paths

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0


def write_config(config_file: Path, url: str, token: str, **extra: Any) -> InstancePaths:
    """A configuration for a fast test station watching ``<dir>/in``."""
    paths = resolve_paths(config_file)
    inbox = config_file.parent / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    raw: dict[str, Any] = {
        "service_address": url,
        "api_token": token,
        "station_name": "GUI-TEST-01",
        "location": "Lab",
        "purpose": "Development",
        "folders": [{"path": str(inbox), "post_action": "keep"}],
        "file_stable_s": 0.2,
        "scan_interval_s": 0.5,
        "retry_initial_s": 60,
        "api_port": 0,
        **extra,
    }
    save_config(paths, raw)
    return paths


def wait_for(condition: Callable[[], Any], timeout_s: float, what: str) -> Any:
    """Poll ``condition`` until it returns something true; fail the test after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout_s:g} s waiting for {what}")


class StationProcess:
    """``python -m pywats_client --config FILE start --api`` with its output in ``log``."""

    def __init__(self, paths: InstancePaths) -> None:
        self.paths = paths
        self.log = paths.config_file.with_name("service.log")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def loaded(self) -> LoadedConfig:
        return load_config(self.paths)

    def start(self) -> ManagementClient:
        command = [sys.executable, "-m", "pywats_client", "--config", str(self.paths.config_file), "start"]
        command += ["--api"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYWATS_CLIENT_")}
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=out, stdin=subprocess.DEVNULL, env=env
            )

        def ready() -> ManagementClient | None:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"the service exited early:\n{self.log.read_text()}")
            client = connect(self.loaded)
            if client is None:
                return None
            try:
                client.status()
            except ManagementError:
                return None
            return client

        return wait_for(ready, START_TIMEOUT_S, "the station service to answer")  # type: ignore[no-any-return]

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def wait_exit(self, timeout_s: float = STOP_TIMEOUT_S) -> int:
        assert self.process is not None
        code = self.process.wait(timeout=timeout_s)
        self.process = None
        return code


def drop_report(folder: Path, sn: str) -> str:
    """Write a passing WSJF report into ``folder``; returns its id."""
    uut = TestUUT("GUI-PN", sn, "A", "operator", 10, station_name="GUI-TEST-01", location="Lab")
    uut.root.add_numeric_step("Voltage", 5.01, low_limit=4.9, high_limit=5.1, unit="V")
    target = folder / f"{sn}.json"
    tmp = target.with_suffix(".part")
    tmp.write_bytes(to_wsjf(uut))
    os.replace(tmp, target)
    return str(uut.id)
