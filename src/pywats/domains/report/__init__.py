"""The report domain: test (UUT) and repair (UUR) reports — the model, its formats and ``api.report``.

The model (:mod:`pywats.domains.report.models`) and the formats
(:mod:`pywats.domains.report.formats`) are pure and load without the HTTP stack; the services
load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "AsyncReportRepository": "pywats.domains.report.async_repository",
    "AsyncReportService": "pywats.domains.report.async_service",
    "ReportRepository": "pywats.domains.report.repository",
    "ReportService": "pywats.domains.report.service",
}


__all__ = sorted(
    [
        *_LAZY,
        "ReportHeader",
        "ReportType",
        "ReportValidationError",
        "UURReport",
        "UUTReport",
    ]
)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        return getattr(importlib.import_module(module), name)
    if name == "ReportHeader":
        return importlib.import_module("pywats.domains.report.query").ReportHeader
    models = importlib.import_module("pywats.domains.report.models")
    if name in models.__all__:
        return getattr(models, name)
    raise AttributeError(f"module 'pywats.domains.report' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
