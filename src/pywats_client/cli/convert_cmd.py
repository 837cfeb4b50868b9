"""``pywats-client convert PATH... [--dry-run]``: convert files by hand, or backfill a folder.

With ``--dry-run`` each file is converted and validated and a summary printed — for up to
``--tree-limit`` reports also the report tree with its validation problems; nothing is queued or
uploaded. Without it the reports are queued (the files stay where they are) and the service
uploads them; ``--priority 10`` keeps a backfill behind live production results.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pywats_client.cli import EXIT_FAILED, EXIT_OK, _console, _context
from pywats_client.cli._context import UsageError
from pywats_client.converters.registry import ConverterSet
from pywats_client.intake import MB, ConvertedFile, IntakeError, StationFill, convert_file
from pywats_client.queue.store import ReportQueue
from pywats_client.watch.scanner import skip_reason

__all__ = ["register"]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    convert = commands.add_parser(
        "convert", parents=[common], help="convert files (or a folder) into reports"
    )
    convert.add_argument("paths", metavar="PATH", nargs="+", help="files, or folders to backfill")
    convert.add_argument("--dry-run", action="store_true", help="convert and validate only; queue nothing")
    convert.add_argument("--converter", metavar="NAME", help="use only this converter")
    convert.add_argument("--priority", type=int, metavar="N", help="queue priority 1 (first) … 10")
    convert.add_argument("--recursive", action="store_true", help="include sub-folders of folders")
    convert.add_argument(
        "--tree-limit",
        type=int,
        default=5,
        metavar="N",
        help="dry run: print the report tree of at most N reports (default 5; 0: none)",
    )
    convert.set_defaults(handler=_convert)


def _files(paths: list[str], recursive: bool) -> list[Path]:
    found: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            found += sorted(p for p in path.glob(pattern) if p.is_file() and skip_reason(p.name) is None)
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{path} does not exist")
    return found


def _count_steps(step: Any) -> int:
    if not isinstance(step, dict):
        return 0
    children = step.get("steps")
    return 1 + sum(_count_steps(child) for child in children) if isinstance(children, list) else 1


def _summary_rows(converted: ConvertedFile) -> list[tuple[Any, ...]]:
    rows = []
    for report in converted.reports:
        raw = report.raw
        steps = max(_count_steps(raw.get("root")) - 1, 0)  # the root sequence itself is not a step
        rows.append(
            (
                converted.path.name,
                converted.converter,
                report.id,
                raw.get("type"),
                report.pn,
                report.sn,
                report.rev,
                report.result,
                steps,
            )
        )
    return rows


def _print_trees(files: list[ConvertedFile], limit: int) -> None:
    """The report tree and validation problems of the first ``limit`` reports."""
    from pywats_client.cli.report_tree import report_tree

    shown = 0
    for converted in files:
        for index, report in enumerate(converted.reports, 1):
            if shown >= limit:
                return
            title = (
                f"{converted.path.name} — report {index} of {len(converted.reports)} ({converted.converter})"
            )
            _console.stdout().print(report_tree(report, report.check(), title=title))
            shown += 1


def _convert(args: argparse.Namespace) -> int:
    current = _context.loaded(args, required=not args.dry_run)
    config = current.config
    if args.priority is not None and not 1 <= args.priority <= 10:
        raise UsageError(f"--priority must be 1 … 10, got {args.priority}")
    converters = ConverterSet.from_config(config)
    if args.converter and converters.get(args.converter) is None:
        raise UsageError(f"no converter named {args.converter!r}")
    files = _files(args.paths, args.recursive)
    queue = None if args.dry_run else ReportQueue(current.data_dir / "queue")
    fill = StationFill.from_config(config)
    rows: list[tuple[Any, ...]] = []
    failures: list[tuple[str, str]] = []
    warnings: list[str] = []
    queued = 0
    converted_files: list[ConvertedFile] = []
    with _console.progress() as bar:
        task = bar.add_task("converting", total=len(files))
        for path in files:
            try:
                converted = convert_file(
                    path,
                    converters,
                    fill,
                    max_bytes=int(config.max_file_mb * MB),
                    allowed=[args.converter] if args.converter else None,
                    priority=args.priority,
                    dry_run=args.dry_run,
                )
            except (IntakeError, OSError) as exc:
                failures.append((str(path), exc.reason if isinstance(exc, IntakeError) else str(exc)))
            else:
                if args.dry_run:
                    converted_files.append(converted)
                rows += _summary_rows(converted)
                warnings += [f"{path.name}: {w}" for w in converted.warnings]
                if queue is not None:
                    results = queue.add(converted.entries())
                    queued += sum(r.status == "added" for r in results)
            bar.advance(task)
    if args.dry_run:
        _print_trees(converted_files, args.tree_limit)
    if rows and (args.dry_run or len(rows) <= 50):
        _console.table(("file", "converter", "report id", "type", "pn", "sn", "rev", "result", "steps"), rows)
    for warning in warnings:
        _console.warn(warning)
    for path_text, reason in failures:
        _console.error(f"{path_text}: {reason}")
    if args.dry_run:
        _console.info(
            f"Dry run: {len(rows)} report(s) from {len(files) - len(failures)} file(s); nothing queued."
        )
    else:
        _console.info(f"Queued {queued} report(s); the service uploads them (files left in place).")
    return EXIT_FAILED if failures else EXIT_OK
