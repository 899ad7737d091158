"""Matrix-valued steps: d(X²) and d(X⁻¹) by central differences against their formulas."""

from collections.abc import Callable

import numpy as np

# --8<-- [start:matrix_steps]
rng = np.random.default_rng(3)
n = 4
X = rng.normal(size=(n, n)) + 3 * np.eye(n)  # safely invertible
V = rng.normal(size=(n, n))  # the direction dX
t = 1e-6


def directional(F: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """(F(X + tV) − F(X − tV)) / 2t: the change of F along V, with no formula used."""
    return (F(X + t * V) - F(X - t * V)) / (2 * t)


inv = np.linalg.inv
square = directional(lambda A: A @ A)
inverse = directional(inv)
print(f"d(X²):  |XV + VX - differences| = {np.max(np.abs(X @ V + V @ X - square)):.1e}")
print(f"        |2XV     - differences| = {np.max(np.abs(2 * X @ V - square)):.1e}")
print(f"d(X⁻¹): |-X⁻¹VX⁻¹ - differences| = {np.max(np.abs(-inv(X) @ V @ inv(X) - inverse)):.1e}")
print(f"        |-X⁻²V    - differences| = {np.max(np.abs(-inv(X) @ inv(X) @ V - inverse)):.1e}")
# --8<-- [end:matrix_steps]
