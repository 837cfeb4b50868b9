"""Run the pytest bench in ``examples/pytest_bench`` as one WATS report and show what was stored.

Uses ``WATS_BASE_URL``/``WATS_AUTH_TOKEN`` when set, otherwise a local ``pywats-server``.

    .venv/bin/python examples/pytest_hardware_test.py
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from pywats import pyWATS
from pywats.testing import LocalWATSServer

BENCH = Path(__file__).resolve().parent / "pytest_bench"


@contextlib.contextmanager
def server_env() -> Iterator[dict[str, str]]:
    if os.environ.get("WATS_BASE_URL") and os.environ.get("WATS_AUTH_TOKEN"):
        yield dict(os.environ)
        return
    with LocalWATSServer() as server:
        yield {**os.environ, "WATS_BASE_URL": server.url, "WATS_AUTH_TOKEN": server.token}


def main() -> int:
    with server_env() as env:
        command = [
            sys.executable, "-m", "pytest", str(BENCH), "-q", "-p", "no:cacheprovider",
            "--rootdir", str(BENCH),
            "--wats-report", "--wats-part-number", "WIDGET-001", "--wats-serial-number", "SN-PYTEST-1",
            "--wats-operator", "example", "--wats-station-name", "BENCH-1", "--wats-location", "Example lab",
            "--wats-submit", "direct",
        ]  # fmt: skip
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        print(done.stdout.strip().splitlines()[-2])  # the recorder's line
        if done.returncode != 0:
            print(done.stdout, done.stderr, file=sys.stderr)
            return done.returncode
        with pyWATS(base_url=env["WATS_BASE_URL"], token=env["WATS_AUTH_TOKEN"]) as api:
            header = api.report.get_headers_by_serial("SN-PYTEST-1")[0]
            report = api.report.get_report(str(header.uuid))
            assert report is not None
            for step in report.walk()[1:]:
                measured = getattr(step, "measurements", [])
                values = ", ".join(f"{m.name or step.name}={getattr(m, 'value', m.status)}" for m in measured)
                print(f"  {step.path.split('/', 1)[1]:45} {step.status}  {values}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
