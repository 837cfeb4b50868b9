"""Attachment names from reports never become paths outside the folder a download is saved in."""

from __future__ import annotations

import io
import zipfile

import httpx
import pytest

from report_samples import full_uut

HOSTILE = {
    "../../etc/cron.d/evil": "evil",
    "/etc/passwd": "passwd",
    "C:\\Windows\\System32\\evil.dll": "evil.dll",
    "D:run.log": "run.log",
    "..": None,
    "logs/../../up.txt": "up.txt",
}


@pytest.mark.parametrize(("name", "expected"), HOSTILE.items(), ids=list(HOSTILE))
def test_download_names_are_plain_file_names(client: httpx.Client, name: str, expected: str | None) -> None:
    uut = full_uut()
    uut.raw["binaryData"][0]["name"] = name
    client.post("/api/Report/WSJF", content=uut.to_wsjf()).raise_for_status()
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/api/Report/Attachments/{uut.id}").content))
    names = archive.namelist()
    for entry in names:
        assert "/" not in entry and "\\" not in entry and ":" not in entry and entry.strip(".")
    assert (expected or "attachment-") in " ".join(names)
