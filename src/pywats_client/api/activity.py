"""What the management API remembers while the service runs: recent log records and upload counts.

Both live in memory only (they start empty with each service start) and are filled from the
outside: :class:`LogBuffer` is a :class:`logging.Handler` on the root logger, so it sees exactly
the records the log file or console gets; :class:`UploadHistory` turns the service's running
totals (``uploaded``, ``upload_failures``) into counts per time bucket, sampled by the API's
thread every few seconds and before each answer.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from datetime import datetime
from typing import Any

__all__ = ["HISTORY_BUCKET_S", "LOG_CAPACITY", "LogBuffer", "UploadHistory", "level_number"]

LOG_CAPACITY = 2000
"""Records kept for ``GET /api/log`` (the oldest are dropped first)."""
HISTORY_BUCKET_S = 300
"""Resolution of the upload history (five minutes)."""
HISTORY_KEEP_S = 48 * 3600
_FORMATTER = logging.Formatter()
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def level_number(name: str) -> int:
    """``"WARNING"`` → 30; raises ``ValueError`` for a name that is not a standard level."""
    upper = name.strip().upper()
    if upper not in _LEVELS:
        raise ValueError(f"level must be one of {', '.join(_LEVELS)}")
    return int(logging.getLevelName(upper))


class LogBuffer(logging.Handler):
    """The last :data:`LOG_CAPACITY` log records, numbered so a reader can ask for what is new."""

    def __init__(self, capacity: int = LOG_CAPACITY) -> None:
        super().__init__(logging.DEBUG)
        self._records: collections.deque[dict[str, Any]] = collections.deque(maxlen=capacity)
        self._seq = 0
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info:
                message += "\n" + _FORMATTER.formatException(record.exc_info)
        except Exception:  # a bad format string must not break the service's logging
            self.handleError(record)
            return
        with self._guard:
            self._seq += 1
            self._records.append(
                {
                    "seq": self._seq,
                    "time": record.created,
                    "level": record.levelname,
                    "logger": record.name,
                    "message": message,
                }
            )

    def since(self, after: int = 0, *, level: int = logging.DEBUG, limit: int = 500) -> dict[str, Any]:
        """Records numbered above ``after`` at ``level`` or worse (the newest ``limit`` of them).

        ``next`` is the number to pass as ``after`` next time; it covers the records filtered
        out too, so a reader never sees one twice.
        """
        with self._guard:
            records = [r for r in self._records if r["seq"] > after]
            last = self._seq
        chosen = [r for r in records if logging.getLevelName(r["level"]) >= level]
        return {"records": chosen[-limit:] if limit > 0 else [], "next": last}


class UploadHistory:
    """Uploads and failed uploads per :data:`HISTORY_BUCKET_S`, from the service's running totals."""

    def __init__(self, bucket_s: int = HISTORY_BUCKET_S) -> None:
        self.bucket_s = bucket_s
        self._buckets: dict[int, list[int]] = {}
        self._last = (0, 0)
        self._guard = threading.Lock()

    def record(self, uploaded: int, failed: int, now: float | None = None) -> None:
        """Count what the totals grew by since the last call into the bucket of ``now``."""
        now = time.time() if now is None else now
        start = int(now // self.bucket_s) * self.bucket_s
        with self._guard:
            grew = (max(uploaded - self._last[0], 0), max(failed - self._last[1], 0))
            self._last = (uploaded, failed)
            if grew != (0, 0):
                bucket = self._buckets.setdefault(start, [0, 0])
                bucket[0] += grew[0]
                bucket[1] += grew[1]
            for old in [s for s in self._buckets if s < now - HISTORY_KEEP_S]:
                del self._buckets[old]

    def summary(self, hours: float, bucket_s: int, now: float | None = None) -> dict[str, Any]:
        """Counts in ``bucket_s`` slots over the last ``hours`` (oldest first) and today's uploads.

        ``bucket_s`` is rounded to a multiple of the recording resolution. Today starts at local
        midnight; only uploads since the service started are known.
        """
        now = time.time() if now is None else now
        size = max(round(bucket_s / self.bucket_s), 1) * self.bucket_s
        count = max(int(hours * 3600 // size), 1)
        last_start = int(now // size) * size
        first_start = last_start - (count - 1) * size
        slots = {first_start + i * size: [0, 0] for i in range(count)}
        midnight = datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
        today = 0
        with self._guard:
            for start, (uploaded, failed) in self._buckets.items():
                if start >= midnight:
                    today += uploaded
                slot = int(start // size) * size
                if slot in slots:
                    slots[slot][0] += uploaded
                    slots[slot][1] += failed
        return {
            "bucket_s": size,
            "buckets": [{"start": s, "uploaded": u, "failed": f} for s, (u, f) in sorted(slots.items())],
            "uploads_today": today,
        }
