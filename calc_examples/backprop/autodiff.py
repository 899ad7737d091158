"""A small reverse-mode automatic differentiator, written for docs/backprop.md.

Every operation records its inputs and the local derivative with respect to each of them; the
backward pass multiplies those local derivatives along every path from the output back to the
inputs, in reverse topological order: the chain rule, one scalar at a time.
"""

from __future__ import annotations

import math


# --8<-- [start:value_node]
class Value:
    """A number that remembers how it was computed, so it can be differentiated later."""

    def __init__(
        self,
        data: float,
        parents: tuple[Value, ...] = (),
        local_grads: tuple[float, ...] = (),
    ) -> None:
        self.data = float(data)
        self.grad = 0.0  # ∂output/∂self, filled in by backward()
        self.parents = parents  # the Values this one was computed from
        self.local_grads = local_grads  # ∂self/∂parent, one per parent

    def __repr__(self) -> str:
        return f"Value(data={self.data:.4f}, grad={self.grad:.4f})"


# --8<-- [end:value_node]


# --8<-- [start:value_ops]
def as_value(x: Value | float) -> Value:
    return x if isinstance(x, Value) else Value(x)


def add(a: Value | float, b: Value | float) -> Value:
    a, b = as_value(a), as_value(b)
    return Value(a.data + b.data, (a, b), (1.0, 1.0))


def mul(a: Value | float, b: Value | float) -> Value:
    a, b = as_value(a), as_value(b)
    return Value(a.data * b.data, (a, b), (b.data, a.data))


def power(a: Value, k: float) -> Value:
    """a**k for a constant exponent k."""
    return Value(a.data**k, (a,), (k * a.data ** (k - 1),))


def sub(a: Value | float, b: Value | float) -> Value:
    return add(a, mul(b, -1.0))


def div(a: Value | float, b: Value | float) -> Value:
    return mul(a, power(as_value(b), -1.0))


def exp(a: Value) -> Value:
    e = math.exp(a.data)
    return Value(e, (a,), (e,))


def log(a: Value) -> Value:
    return Value(math.log(a.data), (a,), (1.0 / a.data,))


def tanh(a: Value) -> Value:
    t = math.tanh(a.data)
    return Value(t, (a,), (1.0 - t * t,))


def relu(a: Value) -> Value:
    return Value(max(0.0, a.data), (a,), (1.0 if a.data > 0 else 0.0,))


# Python's operators on Values, in either order (2 * a as well as a * 2).
Value.__add__ = Value.__radd__ = add  # type: ignore[assignment,method-assign,operator]
Value.__mul__ = Value.__rmul__ = mul  # type: ignore[assignment,method-assign,operator]
Value.__sub__ = sub  # type: ignore[assignment,method-assign,operator]
Value.__rsub__ = lambda a, b: sub(b, a)  # type: ignore[assignment,method-assign,operator]
Value.__truediv__ = div  # type: ignore[assignment,method-assign,operator]
Value.__rtruediv__ = lambda a, b: div(b, a)  # type: ignore[assignment,method-assign,operator]
Value.__neg__ = lambda a: mul(a, -1.0)  # type: ignore[assignment,method-assign,operator]
Value.__pow__ = power  # type: ignore[assignment,method-assign,operator]
# --8<-- [end:value_ops]


# --8<-- [start:backward]
def backward(output: Value) -> None:
    """Fill in .grad of every Value that output depends on."""
    order: list[Value] = []  # topological: every node after all of its parents
    seen: set[int] = set()

    def visit(node: Value) -> None:
        if id(node) not in seen:
            seen.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)

    visit(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):  # from the output back to the inputs
        for parent, local in zip(node.parents, node.local_grads, strict=True):
            parent.grad += local * node.grad  # chain rule; += sums over paths


# --8<-- [end:backward]
