"""An OpenHTF test whose records are filed as WATS reports (needs ``pywats-api[openhtf]``).

Uses the server in ``WATS_BASE_URL``/``WATS_AUTH_TOKEN`` when set, otherwise starts a local
``pywats-server`` for the run. On a real station, configure the station client
(``pywats-client config init``) and the reports go through its durable queue instead.

    .venv/bin/python examples/openhtf_station.py
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
from collections.abc import Iterator
from typing import Any

import openhtf as htf
from openhtf.util import units

from pywats import pyWATS
from pywats.integrations.openhtf import WATSOutputCallback
from pywats.testing import LocalWATSServer


@htf.measures(
    htf.Measurement("vout").in_range(3.2, 3.4).with_units(units.VOLT).doc("3V3 rail under load"),
    htf.Measurement("ripple").in_range(maximum=0.05).with_units(units.VOLT),
)
def power(test: Any) -> None:
    """Stands in for a power-supply check on a bench."""
    test.measurements.vout = round(random.gauss(3.3, 0.03), 3)
    test.measurements.ripple = round(abs(random.gauss(0.02, 0.01)), 4)


@htf.measures(htf.Measurement("firmware").equals("2.4.1"), htf.Measurement("boot_ok"))
def firmware(test: Any) -> None:
    test.measurements.firmware = "2.4.1"
    test.measurements.boot_ok = True
    test.attach("console.log", b"U-Boot 2024.01\nbooted in 1.9 s\n", mimetype="text/plain")


@contextlib.contextmanager
def wats_client() -> Iterator[pyWATS]:
    if os.environ.get("WATS_BASE_URL"):
        with pyWATS() as api:
            yield api
        return
    with LocalWATSServer() as server, pyWATS(base_url=server.url, token=server.token) as api:
        yield api


def main() -> int:
    with wats_client() as api:
        callback = WATSOutputCallback(api, location="Example lab", operator="example", delivery="direct")
        test = htf.Test(power, firmware, test_name="board-test", part_number="WIDGET-001", revision="A")
        test.add_output_callbacks(callback)
        for serial in ("SN-HTF-0001", "SN-HTF-0002"):
            test.execute(test_start=lambda serial=serial: serial)
            report = api.report.get_report(str(callback.last_report_id))
            assert report is not None
            phases = [f"{step.name} ({step.status})" for step in report.root.steps]
            print(f"{serial}: report {report.id}, result {report.result}, phases: {', '.join(phases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
