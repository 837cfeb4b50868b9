"""Reading a delimited table the way production-floor files are written: a preamble of
``key<sep>value`` lines, a header row somewhere below it, quoted fields with embedded delimiters
and line breaks (RFC 4180), comment lines, repeated header rows in appended files, ragged rows.

The generic CSV converter (:mod:`pywats_client.converters.generic_csv`) maps the columns of
this table onto report roles.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pywats_client.converters.errors import ConversionError
from pywats_client.converters.values import parse_int

__all__ = ["DELIMITERS", "Row", "Table", "choose_delimiter", "column_index", "read_table"]

DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "|": "|"}
_SAMPLE_ROWS = 25


@dataclass
class Row:
    """One data row: its cells and the (last) physical line it was read from."""

    cells: list[str]
    line: int
    block: int = 0
    """Increases at every repeated header row (appended runs)."""


@dataclass
class Table:
    """A parsed file: preamble values, the header row and the data rows."""

    header: list[str]
    header_line: int
    preamble: dict[str, tuple[str, int]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    markers: dict[str, Row] = field(default_factory=dict)
    """Wide layout: rows whose first cell is a configured marker (``LSL``, ``USL``, ``Unit``)."""


def _rows(text: str, delimiter: str, quote: str, comment: str | None) -> Iterator[tuple[list[str], int]]:
    """Rows with their line numbers; comment lines and blank lines are skipped."""
    lines = text.splitlines(keepends=True)
    kept = (ln if not (comment and ln.lstrip().startswith(comment)) else "\n" for ln in lines)
    reader = csv.reader(
        io.StringIO("".join(kept)), delimiter=delimiter, quotechar=quote or None, strict=False
    )
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield [cell.strip() for cell in cells], reader.line_num
    except csv.Error as exc:  # pragma: no cover - strict=False makes this rare
        raise ConversionError(f"not a readable table: {exc}", line=reader.line_num) from exc


def _clean_title(cell: str) -> str:
    return cell.lstrip("\ufeff").strip().lower()


def column_index(spec: str, header: list[str]) -> int | None:
    """The column ``spec`` names: a title (any case), ``#n`` (1-based) or ``/regex/``; None if absent."""
    spec = spec.strip()
    number = parse_int(spec[1:]) if spec.startswith("#") else None
    if number is not None:
        index = number - 1
        return index if 0 <= index < len(header) else None
    if len(spec) > 1 and spec.startswith("/") and spec.endswith("/"):
        try:
            pattern = re.compile(spec[1:-1], re.IGNORECASE)
        except re.error as exc:
            raise ConversionError(
                f"column pattern {spec!r} is not a valid regular expression: {exc}"
            ) from exc
        return next((i for i, title in enumerate(header) if pattern.search(title.lstrip("\ufeff"))), None)
    wanted = spec.lower()
    return next((i for i, title in enumerate(header) if _clean_title(title) == wanted), None)


def _is_header(cells: list[str], specs: Iterable[str]) -> bool:
    wanted = [s for s in specs if not s.strip().startswith("#")]
    return bool(wanted) and all(column_index(spec, cells) is not None for spec in wanted)


def choose_delimiter(text: str, specs: list[str], quote: str, comment: str | None) -> str:
    """The delimiter among ``, ; TAB |`` that makes the header and the rows after it agree.

    With mapped column titles the winner is the one under which the header row is found and
    the most following rows have the header's column count; otherwise the most consistent one.
    """
    best, best_score = ",", -1.0
    sample = "\n".join(text.splitlines()[:200])
    for delimiter in (",", ";", "\t", "|"):
        rows = [cells for cells, _ in _rows(sample, delimiter, quote, comment)][:200]
        header_at = next((i for i, cells in enumerate(rows) if _is_header(cells, specs)), None)
        if header_at is not None:
            width = len(rows[header_at])
            following = rows[header_at + 1 : header_at + 1 + _SAMPLE_ROWS]
            score = 1000 + sum(1 for cells in following if len(cells) == width) + width / 100
        else:
            widths = [len(cells) for cells in rows[:_SAMPLE_ROWS]]
            common = max(set(widths), key=widths.count) if widths else 1
            score = (widths.count(common) if common > 1 else 0) + common / 100
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_table(
    text: str,
    *,
    delimiter: str,
    quote: str,
    comment: str | None,
    column_specs: list[str],
    header_row: int | None,
    preamble_separator: str | None,
    markers: Iterable[str] = (),
) -> Table:
    """The table in ``text``.

    The header is row ``header_row`` (0-based among non-blank, non-comment rows) or the first
    row that holds every mapped column title. Rows above it are the preamble (``key<sep>value``).
    """
    rows = list(_rows(text, delimiter, quote, comment))
    if not rows:
        raise ConversionError("the file holds no table rows")
    if header_row is not None:
        if header_row >= len(rows):
            raise ConversionError(f"header_row {header_row} is past the end of the file ({len(rows)} rows)")
        at = header_row
    else:
        found = next((i for i, (cells, _) in enumerate(rows) if _is_header(cells, column_specs)), None)
        if found is None:
            missing = [s for s in column_specs if column_index(s, rows[0][0]) is None]
            raise ConversionError(
                "no header row holds all mapped columns (" + ", ".join(missing or column_specs) + ")",
                line=rows[0][1],
            )
        at = found
    header, header_line = rows[at]
    table = Table(header=header, header_line=header_line)
    for cells, line in rows[:at]:
        _preamble_line(table, cells, line, delimiter, preamble_separator)
    marker_names = {m.lower(): m for m in markers}
    block = 0
    for cells, line in rows[at + 1 :]:
        if [_clean_title(c) for c in cells] == [_clean_title(c) for c in header]:
            block += 1  # a repeated header row separates appended runs
            continue
        first = cells[0].lower() if cells else ""
        if first in marker_names:
            table.markers[marker_names[first].lower()] = Row(cells, line, block)
            continue
        if len(cells) > len(header):
            extra = [c for c in cells[len(header) :] if c]
            if extra:
                raise ConversionError(
                    f"row has {len(cells)} cells but the header {len(header)} (extra: {extra[0]!r})",
                    line=line,
                )
            cells = cells[: len(header)]
        table.rows.append(Row(cells + [""] * (len(header) - len(cells)), line, block))
    return table


def _preamble_line(table: Table, cells: list[str], line: int, delimiter: str, separator: str | None) -> None:
    if separator is None or separator == delimiter:
        if len(cells) >= 2 and cells[0]:
            table.preamble.setdefault(cells[0].lstrip("\ufeff").strip(), (cells[1], line))
        return
    joined = delimiter.join(cells)
    key, sep, value = joined.partition(separator)
    if sep and key.strip():
        table.preamble.setdefault(key.lstrip("\ufeff").strip(), (value.strip(), line))
