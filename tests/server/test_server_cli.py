"""The ``pywats-server`` command as a real subprocess."""

from __future__ import annotations

import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue
from typing import IO

import httpx
import pytest
from server_helpers import basic

from pywats_server.__main__ import main

READY = re.compile(r"^pywats-server ready at (http://127\.0\.0\.1:(\d+))$")
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0


class ServerProcess:
    """``python -m pywats_server`` with its stdout read line by line and stderr collected."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pywats_server", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.stdout_lines: list[str] = []
        self.stderr_lines: list[str] = []
        self._lines: Queue[str | None] = Queue()
        assert self.process.stdout is not None and self.process.stderr is not None
        self._pumps = [
            threading.Thread(
                target=self._pump, args=(self.process.stdout, self.stdout_lines, True), daemon=True
            ),
            threading.Thread(
                target=self._pump, args=(self.process.stderr, self.stderr_lines, False), daemon=True
            ),
        ]
        for pump in self._pumps:
            pump.start()

    def _pump(self, stream: IO[str], sink: list[str], to_queue: bool) -> None:
        for line in stream:
            sink.append(line.rstrip("\n"))
            if to_queue:
                self._lines.put(line.rstrip("\n"))
        if to_queue:
            self._lines.put(None)

    def wait_ready(self) -> str:
        """The URL from the ready line; fails the test if the server exits or stays silent."""
        while True:
            try:
                line = self._lines.get(timeout=START_TIMEOUT_S)
            except Empty:
                pytest.fail(f"no ready line within {START_TIMEOUT_S} s; stdout={self.stdout_lines}")
            if line is None:
                pytest.fail(f"server exited ({self.process.wait()}): {self.stdout_lines} {self.stderr_lines}")
            match = READY.match(line)
            if match:
                return match.group(1)

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> int:
        """Send ``sig`` and return the exit status."""
        self.process.send_signal(sig)
        code = self.process.wait(STOP_TIMEOUT_S)
        for pump in self._pumps:
            pump.join(STOP_TIMEOUT_S)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    @property
    def output(self) -> str:
        return "\n".join(self.stdout_lines + self.stderr_lines)


@pytest.fixture
def processes() -> Iterator[list[ServerProcess]]:
    """Processes started by a test; killed at the end if the test did not stop them."""
    started: list[ServerProcess] = []
    yield started
    for process in started:
        process.kill()


def start(processes: list[ServerProcess], *args: str, env: dict[str, str] | None = None) -> ServerProcess:
    process = ServerProcess(*args, env=env)
    processes.append(process)
    return process


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_start_generates_an_account_and_later_starts_reuse_it(
    tmp_path: Path, processes: list[ServerProcess]
) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path)}
    data_dir = tmp_path / "pywats-server"
    token_file = data_dir / "token"

    first = start(processes, "--port", "0", env=env)
    url = first.wait_ready()

    assert mode(data_dir) == 0o700
    assert mode(token_file) == 0o600
    token = token_file.read_text().strip()
    expected = f"pywats-server: generated account 'admin'; token {token} (saved to {token_file})"
    assert first.stdout_lines == [expected, f"pywats-server ready at {url}"]
    assert int(url.rsplit(":", 1)[1]) > 0
    assert httpx.get(f"{url}/api/App/Version", headers={"Authorization": f"Basic {token}"}).status_code == 200
    assert first.stop(signal.SIGTERM) == 0

    second = start(processes, "--port", "0", "--log-level", "debug", env=env)
    url = second.wait_ready()
    headers = {"Authorization": f"Basic {token}"}
    assert httpx.put(f"{url}/api/Product", json={"partNumber": "P"}, headers=headers).status_code == 200
    assert httpx.get(f"{url}/api/App/Version", headers={"Authorization": "Basic bad"}).status_code == 401
    assert second.stop(signal.SIGINT) == 0

    assert token_file.read_text().strip() == token
    assert token not in second.output  # printed once, on the first start only, and never logged
    assert str(token_file) in second.stdout_lines[0]
    assert "Authorization" not in second.output


def test_users_from_the_command_line(tmp_path: Path, processes: list[ServerProcess]) -> None:
    server = start(
        processes,
        "--port",
        "0",
        "--data-dir",
        str(tmp_path),
        "--user",
        "alice:pw:with:colons",
        "--user",
        "bob:x",
    )
    url = server.wait_ready()

    assert httpx.get(f"{url}/api/App/Version", headers=basic("alice", "pw:with:colons")).status_code == 200
    assert httpx.get(f"{url}/api/App/Version", headers=basic("bob", "x")).status_code == 200
    assert httpx.get(f"{url}/api/App/Version", headers=basic("alice", "x")).status_code == 401
    assert server.stop() == 0
    assert not (tmp_path / "token").exists()
    assert server.stdout_lines == [f"pywats-server ready at {url}"]
    assert (tmp_path / "wats.db").is_file()


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--user", "no-colon"], "NAME:PASSWORD"),
        (["--user", ":password"], "NAME:PASSWORD"),
        (["--port", "70000"], "port"),
        (["--log-level", "chatty"], "--log-level"),
    ],
)
def test_bad_arguments_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], complaint: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), *args])
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert complaint in captured.err
    assert "ready" not in captured.out


def test_a_port_in_use_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--data-dir", str(tmp_path), "--user", "a:b", "--port", str(port)])
    assert code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_an_unusable_database_url_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(tmp_path), "--user", "a:b", "--port", "0", "--database", "nosuchdb://x"])
    assert code == 1
    assert "cannot use the database 'nosuchdb://x'" in capsys.readouterr().err
