"""Checks for the claims of docs/jacobians.md.

Each check says what a claim's left-hand side means, usually a derivative of a function from
``functions.py``; the engine verifies the sides the page shows, symbolically and by finite
differences. The vector rules are checked at several sizes, and the rules about a matrix
``A`` at rectangular shapes too, where a missing transpose is a wrong shape.
"""

from collections.abc import Callable

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
from verified_docs.checks import Derivative, Model, Expression, claim, matrix_symbols, sample_entries

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
TWO = Model(
    sample={x: (-2.0, 2.0), y: (-2.0, 2.0)},
    names={
        **{
            rf"\frac{{\partial f_{i}}}{{\partial {v}}}": Derivative(fi, v)
            for i, fi in enumerate(f, start=1)
            for v in (x, y)
        },
    },
)


@claim("jac-grad-f1", model=TWO, lhs=r"\nabla f_1")
def gradient_f1(model: Model) -> Derivative:
    return Derivative(f1, [x, y], layout="gradient")


@claim("jac-grad-f2", model=TWO, lhs=r"\nabla f_2")
def gradient_f2(model: Model) -> Derivative:
    return Derivative(f2, [x, y], layout="gradient")


def jacobian_f() -> Derivative:
    return Derivative(f, [x, y])


for two_id in ("jac-two-functions", "jac-mistake-second-derivatives", "jac-mistake-notes-entry"):
    claim(two_id, model=TWO, lhs=r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}}")(jacobian_f)

# -- the squaring map of the plane, drawn as a linear map near a point ------------------------
SQUARING = Model(sample={x: (-2.0, 2.0), y: (-2.0, 2.0)})


@claim("jac-squaring-map", model=SQUARING, lhs=r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}}")
def squaring_map(model: Model) -> Derivative:
    return Derivative(sp.Matrix([x**2 - y**2, 2 * x * y]), [x, y])


# -- a wide Jacobian: R^3 -> R^2 --------------------------------------------------------------
WIDE = Model(sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0), x3: (-2.0, 2.0)})


def jacobian_g() -> Derivative:
    return Derivative(g, [x1, x2, x3])


for wide_id in ("jac-wide", "jac-mistake-transposed"):
    claim(wide_id, model=WIDE, lhs=r"\frac{\partial \mathbf{g}}{\partial \mathbf{x}}")(jacobian_g)


# -- vectors of several sizes -----------------------------------------------------------------
z = sp.Symbol("z", real=True)


def vectors(n: int, phi: Callable[[sp.Expr], sp.Expr] = sp.sin) -> Model:
    """Vectors u, v, x of size n, the scalar z, and the constants the rules are written with.

    ``phi`` is the element-wise function of the general unary rule; each size gets a different
    one, so the rule is not checked for a single function only.
    """
    u, v, xs = (matrix_symbols(name, n, 1) for name in ("u", "v", "x"))

    def apply(value: object, fn: Callable[[sp.Expr], sp.Expr]) -> object:
        return value.applyfunc(fn) if isinstance(value, sp.MatrixBase) else fn(value)  # type: ignore[arg-type]

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
        functions={
            r"\phi": lambda value: apply(value, phi),
            r"\phi'": lambda value: apply(value, phi_prime),
        },
        dimensions={"n": n},
    )


VECTORS = [vectors(n) for n in SIZES]


def names(model: Model, *keys: str) -> list[sp.ImmutableMatrix]:
    return [model.names[key] for key in keys]


