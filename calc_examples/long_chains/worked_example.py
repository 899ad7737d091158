"""The worked example of docs/long-chains.md: both routes to df/dt, side by side."""

import sympy as sp

from calc_examples.long_chains.chain import f, t, u1, u2, u_of_t, x1, x2, x_of_u

# --8<-- [start:direct_substitution]
f_of_t = sp.expand(f.subs(x_of_u).subs(u_of_t))
print("f(t) =", f_of_t)
sp.diff(f_of_t, t)
# --8<-- [end:direct_substitution]

# --8<-- [start:matrix_form]
u_vec = sp.Matrix([u1, u2])
x_vec = sp.Matrix([x1, x2])

df_dx = sp.Matrix([f]).jacobian(x_vec)  # 1 x 2: a row, numerator layout
dx_du = x_vec.subs(x_of_u).jacobian(u_vec)  # 2 x 2 Jacobian
du_dt = u_vec.subs(u_of_t).diff(t)  # 2 x 1: a column

for name, factor in [("df/dx", df_dx), ("dx/du", dx_du), ("du/dt", du_dt)]:
    print(f"{name:6} has shape {factor.shape[0]} x {factor.shape[1]}")

product = df_dx * dx_du * du_dt  # (1 x 2)(2 x 2)(2 x 1) = 1 x 1
in_terms_of_t = product.subs(x_of_u).subs(u_of_t)
sp.expand(in_terms_of_t[0, 0])
# --8<-- [end:matrix_form]

# --8<-- [start:evaluation_order]
# Right to left multiplies a matrix by a vector at each step; left to right does too here,
# but for long chains of n x n Jacobians the order decides the cost (see backpropagation).
right_first = df_dx * (dx_du * du_dt)
left_first = (df_dx * dx_du) * du_dt
sp.simplify(right_first - left_first)
# --8<-- [end:evaluation_order]
