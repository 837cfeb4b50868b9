"""Shared checks of the converter tests: golden outlines, the detection matrix, fuzzing.

Golden files live in ``tests/converters/golden/<sample>.txt``: the outline (header and step
tree) of every report a sample converts to, or the error it must raise. Set
``PYWATS_UPDATE_GOLDEN=1`` to rewrite them after a deliberate change — and read the diff.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pywats.core.station import StationConfig
from pywats.domains.report.models import Report
from pywats_client.converters.base import AUTO_SELECT_THRESHOLD, Converter, as_report_list
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.outline import outline
from pywats_client.converters.samples import Sample, samples
from pywats_client.converters.source import SourceFile

GOLDEN = Path(__file__).parent / "golden"
STATION = StationConfig("FCT-07", "Line 2", "Production")

BUILTIN = {
    "junit": "pywats_client.converters.junit:JUnitConverter",
    "generic_csv": "pywats_client.converters.generic_csv:GenericCsvConverter",
    "atml": "pywats_client.converters.atml:AtmlConverter",
    "keysight_3070": "pywats_client.converters.keysight_3070:Keysight3070Converter",
    "teradyne_ict": "pywats_client.converters.teradyne_ict:TeradyneIctConverter",
    "teradyne_spectrum": "pywats_client.converters.teradyne_spectrum:TeradyneSpectrumConverter",
    "spea": "pywats_client.converters.spea:SpeaConverter",
    "seica": "pywats_client.converters.seica:SeicaConverter",
    "xjtag": "pywats_client.converters.xjtag:XjtagConverter",
    "klippel": "pywats_client.converters.klippel:KlippelConverter",
    "testexec_sl": "pywats_client.converters.testexec_sl:TestExecSlConverter",
}


def converter(name: str, settings_: dict[str, Any] | None = None) -> Converter:
    module, _, cls = BUILTIN[name].partition(":")
    made: Converter = getattr(importlib.import_module(module), cls)(settings_)
    return made


def context_for(conv: Converter) -> ConversionContext:
    return conv.context(STATION, logger=logging.getLogger("tests.converters"))


def convert_with(name: str, source: SourceFile, settings_: dict[str, Any]) -> list[Report]:
    """Convert ``source`` with a converter ``name`` built with ``settings_``."""
    conv = converter(name, settings_)
    return as_report_list(conv.convert(source, context_for(conv)), conv.name)


def sample_source(sample: Sample, folder: Path) -> SourceFile:
    return SourceFile(sample.write(folder))


def rendered(sample: Sample, folder: Path) -> str:
    """What the golden file holds for ``sample``: outlines and validation problems, or the error."""
    try:
        reports = convert_with(sample.converter, sample_source(sample, folder), sample.settings)
    except ConversionError as exc:
        return f"ConversionError: {exc.message}\n"
    parts = []
    for index, report in enumerate(reports, 1):
        problems = [f"problem ({p.severity}): {p}" for p in report.check()]
        text = outline(report) + "".join(line + "\n" for line in problems)
        parts.append(f"--- report {index} of {len(reports)} id={report.id}\n{text}")
    return "".join(parts)


def check_golden(sample: Sample, folder: Path) -> str:
    text = rendered(sample, folder)
    path = GOLDEN / f"{sample.name}.txt"
    if os.environ.get("PYWATS_UPDATE_GOLDEN") == "1" or not path.exists():
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{sample.name}: output differs from {path.name}"
    return text


def check_samples_convert(name: str, folder: Path) -> None:
    """Every sample converts to the expected number of valid reports, or fails as it must."""
    for sample in samples(name):
        where = folder / sample.name
        if sample.expect_error:
            try:
                convert_with(name, sample_source(sample, where), sample.settings)
            except ConversionError:
                continue
            raise AssertionError(f"{sample.name} converted but must fail")
        reports = convert_with(name, sample_source(sample, where), sample.settings)
        assert len(reports) == sample.units, (sample.name, len(reports))
        for report in reports:
            errors = [p for p in report.check() if p.severity == "error"]
            assert errors == [], (sample.name, errors)
        again = convert_with(name, sample_source(sample, where), sample.settings)
        assert [r.id for r in again] == [r.id for r in reports], "report ids must be deterministic"
        assert len({r.id for r in reports}) == len(reports), "every unit needs its own report id"


def check_detection(name: str, folder: Path) -> None:
    """Own samples score at least 0.8; every other format's samples score below the auto-select
    threshold, whichever of the converter's sample configurations it runs with."""
    own = samples(name)
    configurations = {repr(sorted(s.settings.items())): s.settings for s in own}.values()
    everything = samples()
    sources = {s.name: sample_source(s, folder / s.name) for s in everything}
    for sample in own:
        if not sample.expect_error:
            score = converter(name, sample.settings).score(sources[sample.name])
            assert score >= 0.8, f"{name} scores its own {sample.name} only {score}"
    for configured in configurations:
        conv = converter(name, configured)
        for sample in everything:
            if sample.converter != name:
                score = conv.score(sources[sample.name])
                assert score < AUTO_SELECT_THRESHOLD, (
                    f"{name} claims {sample.name} ({sample.converter}) at {score}"
                )


def _mutate(data: bytes, ops: list[tuple[int, int, int]]) -> bytes:
    """Apply (kind, position, value) edits: flip a byte, cut, delete a slice, duplicate a slice."""
    out = bytearray(data)
    for kind, pos, value in ops:
        if not out:
            break
        at = pos % len(out)
        if kind == 0:
            out[at] = value
        elif kind == 1:
            del out[at:]
        elif kind == 2:
            del out[at : at + value % 64 + 1]
        elif kind == 3:
            out[at:at] = out[at : at + value % 64 + 1]
        else:
            out[at:at] = bytes([value]) * (value % 8 + 1)
    return bytes(out)


MUTATIONS = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1, max_size=6
)


def fuzz(name: str, examples: int = 40, seconds_per_file: float = 2.0) -> None:
    """Mutated samples give reports or a ConversionError — never another exception, never a hang.

    The main file of a sample is mutated; its other files (a Klippel data folder) stay intact.
    ``can_convert`` must not raise either and must answer within [0, 1].
    """
    bases = [s for s in samples(name) if not s.expect_error]
    converters = [converter(name, s.settings) for s in bases]
    folder = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))
    paths = [sample.write(folder / sample.name) for sample in bases]

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(index=st.integers(0, len(bases) - 1), ops=MUTATIONS)
    def run(index: int, ops: list[tuple[int, int, int]]) -> None:
        sample, path, conv = bases[index], paths[index], converters[index]
        path.write_bytes(_mutate(sample.data, ops))
        began = time.perf_counter()
        source = SourceFile(path)
        score = conv.can_convert(source)
        assert 0.0 <= score <= 1.0
        with contextlib.suppress(ConversionError):
            as_report_list(conv.convert(source, context_for(conv)), name)
        assert time.perf_counter() - began < seconds_per_file, "conversion took too long"

    try:
        run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
