"""Backpropagation: the chain rule at scale (docs/backprop.md)."""
