"""Checks for the claims of docs/differentials.md.

A differential's left side is checked against its definition, the directional derivative: the
check moves each matrix X to X + t·V along the direction V the model binds as ``dX`` and
differentiates at t = 0 with SymPy. The page's right sides, written with ``dX``, are evaluated
by the dialect, symbolically and by central finite differences, at several shapes (non-square
wherever the rule allows).
"""

from collections.abc import Callable
from typing import Any

import sympy as sp

from verified_docs.checks import (
    Derivative,
    Expression,
    Model,
    claim,
    identity,
    matrix_symbols,
    sample_entries,
)

_t = sp.Dummy("t", real=True)
# Square matrices that must be invertible are strictly diagonally dominant (det > 0).
# The entries of the directions, one letter per matrix of a model (the page never names them).
DIRECTIONS = "VUPQ"
INVERTIBLE = {"diagonal": (3.0, 4.0), "interval": (-0.5, 0.5)}


def model(*, constant: str = "", invertible: str = "", **shapes: tuple[int, int]) -> Model:
    """Matrices of the given shapes; each varying one has its direction ``d<name>``.

    Names are single letters. One in ``constant`` gets no direction, so a differential on the
    page holds it fixed; one in ``invertible`` is square and sampled diagonally dominant. A
    lower-case name is a column vector, written bold on the page.
    """
    names: dict[str, Any] = {}
    sample: dict[sp.Symbol, tuple[float, float]] = {}
    for index, (name, (rows, cols)) in enumerate(shapes.items()):
        value = matrix_symbols(name, rows, cols)
        latex = rf"\mathbf{{{name}}}" if name.islower() else name
        names[latex] = value
        if name in invertible:  # strictly diagonally dominant, so det X > 0
            sample |= sample_entries(value, diagonal=(3.0, 4.0), interval=(-0.5, 0.5))
        else:
            sample |= sample_entries(value)
        if name not in constant:
            names[f"d{latex}"] = direction = matrix_symbols(DIRECTIONS[index], rows, cols)
            sample |= sample_entries(direction)
    return Model(sample=sample, names=names)


def matrix(model: Model, latex: str) -> sp.ImmutableMatrix:
    """The matrix a model binds to a name (models here bind only matrices)."""
    value = model.names[latex]
    assert isinstance(value, sp.MatrixBase)
    return sp.ImmutableMatrix(value)


def along(model: Model, function: Callable[..., Any], *names: str) -> Expression:
    """d/dt function(X + t dX, …) at t = 0: the definition of the differential."""
    moved = [matrix(model, name) + _t * matrix(model, f"d{name}") for name in names]
    value = sp.diff(function(*moved), _t).subs(_t, 0)
    if not isinstance(value, sp.MatrixBase):
        return Expression(value)
    # A 1×1 result is a number, as the page's sides evaluate it.
    return Expression(value[0, 0] if value.shape == (1, 1) else sp.ImmutableMatrix(value))


def inv(x: Any) -> Any:
    return x.inv()


def vec(matrix: sp.MatrixBase) -> Expression:
    """The columns of ``matrix`` stacked into one column, first column on top."""
    entries = [matrix[i, j] for j in range(matrix.cols) for i in range(matrix.rows)]
    return Expression(sp.ImmutableMatrix(entries))


# ---------------------------------------------------------------------------------------------
# The derivative as a linear map: a quadratic form of a vector.

QUADRATIC = [model(A=(n, n), x=(n, 1), constant="A") for n in (2, 3, 4)]


@claim("diff-quadratic-form", model=QUADRATIC, lhs=r"d(\mathbf{x}^\top A \mathbf{x})")
def quadratic_form(m: Model) -> Expression:
    a = matrix(m, "A")
    return along(m, lambda x: (x.T * a * x)[0, 0], r"\mathbf{x}")


# ---------------------------------------------------------------------------------------------
# The rules. Sums and products hold at every shape their products allow.

