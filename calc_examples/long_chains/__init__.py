"""Long chains in matrix form (docs/long-chains.md)."""
