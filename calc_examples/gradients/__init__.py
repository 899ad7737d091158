"""Partial derivatives and gradients (docs/gradients.md)."""
