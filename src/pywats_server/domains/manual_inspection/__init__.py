"""Manual inspection (internal API, endpoints.md §12) and its media files (§13)."""
