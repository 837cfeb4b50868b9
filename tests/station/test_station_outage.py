"""The server is down while files arrive: everything is queued, nothing is lost or sent twice.

``PYWATS_STATION_OUTAGE_FILES=500`` runs the full-size variant of the first test (default 200).
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from station_helpers import StationProcess, server_headers, successful_posts, wait_for, wsjf_bytes

from pywats.testing import LocalWATSServer, ServerControl

FILES = int(os.environ.get("PYWATS_STATION_OUTAGE_FILES", "200"))
TIMEOUT_S = 120.0


def failed_posts(control: ServerControl) -> int:
    return sum(
        1
        for r in control.requests()
        if r["method"] == "POST" and r["path"].lower() == "/api/report/wsjf" and (r["status"] or 500) >= 500
    )


def test_files_arriving_during_an_outage_all_arrive_once_it_is_over(
    make_station: type[StationProcess], wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    station = make_station(upload_concurrency=8).start()
    # First the server answers 503, then connections break: both are outages the station waits out.
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=503, count=0)
    half = FILES // 2
    for index in range(half):
        station.drop(f"r{index:04d}.json", wsjf_bytes(f"SN-{index:04d}"))
    wait_for(lambda: failed_posts(wats_control) >= 1, TIMEOUT_S, "the first refused upload")
    wats_control.clear_faults()
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", drop=True, count=0)
    for index in range(half, FILES):
        station.drop(f"r{index:04d}.json", wsjf_bytes(f"SN-{index:04d}"))

    def queued() -> bool:
        waiting = sum(len(station.queue_files(s)) for s in ("pending", "retrying", "uploading"))
        return waiting == FILES

    wait_for(queued, TIMEOUT_S, f"all {FILES} reports to be queued")
    assert server_headers(wats_server.url, wats_server.token) == []
    assert len(station.inbox_files()) == FILES  # files stay until their report is uploaded
    probes = len([r for r in wats_control.requests() if r["method"] == "POST"])
    # The circuit breaker: a handful of probes during the outage, not one try per report.
    assert probes < FILES // 4, probes

    # Forget the outage's requests while it still lasts: a success can only come after the faults go.
    wats_control.clear_requests()
    wats_control.clear_faults()
    wait_for(lambda: len(station.folder_files("done")) == FILES, TIMEOUT_S, f"all {FILES} files uploaded")
    headers = server_headers(wats_server.url, wats_server.token)
    assert sorted(h.serial_number for h in headers) == [f"SN-{i:04d}" for i in range(FILES)]
    assert all(h.receive_count == 1 for h in headers)  # none stored twice
    assert successful_posts(wats_control) == FILES  # and none sent twice
    assert station.inbox_files() == [] and station.queue_files("parked") == []
    assert len(station.queue_files("done")) == FILES


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_stopped_server_is_waited_for(make_station: type[StationProcess], tmp_path: Path) -> None:
    """Connection refused for a while: the reports go up once the server is back on its port."""
    data, port = tmp_path / "server-data", _free_port()
    server = LocalWATSServer(data_dir=data, extra_args=["--port", str(port)]).start()
    password = server.password
    station = make_station()
    config = json.loads(station.config_file.read_text())  # this server, not the session's
    config.update(service_address=server.url, api_token=server.token)
    station.config_file.write_text(json.dumps(config))
    station.start()
    server.stop()
    for index in range(30):
        station.drop(f"s{index:02d}.json", wsjf_bytes(f"SN-STOPPED-{index:02d}"))
    wait_for(lambda: "ConnectionError" in station.log(), TIMEOUT_S, "a refused connection")
    wait_for(
        lambda: len(station.queue_files("pending")) + len(station.queue_files("retrying")) == 30, 60, "queued"
    )
    server = LocalWATSServer(data_dir=data, password=password, extra_args=["--port", str(port)]).start()
    try:
        wait_for(lambda: len(station.folder_files("done")) == 30, TIMEOUT_S, "the uploads after the restart")
        headers = server_headers(server.url, server.token)
        assert len({h.id for h in headers}) == 30 and all(h.receive_count == 1 for h in headers)
    finally:
        station.kill()
        server.stop()
