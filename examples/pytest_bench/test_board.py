"""A hardware test written with pytest: each test a step, each measurement with its limits.

``examples/pytest_hardware_test.py`` runs it with ``--wats-report``; run it yourself with::

    pytest examples/pytest_bench --wats-report --wats-part-number WIDGET-001 --wats-serial-number SN-1

The instrument is simulated here; on a bench it would be a VISA or serial connection.
"""

from __future__ import annotations

import random

import pytest


class Bench:
    """A stand-in for the bench's instruments."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def measure_volts(self, rail: str) -> float:
        nominal = {"3V3": 3.3, "5V": 5.0}[rail]
        return round(self.rng.gauss(nominal, nominal * 0.005), 3)

    def firmware_version(self) -> str:
        return "2.4.1"


@pytest.fixture(scope="session")
def bench() -> Bench:
    return Bench(seed=42)


@pytest.mark.parametrize("rail, low, high", [("3V3", 3.2, 3.4), ("5V", 4.85, 5.15)])
def test_power_rail(bench: Bench, record_measurement, rail: str, low: float, high: float) -> None:
    record_measurement(rail, bench.measure_volts(rail), low=low, high=high, unit="V")


def test_firmware(bench: Bench, record_measurement) -> None:
    record_measurement("Version", bench.firmware_version(), expected="2.4.1")
    record_measurement("Boot", True)
