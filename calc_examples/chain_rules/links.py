"""The chains of docs/chain-rules.md, defined once for the page, its examples and its checks.

Each chain is a dictionary from an intermediate variable to its definition, in order, so
substituting from the last entry back to the first returns everything to ``x``.
"""

import sympy as sp

x = sp.Symbol("x", real=True)

# --8<-- [start:single]
u, v, w, y = sp.symbols("u v w y", real=True)

sin_square = {u: x**2, y: sp.sin(u)}  # y = sin(x^2)
log_sine = {u: x**3, v: sp.sin(u), w: v**2, y: sp.log(w)}  # y = ln(sin(x^3)^2)
# --8<-- [end:single]

# --8<-- [start:paths]
u1, u2 = sp.symbols("u_1 u_2", real=True)

# y names its direct argument x and its argument u1 separately, so differentiating y with
# respect to x holds u1 fixed (the partial) until u1 = x^2 is substituted (the total).
sum_paths = {u1: x**2, y: x + u1}  # y = x + x^2
sine_paths = {u1: x**2, u2: x + u1, y: sp.sin(u2)}  # y = sin(x + x^2)
product_paths = {u1: x**2, y: x * u1}  # y = x * x^2
# --8<-- [end:paths]

# --8<-- [start:vector]
g1, g2 = sp.symbols("g_1 g_2", real=True)

g = sp.Matrix([x**2, 3 * x])  # g: R -> R^2
f = sp.Matrix([sp.log(g1), sp.sin(g2)])  # f: R^2 -> R^2, element-wise
# --8<-- [end:vector]
