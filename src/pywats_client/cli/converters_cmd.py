"""``pywats-client converters list|show|enable|disable|add``."""

from __future__ import annotations

import argparse
from typing import Any

from pywats_client.cli import EXIT_FAILED, EXIT_OK, _console, _context
from pywats_client.cli._context import UsageError
from pywats_client.config import save_config
from pywats_client.converters.registry import BUILTIN_CONVERTERS, ConverterSet, load_converter_class

__all__ = ["register"]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    converters = commands.add_parser("converters", parents=[common], help="list, switch and add converters")
    sub = converters.add_subparsers(dest="converters_command", metavar="ACTION", required=True)
    sub.add_parser("list", parents=[common], help="converters, their state and priority").set_defaults(
        handler=_list
    )
    show = sub.add_parser("show", parents=[common], help="a converter's settings: types, defaults, values")
    show.add_argument("name", metavar="NAME")
    show.set_defaults(handler=_show)
    for action, on in (("enable", True), ("disable", False)):
        parser = sub.add_parser(action, parents=[common], help=f"{action} a converter")
        parser.add_argument("name", metavar="NAME")
        parser.set_defaults(handler=_switch, enabled=on)
    add = sub.add_parser("add", parents=[common], help="register a converter class by import string")
    add.add_argument("name", metavar="NAME")
    add.add_argument("import_path", metavar="CLASS", help="package.module:Class")
    add.add_argument("--priority", type=int, help="1 (first) … 10")
    add.set_defaults(handler=_add)


def _list(args: argparse.Namespace) -> int:
    converters = ConverterSet.from_config(_context.loaded(args).config)
    rows = [
        (
            info.name,
            "on" if info.enabled else "off",
            info.priority,
            ", ".join(info.patterns) or "(any)",
            info.source if info.builtin or info.source != "configuration" else info.import_path,
            info.error or info.warning or info.description,
        )
        for info in converters.infos
    ]
    _console.table(("name", "state", "prio", "files", "source", "description"), rows)
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    """The converter's description and each setting: kind, default, configured value, meaning."""
    converters = ConverterSet.from_config(_context.loaded(args).config)
    info = converters.get(args.name)
    if info is None:
        raise UsageError(f"no converter named {args.name!r}; see 'pywats-client converters list'")
    _console.key_values(
        [
            ("name", info.name),
            ("state", "on" if info.enabled else "off"),
            ("priority", info.priority),
            ("files", ", ".join(info.patterns) or "(any)"),
            ("source", f"{info.source} ({info.import_path})"),
            ("runs", "in a worker process (isolated)" if info.isolated is not None else "in the service"),
            ("problem", info.error or info.warning),
        ],
        title=info.description or info.name,
    )
    if info.converter is None:
        return EXIT_FAILED
    values = info.converter.settings
    rows = [
        (
            param.name,
            param.kind.value + (f" ({'|'.join(param.choices)})" if param.choices else ""),
            "(required)" if param.required else _json(param.default),
            _json(values.get(param.name)),
            param.description,
        )
        for param in info.converter.parameters
    ]
    if rows:
        _console.table(("setting", "kind", "default", "value", "meaning"), rows)
    return EXIT_OK


def _json(value: Any) -> str:
    import json

    return "-" if value is None else json.dumps(value, ensure_ascii=False)


def _switch(args: argparse.Namespace) -> int:
    from pywats_client.cli.config_cmd import _reload_running

    current = _context.loaded(args)
    name = args.name
    if name not in BUILTIN_CONVERTERS and name not in current.config.converters:
        known = ", ".join([*BUILTIN_CONVERTERS, *current.config.converters])
        raise UsageError(f"no converter named {name!r}; known: {known}")
    raw = dict(current.raw)
    settings: dict[str, Any] = {k: dict(v) for k, v in raw.get("converters", {}).items()}
    settings.setdefault(name, {})["enabled"] = args.enabled
    raw["converters"] = settings
    save_config(current.paths, raw)
    _console.info(f"{name} {'enabled' if args.enabled else 'disabled'}.")
    _reload_running(args)
    return EXIT_OK


def _add(args: argparse.Namespace) -> int:
    from pywats_client.cli.config_cmd import _reload_running

    current = _context.loaded(args)
    if args.name in BUILTIN_CONVERTERS:
        raise UsageError(f"{args.name!r} is a built-in converter's name")
    try:
        load_converter_class(args.import_path)
    except Exception as exc:  # report why the class cannot be used, whatever the plug-in raised
        _console.error(f"cannot use {args.import_path}: {exc}")
        return EXIT_FAILED
    raw = dict(current.raw)
    settings: dict[str, Any] = {k: dict(v) for k, v in raw.get("converters", {}).items()}
    entry: dict[str, Any] = {"class": args.import_path, "enabled": True}
    if args.priority is not None:
        entry["priority"] = args.priority
    settings[args.name] = entry
    raw["converters"] = settings
    save_config(current.paths, raw)
    _console.info(f"Added converter {args.name} ({args.import_path}).")
    _reload_running(args)
    return EXIT_OK
