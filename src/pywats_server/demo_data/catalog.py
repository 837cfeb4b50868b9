"""The fictional factory of the demo data: products, processes, stations, operators and test plans.

Everything here is fixed; only :mod:`.generator` draws random numbers (from the seed). Test plans are built
from a random generator seeded by the product and process, so a product's steps and limits are the same for
every seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = [
    "DEFECT_CODES",
    "LEVELS",
    "NO_FAULT_FOUND",
    "OPERATORS",
    "PROCESS_NAMES",
    "PRODUCTS",
    "REPAIR_PROCESS",
    "REPAIR_STATION",
    "RETEST_STATIONS",
    "STATIONS",
    "DemoProduct",
    "NumericSpec",
    "Plan",
    "PlanStep",
    "plan_for",
]

LEVELS = ("PCBA", "Module", "System")
OPERATORS = ("anna", "ben", "chen", "dara", "eli", "fatima")
REPAIR_PROCESS = (500, "Repair")
REPAIR_STATION = ("REPAIR-01", "Line 1")
# process code → (station, location) of first runs and retests
STATIONS: dict[int, tuple[tuple[str, str], ...]] = {
    50: (("ICT-01", "Line 1"), ("ICT-02", "Line 1")),
    90: (("BURNIN-01", "Line 2"),),
    100: (("EOL-01", "Line 2"), ("EOL-02", "Line 2")),
}
# Stations that only ever retest (never a unit's first run): the edge case of the unit inclusion rule.
RETEST_STATIONS: dict[int, tuple[str, str]] = {100: ("EOL-RT", "Line 2")}
PROCESS_NAMES = {50: "PCBA test", 90: "Burn In test", 100: "End of line test"}
# fail category → codes, a subset of the default repair configuration's fail codes
DEFECT_CODES: dict[str, tuple[str, ...]] = {
    "Component": ("Burned Component", "Missing Component", "Wrong Component", "Damaged Component"),
    "Solder": ("Solder bridge", "Cold solder joint", "Insufficient solder"),
    "Process": ("Misplaced component", "Wrong polarity"),
}
NO_FAULT_FOUND = ("Other", "No fault found")


@dataclass(frozen=True)
class DemoProduct:
    """A product of the demo factory and the processes its units go through, in order."""

    part_number: str
    name: str
    serial_prefix: str
    group: str
    level: str
    revisions: tuple[str, ...]
    processes: tuple[int, ...]
    weight: float
    defect_rate: float  # units with a real defect: they fail until repaired


PRODUCTS = (
    DemoProduct("PCBA-100", "Controller board", "CB", "Boards", "PCBA", ("A", "B"), (50,), 0.25, 0.04),
    DemoProduct("PCBA-200", "Sensor board", "SB", "Boards", "PCBA", ("A",), (50,), 0.25, 0.03),
    DemoProduct("MOD-300", "Power module", "PM", "Modules", "Module", ("C",), (50, 90, 100), 0.2, 0.05),
    DemoProduct("MOD-400", "Display module", "DM", "Modules", "Module", ("A", "B"), (50, 100), 0.15, 0.03),
    DemoProduct("SYS-500", "Gateway", "GW", "Systems", "System", ("A",), (90, 100), 0.15, 0.02),
)


@dataclass(frozen=True)
class NumericSpec:
    """A numeric measurement: limits, comparison, and the distribution of good units' values.

    ``marginal`` measurements sit close to a limit; they fail now and then on good units (false failures
    that pass on retest) and give low Cpk values.
    """

    name: str
    unit: str
    low: float | None
    high: float | None
    comp_op: str
    mean: float
    sigma: float
    marginal: bool = False


@dataclass(frozen=True)
class PlanStep:
    """One step of a test plan (numeric with one or more measurements, pass/fail, string or action)."""

    name: str
    kind: str  # "numeric", "multi", "passfail", "string", "action"
    measurements: tuple[NumericSpec, ...] = ()
    component: str | None = None  # what a repair of a failure here replaces


@dataclass(frozen=True)
class Plan:
    """The test plan of a product in a process: sequences of steps."""

    sequence_file: str
    version: str
    sequences: tuple[tuple[str, tuple[PlanStep, ...]], ...] = field(default_factory=tuple)

    @property
    def numeric_steps(self) -> list[tuple[str, PlanStep]]:
        """(sequence name, step) of every step a defect can show up in."""
        return [(seq, step) for seq, steps in self.sequences for step in steps if step.measurements]


def plan_for(product: DemoProduct, process_code: int, step_count: int) -> Plan:
    """The test plan of ``product`` in ``process_code`` with about ``step_count`` steps."""
    rng = random.Random(f"{product.part_number}:{process_code}:{step_count}")
    rails = PlanStep(
        "Output rails",
        "multi",
        tuple(
            _spec(rng, f"{volts}V", "V", volts, tolerance=0.03, marginal=index == 1)
            for index, volts in enumerate((3.3, 5.0, 12.0))
        ),
        component="U7",
    )
    power = [
        PlanStep("Input current", "numeric", (_spec(rng, None, "A", 0.42, tolerance=0.2),), "R12"),
        rails,
        PlanStep(
            "Ripple",
            "numeric",
            (NumericSpec("", "mV", 30.0, None, "LE", 24.0, 2.5, marginal=True),),
            "C4",
        ),
    ]
    setup = [PlanStep("Fixture contact", "passfail"), PlanStep("Power on", "action")]
    comms = [PlanStep("Firmware version", "string"), PlanStep("Self test", "passfail", component="U1")]
    extra = max(0, step_count - len(setup) - len(power) - len(comms) - 2)
    measure = []
    for index in range(extra):
        nominal = round(rng.uniform(1, 100), 1)
        spec = _spec(rng, None, rng.choice(("V", "mA", "Ohm", "degC")), nominal, tolerance=0.05)
        measure.append(PlanStep(f"TP{index + 1:02d}", "numeric", (spec,), f"R{index + 20}"))
    sequences = [("Setup", tuple(setup)), ("Power", tuple(power))]
    if measure:
        sequences.append(("Measurements", tuple(measure)))
    sequences.append(("Communication", tuple(comms)))
    return Plan(
        sequence_file=f"C:\\Sequences\\{product.part_number}\\{PROCESS_NAMES[process_code]}.seq",
        version=f"{process_code // 10}.{len(product.part_number)}.0",
        sequences=tuple(sequences),
    )


def _spec(
    rng: random.Random,
    name: str | None,
    unit: str,
    nominal: float,
    *,
    tolerance: float,
    marginal: bool = False,
) -> NumericSpec:
    low, high = nominal * (1 - tolerance), nominal * (1 + tolerance)
    width = high - low
    if marginal:  # centred off-target with a wide spread: Cpk well below 1
        return NumericSpec(
            name or "", unit, round(low, 4), round(high, 4), "GELE", nominal + width * 0.2, width / 7
        )
    return NumericSpec(
        name or "", unit, round(low, 4), round(high, 4), "GELE", nominal, width / rng.uniform(10, 16)
    )
