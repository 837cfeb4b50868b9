"""What an analytics call asks for: :class:`WATSFilter` (the ``/api/App`` calls), :class:`UnitFlowFilter`
(unit flow), :class:`DimensionBuilder` and the step-path helpers.

String members take WATS wildcards: ``;`` between alternatives, ``%`` for any text, ``_`` for one character.
Dates may be datetimes (a naive one is local time) or ISO-8601 strings. Building a filter with a wrong value
or an unknown member raises :class:`~pywats.ValidationError` naming it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Self

from pydantic import AliasChoices, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic import ValidationError as PydanticValidationError

from pywats.core.exceptions import ValidationError
from pywats.core.model import WATSModel
from pywats.domains.analytics.enums import DateGrouping, RunFilter, SortDirection, StatusFilter

__all__ = [
    "MEASUREMENT_SEPARATOR",
    "PATH_SEPARATOR",
    "DimensionBuilder",
    "UnitFlowFilter",
    "WATSFilter",
    "display_path",
    "normalize_path",
    "normalize_paths",
]

PATH_SEPARATOR = "\u00b6"
"""Separates the levels of a step path (pilcrow, ¶)."""
MEASUREMENT_SEPARATOR = PATH_SEPARATOR * 2
"""Separates a step path from a measurement name in a multi-measurement step (¶¶)."""


def normalize_path(path: str) -> str:
    """A step or measurement path in the API's ``¶`` form; ``/`` separators are converted.

    A step path that already uses ``¶`` is kept as it is, so step names containing ``/`` survive:
    ``"Main/Vout"`` → ``"Main¶Vout"``, ``"Main/Rails¶¶3V3"`` → ``"Main¶Rails¶¶3V3"``;
    ``"Main¶Switch 1/2"`` stays.
    """
    step, separator, measurement = path.partition(MEASUREMENT_SEPARATOR)
    if PATH_SEPARATOR not in step:
        step = step.replace("/", PATH_SEPARATOR)
    return step + separator + measurement


def display_path(path: str) -> str:
    """A path with ``/`` separators, for people (``Main¶Vout`` → ``Main/Vout``)."""
    return path.replace(MEASUREMENT_SEPARATOR, "//").replace(PATH_SEPARATOR, "/")


def normalize_paths(paths: str | list[str] | tuple[str, ...]) -> str:
    """One or more paths as the API takes them: ``¶`` form, ``;`` between paths."""
    items = paths.split(";") if isinstance(paths, str) else list(paths)
    return ";".join(normalize_path(str(item).strip()) for item in items if str(item).strip())


def _wire_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo is not None else value.astimezone()).isoformat()


def _datetime(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time.min)
    return value


def _status(value: Any) -> Any:
    if value is None or isinstance(value, StatusFilter):
        return value
    if isinstance(value, str):
        if value.strip().casefold() == "all":
            return None
        try:
            return StatusFilter(value)
        except ValueError:
            raise ValueError("must be Passed, Failed, Error, Terminated, Done or Skipped") from None
    return value


def _grouping(value: Any) -> Any:
    if isinstance(value, str) and not (value.isascii() and value.lstrip("-").isdigit()):
        try:
            return DateGrouping[value.strip().upper()]
        except KeyError:
            raise ValueError("must be a DateGrouping (NONE, YEAR, QUARTER, MONTH, WEEK, DAY, HOUR)") from None
    return value


def _paths(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return normalize_paths(list(value))
    if isinstance(value, str):
        return normalize_paths(value)
    return value


def _dimensions(value: Any) -> Any:
    return value.build() if isinstance(value, DimensionBuilder) else value


WireDateTime = Annotated[
    datetime | None, BeforeValidator(_datetime), PlainSerializer(_wire_datetime, when_used="json-unless-none")
]


class _Request(WATSModel):
    """A request model: unknown members and wrong values raise :class:`~pywats.ValidationError`."""

    model_config = ConfigDict(extra="forbid")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except PydanticValidationError as exc:
            raise _as_validation_error(type(self).__name__, exc) from exc

    @classmethod
    def coerce(cls, value: Any, *, field: str, operation: str) -> Self:
        """``value`` as this model: an instance, or a dict of its members (Python or wire names)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            try:
                return cls(**{str(key): member for key, member in value.items()})
            except ValidationError as exc:
                exc.operation = operation
                raise
        raise ValidationError(
            f"{field} must be a {cls.__name__} or a dict, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )


def _as_validation_error(
    model: str, exc: PydanticValidationError, *, operation: str | None = None
) -> ValidationError:
    first = exc.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first.get("loc", ())) or None
    message = str(first.get("msg", "is invalid")).removeprefix("Value error, ")
    if first.get("type") == "extra_forbidden":
        message = f"{model} has no member '{field}'"
    else:
        message = f"{model}.{field}: {message}" if field else f"{model}: {message}"
    return ValidationError(message, field=field, value=first.get("input"), operation=operation, cause=exc)


