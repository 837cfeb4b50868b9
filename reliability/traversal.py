"""Path traversal: names from reports, uploads and the command line never become paths outside a folder."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import httpx

from pywats import PyWATSError, ValidationError, pyWATS
from pywats.testing import LocalWATSServer
from pywats_client.queue.store import ReportQueue, State
from reliability._common import make_report
from reliability._results import Row

__all__ = ["HOSTILE_NAMES", "traversal_rows"]

HOSTILE_NAMES = (
    "../../etc/cron.d/evil",
    "/etc/passwd",
    "C:\\Windows\\System32\\evil.dll",
    "..\\..\\startup\\evil.bat",
    "D:evil.txt",
    "logs/../../up.txt",
    "..",
    "./.././.hidden",
    "\\\\server\\share\\evil.txt",
)


def _plain(name: str) -> bool:
    return bool(name.strip(".")) and not any(c in name for c in "/\\:")


def _attachments(api: pyWATS, row: Row) -> int:
    """Reports whose attachments carry hostile names: the zip the server gives back has plain names."""
    tried = 0
    for index, name in enumerate(HOSTILE_NAMES):
        report = make_report(f"TRAVERSAL-{index:03d}")
        report.attach_bytes(name, b"attachment payload", "text/plain")
        report_id = api.report.submit_report(report)
        archive = api.report.get_all_attachments(report_id)
        names = zipfile.ZipFile(io.BytesIO(archive or b"")).namelist()
        row.check(
            bool(names) and all(_plain(n) for n in names), f"attachment {name!r} is unpacked as {names}"
        )
        tried += 1
    return tried


def _asset_files(srv: LocalWATSServer, api: pyWATS, row: Row) -> int:
    """Asset file names: the client refuses them before sending, the server answers 400."""
    kind = api.asset.create_asset_type("Traversal fixture")
    assert kind.type_id is not None
    asset_id = str(api.asset.create_asset("TRAV-1", kind.type_id).asset_id)
    control = srv.control
    headers = {"Authorization": f"Basic {srv.token}"}
    tried = 0
    for name in HOSTILE_NAMES:
        control.clear_requests()
        try:
            api.asset.upload_blob(asset_id, name, b"payload")
            row.fail(f"upload_blob accepted the file name {name!r}")
        except ValidationError:
            pass
        sent = [r for r in control.requests() if "/Blob/" in r["path"]]
        row.check(not sent, f"upload_blob({name!r}) sent {len(sent)} request(s) before refusing")
        for method in ("POST", "GET"):
            answer = httpx.request(
                method,
                srv.url + "/api/internal/Blob/Asset",
                params={"assetId": asset_id, "filename": name},
                content=b"payload" if method == "POST" else None,
                headers={**headers, "Referer": srv.url},
                timeout=30,
            )
            row.check(answer.status_code in (400, 404), f"{method} asset file {name!r}: {answer.status_code}")
        tried += 3
    return tried


def _report_paths(srv: LocalWATSServer, api: pyWATS, row: Row) -> int:
    """Report ids that climb out of the URL path: typed errors, never a file's content."""
    tried = 0
    for name in ("../../../../etc/passwd", "..", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "C:\\boot.ini"):
        answer = httpx.get(
            srv.url + "/api/Report/Wsjf/" + quote(name, safe=""),
            headers={"Authorization": f"Basic {srv.token}"},
            timeout=30,
        )
        row.check(answer.status_code in (400, 404), f"GET report {name!r}: {answer.status_code}")
        row.check("root:" not in answer.text, f"GET report {name!r} returned a system file")
        try:
            api.report.get_report(name)
            row.fail(f"get_report({name!r}) returned something")
        except PyWATSError:
            pass
        tried += 2
    return tried


def _queue_ids(root: Path, row: Row) -> int:
    """Queue ids on the command line: refused, and a file outside the queue survives."""
    data = root / "traversal-station"
    ReportQueue(data / "queue")
    victim = data / "victim.entry"
    victim.write_text("keep me")
    config = root / "traversal-station.json"
    config.write_text(json.dumps({"data_dir": str(data)}))
    tried = 0
    queue = ReportQueue(data / "queue")
    for name in HOSTILE_NAMES:
        try:
            queue.path(State.PENDING, name)
            row.fail(f"the queue accepted the id {name!r}")
        except ValidationError:
            pass
        tried += 1
    for action in ("rm", "show", "retry"):
        done = subprocess.run(
            [sys.executable, "-m", "pywats_client", "--config", str(config), "queue", action, "../../victim"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        row.check(done.returncode == 2, f"queue {action} ../../victim: exit {done.returncode}")
        tried += 1
    row.check(victim.exists() and victim.read_text() == "keep me", "a file outside the queue was touched")
    return tried


def traversal_rows(srv: LocalWATSServer, root: Path, campaign: str) -> list[Row]:
    row = Row(
        campaign,
        "path traversal: attachment, asset-file, report-id and queue-id names",
        lost=None,
        duplicates=None,
    )
    with pyWATS(base_url=srv.url, token=srv.token) as api:
        counts = {
            "attachments": _attachments(api, row),
            "asset files": _asset_files(srv, api, row),
            "report ids": _report_paths(srv, api, row),
            "queue ids": _queue_ids(root, row),
        }
    row.runs, row.inputs = 1, sum(counts.values())
    row.note = (
        f"{len(HOSTILE_NAMES)} hostile names ('..', absolute, drive, UNC, backslash) against "
        + ", ".join(f"{what} ({n})" for what, n in counts.items())
        + "; downloads get plain names, uploads are refused before sending and by the server (400)"
    )
    return [row]
