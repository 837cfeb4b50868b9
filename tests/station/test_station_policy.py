"""Pure decisions of the station: retry or park, backoff, the gate, upload order, file stability."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from pywats.core.exceptions import (
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    ConnectionError,
    EmptyResponseError,
    InvalidResponseError,
    NotFoundError,
    PyWATSError,
    ServerError,
    TimeoutError,
    ValidationError,
)
from pywats_client.queue import Outcome, classify_failure, retry_delay
from pywats_client.service.schedule import Gate, UploadIndex
from pywats_client.watch import FolderScanner, skip_reason

CASES: list[tuple[BaseException, Outcome]] = [
    (ConnectionError("refused"), Outcome.RETRY),
    (TimeoutError("slow"), Outcome.RETRY),
    (ServerError("boom", status_code=503), Outcome.RETRY),
    (InvalidResponseError("html from a proxy", status_code=200), Outcome.RETRY),
    (AuthenticationError("bad token", details={"status_code": 401}), Outcome.RETRY),
    (AuthorizationError("no right", details={"status_code": 403}), Outcome.RETRY),
    (PyWATSError("slow down", details={"status_code": 429}), Outcome.RETRY),
    (PyWATSError("request timeout", details={"status_code": 408}), Outcome.RETRY),
    (EmptyResponseError("no body"), Outcome.RETRY),
    (ValidationError("refused by the server", details={"status_code": 400}), Outcome.PARK),
    (ValidationError("the report is invalid", field="pn"), Outcome.PARK),
    (NotFoundError("no such", details={"status_code": 404}), Outcome.PARK),
    (ConflictError("conflict", details={"status_code": 409}), Outcome.PARK),
    (PyWATSError("too large", details={"status_code": 413}), Outcome.PARK),
    (OSError("network unreachable"), Outcome.RETRY),
    (RuntimeError("a bug"), Outcome.PARK),
]


@pytest.mark.parametrize(("exc", "outcome"), CASES, ids=[f"{type(e).__name__}-{o}" for e, o in CASES])
def test_failures_are_retried_or_parked(exc: BaseException, outcome: Outcome) -> None:
    assert classify_failure(exc) is outcome


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [(1, 15.0), (2, 30.0), (3, 60.0), (8, 1920.0), (9, 3600.0), (50, 3600.0), (10_000, 3600.0)],
)
def test_backoff_doubles_up_to_the_cap(attempt: int, expected: float) -> None:
    assert retry_delay(attempt, 15.0, 3600.0, rand=lambda: 0.5) == expected


def test_backoff_jitter_stays_within_ten_percent_and_the_cap() -> None:
    assert retry_delay(1, 15.0, 3600.0, rand=lambda: 0.0) == pytest.approx(13.5)
    assert retry_delay(1, 15.0, 3600.0, rand=lambda: 1.0) == pytest.approx(16.5)
    assert retry_delay(20, 15.0, 3600.0, rand=lambda: 1.0) == 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_gate_lets_one_probe_through_after_its_delay() -> None:
    clock = Clock()
    gate = Gate(lambda failures: 10.0 * failures, clock)
    assert gate.wait_s() == 0
    gate.started()
    assert not gate.probing  # no failures: no probe mode
    assert gate.failed() == 10.0 and gate.wait_s() == 10.0
    clock.now += 10
    assert gate.wait_s() == 0
    gate.started()
    assert gate.wait_s() == float("inf")  # one probe at a time
    assert gate.failed() == 20.0
    clock.now += 20
    gate.started()
    gate.succeeded()
    assert gate.wait_s() == 0 and gate.failures == 0


def test_uploads_go_by_priority_then_age_and_retries_wait_their_turn() -> None:
    async def scenario() -> list[str | None]:
        clock = Clock()
        index = UploadIndex(Gate(lambda _: 1.0, clock), clock)
        index.add("backlog-old", 10, 1.0)
        index.add("live-new", 1, 5.0)
        index.add("normal", 5, 2.0)
        index.add("live-old", 1, 3.0)
        index.add("live-old", 1, 3.0)  # already known: ignored
        index.add_later("retry", clock.now + 100, 1, 0.5)
        taken = [await index.take() for _ in range(4)]
        clock.now += 100
        taken.append(await index.take())
        index.close()
        taken.append(await index.take())
        return taken

    assert asyncio.run(scenario()) == ["live-old", "live-new", "normal", "backlog-old", "retry", None]


def test_a_file_is_ready_only_once_unchanged_for_the_stable_time(tmp_path: Path) -> None:
    scanner = FolderScanner(tmp_path, stable_s=2.0)
    growing = tmp_path / "result.json"
    growing.write_bytes(b"{")
    (tmp_path / ".hidden.json").write_bytes(b"{}")
    (tmp_path / "copying.json.part").write_bytes(b"{}")
    (tmp_path / "done").mkdir()
    assert scanner.scan(100.0) == [] and scanner.waiting == 1
    growing.write_bytes(b'{"more": 1')  # still being written
    os.utime(growing, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert scanner.recheck(101.5) == []
    assert scanner.recheck(103.0) == []  # changed at 101.5: not stable until 103.5
    ready = scanner.recheck(103.6)
    assert [p.name for p, _ in ready] == ["result.json"]
    assert scanner.scan(110.0) == []  # handed out once
    scanner.forget(growing)
    assert scanner.scan(111.0) == [] and [p.name for p, _ in scanner.scan(113.0)] == ["result.json"]


def test_a_missing_folder_is_reported_and_picked_up_when_it_appears(tmp_path: Path) -> None:
    scanner = FolderScanner(tmp_path / "later", stable_s=0)
    assert scanner.scan(1.0) == [] and scanner.missing
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "a.json").write_bytes(b"{}")
    assert [p.name for p, _ in scanner.scan(2.0)] == ["a.json"] and not scanner.missing


@pytest.mark.parametrize(
    ("name", "skipped"),
    [
        ("a.json", False),
        (".a.json", True),
        ("a.tmp", True),
        ("a.json.part", True),
        ("a.xml~", True),
        ("A.TMP", True),
    ],
)
def test_temporary_and_hidden_names_are_skipped(name: str, skipped: bool) -> None:
    assert (skip_reason(name) is not None) is skipped
