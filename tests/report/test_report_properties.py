"""Property tests: any report the builder can make survives every round trip unchanged."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pywats.domains.report.formats import parse_wsxf, to_wsxf
from pywats.domains.report.models import CompOp, SequenceCall, parse_wsjf
from pywats.tools.test_uut import TestUUT

# Text WSXF can carry (no control characters, no surrogates), without leading/trailing blanks so
# that "" vs null is the only representation difference.
TEXT = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffe\uffff"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.integers(min_value=-(10**9), max_value=10**9),
)
LIMITED_OPS = [op for op in CompOp if op.limit_count == 2]
SINGLE_OPS = [op for op in CompOp if op.limit_count == 1]
FINITE = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)


@st.composite
def numeric_args(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["two", "one", "log", "auto"]))
    args: dict[str, Any] = {"unit": draw(st.none() | TEXT.map(lambda t: t[:20]))}
    if kind == "two":
        low, high = sorted(draw(st.tuples(FINITE, FINITE)))
        args |= {"comp_op": draw(st.sampled_from(LIMITED_OPS)), "low_limit": low, "high_limit": high}
    elif kind == "one":
        args |= {"comp_op": draw(st.sampled_from(SINGLE_OPS)), "low_limit": draw(FINITE)}
    elif kind == "log":
        args |= {"comp_op": CompOp.LOG}
    else:
        low, high = sorted(draw(st.tuples(FINITE, FINITE)))
        args |= {"low_limit": draw(st.none() | st.just(low)), "high_limit": draw(st.none() | st.just(high))}
    return args


@st.composite
def add_steps(draw: st.DrawFn, seq: SequenceCall, depth: int) -> None:
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(
            st.sampled_from(["numeric", "multi", "passfail", "string", "action", "popup", "exe", "seq"])
        )
        name = draw(TEXT)
        group = draw(st.sampled_from("SMC"))
        if kind == "numeric":
            seq.add_numeric_step(name, draw(NUMBER), group=group, **draw(numeric_args()))
        elif kind == "multi":
            step = seq.add_multi_numeric_step(name, group=group)
            for index in range(draw(st.integers(1, 3))):
                step.add_measurement(f"m{index}", draw(NUMBER), **draw(numeric_args()))
        elif kind == "passfail":
            seq.add_pass_fail_step(name, draw(st.booleans()), group=group)
        elif kind == "string":
            seq.add_string_step(
                name,
                draw(TEXT),
                limit=draw(st.none() | TEXT),
                comp_op=draw(st.sampled_from([None, "LOG", "IGNORECASE", "CASESENSIT"])),
            )
        elif kind == "action":
            seq.add_generic_step(
                draw(st.sampled_from(["Action", "NI_Wait", "ACME_Custom"])),
                name,
                status=draw(st.sampled_from("PDSFET")),
                tot_time=draw(FINITE),
            )
        elif kind == "popup":
            seq.add_message_popup_step(name, button=draw(st.integers(0, 3)), response=draw(st.none() | TEXT))
        elif kind == "exe":
            seq.add_call_exe_step(name, draw(st.integers(-5, 70000)))
        elif depth < 3:
            draw(add_steps(seq.add_sequence_call(name, version=draw(st.none() | TEXT)), depth + 1))


@st.composite
def reports(draw: st.DrawFn) -> TestUUT:
    uut = TestUUT(
        draw(TEXT),
        draw(TEXT),
        draw(TEXT),
        draw(st.none() | TEXT),
        draw(st.integers(0, 32767)),
        station_name=draw(TEXT),
        location=draw(TEXT),
        station_purpose=draw(TEXT),
    )
    for _ in range(draw(st.integers(0, 2))):
        uut.add_misc_info(draw(TEXT), draw(st.none() | TEXT))
    for _ in range(draw(st.integers(0, 2))):
        uut.add_sub_unit(draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT))
    if draw(st.booleans()):
        uut.attach_bytes(draw(TEXT), draw(st.binary(max_size=40)))
    draw(add_steps(uut.root, 0))
    return uut


def _content(value: Any) -> Any:
    """What WSXF must preserve: '' and null alike, no null members, numbers as floats (NaN as a marker)."""
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [_content(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return "nan" if math.isnan(value) else float(value)
    if value in ("NaN", "Infinity", "-Infinity"):
        return {"NaN": "nan", "Infinity": math.inf, "-Infinity": -math.inf}[value]
    return value


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(reports())
def test_serialize_parse_serialize_is_unchanged(report: TestUUT) -> None:
    first = report.to_wsjf()
    again = parse_wsjf(first)
    assert again.to_wsjf() == first
    assert [s.status for s in again.root.walk()] == [s.status for s in report.root.walk()]


@PROPERTY_SETTINGS
@given(reports())
def test_wsjf_to_wsxf_and_back_preserves_content(report: TestUUT) -> None:
    back = parse_wsxf(to_wsxf(report, include_indexes=True))
    expected = _content(json.loads(report.to_wsjf()))
    got = _content(json.loads(back.to_wsjf()))
    got.pop("assetStats", None)
    assert got == expected
    assert parse_wsxf(to_wsxf(back)).to_wsjf() == back.to_wsjf()


@PROPERTY_SETTINGS
@given(reports())
def test_built_reports_are_valid_and_the_result_matches_the_tree(report: TestUUT) -> None:
    assert [p for p in report.check() if p.severity == "error"] == []
    root = report.root.status
    assert report.result == (root if root in ("F", "E", "T") else "P")


JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=8,
)


@PROPERTY_SETTINGS
@given(
    reports(), st.dictionaries(TEXT.filter(lambda k: k not in ("steps", "seqCall")), JSON_VALUE, max_size=4)
)
def test_unknown_members_on_any_step_survive(report: TestUUT, extra: dict[str, Any]) -> None:
    doc = json.loads(report.to_wsjf())
    doc["root"].update({f"x-{key}": value for key, value in extra.items()})
    text = json.dumps(doc).encode()
    assert json.loads(parse_wsjf(text).to_wsjf()) == json.loads(text)
