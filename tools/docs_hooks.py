"""MkDocs hooks for the pyWATS site (``make docs``).

* Pages link to files outside ``docs/`` (``../bench/results.md``, ``../examples/``) so that they
  also work when read on GitHub; on the site those links point to the matching page or to the
  repository path.
* ``docs/converters.md`` (written with the converters) and ``docs/reliability.md`` (written by
  ``make reliability``) come from elsewhere; until they exist the site shows a short placeholder
  instead of failing the build.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.files import File, Files

OUTSIDE_LINKS = {
    "bench/results.md": "benchmarks.md",
    "bench/README.md": "benchmarks.md",
}
_LINK = re.compile(r"\]\((?P<up>(?:\.\./)+)(?P<target>[^)#\s]+)(?P<anchor>#[^)\s]*)?\)")

PLACEHOLDERS = {
    "converters.md": (
        "# Converters\n\nConverters turn the files test equipment writes into WATS reports; the "
        "[station client](station.md) runs them. Their guide is being written.\n"
    ),
    "reliability.md": (
        "# Reliability\n\nThe results of the reliability campaign (`make reliability`) appear here "
        "once it has run. Until then see [failure handling](guarantees.md).\n"
    ),
}


def on_files(files: Files, config: Any) -> Files:
    for name, text in PLACEHOLDERS.items():
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=text))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    depth = page.file.src_uri.count("/")

    def rewrite(match: re.Match[str]) -> str:
        ups = match.group("up").count("../")
        target = match.group("target")
        if ups <= depth:
            return match.group(0)  # stays inside docs/
        page_target = OUTSIDE_LINKS.get(target)
        if page_target is not None:
            return f"]({'../' * depth}{page_target})"
        return f"](https://github.com/olreppe/pyWATS/tree/main/{target})"

    return _LINK.sub(rewrite, markdown)
