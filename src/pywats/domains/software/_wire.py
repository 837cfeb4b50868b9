"""Small helpers of the software repositories for reading answers (pure; shared by both twins)."""

from __future__ import annotations

from pywats.domains._answers import required, rows

__all__ = ["MISSING", "required", "rows"]

MISSING = object()
"""What a command's request returns for a 404 in LENIENT mode (the command then returns False)."""
