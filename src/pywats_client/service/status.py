"""The service's counters and latest events, shared with the management API thread."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

__all__ = ["ServiceStatus"]


class ServiceStatus:
    """Thread-safe: the event loop writes, the management API reads :meth:`snapshot`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.started_at = time.time()
        self.state = "starting"
        self.converted_files = 0
        self.conversion_errors = 0
        self.uploaded = 0
        self.upload_failures = 0
        self.parked = 0
        self.in_flight = 0
        self.last_upload: dict[str, Any] | None = None
        self.last_error: dict[str, Any] | None = None

    def set_state(self, state: str) -> None:
        with self._lock:
            self.state = state

    def converted(self) -> None:
        with self._lock:
            self.converted_files += 1

    def conversion_failed(self, path: str, reason: str) -> None:
        with self._lock:
            self.conversion_errors += 1
            self.last_error = {"time": time.time(), "file": path, "report_id": None, "message": reason}

    def upload_started(self) -> None:
        with self._lock:
            self.in_flight += 1

    def upload_ended(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def upload_done(self, report_id: str, source: str | None, attempt: int) -> None:
        with self._lock:
            self.uploaded += 1
            self.last_upload = {
                "time": time.time(),
                "report_id": report_id,
                "file": source,
                "attempt": attempt,
            }

    def upload_failed(self, report_id: str, source: str | None, message: str, *, parked: bool) -> None:
        with self._lock:
            self.upload_failures += 1
            self.parked += parked
            self.last_error = {
                "time": time.time(),
                "file": source,
                "report_id": report_id,
                "message": message,
            }

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "state": self.state,
                "pid": os.getpid(),
                "started_at": self.started_at,
                "uptime_s": round(time.time() - self.started_at, 1),
                "converted_files": self.converted_files,
                "conversion_errors": self.conversion_errors,
                "uploaded": self.uploaded,
                "upload_failures": self.upload_failures,
                "parked": self.parked,
                "in_flight": self.in_flight,
                "last_upload": self.last_upload,
                "last_error": self.last_error,
            }
