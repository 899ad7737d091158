"""Checks for the claims of docs/jacobians.md.

Each check says what a claim's left-hand side means, usually a derivative of a function from
``functions.py``; the engine verifies the sides the page shows, symbolically and by finite
differences. The vector rules are checked at several sizes, and the rules about a matrix
``A`` at rectangular shapes too, where a missing transpose is a wrong shape.
"""

from collections.abc import Callable
from typing import Any

import sympy as sp

from calc_examples.jacobians.functions import (
    elementwise,
    f,
    g,
    position,
    r,
    sigmoid,
    softmax,
    theta,
    x,
    x1,
    x2,
    x3,
    y,
)
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

SIZES = (2, 3, 4)
# Rectangular shapes expose a dropped transpose as a wrong shape; the square one by its values.
SHAPES = ((2, 3), (3, 2), (3, 3))


def explicit(result: sp.MatrixExpr, values: dict[sp.MatrixSymbol, sp.MatrixBase]) -> sp.Matrix:
    """SymPy's answer with its matrix symbols replaced by matrices of entries.

    The checks compare this with derivatives computed entry by entry, so what SymPy's
    matrix-symbol differentiation returns is tested, not assumed.
    """
    return sp.ImmutableMatrix(result.xreplace(values).doit())


# -- motivation: polar coordinates ------------------------------------------------------------
POLAR = Model(sample={r: (0.5, 3.0), theta: (-3.0, 3.0)})


@claim("jac-polar", model=POLAR, lhs=r"\frac{\partial \mathbf{p}}{\partial \mathbf{q}}")
def polar(model: Model) -> Derivative:
    return Derivative(position, [r, theta])


# -- the two-function example -----------------------------------------------------------------
f1, f2 = f
JACOBIAN_F = r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}}"
TWO = Model(
    sample={x: (-2.0, 2.0), y: (-2.0, 2.0)},
    names={
        r"\frac{\partial f_1}{\partial x}": Derivative(f1, x),
        r"\frac{\partial f_1}{\partial y}": Derivative(f1, y),
        r"\frac{\partial f_2}{\partial x}": Derivative(f2, x),
        r"\frac{\partial f_2}{\partial y}": Derivative(f2, y),
        r"\nabla f_1": Derivative(f1, [x, y], layout="gradient"),
        r"\nabla f_2": Derivative(f2, [x, y], layout="gradient"),
        JACOBIAN_F: Derivative(f, [x, y]),
    },
)
claims_by_name(
    TWO,
    {
        "jac-grad-f1": r"\nabla f_1",
        "jac-grad-f2": r"\nabla f_2",
        "jac-two-functions": JACOBIAN_F,
        "jac-mistake-second-derivatives": JACOBIAN_F,
        "jac-mistake-notes-entry": JACOBIAN_F,
    },
)

# -- the squaring map of the plane, drawn as a linear map near a point ------------------------
SQUARING = Model(
    sample={x: (-2.0, 2.0), y: (-2.0, 2.0)},
    names={JACOBIAN_F: Derivative(sp.Matrix([x**2 - y**2, 2 * x * y]), [x, y])},
)
claims_by_name(SQUARING, {"jac-squaring-map": JACOBIAN_F})

# -- a wide Jacobian: R^3 -> R^2, and exercise 1's k: R^3 -> R^2 -------------------------------
JACOBIAN_G = r"\frac{\partial \mathbf{g}}{\partial \mathbf{x}}"
JACOBIAN_K = r"\frac{\partial \mathbf{k}}{\partial \mathbf{x}}"
WIDE = Model(
    sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0), x3: (-2.0, 2.0)},
    names={
        JACOBIAN_G: Derivative(g, [x1, x2, x3]),
        JACOBIAN_K: Derivative(sp.Matrix([x1 * x3, x2**2 - sp.exp(x3)]), [x1, x2, x3]),
    },
)
claims_by_name(WIDE, {"jac-wide": JACOBIAN_G, "jac-mistake-transposed": JACOBIAN_G})


# -- vectors of several sizes -----------------------------------------------------------------
z = sp.Symbol("z", real=True)


def entrywise(function: Callable[[sp.Expr], sp.Expr]) -> Callable[[Any], Any]:
    """A scalar function the page may apply to a vector, entry by entry."""

    def apply(value: Any) -> Any:
        return elementwise(function, value) if isinstance(value, sp.MatrixBase) else function(value)

    return apply