SUMS = [model(X=(2, 3), Y=(2, 3)), model(X=(3, 2), Y=(3, 2)), model(X=(2, 2), Y=(2, 2))]
PRODUCTS = [model(X=(2, 3), Y=(3, 4)), model(X=(3, 2), Y=(2, 1)), model(X=(2, 2), Y=(2, 2))]
CONSTANTS = [
    model(A=(2, 3), X=(3, 4), B=(4, 2), constant="AB"),
    model(A=(3, 2), X=(2, 1), B=(1, 3), constant="AB"),
    model(A=(2, 2), X=(2, 2), B=(2, 2), constant="AB"),
]
GRAM = [model(X=(3, 2)), model(X=(2, 3)), model(X=(4, 1))]
SQUARE = [model(X=(2, 2)), model(X=(3, 3))]
INVERSE = [model(X=(2, 2), invertible="X"), model(X=(3, 3), invertible="X")]


@claim("diff-sum", model=SUMS, lhs="d(X + Y)")
def sum_rule(m: Model) -> Expression:
    return along(m, lambda x, y: x + y, "X", "Y")


@claim("diff-product", model=PRODUCTS, lhs="d(XY)")
def product_rule(m: Model) -> Expression:
    return along(m, lambda x, y: x * y, "X", "Y")


@claim("diff-constant-factors", model=CONSTANTS, lhs="d(AXB)")
def constant_factors(m: Model) -> Expression:
    a, b = matrix(m, "A"), matrix(m, "B")
    return along(m, lambda x: a * x * b, "X")


@claim("diff-gram", "diff-ex-gram-wrong", model=GRAM, lhs=r"d(X^\top X)")
def gram(m: Model) -> Expression:
    return along(m, lambda x: x.T * x, "X")


@claim("diff-square", "diff-mistake-square", model=SQUARE, lhs="d(X^2)")
def square(m: Model) -> Expression:
    return along(m, lambda x: x * x, "X")


@claim("diff-cube", model=SQUARE, lhs="d(X^3)")
def cube(m: Model) -> Expression:
    return along(m, lambda x: x * x * x, "X")


@claim(
    "diff-inverse", "diff-ex-inverse-option", "diff-mistake-inverse", model=INVERSE, lhs="d(X^{-1})"
)
def inverse(m: Model) -> Expression:
    return along(m, inv, "X")


@claim("diff-det", model=INVERSE, lhs=r"d(\det X)")
def determinant(m: Model) -> Expression:
    return along(m, lambda x: x.det(), "X")


@claim("diff-log-det", model=INVERSE, lhs=r"d(\log \det X)")
def log_determinant(m: Model) -> Expression:
    return along(m, lambda x: sp.log(x.det()), "X")


@claim("diff-trace", model=SQUARE, lhs=r"d \operatorname{tr}(X)")
def trace(m: Model) -> Expression:
    return along(m, lambda x: x.trace(), "X")


TRACE_AX = [
    model(A=(3, 2), X=(2, 3), constant="A"),
    model(A=(2, 3), X=(3, 2), constant="A"),
    model(A=(1, 4), X=(4, 1), constant="A"),
]


@claim("diff-trace-ax", model=TRACE_AX, lhs=r"d \operatorname{tr}(AX)")
def trace_ax(m: Model) -> Expression:
    a = matrix(m, "A")
    return along(m, lambda x: (a * x).trace(), "X")


@claim("diff-frobenius", model=GRAM, lhs=r"d(\lVert X \rVert_F^2)")
def frobenius(m: Model) -> Expression:
    return along(m, lambda x: (x.T * x).trace(), "X")


# ---------------------------------------------------------------------------------------------
# The identification rule: df = tr(Gᵀ dX) means ∇_X f = G, the shape of X.


@claim("diff-grad-trace-ax", "diff-mistake-dropped-transpose", model=TRACE_AX, lhs=r"\nabla_{X} f")
def gradient_trace_ax(m: Model) -> Derivative:
    a, x = matrix(m, "A"), matrix(m, "X")
    return Derivative((a * x).trace(), x, layout="gradient")


@claim("diff-grad-frobenius", model=GRAM, lhs=r"\nabla_{X} f")
def gradient_frobenius(m: Model) -> Derivative:
    x = matrix(m, "X")
    return Derivative((x.T * x).trace(), x, layout="gradient")


@claim("diff-grad-log-det", model=INVERSE, lhs=r"\nabla_{X} f")
def gradient_log_det(m: Model) -> Derivative:
    x = matrix(m, "X")
    return Derivative(sp.log(x.det()), x, layout="gradient")


BILINEAR = [
    model(a=(2, 1), X=(2, 3), b=(3, 1), constant="ab"),
    model(a=(3, 1), X=(3, 2), b=(2, 1), constant="ab"),
]


