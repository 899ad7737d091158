"""The chain of docs/long-chains.md, defined once for the page, its examples and its checks."""

import sympy as sp

# --8<-- [start:chain]
t = sp.Symbol("t", real=True)
u1, u2 = sp.symbols("u_1 u_2", real=True)
x1, x2 = sp.symbols("x_1 x_2", real=True)

u_of_t = {u1: t**2, u2: 3 * t}  # u: R -> R^2
x_of_u = {x1: u1 + 2 * u2, x2: u1 - u2}  # x: R^2 -> R^2
f = x1 * x2  # f: R^2 -> R
# --8<-- [end:chain]
