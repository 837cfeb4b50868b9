"""Converters: test-equipment files in, WATS reports out.

Write one by subclassing :class:`Converter` (see :mod:`pywats_client.converters.base` for the
contract and an example) and register it by import string in the configuration's ``converters``
key. Built in: ``wsjf``, ``wsxf`` and ``wstf``.
"""

from pywats_client.converters.base import (
    DEFAULT_PRIORITY,
    HIGHEST_PRIORITY,
    LOWEST_PRIORITY,
    ConversionError,
    Converter,
)
from pywats_client.converters.registry import (
    BUILTIN_CONVERTERS,
    ConverterInfo,
    ConverterSet,
    Selection,
    load_converter_class,
)

__all__ = [
    "BUILTIN_CONVERTERS",
    "DEFAULT_PRIORITY",
    "HIGHEST_PRIORITY",
    "LOWEST_PRIORITY",
    "ConversionError",
    "Converter",
    "ConverterInfo",
    "ConverterSet",
    "Selection",
    "load_converter_class",
]
