"""Reading ``multipart/form-data`` uploads (RFC 7578) without an extra dependency.

WATS receives root-cause attachments and manual-inspection media as a form with one file part
named ``file``. The body is read with a size limit, then split on its boundary; part bodies are
taken byte for byte, so binary files arrive unchanged.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from email.message import Message

from starlette.requests import Request

from pywats_server.errors import BadRequest, WatsHTTPError

__all__ = ["FormPart", "PayloadTooLarge", "declared_length", "parse_multipart", "read_file_part"]


class PayloadTooLarge(WatsHTTPError):
    """413: the upload exceeds the server's limit."""

    status_code = 413


@dataclass(frozen=True)
class FormPart:
    """One part of a form: field ``name``, optional ``filename``, its content type and bytes."""

    name: str
    filename: str | None
    content_type: str
    data: bytes


def _header_params(header: str, value: str) -> tuple[str, dict[str, str]]:
    """The main value and the parameters of a MIME header (quoting and RFC 2231 handled)."""
    message = Message()
    message[header] = value
    items = message.get_params(failobj=[], header=header)
    if not items:
        return "", {}
    main = items[0][0].lower()
    params = {k.lower(): email.utils.collapse_rfc2231_value(v) for k, v in items[1:]}
    return main, params


def parse_multipart(body: bytes, content_type: str | None) -> list[FormPart]:
    """The parts of a ``multipart/form-data`` body; :class:`BadRequest` if it is not one."""
    kind, params = _header_params("content-type", content_type or "")
    boundary = params.get("boundary")
    if kind != "multipart/form-data" or not boundary:
        raise BadRequest("The request must be multipart/form-data with a boundary.")
    delimiter = b"--" + boundary.encode("latin-1")
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise BadRequest("The multipart body is incomplete (no closing boundary).")
    parts = []
    for chunk in chunks[1:-1]:
        # Each part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
        if not chunk.startswith(b"\r\n") or not chunk.endswith(b"\r\n"):
            raise BadRequest("A multipart part is malformed.")
        head, sep, data = chunk[2:-2].partition(b"\r\n\r\n")
        if not sep:
            raise BadRequest("A multipart part has no header/content separator.")
        parts.append(_part(head.decode("utf-8", "replace"), data))
    return parts


def _part(head: str, data: bytes) -> FormPart:
    headers: dict[str, str] = {}
    for line in head.split("\r\n"):
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    disposition, params = _header_params("content-disposition", headers.get("content-disposition", ""))
    if disposition != "form-data" or "name" not in params:
        raise BadRequest("A multipart part lacks 'Content-Disposition: form-data; name=...'.")
    return FormPart(
        name=params["name"],
        filename=_html5_unescape(params["filename"]) if "filename" in params else None,
        content_type=headers.get("content-type", "application/octet-stream"),
        data=data,
    )


def _html5_unescape(filename: str) -> str:
    # Browsers and httpx escape these three characters of a file name as the HTML5 form rules say.
    return filename.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")


def declared_length(request: Request) -> int | None:
    """The body size the client declared (``Content-Length``), or None if absent or not a number."""
    declared = request.headers.get("content-length")
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    return int(declared) if declared and declared.isascii() and declared.isdigit() else None


async def read_body(request: Request, *, max_bytes: int) -> bytes:
    """The request body, or :class:`PayloadTooLarge` as soon as it exceeds ``max_bytes``."""
    declared = declared_length(request)
    if declared is not None and declared > max_bytes:
        raise PayloadTooLarge(f"The upload exceeds the limit of {max_bytes} bytes.")
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > max_bytes:
            raise PayloadTooLarge(f"The upload exceeds the limit of {max_bytes} bytes.")
    return bytes(received)


async def read_file_part(request: Request, *, max_bytes: int, field: str = "file") -> FormPart:
    """The part named ``field`` of a multipart upload (the way WATS receives single files)."""
    # Allow for the multipart framing around the file itself.
    body = await read_body(request, max_bytes=max_bytes + 64 * 1024)
    parts = parse_multipart(body, request.headers.get("content-type"))
    part = next((p for p in parts if p.name == field), None)
    if part is None:
        raise BadRequest(f"The multipart request has no part named '{field}'.")
    if len(part.data) > max_bytes:
        raise PayloadTooLarge(f"The file exceeds the limit of {max_bytes} bytes.")
    return part
