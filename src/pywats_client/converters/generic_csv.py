"""Generic CSV / delimited tables with a configurable column mapping (equipment-formats §4).

No two home-made tables are alike, so this converter is driven by its settings: which column
(or preamble key) holds which *role* — ``sn``, ``pn``, ``start``, ``step``, ``value``, ``low``,
``high``, ``unit``, ``status``… Two layouts: **long** (one row per measurement; rows sharing
``group_by`` values form one unit) and **wide** (one row per unit, one column per measurement,
limits and units in marker rows such as ``LSL``/``USL``/``Unit``).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pywats.domains.report.models import Report, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, EXTENSION_ONLY_SCORE, Converter
from pywats_client.converters.building import at, fit_text, set_result
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.csv_steps import Record, add_records, make_record
from pywats_client.converters.csv_table import DELIMITERS, Table, choose_delimiter, column_index, read_table
from pywats_client.converters.csv_values import CellReader
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.signatures import foreign_signature
from pywats_client.converters.source import SourceFile

__all__ = ["STEP_ROLES", "UUT_ROLES", "GenericCsvConverter"]

UUT_ROLES = (
    "sn", "pn", "rev", "operator", "station", "fixture", "batch", "socket", "process", "sequence",
    "sequence_version", "start", "end", "duration", "result", "comment",
)  # fmt: skip
STEP_ROLES = (
    "group", "step", "measurement", "step_type", "value", "low", "high", "nominal", "tol_low", "tol_high",
    "tol_mode", "comp_op", "unit", "status", "time", "report_text", "error_code", "error_message",
)  # fmt: skip
_RESULTS = {"P": "P", "F": "F", "E": "E", "T": "T", "D": "P"}


def _param(name: str, kind: ParameterKind, default: Any, text: str, **extra: Any) -> Parameter:
    return Parameter(name, kind, default, text, **extra)


class GenericCsvConverter(Converter):
    """Delimited text tables mapped by configuration (spreadsheets, LabVIEW, scripts, loggers)."""

    name = "generic_csv"
    description = "CSV / delimited tables with a configurable column mapping"
    file_patterns = ("*.csv", "*.tsv", "*.txt", "*.log")
    priority = 8
    stable_ids = True
    parameters = (
        *(p if p.name != "process_code" else _param(
            "process_code", ParameterKind.INTEGER, None,
            "WATS process code (unless the file's process column or defaults give one)",
        ) for p in COMMON_PARAMETERS),
        _param("columns", ParameterKind.MAPPING, {}, "role → column title, #n (1-based) or /regex/"),
        _param("layout", ParameterKind.CHOICE, "long", "long: a row per measurement; wide: a row per unit",
               choices=("long", "wide")),
        _param("delimiter", ParameterKind.CHOICE, "auto", "column separator",
               choices=("auto", ",", ";", "tab", "|")),
        _param("quote", ParameterKind.TEXT, '"', "quote character (RFC 4180)"),
        _param("decimal", ParameterKind.CHOICE, ".", "decimal separator of numbers",
               choices=(".", ",")),
        _param("thousands", ParameterKind.TEXT, None, "grouping character removed from numeric cells"),
        _param("comment_prefix", ParameterKind.TEXT, "#", "lines starting with this are skipped"),
        _param("preamble", ParameterKind.MAPPING, {},
               'lines above the header: {"separator": ";", "keys": {"Serial Number": "sn", …}}'),
        _param("header_row", ParameterKind.INTEGER, None,
               "row of the column titles (0 = first non-blank row); empty: found from the columns",
               minimum=0),
        _param("group_by", ParameterKind.LIST, ["sn", "start"], "roles whose values identify one unit run"),
        _param("path_separator", ParameterKind.TEXT, "/", "splits the group column into nested sequences"),
        _param("status_tokens", ParameterKind.MAPPING, {}, 'more status words: {"P": ["GO"], "F": ["NOGO"]}'),
        _param("time_formats", ParameterKind.LIST, ["auto"],
               "time formats tried in order: iso, auto, epoch_s, epoch_ms or strptime patterns"),
        _param("day_first", ParameterKind.BOOLEAN, False, "auto times: 03/04/2025 is 3 April"),
        _param("na_tokens", ParameterKind.LIST, ["", "-", "N/A", "NA", "n/a", "null", "NaN"],
               "cells that mean no value"),
        _param("value_unit_split", ParameterKind.BOOLEAN, False, "accept '5.02 V' in the value column"),
        _param("trust_file_status", ParameterKind.BOOLEAN, True, "false: recompute statuses from the limits"),
        _param("defaults", ParameterKind.MAPPING, {}, "constants for roles the file lacks (pn, rev…)"),
        _param("process_map", ParameterKind.MAPPING, {}, "process column value → WATS process code"),
        _param("sn_from_filename", ParameterKind.TEXT, None, "regex (group sn) over the file name"),
        _param("unit_from_title", ParameterKind.TEXT, r"\[(.+?)\]",
               "wide layout: regex whose group 1 reads the unit from a column title"),
        _param("markers", ParameterKind.MAPPING, {"LSL": "low", "USL": "high", "Unit": "unit"},
               "wide layout: first cell of a marker row → low, high, nominal or unit"),
    )  # fmt: skip

    # -- recognition ---------------------------------------------------------------------------------

    def _specs(self) -> list[str]:
        columns: dict[str, Any] = self.settings["columns"] or {}
        return [str(spec) for spec in columns.values() if isinstance(spec, str)]

    def can_convert(self, file: SourceFile) -> float:
        columns = self.settings["columns"] or {}
        extension = EXTENSION_ONLY_SCORE if file.suffix in (".csv", ".tsv") else 0.0
        if not columns:
            return extension
        text = file.head_text(fallback_encoding=self.settings["fallback_encoding"])
        if foreign_signature(text):
            return 0.0
        lines = text.splitlines()
        if len(lines) > 1 and not file.size <= len(file.head()):
            text = "\n".join(lines[:-1])  # the last line of a head may be cut
        try:
            table = self._table(text, head_only=True)
        except ConversionError:
            return max(extension, 0.3 if self._some_titles(text) else 0.0)
        keys = ((self.settings["preamble"] or {}).get("keys") or {}).keys()
        preamble = {k.lower() for k in table.preamble}
        if keys and not all(str(k).lower() in preamble for k in keys):
            return 0.6
        return 0.9 if keys else 0.85

    def _some_titles(self, text: str) -> bool:
        lowered = text.lower()
        return any(spec.lower() in lowered for spec in self._specs() if not spec.startswith(("#", "/")))

    # -- reading -------------------------------------------------------------------------------------

    def _table(self, text: str, *, head_only: bool = False) -> Table:
        s = self.settings
        delimiter = DELIMITERS.get(s["delimiter"]) if s["delimiter"] != "auto" else None
        comment = s["comment_prefix"] or None
        if delimiter is None:
            delimiter = choose_delimiter(text, self._specs(), s["quote"], comment)
        if s["decimal"] == "," and delimiter == ",":
            raise ConversionError("decimal ',' cannot be used with delimiter ','")
        preamble = s["preamble"] or {}
        markers = (s["markers"] or {}).keys() if s["layout"] == "wide" else ()
        return read_table(
            text,
            delimiter=delimiter,
            quote=s["quote"],
            comment=comment,
            column_specs=self._specs(),
            header_row=s["header_row"],
            preamble_separator=preamble.get("separator"),
            markers=markers,
        )

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        if not self.settings["columns"]:
            raise ConversionError("the converter has no column mapping: set its columns setting")
        text, _ = file.decoded(self.settings["fallback_encoding"])
        table = self._table(text)
        columns = self._column_indexes(table)
        if "step" not in columns and self.settings["layout"] == "long":
            raise ConversionError("the columns setting must map the step role")
        preamble = self._preamble_roles(table)
        reader = CellReader(self.settings)
        if self.settings["layout"] == "wide":
            from pywats_client.converters.csv_wide import wide_reports

            return wide_reports(self, file, context, table, columns, preamble, reader)
        groups = self._groups(table, columns, preamble)
        reports: list[Report] = []
        for run, rows in enumerate(groups, 1):
            uut = self._uut_values(rows[0].cells, columns, preamble)
            records = [
                make_record(self._step_cells(row.cells, columns), row.line, reader, self.settings)
                for row in rows
            ]
            report = self.start_report(file, context, uut, reader, rows[0].line, f"run {run}")
            add_records(report.root, records)
            self.finish_report(report, uut, reader, rows[0].line, records)
            reports.append(report)
        if not reports:
            raise ConversionError("the table has a header but no data rows", line=table.header_line)
        return reports

    def _column_indexes(self, table: Table) -> dict[str, int]:
        found: dict[str, int] = {}
        for role, spec in (self.settings["columns"] or {}).items():
            if (
                role not in UUT_ROLES
                and role not in STEP_ROLES
                and not role.startswith(("misc:", "subunit."))
            ):
                raise ConversionError(f"columns: {role!r} is not a role this converter knows")
            index = column_index(str(spec), table.header)
            if index is None:
                raise ConversionError(
                    f"column {spec!r} (role {role}) is not in the header", line=table.header_line
                )
            found[role] = index
        return found

    def _preamble_roles(self, table: Table) -> dict[str, str]:
        keys = ((self.settings["preamble"] or {}).get("keys") or {}).items()
        by_key = {k.lower(): v for k, v in table.preamble.items()}
        values: dict[str, str] = {}
        for key, role in keys:
            found = by_key.get(str(key).lower())
            if found is not None and found[0]:
                values[str(role)] = found[0]
        return values

    def _groups(self, table: Table, columns: dict[str, int], preamble: dict[str, str]) -> list[list[Any]]:
        roles = [r for r in self.settings["group_by"] if isinstance(r, str)]
        groups: list[list[Any]] = []
        last: tuple[Any, ...] | None = None
        for row in table.rows:
            key = (row.block, *[row.cells[columns[r]] if r in columns else preamble.get(r) for r in roles])
            if key != last:
                groups.append([])
                last = key
            groups[-1].append(row)
        return groups

    def _uut_values(
        self, cells: list[str], columns: dict[str, int], preamble: dict[str, str]
    ) -> dict[str, str]:
        values = {str(k): str(v) for k, v in (self.settings["defaults"] or {}).items()}
        values.update(preamble)
        for role, index in columns.items():
            if (role in UUT_ROLES or role.startswith(("misc:", "subunit."))) and cells[index].strip():
                values[role] = cells[index].strip()
        return values

    @staticmethod
    def _step_cells(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
        return {role: cells[index] for role, index in columns.items() if role in STEP_ROLES}

    # -- header and result (shared with the wide layout) -----------------------------------------------

    def start_report(
        self,
        file: SourceFile,
        context: ConversionContext,
        uut: dict[str, str],
        reader: CellReader,
        line: int,
        run_key: str,
    ) -> UUTReport:
        """A report with the header roles of one unit applied."""
        with at(line=line):
            sn = uut.get("sn") or _sn_from_name(file.name, self.settings["sn_from_filename"])
            if not sn:
                raise ConversionError(
                    "no serial number: map the sn role (column, preamble or sn_from_filename)"
                )
            sn = reader.check_serial(sn, line)
            start = reader.time(uut["start"], line, "start") if uut.get("start") else _file_time(file)
            report = context.new_report(
                sn=sn,
                pn=uut.get("pn"),
                rev=uut.get("rev"),
                start=start,
                run_key=run_key,
                operator=uut.get("operator"),
                station_name=uut.get("station"),
                process_code=self._process_code(uut.get("process")),
                sequence_name=uut.get("sequence") or file.name,
                sequence_version=uut.get("sequence_version"),
            )
            if not uut.get("start"):
                report.add_misc_info("ConverterNote", "no start time in the file: the file time was used")
            info = report.info
            assert info is not None
            info.fixture_id = fit_text(uut["fixture"], 100) if uut.get("fixture") else None
            info.batch_sn = fit_text(uut["batch"], 100) if uut.get("batch") else None
            info.comment = fit_text(uut["comment"], 5000) if uut.get("comment") else None
            if uut.get("socket"):
                socket = reader.limit(uut["socket"], line, "socket")
                info.test_socket_index = int(socket) if socket is not None else None
            info.exec_time = self._exec_time(uut, reader, line, report.start)
            for role, value in uut.items():
                if role.startswith("misc:"):
                    report.add_misc_info(fit_text(role[5:], 100), fit_text(value, 100))
            self._sub_units(report, uut)
        return report

    def _process_code(self, value: str | None) -> int | None:
        if value is None:
            return None
        mapped = (self.settings["process_map"] or {}).get(value)
        candidate = mapped if mapped is not None else value
        try:
            return int(str(candidate).strip())
        except ValueError as exc:
            raise ConversionError(f"process {value!r} is neither a process code nor in process_map") from exc

    def _exec_time(
        self, uut: dict[str, str], reader: CellReader, line: int, start: datetime | None
    ) -> float | None:
        if uut.get("duration"):
            return reader.limit(uut["duration"], line, "duration")
        if uut.get("end") and start is not None:
            end = reader.time(uut["end"], line, "end")
            if end.tzinfo is None:
                end = end.replace(tzinfo=start.tzinfo)
            return max((end - start).total_seconds(), 0.0)
        return None

    @staticmethod
    def _sub_units(report: UUTReport, uut: dict[str, str]) -> None:
        parts: dict[str, dict[str, str]] = {}
        for role, value in uut.items():
            match = re.fullmatch(r"subunit\.(.+)\.(sn|pn|rev)", role)
            if match:
                parts.setdefault(match.group(1), {})[match.group(2)] = value
        for part_type, fields in parts.items():
            if fields.get("sn") and fields.get("pn"):
                report.add_sub_unit(fit_text(part_type, 50), fields["sn"], fields["pn"], fields.get("rev"))

    def finish_report(
        self, report: UUTReport, uut: dict[str, str], reader: CellReader, line: int, records: list[Record]
    ) -> None:
        """Set the result: the mapped result role when present, else derived from the steps."""
        verdict = None
        if uut.get("result"):
            letter = reader.status(uut["result"])
            if letter is None or letter == "S":
                raise ConversionError(f"result {uut['result']!r} is not a pass/fail word", line=line)
            verdict = _RESULTS[letter]
        set_result(report, verdict)


def _sn_from_name(file_name: str, pattern: str | None) -> str | None:
    if not pattern:
        return None
    try:
        match = re.search(pattern, file_name)
    except re.error as exc:
        raise ConversionError(f"sn_from_filename is not a valid regular expression: {exc}") from exc
    if match is None:
        return None
    return match.groupdict().get("sn") or (match.group(1) if match.groups() else match.group(0))


def _file_time(file: SourceFile) -> datetime:
    try:
        return datetime.fromtimestamp(file.path.stat().st_mtime).astimezone()
    except OSError:
        return datetime.now().astimezone()
