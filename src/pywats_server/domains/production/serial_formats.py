"""Serial-number formats: turning pool numbers into addresses (integers) and back.

A format is literal text with one ``#`` per digit: ``SN########`` (decimal), ``##:##:##:##:##:##`` (a MAC
address, hexadecimal). Addresses make ranges ("from SN00000100 to SN00000199") and ordering well defined.
The default types a fresh server offers are :data:`DEFAULT_TYPES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# identifier → (name used on the wire, digit base)
IDENTIFIERS: dict[int, tuple[str, int]] = {0: ("SerialNumber", 10), 1: ("MACAddress", 16), 2: ("IMEI", 10)}

# (name, description, format, identifier)
DEFAULT_TYPES: tuple[tuple[str, str, str, int], ...] = (
    ("SerialNumber", "Unit serial numbers", "SN########", 0),
    ("MACAddress", "Ethernet MAC addresses", "##:##:##:##:##:##", 1),
    ("IMEI", "Mobile equipment identities", "###############", 2),
)


@dataclass(frozen=True)
class SerialFormat:
    """A format string and the base of its digits."""

    text: str
    base: int

    @property
    def regex(self) -> str:
        """A regular expression matching the numbers of this format."""
        digit = "[0-9A-Fa-f]" if self.base == 16 else "[0-9]"
        return "^" + "".join(digit if char == "#" else re.escape(char) for char in self.text) + "$"

    @property
    def capacity(self) -> int:
        """How many distinct numbers the format can write."""
        return int(self.base ** self.text.count("#"))

    def address(self, serial: str) -> int | None:
        """The address of ``serial``, or None if it does not fit the format."""
        if not re.fullmatch(self.regex.strip("^$"), serial):
            return None
        digits = "".join(char for char, template in zip(serial, self.text, strict=True) if template == "#")
        return int(digits, self.base) if digits else 0

    def render(self, address: int) -> str:
        """The number with this address, written in the format."""
        width = self.text.count("#")
        digits = format(address, "X" if self.base == 16 else "d").rjust(width, "0")
        out, index = [], 0
        for char in self.text:
            if char == "#":
                out.append(digits[index])
                index += 1
            else:
                out.append(char)
        return "".join(out)


def format_of(format_text: str, identifier: int) -> SerialFormat:
    """The :class:`SerialFormat` of a type."""
    return SerialFormat(format_text, IDENTIFIERS.get(identifier, ("", 10))[1])
