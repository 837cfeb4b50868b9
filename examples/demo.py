"""pyWATS in one minute: write products with the sync client, read them back with the async one,
submit test reports built with ``TestUUT`` and find them again with a header query; then run the
station client (``pywats-client``) on a folder of test results in four formats, watch its queue
drain, and finish with the yield the server computed from everything that arrived; last, load a demo
factory's history into the server and show its yield per process and a chart of first-pass yield by day
(``examples/yield_report.py``).

No WATS account is needed: the demo starts ``pywats-server``, a local WATS-compatible server,
on a free loopback port with a temporary data directory, and stops it again at the end.

    make demo                            # or: .venv/bin/python examples/demo.py
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime, timedelta
from pathlib import Path

from yield_report import DAYS, fpy_by_day, print_fpy_chart, print_process_table, yield_by_process

from pywats import (
    AsyncWATS,
    NotFoundError,
    Product,
    PyWATSError,
    ReportHeader,
    Station,
    StationConfig,
    WATSFilter,
    pyWATS,
)
from pywats.domains.report.formats import to_wsxf
from pywats.testing import LocalWATSServer, ServerStartError
from pywats.tools.test_uut import TestUUT

# (part number, name, first revision) of the products the demo creates.
PRODUCTS = [
    ("DEMO-1001", "Widget controller", "A"),
    ("DEMO-2002", "Sensor board", "B"),
]


def create_products(url: str, token: str) -> None:
    """Write with the synchronous client: plain calls, no event loop needed."""
    with pyWATS(base_url=url, token=token) as api:
        for part_number, name, revision in PRODUCTS:
            api.product.create_product(part_number, name=name, tags={"origin": "demo"})
            api.product.create_revision(part_number, revision, name=f"{name}, revision {revision}")
            print(f"  created {part_number} with revision {revision}")


async def read_products(url: str, token: str) -> tuple[str, list[Product]]:
    """Read with the asynchronous client: all requests are in flight at the same time."""
    async with AsyncWATS(base_url=url, token=token) as api:
        version, products = await asyncio.gather(
            api.get_version(),
            asyncio.gather(*(api.product.get_product(pn) for pn, _, _ in PRODUCTS)),
        )
        # A missing product is an exception you can catch (ErrorMode.LENIENT returns None instead).
        try:
            await api.product.get_product("NO-SUCH-PART")
        except NotFoundError as exc:
            print(f"  as expected: {exc.message}")
    return version, [p for p in products if p is not None]


# (serial number, measured 3V3 rail, self test passed) of the units the demo tests.
UNITS = [
    ("SN-0001", 3.31, True),
    ("SN-0002", 3.29, True),
    ("SN-0003", 3.52, True),
    ("SN-0004", 3.30, False),
    ("SN-0005", 3.28, True),
]


def submit_reports(url: str, token: str) -> list[ReportHeader]:
    """Build one test report per unit with TestUUT, submit it, and query the headers back."""
    station = Station(config=StationConfig(station_name="DEMO-ICT-01", location="Demo line"))
    with pyWATS(base_url=url, token=token, station=station) as api:
        for serial_number, volts, self_test in UNITS:
            uut = TestUUT("DEMO-1001", serial_number, "A", operator="demo")
            power = uut.add_sequence_call("Power")
            power.add_numeric_step("3V3 rail", volts, low_limit=3.2, high_limit=3.4, unit="V")
            uut.add_pass_fail_step("Self test", self_test)
            api.report.submit_report(uut)  # the station fills machine name, location and purpose
            print(f"  submitted {serial_number}: {'passed' if uut.result == 'P' else 'FAILED'}")
        return api.report.query_uut_headers(odata_filter="partNumber eq 'DEMO-1001'", orderby="serialNumber")


def print_headers(headers: list[ReportHeader]) -> None:
    """The queried report headers, one row each."""
    rows = [("Serial number", "Result", "Station", "Failed step")]
    rows += [
        (
            h.serial_number or "",
            h.result or "",
            h.station_name or "",
            (h.caused_uut_failure_path or "-").replace("\u00b6", "/"),
        )
        for h in headers
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def print_table(products: list[Product]) -> None:
    """A small aligned table: one row per product."""
    rows = [("Part number", "Name", "Revisions", "Tags")]
    for p in products:
        revisions = ", ".join(r.revision for r in p.revisions) or "-"
        tags = ", ".join(f"{t.key}={t.value}" for t in p.tags) or "-"
        rows.append((p.part_number, p.name or "", revisions, tags))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


# -- the station client ---------------------------------------------------------------------------

STATION_UNITS = 8  # units per product; every fourth fails its first run and passes a retest


def _uut(part_number: str, serial_number: str, volts: float, start: datetime) -> TestUUT:
    uut = TestUUT(part_number, serial_number, "A", operator="demo", start=start)
    uut.add_numeric_step("3V3 rail", volts, low_limit=3.2, high_limit=3.4, unit="V")
    return uut


def _wstf(part_number: str, serial_number: str, volts: float, start: datetime) -> bytes:
    status = "Passed" if 3.2 <= volts <= 3.4 else "Failed"
    lines = [
        "--Header-Start--",
        f"SerialNumber\t{serial_number}",
        f"PartNumber\t{part_number}",
        "Revision\tA",
        "OperationTypeCode\t10",
        f"StartDateTime\t{start.isoformat()}",
        "--Step-Data-Start--",
        f"NumericLimitTest\t3V3 rail\t\t{volts}\t3.2\t3.4\tGELE\tV\t{status}\t0.1\t\t\t",
        "--Step-Data-End--",
        "--UUT-End--",
    ]
    return ("\n".join(lines) + "\n").encode()


def _junit(part_number: str, serial_number: str, volts: float, start: datetime) -> bytes:
    failure = "" if 3.2 <= volts <= 3.4 else f'<failure message="3V3 rail at {volts} V"/>'
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="board" tests="2" '
        f'failures="{1 if failure else 0}" errors="0" skipped="0" time="0.3" '
        f'timestamp="{start.strftime("%Y-%m-%dT%H:%M:%S")}"><properties>'
        f'<property name="serial_number" value="{serial_number}"/>'
        f'<property name="part_number" value="{part_number}"/><property name="part_revision" value="A"/>'
        '</properties><testcase classname="test_board" name="test_boot" time="0.1"/>'
        f'<testcase classname="test_board" name="test_power" time="0.2">{failure}</testcase>'
        "</testsuite></testsuites>\n"
    ).encode()


# (part number, file suffix, how the equipment writes a result) of the station's four formats.
FORMATS = [
    ("DEMO-1001", "json", lambda pn, sn, v, t: _uut(pn, sn, v, t).to_wsjf()),
    ("DEMO-2002", "xml", lambda pn, sn, v, t: to_wsxf(_uut(pn, sn, v, t))),
    ("DEMO-3003", "txt", _wstf),
    ("DEMO-4004", "junit.xml", _junit),
]


def write_results(folder: Path) -> int:
    """Test results as the station's equipment writes them; returns how many files."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    count = 0
    for part_number, suffix, write in FORMATS:
        for index in range(STATION_UNITS):
            serial_number = f"{part_number[-4:]}-{index:03d}"
            runs = [3.52, 3.31] if index % 4 == 3 else [3.30]  # a failed first run, then a retest
            for run, volts in enumerate(runs):
                moment = start + timedelta(minutes=index * 2 + run)
                content = write(part_number, serial_number, volts, moment)
                (folder / f"{serial_number}-run{run + 1}.{suffix}").write_bytes(content)
                count += 1
    return count


