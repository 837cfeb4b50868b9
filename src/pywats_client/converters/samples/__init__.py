"""Synthetic result files for every built-in converter: for tests, benchmarks and demos.

Every file here is invented by this generator (serial numbers ``DEMO-…``, part number
``PCB-4711``, operator ``kari``), following the structure described for each format; none is
copied from real equipment or another project. Output is deterministic (seeded), so golden
tests can compare converted reports with stored expectations.

``python -m pywats_client.converters.samples OUTDIR`` writes them all to a folder.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "Sample", "bulk_sample", "samples", "write_samples"]

FORMATS = (
    "junit",
    "generic_csv",
    "atml",
    "keysight_3070",
    "teradyne_ict",
    "spea",
    "teradyne_spectrum",
    "seica",
    "xjtag",
    "klippel",
    "testexec_sl",
)
"""Converter names with a sample module here (module ``samples/<name>.py``)."""


@dataclass(frozen=True)
class Sample:
    """One sample: its files (relative path → bytes), the one offered to the converter, the
    converter settings it needs, and whether converting it must fail."""

    converter: str
    name: str
    files: dict[str, bytes]
    main: str
    settings: dict[str, Any] = field(default_factory=dict)
    expect_error: bool = False
    units: int = 1
    """How many reports a successful conversion gives."""

    @property
    def data(self) -> bytes:
        """Content of the main file."""
        return self.files[self.main]

    def write(self, folder: Path) -> Path:
        """Write the sample's files below ``folder``; return the main file's path."""
        for relative, content in self.files.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return folder / self.main


def _module(converter: str) -> Any:
    if converter not in FORMATS:
        raise KeyError(f"no samples for converter {converter!r}")
    return importlib.import_module(f"pywats_client.converters.samples.{converter}")


def samples(converter: str | None = None) -> list[Sample]:
    """Every sample of ``converter`` (all converters when None)."""
    names = FORMATS if converter is None else (converter,)
    found: list[Sample] = []
    for name in names:
        make: Callable[[], list[Sample]] = _module(name).samples
        found.extend(make())
    return found


def bulk_sample(converter: str, units: int) -> Sample:
    """A larger, valid file of ``converter`` with about ``units`` units (for benchmarks)."""
    sample: Sample = _module(converter).bulk(units)
    return sample


def write_samples(folder: Path, converter: str | None = None) -> list[Path]:
    """Write the samples (each in its own sub-folder) and return the main files' paths."""
    return [sample.write(folder / sample.name) for sample in samples(converter)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m pywats_client.converters.samples OUTDIR [CONVERTER]", file=sys.stderr)
        return 2
    for path in write_samples(Path(args[0]), args[1] if len(args) > 1 else None):
        print(path)
    return 0
