"""Jacobians and layout conventions (docs/jacobians.md)."""
