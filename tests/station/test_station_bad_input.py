"""Bad input never stops the station: each file ends in the error folder with its reason, or waits."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from station_helpers import StationProcess, server_headers, wait_for, wsjf_bytes, wsxf_bytes

from pywats.testing import LocalWATSServer

TIMEOUT_S = 40.0
HERE = Path(__file__).resolve().parent
BIG_BYTES = 500 * 1024 * 1024


def test_bad_files_go_to_the_error_folder_with_a_reason(
    make_station: type[StationProcess], wats_server: LocalWATSServer
) -> None:
    station = make_station(incomplete_wait_s=1).start()
    xml = wsxf_bytes("SN-TRUNCATED")
    bad = {
        "empty.json": b"",
        "truncated.xml": xml[: len(xml) // 2],
        "garbage.json": os.urandom(3000),
        "garbage.bin": os.urandom(3000),
        "notes.dat": b"operator notes, not a test result\n",
        "broken.json": b'{"type": "T", "pn": ',
        "invalid.json": wsjf_bytes("SN-INVALID").replace(b'"pn":"ST-PN"', b'"pn":""'),
    }
    for name, content in bad.items():
        station.drop(name, content)
    big = station.staging / "big.json"
    with big.open("wb") as stream:  # sparse: 500 MB of size, no disk space
        stream.truncate(BIG_BYTES)
    os.replace(big, station.inbox / "big.json")
    expected = sorted([*bad, "big.json"])

    def errors() -> list[str]:
        return sorted(n for n in station.folder_files("error") if not n.endswith(".error.txt"))

    wait_for(lambda: errors() == expected, TIMEOUT_S, f"all of {expected} in error/")
    reasons = {name: (station.inbox / "error" / f"{name}.error.txt").read_text() for name in expected}
    assert "empty" in reasons["empty.json"]
    assert "500.0 MB" in reasons["big.json"] and "max_file_mb" in reasons["big.json"]
    assert "wsxf could not read the file" in reasons["truncated.xml"]
    assert "no converter" in reasons["garbage.bin"] and "no converter" in reasons["notes.dat"]
    assert "no converter" in reasons["garbage.json"] or "wsjf" in reasons["garbage.json"]
    assert "wsjf" in reasons["broken.json"]
    assert "pn" in reasons["invalid.json"]
    for text in reasons.values():
        assert text.startswith("file: ") and "reason: " in text
    assert (station.inbox / "error" / "big.json").stat().st_size == BIG_BYTES  # moved, never deleted

    # The service is still up and takes the next good file.
    station.drop("good.json", wsjf_bytes("SN-GOOD"))
    wait_for(lambda: station.folder_files("done") == ["good.json"], TIMEOUT_S, "the good file to be uploaded")
    assert station.process is not None and station.process.poll() is None
    assert [h.serial_number for h in server_headers(wats_server.url, wats_server.token)] == ["SN-GOOD"]
    status = station.cli("status", "--json")
    assert status.returncode == 0


def test_a_file_still_being_written_is_converted_once_complete(
    make_station: type[StationProcess], wats_server: LocalWATSServer
) -> None:
    station = make_station(file_stable_s=0.5).start()
    content = wsjf_bytes("SN-SLOW-WRITER")
    target = station.inbox / "slow.json"

    def write_slowly() -> None:
        with target.open("wb") as stream:
            for start in range(0, len(content), 64):
                stream.write(content[start : start + 64])
                stream.flush()
                time.sleep(0.1)  # pauses shorter than file_stable_s

    writer = threading.Thread(target=write_slowly)
    writer.start()
    writer.join()
    wait_for(
        lambda: station.folder_files("done") == ["slow.json"], TIMEOUT_S, "the finished file to be uploaded"
    )
    assert station.folder_files("error") == []
    assert [h.serial_number for h in server_headers(wats_server.url, wats_server.token)] == ["SN-SLOW-WRITER"]


def test_a_file_cut_short_waits_for_its_end_then_gives_up(
    make_station: type[StationProcess], wats_server: LocalWATSServer
) -> None:
    """A converter registered by import string reports an incomplete file: it waits, then errors."""
    converter = {"rec": {"class": "station_sample_converter:RecConverter"}}
    station = make_station(converters=converter, incomplete_wait_s=2)
    station.start(env={"PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])})
    late, never = station.inbox / "late.rec", station.inbox / "never.rec"
    late.write_bytes(b"SN=SN-LATE\nV=3.3\n")
    never.write_bytes(b"SN=SN-NEVER\nV=3.3\n")
    wait_for(
        lambda: station.log().count("looks incomplete") >= 2, TIMEOUT_S, "the service to notice the cuts"
    )
    assert station.folder_files("error") == []
    late.write_bytes(b"SN=SN-LATE\nV=3.3\nEND\n")  # the writer finishes one of them
    wait_for(
        lambda: station.folder_files("done") == ["late.rec"], TIMEOUT_S, "the completed file to be uploaded"
    )
    wait_for(lambda: "never.rec" in station.folder_files("error"), TIMEOUT_S, "the other to give up")
    sidecar = (station.inbox / "error" / "never.rec.error.txt").read_text()
    assert "no END line yet" in sidecar and "unchanged for 2 s" in sidecar
    assert [h.serial_number for h in server_headers(wats_server.url, wats_server.token)] == ["SN-LATE"]