@claim("jac-identity", model=VECTORS, lhs=r"\frac{\partial \mathbf{x}}{\partial \mathbf{x}}")
def identity(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(xs, xs)


claim(
    "jac-mistake-identity-shape",
    model=VECTORS,
    lhs=r"\frac{\partial \mathbf{x}}{\partial \mathbf{x}}",
)(identity)


# Parr & Howard's element-wise binary operations, with u and v the same size.
def binary_check(
    operation: Callable[[sp.ImmutableMatrix, sp.ImmutableMatrix], sp.MatrixBase], wrt: str
) -> Callable[[Model], Derivative]:
    def check(model: Model) -> Derivative:
        u, v = names(model, r"\mathbf{u}", r"\mathbf{v}")
        return Derivative(operation(u, v), u if wrt == "u" else v)

    return check


BINARY = {
    ("jac-sum-u", r"\frac{\partial (\mathbf{u} + \mathbf{v})}{\partial \mathbf{u}}"): (
        lambda u, v: u + v,
        "u",
    ),
    ("jac-difference-v", r"\frac{\partial (\mathbf{u} - \mathbf{v})}{\partial \mathbf{v}}"): (
        lambda u, v: u - v,
        "v",
    ),
    ("jac-hadamard-u", r"\frac{\partial (\mathbf{u} \odot \mathbf{v})}{\partial \mathbf{u}}"): (
        lambda u, v: u.multiply_elementwise(v),
        "u",
    ),
    ("jac-hadamard-v", r"\frac{\partial (\mathbf{u} \odot \mathbf{v})}{\partial \mathbf{v}}"): (
        lambda u, v: u.multiply_elementwise(v),
        "v",
    ),
    ("jac-dot", r"\frac{\partial (\mathbf{u}^\top \mathbf{v})}{\partial \mathbf{u}}"): (
        lambda u, v: u.T * v,
        "u",
    ),
}
for (binary_id, binary_lhs), (operation, wrt) in BINARY.items():
    claim(binary_id, model=VECTORS, lhs=binary_lhs)(binary_check(operation, wrt))


# Scalar expansion and sum reduction: a scalar z meets a vector x.
def expand_z(model: Model) -> Derivative:
    xs, ones = names(model, r"\mathbf{x}", r"\mathbf{1}")
    return Derivative(xs + z * ones, z)


def scale_x(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(z * xs, xs)


def scale_z(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(z * xs, z)


def sum_x(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(sp.Add(*xs), xs)


def sum_scaled(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(sp.Add(*(z * xs)), z)


for scalar_id, scalar_lhs, scalar_check in (
    ("jac-expand-z", r"\frac{\partial (\mathbf{x} + z\mathbf{1})}{\partial z}", expand_z),
    ("jac-scale-x", r"\frac{\partial (z\mathbf{x})}{\partial \mathbf{x}}", scale_x),
    ("jac-scale-z", r"\frac{\partial (z\mathbf{x})}{\partial z}", scale_z),
    (
        "jac-sum-reduction",
        r"\frac{\partial \operatorname{sum}(\mathbf{x})}{\partial \mathbf{x}}",
        sum_x,
    ),
    ("jac-sum-scaled", r"\frac{\partial \operatorname{sum}(z\mathbf{x})}{\partial z}", sum_scaled),
):
    claim(scalar_id, model=VECTORS, lhs=scalar_lhs)(scalar_check)


# Element-wise unary functions: the general rule with a different phi at each size.
UNARY = [vectors(2, sp.sin), vectors(3, sp.tanh), vectors(4, sp.exp)]


@claim("jac-unary", model=UNARY, lhs=r"\frac{\partial \phi(\mathbf{x})}{\partial \mathbf{x}}")
def unary(model: Model) -> Derivative:
    (xs,) = names(model, r"\mathbf{x}")
    return Derivative(model.functions[r"\phi"](xs), xs)


def unary_check(phi: Callable[[sp.Expr], sp.Expr]) -> Callable[[Model], Derivative]:
    def check(model: Model) -> Derivative:
        (xs,) = names(model, r"\mathbf{x}")
        return Derivative(elementwise(phi, xs), xs)

    return check


for unary_id, unary_lhs, phi in (
    ("jac-sin", r"\frac{\partial \sin(\mathbf{x})}{\partial \mathbf{x}}", sp.sin),
    ("jac-tanh", r"\frac{\partial \tanh(\mathbf{x})}{\partial \mathbf{x}}", sp.tanh),
    (
        "jac-sigmoid",
        r"\frac{\partial \operatorname{sigmoid}(\mathbf{x})}{\partial \mathbf{x}}",
        sigmoid,
    ),
):
    claim(unary_id, model=VECTORS, lhs=unary_lhs)(unary_check(phi))


# -- softmax ----------------------------------------------------------------------------------
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
            r"\frac{\partial \mathbf{s}}{\partial \mathbf{x}}": Derivative(s, xs),
            **{f"s_{i}": s[i - 1] for i in range(1, n + 1)},
        },
    )


SOFTMAX = [softmax_model(n) for n in SIZES]


def softmax_jacobian(model: Model) -> Derivative:
    return Derivative(model.names[r"\mathbf{s}"], model.names[r"\mathbf{x}"])


for softmax_id in ("jac-softmax", "jac-mistake-softmax-diag", "jac-mistake-softmax-sign"):
    claim(softmax_id, model=SOFTMAX, lhs=r"\frac{\partial \mathbf{s}}{\partial \mathbf{x}}")(
        softmax_jacobian
    )


# An identity: the page's left side, a Jacobian times the ones vector, is the zero vector.
identity("jac-softmax-rows", model=SOFTMAX)


claim(
    "jac-ex-softmax-two", model=SOFTMAX[0], lhs=r"\frac{\partial \mathbf{s}}{\partial \mathbf{x}}"
)(softmax_jacobian)


# -- a matrix A: linear maps, quadratic forms, and the layouts ---------------------------------
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
            r"\frac{\partial (A\mathbf{x})}{\partial \mathbf{x}}": Derivative(a * xs, xs),
        },
        dimensions={"m": m, "n": n},
    )


MATRICES = [matrix_model(m, n) for m, n in SHAPES]


def linear(model: Model) -> Derivative:
    a, xs = names(model, "A", r"\mathbf{x}")
    return Derivative(a * xs, xs, layout="numerator")


for linear_id in ("jac-linear", "jac-mistake-linear-transpose"):
    claim(linear_id, model=MATRICES, lhs=r"\frac{\partial (A\mathbf{x})}{\partial \mathbf{x}}")(
        linear
    )

claim(
    "jac-linear-entries",
    model=MATRICES[0],
    lhs=r"\frac{\partial (A\mathbf{x})}{\partial \mathbf{x}}",
)(linear)


# An identity: the transposed Jacobian (its meaning comes from the model) is Aᵀ.
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


def square_model(n: int) -> Model:
    a, xs = matrix_symbols("A", n, n), matrix_symbols("x", n, 1)
    quadratic = (xs.T * a * xs)[0, 0]
    return Model(
        sample=sample_entries(a, xs),
        names={
            "A": a,
            r"\mathbf{x}": xs,
            r"\nabla_{\mathbf{x}} f": Derivative(quadratic, xs, layout="gradient"),
        },
        dimensions={"n": n},
    )


SQUARES = [square_model(n) for n in SIZES]


def quadratic_form(model: Model) -> sp.Expr:
    a, xs = names(model, "A", r"\mathbf{x}")
    return (xs.T * a * xs)[0, 0]


@claim("jac-quadratic-numerator", model=SQUARES, lhs=r"\frac{\partial f}{\partial \mathbf{x}}")
def quadratic_numerator(model: Model) -> Derivative:
    return Derivative(quadratic_form(model), model.names[r"\mathbf{x}"], layout="numerator")


def quadratic_gradient(model: Model) -> Derivative:
    return Derivative(quadratic_form(model), model.names[r"\mathbf{x}"], layout="gradient")


for gradient_id in ("jac-quadratic-gradient", "jac-mistake-quadratic-2ax"):
    claim(gradient_id, model=SQUARES, lhs=r"\nabla_{\mathbf{x}} f")(quadratic_gradient)


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
CHAIN = Model(
    sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0)},
    where={u1: x1 + x2, u2: 2 * x1 - 3 * x2},
    names={
        r"\nabla_{\mathbf{u}} y": Derivative(u1**2 + u2**2, [u1, u2], layout="gradient"),
        r"\frac{\partial \mathbf{u}}{\partial \mathbf{x}}": Derivative(
            sp.Matrix([u1, u2]), [x1, x2]
        ),
    },
)


