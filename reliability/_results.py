"""What a campaign reports: one row per scenario, and the table they make together."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["NOT_APPLICABLE", "Row", "assert_clean", "markdown_table", "text_table"]

NOT_APPLICABLE = None
"""``lost``/``duplicates`` of a scenario that moves no reports (shown as ``—``)."""


@dataclass
class Row:
    """One scenario's figures.

    ``runs`` counts repetitions of the scenario, ``inputs`` what was thrown at the code under test
    (faults injected, generated documents, requests, files). ``problems`` lists every failure in
    words; ``failures`` is their number. ``lost``/``duplicates`` count reports, or are ``None``
    where the scenario moves no reports. ``note`` carries the measured figures and, for a row that
    is not clean, why.
    """

    campaign: str
    scenario: str
    runs: int = 0
    inputs: int = 0
    lost: int | None = 0
    duplicates: int | None = 0
    note: str = ""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> int:
        return len(self.problems)

    @property
    def clean(self) -> bool:
        return not self.problems and not self.lost and not self.duplicates

    def fail(self, problem: str) -> None:
        """Record one failure (kept short: it ends up in the table's note and a test's message)."""
        self.problems.append(problem if len(problem) <= 400 else problem[:399] + "…")

    def check(self, condition: bool, problem: str) -> bool:
        """``fail(problem)`` unless ``condition``; returns ``condition``."""
        if not condition:
            self.fail(problem)
        return condition

    def summary(self) -> str:
        """The note, followed by the first problems when there are any."""
        if not self.problems:
            return self.note
        shown = "; ".join(self.problems[:3]) + (
            f" (+{len(self.problems) - 3} more)" if self.failures > 3 else ""
        )
        return f"{self.note} FAILED: {shown}".strip()


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


COLUMNS = ("scenario", "runs", "inputs tried", "failures", "reports lost", "duplicates", "notes")


def _cells(row: Row) -> tuple[str, ...]:
    return (
        f"{row.campaign}: {row.scenario}",
        f"{row.runs:,}",
        f"{row.inputs:,}",
        f"{row.failures:,}",
        _count(row.lost),
        _count(row.duplicates),
        row.summary(),
    )


def markdown_table(rows: list[Row]) -> str:
    """The rows as a Markdown table (``|`` in notes escaped)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---", *["---:"] * 5, "---"]) + "|"]
    for row in rows:
        cells = [cell.replace("|", "\\|").replace("\n", " ") for cell in _cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def text_table(rows: list[Row], note_width: int = 70) -> str:
    """The rows as fixed-width text for a terminal (notes cut to ``note_width``)."""
    data: list[tuple[str, ...]] = [COLUMNS]
    for row in rows:
        cells = _cells(row)
        note = cells[-1] if len(cells[-1]) <= note_width else cells[-1][: note_width - 1] + "…"
        data.append((*cells[:-1], note))
    widths = [max(len(r[i]) for r in data) for i in range(len(COLUMNS))]
    out = []
    for index, cells in enumerate(data):
        parts = [
            c.ljust(w) if i in (0, 6) else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        out.append("  ".join(parts).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


def assert_clean(rows: list[Row]) -> None:
    """Raise AssertionError listing every row that is not clean (for the short versions in tests)."""
    assert rows, "the campaign produced no rows"
    bad = [f"{row.campaign}: {row.scenario}: {row.summary()}" for row in rows if not row.clean]
    assert not bad, "\n".join(bad)
    idle = [row.scenario for row in rows if row.runs == 0]
    assert not idle, f"scenarios that ran nothing: {idle}"
