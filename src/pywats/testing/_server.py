"""Start and stop ``pywats-server`` as a child process on a free loopback port."""

from __future__ import annotations

import base64
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from queue import Empty, Queue
from types import TracebackType
from typing import IO, Self

from pywats.testing._control import ServerControl

__all__ = ["LocalWATSServer", "ServerStartError"]

READY_RE = re.compile(r"pywats-server ready at (http://\S+)")
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0


class ServerStartError(RuntimeError):
    """``pywats-server`` could not be started; the message holds what it printed."""


class LocalWATSServer:
    """A ``pywats-server`` process with its own data directory and one user.

    ``url`` and ``token`` are what a client needs; ``control`` reaches the control plane
    (reset, fault injection, request log). The data directory is removed on :meth:`stop`
    unless it was passed in.
    """

    def __init__(
        self,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        user: str = "tester",
        password: str | None = None,
        extra_args: list[str] | None = None,
    ) -> None:
        self.user = user
        self.password = password or secrets.token_urlsafe(16)
        self._own_dir = data_dir is None
        self.data_dir = (
            Path(data_dir) if data_dir is not None else Path(tempfile.mkdtemp(prefix="pywats-server-"))
        )
        self._extra_args = list(extra_args or [])
        self._process: subprocess.Popen[str] | None = None
        self._output: list[str] = []
        self.url = ""

    @property
    def token(self) -> str:
        """The Basic token (Base64 of ``user:password``) of the server's user."""
        return base64.b64encode(f"{self.user}:{self.password}".encode()).decode()

    @property
    def control(self) -> ServerControl:
        """A client of the server's control plane."""
        return ServerControl(self.url, self.token)

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process else None

    def start(self) -> Self:
        """Start the server and wait until it accepts requests."""
        if self._process is not None:
            return self
        command = [
            sys.executable,
            "-m",
            "pywats_server",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--data-dir",
            str(self.data_dir),
            "--user",
            f"{self.user}:{self.password}",
            *self._extra_args,
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        lines: Queue[str | None] = Queue()
        assert self._process.stdout is not None
        threading.Thread(target=_pump, args=(self._process.stdout, lines, self._output), daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=START_TIMEOUT_S)
            except Empty:
                self.stop()
                raise ServerStartError(
                    f"pywats-server did not report ready within {START_TIMEOUT_S:g} s"
                ) from None
            if line is None:
                code = self._process.wait()
                self._process = None
                printed = "".join(self._output).strip()
                hint = " (is pywats-api[server] installed?)" if "No module named" in printed else ""
                raise ServerStartError(f"pywats-server exited with code {code}{hint}:\n{printed}")
            match = READY_RE.search(line)
            if match:
                self.url = match.group(1)
                return self

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace period) and clean up."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    @property
    def output(self) -> str:
        """Everything the server printed so far."""
        return "".join(self._output)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _pump(stream: IO[str], lines: Queue[str | None], sink: list[str]) -> None:
    """Copy the server's output to a queue (for the ready line) and a buffer (for error reports)."""
    for line in stream:
        sink.append(line)
        lines.put(line)
    lines.put(None)
