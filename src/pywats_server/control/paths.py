"""Where the control plane lives."""

CONTROL_PREFIX = "/_control"


def is_control_path(path: str) -> bool:
    """True for ``/_control`` and anything below it (case-insensitive, like every route of this server)."""
    folded = path.casefold()
    return folded == CONTROL_PREFIX or folded.startswith(CONTROL_PREFIX + "/")
