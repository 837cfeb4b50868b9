"""Klippel QC loudspeaker end-of-line logs (equipment-formats §13).

Per device the Klippel QC system writes a header file ``DUT <serial> <date> <time> UTC+hhmm.txt``
(``Key=Value`` lines, ``//`` comments) and a data folder of the same name holding one table per
result, ``<task>-<result>.txt``: single values (header row ``name``) or curves (header row
``frq``, limit curves in columns titled ``max``/``min``, ``-`` for a missing point). The
converter is offered the header file and reads the folder next to it.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import (
    Meas,
    add_numeric,
    at,
    fit_name,
    fit_text,
    measurement_status,
    set_result,
)
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.encoding import decode_text
from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.values import parse_number

__all__ = ["KlippelConverter", "parse_header", "parse_start"]

_START = re.compile(r"^(\d+)-(\d+)-(\d+)-(\d+)-(\d+)-(\d+)-(\d+)-(\d+)-(\d+)-(\d+)-(-?\d+)-(.*)$")
_LISTS = {
    "Results_Pass": "P",
    "Results_Fail": "F",
    "Results_Warning": "P",
    "Results_Void": "E",
    "Results_Noise": "E",
    "Results_Invalid": "E",
}
_VERDICTS = {"1": "P", "0": "F", "-1": "E", "3": "E", "4": "E"}
_MAX_TABLE_BYTES = 32 * 1024 * 1024


def parse_header(text: str) -> dict[str, str]:
    """The ``Key=Value`` lines of a header file (``//`` comment lines skipped)."""
    values: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("//") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values.setdefault(key.strip(), value.strip())
    return values


def parse_start(text: str) -> datetime:
    """``Cfg_DutStartTime``: year-month-week-dayofyear-weekday-day-hour-minute-second-ms-offset-epoch,
    with the UTC offset in minutes (negative west of UTC)."""
    match = _START.match(text.strip())
    if match is None:
        raise ConversionError(f"Cfg_DutStartTime {text!r} does not have the 12 dash-separated fields")
    year, month, _week, _doy, _wd, day, hour, minute, second, milli, offset = (
        int(g) for g in match.groups()[:11]
    )
    try:
        return datetime(
            year, month, day, hour, minute, second, milli * 1000, timezone(timedelta(minutes=offset))
        )
    except (ValueError, OverflowError) as exc:  # OverflowError: a field too large for a date at all
        raise ConversionError(f"Cfg_DutStartTime {text!r}: {exc}") from exc


class KlippelConverter(Converter):
    """Klippel QC logs: a header file plus its data folder."""

    name = "klippel"
    description = "Klippel QC loudspeaker test logs (header .txt + data folder)"
    file_patterns = ("*.txt",)
    priority = 4
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "warning_result",
            ParameterKind.CHOICE,
            "P",
            "report result of a Warning verdict (2)",
            choices=("P", "F"),
        ),
        Parameter("units", ParameterKind.MAPPING, {}, 'unit per result name ({"thd": "%", "re": "Ω"})'),
        Parameter(
            "require_data_folder",
            ParameterKind.BOOLEAN,
            True,
            "wait for the data folder (it may be written after the header file)",
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        keys = parse_header(file.head_text(fallback_encoding=self.settings["fallback_encoding"]))
        if not all(k in keys for k in ("Cfg_SerialNumber", "Cfg_DutStartTime", "Ctrl_OverallVerdict")):
            return 0.0
        return 0.95 if self._folder(file).is_dir() else 0.85

    @staticmethod
    def _folder(file: SourceFile) -> Path:
        return (
            file.path.with_suffix("") if file.suffix == ".txt" else file.path.with_name(file.path.name + ".d")
        )

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        header = parse_header(file.read_text(self.settings["fallback_encoding"]))
        missing = [
            k for k in ("Cfg_SerialNumber", "Cfg_DutStartTime", "Ctrl_OverallVerdict") if not header.get(k)
        ]
        if missing:
            raise ConversionError(f"the header lacks {', '.join(missing)}")
        folder = self._folder(file)
        if not folder.is_dir() and self.settings["require_data_folder"]:
            raise IncompleteFileError(f"the data folder {folder.name!r} is not there (yet)")
        report = context.new_report(
            sn=header["Cfg_SerialNumber"],
            start=parse_start(header["Cfg_DutStartTime"]),
            operator=header.get("Cfg_UserName", "").rpartition(":")[2] or None,
        )
        for key, label in (("Cfg_Speaker", "Speaker"), ("Cfg_LoginMode", "Login mode")):
            if header.get(key):
                report.add_misc_info(label, fit_text(header[key], 100))
        report.add_misc_info("Source file", fit_text(file.name, 100))
        verdicts = {
            name: letter for key, letter in _LISTS.items() for name in header.get(key, "").split() if name
        }
        if folder.is_dir():
            self._tables(report, folder, verdicts)
        code = header["Ctrl_OverallVerdict"].strip()
        verdict = self.settings["warning_result"] if code == "2" else _VERDICTS.get(code, "E")
        if code == "2":
            report.add_misc_info("Verdict", "Warning")
        error = header.get("Ctrl_ErrorGeneral", "")
        if error:
            info = report.info
            assert info is not None
            info.error_message = fit_text(error, 500)
            verdict = "E"
        set_result(report, verdict)
        return [report]

    def _tables(self, report: UUTReport, folder: Path, verdicts: dict[str, str]) -> None:
        tasks: dict[str, SequenceCall] = {}
        for path in sorted(folder.glob("*.txt")):
            task, sep, result = path.stem.rpartition("-")  # task names may contain "-"
            if not sep:
                continue
            if path.stat().st_size > _MAX_TABLE_BYTES:
                raise ConversionError(f"table {path.name} is larger than {_MAX_TABLE_BYTES} bytes")
            text, _ = decode_text(path.read_bytes(), self.settings["fallback_encoding"])
            rows = [line.split("\t") for line in text.splitlines() if line.strip()]
            if not rows:
                continue
            seq = tasks.get(task)
            if seq is None:
                seq = tasks[task] = report.root.add_sequence_call(fit_name(task))
            with at(element=path.name):
                title = rows[0][0].strip().lower()
                if title == "name":
                    self._values(seq, rows, verdicts)
                elif title == "frq":
                    self._curve(seq, result, rows, verdicts.get(result))
                else:
                    raise ConversionError(f"unknown table layout (first title {rows[0][0]!r})")

    def _unit(self, name: str) -> str | None:
        unit = (self.settings["units"] or {}).get(name)
        return str(unit) if unit else None

    def _values(self, seq: SequenceCall, rows: list[list[str]], verdicts: dict[str, str]) -> None:
        titles = [t.strip().lower() for t in rows[0]]
        column = {t: i for i, t in enumerate(titles)}
        for row in rows[1:]:
            cells = row + [""] * (len(titles) - len(row))

            def cell(name: str, cells: list[str] = cells) -> float | None:
                index = column.get(name)
                return _number(cells[index]) if index is not None else None

            name = cells[0].strip()
            add_numeric(
                seq,
                name,
                cell("value"),
                low=cell("min"),
                high=cell("max"),
                unit=self._unit(name),
                status=verdicts.get(name),
            )

    def _curve(self, seq: SequenceCall, result: str, rows: list[list[str]], verdict: str | None) -> None:
        titles = [t.strip() for t in rows[0]]
        lower = [t.lower() for t in titles]
        if len(titles) < 2:
            raise ConversionError("a curve table needs frq and a result column")
        series: dict[str, tuple[list[float], list[float]]] = {t: ([], []) for t in titles[1:]}
        outside = 0
        values: list[float] = []
        for row in rows[1:]:
            cells = row + [""] * (len(titles) - len(row))
            x = _number(cells[0])
            if x is None:
                continue
            for index, title in enumerate(titles[1:], 1):
                y = _number(cells[index])
                if y is not None:
                    series[title][0].append(x)
                    series[title][1].append(y)
            y = _number(cells[1])
            if y is None:
                continue
            values.append(y)
            high = _number(cells[lower.index("max")]) if "max" in lower else None
            low = _number(cells[lower.index("min")]) if "min" in lower else None
            outside += (high is not None and y > high) or (low is not None and y < low)
        step = seq.add_chart_step(
            fit_name(result),
            x_label="frq",
            x_unit="Hz",
            y_label=titles[1],
            y_unit=self._unit(result),
            fail_parent=False,
        )
        chart = step.chart
        assert chart is not None
        for title, (xs, ys) in series.items():
            if ys:
                chart.add_series(fit_name(title), ys, xs)
        status = verdict or ("F" if outside else "P")
        meas = [Meas("points outside limits", float(outside), 0.0, None, "LE", "points", None)]
        if values:
            meas += [
                Meas(label, fn(values), None, None, "LOG", self._unit(result), None)
                for label, fn in (("min", min), ("max", max), ("mean", lambda v: sum(v) / len(v)))
            ]
        for m in meas:
            step.add_measurement(
                m.name,
                m.value if m.value is not None else math.nan,
                low_limit=m.low,
                comp_op=m.comp_op,
                unit=m.unit,
                status=measurement_status(status) if m.name == "points outside limits" else None,
            )
        step.status = status


def _number(text: str | None) -> float | None:
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ConversionError(f"{text!r} is not a number") from exc
