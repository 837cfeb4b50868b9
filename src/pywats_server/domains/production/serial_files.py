"""The files of the serial-number pool: import (``PUT``), export (``GET``) and the Take answer.

CSV has a header row ``SerialNumberType,SerialNumber,State,ReferenceSerialNumber,ReferencePartNumber,
StationName,TakenUtc``; an import needs only the first two columns (and reads a headerless file as
``type,serial`` lines). XML is ``<SerialNumbers type="…"><SN id="…" state="…"/></SerialNumbers>``, the shape
WATS answers ``Take`` with. What the server exports, it imports again unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

from pywats_server.domains.production.schemas import SerialNumberRecord
from pywats_server.errors import BadRequest
from pywats_server.xml_input import local_name, parse_xml

CSV_COLUMNS = (
    "SerialNumberType",
    "SerialNumber",
    "State",
    "ReferenceSerialNumber",
    "ReferencePartNumber",
    "StationName",
    "TakenUtc",
)


@dataclass(frozen=True)
class ImportedNumber:
    """One number of an import file."""

    type_name: str
    serial_number: str
    state: str | None
    line: int


def read_import(content: bytes, content_type: str | None) -> list[ImportedNumber]:
    """The numbers of an import file (CSV unless the content type says XML)."""
    if content_type and "xml" in content_type.casefold():
        return _read_xml(content)
    return _read_csv(content)


def _read_csv(content: bytes) -> list[ImportedNumber]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadRequest("The serial-number file must be UTF-8 text.") from exc
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        return []
    header = [cell.strip().casefold() for cell in rows[0]]
    # A header row names the SerialNumberType column ("SerialNumber" alone is also a type's name).
    if "serialnumbertype" in header:
        if "serialnumber" not in header:
            raise BadRequest("The serial-number file's header needs a SerialNumber column.")
        type_at, serial_at = header.index("serialnumbertype"), header.index("serialnumber")
        state_at = header.index("state") if "state" in header else None
        body, first_line = rows[1:], 2
    else:
        type_at, serial_at, state_at, body, first_line = 0, 1, None, rows, 1
    numbers = []
    for line, row in enumerate(body, start=first_line):
        if len(row) <= max(type_at, serial_at):
            raise BadRequest(f"Line {line} of the serial-number file needs a type and a serial number.")
        state = row[state_at].strip() if state_at is not None and len(row) > state_at else None
        numbers.append(ImportedNumber(row[type_at].strip(), row[serial_at].strip(), state or None, line))
    return numbers


def _read_xml(content: bytes) -> list[ImportedNumber]:
    root = parse_xml(content, what="The serial-number file")
    if local_name(root.tag) != "SerialNumbers":
        raise BadRequest("The serial-number file's root element must be SerialNumbers.")
    default_type = root.get("type", "")
    numbers = []
    for position, element in enumerate((e for e in root if local_name(e.tag) == "SN"), start=1):
        serial = element.get("id") or (element.text or "").strip()
        numbers.append(
            ImportedNumber(element.get("type", default_type), serial, element.get("state"), position)
        )
    return numbers


def write_csv(records: Iterable[SerialNumberRecord]) -> bytes:
    """The export in CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(
            [
                record.serial_number_type,
                record.serial_number,
                record.state,
                record.reference_serial_number or "",
                record.reference_part_number or "",
                record.station_name or "",
                record.taken_utc.isoformat() if record.taken_utc else "",
            ]
        )
    return out.getvalue().encode("utf-8")


def write_xml(type_name: str, records: Iterable[SerialNumberRecord], *, with_state: bool = True) -> bytes:
    """``<SerialNumbers type="…"><SN id="…"/>…</SerialNumbers>`` (the Take answer leaves out ``state``)."""
    root = ElementTree.Element("SerialNumbers", {"type": type_name})
    for record in records:
        attributes = {"id": record.serial_number}
        if with_state:
            attributes["state"] = record.state
            if record.reference_serial_number:
                attributes["refSN"] = record.reference_serial_number
            if record.reference_part_number:
                attributes["refPN"] = record.reference_part_number
        ElementTree.SubElement(root, "SN", attributes)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
