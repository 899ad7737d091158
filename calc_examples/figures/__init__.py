"""Figures drawn at build time for the chapters; each is shown by a ``python run figure`` fence."""
