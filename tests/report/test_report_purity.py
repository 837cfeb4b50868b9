"""The report model and formats are pure: importing them loads no HTTP stack (the server shares them)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("httpx", "pywats.core._async_transport", "pywats.domains.report.async_service")


def test_model_and_formats_load_without_the_transport() -> None:
    code = (
        "import sys; import pywats.domains.report.models, pywats.domains.report.formats; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
