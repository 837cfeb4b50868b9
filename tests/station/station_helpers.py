"""Helpers of the station tests: a ``pywats-client`` process with its own files, report files, waits."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pywats import pyWATS
from pywats.domains.report.formats import to_wsxf
from pywats.tools.test_uut import TestUUT

READY_TIMEOUT_S = 60.0
# Fast enough for tests, slow enough for a machine shared with other work.
TEST_CONFIG: dict[str, Any] = {
    "file_stable_s": 0.2,
    "scan_interval_s": 1,
    "retry_initial_s": 0.2,
    "retry_max_s": 1.0,
    "request_timeout_s": 20,
    "upload_concurrency": 4,
    "log_level": "INFO",
}


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.05) -> Any:
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def uut_report(sn: str, *, pn: str = "ST-PN", passed: bool = True, start: datetime | None = None) -> TestUUT:
    """A small passing (or failing) test report."""
    uut = TestUUT(pn, sn, "A", operator="tester", start=start or datetime.now(UTC) - timedelta(minutes=1))
    uut.add_numeric_step("3V3", 3.3 if passed else 3.9, low_limit=3.2, high_limit=3.4, unit="V")
    return uut


def wsjf_bytes(sn: str, **options: Any) -> bytes:
    return uut_report(sn, **options).to_wsjf()


def wsxf_bytes(sn: str, **options: Any) -> bytes:
    report = uut_report(sn, **options)
    report.raw.update(machineName="XML-STATION", location="Lab", purpose="Production")
    return to_wsxf(report)


def wstf_bytes(sn: str, pn: str = "ST-PN") -> bytes:
    lines = [
        "--Header-Start--",
        f"SerialNumber\t{sn}",
        f"PartNumber\t{pn}",
        "Revision\tA",
        "OperationTypeCode\t10",
        "StationName\tTXT-STATION",
        "OperatorName\ttester",
        "StartDateTime\t2025-03-04T09:15:30+01:00",
        "--Step-Data-Start--",
        "NumericLimitTest\t3V3\t\t3.31\t3.2\t3.4\tGELE\tV\tPassed\t0.1\t\t\t",
        "--Step-Data-End--",
        "--UUT-End--",
    ]
    return ("\n".join(lines) + "\n").encode()


def server_headers(url: str, token: str, pn: str = "ST-PN") -> list[Any]:
    """Every UUT report header of part number ``pn`` on the server."""
    with pyWATS(base_url=url, token=token) as api:
        return list(api.report.query_uut_headers(odata_filter=f"partNumber eq '{pn}'", top=5000))


def successful_posts(control: Any) -> int:
    """How many report submissions the server answered with 2xx."""
    return sum(
        1
        for r in control.requests()
        if r["method"] == "POST"
        and r["path"].lower() == "/api/report/wsjf"
        and r["status"] is not None  # a dropped connection was answered with nothing
        and 200 <= r["status"] < 300
    )


class StationProcess:
    """``pywats-client`` with a configuration, a watched folder and a data directory under ``root``."""

    def __init__(self, root: Path, url: str, token: str, **config: Any) -> None:
        self.root = root
        self.inbox = root / "in"
        self.staging = root / "staging"
        self.data = root / "data"
        for directory in (self.inbox, self.staging):
            directory.mkdir(parents=True, exist_ok=True)
        self.config_file = root / "client.json"
        self.url, self.token = url, token
        settings: dict[str, Any] = {
            "service_address": url,
            "api_token": token,
            "station_name": "TEST-STATION",
            "location": "Test lab",
            "folders": [{"path": str(self.inbox)}],
            "data_dir": str(self.data),
            **TEST_CONFIG,
            **config,
        }
        self.config_file.write_text(json.dumps(settings))
        self.config_file.chmod(0o600)
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = root / "client.log"

    # -- the process -------------------------------------------------------------------------------

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "pywats_client", "--config", str(self.config_file), *args]

    def cli(
        self, *args: str, input_text: str | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        """Run one ``pywats-client`` command for this station."""
        return subprocess.run(
            self.command(*args), capture_output=True, text=True, input=input_text, timeout=timeout
        )

    def start(self, *extra: str, env: dict[str, str] | None = None) -> StationProcess:
        """Start ``pywats-client start`` and wait until it is ready."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command("start", *extra),
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        log.close()
        process = self.process
        wait_for(
            lambda: process.poll() is not None or self.service_info().get("pid") == process.pid,
            READY_TIMEOUT_S,
            "pywats-client to start",
        )
        if process.poll() is not None:
            raise AssertionError(f"pywats-client exited with {process.returncode}:\n{self.log()}")
        return self

    def service_info(self) -> dict[str, Any]:
        try:
            return dict(json.loads((self.data / "service.json").read_text()))
        except (FileNotFoundError, ValueError):
            return {}

    def terminate(self, timeout: float = 15) -> int:
        """SIGTERM and wait; returns the exit status."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        self.process = None
        return code

    def kill(self) -> None:
        """SIGKILL (a crash, or cleanup)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait(timeout=10)
        self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    # -- files -------------------------------------------------------------------------------------

    def drop(self, name: str, content: bytes) -> Path:
        """Put a complete file into the watched folder at once (written aside, then renamed in)."""
        staged = self.staging / f"{name}.{uuid.uuid4().hex}"
        staged.write_bytes(content)
        target = self.inbox / name
        os.replace(staged, target)
        return target

    def queue_files(self, state: str) -> list[str]:
        directory = self.data / "queue" / state
        return sorted(os.listdir(directory)) if directory.exists() else []

    def inbox_files(self) -> list[str]:
        return sorted(p.name for p in self.inbox.iterdir() if p.is_file())

    def folder_files(self, name: str) -> list[str]:
        directory = self.inbox / name
        return sorted(p.name for p in directory.iterdir()) if directory.exists() else []
