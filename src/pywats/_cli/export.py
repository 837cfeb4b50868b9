"""``pywats export reports|measurements``: bulk export to Parquet (see :mod:`pywats.export`)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from typing import Any

__all__ = ["register"]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="export reports or measurements to Parquet",
        description="Export test reports or their measurements to Parquet files partitioned by "
        "day and product. Running the same export again continues after the last exported report.",
    )
    parser.add_argument(
        "what", choices=("reports", "measurements"), help="one row per report or per measurement"
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="output directory")
    parser.add_argument(
        "--from",
        dest="date_from",
        type=_moment,
        metavar="WHEN",
        help="first start time (ISO; UTC if no zone)",
    )
    parser.add_argument(
        "--to", dest="date_to", type=_moment, metavar="WHEN", help="end start time, exclusive"
    )
    parser.add_argument(
        "--part-number", action="append", metavar="PN", help="only this part number (repeatable)"
    )
    parser.add_argument("--process-code", type=int, metavar="CODE", help="only this test operation")
    parser.add_argument("--station", dest="station_name", metavar="NAME", help="only this station")
    parser.add_argument(
        "--report-type", choices=("uut", "uur"), default="uut", help="reports: test or repair"
    )
    parser.add_argument("--page-size", type=int, metavar="N", help="reports per request")
    parser.add_argument(
        "--restart", action="store_true", help="delete an earlier export in DIR and start over"
    )
    parser.add_argument(
        "--url", metavar="URL", help="server address (default: $WATS_BASE_URL); token: $WATS_AUTH_TOKEN"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pywats import PyWATSError, pyWATS
    from pywats._cli.progress import ExportProgressPrinter
    from pywats.export import export_measurements, export_reports

    options: dict[str, Any] = {
        "date_from": args.date_from,
        "date_to": args.date_to,
        "part_number": args.part_number,
        "process_code": args.process_code,
        "station_name": args.station_name,
        "restart": args.restart,
    }
    if args.page_size is not None:
        options["page_size"] = args.page_size
    if args.what == "reports":
        options["report_type"] = args.report_type
    export = export_reports if args.what == "reports" else export_measurements
    try:
        with (
            pyWATS(base_url=args.url or os.environ.get("WATS_BASE_URL")) as api,
            ExportProgressPrinter(quiet=args.quiet) as progress,
        ):
            result = export(api, args.out, progress=progress, **options)
    except PyWATSError as exc:
        print(f"pywats export: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:
        print(f"pywats export: {exc}", file=sys.stderr)
        return 1
    since = f" (continued after {result.resumed_after.isoformat()})" if result.resumed_after else ""
    counts = f"{result.reports:,} reports, {result.rows:,} rows in {len(result.files):,} files"
    print(f"Exported {counts} to {result.directory}{since}")
    return 0


def _moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date or time: {text!r}") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
