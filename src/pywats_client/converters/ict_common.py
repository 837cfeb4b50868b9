"""Things the in-circuit-test converters share: component families by reference-designator prefix,
SI scale prefixes, and units per measurement type."""

from __future__ import annotations

import re

__all__ = ["FAMILY_PREFIXES", "SCALE", "family_of", "scaled", "unit_with_prefix"]

FAMILY_PREFIXES = {
    "R": "Resistors",
    "RP": "Resistors",
    "RS": "Resistors",
    "RN": "Resistor networks",
    "C": "Capacitors",
    "CP": "Capacitors",
    "CS": "Capacitors",
    "DSC": "Capacitors",
    "L": "Inductors",
    "FB": "Ferrite beads",
    "D": "Diodes",
    "LED": "LEDs",
    "DZ": "Zener diodes",
    "Z": "Zener diodes",
    "Q": "Transistors",
    "T": "Transformers",
    "U": "ICs",
    "IC": "ICs",
    "CON": "Connectors",
    "J": "Jumpers",
    "JP": "Jumpers",
    "F": "Fuses",
    "K": "Relays",
    "X": "Crystals",
    "Y": "Crystals",
    "SW": "Switches",
    "TP": "Test points",
}
"""Leading letters of a reference designator → component family (the sequence it goes in)."""

SCALE = {
    "P": 1e-12,
    "p": 1e-12,
    "N": 1e-9,
    "n": 1e-9,
    "U": 1e-6,
    "u": 1e-6,
    "µ": 1e-6,
    "M": 1e-3,
    "m": 1e-3,
    "K": 1e3,
    "k": 1e3,
    "MEG": 1e6,
    "G": 1e9,
    "": 1.0,
}
"""Scale prefixes as ICT logs write them (``M`` is milli in Teradyne datalogs; ``MEG`` is mega)."""
_SYMBOL = {1e-12: "p", 1e-9: "n", 1e-6: "µ", 1e-3: "m", 1.0: "", 1e3: "k", 1e6: "M", 1e9: "G"}
_LEADING = re.compile(r"^[A-Za-z]+")


def family_of(reference: str) -> str | None:
    """The family of a reference designator (``R101`` → Resistors, ``DSC-C12`` → Capacitors), or None."""
    match = _LEADING.match(reference.strip())
    if match is None:
        return None
    # The whole run of leading letters must be a known prefix: LNK2TP is not an inductor.
    return FAMILY_PREFIXES.get(match.group(0).upper())


def scaled(value: float | None, factor: float, display: float) -> float | None:
    """``value`` written with scale ``factor``, expressed in the ``display`` scale."""
    if value is None:
        return None
    return value * factor / display


def unit_with_prefix(display: float, unit: str | None) -> str | None:
    """The unit written with the prefix of ``display`` (``1e3``, ``Ω`` → ``kΩ``)."""
    if not unit:
        return None
    return _SYMBOL.get(display, "") + unit
