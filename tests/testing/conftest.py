"""Tests of the pytest plugin run inner pytest sessions with ``pytester``."""

import importlib
import pkgutil

import h11
import httpcore
import httpx

import pywats

pytest_plugins = ["pytester"]

# pytester's in-process runs remove the modules first imported inside them when they end, and a
# later import makes second copies of their classes (an httpcore error that httpx no longer maps,
# a pywats exception that an ``except`` no longer catches). Import the library and its network
# stack up front so every test of the process shares one copy.
for _module in pkgutil.walk_packages(pywats.__path__, "pywats."):
    importlib.import_module(_module.name)
for _flavour in ("_sync", "_async"):
    for _protocol in ("http11", "http2"):
        importlib.import_module(f"httpcore.{_flavour}.{_protocol}")
assert h11 and httpcore and httpx
