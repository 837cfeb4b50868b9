"""Bulk export of reports and measurements to Parquet, for data teams (``pywats-api[parquet]``).

>>> from pywats import pyWATS
>>> from pywats.export import export_measurements
>>> with pyWATS() as api:  # doctest: +SKIP
...     result = export_measurements(api, "warehouse", part_number="WIDGET-001")

The same from a shell: ``pywats export measurements --part-number WIDGET-001 --out warehouse``.

Reports are read page by page in start order, so memory stays flat however many there are.
Files land in ``<out>/reports`` or ``<out>/measurements``, partitioned Hive-style by UTC day and
product (``day=2026-01-30/product=WIDGET-001/part-….parquet``), which DuckDB, Polars, Spark and
pyarrow read as one table. Each run records where it stopped; running the same export again
adds only reports started after the last one exported.
"""

from pywats.export._rows import HEADER_COLUMNS, MEASUREMENT_COLUMNS, STEP_COLUMNS
from pywats.export._runner import ExportProgress, ExportResult, export_measurements, export_reports

__all__ = [
    "HEADER_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "STEP_COLUMNS",
    "ExportProgress",
    "ExportResult",
    "export_measurements",
    "export_reports",
]
