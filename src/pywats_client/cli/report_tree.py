"""A converted report as a rich tree: header facts, then the step tree with statuses coloured,
then the validation problems (for ``pywats-client convert FILE --dry-run``)."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.tree import Tree

from pywats.domains.report.models import Problem, Report
from pywats_client.converters.outline import header_lines, step_label

__all__ = ["report_tree"]

_COLOURS = {"P": "green", "F": "red", "E": "magenta", "T": "magenta", "S": "yellow", "D": "cyan"}


def _label(step: dict[str, Any]) -> str:
    text = escape(step_label(step))
    colour = _COLOURS.get(str(step.get("status")))
    return f"[{colour}]{text}[/{colour}]" if colour else text


def _add(node: Tree, step: dict[str, Any]) -> None:
    branch = node.add(_label(step))
    for child in step.get("steps") or ():
        if isinstance(child, dict):
            _add(branch, child)


def report_tree(report: Report, problems: list[Problem], *, title: str = "") -> Tree:
    """The tree of ``report`` with its ``problems`` (errors red, warnings yellow) at the end."""
    result = str(report.raw.get("result"))
    colour = _COLOURS.get(result, "white")
    tree = Tree(f"[bold {colour}]{escape(title or report.id)}[/bold {colour}]")
    for line in header_lines(report):
        tree.add(escape(line))
    root = report.raw.get("root")
    if isinstance(root, dict):
        _add(tree, root)
    if problems:
        checks = tree.add("[bold]validation[/bold]")
        for problem in problems:
            tone = "red" if problem.severity == "error" else "yellow"
            checks.add(f"[{tone}]{problem.severity}: {escape(str(problem))}[/{tone}]")
    return tree
