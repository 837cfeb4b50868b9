"""The files a running service leaves for the CLI: a lock, the pid file and ``service.json``.

``service.json`` holds the pid and the management API's port (which may have been chosen at
random with ``--api-port 0``); it is written when the service is ready and removed when it stops.
The lock (an OS file lock on ``service.lock``) keeps a second service off the same queue and is
released by the OS even after ``kill -9``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from pywats_client._fs import write_durably

__all__ = ["RuntimeFiles", "ServiceAlreadyRunning", "pid_alive"]


class ServiceAlreadyRunning(RuntimeError):
    """Another service holds this instance's lock."""


def pid_alive(pid: int) -> bool:
    """True if a process with this pid exists."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RuntimeFiles:
    """The runtime files of one instance's data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.lock_file = data_dir / "service.lock"
        self.pid_file = data_dir / "pywats_client.pid"
        self.info_file = data_dir / "service.json"
        self.log_file = data_dir / "logs" / "pywats_client.log"
        self._lock: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the instance lock or raise :class:`ServiceAlreadyRunning`."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        stream = self.lock_file.open("a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            stream.close()
            info = self.read_info()
            pid = f" (pid {info['pid']})" if info and "pid" in info else ""
            raise ServiceAlreadyRunning(
                f"another pywats-client service{pid} is running on {self.data_dir}"
            ) from None
        self._lock = stream

    def publish(self, info: dict[str, Any]) -> None:
        """Write the pid file and ``service.json`` (the service is ready)."""
        write_durably(self.pid_file, f"{os.getpid()}\n".encode(), mode=0o644)
        write_durably(self.info_file, json.dumps(info).encode("utf-8"), mode=0o600)

    def release(self) -> None:
        """Remove the runtime files and drop the lock."""
        for path in (self.info_file, self.pid_file):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def read_info(self) -> dict[str, Any] | None:
        """``service.json`` of a live service, or None (missing, unreadable or its process is gone)."""
        try:
            info = json.loads(self.info_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, OSError):
            return None
        if not isinstance(info, dict) or not isinstance(info.get("pid"), int) or not pid_alive(info["pid"]):
            return None
        return info
