"""Campaign 2b — hostile input: XML attacks, path traversal, and converters that hang, hog or crash.

Every XML entry point (the library's parser, ``submit_report_xml``, the server's WSXF, BOM and
serial-number uploads, every built-in converter, and the running station's watched folder) gets
external entities (a local secret file and an HTTP URL the campaign listens on), external and
parameter-entity DTDs, entity expansion ("billion laughs", quadratic blow-up) and XInclude. Each
must give a typed error (or a 400) quickly, with the secret never showing up anywhere and no
connection ever reaching the listener. Attachment, asset-file and queue names with ``..``,
absolute and drive paths must not escape. A plug-in converter that hangs, allocates without
end, exits or segfaults must be stopped by the worker's limits while the next file converts.
"""

from __future__ import annotations

import logging
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from pywats import PyWATSError, pyWATS
from pywats.core.station import StationConfig
from pywats.domains.report.formats import parse_report, parse_wsxf
from pywats.testing import LocalWATSServer
from pywats_client.converters.base import as_report_list
from pywats_client.converters.registry import BUILTIN_CONVERTERS, load_converter_class
from pywats_client.converters.source import SourceFile
from reliability._common import REPO_ROOT, Scale, server, wait_until
from reliability._results import Row
from reliability._station import Station
from reliability.traversal import traversal_rows
from reliability.worker_limits import worker_limit_rows

__all__ = ["run"]

CAMPAIGN = "hostile input"
NS = "http://wats.virinco.com/schemas/WATS/Report/wsxf"
XML_TIME_LIMIT_S = 2.0
# Documents with a DTD: every entry point must refuse them (the others may parse into nothing useful).
REFUSED = frozenset(
    {"XXE file", "XXE http", "external DTD", "parameter entity", "billion laughs", "quadratic blow-up"}
    | {"XXE file, UTF-16"}
)
MARKER = "TOP-SECRET-MARKER-4417"


class _Listener:
    """A TCP port that counts connections: an external entity that is fetched shows up here."""

    def __init__(self) -> None:
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._sock.getsockname()[1])
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._sock.close()


def payloads(secret_file: Path, port: int) -> dict[str, bytes]:
    """The hostile XML documents, each shaped like a WSXF report so parsers get as far as they can."""
    head = '<?xml version="1.0"?>\n'
    report = f'<Reports xmlns="{NS}"><Report type="UUT" SN="{{value}}" PN="P" Rev="A"/></Reports>'
    url = f"http://127.0.0.1:{port}"
    laughs = "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' if n else '<!ENTITY l0 "lol">' for n in range(10)
    )
    big = "a" * 50_000
    docs = {
        "XXE file": f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret_file}">]>' + report.format(value="&x;"),
        "XXE http": f'<!DOCTYPE r [<!ENTITY x SYSTEM "{url}/xxe">]>' + report.format(value="&x;"),
        "external DTD": f'<!DOCTYPE Reports SYSTEM "{url}/report.dtd">' + report.format(value="x"),
        "parameter entity": f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>'
        + report.format(value="x"),
        "billion laughs": f"<!DOCTYPE r [{laughs}]>" + report.format(value="&l9;"),
        "quadratic blow-up": f'<!DOCTYPE r [<!ENTITY a "{big}">]>' + report.format(value="&a;" * 5000),
        "XInclude": (
            f'<Reports xmlns="{NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><Report type="UUT" SN="x" '
            f'PN="P" Rev="A"><xi:include href="file://{secret_file}" parse="text"/></Report></Reports>'
        ),
        "undeclared entity": report.format(value="&secret;"),
    }
    encoded = {name: (head + text).encode() for name, text in docs.items()}
    encoded["XXE file, UTF-16"] = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        + f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret_file}">]>'
        + report.format(value="&x;")
    ).encode("utf-16")
    return encoded


def _converters() -> dict[str, Any]:
    made = {}
    for name, path in BUILTIN_CONVERTERS.items():
        made[name] = load_converter_class(path)({})
    return made


class Refused(Exception):
    """An HTTP entry point answered 400: the typed refusal of a server."""


