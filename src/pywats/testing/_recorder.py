"""The ``--wats-report`` recorder: collects test outcomes and measurements, then sends one UUT report.

Registered by the plugin only when ``--wats-report`` is given. It reads everything from
pytest's test reports (measurements travel in ``user_properties``), so it also works on the
pytest-xdist controller. A report that cannot be delivered is never silently lost: it is
written to a file, the terminal summary says where, and the session's exit status becomes
non-zero even if every test passed.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pywats.testing._measure import measurements_of
from pywats.testing._options import RecorderSettings
from pywats.testing._session_report import TestResult, build_session_report
from pywats.testing._submit import Delivery, deliver

if TYPE_CHECKING:
    from pywats.tools.test_uut import TestUUT

__all__ = ["WATSReportRecorder"]

logger = logging.getLogger("pywats.testing")

_SEVERITY = {"P": 0, "S": 0, "F": 1, "E": 2}


class WATSReportRecorder:
    """A pytest plugin object: one per session with ``--wats-report``."""

    def __init__(self, settings: RecorderSettings, rootdir: Path) -> None:
        self.settings = settings
        self.rootdir = rootdir
        self.results: dict[str, TestResult] = {}
        self.started = datetime.now(UTC).astimezone()
        self._clock = time.monotonic()
        self.report: TestUUT | None = None
        self.delivery: Delivery | None = None

    @classmethod
    def from_config(cls, config: pytest.Config) -> WATSReportRecorder:
        return cls(RecorderSettings.from_config(config), config.rootpath)

    # -- collecting ----------------------------------------------------------------------------------

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        result = self.results.get(report.nodeid)
        if result is None:
            result = self.results[report.nodeid] = TestResult(report.nodeid, "P")
        start = getattr(report, "start", None)
        if report.when == "setup" and isinstance(start, float):
            result.start = datetime.fromtimestamp(start, UTC).astimezone()
        result.duration_s += float(report.duration or 0.0)
        if report.when == "call":
            result.measurements = measurements_of(report.user_properties)
        status, message = _phase_outcome(report)
        # The worst phase wins; a skip only marks a test that has nothing worse.
        worse = status is not None and _SEVERITY[status] >= _SEVERITY[result.status]
        if worse and (status != "S" or result.status == "P"):
            result.status = str(status)
            result.message = message or result.message

    # -- sending -------------------------------------------------------------------------------------

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.results:
            return
        try:
            self.report = build_session_report(
                self.settings,
                self.results.values(),
                start=self.started,
                exec_time_s=time.monotonic() - self._clock,
            )
        except Exception as exc:  # a bug or bad settings: say so, do not hide it behind a green run
            self.delivery = Delivery(False, "build", f"could not build the report: {exc}")
        else:
            self.delivery = deliver(self.settings, self.report, self.rootdir)
        if not self.delivery.ok and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        delivery = self.delivery
        if delivery is None:
            return
        terminalreporter.section("WATS report", sep="-", bold=True)
        line = f"pywats: {delivery.message}"
        if delivery.ok:
            terminalreporter.write_line(line, green=True)
        else:
            terminalreporter.write_line(line, red=True, bold=True)


def _phase_outcome(report: pytest.TestReport) -> tuple[str | None, str | None]:
    """(status, message) this phase adds: None when it changes nothing."""
    xfail = getattr(report, "wasxfail", None)
    if report.when == "call":
        if report.skipped and xfail is not None:
            return "S", f"expected to fail: {xfail}" if xfail else "expected to fail"
        if report.failed:
            return "F", _text(report)
        if report.skipped:
            return "S", _skip_reason(report)
        return None, None
    if report.failed:
        return "E", f"error in {report.when}: {_text(report)}"
    if report.skipped:
        return "S", _skip_reason(report)
    return None, None


def _text(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    message = getattr(crash, "message", None)
    if isinstance(message, str) and message:
        return message
    return report.longreprtext or "failed"


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return report.longreprtext or "skipped"
