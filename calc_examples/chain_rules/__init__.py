"""The three chain rules: single-variable, total-derivative and vector (docs/chain-rules.md)."""
