"""SymPy expressions are compiled for NumPy once per process, and reuse changes no result."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verified_docs import numeric_compile
from verified_docs.numeric_compile import lambdify

x, y = sp.symbols("x y", real=True)


def test_an_equal_expression_reuses_the_compiled_function() -> None:
    """Assert equal expressions (built separately) share one function, and it computes right."""
    first = lambdify([x, y], sp.sin(x) * y**2)
    second = lambdify((x, y), sp.sin(x) * y**2)
    assert first is second
    assert first(0.5, 2.0) == np.sin(0.5) * 4.0


def test_different_expressions_or_arguments_compile_apart() -> None:
    """Assert the key is the expression and the argument order, so nothing is confused."""
    assert lambdify([x, y], x - y)(3.0, 1.0) == 2.0
    assert lambdify([y, x], x - y)(3.0, 1.0) == -2.0
    assert lambdify([x, y], x + y)(3.0, 1.0) == 4.0


def test_mutable_and_immutable_matrices_both_compile() -> None:
    """Assert a mutable matrix (unhashable itself) is keyed by its frozen copy."""
    mutable = sp.Matrix([[x, y], [y, x]])
    compiled = lambdify([x, y], mutable)
    assert compiled is lambdify([x, y], sp.Matrix([[x, y], [y, x]]))
    assert np.array_equal(np.asarray(compiled(1.0, 2.0)), [[1.0, 2.0], [2.0, 1.0]])
    immutable = lambdify([x, y], sp.ImmutableMatrix([[x, y], [y, x]]))
    assert np.array_equal(np.asarray(immutable(1.0, 2.0)), [[1.0, 2.0], [2.0, 1.0]])


def test_something_unhashable_is_compiled_every_time() -> None:
    """Assert a value that cannot be a key is still compiled, just not kept."""
    before = len(numeric_compile._COMPILED)
    assert lambdify([x, y], {x: x + y})(1.0, 2.0) == {1.0: 3.0}
    assert len(numeric_compile._COMPILED) == before


def test_the_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert a full table is emptied rather than grown without end (a long mkdocs serve)."""
    monkeypatch.setattr(numeric_compile, "_COMPILED", {})  # leave the session's table alone
    monkeypatch.setattr(numeric_compile, "_LIMIT", 1)
    lambdify([x], x + 41)
    lambdify([x], x + 42)
    assert len(numeric_compile._COMPILED) == 1
