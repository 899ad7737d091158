"""Runnable examples of docs/gradients.md: partials, the limit, directions, linearisation."""

import numpy as np
import sympy as sp

from calc_examples.gradients.functions import f, g, h, x, y

# --8<-- [start:partials]
for name, function in [("f", f), ("g", g), ("h", h)]:
    gradient = sp.Matrix([function.diff(x), function.diff(y)])  # a column: 2 x 1
    print(f"{name} = {function}:  d{name}/dx = {gradient[0]},  d{name}/dy = {gradient[1]}")
sp.Matrix([f.diff(x), f.diff(y)])  # the gradient of f, as a column
# --8<-- [end:partials]


# --8<-- [start:limit]
def f_numeric(xv: float, yv: float) -> float:
    """The function 3x^2 y on plain floats, so the quotients below use no calculus at all."""
    return 3 * xv**2 * yv


for step in [1e-1, 1e-2, 1e-3, 1e-4]:
    quotient = (f_numeric(1 + step, 2) - f_numeric(1, 2)) / step  # only x moves
    print(f"h = {step:<6}  (f(1+h, 2) - f(1, 2)) / h = {quotient:.6f}")
print("df/dx = 6xy at (1, 2) is", 6 * 1 * 2)
# --8<-- [end:limit]

# --8<-- [start:directional]
point = np.array([1.0, 2.0])
grad = np.array([6 * point[0] * point[1], 3 * point[0] ** 2])  # the gradient of f at (1, 2)


def rate(direction: np.ndarray, step: float = 1e-6) -> float:
    """The slope of f along a unit direction, measured by walking a tiny step both ways."""
    ahead, behind = point + step * direction, point - step * direction
    return (f_numeric(*ahead) - f_numeric(*behind)) / (2 * step)


u = np.array([3.0, 4.0]) / 5  # a unit vector
print(f"walking along u:  {rate(u):.6f}   grad . u = {grad @ u:.6f}")

angles = np.linspace(0, 2 * np.pi, 3601)
rates = [rate(np.array([np.cos(a), np.sin(a)])) for a in angles]
best = angles[int(np.argmax(rates))]
print(f"steepest of 3601 directions: ({np.cos(best):.4f}, {np.sin(best):.4f})")
print(
    f"grad / |grad|:               {grad[0] / np.linalg.norm(grad):.4f}, "
    f"{grad[1] / np.linalg.norm(grad):.4f}"
)
print(f"largest rate {max(rates):.4f}  vs  |grad| = {np.linalg.norm(grad):.4f}")
# --8<-- [end:directional]

# --8<-- [start:linearisation]
value = f_numeric(*point)  # f(1, 2) = 6
print("     |Delta|   f(x0 + Delta)   tangent plane     error   error / |Delta|^2")
for size in [0.1, 0.05, 0.025, 0.0125]:
    delta = size * np.array([1.0, 1.0]) / np.sqrt(2)
    exact = f_numeric(*(point + delta))
    tangent = value + grad @ delta  # f(x0) + grad^T Delta
    error = exact - tangent
    print(f"{size:10.4f} {exact:15.6f} {tangent:15.6f} {error:9.2e} {error / size**2:12.4f}")
# --8<-- [end:linearisation]
