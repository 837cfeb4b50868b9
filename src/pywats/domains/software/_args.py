"""Argument checks of the software services (pure; shared by both twins)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from pywats.core._checks import require_guid
from pywats.core.exceptions import ValidationError
from pywats.domains.software.models import PackageStatus, PackageTag

__all__ = ["guid_list", "package_status", "tag_list", "whole_number"]


def package_status(status: Any, operation: str, *, field: str = "status") -> PackageStatus:
    """``status`` (a :class:`PackageStatus` or its name in any case) as a PackageStatus."""
    if isinstance(status, str):
        for member in PackageStatus:
            if status.strip().casefold() == member.value.casefold():
                return member
    raise ValidationError(
        f"{field} must be one of {', '.join(s.value for s in PackageStatus)}, got {status!r}",
        field=field,
        value=status,
        operation=operation,
    )


def tag_list(tags: Any, operation: str) -> list[PackageTag]:
    """Tags given as ``{key: value}`` or a list of :class:`PackageTag`."""
    if tags is None:
        return []
    if isinstance(tags, Mapping):
        return [PackageTag(key=str(k), value=None if v is None else str(v)) for k, v in tags.items()]
    if (
        isinstance(tags, Sequence)
        and not isinstance(tags, str)
        and all(isinstance(t, PackageTag) for t in tags)
    ):
        return list(tags)
    raise ValidationError(
        "tags must be a dict of key → value or a list of PackageTag",
        field="tags",
        value=tags,
        operation=operation,
    )


def guid_list(field: str, values: Any, operation: str) -> str:
    """A non-empty list of GUIDs as the comma-separated text the internal API wants."""
    if isinstance(values, str | UUID) or not isinstance(values, Sequence) or not values:
        raise ValidationError(
            f"{field} must be a non-empty list of GUIDs", field=field, value=values, operation=operation
        )
    return ",".join(require_guid(field, value, operation=operation) for value in values)


def whole_number(field: str, value: Any, operation: str, *, minimum: int = 0) -> int:
    """``value`` if it is a whole number >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError(
            f"{field} must be a whole number >= {minimum}, got {value!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return value
