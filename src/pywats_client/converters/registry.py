"""Finding, loading and choosing converters.

Converters are registered by import string (``"package.module:Class"``) from three places:

* the built-in ones (:data:`BUILTIN_CONVERTERS`);
* installed packages that declare an entry point in the group ``pywats.converters`` (a user's
  own package plugs in without editing ours)::

      [project.entry-points."pywats.converters"]
      acme_lines = "acme_station.converters:LineConverter"

* the ``converters`` key of the configuration, which also switches any converter off, changes
  its priority and gives its settings::

      "converters": {
          "acme_csv": {"class": "acme_station.converters:CsvConverter", "priority": 3,
                       "options": {"delimiter": ";", "process_code": 10}},
          "wstf": {"enabled": false}
      }

A class is imported only when the converters are built (service start, ``converters list``), so
a broken plug-in shows up as an error on its own line instead of stopping the station. For a
file, every enabled converter whose file patterns match is asked ``can_convert``; the highest
score at or above :data:`~pywats_client.converters.base.AUTO_SELECT_THRESHOLD` wins, ties going
to the higher priority, then to the name (never to load order).
"""

from __future__ import annotations

import importlib
import importlib.metadata
from dataclasses import dataclass, field

from pywats_client.config import ClientConfig, ConverterSetting
from pywats_client.converters.base import AUTO_SELECT_THRESHOLD, Converter
from pywats_client.converters.isolation import IsolatedConverter
from pywats_client.converters.source import SourceFile

__all__ = [
    "BUILTIN_CONVERTERS",
    "ENTRY_POINT_GROUP",
    "ConverterInfo",
    "ConverterLoadError",
    "ConverterSet",
    "Selection",
    "installed_converters",
    "load_converter_class",
]

ENTRY_POINT_GROUP = "pywats.converters"
_C = "pywats_client.converters."
BUILTIN_CONVERTERS: dict[str, str] = {
    "wsjf": _C + "wats:WSJFConverter",
    "wsxf": _C + "wats:WSXFConverter",
    "wstf": _C + "wats:WSTFConverter",
    "junit": _C + "junit:JUnitConverter",
    "generic_csv": _C + "generic_csv:GenericCsvConverter",
    "atml": _C + "atml:AtmlConverter",
    "keysight_3070": _C + "keysight_3070:Keysight3070Converter",
    "teradyne_ict": _C + "teradyne_ict:TeradyneIctConverter",
    "spea": _C + "spea:SpeaConverter",
    "teradyne_spectrum": _C + "teradyne_spectrum:TeradyneSpectrumConverter",
    "seica": _C + "seica:SeicaConverter",
    "xjtag": _C + "xjtag:XjtagConverter",
    "klippel": _C + "klippel:KlippelConverter",
    "testexec_sl": _C + "testexec_sl:TestExecSlConverter",
}
"""Converters every station has, by name."""


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
        missing = ", ".join(sorted(found.__abstractmethods__))
        raise ConverterLoadError(f"{import_path!r} does not implement {missing}")
    return found


def installed_converters() -> dict[str, tuple[str, str]]:
    """Converters installed packages declare: name → (import string, distribution name)."""
    found: dict[str, tuple[str, str]] = {}
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = entry.dist.name if entry.dist is not None else "?"
        found.setdefault(entry.name, (entry.value, dist))
    return found


@dataclass
class ConverterInfo:
    """One converter of the station: where it comes from, whether it is on, and the loaded instance.

    ``isolated`` is the worker that runs a converter that is not built in (see
    :mod:`pywats_client.converters.isolation`); built-in converters run in the service.
    """

    name: str
    import_path: str
    enabled: bool
    priority: int
    builtin: bool
    description: str = ""
    patterns: tuple[str, ...] = ()
    converter: Converter | None = None
    error: str | None = None
    warning: str | None = None
    """A configuration gap that makes conversions fail (a required setting without a value)."""
    source: str = "built-in"
    isolated: IsolatedConverter | None = None

    @property
    def usable(self) -> bool:
        return self.enabled and self.converter is not None


