"""Checks for docs/notation.md: the row and the column of a scalar function's derivative."""

from __future__ import annotations

import sympy as sp

from verified_docs.checks import Derivative, Model, identity, matrix_symbols, sample_entries


def vectors(size: int) -> Model:
    """A nonlinear scalar f of x with `size` entries, and its derivative as a row and a column."""
    xs = matrix_symbols("x", size, 1)
    f = sp.sin(xs[0]) * sp.exp(sum(xs[1:], sp.Integer(0))) + sum(x**3 for x in xs)
    return Model(
        sample=sample_entries(xs),
        names={
            r"\mathbf{x}": xs,
            "f": f,
            r"\frac{\partial f}{\partial \mathbf{x}}": Derivative(f, xs),
            r"\nabla f": Derivative(f, xs, layout="gradient"),
        },
    )


# The row of partials and the transposed gradient, both named by the models.
identity("notation-row-is-gradient-transposed", model=[vectors(n) for n in (1, 2, 3)])

x = sp.Symbol("x", positive=True)

# With log the natural logarithm, its derivative is 1/x.
identity("notation-natural-log", model=Model(sample={x: (0.2, 3.0)}))
