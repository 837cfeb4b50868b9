"""The ``stepFilters``/``sequenceFilters`` parameters of the internal step and measurement lists.

WATS does not document their XML. This server reads a filter as WATS wildcard patterns of step paths: either
plain text (``Power¶%;Communication¶Self test``) or an XML document whose elements' text and ``path``,
``name`` or ``value`` attributes are patterns (``<Filters><Step path="Power¶%"/></Filters>``). An empty
filter selects everything. ``stepFilters`` match a step's path, ``sequenceFilters`` the path of the sequence
the step is in.
"""

from __future__ import annotations

from pywats_server.domains.analytics.wildcards import Matcher, compile_pattern
from pywats_server.xml_input import parse_xml

__all__ = ["StepFilter"]

_PATTERN_ATTRIBUTES = ("path", "name", "value", "steppath")
SEPARATOR = "\u00b6"


def _patterns(text: str | None, what: str) -> list[str]:
    text = (text or "").strip()
    if not text:
        return []
    if not text.startswith("<"):
        return [text]
    root = parse_xml(text.encode(), what=what)
    found = []
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.rsplit("}", 1)[-1].casefold() in _PATTERN_ATTRIBUTES and value.strip():
                found.append(value.strip())
        if element.text and element.text.strip() and not len(element):
            found.append(element.text.strip())
    return found


class StepFilter:
    """A test of step paths built from the two filter parameters."""

    def __init__(self, step_filters: str | None, sequence_filters: str | None) -> None:
        steps = _patterns(step_filters, "stepFilters")
        sequences = _patterns(sequence_filters, "sequenceFilters")
        self.step: Matcher | None = compile_pattern(";".join(steps)) if steps else None
        self.sequence: Matcher | None = compile_pattern(";".join(sequences)) if sequences else None

    def __call__(self, path: str) -> bool:
        if self.step is not None and not self.step(path):
            return False
        return self.sequence is None or self.sequence(path.rpartition(SEPARATOR)[0])
