"""Enum-typed model fields that tolerate values this library does not know yet."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from pydantic import BeforeValidator

__all__ = ["known_enum"]


def known_enum(enum: type[IntEnum]) -> BeforeValidator:
    """A validator turning a known integer into its enum member and keeping any other integer.

    Use as ``Annotated[MyEnum | int, known_enum(MyEnum)]``: a newer server's new value then
    arrives as a plain ``int`` instead of failing the whole answer.
    """

    def convert(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, (enum, bool)):
            try:
                return enum(value)
            except ValueError:
                return value
        return value

    return BeforeValidator(convert)
