"""Forward and reverse accumulation of a chain of Jacobians: same numbers, different costs."""

import time

import numpy as np

Array = np.ndarray


# --8<-- [start:cost_table]
class Counter:
    """Multiplies matrices and counts the multiply-adds: a (p×q)(q×r) product costs p·q·r."""

    def __init__(self) -> None:
        self.multiply_adds = 0

    def matmul(self, left: Array, right: Array) -> Array:
        self.multiply_adds += left.shape[0] * left.shape[1] * right.shape[1]
        return left @ right


def forward_mode(g: Array, jacobians: list[Array], counter: Counter) -> Array:
    """Right to left: Jacobian times Jacobian, the row only at the very end."""
    product = jacobians[0]
    for J in jacobians[1:]:
        product = counter.matmul(J, product)
    return counter.matmul(g, product)


def reverse_mode(g: Array, jacobians: list[Array], counter: Counter) -> Array:
    """Left to right: the row times one Jacobian at a time (vector-Jacobian products)."""
    row = g
    for J in reversed(jacobians):
        row = counter.matmul(row, J)
    return row


rng = np.random.default_rng(1)
depth = 10
print(f"{'n':>5} | {'forward (right to left)':>24} | {'reverse (left to right)':>24} | ratio")
for n in (10, 100, 1000):
    jacobians = [rng.normal(size=(n, n)) / np.sqrt(n) for _ in range(depth)]  # J_1 ... J_10
    g = rng.normal(size=(1, n))
    seconds = {}
    for name, mode in (("forward", forward_mode), ("reverse", reverse_mode)):
        counter = Counter()
        start = time.perf_counter()
        result = mode(g, jacobians, counter)
        seconds[name] = time.perf_counter() - start  # measured; not printed (it varies)
        if name == "forward":
            forward_result, forward_count = result, counter.multiply_adds
        else:
            reverse_result, reverse_count = result, counter.multiply_adds
    assert np.allclose(forward_result, reverse_result), "both orders give the same row"
    ratio = forward_count // reverse_count
    print(f"{n:>5} | {forward_count:>24,} | {reverse_count:>24,} | {ratio:>5}")
# --8<-- [end:cost_table]
