"""From a WATSFilter to a :class:`Selection`: which reports a query looks at.

Part numbers and processes are resolved to exact values first, so the database can use its indexes; the other
string members become per-report tests applied in Python (WATS wildcards ignore letter case). Misc-info and
asset members become sets of report ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.periods import Window, check_grouping, resolve_window
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.wildcards import Matcher, compile_pattern, has_wildcards, split_values
from pywats_server.domains.asset.tables import AssetRow
from pywats_server.domains.report.tables import ReportAssetRow, ReportMiscInfoRow, ReportRow
from pywats_server.errors import BadRequest

__all__ = ["RUNS", "STATUS_LETTERS", "STATUS_WORDS", "Selection", "select_reports"]

STATUS_WORDS = {"P": "Passed", "F": "Failed", "E": "Error", "T": "Terminated", "D": "Done", "S": "Skipped"}
STATUS_LETTERS = {word.casefold(): letter for letter, word in STATUS_WORDS.items()} | {
    letter.casefold(): letter for letter in STATUS_WORDS
}
RUNS = {1: "first", 2: "second", 3: "third", -1: "last", -2: "all"}

# WATSFilter member → report column it tests (per report, in Python).
_CHECKED_COLUMNS = {
    "revision": "revision",
    "batch_number": "batch_number",
    "station_name": "station_name",
    "operator": "operator",
    "location": "location",
    "purpose": "purpose",
    "sw_filename": "sw_filename",
    "sw_version": "sw_version",
    "serial_number": "serial_number",
}


@dataclass
class Selection:
    """Which UUT reports a query considers, resolved from a filter."""

    window: Window
    part_numbers: list[str] | None = None
    process_codes: list[int] | None = None
    serial_numbers: list[str] | None = None
    checks: list[tuple[str, Matcher]] = field(default_factory=list)
    socket: Matcher | None = None
    report_ids: set[str] | None = None
    statuses: frozenset[str] | None = None
    run: int = -2
    nothing: bool = False

    @property
    def columns(self) -> set[str]:
        """The report columns :meth:`predicate` reads."""
        needed = {column for column, _ in self.checks}
        if self.socket is not None:
            needed |= {"fixture_id", "test_socket_index"}
        if self.report_ids is not None:
            needed.add("id")
        return needed

    def sql(self, *, report_type: str = "T") -> list[ColumnElement[bool]]:
        """Conditions the database applies (everything but the time window and the per-report tests)."""
        where: list[ColumnElement[bool]] = [
            ReportRow.report_type == report_type,
            ReportRow.quarantined.is_(False),
        ]
        if self.part_numbers is not None:
            where.append(ReportRow.part_number.in_(self.part_numbers))
        if self.process_codes is not None and report_type == "T":
            where.append(ReportRow.process_code.in_(self.process_codes))
        if self.serial_numbers is not None:
            # Serial numbers match in any letter case, as everywhere else in WATS.
            where.append(func.lower(ReportRow.serial_number).in_([sn.lower() for sn in self.serial_numbers]))
        return where

    def predicate(self, index: dict[str, int]) -> Callable[[Sequence[Any]], bool]:
        """A test of one fetched row (``index``: column → position) against the per-report members."""
        checks = [(index[column], matcher) for column, matcher in self.checks]
        socket = self.socket
        fixture, slot = index.get("fixture_id", -1), index.get("test_socket_index", -1)
        ids, id_at = self.report_ids, index.get("id", -1)

        def test(row: Sequence[Any]) -> bool:
            for position, matcher in checks:
                if not matcher(row[position]):
                    return False
            if socket is not None and not (
                socket(row[fixture]) or (row[slot] is not None and socket(str(row[slot])))
            ):
                return False
            return ids is None or row[id_at] in ids

        return test


def select_reports(
    session: Session,
    catalog: Catalog,
    query: AnalyticsFilter,
    *,
    now: datetime,
    use_window: bool = True,
) -> Selection:
    """Resolve ``query`` against the catalog and the stored reports."""
    check_grouping(query.date_grouping)
    window = resolve_window(
        query.date_from or query.start_date,
        query.date_to or query.end_date,
        grouping=query.date_grouping,
        period_count=query.period_count,
        include_current=query.include_current_period,
        now=now,
    )
    if not use_window:
        window = Window(datetime.min, datetime.max)
    selection = Selection(window=window, run=_run(query.run), statuses=_statuses(query.status))
    selection.part_numbers = _part_numbers(session, catalog, query)
    selection.process_codes = _process_codes(catalog, query)
    if query.serial_number and not has_wildcards(query.serial_number):
        selection.serial_numbers = split_values(query.serial_number)
    for member, column in _CHECKED_COLUMNS.items():
        pattern = getattr(query, member)
        if pattern:
            selection.checks.append((column, compile_pattern(pattern)))
    if query.socket:
        selection.socket = compile_pattern(query.socket)
    selection.report_ids = _report_ids(session, query)
    selection.nothing = (
        selection.part_numbers == [] or selection.process_codes == [] or selection.report_ids == set()
    )
    return selection


def _run(run: int | None) -> int:
    if run is None:
        return -2
    if run not in RUNS:
        raise BadRequest(f"run must be 1 (first), 2, 3, -1 (last) or -2 (all), got {run}")
    return run


def _statuses(status: str | None) -> frozenset[str] | None:
    if not status or status.strip().casefold() == "all":
        return None
    letters = set()
    for word in split_values(status):
        letter = STATUS_LETTERS.get(word.casefold())
        if letter is None:
            raise BadRequest(
                f"status must be Passed, Failed, Error, Terminated, Done or Skipped, got {word!r}"
            )
        letters.add(letter)
    return frozenset(letters)


def _part_numbers(session: Session, catalog: Catalog, query: AnalyticsFilter) -> list[str] | None:
    """Exact part numbers the filter allows (None: any), from its part number, product group and level."""
    allowed: set[str] | None = None
    universe: list[str] = []
    if query.part_number or query.product_group or query.level:
        # Every part number known (cheap: an index scan), so patterns and other letter cases resolve exactly.
        universe = sorted(
            set(session.scalars(select(ReportRow.part_number).distinct())) | set(catalog.product_names)
        )
    if query.part_number:
        test = compile_pattern(query.part_number)
        allowed = {pn for pn in universe if test(pn)}
    if query.product_group:
        wanted = compile_pattern(query.product_group)
        in_group = {pn for pn in universe if any(wanted(name) for name in catalog.groups_of(pn))}
        allowed = in_group if allowed is None else allowed & in_group
    if query.level:
        wanted = compile_pattern(query.level)
        at_level = {pn for pn in universe if wanted(catalog.level_of(pn))}
        allowed = at_level if allowed is None else allowed & at_level
    return None if allowed is None else sorted(allowed)


def _process_codes(catalog: Catalog, query: AnalyticsFilter) -> list[int] | None:
    """Process codes named by ``testOperation`` (names or codes) and ``processCode``."""
    codes: set[int] | None = None
    for given in (query.test_operation, query.process_code):
        if given is None or given == "":
            continue
        pattern = str(given)
        test = compile_pattern(pattern)
        found = {code for code, name in catalog.process_names.items() if test(name) or test(str(code))}
        numbers = (value for value in split_values(pattern) if value.isascii())
        found |= {int(value) for value in numbers if value.lstrip("-").isdigit()}
        codes = found if codes is None else codes & found
    return None if codes is None else sorted(codes)


def _report_ids(session: Session, query: AnalyticsFilter) -> set[str] | None:
    """Reports allowed by the misc-info and asset members (None: no such member given)."""
    allowed: set[str] | None = None
    description = query.misc_description or query.misc_info_description
    value = query.misc_value or query.misc_info_string
    if description or value:
        test_description = compile_pattern(description) if description else None
        test_value = compile_pattern(value) if value else None
        rows = session.execute(
            select(ReportMiscInfoRow.report_id, ReportMiscInfoRow.description, ReportMiscInfoRow.text)
        )
        allowed = {
            report_id
            for report_id, desc, text in rows
            if (test_description is None or test_description(desc))
            and (test_value is None or test_value(text))
        }
    if query.asset_serial_number or query.asset_name:
        serials: set[str] | None = None
        if query.asset_name:
            test_name = compile_pattern(query.asset_name)
            serials = {
                serial.casefold()
                for serial, name in session.execute(select(AssetRow.serial_number, AssetRow.asset_name))
                if test_name(name)
            }
        test_serial = compile_pattern(query.asset_serial_number) if query.asset_serial_number else None
        using = {
            report_id
            for report_id, serial in session.execute(
                select(ReportAssetRow.report_id, ReportAssetRow.serial_number)
            )
            if serial is not None
            and (test_serial is None or test_serial(serial))
            and (serials is None or serial.casefold() in serials)
        }
        allowed = using if allowed is None else allowed & using
    return allowed


def and_all(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """The conditions joined with AND."""
    return and_(*conditions)
