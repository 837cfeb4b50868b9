"""One queued report: a small metadata line followed by the report's WSJF bytes.

Keeping the metadata on the first line lets listings and the scheduler read a few hundred bytes
per entry instead of whole reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["EntryMeta", "decode_entry", "decode_meta", "encode_entry"]


@dataclass
class EntryMeta:
    """What the queue knows about a report besides the report itself.

    ``id`` is the report's id (fixed, so an upload repeated after a crash stores it once).
    ``source`` and its ``source_size``/``source_mtime_ns``/``source_digest`` identify the file it
    came from; ``siblings`` are the other reports of that file; ``post_action``, ``done_dir`` and
    ``error_dir`` say what happens to the file once all of them are uploaded (or one is parked).
    """

    id: str
    priority: int = 5
    created: float = 0.0
    source: str | None = None
    source_digest: str | None = None
    source_size: int | None = None
    source_mtime_ns: int | None = None
    siblings: list[str] = field(default_factory=list)
    converter: str | None = None
    post_action: str | None = None
    done_dir: str | None = None
    error_dir: str | None = None
    attempts: int = 0
    next_attempt: float = 0.0
    last_attempt: float | None = None
    last_error: str | None = None
    report_type: str | None = None
    pn: str | None = None
    sn: str | None = None
    rev: str | None = None
    result: str | None = None

    def to_json(self) -> dict[str, Any]:
        # A flat copy (dataclasses.asdict recurses and deep-copies: several times slower, per file).
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["siblings"] = list(self.siblings)
        return data


_FIELD_NAMES = tuple(f.name for f in fields(EntryMeta))
_FIELDS = frozenset(_FIELD_NAMES)


def encode_entry(meta: EntryMeta, body: bytes) -> bytes:
    """The bytes of an entry file."""
    return json.dumps(meta.to_json(), separators=(",", ":")).encode("utf-8") + b"\n" + body


def decode_meta(line: bytes) -> EntryMeta:
    """The metadata from an entry's first line (fields this version does not know are ignored)."""
    data = json.loads(line)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise ValueError("not a queue entry: the first line is not entry metadata")
    return EntryMeta(**{k: v for k, v in data.items() if k in _FIELDS})


def decode_entry(content: bytes) -> tuple[EntryMeta, bytes]:
    """Metadata and report bytes of a whole entry file."""
    line, sep, body = content.partition(b"\n")
    if not sep:
        raise ValueError("not a queue entry: no metadata line")
    return decode_meta(line), body
