"""The reliability and security campaign of pyWATS: faults, crashes, fuzzing, hostile input — measured.

One module per campaign, each with ``run(scale) -> list[Row]``:

=====================  ==========================================================================
module                 what it shows
=====================  ==========================================================================
``transport``          retries, typed errors, request counts and time bounds under HTTP faults
``security``           tokens never shown, private files, the management API shut without its secret
``hostile_input``      XML attacks, path traversal, plug-in converters that hang, hog or crash
``fuzzing``            WSJF/WSXF/WSTF parsers and every converter: only typed errors, no hangs
``api_fuzzing``        schemathesis against pywats-server's OpenAPI schema, with and without auth
``server_durability``  ``kill -9`` of pywats-server while reports arrive: nothing acknowledged lost
``station_durability`` ``kill -9`` of the station service and a long outage: every report once
``load``               8 stations against one server on SQLite and PostgreSQL: latency, memory
=====================  ==========================================================================

``python -m reliability`` runs them all at full scale and writes ``docs/reliability.md``;
``tests/reliability/`` runs each at its short scale inside ``make test``.
"""

CAMPAIGNS = (
    "transport",
    "security",
    "hostile_input",
    "fuzzing",
    "api_fuzzing",
    "server_durability",
    "station_durability",
    "load",
)
