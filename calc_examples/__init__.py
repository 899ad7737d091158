"""Code that the chapters show and run, and the checks that verify what the chapters state.

Each chapter has a subpackage: example modules whose named sections the page embeds and runs
at build time, and a ``claims`` module registering one check per claim on the page.
"""