def vectors(n: int, phi: Callable[[sp.Expr], sp.Expr] = sp.sin) -> Model:
    """Vectors u, v, x of size n, the scalar z, and the constants the rules are written with.

    ``phi`` is the element-wise function of the general unary rule; each size gets a different
    one, so the rule is not checked for a single function only.
    """
    u, v, xs = (matrix_symbols(name, n, 1) for name in ("u", "v", "x"))

    def phi_prime(t: sp.Expr) -> sp.Expr:
        return sp.diff(phi(t), t)

    return Model(
        sample={**sample_entries(u, v, xs), z: (-2.0, 2.0)},
        names={
            r"\mathbf{u}": u,
            r"\mathbf{v}": v,
            r"\mathbf{x}": xs,
            r"\mathbf{y}": xs,  # the identity map's output
            r"\mathbf{1}": sp.ImmutableMatrix.ones(n, 1),
            "I_n": sp.ImmutableMatrix.eye(n),
        },
        functions={r"\phi": entrywise(phi), r"\phi'": entrywise(phi_prime)},
        dimensions={"n": n},
    )


VECTORS = [vectors(n) for n in SIZES]


def names(model: Model, *keys: str) -> list[sp.ImmutableMatrix]:
    return [model.names[key] for key in keys]


@claim(
    "jac-identity",
    "jac-mistake-identity-shape",
    model=VECTORS,
    lhs=r"\frac{\partial \mathbf{x}}{\partial \mathbf{x}}",
)
def identity_map(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(xs, xs)


# Parr & Howard's element-wise binary operations, with u and v the same size.
@claim(
    "jac-sum-u",
    model=VECTORS,
    lhs=r"\frac{\partial (\mathbf{u} + \mathbf{v})}{\partial \mathbf{u}}",
)
def sum_by_u(model: Model) -> Derivative:
    u, v = names(model, r"\mathbf{u}", r"\mathbf{v}")
    return Derivative(u + v, u)


@claim(
    "jac-difference-v",
    model=VECTORS,
    lhs=r"\frac{\partial (\mathbf{u} - \mathbf{v})}{\partial \mathbf{v}}",
)
def difference_by_v(model: Model) -> Derivative:
    u, v = names(model, r"\mathbf{u}", r"\mathbf{v}")
    return Derivative(u - v, v)


@claim(
    "jac-hadamard-u",
    model=VECTORS,
    lhs=r"\frac{\partial (\mathbf{u} \odot \mathbf{v})}{\partial \mathbf{u}}",
)
def hadamard_by_u(model: Model) -> Derivative:
    u, v = names(model, r"\mathbf{u}", r"\mathbf{v}")
    return Derivative(u.multiply_elementwise(v), u)


@claim(
    "jac-hadamard-v",
    model=VECTORS,
    lhs=r"\frac{\partial (\mathbf{u} \odot \mathbf{v})}{\partial \mathbf{v}}",
)
def hadamard_by_v(model: Model) -> Derivative:
    u, v = names(model, r"\mathbf{u}", r"\mathbf{v}")
    return Derivative(u.multiply_elementwise(v), v)


@claim(
    "jac-dot",
    model=VECTORS,
    lhs=r"\frac{\partial (\mathbf{u}^\top \mathbf{v})}{\partial \mathbf{u}}",
)
def dot_by_u(model: Model) -> Derivative:
    u, v = names(model, r"\mathbf{u}", r"\mathbf{v}")
    return Derivative(u.T * v, u)


# Scalar expansion and sum reduction: a scalar z meets a vector x.
@claim("jac-expand-z", model=VECTORS, lhs=r"\frac{\partial (\mathbf{x} + z\mathbf{1})}{\partial z}")
def expand_z(model: Model) -> Derivative:
    xs, ones = names(model, r"\mathbf{x}", r"\mathbf{1}")
    return Derivative(xs + z * ones, z)


@claim("jac-scale-x", model=VECTORS, lhs=r"\frac{\partial (z\mathbf{x})}{\partial \mathbf{x}}")
def scale_x(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(z * xs, xs)


@claim("jac-scale-z", model=VECTORS, lhs=r"\frac{\partial (z\mathbf{x})}{\partial z}")
def scale_z(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(z * xs, z)


@claim(
    "jac-sum-reduction",
    model=VECTORS,
    lhs=r"\frac{\partial \operatorname{sum}(\mathbf{x})}{\partial \mathbf{x}}",
)
def sum_x(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(sp.Add(*xs), xs)


@claim(
    "jac-sum-scaled",
    model=VECTORS,
    lhs=r"\frac{\partial \operatorname{sum}(z\mathbf{x})}{\partial z}",
)
def sum_scaled(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(sp.Add(*(z * xs)), z)


# Element-wise unary functions: the general rule with a different phi at each size.
UNARY = [vectors(2, sp.sin), vectors(3, sp.tanh), vectors(4, sp.exp)]


@claim("jac-unary", model=UNARY, lhs=r"\frac{\partial \phi(\mathbf{x})}{\partial \mathbf{x}}")
def unary(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(model.functions[r"\phi"](xs), xs)


@claim("jac-sin", model=VECTORS, lhs=r"\frac{\partial \sin(\mathbf{x})}{\partial \mathbf{x}}")
def sine(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(elementwise(sp.sin, xs), xs)


@claim("jac-tanh", model=VECTORS, lhs=r"\frac{\partial \tanh(\mathbf{x})}{\partial \mathbf{x}}")
def tanh(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(elementwise(sp.tanh, xs), xs)


@claim(
    "jac-sigmoid",
    model=VECTORS,
    lhs=r"\frac{\partial \operatorname{sigmoid}(\mathbf{x})}{\partial \mathbf{x}}",
)
def sigmoid_jacobian(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(elementwise(sigmoid, xs), xs)


# -- softmax ----------------------------------------------------------------------------------
JACOBIAN_S = r"\frac{\partial \mathbf{s}}{\partial \mathbf{x}}"


def softmax_model(n: int) -> Model:
    xs = matrix_symbols("x", n, 1)
    s = softmax(xs)
    return Model(
        sample=sample_entries(xs),
        names={
            r"\mathbf{x}": xs,
            r"\mathbf{s}": s,
            r"\mathbf{1}": sp.ImmutableMatrix.ones(n, 1),
            r"\mathbf{0}": sp.ImmutableMatrix.zeros(n, 1),
            JACOBIAN_S: Derivative(s, xs),
            **{f"s_{i}": s[i - 1] for i in range(1, n + 1)},
        },
    )


SOFTMAX = [softmax_model(n) for n in SIZES]
claims_by_name(
    SOFTMAX,
    {
        "jac-softmax": JACOBIAN_S,
        "jac-mistake-softmax-diag": JACOBIAN_S,
        "jac-mistake-softmax-sign": JACOBIAN_S,
    },
)
# The page's left side, a Jacobian times the ones vector, is the zero vector.
identity("jac-softmax-rows", model=SOFTMAX)
# Exercise: softmax of two entries, written out.
claims_by_name(SOFTMAX[0], {"jac-ex-softmax-two": JACOBIAN_S})
identity(
    "jac-ex-softmax-two-first",
    "jac-ex-softmax-two-second",
    "jac-ex-softmax-sum",
    model=SOFTMAX[0],
)


# -- a matrix A: linear maps, quadratic forms, and the layouts ---------------------------------
JACOBIAN_AX = r"\frac{\partial (A\mathbf{x})}{\partial \mathbf{x}}"


def matrix_model(m: int, n: int) -> Model:
    """A is m×n, x has n entries and v has m, so A x and vᵀ A x are defined at every shape."""
    a, xs, v = matrix_symbols("A", m, n), matrix_symbols("x", n, 1), matrix_symbols("v", m, 1)
    return Model(
        sample=sample_entries(a, xs, v),
        names={
            "A": a,
            r"\mathbf{x}": xs,
            r"\mathbf{v}": v,
            r"\mathbf{y}": a * xs,
            JACOBIAN_AX: Derivative(a * xs, xs),
        },
        dimensions={"m": m, "n": n},
    )


MATRICES = [matrix_model(m, n) for m, n in SHAPES]
claims_by_name(MATRICES, {"jac-linear": JACOBIAN_AX, "jac-mistake-linear-transpose": JACOBIAN_AX})
claims_by_name(MATRICES[0], {"jac-linear-entries": JACOBIAN_AX})
# The transposed Jacobian (its meaning comes from the model) is Aᵀ.
identity("jac-linear-denominator", model=MATRICES)


@claim("jac-vjp", model=MATRICES, lhs=r"\nabla_{\mathbf{x}} h")
def vector_jacobian_product(model: Model) -> Derivative:
    a, xs, v = names(model, "A", r"\mathbf{x}", r"\mathbf{v}")
    return Derivative((v.T * a * xs)[0, 0], xs, layout="gradient")


@claim(
    "jac-ex-translate",
    model=MATRICES,
    lhs=r"\frac{\partial (A^\top \mathbf{v})}{\partial \mathbf{v}}",
)
def translate(model: Model) -> Derivative:
    a, v = names(model, "A", r"\mathbf{v}")
    return Derivative(a.T * v, v)


GRADIENT_F = r"\nabla_{\mathbf{x}} f"


def square_model(n: int) -> Model:
    a, xs = matrix_symbols("A", n, n), matrix_symbols("x", n, 1)
    quadratic = (xs.T * a * xs)[0, 0]
    return Model(
        sample=sample_entries(a, xs),
        names={
            "A": a,
            r"\mathbf{x}": xs,
            r"\frac{\partial f}{\partial \mathbf{x}}": Derivative(quadratic, xs),
            GRADIENT_F: Derivative(quadratic, xs, layout="gradient"),
        },
        dimensions={"n": n},
    )


SQUARES = [square_model(n) for n in SIZES]
claims_by_name(
    SQUARES,
    {
        "jac-quadratic-numerator": r"\frac{\partial f}{\partial \mathbf{x}}",
        "jac-quadratic-gradient": GRADIENT_F,
        "jac-mistake-quadratic-2ax": GRADIENT_F,
    },
)


# What SymPy's matrix-symbol differentiation returns, made explicit at each shape.
@claim("jac-sympy-linear", model=MATRICES, lhs="S_1")
def sympy_linear(model: Model) -> Expression:
    a, xs = names(model, "A", r"\mathbf{x}")
    a_symbol, x_symbol = sp.MatrixSymbol("A", *a.shape), sp.MatrixSymbol("x", *xs.shape)
    return Expression(explicit((a_symbol * x_symbol).diff(x_symbol), {a_symbol: a, x_symbol: xs}))


@claim("jac-sympy-quadratic", model=SQUARES, lhs="S_2")
def sympy_quadratic(model: Model) -> Expression:
    a, xs = names(model, "A", r"\mathbf{x}")
    a_symbol, x_symbol = sp.MatrixSymbol("A", *a.shape), sp.MatrixSymbol("x", *xs.shape)
    result = (x_symbol.T * a_symbol * x_symbol).diff(x_symbol)
    return Expression(explicit(result, {a_symbol: a, x_symbol: xs}))


# -- the gradient chain written with a Jacobian: the layouts must not be mixed -----------------
u1, u2 = sp.symbols("u_1 u_2", real=True)
GRADIENT_Y = r"\nabla_{\mathbf{x}} y"
CHAIN = Model(
    sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0)},
    where={u1: x1 + x2, u2: 2 * x1 - 3 * x2},
    names={
        GRADIENT_Y: Derivative(u1**2 + u2**2, [x1, x2], layout="gradient"),
        r"\nabla_{\mathbf{u}} y": Derivative(u1**2 + u2**2, [u1, u2], layout="gradient"),
        r"\frac{\partial \mathbf{u}}{\partial \mathbf{x}}": Derivative(
            sp.Matrix([u1, u2]), [x1, x2]
        ),
    },
)
claims_by_name(CHAIN, {"jac-gradient-chain": GRADIENT_Y, "jac-mistake-mixed-layouts": GRADIENT_Y})
identity("jac-chain-inner-jacobian", model=CHAIN)


# -- exercises ---------------------------------------------------------------------------------
claims_by_name(
    WIDE,
    {
        "jac-ex-1-option-a": JACOBIAN_K,
        "jac-ex-1-option-b": JACOBIAN_K,
        "jac-ex-1-option-c": JACOBIAN_K,
        "jac-ex-1-option-d": JACOBIAN_K,
    },
)


@claim(
    "jac-ex-square",
    model=VECTORS,
    lhs=r"\frac{\partial (\mathbf{x} \odot \mathbf{x})}{\partial \mathbf{x}}",
)
def square_elementwise(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(xs.multiply_elementwise(xs), xs)


@claim("jac-ex-sum-tanh", model=VECTORS, lhs=r"\frac{\partial \ell}{\partial \mathbf{x}}")
def sum_of_tanh(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(sp.Add(*elementwise(sp.tanh, xs)), xs)


# The dot product written as a sum: every side the page shows must agree.
identity("jac-dot-as-sum", model=VECTORS)
