"""pytest plugin of pyWATS (registered automatically on install through the ``pytest11`` entry point).

Fixtures for testing code that uses pyWATS against a real local server:

* ``wats_server`` — a :class:`~pywats.testing.LocalWATSServer` for the whole session;
* ``wats_control`` — its control plane, with data, faults and request log reset before each test;
* ``wats_api`` / ``async_wats_api`` — a ``pyWATS`` / ``AsyncWATS`` client of that server.

And a recorder for hardware tests written with pytest: ``record_measurement(name, value,
low=..., high=..., unit=...)`` records a measurement (the test fails if it is outside its
limits), and ``pytest --wats-report --wats-part-number PN --wats-serial-number SN`` turns the
session into one UUT report: each test a step, its outcome the step status, failure texts the
report comment. See ``pytest --help`` (group "pywats") for the options.

This module is imported by every pytest run in the environment, so it imports nothing heavy
at start-up: the server, the clients and the recorder load when a test or option asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from pywats.testing._measure import MEASUREMENT_KEY, check_measurement, failed_measurements

if TYPE_CHECKING:
    from pywats import AsyncWATS, pyWATS
    from pywats.testing._control import ServerControl
    from pywats.testing._server import LocalWATSServer

__all__ = [
    "async_wats_api",
    "record_measurement",
    "wats_api",
    "wats_control",
    "wats_server",
]

RecordMeasurement = Callable[..., bool]


# -- options -----------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    from pywats.testing._options import add_options

    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("wats_report", default=False):
        return
    if hasattr(config, "workerinput"):
        return  # a pytest-xdist worker: its results reach the controller, which writes the report
    from pywats.testing._recorder import WATSReportRecorder

    config.pluginmanager.register(WATSReportRecorder.from_config(config), "pywats-report-recorder")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    """A test whose recorded measurements are outside their limits fails, naming them."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when != "call" or not report.passed:
        return
    failing = failed_measurements(item.user_properties)
    if failing:
        report.outcome = "failed"
        report.longrepr = "Measurement outside its limits: " + "; ".join(failing)


# -- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def wats_server() -> Iterator[LocalWATSServer]:
    """A local WATS-compatible server for the whole test session."""
    from pywats.testing._server import LocalWATSServer

    with LocalWATSServer() as server:
        yield server


@pytest.fixture
def wats_control(wats_server: LocalWATSServer) -> Iterator[ServerControl]:
    """The server's control plane, with data, faults and request log reset before the test."""
    control = wats_server.control
    control.reset()
    yield control
    control.clear_faults()


@pytest.fixture
def wats_api(wats_server: LocalWATSServer, wats_control: ServerControl) -> Iterator[pyWATS]:
    """A ``pyWATS`` client of the local server (data reset before the test)."""
    from pywats import pyWATS

    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        yield api


@pytest.fixture
def async_wats_api(wats_server: LocalWATSServer, wats_control: ServerControl) -> Iterator[AsyncWATS]:
    """An ``AsyncWATS`` client of the local server (data reset before the test).

    The fixture itself is synchronous, so it works with any way of running coroutines:
    ``asyncio.run(...)`` in a plain test, or ``async def`` tests under pytest-asyncio or anyio.
    The client opens its connections in the event loop that first uses it; it is closed
    after the test (close it yourself with ``async with async_wats_api:`` if your loop ends
    before the test does).
    """
    from pywats import AsyncWATS

    api = AsyncWATS(base_url=wats_server.url, token=wats_server.token)
    yield api
    _close_async_client(api)


def _close_async_client(api: AsyncWATS) -> None:
    import asyncio
    import contextlib

    # Connections opened by a loop that has ended cannot be closed from another one (a
    # RuntimeError); the operating system reclaims their sockets.
    with contextlib.suppress(RuntimeError):
        asyncio.run(api.close())


@pytest.fixture
def record_measurement(request: pytest.FixtureRequest) -> RecordMeasurement:
    """Record a measurement of this test: ``record_measurement(name, value, low=..., high=..., unit=...)``.

    ``value`` is a number (checked against ``low``/``high``, or ``comp_op`` such as ``"GELE"``,
    ``"GT"``, ``"EQ"``), a string (compared with ``expected`` when given) or a bool (a
    pass/fail result). Returns True if the value is within its limits; a test with a
    measurement outside its limits fails after it ends, naming the measurement. With
    ``--wats-report`` every measurement becomes part of the test's step in the report.
    """

    def record(
        name: str,
        value: float | str | bool,
        *,
        low: float | None = None,
        high: float | None = None,
        unit: str | None = None,
        comp_op: str | None = None,
        expected: str | None = None,
    ) -> bool:
        entry = check_measurement(
            name, value, low=low, high=high, unit=unit, comp_op=comp_op, expected=expected
        )
        request.node.user_properties.append((MEASUREMENT_KEY, entry))
        return bool(entry["passed"])

    return record
