"""Bridges from other test frameworks to WATS reports (each needs its own optional extra)."""
