"""The resume point of an export, kept beside its files (``<kind>/_pywats_export.json``).

It records the query and the last exported report (its start time and id, the export's sort
key). Running the same export again continues after that report, so a daily job exports only
what is new, and an interrupted one picks up where it stopped. The file is replaced
atomically after each page's files are complete.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pywats.core.exceptions import ValidationError

__all__ = ["STATE_FILE", "ExportState"]

STATE_FILE = "_pywats_export.json"  # a leading "_": Parquet readers skip it
STATE_VERSION = 1


@dataclass
class ExportState:
    """Where an export stands: its query, the last report written, and running totals."""

    query: dict[str, Any]
    last_start: str | None = None
    last_id: str | None = None
    reports: int = 0
    rows: int = 0
    files: int = 0
    runs: list[str] = field(default_factory=list)

    @property
    def cursor(self) -> tuple[datetime, str] | None:
        """(start, id) of the last exported report, or None before the first page."""
        if self.last_start is None or self.last_id is None:
            return None
        return datetime.fromisoformat(self.last_start), self.last_id

    @classmethod
    def load(cls, directory: Path, query: dict[str, Any]) -> ExportState:
        """The state in ``directory`` for ``query``; a fresh one if there is none.

        Raises :class:`~pywats.ValidationError` if the directory holds an export of another query.
        """
        path = directory / STATE_FILE
        if not path.exists():
            return cls(query=query)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            state = cls(**{key: value for key, value in data.items() if key != "version"})
        except (OSError, ValueError, TypeError) as exc:
            raise ValidationError(
                f"{path} is not a readable export state ({exc}); remove it or export with restart",
                field="out_dir",
                value=str(directory),
                operation="export",
            ) from exc
        if state.query != query:
            raise ValidationError(
                f"{directory} holds an export of another query ({state.query}); "
                "use another output directory or export with restart",
                field="out_dir",
                value=str(directory),
                operation="export",
            )
        return state

    def save(self, directory: Path) -> None:
        """Write the state (atomically: a crash leaves the previous state in place)."""
        directory.mkdir(parents=True, exist_ok=True)
        temporary = directory / f".{STATE_FILE}.tmp"
        temporary.write_text(
            json.dumps({"version": STATE_VERSION, **asdict(self)}, indent=2), encoding="utf-8"
        )
        os.replace(temporary, directory / STATE_FILE)
