"""Campaign 1 — transport faults: what the client does when the server or the network misbehaves.

Every scenario runs a real ``pyWATS`` client against ``pywats-server`` through a counting proxy
(:mod:`reliability._proxy`), with faults injected by the server's control plane (statuses,
``Retry-After``, delays, dropped answers, bodies) or by the proxy (connections cut while the
request is still being sent). For each one the campaign checks the documented outcome (retried
to success, or the typed error), the number of requests on the wire, the elapsed time against
the bound that the retry configuration allows, and that a POST is never sent twice. After a
failed POST the same report is submitted again, as the station does, and the server must then
hold it exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any, Literal
from urllib.parse import urlsplit

from pywats import (
    ConnectionError,
    InvalidResponseError,
    PyWATSError,
    RetryConfig,
    ServerError,
    TimeoutError,
    pyWATS,
)
from pywats.testing import LocalWATSServer
from reliability._common import Scale, make_report, server, stored_reports
from reliability._proxy import CutPoint, CuttingProxy
from reliability._results import Row

__all__ = ["run"]

CAMPAIGN = "transport"
STATUSES = (429, 500, 502, 503, 504)
MAX_ATTEMPTS = 4
BASE_DELAY_S = 0.1
MAX_DELAY_S = 1.0
TIMEOUT_S = 5.0
SHORT_TIMEOUT_S = 0.5
SLOW_ANSWER_S = 1.5
# Scheduling noise on a shared two-core machine: added to every upper bound.
SLACK_S = 2.0
VERSION = "/api/App/Version"
SUBMIT = "/api/Report/*"
HTML_PAGE = (
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
    + "<!-- padding the proxy adds to hide its error page -->" * 40
    + "</body></html>"
)
TRUNCATED_JSON = '{"Version": "25.3.0", "Build": [1, 2'
MESSAGE_LIMIT = 400  # characters: an error page must not flood the exception message

Outcome = type[PyWATSError] | None  # None: the call succeeds


def _backoff(retries: int, max_delay: float = MAX_DELAY_S) -> float:
    """The longest total wait of ``retries`` retries under the campaign's retry configuration."""
    return float(sum(min(BASE_DELAY_S * 2.0**n, max_delay) for n in range(retries)))


@dataclass(frozen=True)
class Case:
    """One fault scenario for one call."""

    label: str
    method: Literal["GET", "POST"]
    expect: Outcome
    requests: int
    max_s: float
    min_s: float = 0.0
    faults: Callable[[], list[dict[str, Any]]] = lambda: []
    cut: tuple[int, CutPoint] | None = None
    timeout_s: float = TIMEOUT_S
    max_delay_s: float = MAX_DELAY_S
    status: int | None = None  # the status_code the typed error must carry


@dataclass
class Group:
    scenario: str
    outcome: str
    cases: list[Case] = field(default_factory=list)


def _fault(path: str, method: str, **fields: Any) -> Callable[[], list[dict[str, Any]]]:
    return lambda: [{"path": path, "method": method, **fields}]


