"""Report files over the wire: single attachments, the zip of all, and the certificate."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from pywats import NotFoundError, ValidationError
from report_samples import full_uut


def test_attachments_zip_and_certificate(twin: Any) -> None:
    uut = full_uut("SN-FILES")
    twin.report.submit_report(uut)
    header = twin.report.query_uut_headers(expand=["attachments"])[0]
    files = {a.file_name: a for a in header.attachments}
    assert set(files) == {"eol-summary.txt", "scope.png"}
    assert files["eol-summary.txt"].mime_type == "text/plain" and files["scope.png"].step_id is not None
    content = twin.report.get_attachment(files["eol-summary.txt"].attachment_id)
    assert content == b"efficiency low at 50% load\n"
    png = files["scope.png"]
    assert twin.report.get_attachment(png.attachment_id, png.step_id).startswith(b"\x89PNG")
    archive = zipfile.ZipFile(io.BytesIO(twin.report.get_all_attachments(uut.id)))
    assert sorted(archive.namelist()) == ["eol-summary.txt", "scope.png"]
    pdf = twin.report.get_certificate(uut.id)
    assert pdf.startswith(b"%PDF-") and b"PSU2K-0004711" not in pdf and b"SN-FILES" in pdf
    without = twin.report.get_report(uut.id, include_attachments=False)
    assert "data" not in without.binary_data[0].raw


def test_missing_files(twin: Any) -> None:
    with pytest.raises(NotFoundError):
        twin.report.get_attachment(999999)
    with pytest.raises(NotFoundError):
        twin.report.get_certificate("9d2b7c41-0e6f-4a8b-b3d5-71c2e8f04a96")
    with pytest.raises(NotFoundError):
        twin.report.get_all_attachments("9d2b7c41-0e6f-4a8b-b3d5-71c2e8f04a96")
    with pytest.raises(ValidationError):
        twin.report.get_attachment()
    with pytest.raises(ValidationError, match="attachmentId is required"):
        twin.report.get_attachment(step_id=3)
