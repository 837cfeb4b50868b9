"""JUnit XML samples: pytest (new and old time stamps), Surefire, GoogleTest, broken files."""
# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)

from __future__ import annotations

import random
from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 10, "timezone": "Europe/Oslo"}


def _props(pairs: Sequence[tuple[str, object]], indent: str) -> str:
    if not pairs:
        return ""
    inner = "".join(
        f"{indent}  <property name={quoteattr(k)} value={quoteattr(str(v))}/>\n" for k, v in pairs
    )
    return f"{indent}<properties>\n{inner}{indent}</properties>\n"


def pytest_modern() -> bytes:
    """pytest ≥ 8.3: time stamp with offset, suite identity properties, one numeric test."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5" time="12.407"
             timestamp="2025-03-14T10:02:11.512345+01:00" hostname="fct-rig-07">
{
        _props(
            [
                ("serial_number", "DEMO-0002-B"),
                ("part_number", "PCB-4711"),
                ("part_revision", "C"),
                ("fixture_id", "FIX-22"),
                ("firmware", "2.4.1"),
            ],
            "    ",
        )
    }    <testcase classname="tests.test_power" name="test_rail_3v3" time="0.512">
{
        _props(
            [("wats.value", 3.301), ("wats.low", 3.135), ("wats.high", 3.465), ("wats.unit", "V")], "      "
        )
    }    </testcase>
    <testcase classname="tests.test_power" name="test_rail_5v0[load-high]" time="1.204">
      <failure message="AssertionError: 5.31 &gt; 5.25">rail out of tolerance
assert 5.31 &lt;= 5.25</failure>
    </testcase>
    <testcase classname="tests.test_comms" name="test_uart_loopback" time="0.088">
      <skipped type="pytest.skip" message="fixture lacks UART">tests/test_comms.py:14: fixture lacks UART</skipped>
    </testcase>
    <testcase classname="tests.test_comms" name="test_can_bus" time="0.031">
      <error message='failed on setup with "OSError: can0 down"'>OSError: can0 down</error>
    </testcase>
    <testcase classname="tests.test_fw" name="test_version" time="0.120"/>
  </testsuite>
</testsuites>
""".encode()


def pytest_legacy(rng: random.Random) -> bytes:
    """pytest < 8.3 (xunit1): local time stamp, file/line attributes, xfail, a call failure that
    also errors in teardown (two testcases with one name), a multi-measurement test."""
    rails = [("v1v8", 1.8), ("v3v3", 3.3), ("v5v0", 5.0)]
    meas = []
    for name, nominal in rails:
        value = round(nominal * (1 + rng.uniform(-0.02, 0.02)), 4)
        meas += [
            (f"wats.meas.{name}.value", value),
            (f"wats.meas.{name}.low", round(nominal * 0.95, 4)),
            (f"wats.meas.{name}.high", round(nominal * 1.05, 4)),
            (f"wats.meas.{name}.unit", "V"),
        ]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="fct" errors="1" failures="1" skipped="1" tests="5" time="8.250"
 timestamp="2025-03-14T09:30:00.125000" hostname="fct-rig-03">
{_props([("sn", "DEMO-0016-Q"), ("pn", "PCB-4711"), ("rev", "C"), ("operator", "kari"), ("batch", "LOT-0425")], "")}<testcase classname="tests.test_rails.TestRails" name="test_all_rails" file="tests/test_rails.py" line="12" time="2.004">
{_props(meas, "")}</testcase>
<testcase classname="tests.test_rails.TestRails" name="test_idle_current" file="tests/test_rails.py" line="30" time="0.512">
{_props([("wats.value", "0.142"), ("wats.high", "0.2"), ("wats.unit", "A"), ("wats.comp", "LE")], "")}</testcase>
<testcase classname="tests.test_rails.TestRails" name="test_relay" file="tests/test_rails.py" line="44" time="1.100">
<failure message="AssertionError: relay did not click">assert clicked</failure></testcase>
<testcase classname="tests.test_rails.TestRails" name="test_relay" file="tests/test_rails.py" line="44" time="0.010">
<error message='failed on teardown with "TimeoutError: relay driver"'>TimeoutError: relay driver</error></testcase>
<testcase classname="tests.test_misc" name="test_known_issue" file="tests/test_misc.py" line="8" time="0.001">
<skipped type="pytest.xfail" message="issue 42"/></testcase>
<testcase classname="tests.test_misc" name="test_version" file="tests/test_misc.py" line="20" time="0.050">
{_props([("wats.value", "2.4.1"), ("wats.low", "2.4.1")], "")}</testcase>
</testsuite></testsuites>
""".encode()


def surefire() -> bytes:
    """Maven Surefire: root testsuite, JVM properties, thousands-grouped time, a flaky test."""
    props = [("java.version", "21.0.2"), ("os.name", "Linux"), ("user.name", "ci"), ("build", "1187")]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="com.acme.fct.PowerIT"
 time="1,234.567" tests="3" errors="0" skipped="0" failures="0" timestamp="2025-03-14T11:00:00">
{_props(props, "  ")}  <testcase name="railsStable" classname="com.acme.fct.PowerIT" time="1,200.100"/>
  <testcase name="brownOut" classname="com.acme.fct.PowerIT" time="30.000">
    <flakyFailure message="expected &lt;true&gt;" type="org.opentest4j.AssertionFailedError">trace</flakyFailure>
  </testcase>
  <testcase name="standby" classname="com.acme.fct.PowerIT" time="4.467"/>
</testsuite>
""".encode()


