"""Finding, loading and choosing converters.

Converters are registered by import string (``"package.module:Class"``). The built-in ones are
listed in :data:`BUILTIN_CONVERTERS`; others come from the ``converters`` key of the
configuration, which also switches any converter off or changes its priority::

    "converters": {
        "acme_csv": {"class": "acme_station.converters:CsvConverter", "priority": 3,
                     "options": {"delimiter": ";"}},
        "wstf": {"enabled": false}
    }

A class is imported only when the converters are built (service start, ``converters list``), so
a broken plug-in shows up as an error on its own line instead of stopping the station.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from pywats_client.config import ClientConfig, ConverterSetting
from pywats_client.converters.base import Converter

__all__ = ["BUILTIN_CONVERTERS", "ConverterInfo", "ConverterSet", "Selection", "load_converter_class"]

BUILTIN_CONVERTERS: dict[str, str] = {
    "wsjf": "pywats_client.converters.wats:WSJFConverter",
    "wsxf": "pywats_client.converters.wats:WSXFConverter",
    "wstf": "pywats_client.converters.wats:WSTFConverter",
}
"""Converters every station has, by name. Equipment-format converters are added here as they ship."""


class ConverterLoadError(Exception):
    """A converter class could not be imported or is not a :class:`Converter`."""


def load_converter_class(import_path: str) -> type[Converter]:
    """Import ``"package.module:Class"`` and check that it is a concrete :class:`Converter`."""
    module_name, sep, attribute = import_path.partition(":")
    if not sep or not module_name or not attribute:
        raise ConverterLoadError(
            f"{import_path!r} is not an import string of the form 'package.module:Class'"
        )
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # a plug-in may fail in any way while importing
        raise ConverterLoadError(f"cannot import {module_name!r}: {type(exc).__name__}: {exc}") from exc
    found: object = module
    for part in attribute.split("."):
        found = getattr(found, part, None)
        if found is None:
            raise ConverterLoadError(f"{module_name!r} has no attribute {attribute!r}")
    if not (isinstance(found, type) and issubclass(found, Converter)):
        raise ConverterLoadError(f"{import_path!r} is not a subclass of pywats_client.converters.Converter")
    if getattr(found, "__abstractmethods__", None):
        raise ConverterLoadError(f"{import_path!r} does not implement convert()")
    return found


@dataclass
class ConverterInfo:
    """One configured converter: where it comes from, whether it is on, and the loaded instance."""

    name: str
    import_path: str
    enabled: bool
    priority: int
    builtin: bool
    description: str = ""
    patterns: tuple[str, ...] = ()
    converter: Converter | None = None
    error: str | None = None

    @property
    def usable(self) -> bool:
        return self.enabled and self.converter is not None


@dataclass(frozen=True)
class Selection:
    """The converter chosen for a file, or None with the reasons every candidate gave."""

    info: ConverterInfo | None
    reasons: list[str] = field(default_factory=list)

    def explain(self) -> str:
        """Why no converter was chosen, for the error sidecar."""
        detail = "; ".join(self.reasons) if self.reasons else "no converter is enabled"
        return f"no converter accepts this file ({detail})"


def _info(
    name: str, import_path: str | None, setting: ConverterSetting | None, *, builtin: bool
) -> ConverterInfo:
    enabled = setting.enabled if setting is not None else True
    info = ConverterInfo(name, import_path or "", enabled, 5, builtin)
    if not import_path:
        info.error = "no 'class' given (it is not a built-in converter)"
        return info
    try:
        cls = load_converter_class(import_path)
        info.converter = cls(setting.options if setting is not None else None)
    except Exception as exc:  # a plug-in's __init__ may reject its options in any way
        info.error = str(exc) if isinstance(exc, ConverterLoadError) else f"{type(exc).__name__}: {exc}"
        return info
    converter = info.converter
    info.description = converter.description
    info.patterns = tuple(converter.patterns)
    default_priority = min(max(int(converter.priority), 1), 10)
    info.priority = (
        setting.priority if setting is not None and setting.priority is not None else default_priority
    )
    return info


class ConverterSet:
    """The station's converters, built from the configuration, in the order they are tried."""

    def __init__(self, infos: list[ConverterInfo]) -> None:
        # Tried by priority, then name: the order is stable and a config change is predictable.
        self.infos = sorted(infos, key=lambda i: (i.priority, i.name))

    @classmethod
    def from_config(cls, config: ClientConfig) -> ConverterSet:
        """Load every built-in and configured converter (a failing one is kept with its ``error``)."""
        infos: list[ConverterInfo] = []
        for name, import_path in BUILTIN_CONVERTERS.items():
            setting = config.converters.get(name)
            path = setting.class_path if setting is not None and setting.class_path else import_path
            infos.append(_info(name, path, setting, builtin=True))
        for name, setting in config.converters.items():
            if name not in BUILTIN_CONVERTERS:
                infos.append(_info(name, setting.class_path, setting, builtin=False))
        return cls(infos)

    def get(self, name: str) -> ConverterInfo | None:
        return next((i for i in self.infos if i.name == name), None)

    def select(self, path: Path, head: bytes, allowed: list[str] | None = None) -> Selection:
        """The first enabled converter whose patterns match the name and whose sniff accepts ``head``."""
        reasons: list[str] = []
        for info in self.infos:
            converter = info.converter
            if not info.usable or converter is None or (allowed is not None and info.name not in allowed):
                continue
            if not converter.matches_name(path):
                continue
            try:
                accepted = converter.sniff(head)
            except Exception as exc:  # a plug-in's sniff must not stop the others from trying
                reasons.append(f"{info.name}: sniff failed ({type(exc).__name__}: {exc})")
                continue
            if accepted:
                return Selection(info, reasons)
            reasons.append(f"{info.name}: the content does not look like its format")
        if not reasons:
            reasons.append(f"no enabled converter handles files named like {path.name!r}")
        return Selection(None, reasons)