def chain_gradient() -> Derivative:
    return Derivative(u1**2 + u2**2, [x1, x2], layout="gradient")


for chain_id in ("jac-gradient-chain", "jac-mistake-mixed-layouts"):
    claim(chain_id, model=CHAIN, lhs=r"\nabla_{\mathbf{x}} y")(chain_gradient)


# -- exercises ---------------------------------------------------------------------------------
exercise_g = sp.Matrix([x1 * x3, x2**2 - sp.exp(x3)])


def exercise_jacobian() -> Derivative:
    return Derivative(exercise_g, [x1, x2, x3])


for option in "abcd":
    claim(
        f"jac-ex-1-option-{option}",
        model=WIDE,
        lhs=r"\frac{\partial \mathbf{k}}{\partial \mathbf{x}}",
    )(exercise_jacobian)


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


def _identity(*_: Model) -> None:
    """An identity: every side the page shows is evaluated, and all must agree."""


claim("jac-dot-as-sum", model=VECTORS)(_identity)
claim("jac-chain-inner-jacobian", model=CHAIN)(_identity)
for softmax_fact in ("jac-ex-softmax-two-first", "jac-ex-softmax-two-second", "jac-ex-softmax-sum"):
    claim(softmax_fact, model=SOFTMAX[0])(_identity)