def gtest() -> bytes:
    """GoogleTest: two suites, a disabled test (status notrun), a suppressed one."""
    return b"""<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="4" failures="1" disabled="1" errors="0" time="0.41" timestamp="2025-03-14T12:10:00.000" name="AllTests">
  <properties><property name="serial_number" value="DEMO-0017-R"/><property name="part_number" value="PCB-4711"/></properties>
  <testsuite name="Crc" tests="2" failures="0" disabled="1" skipped="0" errors="0" time="0.01" timestamp="2025-03-14T12:10:00.000">
    <testcase name="Empty" status="run" result="completed" time="0.004" classname="Crc"/>
    <testcase name="DISABLED_Huge" status="notrun" result="suppressed" time="0" classname="Crc"/>
  </testsuite>
  <testsuite name="Flash" tests="2" failures="1" disabled="0" skipped="0" errors="0" time="0.4" timestamp="2025-03-14T12:10:00.010">
    <testcase name="Erase" status="run" result="completed" time="0.2" classname="Flash"/>
    <testcase name="Verify" status="run" result="completed" time="0.2" classname="Flash">
      <failure message="flash.cc:40&#x0A;Expected equality" type=""><![CDATA[flash.cc:40
Expected equality of these values:
  read
    Which is: 0x3F
  0x40]]></failure>
    </testcase>
  </testsuite>
</testsuites>
"""


def utf16_units() -> bytes:
    """A UTF-16 file (BOM) with µ and Ω in units and a non-ASCII suite name."""
    text = """<?xml version="1.0" encoding="UTF-16"?>
<testsuites><testsuite name="Måling" tests="2" failures="0" errors="0" timestamp="2025-03-14T13:00:00+01:00">
<properties><property name="serial_number" value="DEMO-0018-S"/><property name="part_number" value="PCB-4711"/></properties>
<testcase classname="ohm" name="shunt" time="0.1"><properties><property name="wats.value" value="0.0102"/>
<property name="wats.low" value="0.0095"/><property name="wats.high" value="0.0105"/><property name="wats.unit" value="Ω"/></properties></testcase>
<testcase classname="leak" name="leakage" time="0.1"><properties><property name="wats.value" value="1.5"/>
<property name="wats.high" value="5"/><property name="wats.unit" value="μA"/></properties></testcase>
</testsuite></testsuites>
"""
    return text.encode("utf-16")


def samples() -> list[Sample]:
    rng = random.Random(4711)
    legacy = pytest_legacy(rng)
    return [
        Sample(
            "junit",
            "junit_pytest_modern",
            {"pytest-report.xml": pytest_modern()},
            "pytest-report.xml",
            SETTINGS,
        ),
        Sample("junit", "junit_pytest_legacy", {"junit.xml": legacy}, "junit.xml", SETTINGS),
        Sample(
            "junit",
            "junit_surefire",
            {"TEST-DEMO-0019-S.xml": surefire()},
            "TEST-DEMO-0019-S.xml",
            {**SETTINGS, "sn_from_filename": r"TEST-(?P<sn>DEMO-\d{4}-[A-Z])", "part_number": "PCB-4711"},
        ),
        Sample("junit", "junit_gtest", {"gtest.xml": gtest()}, "gtest.xml", SETTINGS),
        Sample("junit", "junit_utf16", {"results-utf16.xml": utf16_units()}, "results-utf16.xml", SETTINGS),
        Sample(
            "junit",
            "junit_no_serial",
            {"junit.xml": legacy.replace(b'"sn"', b'"unit"')},
            "junit.xml",
            SETTINGS,
            expect_error=True,
        ),
        Sample(
            "junit",
            "junit_empty_run",
            {"empty.xml": b'<testsuites name="x" tests="0"></testsuites>'},
            "empty.xml",
            SETTINGS,
            expect_error=True,
        ),
    ]


def bulk(units: int) -> Sample:
    """One pytest file with ``units`` × 20 testcases."""
    rng = random.Random(units)
    cases = []
    for i in range(units * 20):
        value = round(3.3 + rng.gauss(0, 0.05), 4)
        failed = "" if 3.135 <= value <= 3.465 else '<failure message="out of range">assert</failure>'
        cases.append(
            f'<testcase classname="tests.test_m{i % 7}" name="test_{i}" time="0.01"><properties>'
            f'<property name="wats.value" value="{value}"/><property name="wats.low" value="3.135"/>'
            f'<property name="wats.high" value="3.465"/></properties>{failed}</testcase>'
        )
    body = "\n".join(cases)
    data = (
        '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="1" '
        'timestamp="2025-03-14T10:00:00+01:00"><properties><property name="serial_number" '
        f'value="DEMO-9000-A"/><property name="part_number" value="PCB-4711"/></properties>{body}'
        "</testsuite></testsuites>"
    ).encode()
    return Sample("junit", f"junit_bulk_{units}", {"bulk.xml": data}, "bulk.xml", SETTINGS)
