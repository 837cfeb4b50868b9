"""The station client end to end: WSJF files dropped into a watched folder until all are uploaded.

``pywats-client start`` runs as a real process against the benchmark's server. 1,000 small WSJF
files are moved into its folder at once; the time until every report is in the queue's ``done``
directory gives files/s (target >= 200; the wait for files to be stable, 0.1 s here, is included).
The baseline, measured in the same run, posts the same 1,000 reports with raw ``httpx`` at the same
concurrency, with no files, conversion, validation or durable queue. Then waves of files keep the
service busy while its RSS is sampled: flat means the last waves use no more memory than the first.

Run alone: ``.venv/bin/python bench/bench_station.py`` (starts its own server).
``BENCH_STATION_RSS_FILES=10000`` runs the memory phase with 10,000 files (default 3,000).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from _common import Result, auth_headers, report, standalone
from pywats.tools.test_uut import TestUUT

FILES = 1000
TARGET_FILES_PER_S = 200.0
CONCURRENCY = 4
STABLE_S = 0.1
RSS_FILES = int(os.environ.get("BENCH_STATION_RSS_FILES", "3000"))
RSS_WAVE = 500
READY_TIMEOUT_S = 60.0
DRAIN_TIMEOUT_S = 300.0


def make_bodies(count: int, tag: str) -> list[bytes]:
    """``count`` small WSJF reports (5 numeric steps), each with its own id and serial number."""
    template = TestUUT("BENCH-STATION", "SN", "A", operator="bench")
    seq = template.add_sequence_call("Main")
    for index in range(5):
        seq.add_numeric_step(f"Step {index}", 3.3, low_limit=3.0, high_limit=3.6, unit="V")
    template.raw["location"] = "Bench"
    template.raw["machineName"] = "BENCH-STATION"
    template.raw["purpose"] = "Production"
    bodies = []
    for index in range(count):
        data = template.to_dict()
        data["id"] = str(uuid.uuid4())
        data["sn"] = f"{tag}-{index:05d}"
        bodies.append(json.dumps(data).encode())
    return bodies


class Station:
    """A ``pywats-client`` process with its own config, folder and queue in a temporary directory."""

    def __init__(self, url: str, token: str, root: Path) -> None:
        self.root = root
        self.folder = root / "in"
        self.staging = root / "staging"
        self.folder.mkdir()
        self.staging.mkdir()
        self.config = root / "client.json"
        config = {
            "service_address": url,
            "api_token": token,
            "station_name": "BENCH-STATION",
            "location": "Bench",
            "folders": [{"path": str(self.folder), "post_action": "delete"}],
            "upload_concurrency": CONCURRENCY,
            "file_stable_s": STABLE_S,
            "scan_interval_s": 1,
            "data_dir": str(root / "data"),
            "log_level": "WARNING",
        }
        self.config.write_text(json.dumps(config))
        self.config.chmod(0o600)  # it holds the token
        self.done = root / "data" / "queue" / "done"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = (root / "client.log").open("wb")

    def start(self) -> None:
        command = [sys.executable, "-m", "pywats_client", "--config", str(self.config), "start"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self.log)
        info = self.root / "data" / "service.json"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not info.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("pywats-client did not start: " + (self.root / "client.log").read_text())
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def stage(self, bodies: list[bytes], tag: str) -> list[str]:
        """Write the files aside (not timed); :meth:`drop` moves them in."""
        names = []
        for index, body in enumerate(bodies):
            name = f"{tag}-{index:05d}.json"
            (self.staging / name).write_bytes(body)
            names.append(name)
        return names

    def drop(self, names: list[str]) -> None:
        """Move staged files in: each appears complete at once, as a copy tool's rename makes it."""
        for name in names:
            os.replace(self.staging / name, self.folder / name)

    def done_count(self) -> int:
        return sum(1 for _ in os.scandir(self.done)) if self.done.exists() else 0

    def wait_done(self, count: int) -> None:
        deadline = time.monotonic() + DRAIN_TIMEOUT_S
        while self.done_count() < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {self.done_count()} of {count} reports uploaded")
            time.sleep(0.05)

    def cpu_s(self) -> float:
        """CPU seconds the service process has used (Linux)."""
        assert self.process is not None
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


async def raw_posts(url: str, token: str, bodies: list[bytes]) -> float:
    """Seconds for raw httpx to post every body, ``CONCURRENCY`` at a time."""
    headers = {**auth_headers(token), "Content-Type": "application/json"}
    semaphore = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:

        async def post(body: bytes) -> None:
            async with semaphore:
                (await client.post("/api/Report/WSJF", content=body)).raise_for_status()

        start = time.perf_counter()
        await asyncio.gather(*(post(b) for b in bodies))
        return time.perf_counter() - start


def run(url: str, token: str) -> list[Result]:
    root = Path(tempfile.mkdtemp(prefix="bench-station-"))
    station = Station(url, token, root)
    try:
        station.start()
        station.drop(station.stage(make_bodies(20, "warm"), "warm"))  # imports, connections, first files
        station.wait_done(20)
        bodies = make_bodies(FILES, "run")
        names = station.stage(bodies, "run")
        cpu_before = station.cpu_s()
        began = time.perf_counter()
        station.drop(names)
        station.wait_done(20 + FILES)
        elapsed = time.perf_counter() - began
        cpu_ms = (station.cpu_s() - cpu_before) / FILES * 1000
        raw_s = asyncio.run(raw_posts(url, token, make_bodies(FILES, "raw")))
        rates = (FILES / elapsed, FILES / raw_s)
        rss = [station.rss_mb()]
        for wave in range(RSS_FILES // RSS_WAVE):
            station.drop(station.stage(make_bodies(RSS_WAVE, f"rss{wave}"), f"rss{wave}"))
            station.wait_done(20 + FILES + (wave + 1) * RSS_WAVE)
            rss.append(station.rss_mb())
    finally:
        station.stop()
        shutil.rmtree(root, ignore_errors=True)
    growth = rss[-1] - rss[1] if len(rss) > 2 else 0.0
    waves = ", ".join(f"{value:.0f}" for value in rss)
    return [
        report(
            Result(
                name="station: 1,000 WSJF files dropped → uploaded",
                measured=f"pywats-client {rates[0]:.0f} files/s, raw httpx posts {rates[1]:.0f}/s",
                metric="files/s",
                value=rates[0],
                target=TARGET_FILES_PER_S,
                note=f"{elapsed:.2f} s for {FILES} files ({len(bodies[0])} bytes each), "
                f"{CONCURRENCY} uploads in flight, file_stable_s {STABLE_S}; "
                f"station/raw = {rates[0] / rates[1]:.2f}; "
                f"service CPU {cpu_ms:.2f} ms per file (conversion, validation, fsynced queue writes, "
                "upload, deleting the file)",
            )
        ),
        report(
            Result(
                name=f"station: RSS over {RSS_FILES:,} more files",
                measured=f"RSS after each {RSS_WAVE}-file wave: {waves} MB",
                metric="growth after wave 1",
                value=growth,
                unit=" MB",
                higher_is_better=False,
                note="flat means no per-file memory is kept; BENCH_STATION_RSS_FILES=10000 for the long run",
            )
        ),
    ]


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
