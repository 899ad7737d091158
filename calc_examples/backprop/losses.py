"""Loss gradients of docs/backprop.md in NumPy: least squares solved, the others spot-checked."""

from collections.abc import Callable

import numpy as np

Array = np.ndarray


def numerical_gradient(loss: Callable[[Array], float], w: Array, step: float = 1e-6) -> Array:
    """Central differences, entry by entry: independent of every formula on the page."""
    gradient = np.zeros_like(w)
    for i in range(w.size):
        e = np.zeros_like(w)
        e.flat[i] = step
        gradient.flat[i] = (loss(w + e) - loss(w - e)) / (2 * step)
    return gradient


def sigmoid(u: Array) -> Array:
    return 1 / (1 + np.exp(-u))


# --8<-- [start:normal_equations]
X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])  # a column of ones: the intercept
y = np.array([[1.0], [2.0], [2.0], [4.0]])
N = len(y)


def mse(w: Array) -> float:
    return float(np.sum((X @ w - y) ** 2) / N)


w_star = np.linalg.solve(X.T @ X, X.T @ y)  # the normal equations XᵀX w = Xᵀy
gradient_at_solution = 2 / N * X.T @ (X @ w_star - y)
print("w* =", w_star.ravel().round(4), f"  C(w*) = {mse(w_star):.4f}")
print("(2/N) Xᵀ(Xw* − y) =", gradient_at_solution.ravel().round(12) + 0.0)
w = np.array([[0.0], [1.0]])
error = np.max(np.abs(2 / N * X.T @ (X @ w - y) - numerical_gradient(mse, w)))
print(f"at w = (0, 1): max |formula - finite differences| = {error:.1e}")
# --8<-- [end:normal_equations]

# --8<-- [start:classification]
rng = np.random.default_rng(2)
z = rng.normal(size=(4, 1))
one_hot = np.array([[0.0], [0.0], [1.0], [0.0]])


def cross_entropy(z: Array) -> float:
    return float(-(one_hot.T @ (z - np.log(np.sum(np.exp(z))))).item())


softmax = np.exp(z) / np.sum(np.exp(z))
error = np.max(np.abs((softmax - one_hot) - numerical_gradient(cross_entropy, z)))
print(f"softmax + cross-entropy: max |(softmax(z) - y) - differences| = {error:.1e}")

Xc = rng.normal(size=(6, 3))
labels = (rng.uniform(size=(6, 1)) < 0.5).astype(float)


def logistic_loss(w: Array) -> float:
    s = sigmoid(Xc @ w)
    return float(np.mean(-labels * np.log(s) - (1 - labels) * np.log(1 - s)))


w = rng.normal(size=(3, 1))
formula = Xc.T @ (sigmoid(Xc @ w) - labels) / len(labels)
error = np.max(np.abs(formula - numerical_gradient(logistic_loss, w)))
print(f"logistic regression: max |Xᵀ(σ(Xw) - y)/N - differences| = {error:.1e}")
# --8<-- [end:classification]
