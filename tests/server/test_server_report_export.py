"""Reading stored reports back: WSJF options, WSXF, attachments, the zip and the certificate."""

from __future__ import annotations

import io
import zipfile

import httpx

from pywats.domains.report.formats import parse_wsxf
from report_samples import full_uut, repair_for


def test_wsjf_options_and_wsxf(client: httpx.Client) -> None:
    uut = full_uut()
    client.post("/api/Report/WSJF", content=uut.to_wsjf())
    lean = client.get(
        f"/api/Report/Wsjf/{uut.id}",
        params={"includeAttachments": "false", "includeChartdata": "false", "detailLevel": 7},
    ).json()
    assert "data" not in lean["binaryData"][0]
    chart = lean["root"]["steps"][1]["steps"][1]["chart"]
    assert chart["series"] == [{"dataType": "XYG", "name": "Vout"}]
    xml = client.get(f"/api/report/wsxf/{uut.id}", params={"includeIndexes": "true"})
    assert xml.headers["content-type"].startswith("application/xml")
    assert b"MeasOrderNumber" in xml.content
    assert parse_wsxf(xml.content).id == uut.id


def test_repairs_are_listed_on_their_test_report(client: httpx.Client) -> None:
    uut = full_uut()
    client.post("/api/Report/WSJF", content=uut.to_wsjf())
    assert "referencedByUURs" not in client.get(f"/api/Report/Wsjf/{uut.id}").json()["uut"]
    repair = repair_for(uut)
    client.post("/api/Report/WSJF", content=repair.to_wsjf())
    refs = client.get(f"/api/Report/Wsjf/{uut.id}").json()["uut"]["referencedByUURs"]
    assert refs == [{"id": repair.id, "start": repair.raw["start"]}]


def test_attachments_zip_and_certificate(client: httpx.Client) -> None:
    uut = full_uut()
    repair = repair_for(uut)
    client.post("/api/Report/WSJF", content=uut.to_wsjf())
    client.post("/api/Report/WSJF", content=repair.to_wsjf())
    header = client.get(
        "/api/Report/Query/Header", params={"reportType": "R", "$expand": "uurAttachments"}
    ).json()
    (photo,) = header[0]["uurAttachments"]
    one = client.get("/api/Report/Attachment", params={"attachmentId": photo["attachmentId"]})
    assert one.content == b"\xff\xd8\xff" and one.headers["content-type"] == "image/jpeg"
    assert "q12.jpg" in one.headers["content-disposition"]
    wrong_step = client.get(
        "/api/Report/Attachment", params={"attachmentId": photo["attachmentId"], "stepId": 4}
    )
    assert wrong_step.status_code == 404
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/api/Report/Attachments/{uut.id}").content))
    assert sorted(archive.namelist()) == ["eol-summary.txt", "scope.png"]
    assert archive.read("scope.png").startswith(b"\x89PNG")
    pdf = client.get(f"/api/Report/Certificate/{uut.id}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.4") and pdf.content.rstrip().endswith(b"%%EOF")
    assert b"Test certificate" in pdf.content and b"Result: Failed" in pdf.content


def test_unknown_reports_are_404(client: httpx.Client) -> None:
    missing = "9d2b7c41-0e6f-4a8b-b3d5-71c2e8f04a96"
    for path in (
        f"/api/Report/Wsjf/{missing}",
        f"/api/Report/Wsxf/{missing}",
        f"/api/Report/Attachments/{missing}",
        f"/api/Report/Certificate/{missing}",
    ):
        answer = client.get(path)
        assert answer.status_code == 404 and answer.json()["Message"] == f"Report '{missing}' not found"
    assert client.get("/api/Report/Attachment", params={"attachmentId": 42}).status_code == 404
