"""The Production (MES) domain: units, phases, assembly, serial-number pools and batches (endpoints.md §4)."""
