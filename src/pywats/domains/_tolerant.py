"""A wire model that reads member names in any letter case.

WATS is inconsistent about casing: internal endpoints answer in PascalCase (``Quantity``,
``UnitPhaseId``), public ones in camelCase, and some rows mix both. :class:`TolerantModel` maps
every incoming member name to the model's field case-insensitively (plus a few known alternative
spellings per model) before validation, and writes the exact wire names it declares.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from pydantic import model_validator

from pywats.core.model import WATSModel

__all__ = ["TolerantModel"]


class TolerantModel(WATSModel):
    """A :class:`~pywats.core.model.WATSModel` that accepts ``Code``, ``code`` or ``CODE`` alike."""

    # Other spellings servers are known to use: spelling → Python field name.
    alternative_names: ClassVar[dict[str, str]] = {}

    @model_validator(mode="before")
    @classmethod
    def _read_names_in_any_case(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        exact, canonical = _canonical_names(cls)
        renamed: dict[Any, Any] = {}
        for key, value in data.items():
            # Exact Python or wire names stay (assignment validation passes Python names).
            target = key if not isinstance(key, str) or key in exact else canonical.get(key.casefold(), key)
            # An exact spelling wins over another spelling of the same member.
            if target in renamed and key != target:
                continue
            renamed[target] = value
        return renamed


@cache
def _canonical_names(cls: type[TolerantModel]) -> tuple[frozenset[str], dict[str, str]]:
    """(names kept as they are, case-folded spelling → the wire name pydantic validates)."""
    exact: set[str] = set()
    names: dict[str, str] = {}
    for name, field in cls.model_fields.items():
        wire = field.alias or name
        exact.update((name, wire))
        names[wire.casefold()] = wire
        names.setdefault(name.casefold(), wire)
    for spelling, name in cls.alternative_names.items():
        field = cls.model_fields[name]
        names.setdefault(spelling.casefold(), field.alias or name)
    return frozenset(exact), names
