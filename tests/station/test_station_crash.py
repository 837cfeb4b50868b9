"""``kill -9`` at random moments of a run: after restarts every file's report is on the server once.

The default run is sized for the suite (120 files, 4 kills);
``PYWATS_STATION_CRASH_FILES=300 PYWATS_STATION_CRASH_KILLS=8`` runs the full-size variant.
``PYWATS_STATION_CRASH_SEED`` repeats a run (the seed is printed on failure).
"""

from __future__ import annotations

import json
import os
import random
import time

from station_helpers import StationProcess, server_headers, wait_for, wsjf_bytes, wstf_bytes

from pywats.testing import LocalWATSServer, ServerControl

FILES = int(os.environ.get("PYWATS_STATION_CRASH_FILES", "120"))
KILLS = int(os.environ.get("PYWATS_STATION_CRASH_KILLS", "4"))
SEED = int(os.environ.get("PYWATS_STATION_CRASH_SEED", str(random.randrange(1 << 30))))
TIMEOUT_S = 120.0


def test_kill_9_at_random_points_loses_nothing_and_duplicates_nothing(
    make_station: type[StationProcess], wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    rng = random.Random(SEED)
    # Slow uploads keep several in flight, so kills land mid-upload as well as mid-conversion.
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", delay_s=0.03, count=0)
    station = make_station(upload_concurrency=4, file_stable_s=0.1)
    names = [f"c{i:04d}.{'txt' if i % 5 == 0 else 'json'}" for i in range(FILES)]
    content = {
        name: (wstf_bytes(f"SN-C{i:04d}") if name.endswith(".txt") else wsjf_bytes(f"SN-C{i:04d}"))
        for i, name in enumerate(names)
    }
    waves = [names[i :: KILLS + 1] for i in range(KILLS + 1)]
    for kill in range(KILLS):
        for name in waves[kill]:
            station.drop(name, content[name])
        station.start()
        time.sleep(rng.uniform(0.05, 1.5))
        station.kill()
    for name in waves[KILLS]:
        station.drop(name, content[name])
    station.start()
    context = f"(seed {SEED}; log: {station.log_path})"
    wait_for(lambda: len(station.folder_files("done")) == FILES, TIMEOUT_S, f"all files in done/ {context}")
    wait_for(
        lambda: not any(station.queue_files(s) for s in ("pending", "uploading", "retrying")),
        TIMEOUT_S,
        f"an empty queue {context}",
    )
    assert station.inbox_files() == [] and station.folder_files("error") == [], context
    assert station.queue_files("parked") == [], context
    headers = server_headers(wats_server.url, wats_server.token)
    serials = sorted(h.serial_number for h in headers)
    assert serials == sorted(f"SN-C{i:04d}" for i in range(FILES)), context  # each exactly once
    # The ids on the server are the ids the station queued: re-uploads after a crash replaced, not added.
    queued = {name.removesuffix(".entry") for name in station.queue_files("done")}
    assert {str(h.id).lower() for h in headers} == queued, context
    for name in names:
        if name.endswith(".json"):
            report_id = json.loads(content[name])["id"]
            assert report_id in queued, (name, context)
