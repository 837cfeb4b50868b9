"""A converted report as readable text: header lines and the step tree, one line per step.

``pywats-client convert FILE --dry-run`` shows this as a tree; the converter tests compare it
with stored expectations (golden files).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from pywats.domains.report.models import Report

__all__ = ["header_lines", "measurement_text", "outline", "step_label", "step_nodes"]


def _num(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Inf" if value > 0 else "-Inf"
        return f"{value:.6g}"
    return str(value)


def header_lines(report: Report) -> list[str]:
    """The header facts of ``report`` as ``key=value`` lines."""
    d = report.raw
    lines = [
        f"{d.get('type')} pn={d.get('pn')} sn={d.get('sn')} rev={d.get('rev')} "
        f"process={d.get('processCode')} result={d.get('result')}",
        f"station={d.get('machineName')} start={d.get('start')} startUTC={d.get('startUTC')}",
    ]
    uut = d.get("uut") or {}
    facts = " ".join(f"{k}={_num(v)}" for k, v in uut.items() if v is not None)
    if facts:
        lines.append(f"uut: {facts}")
    for info in d.get("miscInfos") or ():
        lines.append(f"misc: {info.get('description')}={info.get('text')}")
    return lines


def measurement_text(meas: dict[str, Any], key: str) -> str:
    """One measurement: name, value, operator, limits, unit and status."""
    name = f"{meas['name']}: " if meas.get("name") else ""
    status = meas.get("status")
    if key == "booleanMeas":
        return f"{name}{status}"
    op = meas.get("compOp")
    if key == "stringMeas":
        limit = f" limit={meas.get('limit')!r}" if meas.get("limit") is not None else ""
        return f"{name}{meas.get('value')!r} {op}{limit} {status}"
    low, high = meas.get("lowLimit"), meas.get("highLimit")
    limits = " ".join(f"{label}={_num(v)}" for label, v in (("low", low), ("high", high)) if v is not None)
    unit = f" {meas['unit']}" if meas.get("unit") else ""
    return f"{name}{_num(meas.get('value'))}{unit} {op}{(' ' + limits) if limits else ''} {status}"


def step_label(step: dict[str, Any]) -> str:
    """``name [stepType] status`` plus measurements and the first line of any texts."""
    parts = [f"{step.get('name')} [{step.get('stepType')}] {step.get('status')}"]
    for key in ("numericMeas", "booleanMeas", "stringMeas"):
        for meas in step.get(key) or ():
            parts.append(measurement_text(meas, key))
    if step.get("group") not in (None, "M"):
        parts.append(f"group={step.get('group')}")
    if step.get("totTime") is not None:
        parts.append(f"t={_num(step['totTime'])}")
    if step.get("errorMessage"):
        parts.append(f"error={step['errorMessage']!r}")
    if step.get("reportText"):
        first = str(step["reportText"]).splitlines()[0] if str(step["reportText"]).strip() else ""
        parts.append(f"text={first[:80]!r}")
    chart = step.get("chart")
    if chart:
        series = ", ".join(
            f"{s.get('name')}({len((s.get('ydata') or '').split(';'))})" for s in chart.get("series") or ()
        )
        parts.append(f"chart[{series}]")
    seq = step.get("seqCall")
    if seq and (seq.get("name") != step.get("name") or seq.get("version")):
        parts.append(f"seq={seq.get('name')}{'@' + str(seq['version']) if seq.get('version') else ''}")
    return " | ".join(parts)


def step_nodes(step: dict[str, Any], depth: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(depth, step)`` for ``step`` and everything below it, depth first."""
    yield depth, step
    for child in step.get("steps") or ():
        if isinstance(child, dict):
            yield from step_nodes(child, depth + 1)


def outline(report: Report) -> str:
    """Header lines, then the step tree indented two spaces per level."""
    lines = header_lines(report)
    root = report.raw.get("root")
    if isinstance(root, dict):
        lines += ["  " * depth + step_label(step) for depth, step in step_nodes(root)]
    return "\n".join(lines) + "\n"
