"""Dual numbers: forward-mode differentiation by carrying a derivative along with each value."""

from __future__ import annotations

import math


# --8<-- [start:dual_class]
class Dual:
    """a + a'ε with ε² = 0: the ε part of f(x + ε) is f'(x)."""

    def __init__(self, value: float, derivative: float = 0.0) -> None:
        self.value, self.derivative = value, derivative

    def __add__(self, other: Dual | float) -> Dual:
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(self.value + other.value, self.derivative + other.derivative)

    def __mul__(self, other: Dual | float) -> Dual:
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(
            self.value * other.value,
            self.value * other.derivative + self.derivative * other.value,  # product rule
        )

    __radd__, __rmul__ = __add__, __mul__


def sin(x: Dual) -> Dual:
    return Dual(math.sin(x.value), math.cos(x.value) * x.derivative)


def exp(x: Dual) -> Dual:
    return Dual(math.exp(x.value), math.exp(x.value) * x.derivative)


# --8<-- [end:dual_class]


# --8<-- [start:dual_demo]
def f(x: Dual) -> Dual:
    return x * sin(x) + exp(x * x)


for point in (-1.0, 0.5, 1.2):
    result = f(Dual(point, 1.0))  # seed dx/dx = 1
    formula = math.sin(point) + point * math.cos(point) + 2 * point * math.exp(point**2)
    print(
        f"x = {point:4}: f = {result.value:.6f}, dual f' = {result.derivative:.10f},"
        f" formula f' = {formula:.10f}"
    )
# --8<-- [end:dual_demo]
