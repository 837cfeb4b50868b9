"""Cell values of the generic CSV converter: numbers under the configured decimal separator,
times under the configured formats, status words, and the file's time zone."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pywats_client.converters.errors import ConversionError
from pywats_client.converters.times import parse_iso_datetime
from pywats_client.converters.values import parse_number, status_from_token

__all__ = ["CellReader"]

_AUTO_DAY_FIRST = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
)
_AUTO_MONTH_FIRST = (
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%m-%d-%Y %H:%M:%S",
)
_AUTO_COMMON = ("%Y/%m/%d %H:%M:%S", "%Y%m%d%H%M%S", "%Y-%m-%d %H.%M.%S")
_VALUE_UNIT = re.compile(r"^\s*(\S+?)\s*([^\d\s.,+-].*)$")
_EXCEL_EXPONENT = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)


class CellReader:
    """Reads cells as the converter's settings say."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.decimal: str = settings["decimal"]
        self.thousands: str | None = settings["thousands"] or None
        self.na = {str(t).strip().lower() for t in settings["na_tokens"]}
        self.formats: Sequence[str] = settings["time_formats"] or ["auto"]
        self.day_first: bool = settings["day_first"]
        self.split_units: bool = settings["value_unit_split"]
        extra: dict[str, str] = {}
        for letter, tokens in (settings["status_tokens"] or {}).items():
            if str(letter).upper() not in ("P", "F", "S", "D", "E", "T"):
                raise ConversionError(f"status_tokens: {letter!r} is not a status letter (P F S D E T)")
            for token in tokens if isinstance(tokens, list) else [tokens]:
                extra[str(token).strip().lower()] = str(letter).upper()
        self.tokens = extra

    def missing(self, cell: str | None) -> bool:
        """True for an empty cell or a placeholder (``-``, ``N/A``…)."""
        return cell is None or cell.strip().lower() in self.na

    def number(self, cell: str | None) -> float | None:
        """The number in ``cell``; None when missing. ``ValueError`` when it is not a number."""
        if self.missing(cell):
            return None
        assert cell is not None
        return parse_number(cell, decimal=self.decimal, thousands=self.thousands)

    def number_or_text(self, cell: str | None) -> tuple[float | None, str | None]:
        """``(number, unit)`` when ``cell`` holds a number (and, with value_unit_split, a unit);
        ``(None, None)`` when it does not."""
        try:
            return self.number(cell), None
        except ValueError:
            pass
        if self.split_units and cell:
            match = _VALUE_UNIT.match(cell)
            if match:
                try:
                    return parse_number(match.group(1), decimal=self.decimal, thousands=self.thousands), (
                        match.group(2).strip()
                    )
                except ValueError:
                    pass
        return None, None

    def limit(self, cell: str | None, line: int, role: str) -> float | None:
        """A limit cell: a number or missing; anything else is an error naming the line."""
        try:
            return self.number(cell)
        except ValueError as exc:
            raise ConversionError(
                f"{role} {cell!r} is not a number (decimal {self.decimal!r})", line=line
            ) from exc

    def status(self, cell: str | None) -> str | None:
        """The status letter of a status word; None for an empty cell."""
        if self.missing(cell):
            return None
        return status_from_token(cell, self.tokens)

    def time(self, cell: str, line: int, role: str) -> datetime:
        """A time cell read with the configured formats (``iso``, ``auto``, ``epoch_s``,
        ``epoch_ms`` or strptime patterns, tried in order)."""
        text = cell.strip()
        for fmt in self.formats:
            moment = self._try(fmt, text)
            if moment is not None:
                return moment
        raise ConversionError(
            f"{role} {cell!r} matches none of the time formats {list(self.formats)}", line=line
        )

    def _try(self, fmt: str, text: str) -> datetime | None:
        if fmt == "iso":
            try:
                return parse_iso_datetime(text)
            except ValueError:
                return None
        if fmt in ("epoch_s", "epoch_ms"):
            try:
                seconds = float(text) / (1000 if fmt == "epoch_ms" else 1)
                return datetime.fromtimestamp(seconds, UTC)
            except (ValueError, OverflowError, OSError):
                return None
        if fmt == "auto":
            found = self._try("iso", text)
            patterns = (_AUTO_DAY_FIRST if self.day_first else _AUTO_MONTH_FIRST) + _AUTO_COMMON
            for pattern in patterns:
                if found is not None:
                    break
                found = self._try(pattern, text)
            return found
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            return None

    @staticmethod
    def check_serial(sn: str, line: int) -> str:
        """``sn``, unless Excel turned it into exponent form (``1.23457E+11``): then an error."""
        if _EXCEL_EXPONENT.match(sn.strip()):
            raise ConversionError(
                f"serial number {sn!r} looks like a number Excel re-formatted (exponent form); "
                "the real serial number is lost — fix the export",
                line=line,
            )
        return sn
