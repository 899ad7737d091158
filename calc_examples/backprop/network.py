"""Backpropagation on small networks in NumPy, checked against central finite differences."""

from collections.abc import Callable
from itertools import pairwise

import numpy as np

Array = np.ndarray


def central_differences(loss: Callable[[], float], parameter: Array, step: float = 1e-6) -> Array:
    """The gradient of loss() by nudging each entry of parameter in place: slow but independent."""
    gradient = np.zeros_like(parameter)
    for index in np.ndindex(parameter.shape):
        saved = parameter[index]
        parameter[index] = saved + step
        above = loss()
        parameter[index] = saved - step
        below = loss()
        parameter[index] = saved
        gradient[index] = (above - below) / (2 * step)
    return gradient


# --8<-- [start:deep_chain]
rng = np.random.default_rng(0)
widths = [3, 5, 4, 4, 2]  # x in R^3, three hidden layers, output in R^2
Ws = [rng.normal(size=(m, n)) / np.sqrt(n) for n, m in pairwise(widths)]
bs = [rng.normal(size=(m, 1)) for m in widths[1:]]
x = rng.normal(size=(widths[0], 1))
y = rng.normal(size=(widths[-1], 1))


def forward() -> tuple[list[Array], list[Array]]:
    """Return the inputs h_0 = x, h_1, ... of each layer and the pre-activations z_k."""
    hs, zs = [x], []
    for W, b in zip(Ws, bs, strict=True):
        zs.append(W @ hs[-1] + b)
        hs.append(np.tanh(zs[-1]))
    return hs, zs


def loss() -> float:
    hs, _ = forward()
    return float(0.5 * np.sum((hs[-1] - y) ** 2))


def backward() -> tuple[list[Array], list[Array], Array]:
    hs, zs = forward()
    grad_h = hs[-1] - y  # ∇ of ½‖h − y‖² with respect to the output h
    grads_W, grads_b = [], []
    for W, z, h_in in zip(reversed(Ws), reversed(zs), reversed(hs[:-1]), strict=True):
        delta = (1 - np.tanh(z) ** 2) * grad_h  # δ = diag(φ'(z)) ∇_h L
        grads_W.append(delta @ h_in.T)  # ∇_W L = δ h_inᵀ
        grads_b.append(delta)  # ∇_b L = δ
        grad_h = W.T @ delta  # ∇ with respect to the layer's input: Wᵀδ
    return grads_W[::-1], grads_b[::-1], grad_h


grads_W, grads_b, grad_x = backward()
errors = [
    np.max(np.abs(g - central_differences(loss, W))) for g, W in zip(grads_W, Ws, strict=True)
]
errors += [
    np.max(np.abs(g - central_differences(loss, b))) for g, b in zip(grads_b, bs, strict=True)
]
errors.append(np.max(np.abs(grad_x - central_differences(loss, x))))
print(f"loss = {loss():.6f}")
print(
    f"parameters checked: {sum(W.size + b.size for W, b in zip(Ws, bs, strict=True))} (+ 3 inputs)"
)
print(f"max |backprop - finite differences| = {max(errors):.1e}")
# --8<-- [end:deep_chain]

# --8<-- [start:jacobian_product]
hs, zs = forward()
jacobians = [np.diag(1 - np.tanh(z).ravel() ** 2) @ W for W, z in zip(Ws, zs, strict=True)]
row = (hs[-1] - y).T  # ∂L/∂h_4, a 1 x 2 row
for J in reversed(jacobians):  # multiply from the loss back to the input
    row = row @ J
print("shapes of the factors:", [J.shape for J in reversed(jacobians)])
print(f"max |row product - (backprop gradient)ᵀ| = {np.max(np.abs(row - grad_x.T)):.1e}")
# --8<-- [end:jacobian_product]

# --8<-- [start:worked_forward]
x = np.array([[1.0], [-2.0]])
W = np.array([[0.5, -0.3], [0.8, 0.2]])
b = np.array([[0.1], [-0.1]])
v = np.array([[1.5], [-0.7]])
y = 0.5

z = W @ x + b
h = np.tanh(z)
p = (v.T @ h).item()
L = 0.5 * (p - y) ** 2
print("z =", z.ravel().round(4), "  h =", h.ravel().round(4))
print(f"p = {p:.4f}   L = {L:.4f}")
# --8<-- [end:worked_forward]

# --8<-- [start:worked_backward]
dL_dp = p - y  # step 1: the loss
grad_v = dL_dp * h  # step 2: p = vᵀh
grad_h = dL_dp * v  # step 3: back through vᵀ
grad_z = (1 - h**2) * grad_h  # step 4: back through tanh, diag(φ'(z))
grad_W = grad_z @ x.T  # step 5: z = Wx + b
grad_b = grad_z
print(f"dL/dp = {dL_dp:.4f}")
print("∇_v L =", grad_v.ravel().round(4), "  ∇_h L =", grad_h.ravel().round(4))
print("∇_z L =", grad_z.ravel().round(4), "  ∇_b L =", grad_b.ravel().round(4))
print("∇_W L =", grad_W.round(4).tolist())
# --8<-- [end:worked_backward]


# --8<-- [start:worked_check]
def worked_loss() -> float:
    return float(0.5 * ((v.T @ np.tanh(W @ x + b)).item() - y) ** 2)


for name, grad, parameter in [("W", grad_W, W), ("b", grad_b, b), ("v", grad_v, v)]:
    error = np.max(np.abs(grad - central_differences(worked_loss, parameter)))
    print(f"∇_{name} L: max |backprop - finite differences| = {error:.1e}")
# --8<-- [end:worked_check]