def _get_groups() -> list[Group]:
    attempts = MAX_ATTEMPTS
    bursts = Group("GET: bursts of 429/500/502/503/504 (3 in a row)", "retried, then succeeds")
    persist = Group("GET: 429/500/502/503/504 that persist", "typed error after 4 attempts")
    for status in STATUSES:
        bursts.cases.append(
            Case(
                f"{status}x3",
                "GET",
                None,
                4,
                _backoff(3) + SLACK_S,
                faults=_fault(VERSION, "GET", status=status, count=3),
            )
        )
        persist.cases.append(
            Case(
                f"{status} always",
                "GET",
                ServerError if status >= 500 else PyWATSError,
                attempts,
                _backoff(attempts - 1) + SLACK_S,
                faults=_fault(VERSION, "GET", status=status, count=0),
                status=status,
            )
        )
    retry_after = Group(
        "GET: Retry-After in seconds, as an HTTP date, and above max_delay", "waits as told (capped)"
    )
    retry_after.cases += [
        Case(
            "429 Retry-After: 1",
            "GET",
            None,
            2,
            1.0 + SLACK_S,
            min_s=0.95,
            max_delay_s=5.0,
            faults=_fault(VERSION, "GET", status=429, retry_after="1"),
        ),
        Case(
            "503 Retry-After: <date in 3 s>",
            "GET",
            None,
            2,
            3.0 + SLACK_S,
            min_s=1.9,
            max_delay_s=5.0,
            faults=lambda: [
                {
                    "path": VERSION,
                    "method": "GET",
                    "status": 503,
                    "retry_after": formatdate(time.time() + 3, usegmt=True),
                }
            ],
        ),
        Case(
            "429 Retry-After: 3600 (max_delay 1 s)",
            "GET",
            None,
            2,
            1.0 + SLACK_S,
            min_s=0.95,
            faults=_fault(VERSION, "GET", status=429, retry_after="3600"),
        ),
    ]
    dropped = Group("GET: connection dropped mid-response", "retried; ConnectionError if it persists")
    dropped.cases += [
        Case(
            "dropped x2",
            "GET",
            None,
            3,
            _backoff(2) + SLACK_S,
            faults=_fault(VERSION, "GET", drop=True, count=2),
        ),
        Case(
            "dropped always",
            "GET",
            ConnectionError,
            attempts,
            _backoff(attempts - 1) + SLACK_S,
            faults=_fault(VERSION, "GET", drop=True, count=0),
        ),
    ]
    cut = Group("GET: connection cut mid-request", "retried; ConnectionError if it persists")
    cut.cases += [
        Case("cut x2", "GET", None, 3, _backoff(2) + SLACK_S, cut=(2, "request-line")),
        Case(
            "cut always",
            "GET",
            ConnectionError,
            attempts,
            _backoff(attempts - 1) + SLACK_S,
            cut=(attempts, "request-line"),
        ),
    ]
    slow = Group("GET: answer slower than the timeout (0.5 s)", "retried; TimeoutError if it persists")
    slow.cases += [
        Case(
            "slow x1",
            "GET",
            None,
            2,
            SHORT_TIMEOUT_S + _backoff(1) + SLACK_S,
            min_s=SHORT_TIMEOUT_S,
            timeout_s=SHORT_TIMEOUT_S,
            faults=_fault(VERSION, "GET", delay_s=SLOW_ANSWER_S, count=1),
        ),
        Case(
            "slow always",
            "GET",
            TimeoutError,
            attempts,
            attempts * SHORT_TIMEOUT_S + _backoff(attempts - 1) + SLACK_S,
            min_s=attempts * SHORT_TIMEOUT_S,
            timeout_s=SHORT_TIMEOUT_S,
            faults=_fault(VERSION, "GET", delay_s=SLOW_ANSWER_S, count=0),
        ),
    ]
    html = Group(
        "GET: HTML error pages (502, and 200 from a captive portal)",
        "5xx retried; typed error, short message",
    )
    html.cases += [
        Case(
            "502 html x2",
            "GET",
            None,
            3,
            _backoff(2) + SLACK_S,
            faults=_fault(VERSION, "GET", status=502, count=2, body=HTML_PAGE, content_type="text/html"),
        ),
        Case(
            "502 html always",
            "GET",
            ServerError,
            attempts,
            _backoff(attempts - 1) + SLACK_S,
            faults=_fault(VERSION, "GET", status=502, count=0, body=HTML_PAGE, content_type="text/html"),
            status=502,
        ),
        Case(
            "200 html",
            "GET",
            InvalidResponseError,
            1,
            SLACK_S,
            faults=_fault(VERSION, "GET", status=200, body=HTML_PAGE, content_type="text/html"),
            status=200,
        ),
    ]
    truncated = Group("GET: truncated JSON in a 200 answer", "InvalidResponseError, not retried")
    truncated.cases.append(
        Case(
            "200 truncated",
            "GET",
            InvalidResponseError,
            1,
            SLACK_S,
            faults=_fault(VERSION, "GET", status=200, body=TRUNCATED_JSON),
            status=200,
        )
    )
    return [bursts, persist, retry_after, dropped, cut, slow, html, truncated]


