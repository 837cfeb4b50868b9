"""``pywats-client start`` as a real process against ``pywats-server``: files in, reports on the server."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path
from typing import Any

import httpx
from station_helpers import (
    StationProcess,
    server_headers,
    successful_posts,
    wait_for,
    wsjf_bytes,
    wstf_bytes,
    wsxf_bytes,
)

from pywats.testing import LocalWATSServer, ServerControl

TIMEOUT_S = 40.0


def listening_address(port: int) -> str | None:
    """The local address a TCP port listens on, read from /proc (Linux)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, _, port_hex = local.rpartition(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                return socket.inet_ntoa(bytes.fromhex(address)[::-1]) if len(address) == 8 else address
    return None


def test_dropped_files_become_reports_and_the_service_can_be_asked_and_stopped(
    make_station: type[StationProcess], wats_server: LocalWATSServer
) -> None:
    station = make_station().start("--api", "--api-port", "0")
    dropped = {
        "a.json": wsjf_bytes("SN-JSON-1"),
        "b.json": wsjf_bytes("SN-JSON-2", passed=False),
        "c.xml": wsxf_bytes("SN-XML-1"),
        "d.txt": wstf_bytes("SN-TEXT-1"),
    }
    for name, content in dropped.items():
        station.drop(name, content)
    wait_for(lambda: len(station.folder_files("done")) == 4, TIMEOUT_S, "four files in done/")
    assert station.inbox_files() == [] and station.folder_files("error") == []
    headers = server_headers(wats_server.url, wats_server.token)
    assert sorted(h.serial_number for h in headers) == ["SN-JSON-1", "SN-JSON-2", "SN-TEXT-1", "SN-XML-1"]
    by_sn = {h.serial_number: h for h in headers}
    assert by_sn["SN-JSON-1"].station_name == "TEST-STATION"  # filled from the configuration
    assert by_sn["SN-XML-1"].station_name == "XML-STATION"  # kept from the file
    assert by_sn["SN-JSON-2"].result == "Failed"
    assert len(station.queue_files("done")) == 4 and station.queue_files("pending") == []

    # Every upload line names the report, the file and the attempt.
    log = station.log()
    for header in headers:
        assert f"Uploaded report {header.id}" in log or f"Uploaded report {str(header.id).lower()}" in log
    assert "(attempt 1)" in log and str(station.inbox / "a.json") in log

    # The management API: loopback only, and nothing without the secret.
    port = station.service_info()["api_port"]
    assert listening_address(port) == "127.0.0.1"
    base = f"http://127.0.0.1:{port}/api"
    for headers_sent in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic " + station.token}):
        answer = httpx.get(base + "/status", headers=headers_sent)
        assert answer.status_code == 401 and "queue" not in answer.text
        assert httpx.post(base + "/stop", headers=headers_sent).status_code == 401
    secret = (station.root / "client.api_secret").read_text().strip()
    auth = {"Authorization": f"Bearer {secret}"}
    status = httpx.get(base + "/status", headers=auth).json()
    assert status["uploaded"] == 4 and status["queue"]["done"] == 4 and status["state"] == "running"
    config = httpx.get(base + "/config", headers=auth)
    assert config.status_code == 200 and station.token not in config.text
    converters = {c["name"]: c for c in httpx.get(base + "/converters", headers=auth).json()}
    assert {"wsjf", "wsxf", "wstf"} <= set(converters)

    # The CLI's status and stop go through the API.
    shown = station.cli("status")
    assert shown.returncode == 0 and "up (running)" in shown.stdout and "uploaded" in shown.stdout
    assert json.loads(station.cli("status", "--json").stdout)["uploaded"] == 4
    stopped = station.cli("stop")
    assert stopped.returncode == 0, stopped.stderr
    assert station.process is not None and station.process.wait(timeout=15) == 0
    assert not (station.data / "service.json").exists()
    down = station.cli("status")
    assert down.returncode == 3 and "not running" in down.stdout


def test_sigterm_returns_a_slow_upload_to_the_queue_and_exits_in_time(
    make_station: type[StationProcess], wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", delay_s=30, count=0)
    station = make_station(shutdown_grace_s=2).start()
    station.drop("slow.json", wsjf_bytes("SN-SLOW"))
    wait_for(lambda: station.queue_files("uploading"), TIMEOUT_S, "the upload to start")
    began = time.monotonic()
    assert station.terminate() == 0
    assert time.monotonic() - began < 10.0
    assert station.queue_files("uploading") == [] and len(station.queue_files("pending")) == 1
    assert "interrupted by shutdown" in station.log()
    wats_control.clear_faults()
    station.start()
    wait_for(lambda: station.folder_files("done") == ["slow.json"], TIMEOUT_S, "the upload after restart")
    assert [h.serial_number for h in server_headers(wats_server.url, wats_control_token(wats_server))] == [
        "SN-SLOW"
    ]


def wats_control_token(server: LocalWATSServer) -> str:
    return server.token


def test_a_refused_report_is_parked_with_its_file_in_the_error_folder(
    make_station: type[StationProcess], wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    wats_control.add_fault(
        path="/api/Report/WSJF", method="POST", status=400, count=1, body='{"Message": "Unknown part number"}'
    )
    station = make_station().start()
    station.drop("refused.json", wsjf_bytes("SN-REFUSED"))
    wait_for(lambda: station.queue_files("parked"), TIMEOUT_S, "the entry to be parked")
    wait_for(lambda: "refused.json" in station.folder_files("error"), TIMEOUT_S, "the file in error/")
    sidecar = (station.inbox / "error" / "refused.json.error.txt").read_text()
    assert "the server refused report" in sidecar and "Unknown part number" in sidecar
    entry_id = station.queue_files("parked")[0].removesuffix(".entry")
    listed = station.cli("queue", "list", "--state", "parked", "--json")
    assert json.loads(listed.stdout)[0]["last_error"].count("Unknown part number") == 1
    assert "Unknown part number" in station.cli("queue", "show", entry_id).stdout
    # The operator fixed the cause: retry it.
    assert station.cli("queue", "retry", entry_id).returncode == 0
    wait_for(lambda: station.queue_files("done"), TIMEOUT_S, "the retried entry to be uploaded")
    assert [h.serial_number for h in server_headers(wats_server.url, wats_server.token)] == ["SN-REFUSED"]
    assert successful_posts(wats_control) == 1


def test_daemon_mode_writes_a_pid_file_and_a_log(make_station: type[StationProcess]) -> None:
    station = make_station()
    started = station.cli("start", "--daemon", "--api", "--api-port", "0")
    assert started.returncode == 0, started.stderr + started.stdout
    pid = int((station.data / "pywats_client.pid").read_text())
    try:
        assert "started in the background" in started.stdout
        station.drop("d.json", wsjf_bytes("SN-DAEMON"))
        wait_for(lambda: station.folder_files("done"), TIMEOUT_S, "the daemon to upload")
        status = station.cli("status")
        assert status.returncode == 0 and str(pid) in status.stdout
        assert station.cli("start", "--daemon").returncode == 1  # one service per instance
        assert station.cli("stop").returncode == 0
        wait_for(lambda: not _alive(pid), 15, "the daemon to exit")
        log = (station.data / "logs" / "pywats_client.log").read_text()
        assert "ready" in log and "Uploaded report" in log and "stopped" in log
        assert not (station.data / "pywats_client.pid").exists()
    finally:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_systemd_readiness_notifications(make_station: type[StationProcess], tmp_path: Path) -> None:
    address = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(address)
        sock.settimeout(TIMEOUT_S)
        station = make_station().start(env={"NOTIFY_SOCKET": address})
        messages = [sock.recv(256).decode()]
        assert station.terminate() == 0
        messages.append(sock.recv(256).decode())
    assert messages == ["READY=1", "STOPPING=1"]


def test_a_second_service_on_the_same_queue_is_refused(make_station: type[StationProcess]) -> None:
    station = make_station().start()
    second = station.cli("start", timeout=30)
    assert second.returncode == 1 and "another pywats-client service" in second.stderr


def test_reload_picks_up_a_new_folder(
    make_station: type[StationProcess], wats_server: LocalWATSServer
) -> None:
    station = make_station().start("--api", "--api-port", "0")
    other = station.root / "second"
    other.mkdir()
    folders: list[dict[str, Any]] = [
        {"path": str(station.inbox)},
        {"path": str(other), "post_action": "delete"},
    ]
    changed = station.cli("config", "set", "folders", json.dumps(folders))
    assert changed.returncode == 0 and "reloading" in changed.stdout
    (other / "new.json").write_bytes(wsjf_bytes("SN-RELOADED"))
    wait_for(lambda: not (other / "new.json").exists(), TIMEOUT_S, "the new folder to be watched")
    wait_for(lambda: server_headers(wats_server.url, wats_server.token), TIMEOUT_S, "the report")


def test_start_without_a_server_address_says_what_to_do(tmp_path: Path) -> None:
    station = StationProcess(tmp_path / "s", "http://127.0.0.1:9", "t", service_address="")
    result = station.cli("start", timeout=30)
    assert result.returncode == 2 and "service_address is not set" in result.stderr


def test_a_taken_management_port_is_a_clear_error(make_station: type[StationProcess]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = make_station().cli("start", "--api", "--api-port", str(port), timeout=30)
    assert result.returncode == 2 and f"cannot serve the management API on 127.0.0.1:{port}" in result.stderr


def test_live_results_overtake_a_backlog_queued_at_low_priority(
    make_station: type[StationProcess], wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=503, count=0)
    station = make_station(upload_concurrency=2).start()
    backlog = station.root / "old-results"
    backlog.mkdir()
    for index in range(30):
        (backlog / f"old{index:02d}.json").write_bytes(wsjf_bytes(f"SN-OLD-{index:02d}"))
    assert station.cli("convert", str(backlog), "--priority", "10").returncode == 0
    live = wsjf_bytes("SN-LIVE")
    live_id = json.loads(live)["id"]
    wait_for(lambda: "failed (attempt 1)" in station.log(), TIMEOUT_S, "the outage to be noticed")
    station.drop("live.json", live)
    waiting = ("pending", "retrying", "uploading")
    wait_for(lambda: sum(len(station.queue_files(s)) for s in waiting) == 31, TIMEOUT_S, "31 queued reports")
    wats_control.clear_faults()
    wait_for(lambda: len(station.queue_files("done")) == 31, TIMEOUT_S, "the queue to drain")
    uploaded = [
        line.split("Uploaded report ")[1].split()[0]
        for line in station.log().splitlines()
        if "Uploaded report" in line
    ]
    assert live_id in uploaded[:3], uploaded.index(live_id)  # ahead of the backlog (which started first)
    assert sorted(station.inbox_files()) == [] and station.folder_files("done") == ["live.json"]
    assert sorted(p.name for p in backlog.iterdir())[:1] == ["old00.json"]  # a backfill leaves files alone
