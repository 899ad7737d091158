"""Hessians: second derivatives of scalar functions (docs/hessians.md)."""
