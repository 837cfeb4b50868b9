"""One place that prints: tables, key/value blocks, progress bars and messages (rich)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = ["error", "info", "key_values", "progress", "stdout", "table", "warn"]


PIPE_WIDTH = 200
"""Columns when the output is not a terminal: a pipe or a log file should not wrap at 80."""


def stdout() -> Console:
    """A console on the current ``sys.stdout`` (made per call, so redirection and capture work)."""
    width = None if sys.stdout.isatty() else PIPE_WIDTH
    return Console(file=sys.stdout, highlight=False, soft_wrap=True, width=width)


def _stderr() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def info(message: str) -> None:
    stdout().print(escape(message))


def warn(message: str) -> None:
    _stderr().print(f"[yellow]warning:[/yellow] {escape(message)}")


def error(message: str) -> None:
    _stderr().print(f"[red]error:[/red] {escape(message)}")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None) -> None:
    """A table on stdout; ``None`` cells print as ``-``."""
    grid = Table(title=title, title_justify="left", show_edge=False, header_style="bold")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(escape(_cell(v)) for v in row))
    stdout().print(grid)


def key_values(pairs: Iterable[tuple[str, Any]], *, title: str | None = None) -> None:
    """Aligned ``key  value`` lines."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for key, value in pairs:
        grid.add_row(escape(key), escape(_cell(value)))
    console = stdout()
    if title:
        console.print(f"[bold]{escape(title)}[/bold]")
    console.print(grid)


def progress() -> Progress:
    """A progress bar on stderr for long work (export, bulk retry, backfill, queue draining)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_stderr(),
        transient=False,
    )
