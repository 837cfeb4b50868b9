"""Manual Inspection media on the wire (``/api/internal/Blob/mi``, endpoints.md §13)."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import httpx

from pywats_server import EmbeddedServer

BLOB = "/api/internal/Blob/mi"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 100 + b"\n%%EOF\r\n"


def definition(client: httpx.Client) -> str:
    body = {"Name": "Work instruction"}
    return str(
        client.post("/api/internal/ManualInspection/PostDefinition", json=body).json()[
            "TestSequenceDefinitionId"
        ]
    )


def upload(
    client: httpx.Client, definition_id: str, name: str = "steps.pdf", data: bytes = PDF
) -> dict[str, object]:
    response = client.post(
        BLOB, params={"definitionId": definition_id}, files={"file": (name, data, "application/pdf")}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_upload_list_download_delete(client: httpx.Client, server: EmbeddedServer) -> None:
    ident = definition(client)
    media = upload(client, ident)
    assert (media["FileName"], media["ContentType"], media["Size"]) == (
        "steps.pdf",
        "application/pdf",
        len(PDF),
    )
    assert media["SHA256"] == hashlib.sha256(PDF).hexdigest()
    assert media["CreatedBy"] == "tester"
    digest = str(media["SHA256"])
    on_disk = Path(server.settings.data_dir) / "content" / digest[:2] / digest[2:4] / digest
    assert on_disk.read_bytes() == PDF

    assert client.get(BLOB, params={"definitionId": ident}).json() == [media]
    one = client.get(BLOB, params={"definitionId": ident, "mediaId": media["Id"]})
    assert one.json() == media
    download = client.get(BLOB, params={"definitionId": ident, "mediaId": media["Id"], "download": "true"})
    assert download.content == PDF and download.headers["content-type"] == "application/pdf"

    assert client.delete(BLOB, params={"definitionId": ident, "mediaId": media["Id"]}).status_code == 204
    assert client.get(BLOB, params={"definitionId": ident}).json() == []
    assert client.delete(BLOB, params={"definitionId": ident, "mediaId": media["Id"]}).status_code == 404


def test_media_belongs_to_its_definition(client: httpx.Client) -> None:
    first, second = definition(client), definition(client)
    media = upload(client, first)
    wrong = client.get(BLOB, params={"definitionId": second, "mediaId": media["Id"], "download": "true"})
    assert wrong.status_code == 404


def test_media_errors(client: httpx.Client) -> None:
    unknown = str(uuid.uuid4())
    assert client.get(BLOB, params={"definitionId": unknown}).status_code == 404
    files = {"file": ("a.pdf", b"x", "application/pdf")}
    assert client.post(BLOB, params={"definitionId": unknown}, files=files).status_code == 404
    assert client.post(BLOB, files=files).status_code == 400
    ident = definition(client)
    wrong_part = client.post(
        BLOB, params={"definitionId": ident}, files={"upload": ("a.pdf", b"x", "application/pdf")}
    )
    assert wrong_part.status_code == 400
    assert client.get(BLOB, params={"definitionId": ident, "mediaId": unknown}).status_code == 404
