"""Converters: test-equipment files in, WATS reports out.

Write one by subclassing :class:`Converter` (``docs/converters.md`` has a complete example);
register it by import string in the configuration's ``converters`` key or, from your own
package, with an entry point in the group ``pywats.converters``. Built in: the WATS formats
``wsjf``, ``wsxf``, ``wstf`` and the equipment formats listed in :data:`BUILTIN_CONVERTERS`.
"""

from pywats_client.converters.base import (
    AUTO_SELECT_THRESHOLD,
    COMMON_PARAMETERS,
    DEFAULT_PRIORITY,
    HIGHEST_PRIORITY,
    LOWEST_PRIORITY,
    Converter,
)
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError, ConverterCrashed, IncompleteFileError
from pywats_client.converters.parameters import REQUIRED, Parameter, ParameterKind
from pywats_client.converters.registry import (
    BUILTIN_CONVERTERS,
    ENTRY_POINT_GROUP,
    ConverterInfo,
    ConverterSet,
    Selection,
    load_converter_class,
)
from pywats_client.converters.source import SourceFile

__all__ = [
    "AUTO_SELECT_THRESHOLD",
    "BUILTIN_CONVERTERS",
    "COMMON_PARAMETERS",
    "DEFAULT_PRIORITY",
    "ENTRY_POINT_GROUP",
    "HIGHEST_PRIORITY",
    "LOWEST_PRIORITY",
    "REQUIRED",
    "ConversionContext",
    "ConversionError",
    "Converter",
    "ConverterCrashed",
    "ConverterInfo",
    "ConverterSet",
    "IncompleteFileError",
    "Parameter",
    "ParameterKind",
    "Selection",
    "SourceFile",
    "load_converter_class",
]
