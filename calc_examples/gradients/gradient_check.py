"""A gradient check of docs/gradients.md: matrix gradients against finite differences."""

from collections.abc import Callable

import numpy as np

# --8<-- [start:gradient_check]
rng = np.random.default_rng(0)


def numeric_gradient(loss: Callable[[np.ndarray], float], w: np.ndarray) -> np.ndarray:
    """Nudge one entry of W at a time; the result has W's shape, like the gradient."""
    grad = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[index] = 1e-6
        grad[index] = (loss(w + step) - loss(w - step)) / 2e-6
    return grad


def trace_error(m: int, n: int) -> float:
    """How far the numeric gradient of tr(AX) is from A^T, for a random X of shape m x n."""
    a, x = rng.normal(size=(n, m)), rng.normal(size=(m, n))
    return float(np.abs(numeric_gradient(lambda w: np.trace(a @ w), x) - a.T).max())


def log_det_error(n: int) -> float:
    """How far the numeric gradient of log det X is from (X^-1)^T, for a random n x n X."""
    x = rng.normal(size=(n, n)) * 0.3 + 3.5 * np.eye(n)  # invertible, det > 0
    numeric = numeric_gradient(lambda w: np.log(np.linalg.det(w)), x)
    return float(np.abs(numeric - np.linalg.inv(x).T).max())


for m, n in [(2, 3), (3, 2), (1, 4)]:
    print(f"X {m}x{n}:  grad tr(AX)     vs A^T:      max error {trace_error(m, n):.1e}")
for n in [1, 2, 3]:
    print(f"X {n}x{n}:  grad log det X  vs (X^-1)^T: max error {log_det_error(n):.1e}")
# --8<-- [end:gradient_check]