class WATSFilter(_Request):
    """Which reports an analytics call looks at, how it groups them and how much it returns.

    With no dates and no ``period_count`` the server looks at the last 30 days. ``dimensions`` (a string or
    a :class:`DimensionBuilder`) chooses the grouping of DynamicYield/DynamicRepair; ``run`` the run of
    each unit for step and measurement analysis; ``measurement_paths`` the measurements (``/`` or ``¶``).
    """

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    batch_number: str | None = None
    station_name: str | None = None
    test_operation: str | None = None
    status: Annotated[StatusFilter | None, BeforeValidator(_status)] = None
    yield_value: int | None = Field(default=None, alias="yield", ge=0, le=100)
    misc_description: str | None = None
    misc_value: str | None = None
    misc_info_description: str | None = None
    misc_info_string: str | None = None
    asset_serial_number: str | None = Field(
        default=None,
        validation_alias=AliasChoices("assetSerialNumber", "assetSerialNum", "asset_serial_number"),
    )
    asset_name: str | None = None
    product_group: str | None = None
    level: str | None = None
    sw_filename: str | None = None
    sw_version: str | None = None
    socket: str | None = None
    date_from: WireDateTime = None
    date_to: WireDateTime = None
    date_grouping: Annotated[DateGrouping | None, BeforeValidator(_grouping)] = None
    period_count: int | None = Field(default=None, ge=1)
    include_current_period: bool | None = None
    max_count: int | None = Field(default=None, ge=1)
    min_count: int | None = Field(default=None, ge=0)
    top_count: int | None = Field(default=None, ge=1)
    dimensions: Annotated[str | None, BeforeValidator(_dimensions)] = None
    run: RunFilter | None = None
    measurement_paths: Annotated[str | None, BeforeValidator(_paths)] = None


class UnitFlowFilter(_Request):
    """What a unit-flow query looks at and how it shows it (⚠️ internal API)."""

    part_number: str | None = None
    revision: str | None = None
    serial_number: str | None = None
    serial_numbers: list[str] | None = None
    station_name: str | None = None
    location: str | None = None
    purpose: str | None = None
    date_from: WireDateTime = None
    date_to: WireDateTime = None
    process_codes: list[int] | None = None
    include_passed: bool | None = None
    include_failed: bool | None = None
    split_by: str | None = None
    unit_order: str | None = None
    show_list: list[str] | None = None
    hide_list: list[str] | None = None
    expand_operations: bool | None = None


class DimensionBuilder:
    """Builds a ``dimensions`` string, e.g. ``DimensionBuilder().add(KPI.FPY, desc=True).add("period")``."""

    def __init__(self) -> None:
        self._items: list[str] = []

    def add(
        self,
        dimension: str,
        direction: SortDirection | str | None = None,
        *,
        asc: bool = False,
        desc: bool = False,
    ) -> Self:
        """Add a dimension or KPI, optionally with a sort direction."""
        name = str(getattr(dimension, "value", dimension)).strip()
        if not name or " " in name or ";" in name:
            raise ValidationError(f"Not a dimension name: {dimension!r}", field="dimension", value=dimension)
        chosen = SortDirection.DESC if desc else SortDirection.ASC if asc else direction
        if chosen is not None:
            try:
                chosen = SortDirection(str(getattr(chosen, "value", chosen)).lower())
            except ValueError:
                raise ValidationError(
                    f"direction must be asc or desc, got {direction!r}", field="direction", value=direction
                ) from None
            name = f"{name} {chosen.value}"
        self._items.append(name)
        return self

    def add_all(self, *dimensions: str) -> Self:
        """Add several dimensions or KPIs without a direction."""
        for dimension in dimensions:
            self.add(dimension)
        return self

    def clear(self) -> Self:
        """Remove everything added."""
        self._items.clear()
        return self

    def build(self) -> str:
        """The ``dimensions`` string."""
        return ";".join(self._items)

    def __str__(self) -> str:
        return self.build()

    @classmethod
    def yield_by_product(cls, include_period: bool = True) -> DimensionBuilder:
        """Part number and process (and period)."""
        builder = cls().add_all("partNumber", "testOperation")
        return builder.add("period") if include_period else builder

    @classmethod
    def yield_by_station(cls, include_period: bool = True) -> DimensionBuilder:
        """Station and process (and period)."""
        builder = cls().add_all("stationName", "testOperation")
        return builder.add("period") if include_period else builder

    @classmethod
    def top_failing_products(cls) -> DimensionBuilder:
        """Products and processes, lowest first-pass yield first."""
        return cls().add("fpy", asc=True).add_all("partNumber", "testOperation")
