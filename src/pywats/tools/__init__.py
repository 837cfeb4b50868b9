"""Helpers for building test reports."""
