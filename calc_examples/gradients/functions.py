"""The worked examples of docs/gradients.md, defined once for the page, its code and its checks."""

import sympy as sp

# --8<-- [start:functions]
x, y = sp.symbols("x y", real=True)

f = 3 * x**2 * y  # the chapter's first worked example
g = 2 * x + y**2  # and its second
h = x * y  # a product: each variable scales the other
# --8<-- [end:functions]
