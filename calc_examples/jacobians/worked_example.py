"""The worked examples of docs/jacobians.md: Jacobians built from gradients, and checked."""

import numpy as np
import sympy as sp

from calc_examples.jacobians.functions import f, g, x, x1, x2, x3, y

# --8<-- [start:stack_gradients]
variables = [x, y]
gradients = [sp.Matrix([sp.diff(fi, v) for v in variables]) for fi in f]  # columns
for i, grad in enumerate(gradients, start=1):
    print(f"gradient of f_{i}:", list(grad))

stacked = sp.Matrix.vstack(*[grad.T for grad in gradients])  # transposed, as rows
print("stacked rows equal f.jacobian:", stacked == f.jacobian(variables))
stacked
# --8<-- [end:stack_gradients]

# --8<-- [start:wide_shape]
J = g.jacobian([x1, x2, x3])
print("g maps R^3 to R^2, so its Jacobian is", J.shape[0], "x", J.shape[1])
J
# --8<-- [end:wide_shape]

# --8<-- [start:identity]
for n in (2, 3, 4):
    v = sp.Matrix(sp.symbols(f"v_1:{n + 1}", real=True))
    J_identity = v.jacobian(v)
    print(f"n = {n}: shape {J_identity.shape}, equals eye({n}):", J_identity == sp.eye(n))
# --8<-- [end:identity]

# --8<-- [start:elementwise]
v = sp.Matrix(sp.symbols("v_1:4", real=True))
v.applyfunc(sp.tanh).jacobian(v)  # only the diagonal survives
# --8<-- [end:elementwise]

# --8<-- [start:softmax]
rng = np.random.default_rng(0)
z = rng.normal(size=4)


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())  # shifting by the maximum avoids overflow
    return e / e.sum()


s = softmax(z)
formula = np.diag(s) - np.outer(s, s)
h = 1e-6
columns = [(softmax(z + h * e_j) - softmax(z - h * e_j)) / (2 * h) for e_j in np.eye(4)]
finite_differences = np.column_stack(columns)  # column j: how s moves when z_j moves
print(f"largest difference: {np.abs(formula - finite_differences).max():.1e}")
print("row sums:", formula.sum(axis=1).round(12) + 0.0)  # + 0.0 turns -0.0 into 0.0
# --8<-- [end:softmax]
