"""From a file to reports ready for the queue: size check, converter choice, conversion, stable ids,
station fill, validation and serialization. Pure apart from reading the file.

Used by the service for watched folders and by ``pywats-client convert``.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pywats.core.exceptions import PyWATSError
from pywats.core.station import StationConfig
from pywats.domains.report.models.errors import ReportValidationError
from pywats.domains.report.models.report import GUID_RE, Report
from pywats_client.config import ClientConfig
from pywats_client.converters.base import as_report_list
from pywats_client.converters.context import ProcessLike
from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.registry import ConverterInfo, ConverterSet
from pywats_client.converters.source import SourceFile
from pywats_client.queue.entry import EntryMeta

__all__ = ["ConvertedFile", "IntakeError", "StationFill", "convert_file", "stable_report_id"]

MB = 1024 * 1024
# Report ids derived from file content live in their own UUID namespace (uuid5).
_ID_NAMESPACE = uuid.UUID("5d6c1f3e-8a57-4f0b-9a43-2b1f8e0c7d21")


class IntakeError(Exception):
    """A file cannot become reports; ``reason`` is written to its error sidecar.

    ``incomplete`` is true when the converter found the file cut short (no end record, open
    braces): it may still be being written, so it is worth offering again later.
    """

    def __init__(self, reason: str, *, converter: str | None = None, incomplete: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.converter = converter
        self.incomplete = incomplete


@dataclass(frozen=True)
class StationFill:
    """Station fields put on reports that leave them empty."""

    station_name: str
    location: str = ""
    purpose: str = ""

    @classmethod
    def from_config(cls, config: ClientConfig) -> StationFill:
        return cls(config.station_name or socket.gethostname(), config.location, config.purpose)

    def station(self) -> StationConfig:
        """The station identity converters see in their context."""
        return StationConfig(self.station_name or socket.gethostname(), self.location, self.purpose)

    def apply(self, report: Report) -> None:
        raw = report.raw
        for key, value in (
            ("machineName", self.station_name),
            ("location", self.location),
            ("purpose", self.purpose),
        ):
            if not raw.get(key) and value:
                raw[key] = value


@dataclass
class ConvertedFile:
    """The reports of one file, serialized, with what the queue needs to know about the file."""

    path: Path
    digest: str
    size: int
    mtime_ns: int
    converter: str
    priority: int
    reports: list[Report]
    bodies: list[bytes]
    warnings: list[str] = field(default_factory=list)

    def entries(
        self,
        *,
        post_action: str | None = None,
        done_dir: Path | None = None,
        error_dir: Path | None = None,
    ) -> list[tuple[EntryMeta, bytes]]:
        """Queue entries for the reports; siblings know each other (the post-action waits for all)."""
        ids = [r.id for r in self.reports]
        now = time.time()
        items = []
        for report, body in zip(self.reports, self.bodies, strict=True):
            meta = EntryMeta(
                id=report.id,
                priority=self.priority,
                created=now,
                source=str(self.path),
                source_digest=self.digest,
                source_size=self.size,
                source_mtime_ns=self.mtime_ns,
                siblings=[i for i in ids if i != report.id],
                converter=self.converter,
                post_action=post_action,
                done_dir=str(done_dir) if done_dir else None,
                error_dir=str(error_dir) if error_dir else None,
                report_type=report.raw.get("type"),
                pn=report.pn,
                sn=report.sn,
                rev=report.rev,
                result=report.result,
            )
            items.append((meta, body))
        return items


def _run_converter(
    chosen: ConverterInfo,
    source: SourceFile,
    station: StationConfig,
    processes: Sequence[ProcessLike],
    dry_run: bool,
) -> list[Report]:
    """The converter's reports: built-in converters run here, others in their worker process."""
    name = chosen.name
    converter = chosen.converter
    assert converter is not None
    try:
        if chosen.isolated is not None:
            return chosen.isolated.convert(source.path, station, processes=tuple(processes), dry_run=dry_run)
        context = converter.context(station, processes=processes, dry_run=dry_run)
        return as_report_list(converter.convert(source, context), name)
    except FileNotFoundError:
        raise
    except IncompleteFileError as exc:
        raise IntakeError(
            f"{name}: the file looks incomplete: {exc.message}", converter=name, incomplete=True
        ) from exc
    except PyWATSError as exc:  # ConversionError, ReportParseError, UnsafeXMLError, ValidationError
        kind = "" if isinstance(exc, ConversionError) else f"{type(exc).__name__}: "
        raise IntakeError(f"{name} could not read the file: {kind}{exc.message}", converter=name) from exc
    except Exception as exc:  # a converter bug must not stop the station
        raise IntakeError(
            f"{name} failed unexpectedly: {type(exc).__name__}: {exc} (a bug in the converter)",
            converter=name,
        ) from exc


