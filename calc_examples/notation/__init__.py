"""The conventions of the site (docs/notation.md)."""
