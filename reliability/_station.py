"""A ``pywats-client`` station as a child process: its files, its CLI, start, kill -9, files to upload."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from reliability._common import wait_until

__all__ = ["FAST", "Station"]

READY_TIMEOUT_S = 60.0
FAST: dict[str, Any] = {
    "file_stable_s": 0.2,
    "scan_interval_s": 1.0,
    "retry_initial_s": 0.2,
    "retry_max_s": 2.0,
    "request_timeout_s": 20.0,
    "upload_concurrency": 4,
    "log_level": "INFO",
}
"""Settings that make a station react in fractions of a second instead of the production defaults."""


class Station:
    """A station with a configuration, a watched folder ``inbox`` and a data directory under ``root``."""

    def __init__(self, root: Path, url: str, token: str, *, name: str = "REL-STATION", **config: Any) -> None:
        self.root = root
        self.inbox = root / "in"
        self.staging = root / "staging"
        self.data = Path(config.get("data_dir") or root / "data")
        for directory in (self.inbox, self.staging):
            directory.mkdir(parents=True, exist_ok=True)
        self.config_file = root / "station.json"
        self.log_path = root / "station.log"
        self.settings: dict[str, Any] = {
            "service_address": url,
            "api_token": token,
            "station_name": name,
            "location": "Reliability lab",
            "folders": [{"path": str(self.inbox)}],
            "data_dir": str(self.data),
            **FAST,
            **config,
        }
        self.write_config()
        self.process: subprocess.Popen[bytes] | None = None

    def write_config(self) -> None:
        self.config_file.write_text(json.dumps(self.settings, indent=2))
        self.config_file.chmod(0o600)

    # -- the process ---------------------------------------------------------------------------

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "pywats_client", "--config", str(self.config_file), *args]

    def cli(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        """Run one ``pywats-client`` command of this station; its output is also appended to the log."""
        done = subprocess.run(self.command(*args), capture_output=True, text=True, timeout=timeout)
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"$ pywats-client {' '.join(args)}\n{done.stdout}{done.stderr}")
        return done

    def start(self, *extra: str, wait: bool = True, env: dict[str, str] | None = None) -> Station:
        """``pywats-client start`` in the background (output appended to ``log_path``)."""
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command("start", *extra),
                stdout=log,
                stderr=log,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        process = self.process
        assert process is not None
        wait_until(lambda: process.poll() is not None or self.info().get("pid") == process.pid, timeout_s)
        if process.poll() is not None:
            raise RuntimeError(f"pywats-client exited with {process.returncode}:\n{self.log()[-3000:]}")
        if self.info().get("pid") != process.pid:
            raise RuntimeError(f"pywats-client was not ready within {timeout_s:g} s:\n{self.log()[-3000:]}")

    def info(self) -> dict[str, Any]:
        """``service.json`` of the running service (empty while it is not ready)."""
        try:
            return dict(json.loads((self.data / "service.json").read_text()))
        except (FileNotFoundError, ValueError):
            return {}

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: a crash at whatever the service was doing."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def terminate(self, timeout_s: float = 20.0) -> int:
        """SIGTERM and wait; returns the exit status."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout_s)
        self.process = None
        return code

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    # -- files ---------------------------------------------------------------------------------

    def drop(self, name: str, content: bytes) -> Path:
        """Put a complete file into the watched folder at once (written aside, then renamed in)."""
        staged = self.staging / f"{name}.{uuid.uuid4().hex}"
        staged.write_bytes(content)
        target = self.inbox / name
        os.replace(staged, target)
        return target

    def queue_counts(self) -> dict[str, int]:
        counts = {}
        for state in ("pending", "uploading", "retrying", "parked", "done"):
            directory = self.data / "queue" / state
            counts[state] = len(list(directory.glob("*.entry"))) if directory.exists() else 0
        return counts

    def inbox_files(self) -> list[str]:
        return sorted(p.name for p in self.inbox.iterdir() if p.is_file())

    def files_under(self, folder: str) -> list[str]:
        directory = self.inbox / folder
        return sorted(p.name for p in directory.iterdir() if p.is_file()) if directory.exists() else []

    def wait_drained(self, expected_done: int, timeout_s: float) -> bool:
        """Wait until ``expected_done`` entries are done and nothing is waiting or in flight."""
        began = time.monotonic()

        def drained() -> bool:
            counts = self.queue_counts()
            return counts["done"] >= expected_done and counts["pending"] + counts["uploading"] == 0

        return wait_until(drained, max(0.0, timeout_s - (time.monotonic() - began)), step_s=0.2)
