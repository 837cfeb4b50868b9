"""Watched folders: when a file is ready, and what happens to it afterwards."""

from pywats_client.watch.outcomes import SIDECAR_SUFFIX, apply_post_action, move_to_error, same_file
from pywats_client.watch.scanner import FileSignature, FolderScanner, skip_reason

__all__ = [
    "SIDECAR_SUFFIX",
    "FileSignature",
    "FolderScanner",
    "apply_post_action",
    "move_to_error",
    "same_file",
    "skip_reason",
]
