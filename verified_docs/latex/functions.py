"""The functions a claim may apply without a check supplying them: one row each.

The parser reads how a page writes a function, the printer how to write it back, the two
evaluators what it means exactly (SymPy) and in floating point (NumPy), and the tree walk which
matrix arguments it refuses. Adding a function (``\\operatorname{gelu}``) is adding one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import sympy as sp

# Which matrix arguments a function accepts; every other reading is refused, never guessed:
# "any": every shape;
# "non-square": not a square matrix larger than 1×1, whose matrix function (e^X, log X, sin X)
#     would be a second reading of an entry-by-entry function;
# "square": square matrices only (det, trace);
# "vector": vectors only (diag of a matrix could be its diagonal or a matrix of its entries;
#     softmax of a matrix could be by rows, by columns or over all entries).
Accepts = Literal["any", "non-square", "square", "vector"]


@dataclass(frozen=True)
class Function:
    """One function of the dialect.

    ``commands`` are its LaTeX commands (``\\sin``), ``operator_names`` its
    ``\\operatorname{…}`` labels; the printer writes the first command, else the first label. An
    ``elementwise`` function is applied to each entry of a matrix (``sympy`` and ``numpy`` then
    take a scalar, and ``numpy`` an array too); any other takes the whole argument.
    """

    name: str
    commands: tuple[str, ...]
    operator_names: tuple[str, ...]
    sympy: Callable[[Any], Any]
    numpy: Callable[[Any], Any]
    elementwise: bool
    accepts: Accepts


def _entries(argument: Any) -> list[Any]:
    return list(argument) if isinstance(argument, sp.MatrixBase) else [argument]


def _sympy_softmax(argument: Any) -> Any:
    entries = _entries(argument)
    total = sp.Add(*[sp.exp(e) for e in entries])
    return sp.ImmutableMatrix([sp.exp(e) / total for e in entries])


def _numpy_logsumexp(argument: Any) -> float:
    entries = np.ravel(argument)
    peak = entries.max()
    return float(peak + np.log(np.exp(entries - peak).sum()))


def _numpy_softmax(argument: Any) -> Any:
    entries = np.ravel(argument)
    shifted = np.exp(entries - entries.max())
    return (shifted / shifted.sum()).reshape(-1, 1)


def _row(
    name: str,
    spellings: tuple[str, ...],
    sympy: Callable[[Any], Any],
    numpy: Callable[[Any], Any],
    *,
    elementwise: bool = True,
    accepts: Accepts = "any",
) -> Function:
    """A row, its spellings sorted into commands (``\\sin``) and operator names (``tr``)."""
    commands = tuple(s for s in spellings if s.startswith("\\"))
    labels = tuple(s for s in spellings if not s.startswith("\\"))
    return Function(name, commands, labels, sympy, numpy, elementwise, accepts)


# The registry every consumer reads, by the name a parsed call carries.
FUNCTIONS: dict[str, Function] = {
    row.name: row
    for row in (
        _row("sin", (r"\sin",), sp.sin, np.sin, accepts="non-square"),
        _row("cos", (r"\cos",), sp.cos, np.cos, accepts="non-square"),
        _row("tan", (r"\tan",), sp.tan, np.tan, accepts="non-square"),
        _row("sec", (r"\sec",), sp.sec, lambda z: 1 / np.cos(z), accepts="non-square"),
        _row("csc", (r"\csc",), sp.csc, lambda z: 1 / np.sin(z), accepts="non-square"),
        _row("cot", (r"\cot",), sp.cot, lambda z: 1 / np.tan(z), accepts="non-square"),
        _row("asin", (r"\arcsin",), sp.asin, np.arcsin),
        _row("acos", (r"\arccos",), sp.acos, np.arccos),
        _row("atan", (r"\arctan",), sp.atan, np.arctan),
        _row("sinh", (r"\sinh",), sp.sinh, np.sinh, accepts="non-square"),
        _row("cosh", (r"\cosh",), sp.cosh, np.cosh, accepts="non-square"),
        _row("tanh", (r"\tanh",), sp.tanh, np.tanh, accepts="non-square"),
        _row("exp", (r"\exp",), sp.exp, np.exp, accepts="non-square"),
        _row("log", (r"\log", r"\ln"), sp.log, np.log, accepts="non-square"),
        _row(
            "sigmoid",
            ("sigmoid",),
            lambda z: 1 / (1 + sp.exp(-z)),
            lambda z: 1 / (1 + np.exp(-z)),
        ),
        _row(
            "softplus", ("softplus",), lambda z: sp.log(1 + sp.exp(z)), lambda z: np.logaddexp(0, z)
        ),
        _row("relu", ("relu", "ReLU"), lambda z: sp.Max(0, z), lambda z: np.maximum(0, z)),
        _row("sign", ("sign", "sgn"), sp.sign, np.sign),
        _row(
            "det",
            (r"\det",),
            lambda a: a.det(),
            lambda a: float(np.linalg.det(a)),
            elementwise=False,
            accepts="square",
        ),
        _row(
            "trace",
            ("tr",),
            lambda a: a.trace(),
            lambda a: float(np.trace(a)),
            elementwise=False,
            accepts="square",
        ),
        _row(
            "diag",
            ("diag",),
            lambda a: sp.ImmutableMatrix(sp.diag(*_entries(a))),
            lambda a: np.diag(np.ravel(a)),
            elementwise=False,
            accepts="vector",
        ),
        _row(
            "softmax",
            ("softmax",),
            _sympy_softmax,
            _numpy_softmax,
            elementwise=False,
            accepts="vector",
        ),
        _row(
            "logsumexp",
            ("logsumexp", "LSE"),
            lambda a: sp.log(sp.Add(*[sp.exp(e) for e in _entries(a)])),
            _numpy_logsumexp,
            elementwise=False,
            accepts="vector",
        ),
        # vec stacks the columns (column-major), the convention under vec(AXB) = (B^T ⊗ A) vec X.
        _row(
            "vec",
            ("vec",),
            lambda a: (
                sp.ImmutableMatrix([a[i, j] for j in range(a.cols) for i in range(a.rows)])
                if isinstance(a, sp.MatrixBase)
                else sp.ImmutableMatrix([a])
            ),
            lambda a: np.reshape(np.asarray(a, dtype=float), (-1, 1), order="F"),
            elementwise=False,
        ),
        _row(
            "sum",
            ("sum",),
            lambda a: sp.Add(*_entries(a)),
            lambda a: float(np.ravel(a).sum()),
            elementwise=False,
        ),
    )
}


def by_command(command: str) -> Function | None:
    """The function a LaTeX command such as ``\\sin`` or ``\\ln`` writes, if any."""
    return next((f for f in FUNCTIONS.values() if command in f.commands), None)


def by_operator_name(label: str) -> Function | None:
    """The function ``\\operatorname{label}`` writes (``tr`` is the trace), if any."""
    return next((f for f in FUNCTIONS.values() if label in f.operator_names), None)
