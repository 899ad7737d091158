"""The running example of docs/derivatives.md, defined once for its examples and its checks."""


# --8<-- [start:function]
def f(x: float) -> float:
    """The same definition serves the numeric examples and, given a SymPy symbol, the checks."""
    return 3 * x**2 - 4 * x


# --8<-- [end:function]
