"""Progress output of long commands: a rich live line when available, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, Self

from pywats.export import ExportProgress

__all__ = ["ExportProgressPrinter"]


class ExportProgressPrinter:
    """Shows export progress on stderr; use as a context manager and pass it as ``progress``."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self._started = time.monotonic()
        self._rich: Any = None
        self._task: Any = None

    def __enter__(self) -> Self:
        if self.quiet or not sys.stderr.isatty():
            return self
        try:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        except ImportError:  # rich comes with the station extra; plain lines do without it
            return self
        self._rich = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=False
        )
        self._rich.start()
        self._task = self._rich.add_task("exporting…", total=None)
        return self

    def __call__(self, progress: ExportProgress) -> None:
        if self.quiet:
            return
        rate = progress.reports / max(time.monotonic() - self._started, 1e-9)
        text = (
            f"{progress.kind}: {progress.reports:,} reports, {progress.rows:,} rows, "
            f"{progress.files:,} files ({rate:,.0f} reports/s), up to {progress.last_start or '-'}"
        )
        if self._rich is not None:
            self._rich.update(self._task, description=text)
        else:
            print(text, file=sys.stderr, flush=True)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._rich is not None:
            self._rich.stop()
