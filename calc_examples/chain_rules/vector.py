"""The vector chain rule: the page's example in SymPy, then a layer of a network in NumPy."""

import numpy as np
import sympy as sp

from calc_examples.chain_rules.links import f, g, g1, g2, x

# --8<-- [start:vector_rule]
df_dg = f.jacobian([g1, g2])  # 2 x 2, diagonal: f is element-wise
dg_dx = g.jacobian([x])  # 2 x 1: a column
for name, factor in [("df/dg", df_dg), ("dg/dx", dg_dx)]:
    print(f"{name} = {factor.tolist()}  ({factor.shape[0]} x {factor.shape[1]})")

product = (df_dg * dg_dx).subs({g1: g[0], g2: g[1]})  # substitute back
direct = f.subs({g1: g[0], g2: g[1]}).jacobian([x])  # differentiate the composite itself
print("product:", list(sp.simplify(product)), " direct:", list(sp.simplify(direct)))
# --8<-- [end:vector_rule]

# --8<-- [start:layer]
# A layer y = V tanh(W x): x in R^n -> g = tanh(W x) in R^k -> y in R^m.
rng = np.random.default_rng(0)
m, k, n = 2, 4, 3
W, V, x0 = rng.normal(size=(k, n)), rng.normal(size=(m, k)), rng.normal(size=n)


def layer(x: np.ndarray) -> np.ndarray:
    return V @ np.tanh(W @ x)


z = W @ x0
dg_dx = np.diag(1 - np.tanh(z) ** 2) @ W  # (k x k)(k x n): element-wise, then linear
dy_dg = V  # m x k
chain = dy_dg @ dg_dx  # (m x k)(k x n) = m x n

h = 1e-6
columns = [(layer(x0 + h * e) - layer(x0 - h * e)) / (2 * h) for e in np.eye(n)]
finite_differences = np.column_stack(columns)
print("chain-rule Jacobian shape:", chain.shape)
print(f"largest difference from finite differences: {np.abs(chain - finite_differences).max():.1e}")
# --8<-- [end:layer]
