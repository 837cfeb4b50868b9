"""Turning analytics arguments into request bodies (shared by both service twins)."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.analytics.filters import UnitFlowFilter, WATSFilter

__all__ = ["flow_body", "flow_filter", "watsfilter"]


def watsfilter(value: Any, operation: str, *, field: str = "filter_data") -> WATSFilter:
    """``value`` (a :class:`WATSFilter` or a dict of its members) as a WATSFilter."""
    if value is None:
        raise ValidationError(
            f"{field} is required: a WATSFilter or a dict", field=field, operation=operation
        )
    return WATSFilter.coerce(value, field=field, operation=operation)


def dynamic_body(query: WATSFilter) -> WATSFilter:
    """The filter of a Dynamic… call: ``includeCurrentPeriod`` true when periods are asked for without it."""
    if query.include_current_period is None and (
        query.period_count is not None or query.date_grouping is not None
    ):
        return query.model_copy(update={"include_current_period": True})
    return query


def flow_filter(value: Any, operation: str) -> UnitFlowFilter:
    """``value`` (None, a :class:`UnitFlowFilter` or a dict) as a UnitFlowFilter."""
    if value is None:
        return UnitFlowFilter()
    return UnitFlowFilter.coerce(value, field="filter_data", operation=operation)


def flow_body(value: Any, operation: str, **changes: Any) -> bytes:
    """The wire body of a unit-flow call: the filter with ``changes`` applied."""
    base = flow_filter(value, operation)
    if changes:
        base = UnitFlowFilter.coerce(
            {**base.model_dump(exclude_none=True), **changes}, field="filter_data", operation=operation
        )
    return base.to_wire()