def stable_report_id(digest: str, index: int) -> str:
    """The id of report number ``index`` of a file with content ``digest``: the same every time."""
    return str(uuid.uuid5(_ID_NAMESPACE, f"{digest}:{index}"))


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def convert_file(
    path: Path,
    converters: ConverterSet,
    fill: StationFill,
    *,
    max_bytes: int,
    allowed: list[str] | None = None,
    priority: int | None = None,
    processes: Sequence[ProcessLike] = (),
    dry_run: bool = False,
) -> ConvertedFile:
    """Convert one file; raise :class:`IntakeError` with the reason if it cannot be.

    ``processes`` is the server's process list (converters refuse codes not in it; empty: no
    check). ``dry_run`` lets a converter without a configured process code use a placeholder.
    ``FileNotFoundError`` passes through (the file went away: nothing to report).
    """
    info = os.stat(path)
    if info.st_size == 0:
        raise IntakeError("the file is empty")
    if info.st_size > max_bytes:
        raise IntakeError(
            f"the file is {info.st_size / MB:.1f} MB; files over {max_bytes / MB:g} MB are not converted "
            "(raise max_file_mb to accept them)"
        )
    try:
        source = SourceFile(path)
        source.head()
        digest = _digest(path)
    except FileNotFoundError:
        raise
    except (OSError, ConversionError) as exc:
        reason = exc.reason if isinstance(exc, ConversionError) else (exc.strerror or str(exc))
        raise IntakeError(f"cannot read the file: {reason}") from exc
    selection = converters.select(source, allowed)
    chosen = selection.info
    if chosen is None or chosen.converter is None:
        raise IntakeError(selection.explain())
    name = chosen.name
    reports = _run_converter(chosen, source, fill.station(), processes, dry_run)
    # The digest (and so the report ids) must describe what the converter read. A tester still
    # writing the file could change it between the two reads (an isolated converter reads the
    # file itself): then the file is offered again once it is stable, and converted once.
    after = os.stat(path)
    if (after.st_size, after.st_mtime_ns) != (info.st_size, info.st_mtime_ns):
        raise IntakeError(
            f"{name}: the file changed while it was being converted", converter=name, incomplete=True
        )
    warnings: list[str] = []
    bodies: list[bytes] = []
    for index, report in enumerate(reports):
        current = report.raw.get("id")
        if not (chosen.converter.stable_ids and isinstance(current, str) and GUID_RE.match(current)):
            report.id = stable_report_id(digest, index)
        fill.apply(report)
        where = f"report {index + 1} of {len(reports)}: " if len(reports) > 1 else ""
        try:
            warnings += [f"{where}{w}" for w in report.validate()]
            bodies.append(report.to_wsjf())
        except ReportValidationError as exc:
            raise IntakeError(f"{where}{exc.message}", converter=name) from exc
        except PyWATSError as exc:
            raise IntakeError(f"{where}{exc.message}", converter=name) from exc
    if len({r.id for r in reports}) != len(reports):
        raise IntakeError("two reports of the file have the same id", converter=name)
    return ConvertedFile(
        path=path,
        digest=digest,
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
        converter=name,
        priority=priority if priority is not None else chosen.priority,
        reports=reports,
        bodies=bodies,
        warnings=warnings,
    )
