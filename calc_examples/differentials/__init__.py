"""Matrix differentials (docs/differentials.md)."""