def run_station(url: str, token: str, workdir: Path) -> int:
    """Start ``pywats-client`` on a watched folder, drop the results in, show the queue draining."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pywats_client.api import ManagementClient

    inbox, staging, config = workdir / "results", workdir / "staging", workdir / "station.json"
    inbox.mkdir()
    staging.mkdir()
    settings = {
        "service_address": url,
        "api_token": token,
        "station_name": "DEMO-STATION-01",
        "location": "Demo line",
        "folders": [{"path": str(inbox)}],
        "file_stable_s": 0.3,
        "converters": {"junit": {"options": {"process_code": 10}}},
        "data_dir": str(workdir / "station-data"),
    }
    config.write_text(json.dumps(settings, indent=2))
    config.chmod(0o600)  # it holds the token
    command = [sys.executable, "-m", "pywats_client", "--config", str(config)]
    log = (workdir / "station.log").open("wb")
    service = subprocess.Popen([*command, "start", "--api", "--api-port", "0"], stdout=log, stderr=log)
    info = workdir / "station-data" / "service.json"
    try:
        while not info.exists():
            if service.poll() is not None:
                raise RuntimeError("pywats-client did not start: " + (workdir / "station.log").read_text())
            time.sleep(0.1)
        port = json.loads(info.read_text())["api_port"]
        secret = (workdir / "station.api_secret").read_text().strip()
        management = ManagementClient(port, secret)
        total = write_results(staging)
        for name in sorted(os.listdir(staging)):  # each file appears complete, as a copy tool makes it
            os.replace(staging / name, inbox / name)
        print(f"  dropped {total} files (WSJF, WSXF, WSTF, JUnit XML) into {inbox.name}/")
        columns = (TextColumn("  {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns) as bar:
            task = bar.add_task("uploading", total=total)
            deadline = time.monotonic() + 60
            while (status := management.status())["uploaded"] < total and time.monotonic() < deadline:
                queued = (
                    status["queue"]["pending"] + status["queue"]["retrying"] + status["queue"]["uploading"]
                )
                bar.update(task, completed=status["uploaded"], description=f"uploading ({queued} queued)")
                time.sleep(0.1)
            bar.update(task, completed=status["uploaded"], description="uploaded")
        errors = status["conversion_errors"] + status["upload_failures"]
        print(
            f"  {status['uploaded']} reports uploaded, {errors} errors; the files are in {inbox.name}/done/"
        )
    finally:
        stopped = subprocess.run([*command, "stop"], capture_output=True, text=True)
        print("  " + (stopped.stdout.strip() or stopped.stderr.strip()))
        service.wait(timeout=20)
        log.close()
    return int(status["uploaded"])


def yield_table(url: str, token: str) -> list[tuple[str, ...]]:
    """The yield the server computed from the reports, by product and process."""
    with pyWATS(base_url=url, token=token) as api:
        since = datetime.now(UTC) - timedelta(days=1)
        rows = api.analytics.get_dynamic_yield(
            WATSFilter(date_from=since, dimensions="partNumber;testOperation")
        )
    table = [("Part number", "Process", "Units", "FPY", "TPY", "Reports")]
    for row in sorted(rows, key=lambda r: (r.part_number or "", r.test_operation or "")):
        table.append(
            (
                row.part_number or "",
                row.test_operation or "-",
                str(row.unit_count or 0),
                _percent(row.fpy),
                _percent(row.tpy),
                str(row.test_report_count or 0),
            )
        )
    return table


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} %"  # the server answers percentages


def print_rows(rows: list[tuple[str, ...]]) -> None:
    """An aligned table with a header rule."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def main() -> int:
    try:
        # The context manager stops the server (and removes its data) even if something fails.
        with LocalWATSServer() as server:
            print(f"Started pywats-server at {server.url}")
            print("Creating products with pyWATS (sync):")
            create_products(server.url, server.token)
            print("Reading them back with AsyncWATS (async):")
            version, products = asyncio.run(read_products(server.url, server.token))
            print("Submitting test reports built with TestUUT:")
            headers = submit_reports(server.url, server.token)
            print("Running the station client on a folder of test results:")
            with tempfile.TemporaryDirectory(prefix="pywats-demo-station-") as workdir:
                run_station(server.url, server.token, Path(workdir))
            yields = yield_table(server.url, server.token)
            print(f"Loading {DAYS} days of a demo factory's history into the server:")
            seeded = server.control.seed(units=300, days=DAYS)
            reports = f"{seeded['uutReports']} test and {seeded['uurReports']} repair reports"
            print(f"  {reports} of {seeded['units']} units")
            with pyWATS(base_url=server.url, token=server.token) as api:
                by_process, by_day = yield_by_process(api), fpy_by_day(api)
    except ServerStartError as exc:
        print(f"\nCould not start the local server: {exc}", file=sys.stderr)
        print("Is pyWATS installed with the server extra?  pip install -e '.[server]'", file=sys.stderr)
        return 1
    except PyWATSError as exc:
        print(f"\nA pyWATS call failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except Exception:  # anything else is a bug: show where it happened
        print("\nThe demo failed unexpectedly:", file=sys.stderr)
        traceback.print_exc()
        return 1

    print(f"\nServer version: {version}\n")
    print_table(products)
    print(f"\nTest reports of DEMO-1001 (a header query found {len(headers)}):\n")
    print_headers(headers)
    print("\nYield computed by the server from every report above:\n")
    print_rows(yields)
    print(f"\nYield per process with the demo factory's history, last {DAYS} days:\n")
    print_process_table(by_process)
    print(f"\nFirst-pass yield by day (all processes), last {DAYS} days:\n")
    print_fpy_chart(by_day)
    print("\nServer stopped. Done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
