"""SymPy expressions compiled for NumPy once per process, however often they are asked for.

Compiling (``sympy.lambdify``) costs far more than evaluating: the code printer walks the whole
expression. The same expressions are compiled again and again — every page's definitions are
compared against models that many claims share, the models are copied per claim, and a test
session verifies a hundred copies of the chapters against the same checks — so the compiled
function is kept, keyed on the expression itself. Two equal SymPy expressions (same tree, same
symbols with the same assumptions) compile to the same function, so reusing it changes no
result; only the work of compiling is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

# Bounded, so a long `mkdocs serve` session that edits its checks does not grow without end.
_LIMIT = 20_000
_COMPILED: dict[tuple[Any, ...], Callable[..., Any]] = {}


def lambdify(arguments: Sequence[sp.Basic], expr: Any) -> Callable[..., Any]:
    """``sympy.lambdify(arguments, expr, "numpy")``, compiled the first time only."""
    try:
        key = (tuple(arguments), _frozen(expr))
        compiled = _COMPILED.get(key)
    except TypeError:  # something unhashable inside: compile it every time
        return sp.lambdify(list(arguments), expr, "numpy")  # type: ignore[no-any-return]
    if compiled is None:
        if len(_COMPILED) >= _LIMIT:
            _COMPILED.clear()
        compiled = sp.lambdify(list(arguments), expr, "numpy")
        _COMPILED[key] = compiled
    return compiled


def _frozen(expr: Any) -> Any:
    """A hashable stand-in for ``expr`` that is equal exactly when the expressions are."""
    if isinstance(expr, sp.MatrixBase):
        return (type(expr).__name__, sp.ImmutableMatrix(expr))
    if isinstance(expr, list | tuple):
        return (type(expr).__name__, *(_frozen(item) for item in expr))
    return expr
