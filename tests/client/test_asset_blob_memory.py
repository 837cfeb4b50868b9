"""A 200 MB asset file goes up and comes back without the client holding it in memory.

The transfer runs in a fresh subprocess so that its peak resident set size (``ru_maxrss``) is
its own: the growth from just before the upload to just after the download must stay under
50 MB, for the sync and the async client alike. The server's peak is checked too.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pywats import pyWATS
from pywats.testing import LocalWATSServer, ServerControl

FILE_BYTES = 200 * 1024 * 1024
MAX_CLIENT_GROWTH_BYTES = 50 * 1024 * 1024
MAX_SERVER_GROWTH_BYTES = 100 * 1024 * 1024
_CHUNK = 4 * 1024 * 1024

# Runs in the subprocess: argv = flavour, url, token, asset id, source, destination.
_TRANSFER = r"""
import asyncio, json, resource, sys
from pathlib import Path
from pywats import AsyncWATS, pyWATS

flavour, url, token, asset_id, source, destination = sys.argv[1:]

def peak_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB

def sync_run():
    with pyWATS(base_url=url, token=token) as api:
        api.asset.upload_blob(asset_id, "warm-up.bin", b"x" * 65536)  # load every code path first
        api.asset.download_blob_to(asset_id, "warm-up.bin", destination)
        before = peak_bytes()
        api.asset.upload_blob(asset_id, "big.bin", Path(source))
        uploaded = peak_bytes()
        size = api.asset.download_blob_to(asset_id, "big.bin", destination)
        return before, uploaded, peak_bytes(), size

async def async_run():
    async with AsyncWATS(base_url=url, token=token) as api:
        await api.asset.upload_blob(asset_id, "warm-up.bin", b"x" * 65536)
        await api.asset.download_blob_to(asset_id, "warm-up.bin", destination)
        before = peak_bytes()
        await api.asset.upload_blob(asset_id, "big.bin", Path(source))
        uploaded = peak_bytes()
        size = await api.asset.download_blob_to(asset_id, "big.bin", destination)
        return before, uploaded, peak_bytes(), size

before, uploaded, after, size = sync_run() if flavour == "sync" else asyncio.run(async_run())
print(json.dumps({"before": before, "after_upload": uploaded, "after_download": after, "size": size}))
"""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _server_peak_bytes(pid: int | None) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, TypeError):
        return None
    line = next((row for row in status.splitlines() if row.startswith("VmHWM:")), None)
    return int(line.split()[1]) * 1024 if line else None


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_200_mb_round_trip_keeps_memory_flat(
    flavour: str, wats_server: LocalWATSServer, wats_control: ServerControl, tmp_path: Path
) -> None:
    source = tmp_path / "big.bin"
    block = os.urandom(_CHUNK)
    with source.open("wb") as handle:
        for i in range(FILE_BYTES // _CHUNK):
            handle.write(block[i:] + block[:i])  # no two chunks alike
    destination = tmp_path / "back.bin"
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        kind = api.asset.create_asset_type("Fixture")
        asset_id = str(api.asset.create_asset("FX-BIG", kind.type_id).asset_id)
    server_before = _server_peak_bytes(wats_server.pid)

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _TRANSFER,
            flavour,
            wats_server.url,
            wats_server.token,
            asset_id,
            str(source),
            str(destination),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    server_after = _server_peak_bytes(wats_server.pid)
    growth = measured["after_download"] - measured["before"]
    print(
        f"\n{flavour}: client peak RSS {measured['before'] / 2**20:.1f} MiB before, "
        f"+{(measured['after_upload'] - measured['before']) / 2**20:.1f} MiB after upload, "
        f"+{growth / 2**20:.1f} MiB after download"
        + (
            f"; server peak {server_before / 2**20:.1f} → {server_after / 2**20:.1f} MiB"
            if server_before and server_after
            else ""
        )
    )
    try:
        assert measured["size"] == FILE_BYTES
        assert _sha256(destination) == _sha256(source)
        assert growth < MAX_CLIENT_GROWTH_BYTES
        if server_before and server_after:
            assert server_after - server_before < MAX_SERVER_GROWTH_BYTES
    finally:
        with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
            api.asset.delete_asset(asset_id)  # frees the server's copy on disk
