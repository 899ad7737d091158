"""The functions of docs/jacobians.md, defined once for the page, its examples and its checks."""

from collections.abc import Callable

import sympy as sp

# --8<-- [start:two_functions]
x, y = sp.symbols("x y", real=True)
f = sp.Matrix([3 * x**2 * y, 2 * x + y**2])  # f: R^2 -> R^2, one entry per component
# --8<-- [end:two_functions]

# --8<-- [start:wide]
x1, x2, x3 = sp.symbols("x_1 x_2 x_3", real=True)
g = sp.Matrix([x1**2 * x2, x2 + sp.sin(x3)])  # g: R^3 -> R^2
# --8<-- [end:wide]

# A point in the plane from its polar coordinates: the motivating example.
r, theta = sp.symbols("r theta", real=True)
position = sp.Matrix([r * sp.cos(theta), r * sp.sin(theta)])


def sigmoid(z: sp.Expr) -> sp.Expr:
    """The logistic function, written out so SymPy and NumPy evaluate the same formula."""
    return 1 / (1 + sp.exp(-z))


def softmax(v: sp.MatrixBase) -> sp.ImmutableMatrix:
    """Softmax of a column, entry by entry, so its Jacobian is computed from the definition."""
    total = sp.Add(*[sp.exp(entry) for entry in v])
    return sp.ImmutableMatrix([sp.exp(entry) / total for entry in v])


def elementwise(phi: Callable[[sp.Expr], sp.Expr], v: sp.MatrixBase) -> sp.ImmutableMatrix:
    """Apply a scalar function to every entry of a vector, as a network's activation does."""
    return sp.ImmutableMatrix(v.applyfunc(phi))
