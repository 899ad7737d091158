"""The autodiff of autodiff.py checked on the chapter's examples against SymPy and differences.

Each example is written once, over an ``ops`` namespace (tanh, exp, log, relu), and evaluated
three ways: on Values (reverse mode), on SymPy symbols (differentiated by sympy.diff) and on
floats (central differences).
"""

import math
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import numpy as np
import sympy as sp

from calc_examples.backprop import autodiff
from calc_examples.backprop.autodiff import Value, backward

VALUE_OPS = SimpleNamespace(
    tanh=autodiff.tanh, exp=autodiff.exp, log=autodiff.log, relu=autodiff.relu
)
SYMPY_OPS = SimpleNamespace(tanh=sp.tanh, exp=sp.exp, log=sp.log, relu=lambda u: sp.Max(0, u))
FLOAT_OPS = SimpleNamespace(tanh=math.tanh, exp=math.exp, log=math.log, relu=lambda u: max(0.0, u))

Example = Callable[[Sequence[Any], SimpleNamespace], Any]


def autodiff_gradient(
    f: Example, point: Sequence[float], ops: SimpleNamespace = VALUE_OPS
) -> np.ndarray:
    inputs = [Value(p) for p in point]
    backward(f(inputs, ops))
    return np.array([v.grad for v in inputs])


def sympy_gradient(f: Example, point: Sequence[float]) -> np.ndarray:
    symbols = sp.symbols(f"s0:{len(point)}", real=True)
    expression = f(symbols, SYMPY_OPS)
    at = dict(zip(symbols, point, strict=True))
    return np.array([float(sp.diff(expression, s).subs(at)) for s in symbols])


def finite_difference_gradient(
    f: Example, point: Sequence[float], step: float = 1e-6
) -> np.ndarray:
    gradient = []
    for index in range(len(point)):
        above, below = list(point), list(point)
        above[index] += step
        below[index] -= step
        gradient.append((f(above, FLOAT_OPS) - f(below, FLOAT_OPS)) / (2 * step))
    return np.array(gradient)


# --8<-- [start:examples]
def f_ab(s: Sequence[Any], ops: SimpleNamespace) -> Any:
    a, b = s
    return a * ops.tanh(b) + ops.exp(a) / b


def worked_network(s: Sequence[Any], ops: SimpleNamespace) -> Any:
    """The worked example: s = (W11, W12, W21, W22, b1, b2, v1, v2); x = (1, -2), y = 0.5."""
    W11, W12, W21, W22, b1, b2, v1, v2 = s
    h1 = ops.tanh(W11 * 1.0 + W12 * -2.0 + b1)
    h2 = ops.tanh(W21 * 1.0 + W22 * -2.0 + b2)
    return 0.5 * (v1 * h1 + v2 * h2 - 0.5) ** 2


def relu_neuron_mse(s: Sequence[Any], ops: SimpleNamespace) -> Any:
    """(1/3) Σ (max(0, wᵀxᵢ + b) − yᵢ)² over three fixed samples; s = (w1, w2, b)."""
    w1, w2, b = s
    samples = [((1.0, 2.0), 1.0), ((-1.5, 0.5), -0.5), ((0.3, -1.0), 0.2)]
    return sum((ops.relu(w1 * x1 + w2 * x2 + b) - y) ** 2 for (x1, x2), y in samples) / 3


def softmax_cross_entropy(s: Sequence[Any], ops: SimpleNamespace) -> Any:
    """−log softmax(z)_2 for z = s, the true class being the second of three."""
    total = ops.exp(s[0]) + ops.exp(s[1]) + ops.exp(s[2])
    return -ops.log(ops.exp(s[1]) / total)


EXAMPLES = {
    "a tanh(b) + e^a / b": (f_ab, [0.7, 1.3]),
    "worked network": (worked_network, [0.5, -0.3, 0.8, 0.2, 0.1, -0.1, 1.5, -0.7]),
    "ReLU neuron, MSE": (relu_neuron_mse, [0.4, -0.6, 0.1]),
    "softmax + cross-entropy": (softmax_cross_entropy, [0.2, -1.0, 0.5]),
}
# --8<-- [end:examples]

# --8<-- [start:compare]
print(f"{'example':<26}{'vs SymPy':>10}{'vs differences':>16}")
for name, (f, point) in EXAMPLES.items():
    ours = autodiff_gradient(f, point)
    symbolic = np.max(np.abs(ours - sympy_gradient(f, point)))
    numeric = np.max(np.abs(ours - finite_difference_gradient(f, point)))
    print(f"{name:<26}{symbolic:>10.1e}{numeric:>16.1e}")
# --8<-- [end:compare]


# --8<-- [start:wrong_rule]
def broken_tanh(a: Value) -> Value:
    t = math.tanh(a.data)
    return Value(t, (a,), (1.0 - t,))  # wrong: the derivative of tanh is 1 - t²


broken = SimpleNamespace(**{**vars(VALUE_OPS), "tanh": broken_tanh})
f, point = EXAMPLES["worked network"]
error = np.max(np.abs(autodiff_gradient(f, point, broken) - finite_difference_gradient(f, point)))
print(f"with a wrong local derivative for tanh: max error {error:.2f}")
# --8<-- [end:wrong_rule]
