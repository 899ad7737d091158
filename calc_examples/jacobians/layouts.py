"""What SymPy's matrix-symbol differentiation returns, compared with the site's layout."""

import sympy as sp

# --8<-- [start:matrix_symbols]
m, n = 2, 3
A = sp.MatrixSymbol("A", m, n)
B = sp.MatrixSymbol("B", n, n)
x = sp.MatrixSymbol("x", n, 1)

linear = (A * x).diff(x)  # y = A x maps R^3 to R^2
quadratic = sp.diff(x.T * B * x, x)  # f = x^T B x is a scalar
print("d(Ax)/dx    ->", linear, "with shape", linear.shape)
print("d(x^T Bx)/dx ->", quadratic, "with shape", quadratic.shape)
# --8<-- [end:matrix_symbols]
