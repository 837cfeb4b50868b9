"""Writing rows as Parquet files partitioned Hive-style by day and product.

``<kind>/day=2026-01-30/product=WIDGET-001/part-<key>.parquet``: DuckDB
(``read_parquet(..., hive_partitioning=true)``), Polars, Spark and ``pyarrow.dataset`` read the
folder as one table with ``day`` and ``product`` as extra columns. Partition values are
percent-encoded (a ``/`` in a part number stays inside its folder name); the day is the UTC
date of the report's start. A file is written under a temporary name and renamed when
complete, so a crash never leaves a half-written file that readers would pick up.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pywats.export._rows import Columns

__all__ = ["NULL_PARTITION", "partition_of", "write_partitioned"]

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # the Hive name for a missing value
COMPRESSION = "zstd"


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ImportError(
            "Parquet export needs pyarrow: pip install 'pywats-api[parquet]'", name=exc.name
        ) from exc
    return pyarrow, pyarrow.parquet


def schema(columns: Columns) -> Any:
    """The Arrow schema of ``columns``."""
    pa, _ = _pyarrow()
    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }
    return pa.schema([(name, types[kind]) for name, kind in columns.items()])


def partition_of(row: dict[str, Any]) -> str:
    """``day=YYYY-MM-DD/product=<part number>`` of a row (by ``start_utc`` and ``part_number``)."""
    start = row.get("start_utc")
    day = start.date().isoformat() if start is not None else NULL_PARTITION
    product = row.get("part_number")
    return f"day={day}/product={quote(product, safe='') if product else NULL_PARTITION}"


def write_partitioned(
    rows: Sequence[dict[str, Any]], columns: Columns, directory: Path, key: str
) -> list[Path]:
    """Write ``rows`` into their partitions under ``directory``, one file per partition named by ``key``.

    Writing the same rows with the same ``key`` again replaces the files (a resumed export
    that repeats its last page creates no duplicates).
    """
    pa, pq = _pyarrow()
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[partition_of(row)].append(row)
    arrow_schema = schema(columns)
    written: list[Path] = []
    for partition, members in sorted(groups.items()):
        folder = directory / partition
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"part-{key}.parquet"
        temporary = folder / f".part-{key}.parquet.tmp"
        table = pa.Table.from_pylist(members, schema=arrow_schema)
        pq.write_table(table, temporary, compression=COMPRESSION)
        os.replace(temporary, target)
        written.append(target)
    return written
