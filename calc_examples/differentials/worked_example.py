"""The worked examples of docs/differentials.md: differentials checked with NumPy."""

import numpy as np

# --8<-- [start:first_order]
rng = np.random.default_rng(0)
X = 3 * np.eye(3) + rng.uniform(-0.5, 0.5, size=(3, 3))  # invertible
V = rng.normal(size=(3, 3))  # the direction dX
X_inv = np.linalg.inv(X)
dX_inv = -X_inv @ V @ X_inv  # the differential d(X^{-1}) in direction V

for t in (1e-1, 1e-2, 1e-3):
    error = np.linalg.norm(np.linalg.inv(X + t * V) - X_inv - t * dX_inv)
    print(f"t = {t:.0e}: error {error:.1e}, error / t = {error / t:.1e}")
# --8<-- [end:first_order]

# --8<-- [start:wrong_order]
wrong = -X_inv @ X_inv @ V  # -X^{-2} dX: the scalar rule, factors moved past each other
for t in (1e-1, 1e-2, 1e-3):
    error = np.linalg.norm(np.linalg.inv(X + t * V) - X_inv - t * wrong)
    print(f"t = {t:.0e}: error / t = {error / t:.1e}")
# --8<-- [end:wrong_order]

# --8<-- [start:kronecker]
A, M, B = rng.normal(size=(2, 3)), rng.normal(size=(3, 4)), rng.normal(size=(4, 2))


def vec(matrix: np.ndarray) -> np.ndarray:
    return matrix.reshape(-1, order="F")  # stack the columns


jacobian = np.kron(B.T, A)  # the Jacobian of X -> AXB, acting on vec X
print("shape of the Jacobian:", jacobian.shape)
print("vec(AMB) = (B^T kron A) vec M:", np.allclose(vec(A @ M @ B), jacobian @ vec(M)))
print("with the factors swapped:", np.allclose(vec(A @ M @ B), np.kron(A, B.T) @ vec(M)))
# --8<-- [end:kronecker]

# --8<-- [start:backprop]
W, Xb = rng.normal(size=(2, 3)), rng.normal(size=(3, 4))
G = rng.normal(size=(2, 4))  # dL/dY from the layer above, for Y = W X


def loss(W: np.ndarray) -> float:
    return float(np.trace(G.T @ W @ Xb))  # a loss whose gradient at Y is G


grad_W = G @ Xb.T  # read off from dL = tr(G^T dW X) = tr((G X^T)^T dW)
numeric = np.zeros_like(W)
h = 1e-6
for i, j in np.ndindex(*W.shape):
    E = np.zeros_like(W)
    E[i, j] = h
    numeric[i, j] = (loss(W + E) - loss(W - E)) / (2 * h)
print("grad_W has the shape of W:", grad_W.shape == W.shape)
print("agrees with finite differences to 1e-6:", np.allclose(grad_W, numeric, atol=1e-6))
# --8<-- [end:backprop]
