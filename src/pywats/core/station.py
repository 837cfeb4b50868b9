"""Station identity: who is sending reports, and from where.

A station's name, location and purpose become the ``machineName``, ``location`` and
``purpose`` of every report submitted through a client configured with it.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from enum import IntEnum

from pywats.core.exceptions import ValidationError

__all__ = ["MAX_STATION_FIELD_CHARS", "Purpose", "Station", "StationConfig"]

MAX_STATION_FIELD_CHARS = 100
DEFAULT_STATION_PURPOSE = "Production"


class Purpose(IntEnum):
    """Why a unit is being run: the WATS process (operation) code a report is filed under.

    Plain integers are accepted wherever a ``Purpose`` is, for operation codes defined on your
    server.
    """

    TEST = 10
    REPAIR = 500


def _text(field: str, value: object, *, required: bool) -> str:
    if not isinstance(value, str):
        raise ValidationError(
            f"{field} must be a string, got {type(value).__name__}", field=field, value=value
        )
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(f"{field} must not be empty", field=field, value=value)
    if len(cleaned) > MAX_STATION_FIELD_CHARS:
        raise ValidationError(
            f"{field} is {len(cleaned)} characters; WATS allows at most {MAX_STATION_FIELD_CHARS}",
            field=field,
            value=value,
        )
    return cleaned


@dataclass(frozen=True)
class StationConfig:
    """The identity of one test station.

    ``station_name`` becomes the report's ``machineName``; ``location`` and ``purpose`` (free
    text such as ``"Production"`` or ``"Engineering"``) are copied as they are.
    """

    station_name: str
    location: str = ""
    purpose: str = DEFAULT_STATION_PURPOSE

    def __post_init__(self) -> None:
        object.__setattr__(self, "station_name", _text("station_name", self.station_name, required=True))
        object.__setattr__(self, "location", _text("location", self.location, required=False))
        object.__setattr__(self, "purpose", _text("purpose", self.purpose, required=False))


class Station:
    """A test station, built from a :class:`StationConfig` (or from the host name when omitted).

    >>> Station(config=StationConfig(station_name="ICT-01", location="Line A")).name
    'ICT-01'
    """

    __slots__ = ("config",)

    def __init__(self, config: StationConfig | None = None) -> None:
        if config is not None and not isinstance(config, StationConfig):
            raise ValidationError(
                f"config must be a StationConfig, got {type(config).__name__}", field="config", value=config
            )
        self.config = config if config is not None else StationConfig(station_name=_host_name())

    @classmethod
    def from_hostname(cls, location: str = "", purpose: str = DEFAULT_STATION_PURPOSE) -> Station:
        """A station named after this computer."""
        return cls(StationConfig(station_name=_host_name(), location=location, purpose=purpose))

    @property
    def name(self) -> str:
        """The station name (the report's ``machineName``)."""
        return self.config.station_name

    @property
    def location(self) -> str:
        """Where the station stands."""
        return self.config.location

    @property
    def purpose(self) -> str:
        """The station's purpose text."""
        return self.config.purpose

    def __repr__(self) -> str:
        return f"Station(name={self.name!r}, location={self.location!r}, purpose={self.purpose!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Station) and other.config == self.config

    def __hash__(self) -> int:
        return hash(self.config)


def _host_name() -> str:
    return (socket.gethostname().split(".")[0] or "STATION").upper()[:MAX_STATION_FIELD_CHARS]
