"""Checks and examples of the deliberately broken site used by tests/test_failures_e2e.py."""
