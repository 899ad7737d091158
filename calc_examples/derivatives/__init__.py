"""Derivatives and the rules of differentiation (docs/derivatives.md)."""
