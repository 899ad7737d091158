"""Checks for the claims of docs/backprop.md.

Each check says what a claim's left-hand side means: a derivative of a concrete loss or layer
built here from matrices of symbols, at several shapes. The engine verifies the page's right-hand
sides symbolically and by central finite differences.
"""

from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from verified_docs.checks import (
    Derivative,
    Expression,
    Model,
    claim,
    claims_by_name,
    identity,
    matrix_symbols,
    sample_entries,
)

_u = sp.Dummy("u", real=True)


def elementwise(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A scalar function the page may apply to a vector, entry by entry, as NumPy would."""

    def apply(argument: Any) -> Any:
        if isinstance(argument, sp.MatrixBase):
            return sp.ImmutableMatrix(argument.applyfunc(function))
        return function(argument)

    return apply


def derivative_of(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """φ′ computed by SymPy from φ, so the page's φ′ is a derivative, not a second definition."""
    derivative = sp.Lambda(_u, sp.diff(function(_u), _u))
    return elementwise(derivative)


TANH = {r"\phi": elementwise(sp.tanh), r"\phi'": derivative_of(sp.tanh)}


# ReLU itself is the built-in \operatorname{relu}; ψ is its derivative, the indicator 1[u > 0]
# (φ′ keeps one meaning on the page: the derivative of the layers' tanh).
def relu(u: Any) -> Any:
    return sp.Max(0, u)


RELU = {r"\psi": derivative_of(relu)}


def sigmoid(u: Any) -> Any:
    return 1 / (1 + sp.exp(-u))


def column(symbols: Sequence[sp.Symbol]) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(list(symbols))


# ---------------------------------------------------------------------------------------------
# One layer h = φ(Wx + b), φ = tanh, with a concrete scalar loss L = cᵀh to differentiate.
# z = Wx + b is a derived variable, so ∇_z L is a partial derivative and ∇_W L a total one.


def layer(rows: int, cols: int) -> Model:
    w = matrix_symbols("W", rows, cols)
    x, b, c = (
        matrix_symbols(name, size, 1) for name, size in (("x", cols), ("b", rows), ("c", rows))
    )
    z = column(sp.symbols(f"z_1:{rows + 1}", real=True))
    loss = (c.T * z.applyfunc(sp.tanh))[0, 0]
    return Model(
        sample=sample_entries(w, x, b, c),
        where=dict(zip(z, w * x + b, strict=True)),
        names={
            "W": w,
            r"\mathbf{x}": x,
            r"\mathbf{b}": b,
            r"\mathbf{c}": c,
            r"\mathbf{z}": z,
            "L": Expression(loss),
            r"\boldsymbol{\delta}": Derivative(loss, list(z), layout="gradient"),
            r"\nabla_{\mathbf{z}} L": Derivative(loss, list(z), layout="gradient"),
        },
        functions=TANH,
        dimensions={"m": rows, "n": cols},
    )


LAYER = [layer(2, 3), layer(3, 2), layer(2, 2)]
# Claims that apply φ′ cost a compilation per sample point; two shapes suffice for them.
LAYER_PHI = LAYER[:2]


def hidden(model: Model) -> sp.ImmutableMatrix:
    w, x, b = model.names["W"], model.names[r"\mathbf{x}"], model.names[r"\mathbf{b}"]
    return sp.ImmutableMatrix((w * x + b).applyfunc(sp.tanh))


def layer_loss(model: Model) -> Any:
    return model.names["L"].expr


@claim(
    "bp-layer-jacobian-x", model=LAYER_PHI, lhs=r"\frac{\partial \mathbf{h}}{\partial \mathbf{x}}"
)
@claim(
    "bp-mistake-jacobian-order", model=LAYER, lhs=r"\frac{\partial \mathbf{h}}{\partial \mathbf{x}}"
)
def layer_jacobian_x(model: Model) -> Derivative:
    return Derivative(hidden(model), model.names[r"\mathbf{x}"])


@claim(
    "bp-layer-jacobian-b", model=LAYER_PHI, lhs=r"\frac{\partial \mathbf{h}}{\partial \mathbf{b}}"
)
def layer_jacobian_b(model: Model) -> Derivative:
    return Derivative(hidden(model), model.names[r"\mathbf{b}"])


claims_by_name(LAYER_PHI, {"bp-layer-delta": r"\boldsymbol{\delta}"})


@claim(
    "bp-layer-grad-w",
    "bp-mistake-grad-w-transposed",
    "bp-quiz-w-option-b",
    "bp-quiz-w-option-c",
    model=LAYER,
    lhs=r"\nabla_{W} L",
)
@claim("bp-quiz-w-option-a", model=LAYER_PHI, lhs=r"\nabla_{W} L")
def layer_gradient_w(model: Model) -> Derivative:
    return Derivative(layer_loss(model), model.names["W"], layout="gradient")


@claim("bp-layer-grad-b", model=LAYER, lhs=r"\nabla_{\mathbf{b}} L")
def layer_gradient_b(model: Model) -> Derivative:
    return Derivative(layer_loss(model), model.names[r"\mathbf{b}"], layout="gradient")


@claim(
    "bp-layer-grad-x", "bp-mistake-grad-x-no-transpose", model=LAYER, lhs=r"\nabla_{\mathbf{x}} L"
)
def layer_gradient_x(model: Model) -> Derivative:
    return Derivative(layer_loss(model), model.names[r"\mathbf{x}"], layout="gradient")


# Two layers: h₂ = φ(W₂ φ(W₁x + b₁) + b₂); the Jacobian is a product of one factor per link.
def two_layers(inputs: int, width: int, outputs: int) -> Model:
    w1, w2 = matrix_symbols("U", width, inputs), matrix_symbols("V", outputs, width)
    x = matrix_symbols("x", inputs, 1)
    b1, b2 = matrix_symbols("b", width, 1), matrix_symbols("c", outputs, 1)
    z1 = w1 * x + b1
    z2 = w2 * z1.applyfunc(sp.tanh) + b2
    return Model(
        sample=sample_entries(w1, w2, x, b1, b2),
        names={
            "W_1": w1,
            "W_2": w2,
            r"\mathbf{x}": x,
            r"\mathbf{b}_1": b1,
            r"\mathbf{b}_2": b2,
            r"\mathbf{z}_1": z1,
            r"\mathbf{z}_2": z2,
            r"\mathbf{h}_1": z1.applyfunc(sp.tanh),
            r"\mathbf{h}_2": z2.applyfunc(sp.tanh),
        },
        functions=TANH,
    )


@claim(
    "bp-chain-jacobian",
    model=[two_layers(2, 3, 2), two_layers(3, 2, 1)],
    lhs=r"\frac{\partial \mathbf{h}_2}{\partial \mathbf{x}}",
)
def chain_jacobian(model: Model) -> Derivative:
    h2 = model.names[r"\mathbf{z}_2"].applyfunc(sp.tanh)
    return Derivative(h2, model.names[r"\mathbf{x}"])


# Scalar derivatives of the two classic activations.
z, y = sp.symbols("z y", real=True)
SCALAR = Model(sample={z: (-3.0, 3.0), y: (0.0, 1.0)})


# An identity: the page's left side differentiates tanh.
identity("bp-tanh-derivative", model=SCALAR)


# An identity: the page's left side differentiates the sigmoid.
identity("bp-sigmoid-derivative", model=SCALAR)


# ---------------------------------------------------------------------------------------------
# One ReLU neuron a = max(0, wᵀx + b) and its mean squared error over N samples.


def neuron(size: int) -> Model:
    w, x = matrix_symbols("w", size, 1), matrix_symbols("x", size, 1)
    b = sp.Symbol("b", real=True)
    return Model(
        sample={**sample_entries(w, x), b: (-1.0, 1.0)},
        names={r"\mathbf{w}": w, r"\mathbf{x}": x},
        functions=RELU,
    )


NEURON = [neuron(3)]  # φ′ costs a compilation per sample point: one size


def activation(model: Model) -> Any:
    w, x = model.names[r"\mathbf{w}"], model.names[r"\mathbf{x}"]
    return sp.Max(0, (w.T * x)[0, 0] + sp.Symbol("b", real=True))


@claim("bp-neuron-grad-w", model=NEURON, lhs=r"\nabla_{\mathbf{w}} a")
def neuron_grad_w(model: Model) -> Derivative:
    return Derivative(activation(model), model.names[r"\mathbf{w}"], layout="gradient")


@claim("bp-neuron-grad-b", model=NEURON, lhs=r"\frac{\partial a}{\partial b}")
def neuron_grad_b(model: Model) -> Derivative:
    return Derivative(activation(model), sp.Symbol("b", real=True))


# N = 3 samples written out: u_i = wᵀx_i + b is derived, so the page may name it.
_w = matrix_symbols("w", 2, 1)
_xs = [matrix_symbols(name, 2, 1) for name in ("p", "q", "r")]  # x_1, x_2, x_3
_ys = sp.symbols("y_1:4", real=True)
_us = sp.symbols("u_1:4", real=True)
_b = sp.Symbol("b", real=True)
THREE_SAMPLES = Model(
    sample={**sample_entries(_w, *_xs), **{s: (-2.0, 2.0) for s in _ys}, _b: (-1.0, 1.0)},
    where={u: (_w.T * x)[0, 0] + _b for u, x in zip(_us, _xs, strict=True)},
    names={r"\mathbf{w}": _w, **{rf"\mathbf{{x}}_{i}": x for i, x in enumerate(_xs, start=1)}},
    functions=RELU,
)


@claim(
    "bp-neuron-mse-sum",
    "bp-mistake-indicator-outside",
    "bp-quiz-relu-option-a",
    "bp-quiz-relu-option-b",
    "bp-quiz-relu-option-c",
    model=THREE_SAMPLES,
    lhs=r"\nabla_{\mathbf{w}} C",
)
def three_sample_gradient(model: Model) -> Derivative:
    cost = sum((sp.Max(0, u) - y_i) ** 2 for u, y_i in zip(_us, _ys, strict=True)) / 3
    return Derivative(cost, _w, layout="gradient")


def data(samples: int, features: int, *, relu: bool = False) -> Model:
    x, w = matrix_symbols("X", samples, features), matrix_symbols("w", features, 1)
    y = matrix_symbols("y", samples, 1)
    b = sp.Symbol("b", real=True)
    return Model(
        sample={**sample_entries(x, w, y), b: (-1.0, 1.0)},
        names={
            "X": x,
            r"\mathbf{w}": w,
            r"\mathbf{y}": y,
            "N": sp.Integer(samples),
            r"\mathbf{1}": sp.ImmutableMatrix(sp.ones(samples, 1)),
        },
        functions=RELU if relu else {},
    )


@claim(
    "bp-neuron-mse-matrix",
    model=[data(3, 2, relu=True), data(4, 3, relu=True)],
    lhs=r"\nabla_{\mathbf{w}} C",
)
def neuron_mse_matrix(model: Model) -> Derivative:
    x, w, y = model.names["X"], model.names[r"\mathbf{w}"], model.names[r"\mathbf{y}"]
    u = x * w + sp.Symbol("b", real=True) * model.names[r"\mathbf{1}"]
    cost = sum((sp.Max(0, u_i) - y_i) ** 2 for u_i, y_i in zip(u, y, strict=True)) / len(y)
    return Derivative(cost, w, layout="gradient")


# Linear least squares: C(w) = (1/N)‖Xw − y‖².
LINEAR = [data(3, 2), data(4, 3), data(2, 2)]


@claim("bp-mse-linear", "bp-mistake-mse-row", model=LINEAR, lhs=r"\nabla_{\mathbf{w}} C")
def least_squares(model: Model) -> Derivative:
    x, w, y = model.names["X"], model.names[r"\mathbf{w}"], model.names[r"\mathbf{y}"]
    residual = x * w - y
    return Derivative((residual.T * residual)[0, 0] / len(y), w, layout="gradient")


def solved(samples: int, features: int) -> Model:
    """The weights are the least-squares solution; X is sampled well conditioned."""
    x, y = matrix_symbols("X", samples, features), matrix_symbols("y", samples, 1)
    w = column(sp.symbols(f"w_1:{features + 1}", real=True))
    solution = (x.T * x).inv() * x.T * y
    return Model(
        sample={
            **sample_entries(x, diagonal=(3.0, 4.0), interval=(-0.5, 0.5)),
            **sample_entries(y),
        },
        where=dict(zip(w, solution, strict=True)),
        names={
            "X": x,
            r"\mathbf{w}": w,
            r"\mathbf{y}": y,
            "N": sp.Integer(samples),
            r"\mathbf{0}": sp.ImmutableMatrix(sp.zeros(features, 1)),
        },
    )


@claim("bp-normal-equations", model=[solved(3, 2), solved(2, 1)], lhs=r"\nabla_{\mathbf{w}} C")
def normal_equations(model: Model) -> Derivative:
    return least_squares(model)


# ---------------------------------------------------------------------------------------------
# Softmax with cross-entropy, L = −yᵀ log softmax(z).


def classes(count: int, *, normalised: bool) -> Model:
    z_vec, y_vec = matrix_symbols("z", count, 1), matrix_symbols("y", count, 1)
    free = list(y_vec)[:-1] if normalised else list(y_vec)
    return Model(
        sample={**sample_entries(z_vec), **{s: (0.0, 1.0 / count) for s in free}},
        # With entries summing to 1 the last one is determined by the others.
        where={y_vec[-1]: 1 - sum(free)} if normalised else {},
        names={r"\mathbf{z}": z_vec, r"\mathbf{y}": y_vec},
        conditions=(sp.Eq(sum(y_vec), 1),) if normalised else (),
    )


NORMALISED = [classes(k, normalised=True) for k in (2, 3, 4)]
GENERAL = [classes(k, normalised=False) for k in (2, 3)]


@claim("bp-softmax-ce", model=NORMALISED, lhs=r"\nabla_{\mathbf{z}} L")
@claim(
    "bp-quiz-softmax-option-a",
    "bp-quiz-softmax-option-b",
    "bp-quiz-softmax-option-c",
    model=NORMALISED[1:],
    lhs=r"\nabla_{\mathbf{z}} L",
)
@claim(
    "bp-softmax-ce-general",
    "bp-mistake-softmax-general",
    model=GENERAL,
    lhs=r"\nabla_{\mathbf{z}} L",
)
def cross_entropy(model: Model) -> Derivative:
    z_vec, y_vec = model.names[r"\mathbf{z}"], model.names[r"\mathbf{y}"]
    total = sum(sp.exp(z_i) for z_i in z_vec)
    loss = -sum(y_i * sp.log(sp.exp(z_i) / total) for y_i, z_i in zip(y_vec, z_vec, strict=True))
    return Derivative(loss, z_vec, layout="gradient")


# Sigmoid with binary cross-entropy, one example and logistic regression over N.
@claim("bp-bce", model=SCALAR, lhs=r"\frac{\partial L}{\partial z}")
def binary_cross_entropy(model: Model) -> Derivative:
    s = sigmoid(z)
    return Derivative(-y * sp.log(s) - (1 - y) * sp.log(1 - s), z)


def logistic_data(samples: int, features: int) -> Model:
    x, w = matrix_symbols("X", samples, features), matrix_symbols("w", features, 1)
    y_vec = matrix_symbols("y", samples, 1)
    return Model(
        sample={**sample_entries(x, w), **sample_entries(y_vec, interval=(0.0, 1.0))},
        names={"X": x, r"\mathbf{w}": w, r"\mathbf{y}": y_vec, "N": sp.Integer(samples)},
    )


@claim(
    "bp-logistic",
    "bp-quiz-logistic-option-a",
    "bp-quiz-logistic-option-b",
    "bp-quiz-logistic-option-c",
    model=[logistic_data(3, 2), logistic_data(2, 3)],
    lhs=r"\nabla_{\mathbf{w}} L",
)
def logistic(model: Model) -> Derivative:
    """The mean binary cross-entropy of sigmoid(Xw).

    −log σ(u) is written log(1 + e^{−u}) and −log(1 − σ(u)) as log(1 + e^{u}) (the same
    functions), which SymPy simplifies in a fraction of the time.
    """
    x, w, y_vec = model.names["X"], model.names[r"\mathbf{w}"], model.names[r"\mathbf{y}"]
    loss = sum(
        y_i * sp.log(1 + sp.exp(-u)) + (1 - y_i) * sp.log(1 + sp.exp(u))
        for u, y_i in zip(x * w, y_vec, strict=True)
    )
    return Derivative(loss / len(y_vec), w, layout="gradient")


# ---------------------------------------------------------------------------------------------
# Forward and reverse mode: the same product, grouped two ways.


def chain_of(size: int) -> Model:
    g = matrix_symbols("g", size, 1)
    factors = [matrix_symbols(name, size, size) for name in ("P", "Q", "R")]
    return Model(
        sample=sample_entries(g, *factors),
        names={r"\mathbf{g}": g, **{f"A_{i}": a for i, a in enumerate(factors, start=1)}},
    )


# An identity: reverse order (left side) equals forward order.
identity("bp-modes-same-numbers", model=[chain_of(2), chain_of(3)])


x_scalar = sp.Symbol("x", real=True)


@claim("bp-dual-example", model=Model(sample={x_scalar: (-1.5, 1.5)}), lhs=r"\frac{df}{dx}")
def dual_example(model: Model) -> Derivative:
    return Derivative(x_scalar * sp.sin(x_scalar) + sp.exp(x_scalar**2), x_scalar)


# ---------------------------------------------------------------------------------------------
# The autodiff demonstration function f(a, b) = a tanh(b) + e^a / b.
a_s, b_s = sp.symbols("a b", real=True)
# f is defined for b ≠ 0: its partials are checked on both sides of b = 0.
AUTODIFF = [
    Model(sample={a_s: (-1.5, 1.5), b_s: (0.5, 2.0)}),
    Model(sample={a_s: (-1.5, 1.5), b_s: (-2.0, -0.5)}),
]
autodiff_f = a_s * sp.tanh(b_s) + sp.exp(a_s) / b_s


@claim("bp-autodiff-da", model=AUTODIFF, lhs=r"\frac{\partial f}{\partial a}")
def autodiff_da(model: Model) -> Derivative:
    return Derivative(autodiff_f, a_s)


@claim("bp-autodiff-db", model=AUTODIFF, lhs=r"\frac{\partial f}{\partial b}")
def autodiff_db(model: Model) -> Derivative:
    return Derivative(autodiff_f, b_s)


# ---------------------------------------------------------------------------------------------
# Matrix-valued steps: directional derivatives at t = 0 (t is a name fixed to 0, so the page's
# \frac{d}{dt}(...) is evaluated there, symbolically and by central differences).


def square(size: int) -> Model:
    x, v = matrix_symbols("X", size, size), matrix_symbols("V", size, size)
    return Model(
        sample={
            **sample_entries(x, diagonal=(3.0, 4.0), interval=(-0.5, 0.5)),
            **sample_entries(v),
        },
        names={"X": x, "V": v, "t": sp.Integer(0)},
    )


# The page's d/dt (...) at t = 0 against its expansion: every side must agree.
identity(
    "bp-matrix-square",
    "bp-mistake-square",
    "bp-quiz-square-option-a",
    "bp-quiz-square-option-b",
    "bp-quiz-square-option-c",
    model=[square(2), square(3)],
)
identity("bp-matrix-inverse", "bp-mistake-inverse", model=[square(1), square(2)])


# ---------------------------------------------------------------------------------------------
# The worked network: x ∈ R², h = tanh(Wx + b), p = vᵀh, L = ½(p − y)².
W2 = matrix_symbols("W", 2, 2)
x2, b2, v2 = (matrix_symbols(name, 2, 1) for name in ("x", "b", "v"))
zw = column(sp.symbols("z_1 z_2", real=True))
hw = column(sp.symbols("h_1 h_2", real=True))
p, y_target = sp.symbols("p y", real=True)
worked_loss = (p - y_target) ** 2 / 2
WORKED = Model(
    sample={**sample_entries(W2, x2, b2, v2), y_target: (-1.0, 1.0)},
    where={
        **dict(zip(zw, W2 * x2 + b2, strict=True)),
        **dict(zip(hw, zw.applyfunc(sp.tanh), strict=True)),
        p: (v2.T * hw)[0, 0],
    },
    names={
        "W": W2,
        r"\mathbf{x}": x2,
        r"\mathbf{b}": b2,
        r"\mathbf{v}": v2,
        r"\mathbf{z}": zw,
        r"\mathbf{h}": hw,
        "L": Expression(worked_loss),
        r"\boldsymbol{\delta}": Derivative(worked_loss, list(zw), layout="gradient"),
        r"\frac{\partial L}{\partial p}": Derivative(worked_loss, p),
        r"\nabla_{\mathbf{v}} L": Derivative(worked_loss, v2, layout="gradient"),
        r"\nabla_{\mathbf{h}} L": Derivative(worked_loss, list(hw), layout="gradient"),
        r"\nabla_{\mathbf{z}} L": Derivative(worked_loss, list(zw), layout="gradient"),
        r"\nabla_{W} L": Derivative(worked_loss, W2, layout="gradient"),
        r"\nabla_{\mathbf{b}} L": Derivative(worked_loss, b2, layout="gradient"),
    },
    functions=TANH,
)


claims_by_name(
    WORKED,
    {
        "bp-worked-dl-dp": r"\frac{\partial L}{\partial p}",
        "bp-worked-grad-v": r"\nabla_{\mathbf{v}} L",
        "bp-worked-grad-h": r"\nabla_{\mathbf{h}} L",
        "bp-worked-grad-z": r"\nabla_{\mathbf{z}} L",
        "bp-worked-grad-w": r"\nabla_{W} L",
        "bp-worked-grad-b": r"\nabla_{\mathbf{b}} L",
    },
)


def moving(size: int) -> Model:
    """X + tV for small t: X is diagonally dominant, so X + tV stays invertible (asserted)."""
    x, v = matrix_symbols("X", size, size), matrix_symbols("V", size, size)
    t = sp.Symbol("t", real=True)
    return Model(
        sample={
            **sample_entries(x, diagonal=(3.0, 4.0), interval=(-0.5, 0.5)),
            **sample_entries(v),
            t: (-0.2, 0.2),
        },
        names={"X": x, "V": v, "I": sp.eye(size)},
        conditions=((x + t * v).det() > 0,),
    )


# Expansions of (X + tV)^2 and (X + tV)^{-1}: every side the page shows must agree.
identity("bp-matrix-square-expansion", "bp-matrix-inverse-product", model=[moving(2), moving(3)])

# Dual numbers: a + a'ε with ε² = 0. The check truncates the exact product (and the exact
# sine) after the ε term, so the page's rule is compared with SymPy's own expansion.
a_d, a_dp, b_d, b_dp, epsilon = sp.symbols("a a' b b' varepsilon", real=True)
DUAL = Model(sample={s: (-2.0, 2.0) for s in (a_d, a_dp, b_d, b_dp, epsilon)})


def first_order(expression: sp.Expr) -> Expression:
    """The expression with every power of ε above the first dropped: its dual-number value."""
    return Expression(sp.series(expression, epsilon, 0, 2).removeO())


@claim("bp-dual-product", model=DUAL, lhs=r"(a + a'\varepsilon)(b + b'\varepsilon)")
def dual_product(model: Model) -> Expression:
    return first_order((a_d + a_dp * epsilon) * (b_d + b_dp * epsilon))


@claim("bp-dual-sine", model=DUAL, lhs=r"\sin(a + a'\varepsilon)")
def dual_sine(model: Model) -> Expression:
    return first_order(sp.sin(a_d + a_dp * epsilon))


identity("bp-normal-equations-hold", model=[solved(3, 2), solved(2, 1)])
_u_scalar = sp.Symbol("u", real=True)
identity("bp-sigmoid-symmetry", model=Model(sample={_u_scalar: (-3.0, 3.0)}))