@dataclass(frozen=True)
class Selection:
    """The converter chosen for a file (with its score), or None with every candidate's reason."""

    info: ConverterInfo | None
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0

    def explain(self) -> str:
        """Why no converter was chosen, for the error sidecar."""
        detail = "; ".join(self.reasons) if self.reasons else "no converter is enabled"
        return f"no converter accepts this file ({detail})"


def _info(
    name: str, import_path: str | None, setting: ConverterSetting | None, *, builtin: bool, source: str
) -> ConverterInfo:
    configured = setting is not None and "enabled" in setting.model_fields_set
    enabled = setting.enabled if setting is not None and configured else True
    info = ConverterInfo(name, import_path or "", enabled, 5, builtin, source=source)
    if not import_path:
        info.error = "no 'class' given (it is not a built-in or installed converter)"
        return info
    try:
        cls = load_converter_class(import_path)
        info.converter = cls(setting.options if setting is not None else None)
    except Exception as exc:  # a plug-in's __init__ may reject its options in any way
        info.error = str(exc) if isinstance(exc, ConverterLoadError) else f"{type(exc).__name__}: {exc}"
        return info
    converter = info.converter
    if not configured and not converter.enabled_by_default:
        info.enabled = False
    info.description = converter.description
    info.patterns = tuple(converter.file_patterns)
    missing = converter.missing_settings()
    if missing:
        info.warning = f"set {', '.join(missing)} in converters.{name}.options to convert files"
    default_priority = min(max(int(converter.priority), 1), 10)
    priority = setting.priority if setting is not None else None
    info.priority = priority if priority is not None else default_priority
    if not builtin:
        info.isolated = IsolatedConverter(name, import_path, dict(converter.settings))
    return info


class ConverterSet:
    """The station's converters, built from the configuration, in the order they are tried."""

    def __init__(self, infos: list[ConverterInfo]) -> None:
        # Tried by priority, then name: the order is stable and a config change is predictable.
        self.infos = sorted(infos, key=lambda i: (i.priority, i.name))

    @classmethod
    def from_config(cls, config: ClientConfig) -> ConverterSet:
        """Load every built-in, installed and configured converter (a failing one keeps its ``error``)."""
        infos: list[ConverterInfo] = []
        for name, import_path in BUILTIN_CONVERTERS.items():
            setting = config.converters.get(name)
            path = setting.class_path if setting is not None and setting.class_path else import_path
            infos.append(_info(name, path, setting, builtin=path == import_path, source="built-in"))
        for name, (import_path, dist) in installed_converters().items():
            if name in BUILTIN_CONVERTERS:
                continue
            setting = config.converters.get(name)
            path = setting.class_path if setting is not None and setting.class_path else import_path
            infos.append(_info(name, path, setting, builtin=False, source=f"installed ({dist})"))
        known = {info.name for info in infos}
        for name, setting in config.converters.items():
            if name not in known:
                infos.append(_info(name, setting.class_path, setting, builtin=False, source="configuration"))
        return cls(infos)

    def get(self, name: str) -> ConverterInfo | None:
        return next((i for i in self.infos if i.name == name), None)

    def select(self, file: SourceFile, allowed: list[str] | None = None) -> Selection:
        """The best-scoring enabled converter whose patterns match the file's name."""
        reasons: list[str] = []
        best: tuple[float, ConverterInfo] | None = None
        for info in self.infos:
            converter = info.converter
            if not info.usable or converter is None or (allowed is not None and info.name not in allowed):
                continue
            if not converter.accepts_name(file.name):
                continue
            score = converter.score(file)
            if score < AUTO_SELECT_THRESHOLD:
                reasons.append(f"{info.name}: the content does not look like its format ({score:.2f})")
            elif best is None or score > best[0]:  # infos are in priority order: ties keep the first
                best = (score, info)
        if best is not None:
            return Selection(best[1], reasons, best[0])
        if not reasons:
            reasons.append(f"no enabled converter handles files named like {file.name!r}")
        return Selection(None, reasons)

    def close(self) -> None:
        """Stop the worker processes of isolated converters."""
        for info in self.infos:
            if info.isolated is not None:
                info.isolated.close()
