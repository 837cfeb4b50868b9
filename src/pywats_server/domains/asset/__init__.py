"""The Asset domain: assets, types, counters, calibration and maintenance, log, files."""
