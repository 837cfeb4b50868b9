"""Campaign 3 — fuzzing: the WSJF/WSXF/WSTF parsers and every converter give only typed errors, quickly.

Hypothesis drives the generation: each example draws a document from a grammar (JSON with report
keys, XML with WSXF element names, WSTF lines) and a random seed, repeatable from the campaign's
seed, and expands into a batch of 25 inputs — the drawn document and 24 mutations of seed documents
(small ones picked more often): byte-level mutations (flips, cuts, duplicated slices, inserted tokens,
splices of another seed), structure-aware mutations (a JSON member or XML attribute replaced by a
wrong type, an extreme number, a 100 kB string, 5,000 levels of nesting; WSTF lines dropped,
repeated or given odd fields). Every input must parse, or raise a :class:`~pywats.PyWATSError`
subclass (``ReportParseError``, ``ConversionError``…): anything else — ``KeyError``,
``RecursionError``, ``UnicodeDecodeError`` — is a failure, and so is an input that takes longer
than the time limit. Converters also get ``can_convert`` called, must return reports that
serialise, and are fed mutations of their own sample files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import signal
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from pywats import PyWATSError
from pywats.core.station import StationConfig
from pywats.domains.report.formats import parse_wsjf, parse_wstf, parse_wsxf, to_wsxf
from pywats_client.converters.base import as_report_list
from pywats_client.converters.registry import BUILTIN_CONVERTERS, load_converter_class
from pywats_client.converters.samples import FORMATS, samples
from pywats_client.converters.source import SourceFile
from reliability._common import Scale
from reliability._fuzz_seeds import report_seeds, wstf_seeds
from reliability._mutate import mutate_bytes, mutate_json, mutate_lines, mutate_xml
from reliability._results import Row

__all__ = ["run"]

CAMPAIGN = "fuzzing"
BATCH = 25
TIME_LIMIT_S = 2.0  # per input, measured (a busy shared machine included)
HARD_LIMIT_S = 20.0  # per input, enforced with an alarm: a hang ends here and is reported
FINDINGS = Path(tempfile.gettempdir()) / "pywats-fuzz-findings"
STATION = StationConfig("REL-FUZZ", "Fuzz lab", "Production")
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)


class _TooSlow(Exception):
    """Raised by the alarm inside an input that ran past the hard limit."""


@dataclass
class Target:
    """One thing to fuzz: ``check(data)`` raises a typed error or returns; seeds to mutate."""

    name: str
    check: Callable[[bytes], None]
    seeds: list[bytes]
    structured: Callable[[Random, int], bytes] | None = None
    generated: st.SearchStrategy[bytes] = field(default_factory=lambda: st.binary(max_size=300))


@dataclass
class _Tally:
    inputs: int = 0
    slowest: float = 0.0
    failures: dict[str, tuple[int, bytes]] = field(default_factory=dict)

    def record(self, signature: str, data: bytes) -> None:
        count, smallest = self.failures.get(signature, (0, data))
        self.failures[signature] = (count + 1, data if len(data) < len(smallest) else smallest)


def _alarm(_: int, __: Any) -> None:
    raise _TooSlow


def _try(target: Target, data: bytes, tally: _Tally) -> None:
    use_alarm = threading.current_thread() is threading.main_thread()
    began = time.perf_counter()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, HARD_LIMIT_S)
    try:
        target.check(data)
    except PyWATSError:
        pass
    except _TooSlow:
        tally.record(f"no answer within {HARD_LIMIT_S:g} s", data)
    except Exception as exc:  # the finding: an untyped error
        where = exc.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        frame = f"{Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}" if where else "?"
        tally.record(f"{type(exc).__name__} at {frame}: {str(exc)[:80]}", data)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - began
    tally.slowest = max(tally.slowest, elapsed)
    tally.inputs += 1
    if elapsed > TIME_LIMIT_S:
        tally.record(f"slower than {TIME_LIMIT_S:g} s", data)


def _fuzz(target: Target, wanted: int, campaign_seed: int) -> _Tally:
    tally = _Tally()
    seeds = target.seeds
    # Small seeds are picked more often: a mutation of a 300-step export costs as much as fifty of
    # a small report and finds the same kinds of mistakes.
    weights = [1.0 / max(len(data), 1000) for data in seeds]

    @seed(campaign_seed)
    @settings(
        max_examples=math.ceil(wanted / BATCH),
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(rng_seed=st.integers(0, 2**32 - 1), made=target.generated)
    def example(rng_seed: int, made: bytes) -> None:
        rng = Random(rng_seed)
        _try(target, made, tally)
        for _ in range(BATCH - 1):
            index = rng.choices(range(len(seeds)), weights)[0]
            if target.structured is not None and rng.random() < 0.5:
                data = target.structured(rng, index)
            else:
                data = mutate_bytes(rng, seeds[index], seeds[rng.randrange(len(seeds))])
            _try(target, data, tally)

    example()
    return tally


# -- the parsers ------------------------------------------------------------------------------------


def _json_documents() -> st.SearchStrategy[bytes]:
    keys = st.sampled_from(
        ["type", "id", "pn", "sn", "rev", "root", "steps", "uut", "uur", "stepType", "status"]
    )
    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys | TEXT, inner, max_size=5),
        max_leaves=25,
    )
    document = st.dictionaries(keys, values, max_size=8)
    return document.map(lambda d: json.dumps(d, allow_nan=True).encode())


def _xml_documents() -> st.SearchStrategy[bytes]:
    tags = st.sampled_from(["Reports", "Report", "Step", "NumericLimit", "Chart", "Process", "UUT", "X"])
    attrs = st.dictionaries(
        st.sampled_from(["type", "SN", "PN", "Rev", "Name", "Status", "Id", "Code"]), TEXT, max_size=4
    )

    def element(children: st.SearchStrategy[ET.Element]) -> st.SearchStrategy[ET.Element]:
        def build(tag: str, attrib: dict[str, str], kids: list[ET.Element]) -> ET.Element:
            made = ET.Element("{http://wats.virinco.com/schemas/WATS/Report/wsxf}" + tag, attrib)
            made.extend(kids)
            return made

        return st.builds(build, tags, attrs, st.lists(children, max_size=3))

    leaf = st.builds(lambda t, a: ET.Element(t, a), tags, attrs)
    inner = element(leaf)
    tree = element(leaf | inner | element(inner))  # up to four levels deep
    return tree.map(lambda e: ET.tostring(e).replace(b"\x00", b""))


def _wstf_documents() -> st.SearchStrategy[bytes]:
    words = st.sampled_from(
        ["--Header-Start--", "--Step-Data-Start--", "--Step-Data-End--", "--UUT-End--", "SerialNumber",
         "PartNumber", "NumericLimitTest", "SequenceCall", "EndSequenceCall", "PassFailTest", "GELE"]
    )  # fmt: skip
    line = st.lists(words | TEXT, min_size=1, max_size=8).map("\t".join)
    return st.lists(line, max_size=20).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))


def _parser_targets() -> list[Target]:
    reports = report_seeds()
    wsjf = [r.to_wsjf() for r in reports]
    docs = [json.loads(body) for body in wsjf]
    wsxf = [to_wsxf(r) for r in reports]
    trees = [ET.fromstring(body) for body in wsxf]
    wstf = wstf_seeds()
    return [
        Target(
            "parse_wsjf",
            _parsed(parse_wsjf),
            wsjf,
            lambda rng, i: mutate_json(rng, docs[i]),
            _json_documents(),
        ),
        Target(
            "parse_wsxf",
            _parsed(parse_wsxf),
            wsxf,
            lambda rng, i: mutate_xml(rng, trees[i]),
            _xml_documents(),
        ),
        Target(
            "parse_wstf",
            _parsed(parse_wstf),
            wstf,
            lambda rng, i: mutate_lines(rng, wstf[i]),
            _wstf_documents(),
        ),
    ]


def _parsed(parser: Callable[[bytes], Any]) -> Callable[[bytes], None]:
    """Parse, then do what a reader does next with a report: validate it and write it out again."""

    def check(data: bytes) -> None:
        report = parser(data)
        report.validate()
        report.to_wsjf()

    return check


# -- the converters ---------------------------------------------------------------------------------


def _converter_targets(folder: Path) -> list[Target]:
    parser_seeds = {t.name: t.seeds for t in _parser_targets()}
    own = {
        "wsjf": parser_seeds["parse_wsjf"],
        "wsxf": parser_seeds["parse_wsxf"],
        "wstf": parser_seeds["parse_wstf"],
    }
    targets = []
    for name, import_path in BUILTIN_CONVERTERS.items():
        cls = load_converter_class(import_path)
        bases = [s for s in samples(name) if not s.expect_error] if name in FORMATS else []
        if bases:
            written = [s.write(folder / name / s.name) for s in bases]
            converters = [cls(s.settings) for s in bases]
            seeds = [s.data for s in bases]
        else:
            suffix = {"wsjf": ".json", "wsxf": ".xml", "wstf": ".txt"}.get(name, ".dat")
            seeds = own.get(name, [b""])
            written = [folder / name / f"seed-{i}{suffix}" for i in range(len(seeds))]
            for path in written:
                path.parent.mkdir(parents=True, exist_ok=True)
            converters = [cls({}) for _ in seeds]
        targets.append(Target(f"converter {name}", _converter_check(converters, written, seeds), seeds))
    return targets


def _converter_check(converters: list[Any], paths: list[Path], seeds: list[bytes]) -> Callable[[bytes], None]:
    log = logging.getLogger("reliability.fuzz")
    log.propagate = False

    def check(data: bytes) -> None:
        # Which sample the input came from is not passed along; the longest common prefix tells.
        index = max(range(len(seeds)), key=lambda i: _common_prefix(seeds[i], data))
        converter, path = converters[index], paths[index]
        path.write_bytes(data)
        source = SourceFile(path)
        score = converter.can_convert(source)
        if not 0.0 <= float(score) <= 1.0:
            raise AssertionError(f"can_convert returned {score!r}")
        context = converter.context(STATION, logger=log)
        for report in as_report_list(converter.convert(SourceFile(path), context), converter.name):
            report.to_wsjf()

    return check


def _common_prefix(a: bytes, b: bytes) -> int:
    limit = min(len(a), len(b), 256)
    for i in range(limit):
        if a[i] != b[i]:
            return i
    return limit


# -- the campaign -----------------------------------------------------------------------------------


def _row(target: Target, wanted: int, scale: Scale) -> Row:
    began = time.monotonic()
    tally = _fuzz(target, wanted, scale.seed)
    row = Row(CAMPAIGN, target.name, runs=1, inputs=tally.inputs, lost=None, duplicates=None)
    for signature, (count, smallest) in sorted(tally.failures.items()):
        saved = _save(target.name, smallest)
        row.fail(f"{signature} ({count}x; smallest input: {saved})")
    row.seconds = time.monotonic() - began
    row.note = (
        f"{tally.inputs:,} inputs from {len(target.seeds)} seeds in {row.seconds:.0f} s; "
        f"slowest {tally.slowest * 1000:.0f} ms (limit {TIME_LIMIT_S:g} s)"
    )
    return row


def _save(name: str, data: bytes) -> str:
    folder = FINDINGS / name.replace(" ", "_")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha256(data).hexdigest()[:16] + ".bin")
    path.write_bytes(data)
    return str(path.relative_to(FINDINGS.parent)) if path.is_relative_to(FINDINGS.parent) else str(path)


def run(scale: Scale) -> list[Row]:
    """Fuzz each parser with ``scale.pick(300, 100_000)`` inputs, each converter with ``(100, 100_000)``."""
    rows = [_row(target, scale.pick(300, 100_000), scale) for target in _parser_targets()]
    with tempfile.TemporaryDirectory(prefix="pywats-fuzz-") as tmp:
        for target in _converter_targets(Path(tmp)):
            rows.append(_row(target, scale.pick(100, 100_000), scale))
    return rows
