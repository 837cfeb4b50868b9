"""Entry point of ``pywats-client`` and ``python -m pywats_client``."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the station client. Until it is released, say so plainly and fail."""
    del argv
    print(
        "pywats-client: the station client is not part of this release yet; "
        "use the pywats library (pyWATS / AsyncWATS) directly.",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