def _entry_points(srv: LocalWATSServer, api: pyWATS) -> dict[str, Callable[[bytes, Path], str]]:
    """Entry point → function(payload, file) returning what it made of the payload.

    A refusal raises: a :class:`PyWATSError` from the library and the converters, :class:`Refused`
    (with the answer's text) from the server.
    """

    def server_put(path: str) -> Callable[[bytes, Path], str]:
        def call(payload: bytes, _: Path) -> str:
            answer = httpx.request(
                "PUT" if "Report" not in path else "POST",
                srv.url + path,
                content=payload,
                headers={"Authorization": f"Basic {srv.token}", "Content-Type": "application/xml"},
                timeout=30,
            )
            if answer.status_code == 400:
                raise Refused(answer.text)
            return f"HTTP {answer.status_code}: {answer.text}"

        return call

    points: dict[str, Callable[[bytes, Path], str]] = {
        "parse_wsxf": lambda payload, _: str(parse_wsxf(payload).raw),
        "parse_report": lambda payload, _: str(parse_report(payload).raw),
        "client submit_report_xml": lambda payload, _: str(api.report.submit_report_xml(payload)),
        "server POST /api/Report/WSXF": server_put("/api/Report/WSXF"),
        "server PUT /api/Product/BOM": server_put("/api/Product/BOM"),
        "server PUT /api/Production/SerialNumbers": server_put("/api/Production/SerialNumbers"),
    }
    station = StationConfig("REL-XML", "Lab", "Production")
    for name, converter in _converters().items():

        def convert(payload: bytes, file: Path, converter: Any = converter) -> str:
            context = converter.context(station, logger=logging.getLogger("reliability.xml"))
            reports = as_report_list(converter.convert(SourceFile(file), context), converter.name)
            return " ".join(str(report.raw) for report in reports)

        points[f"converter {name}"] = convert
    return points


def _xml_row(srv: LocalWATSServer, root: Path, runs: int) -> Row:
    row = Row(
        CAMPAIGN, "XML: XXE, external/parameter DTDs, entity expansion, XInclude", lost=None, duplicates=None
    )
    secret_file = root / "secret.txt"
    secret_file.write_text(MARKER)
    listener = _Listener()
    docs = payloads(secret_file, listener.port)
    slowest = 0.0
    with pyWATS(base_url=srv.url, token=srv.token) as api:
        points = _entry_points(srv, api)
        for _ in range(runs):
            for label, payload in docs.items():
                file = root / "payload.xml"
                file.write_bytes(payload)
                for point, call in points.items():
                    began = time.monotonic()
                    accepted = False
                    try:
                        answer = call(payload, file)
                        accepted = True
                    except PyWATSError as exc:
                        answer = f"{exc} {exc!r} {exc.details!r}"
                    except Refused as exc:
                        answer = str(exc)
                    except Exception as exc:  # not a typed error: a failure of the entry point
                        row.fail(f"{point} / {label}: {type(exc).__name__}: {str(exc)[:150]}")
                        answer = str(exc)
                    elapsed = time.monotonic() - began
                    slowest = max(slowest, elapsed)
                    row.inputs += 1
                    row.check(elapsed < XML_TIME_LIMIT_S, f"{point} / {label}: {elapsed:.2f} s")
                    row.check(MARKER not in answer, f"{point} / {label}: the secret file's content came back")
                    row.check(
                        not (accepted and label in REFUSED), f"{point} / {label}: accepted: {answer[:100]}"
                    )
            row.runs += 1
    station_inputs, station_note = _station_xml(srv, root, docs, row)
    row.inputs += station_inputs
    row.check(
        listener.connections == 0, f"{listener.connections} connection(s) reached the external-entity URL"
    )
    listener.close()
    row.note = (
        f"{len(docs)} documents x {len(points)} entry points (library, client, 3 server uploads, "
        f"{len(points) - 6} converters) + the station's folder; typed errors only, slowest {slowest:.3f} s, "
        f"0 fetches, secret never returned. {station_note}"
    )
    return row


def _station_xml(srv: LocalWATSServer, root: Path, docs: dict[str, bytes], row: Row) -> tuple[int, str]:
    """Drop every payload into a running station: each must end in the error folder with a reason."""
    station = Station(root / "xml-station", srv.url, srv.token)
    station.start()
    for index, payload in enumerate(docs.values()):
        station.drop(f"hostile-{index:02d}.xml", payload)
    wanted = len(docs)
    wait_until(lambda: len([n for n in station.files_under("error") if n.endswith(".xml")]) >= wanted, 30)
    errors = station.files_under("error")
    moved = [n for n in errors if n.endswith(".xml")]
    row.check(len(moved) == wanted, f"station: {len(moved)} of {wanted} hostile files in the error folder")
    notes = " ".join((station.inbox / "error" / n).read_text() for n in errors if n.endswith(".txt"))
    row.check(
        MARKER not in notes and MARKER not in station.log(), "station: the secret appears in a note or log"
    )
    row.check(station.running, "station: the service died")
    station.kill()
    return wanted, f"Station: {len(moved)}/{wanted} files to the error folder with a reason, service alive."


def run(scale: Scale) -> list[Row]:
    """XML attacks, path traversal and converter worker limits."""
    with tempfile.TemporaryDirectory(prefix="pywats-hostile-") as tmp, server() as srv:
        root = Path(tmp)
        rows = [_xml_row(srv, root, scale.pick(1, 3))]
        rows += traversal_rows(srv, root, CAMPAIGN)
        rows += worker_limit_rows(srv, root, CAMPAIGN, rounds=scale.pick(1, 3), pythonpath=str(REPO_ROOT))
    return rows
