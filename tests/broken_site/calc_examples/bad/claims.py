import sympy as sp

from verified_docs.checks import Derivative, Model, claim, matrix_symbols, sample_entries

t = sp.Symbol("t", real=True)
MODEL = Model(sample={t: (-2.0, 2.0)})


@claim("true-claim", model=MODEL)
def true_claim() -> None:
    """An identity: the page's two sides must agree."""


@claim("false-coefficient", model=MODEL)
def false_coefficient() -> None:
    """An identity the page gets wrong."""


@claim("unused-check", model=MODEL)
def unused_check() -> None:
    """No page states this claim."""


@claim("flipped-sign", model=MODEL)
def flipped_sign() -> None:
    """An identity the page gets wrong by a sign."""


@claim("true-at-two-points", model=MODEL)
def true_at_two_points() -> None:
    """3t agrees with the derivative of t³ at t = 0 and t = 1 only."""


def shapes(rows: int, cols: int) -> Model:
    a, x = matrix_symbols("A", cols, rows), matrix_symbols("X", rows, cols)
    return Model(sample=sample_entries(a, x), names={"A": a, "X": x})


SHAPES = [shapes(2, 2), shapes(2, 3), shapes(3, 1)]


@claim("dropped-transpose", model=SHAPES, lhs=r"\nabla_{X} f")
def gradient_of_trace(model: Model) -> Derivative:
    a, x = model.names["A"], model.names["X"]
    return Derivative((a * x).trace(), x, layout="gradient")


@claim("square-only", model=SHAPES)
def square_only() -> None:
    """det(AX) = det(XA) needs square factors; the page states it for every shape."""


@claim("inline-false", model=MODEL)
def inline_false() -> None:
    """An inline identity the page gets wrong."""


u = sp.Symbol("u", real=True)


@claim("u-squared", model=Model(sample={t: (-2.0, 2.0)}, where={u: t**2}))
def u_squared() -> None:
    """The model binds u to t²; a definition of u on the page must agree."""


WIDE = matrix_symbols("X", 2, 3)


@claim("spectral-norm", model=Model(sample=sample_entries(WIDE), names={"X": WIDE}))
def spectral_norm() -> None:
    """True for the Frobenius norm, false for the spectral one that the subscript 2 names."""


@claim("positive-only", model=Model(sample={t: (-2.0, 2.0)}, conditions=(t > 0,)))
def positive_only() -> None:
    """The model states t > 0 but samples t in (-2, 2)."""
