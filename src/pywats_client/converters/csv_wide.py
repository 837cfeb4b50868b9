"""The wide layout of the generic CSV converter: one row per unit, one column per measurement.

Columns mapped to UUT roles (``sn``, ``start``…) make the header; every other titled column is
a measurement. Marker rows (first cell ``LSL``, ``USL``, ``Unit`` by default) give each
column's limits and unit; a unit may also come from the title (``Vout [V]``). A title with the
path separator (``Power/Vout``) nests the step in sequences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pywats.domains.report.models import Report
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.csv_steps import Record, add_records, make_record
from pywats_client.converters.csv_table import Table
from pywats_client.converters.csv_values import CellReader
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.source import SourceFile

if TYPE_CHECKING:
    from pywats_client.converters.generic_csv import GenericCsvConverter

__all__ = ["wide_reports"]


def _marker_cells(table: Table, markers: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text, role in markers.items():
        row = table.markers.get(text.lower())
        if row is not None:
            found[str(role)] = row.cells + [""] * (len(table.header) - len(row.cells))
    return found


def wide_reports(
    converter: GenericCsvConverter,
    file: SourceFile,
    context: ConversionContext,
    table: Table,
    columns: dict[str, int],
    preamble: dict[str, str],
    reader: CellReader,
) -> list[Report]:
    """One report per data row."""
    settings = converter.settings
    used = set(columns.values())
    marks = _marker_cells(table, settings["markers"] or {})
    unit_pattern = settings["unit_from_title"]
    try:
        unit_re = re.compile(unit_pattern) if unit_pattern else None
    except re.error as exc:
        raise ConversionError(f"unit_from_title is not a valid regular expression: {exc}") from exc
    measured = [(i, title) for i, title in enumerate(table.header) if i not in used and title.strip()]
    if not measured:
        raise ConversionError(
            "wide layout: no measurement columns besides the mapped ones", line=table.header_line
        )
    separator = str(settings["path_separator"] or "/")
    reports: list[Report] = []
    for number, row in enumerate(table.rows, 1):
        uut = converter._uut_values(row.cells, columns, preamble)
        records: list[Record] = []
        for index, title in measured:
            unit = marks.get("unit", [""] * len(table.header))[index] or None
            name = title.strip()
            if unit_re is not None:
                match = unit_re.search(name)
                if match:
                    unit = unit or match.group(1)
                    name = (name[: match.start()] + name[match.end() :]).strip()
            *groups, step = [part for part in name.split(separator) if part.strip()] or [name]
            cells = {
                "group": separator.join(groups),
                "step": step,
                "value": row.cells[index],
                "low": marks.get("low", [""] * len(table.header))[index],
                "high": marks.get("high", [""] * len(table.header))[index],
                "nominal": marks.get("nominal", [""] * len(table.header))[index],
                "unit": unit or "",
            }
            if reader.missing(row.cells[index]):
                continue
            records.append(make_record(cells, row.line, reader, settings))
        report = converter.start_report(file, context, uut, reader, row.line, f"row {number}")
        add_records(report.root, records)
        converter.finish_report(report, uut, reader, row.line, records)
        reports.append(report)
    if not reports:
        raise ConversionError("the table has a header but no data rows", line=table.header_line)
    return reports