@claim("diff-bilinear", model=BILINEAR, lhs=r"d(\mathbf{a}^\top X \mathbf{b})")
def bilinear(m: Model) -> Expression:
    a, b = matrix(m, r"\mathbf{a}"), matrix(m, r"\mathbf{b}")
    return along(m, lambda x: (a.T * x * b)[0, 0], "X")


@claim("diff-grad-bilinear", model=BILINEAR, lhs=r"\nabla_{X} f")
def gradient_bilinear(m: Model) -> Derivative:
    a, x, b = matrix(m, r"\mathbf{a}"), matrix(m, "X"), matrix(m, r"\mathbf{b}")
    return Derivative((a.T * x * b)[0, 0], x, layout="gradient")


INVERSE_FORM = [model(a=(n, 1), X=(n, n), b=(n, 1), invertible="X", constant="ab") for n in (2, 3)]


@claim("diff-ex-inverse-form", model=INVERSE_FORM, lhs=r"d(\mathbf{a}^\top X^{-1} \mathbf{b})")
def inverse_form(m: Model) -> Expression:
    a, b = matrix(m, r"\mathbf{a}"), matrix(m, r"\mathbf{b}")
    return along(m, lambda x: (a.T * inv(x) * b)[0, 0], "X")


@claim("diff-ex-grad-inverse-form", model=INVERSE_FORM, lhs=r"\nabla_{X} f")
def gradient_inverse_form(m: Model) -> Derivative:
    a, x, b = matrix(m, r"\mathbf{a}"), matrix(m, "X"), matrix(m, r"\mathbf{b}")
    return Derivative((a.T * inv(x) * b)[0, 0], x, layout="gradient")


# ---------------------------------------------------------------------------------------------
# vec and the Kronecker product: every side on the page is evaluated and must agree.

identity("diff-vec-kron", "diff-mistake-kron-order", model=CONSTANTS)
identity("diff-vec-trace", model=SUMS)


def with_identities(base: Model, **sizes: int) -> Model:
    """The model with identity matrices of the given sizes as names (``I_m`` for ``m=2``)."""
    identities = {f"I_{{{label}}}": sp.eye(size) for label, size in sizes.items()}
    return Model(sample=base.sample, names={**base.names, **identities})


LEFT_FACTOR = [with_identities(m, m=matrix(m, "X").rows, p=matrix(m, "Y").cols) for m in PRODUCTS]


@claim("diff-vec-inverse", model=INVERSE, lhs=r"\operatorname{vec}(d(X^{-1}))")
def vec_inverse(m: Model) -> Expression:
    return vec(along(m, inv, "X").expr)


@claim("diff-vec-left-factor", model=LEFT_FACTOR, lhs=r"\operatorname{vec}(d(XY))")
def vec_left_factor(m: Model) -> Expression:
    return vec(along(m, lambda x, y: x * y, "X", "Y").expr)


# ---------------------------------------------------------------------------------------------
# Backpropagation through Y = WX with L = tr(Gᵀ Y): G stands for ∂L/∂Y, given by the layer above.

LAYER = [
    model(G=(2, 4), constant="G", W=(2, 3), X=(3, 4)),
    model(G=(3, 1), constant="G", W=(3, 2), X=(2, 1)),
]


@claim("diff-backprop-differential", model=LAYER, lhs=r"d \operatorname{tr}(G^\top W X)")
def backprop_differential(m: Model) -> Expression:
    g = matrix(m, "G")
    return along(m, lambda w, x: (g.T * w * x).trace(), "W", "X")


@claim("diff-backprop-grad-w", "diff-mistake-backprop-layout", model=LAYER, lhs=r"\nabla_{W} L")
def backprop_grad_w(m: Model) -> Derivative:
    g, w, x = matrix(m, "G"), matrix(m, "W"), matrix(m, "X")
    return Derivative((g.T * w * x).trace(), w, layout="gradient")


@claim("diff-backprop-grad-x", model=LAYER, lhs=r"\nabla_{X} L")
def backprop_grad_x(m: Model) -> Derivative:
    g, w, x = matrix(m, "G"), matrix(m, "W"), matrix(m, "X")
    return Derivative((g.T * w * x).trace(), x, layout="gradient")