def _post_group() -> Group:
    group = Group(
        "POST (submit report): each fault above",
        "typed error, exactly 1 request; resubmitting stores the report once",
    )
    for status in STATUSES:
        group.cases.append(
            Case(
                f"POST {status}",
                "POST",
                ServerError if status >= 500 else PyWATSError,
                1,
                SLACK_S,
                faults=_fault(SUBMIT, "POST", status=status, count=0, retry_after="1"),
                status=status,
            )
        )
    group.cases += [
        Case(
            "POST dropped",
            "POST",
            ConnectionError,
            1,
            SLACK_S,
            faults=_fault(SUBMIT, "POST", drop=True, count=0),
        ),
        Case(
            "POST cut in request line",
            "POST",
            ConnectionError,
            1,
            SLACK_S,
            cut=(MAX_ATTEMPTS, "request-line"),
        ),
        Case("POST cut in body", "POST", ConnectionError, 1, SLACK_S, cut=(MAX_ATTEMPTS, "body")),
        Case(
            "POST slow",
            "POST",
            TimeoutError,
            1,
            SHORT_TIMEOUT_S + SLACK_S,
            min_s=SHORT_TIMEOUT_S,
            timeout_s=SHORT_TIMEOUT_S,
            faults=_fault(SUBMIT, "POST", delay_s=SLOW_ANSWER_S, count=1),
        ),
        Case(
            "POST 502 html",
            "POST",
            ServerError,
            1,
            SLACK_S,
            faults=_fault(SUBMIT, "POST", status=502, count=0, body=HTML_PAGE, content_type="text/html"),
            status=502,
        ),
        Case(
            "POST 200 truncated",
            "POST",
            InvalidResponseError,
            1,
            SLACK_S,
            faults=_fault(SUBMIT, "POST", status=200, body=TRUNCATED_JSON),
            status=200,
        ),
    ]
    return group


