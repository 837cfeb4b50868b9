"""A pytest session as a UUT report: one sequence per test file (and class), one step per test.

Pure: it turns :class:`TestResult` records into a :class:`~pywats.tools.test_uut.TestUUT`.

A test without measurements becomes a pass/fail step. A test with measurements of one kind
becomes a multiple-measurement step of that kind (numeric, string or pass/fail) whose
measurements keep their names; with several kinds it becomes a sequence call with one step
per measurement. A skipped test is a skipped action step, an error outside the test body an
action step with status Error. The test's outcome is the step's status, so a test that fails
its own assertions fails its step even when every measurement passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pywats.domains.report.models import SequenceCall
    from pywats.testing._options import RecorderSettings
    from pywats.tools.test_uut import TestUUT

__all__ = ["MAX_COMMENT_CHARS", "TestResult", "build_session_report"]

MAX_COMMENT_CHARS = 5000  # uut.comment
MAX_NAME_CHARS = 100  # step names
MAX_TEXT_CHARS = 1000  # per-step report text / error message


@dataclass
class TestResult:
    """The outcome of one test: ``status`` is P, F, E or S."""

    __test__ = False  # not a test class for pytest

    nodeid: str
    status: str
    duration_s: float = 0.0
    start: datetime | None = None
    measurements: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None

    @property
    def location(self) -> tuple[str, list[str], str]:
        """(file, enclosing classes, test name) from the node id."""
        parts = self.nodeid.split("::")
        return parts[0], parts[1:-1], parts[-1] if len(parts) > 1 else parts[0]


def build_session_report(
    settings: RecorderSettings, results: Iterable[TestResult], *, start: datetime, exec_time_s: float
) -> TestUUT:
    """The UUT report of a session's results (in the order the tests ran)."""
    from pywats.tools.test_uut import TestUUT

    uut = TestUUT(
        settings.part_number,
        settings.serial_number,
        settings.revision,
        operator=settings.operator,
        purpose=settings.process_code,
        station_name=settings.station_name,
        location=settings.location,
        station_purpose=settings.purpose,
        start=start,
        sequence_name=settings.sequence_name,
    )
    containers: dict[tuple[str, ...], SequenceCall] = {}
    comments: list[str] = []
    for result in results:
        path, classes, name = result.location
        parent = _container(uut, containers, path, classes)
        _add_test_step(parent, result, _short(name, MAX_NAME_CHARS))
        if result.status in ("F", "E") and result.message:
            comments.append(f"{result.nodeid}: {_first_line(result.message)}")
    info = uut.info
    if info is not None:
        info.exec_time = round(exec_time_s, 3)
        if comments:
            info.comment = _short("\n".join(comments), MAX_COMMENT_CHARS)
    return uut


def _container(
    uut: TestUUT, containers: dict[tuple[str, ...], SequenceCall], path: str, classes: list[str]
) -> SequenceCall:
    key: tuple[str, ...] = (path,)
    node = containers.get(key)
    if node is None:
        file = PurePosixPath(path)
        node = uut.root.add_sequence_call(_short(file.stem or path, MAX_NAME_CHARS), path=path)
        containers[key] = node
    for name in classes:
        key = (*key, name)
        child = containers.get(key)
        if child is None:
            child = node.add_sequence_call(_short(name, MAX_NAME_CHARS))
            containers[key] = child
        node = child
    return node


def _add_test_step(parent: SequenceCall, result: TestResult, name: str) -> None:
    options: dict[str, Any] = {"tot_time": round(result.duration_s, 6)}
    if result.start is not None:
        options["start"] = result.start
    text = _short(result.message, MAX_TEXT_CHARS) if result.message else None
    status = result.status
    if status == "S":
        parent.add_action_step(name, status="S", report_text=text, **options)
        return
    if status == "E":
        parent.add_action_step(name, status="E", error_message=text, **options)
        return
    if text:
        options["report_text"] = text
    kinds = {entry["kind"] for entry in result.measurements}
    if not kinds:
        parent.add_pass_fail_step(name, status == "P", **options)
    elif len(kinds) == 1:
        _add_multi_step(parent, name, kinds.pop(), result.measurements, status, options)
    else:
        sequence = parent.add_sequence_call(name, status=status, **options)
        for entry in result.measurements:
            _add_single_step(sequence, entry)


def _add_multi_step(
    parent: SequenceCall,
    name: str,
    kind: str,
    entries: list[dict[str, Any]],
    status: str,
    options: dict[str, Any],
) -> None:
    if kind == "numeric":
        numeric = parent.add_multi_numeric_step(name, status=status, **options)
        for entry in entries:
            numeric.add_measurement(
                entry["name"],
                _number(entry["value"]),
                low_limit=entry.get("low"),
                high_limit=entry.get("high"),
                comp_op=entry.get("comp_op"),
                unit=entry.get("unit"),
            )
    elif kind == "string":
        strings = parent.add_multi_string_step(name, status=status, **options)
        for entry in entries:
            strings.add_measurement(
                entry["name"], entry["value"], limit=entry.get("expected"), comp_op=entry.get("comp_op")
            )
    else:
        booleans = parent.add_multi_pass_fail_step(name, status=status, **options)
        for entry in entries:
            booleans.add_measurement(entry["name"], bool(entry["value"]))


def _add_single_step(sequence: SequenceCall, entry: dict[str, Any]) -> None:
    name = _short(str(entry["name"]), MAX_NAME_CHARS)
    if entry["kind"] == "numeric":
        sequence.add_numeric_step(
            name,
            _number(entry["value"]),
            low_limit=entry.get("low"),
            high_limit=entry.get("high"),
            comp_op=entry.get("comp_op"),
            unit=entry.get("unit"),
        )
    elif entry["kind"] == "string":
        sequence.add_string_step(
            name, entry["value"], limit=entry.get("expected"), comp_op=entry.get("comp_op")
        )
    else:
        sequence.add_pass_fail_step(name, bool(entry["value"]))


def _number(value: Any) -> float:
    return float(value) if isinstance(value, str) else value  # "nan", "inf", "-inf" (see _measure)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    # pytest's crash messages start with the exception ("AssertionError: ..."); a traceback
    # ends with it ("E   AssertionError: ...").
    for line in reversed(lines):
        if line.startswith("E "):
            return line[1:].strip()
    return lines[0] if lines else text


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
