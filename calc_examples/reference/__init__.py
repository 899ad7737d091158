"""The verified reference tables (docs/reference.md)."""