class _Runner:
    """Runs cases against one server through one proxy and checks them."""

    def __init__(self, srv: LocalWATSServer, proxy: CuttingProxy) -> None:
        self.srv = srv
        self.proxy = proxy
        self.control = srv.control
        self.serial = 0
        self.submitted: set[str] = set()

    def client(self, case: Case) -> pyWATS:
        retry = RetryConfig(max_attempts=MAX_ATTEMPTS, base_delay=BASE_DELAY_S, max_delay=case.max_delay_s)
        return pyWATS(
            base_url=self.proxy.url, token=self.srv.token, timeout=case.timeout_s, retry_config=retry
        )

    def run_case(self, case: Case, row: Row) -> tuple[int, float]:
        """Run ``case`` once; record failures in ``row``; return (requests on the wire, seconds)."""
        self.control.clear_faults()
        self.proxy.clear_cuts()
        for rule in case.faults():
            self.control.add_fault(**rule)
        if case.cut is not None:
            self.proxy.cut_next(*case.cut)
        report = None
        if case.method == "POST":
            self.serial += 1
            report = make_report(f"TRANSPORT-{self.serial:05d}")
        api = self.client(case)
        self.proxy.reset_count()
        error: BaseException | None = None
        began = time.monotonic()
        try:
            if report is None:
                api.get_version()
            else:
                api.report.submit_report(report)
        except BaseException as exc:  # checked below: any type may be the wrong one
            error = exc
        elapsed = time.monotonic() - began
        retries = int(api.retry_config.stats["total_retries"])
        api.close()
        requests = self.proxy.requests_seen()
        where = case.label
        self._check_outcome(case, error, row)
        row.check(
            requests == case.requests, f"{where}: {requests} requests on the wire, expected {case.requests}"
        )
        row.check(elapsed <= case.max_s, f"{where}: took {elapsed:.2f} s, bound {case.max_s:.2f} s")
        row.check(
            elapsed >= case.min_s, f"{where}: took {elapsed:.2f} s, expected at least {case.min_s:.2f} s"
        )
        if case.method == "POST":
            row.check(retries == 0, f"{where}: a POST was retried {retries} time(s)")
            assert report is not None
            self._resubmit(case, report, row)
        self.control.clear_faults()
        self.proxy.clear_cuts()
        return requests, elapsed

    def _check_outcome(self, case: Case, error: BaseException | None, row: Row) -> None:
        where = case.label
        if case.expect is None:
            row.check(error is None, f"{where}: expected success, got {type(error).__name__}: {error}")
            return
        if not row.check(
            isinstance(error, case.expect),
            f"{where}: expected {case.expect.__name__}, got {type(error).__name__ if error else 'success'}"
            f": {error}",
        ):
            return
        assert isinstance(error, PyWATSError)
        text = f"{error} {error!r} {error.details!r}"
        row.check(
            self.srv.token not in text and self.srv.password not in text,
            f"{where}: the error shows the token",
        )
        row.check(len(str(error)) <= MESSAGE_LIMIT, f"{where}: message of {len(str(error))} characters")
        if case.status is not None:
            got = error.details.get("status_code", getattr(error, "status_code", None))
            row.check(got == case.status, f"{where}: status_code {got!r}, expected {case.status}")

    def _resubmit(self, case: Case, report: Any, row: Row) -> None:
        """Submit the same report again without faults (as the station's queue does)."""
        self.control.clear_faults()
        self.proxy.clear_cuts()
        with pyWATS(base_url=self.srv.url, token=self.srv.token, timeout=TIMEOUT_S) as api:
            try:
                api.report.submit_report(report)
            except PyWATSError as exc:
                row.fail(f"{case.label}: resubmission failed: {type(exc).__name__}: {exc}")
        self.submitted.add(report.sn)


def _run_groups(runner: _Runner, groups: list[Group], runs: int, rows: list[Row]) -> None:
    for group in groups:
        row = Row(CAMPAIGN, group.scenario, lost=None, duplicates=None)
        began = time.monotonic()
        worst: list[str] = []
        for case in group.cases:
            longest = 0.0
            counts: set[int] = set()
            for _ in range(runs):
                requests, elapsed = runner.run_case(case, row)
                row.runs += 1
                row.inputs += requests
                longest = max(longest, elapsed)
                counts.add(requests)
            worst.append(f"{case.label}: {'/'.join(map(str, sorted(counts)))} req, ≤{longest:.2f} s")
        row.note = f"{group.outcome}. " + "; ".join(worst)
        row.seconds = time.monotonic() - began
        rows.append(row)


def run(scale: Scale) -> list[Row]:
    """Run every transport scenario ``scale.pick(1, 5)`` times; one row per group of scenarios."""
    runs = scale.pick(1, 5)
    rows: list[Row] = []
    with server() as srv:
        parts = urlsplit(srv.url)
        with CuttingProxy((parts.hostname or "127.0.0.1", parts.port or 80)) as proxy:
            runner = _Runner(srv, proxy)
            _run_groups(runner, _get_groups(), runs, rows)
            _run_groups(runner, [_post_group()], runs, rows)
            post_row = rows[-1]
            stored = stored_reports(srv.url, srv.token)
            post_row.lost = len(stored.lost(runner.submitted))
            post_row.duplicates = len(stored.duplicated())
            post_row.check(post_row.lost == 0, f"{post_row.lost} resubmitted report(s) missing on the server")
            post_row.note += f"; {len(runner.submitted)} reports resubmitted, {stored.count} stored"
    return rows
