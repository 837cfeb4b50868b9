"""pyWATS in one minute: write products with the sync client, read them back with the async one,
then submit test reports built with ``TestUUT`` and find them again with a header query.

No WATS account is needed: the demo starts ``pywats-server``, a local WATS-compatible server,
on a free loopback port with a temporary data directory, and stops it again at the end.

    make demo                            # or: .venv/bin/python examples/demo.py
"""

from __future__ import annotations

import asyncio
import sys
import traceback

from pywats import (
    AsyncWATS,
    NotFoundError,
    Product,
    PyWATSError,
    ReportHeader,
    Station,
    StationConfig,
    pyWATS,
)
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
    print("\nServer stopped. Done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
