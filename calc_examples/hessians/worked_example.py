"""The worked examples of docs/hessians.md: each section is one code block on the page."""

from collections.abc import Callable

import numpy as np
import sympy as sp

from calc_examples.hessians.functions import counterexample, f, vector_field, x, y

# --8<-- [start:gradient_and_hessian]
gradient = sp.Matrix([f.diff(x), f.diff(y)])  # a 2 x 1 column
hessian = sp.hessian(f, (x, y))  # 2 x 2, entry (i, j) = d/dx_i (df/dx_j)

print("gradient^T =", sp.simplify(gradient.T))
print("Jacobian of the gradient - Hessian =", sp.simplify(gradient.jacobian([x, y]) - hessian))
print("Hessian - Hessian^T =", sp.simplify(hessian - hessian.T))
sp.factor(hessian)
# --8<-- [end:gradient_and_hessian]

# --8<-- [start:field_jacobian]
jacobian = vector_field.jacobian([x, y])  # 2 x 2, numerator layout
print("J =", jacobian.tolist())
print("J - J^T =", (jacobian - jacobian.T).tolist())
# A gradient field would have a symmetric Jacobian (the Hessian of its potential).
# Here J - J^T is not zero, so no function g has F as its gradient.
# --8<-- [end:field_jacobian]

# --8<-- [start:counterexample_limits]
c = sp.lambdify((x, y), counterexample)


def dc_dx(x0: float, y0: float, h: float = 1e-7) -> float:
    return float(c(x0 + h, y0) - c(x0 - h, y0)) / (2 * h)


def dc_dy(x0: float, y0: float, h: float = 1e-7) -> float:
    return float(c(x0, y0 + h) - c(x0, y0 - h)) / (2 * h)


print("   k    d/dy of dc/dx   d/dx of dc/dy    (steps 10^-k, inner step 1e-7)")
for k in (1, 2, 3, 4):
    step = 10.0**-k
    yx = (dc_dx(0, step) - dc_dx(0, -step)) / (2 * step)
    xy = (dc_dy(step, 0) - dc_dy(-step, 0)) / (2 * step)
    print(f"{k:4d} {yx:15.6f} {xy:15.6f}")

# SymPy agrees: first partial on an axis, simplified, then the second partial at 0.
fx_on_y_axis = sp.cancel(counterexample.diff(x).subs(x, 0))
fy_on_x_axis = sp.cancel(counterexample.diff(y).subs(y, 0))
print("df/dx on the y-axis:", fx_on_y_axis, "   df/dy on the x-axis:", fy_on_x_axis)
print("the two orders at the origin:", fx_on_y_axis.diff(y), fy_on_x_axis.diff(x))
# --8<-- [end:counterexample_limits]

# --8<-- [start:symmetric_stencil]
# The usual four-point stencil for a mixed partial treats x and y alike, so it cannot
# pick an order: at the origin it returns the average of -1 and 1.
h = 1e-3
stencil = (c(h, h) - c(h, -h) - c(-h, h) + c(-h, -h)) / (4 * h * h)
print(f"four-point stencil at the origin: {stencil:.6f}")
# --8<-- [end:symmetric_stencil]

# --8<-- [start:taylor_error]
f_num = sp.lambdify((x, y), f)
p = np.array([1.0, 1.0])
e2 = np.exp(-2.0)
g = np.array([-e2, -2 * e2])  # the gradient at p
H = e2 * np.array([[-2.0, 2.0], [2.0, 2.0]])  # the Hessian at p
direction = np.array([0.6, -0.8])  # a unit vector

print(" |step|      first-order error   second-order error   second / |step|^3")
for size in (0.4, 0.2, 0.1, 0.05, 0.025):
    delta = size * direction
    exact = f_num(*(p + delta))
    linear = f_num(*p) + g @ delta
    quadratic = linear + 0.5 * delta @ H @ delta
    err1, err2 = abs(exact - linear), abs(exact - quadratic)
    print(f"{size:7.3f} {err1:20.3e} {err2:20.3e} {err2 / size**3:18.4f}")
# --8<-- [end:taylor_error]

# --8<-- [start:classify]
hessians_at_critical_points = {
    "x^2 + y^2 at (0, 0)": np.array([[2.0, 0.0], [0.0, 2.0]]),
    "x^2 - y^2 at (0, 0)": np.array([[2.0, 0.0], [0.0, -2.0]]),
    "x^2 + y^4 at (0, 0)": np.array([[2.0, 0.0], [0.0, 0.0]]),
    "x^2 - y^4 at (0, 0)": np.array([[2.0, 0.0], [0.0, 0.0]]),
    "f at (+1/sqrt2, 0)": np.exp(-0.5) * np.diag([-2 * np.sqrt(2), -np.sqrt(2)]),
    "f at (-1/sqrt2, 0)": np.exp(-0.5) * np.diag([2 * np.sqrt(2), np.sqrt(2)]),
}


def classify(eigenvalues: np.ndarray, tolerance: float = 1e-12) -> str:
    """The second-derivative test: the signs of the eigenvalues decide, unless one is 0."""
    if np.all(eigenvalues > tolerance):
        return "local minimum"
    if np.all(eigenvalues < -tolerance):
        return "local maximum"
    if eigenvalues.min() < -tolerance and eigenvalues.max() > tolerance:
        return "saddle point"
    return "inconclusive: the Hessian is singular"


for name, H in hessians_at_critical_points.items():
    eigenvalues = np.linalg.eigvalsh(H)  # symmetric matrix: real eigenvalues, ascending
    shown = np.round(eigenvalues, 4) + 0.0
    print(f"{name:20} eigenvalues {shown!s:18} {classify(eigenvalues)}")
# --8<-- [end:classify]

# --8<-- [start:logsumexp]
rng = np.random.default_rng(0)
z = rng.normal(size=4)


def lse(v: np.ndarray) -> float:
    """Log-sum-exp, shifted by the maximum so that exp never overflows."""
    peak = v.max()
    return float(peak + np.log(np.exp(v - peak).sum()))


def numeric_hessian(
    func: Callable[[np.ndarray], float], at: np.ndarray, h: float = 1e-4
) -> np.ndarray:
    n = at.size
    basis = np.eye(n) * h
    return np.array(
        [
            [
                (
                    func(at + basis[i] + basis[j])
                    - func(at + basis[i] - basis[j])
                    - func(at - basis[i] + basis[j])
                    + func(at - basis[i] - basis[j])
                )
                / (4 * h * h)
                for j in range(n)
            ]
            for i in range(n)
        ]
    )


s = np.exp(z - z.max()) / np.exp(z - z.max()).sum()  # softmax(z)
formula = np.diag(s) - np.outer(s, s)
print(
    "max |finite differences - formula| =", f"{np.abs(numeric_hessian(lse, z) - formula).max():.1e}"
)
print("max |H @ ones| =", f"{np.abs(formula @ np.ones(4)).max():.1e}")
print("eigenvalues:", np.round(np.linalg.eigvalsh(formula), 4) + 0.0)  # + 0.0 turns -0 into 0
# --8<-- [end:logsumexp]
