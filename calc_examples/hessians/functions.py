"""The functions of docs/hessians.md, defined once for the page, its examples and its checks."""

import sympy as sp

# --8<-- [start:running]
x, y = sp.symbols("x y", real=True)
f = x * sp.exp(-(x**2) - y**2)  # f: R^2 -> R, the running example
# --8<-- [end:running]

# The gradient of f written out by hand; the page verifies it against f.
E = sp.exp(-(x**2) - y**2)
GRADIENT_BY_HAND = sp.Matrix([(1 - 2 * x**2) * E, -2 * x * y * E])

# --8<-- [start:field]
vector_field = sp.Matrix([3 * x**2 * y, 2 * x + y**2])  # F: R^2 -> R^2
# --8<-- [end:field]

# --8<-- [start:counterexample]
counterexample = x * y * (x**2 - y**2) / (x**2 + y**2)  # defined as 0 at the origin
# --8<-- [end:counterexample]
