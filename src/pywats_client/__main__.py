"""Entry point of ``pywats-client`` and ``python -m pywats_client``."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the ``pywats-client`` command line."""
    from pywats_client.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
