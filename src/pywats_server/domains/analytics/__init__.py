"""The Analytics domain: yield, failures, measurements, repairs and unit flow, computed from stored reports.

Public endpoints live under ``/api/App`` (endpoints.md §2.3–§2.4, §7); the unit-flow, step/measurement lists
and alarm logs under ``/api/internal`` (§7.6–§7.7). Nothing here stores analytics results: every answer is
computed from the Report domain's tables when it is asked for.
"""
