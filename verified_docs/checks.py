"""The vocabulary a chapter's checks are written in.

A check says what the left-hand side of a claim *means* — a derivative of a function defined in
the project's example package, or a plain value — and where its variables live. The engine then
evaluates the page's own right-hand side twice: symbolically against :meth:`Quantity.symbolic` and
numerically against :meth:`Quantity.numeric`, which never calls SymPy's differentiation.

A ``claims.py`` registers its checks in three forms, each for one or more claim ids:
``@claim(*ids, model=..., lhs=...)`` on a function of the model that returns the meaning,
``identity(*ids, model=...)`` where the page's sides must agree among themselves, and
``claims_by_name(model, {id: lhs})`` where the model's ``names`` already say what each left side
means. Every registration records the statement that made it, which the claims page shows.
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import sympy as sp

from verified_docs.latex.errors import LatexSyntaxError
from verified_docs.latex.parser import canonical_name
from verified_docs.numeric_compile import lambdify
from verified_docs.problems import Problem

SympyValue = Any  # sp.Expr or sp.ImmutableMatrix
NumericValue = Any  # float or 2-D ndarray


@dataclass(frozen=True)
class Model:
    """The variables of a family of claims.

    Attributes:
        sample: free variables and the interval each is drawn from in the numeric check.
        where: derived variables, in order, as expressions of earlier ones (``x_1 = u_1 + 2u_2``).
            Pages may use either the derived name or its expansion.
        names: further quantities the page may mention by name, such as
            ``\\frac{\\partial f}{\\partial \\mathbf{x}}`` or ``\\mathbf{x}``.
        functions: functions the page may apply, such as ``f`` or ``\\sigma``.
        dimensions: values of dimension labels used in ``\\underbrace{...}_{m \\times n}``.
        conditions: what the sampling guarantees, as SymPy relations of the variables
            (``X.det() > 0``, ``sp.Ne(x, 0)``); asserted at every point a claim is checked at,
            and a ``Ne`` must be sampled on both of its sides, so a stated guarantee cannot be
            false.

    """

    sample: Mapping[sp.Symbol, tuple[float, float]]
    where: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)
    names: Mapping[str, Quantity | SympyValue] = field(default_factory=dict)
    functions: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    dimensions: Mapping[str, int] = field(default_factory=dict)
    conditions: Sequence[sp.Basic] = ()

    @property
    def label(self) -> str:
        """The shapes of the model's matrices, to say which instance of a claim failed."""
        shapes = [
            f"{name} {value.shape[0]}×{value.shape[1]}"
            for name, value in self.names.items()
            if isinstance(value, sp.MatrixBase)
        ]
        return ", ".join(shapes)

    def expand(self, value: SympyValue) -> SympyValue:
        """Replace derived variables by their definitions until only free variables remain."""
        for symbol in reversed(list(self.where)):
            value = value.xreplace({symbol: self.where[symbol]})
        return value

    def expand_except(self, value: SympyValue, keep: Iterable[sp.Symbol]) -> SympyValue:
        """Expand the derived variables that depend on ``keep``, so ``keep`` stays variable.

        This is what makes ``derivative(f, t)`` a total derivative along the chain while
        ``derivative(f, x)`` stays a partial one.
        """
        kept = set(keep)
        depends = self.derived_from(kept)
        for symbol in reversed(list(self.where)):
            if symbol in depends and symbol not in kept:
                value = value.xreplace({symbol: self.where[symbol]})
        return value

    def derived_from(self, symbols: Iterable[sp.Symbol]) -> set[sp.Symbol]:
        """The derived variables whose definitions reach ``symbols`` through the chain."""
        given = set(symbols)
        depends: set[sp.Symbol] = set()
        for symbol, definition in self.where.items():
            if definition.free_symbols & (given | depends):
                depends.add(symbol)
        return depends

    @cached_property
    def _derived(self) -> list[tuple[sp.Symbol, Callable[..., Any], list[sp.Symbol]]]:
        compiled = []
        known = list(self.sample)
        for symbol, definition in self.where.items():
            compiled.append((symbol, lambdify(known, definition), list(known)))
            known.append(symbol)
        return compiled

    @cached_property
    def _conditions(self) -> list[tuple[sp.Basic, Callable[..., Any], list[sp.Symbol]]]:
        arguments = [*self.sample, *self.where]
        return [
            (condition, lambdify(arguments, condition.lhs - condition.rhs), arguments)
            for condition in self.conditions
        ]

    def condition_signs(self, point: Mapping[sp.Symbol, float]) -> list[int]:
        """The sign of each condition's ``lhs - rhs`` at ``point``; raise if one fails there."""
        signs = []
        for condition, difference, arguments in self._conditions:
            value = float(difference(*(point[a] for a in arguments)))
            holds = {
                ">": value > 0,
                "<": value < 0,
                ">=": value >= 0,
                "<=": value <= 0,
                "!=": value != 0,
                "==": abs(value) <= 1e-9,
            }[condition.rel_op]
            if not holds:
                raise ConditionError(
                    f"the model's condition {sp.latex(condition)} fails at "
                    + ", ".join(f"{sp.latex(s)} = {point[s]:.4g}" for s in self.sample)
                )
            signs.append(int(np.sign(value)))
        return signs

    def numeric_point(self, rng: np.random.Generator) -> dict[sp.Symbol, float]:
        """Draw the free variables and compute every derived one from them."""
        symbols, lows, highs = self._intervals
        if not symbols:
            return self.complete({})
        # One call draws the same numbers, in the same order, as one call per variable.
        return self.complete(dict(zip(symbols, rng.uniform(lows, highs).tolist(), strict=True)))

    @cached_property
    def _intervals(self) -> tuple[list[sp.Symbol], np.ndarray, np.ndarray]:
        lows = np.array([float(low) for low, _ in self.sample.values()])
        highs = np.array([float(high) for _, high in self.sample.values()])
        return list(self.sample), lows, highs

    def complete(self, free: Mapping[sp.Symbol, float]) -> dict[sp.Symbol, float]:
        """Compute every derived variable from values of the free ones."""
        point = dict(free)
        for symbol, function, arguments in self._derived:
            point[symbol] = float(function(*(point[a] for a in arguments)))
        return point


NumericFunction = Callable[[Mapping[sp.Symbol, float]], "NumericValue"]


class ConditionError(ValueError):
    """A model's stated condition does not hold where it samples, or a guarantee is false."""


def matrix_symbols(name: str, rows: int, cols: int) -> sp.ImmutableMatrix:
    """A matrix whose entries are real symbols ``name_{ij}``.

    Matrix identities are checked entry by entry on such matrices, for several shapes, so
    an identity that only holds for one size (or only for square matrices) fails.
    """
    if cols == 1:
        entries = [[sp.Symbol(f"{name}_{{{i}}}", real=True)] for i in range(1, rows + 1)]
    else:
        entries = [
            [sp.Symbol(f"{name}_{{{i}{j}}}", real=True) for j in range(1, cols + 1)]
            for i in range(1, rows + 1)
        ]
    return sp.ImmutableMatrix(entries)


def sample_entries(
    *matrices: sp.MatrixBase,
    interval: tuple[float, float] = (-2.0, 2.0),
    diagonal: tuple[float, float] | None = None,
) -> dict[sp.Symbol, tuple[float, float]]:
    """Sampling intervals for every entry; ``diagonal`` keeps square matrices invertible.

    With ``diagonal`` given, every square matrix must be strictly diagonally dominant at every
    point that can be drawn (the smallest diagonal entry exceeds the largest possible sum of
    the others in its row), so its determinant is positive (Gershgorin: every eigenvalue has
    a positive real part); intervals that cannot guarantee it are refused. With diagonal
    entries in (3, 4) and the rest in (-1/2, 1/2), a 3×3 or 4×4 matrix qualifies.
    """
    sample: dict[sp.Symbol, tuple[float, float]] = {}
    if diagonal is not None:
        largest = max(abs(interval[0]), abs(interval[1]))
        for matrix in matrices:
            rows, cols = matrix.shape
            if rows == cols and rows > 1 and diagonal[0] <= (cols - 1) * largest:
                raise ConditionError(
                    f"a {rows}×{cols} matrix with diagonal in {diagonal} and other entries in "
                    f"{interval} need not be diagonally dominant, so det > 0 is not guaranteed; "
                    f"narrow the interval or raise the diagonal above {(cols - 1) * largest}"
                )
    for matrix in matrices:
        for (row, col), entry in np.ndenumerate(np.array(matrix.tolist(), dtype=object)):
            on_diagonal = diagonal is not None and row == col
            sample[entry] = diagonal if on_diagonal and diagonal else interval
    return sample


class Quantity(Protocol):
    """Something a claim's left-hand side can stand for."""

    @property
    def method(self) -> str:
        """How the numeric value is obtained, as shown on the page."""
        ...

    def symbolic(self, model: Model) -> SympyValue: ...

    def numeric(self, model: Model) -> NumericFunction:
        """Return a function of a sample point; built once, called for every point."""
        ...


def compile_numeric(expr: SympyValue, model: Model) -> NumericFunction:
    """Compile a SymPy expression or matrix of the model's variables for NumPy."""
    arguments = [*model.sample, *model.where]
    function = lambdify(arguments, expr)
    shape = expr.shape if isinstance(expr, sp.MatrixBase) else None

    def evaluate(point: Mapping[sp.Symbol, float]) -> NumericValue:
        result = function(*map(point.__getitem__, arguments))
        if shape is None:
            return float(result)
        return np.asarray(result, dtype=float).reshape(shape)

    return evaluate


@dataclass(frozen=True)
class Expression:
    """The left-hand side is this expression (after expanding derived variables)."""

    expr: SympyValue
    method: str = "direct evaluation"

    def symbolic(self, model: Model) -> SympyValue:
        return model.expand(_as_sympy(self.expr))

    def numeric(self, model: Model) -> NumericFunction:
        return compile_numeric(_as_sympy(self.expr), model)


@dataclass(frozen=True)
class Derivative:
    """The derivative of ``expr`` with respect to ``wrt``, in numerator layout by default.

    Shapes: scalar by scalar is a scalar; an m-vector by a scalar is m×1; a scalar by an
    n-vector is 1×n (``layout="numerator"``) or n×1 (``layout="gradient"``); an m-vector by an
    n-vector is the m×n Jacobian.
    """

    expr: SympyValue
    wrt: sp.Symbol | Sequence[sp.Symbol] | sp.MatrixBase
    layout: str = "numerator"
    method: str = "central finite differences"

    def variables(self) -> list[sp.Symbol]:
        return [self.wrt] if isinstance(self.wrt, sp.Symbol) else list(self.wrt)

    def wrt_shape(self) -> tuple[int, int] | None:
        """The shape of a matrix variable; ``None`` for a scalar or a list of variables."""
        if isinstance(self.wrt, sp.MatrixBase) and self.wrt.shape[1] > 1:
            return (int(self.wrt.shape[0]), int(self.wrt.shape[1]))
        return None

    def function(self, model: Model) -> sp.ImmutableMatrix:
        return sp.ImmutableMatrix(model.expand_except(_as_column(self.expr), self.variables()))

    def arrange(self, jacobian: Any) -> Any:
        shape = self.wrt_shape()
        if shape is not None:
            # A scalar by a matrix W: the gradient has the shape of W; numerator layout is
            # its transpose.
            if jacobian.shape[0] != 1:
                raise ValueError("only a scalar can be differentiated by a matrix")
            gradient = jacobian.reshape(*shape)
            if self.layout not in ("gradient", "numerator"):
                raise ValueError(f"unknown layout {self.layout!r}")
            return gradient if self.layout == "gradient" else gradient.T
        if self.layout == "gradient":
            if jacobian.shape[0] != 1:
                raise ValueError("layout='gradient' is for scalar functions")
            return jacobian.T
        if self.layout != "numerator":
            raise ValueError(f"unknown layout {self.layout!r}")
        return jacobian

    def symbolic(self, model: Model) -> SympyValue:
        jacobian = self.function(model).jacobian(self.variables())
        return _unwrap(model.expand(sp.ImmutableMatrix(self.arrange(jacobian))))

    def numeric(self, model: Model) -> NumericFunction:
        variables = self.variables()
        others = [s for s in [*model.sample, *model.where] if s not in variables]
        compiled = lambdify([*variables, *others], self.function(model))

        def central_differences(point: Mapping[sp.Symbol, float]) -> NumericValue:
            base = np.array([point[s] for s in [*variables, *others]], dtype=float)
            columns = []
            for index in range(len(variables)):
                step = 1e-6 * (1 + abs(base[index]))
                forward, backward = base.copy(), base.copy()
                forward[index] += step
                backward[index] -= step
                difference = np.asarray(compiled(*forward), float) - np.asarray(
                    compiled(*backward), float
                )
                columns.append(difference.reshape(-1) / (2 * step))
            arranged = self.arrange(np.column_stack(columns))
            return float(arranged[0, 0]) if arranged.shape == (1, 1) else arranged

        return central_differences


def _as_sympy(value: Any) -> SympyValue:
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value)
    return sp.sympify(value)


def _as_column(value: Any) -> sp.ImmutableMatrix:
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value).reshape(len(value), 1)
    return sp.ImmutableMatrix([value])


def _unwrap(matrix: sp.ImmutableMatrix) -> SympyValue:
    return matrix[0, 0] if matrix.shape == (1, 1) else matrix


def as_quantity(meaning: Quantity | SympyValue) -> Quantity:
    """A model's name means a Quantity, or a plain SymPy value that stands for itself."""
    return meaning if hasattr(meaning, "numeric") else Expression(meaning)


def named(model: Model, latex: str) -> Quantity | None:
    """What ``model.names`` says ``latex`` means, matched as the page's parser reads names."""
    wanted = _canonical(latex)
    if wanted is None:  # f(t), (a + b)^2: not a name, so no model names it
        return None
    for name, meaning in model.names.items():
        if _canonical(name) == wanted:
            return as_quantity(meaning)
    return None


@functools.lru_cache(maxsize=4096)
def _canonical(latex: str) -> str | None:
    """The parser's key for a name (models share most of theirs, so each is parsed once)."""
    try:
        return canonical_name(latex)
    except LatexSyntaxError:
        return None


Meaning = Callable[[Model], Quantity]


@dataclass(frozen=True)
class ClaimCheck:
    """A registered check: what the claim ``claim_id`` states, and where the check is written.

    What the left side means comes from one of three places: ``meaning`` (a check function,
    given each model in turn), or, without one, the model's ``names`` under ``lhs``; with
    neither (``lhs`` is ``None``) the claim is an identity and the page's own left side is the
    reference every other side must equal.

    Attributes:
        source: the file the check is written in.
        line: the line that names the claim id (what an error message points at).
        lines: the first and last line of the statement that registers it, shown whole on the
            claims page.

    """

    claim_id: str
    lhs: str | None
    models: tuple[Model, ...]
    meaning: Meaning | None
    source: Path
    line: int
    lines: tuple[int, int]

    def quantity(self, model: Model) -> Quantity | None:
        """What the left-hand side means in ``model``; ``None`` for an identity.

        ``None`` with an ``lhs`` too, if a check function returned nothing: the verifier
        reports it rather than verifying the page's left side against itself.
        """
        if self.meaning is not None:
            return self.meaning(model)
        return None if self.lhs is None else named(model, self.lhs)

    @property
    def how(self) -> str:
        """How the check is defined, in a sentence for the claims page."""
        if self.meaning is not None:
            return "The check function returns what the left side means, for each model."
        if self.lhs is None:
            return "An identity: every side on the page, the left one included, must agree."
        return "The left side is looked up by name in the model's names."


REGISTRY: dict[str, ClaimCheck] = {}


class CheckDefinitionError(ValueError):
    """A check cannot be registered; ``problem`` locates it (its text starts with file:line)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _definition_error(where: _Statement, line: int, claim_id: str, message: str) -> Problem:
    return Problem(Path(_shown(where.path)), line, "check", claim_id, message)


class DuplicateCheckError(CheckDefinitionError):
    """Two checks were registered under one claim id."""


MeaningFunction = TypeVar("MeaningFunction", bound=Meaning)


def claim(
    *claim_ids: str, model: Model | Sequence[Model], lhs: str
) -> Callable[[MeaningFunction], MeaningFunction]:
    """Register the decorated function as the check of every id in ``claim_ids``.

    The function is given each model in turn and returns what the left-hand side ``lhs``
    means there; the engine, not the function, decides whether the page's other sides equal
    it. Several ids share one check when the page states one quantity several times (a
    result, its restatement, the options of an exercise).
    """
    where = _caller()

    def register(meaning: MeaningFunction) -> MeaningFunction:
        _register(claim_ids, _models(claim_ids, model), lhs, meaning, where)
        return meaning

    return register


def identity(*claim_ids: str, model: Model | Sequence[Model]) -> None:
    """Register claims whose sides on the page must all agree, the left one included.

    For a rewriting (``\\frac{d}{dx}\\sin x = \\cos x``, ``(A B)^\\top = B^\\top A^\\top``): the
    page's left side is evaluated like the others and is the reference.
    """
    _register(claim_ids, _models(claim_ids, model), None, None, _caller())


def claims_by_name(model: Model | Sequence[Model], table: Mapping[str, str]) -> None:
    """Register one claim per row of ``table``, id -> the LaTeX of its left side.

    The left side is looked up in ``model.names`` (in every model), so what it means is stated
    once, in the model; a name the model lacks is refused at import with the row's file:line.
    """
    where = _caller()
    for claim_id, lhs in table.items():
        models = _models((claim_id,), model)
        for each in models:
            if named(each, lhs) is None:
                known = ", ".join(each.names) or "nothing"
                raise CheckDefinitionError(
                    _definition_error(
                        where,
                        where.line_of(claim_id),
                        claim_id,
                        f"claim {claim_id!r}: the model names no {lhs} (it names: {known}); add "
                        "it to the model's names= or write the left side as the model names it",
                    )
                )
        _register((claim_id,), models, lhs, None, where)


def _models(claim_ids: Sequence[str], model: Model | Sequence[Model]) -> tuple[Model, ...]:
    models = (model,) if isinstance(model, Model) else tuple(model)
    if not models:
        raise ValueError(f"claim {', '.join(claim_ids)} needs at least one model")
    return models


def _register(
    claim_ids: Sequence[str],
    models: tuple[Model, ...],
    lhs: str | None,
    meaning: Meaning | None,
    where: _Statement,
) -> None:
    if not claim_ids:
        raise CheckDefinitionError(_definition_error(where, where.first, "", "a check needs an id"))
    for claim_id in claim_ids:
        line = where.line_of(claim_id)
        if claim_id in REGISTRY:
            first = REGISTRY[claim_id]
            raise DuplicateCheckError(
                _definition_error(
                    where,
                    line,
                    claim_id,
                    f"claim id {claim_id!r} already has a check at "
                    f"{_shown(first.source)}:{first.line}",
                )
            )
        REGISTRY[claim_id] = ClaimCheck(
            claim_id, lhs, models, meaning, where.path, line, (where.first, where.last)
        )


def _shown(path: Path) -> str:
    """A path as an author would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class _Statement:
    """The statement of a checks module that registers claims: its lines, and each id's line."""

    path: Path
    first: int
    last: int
    id_lines: Mapping[str, int]

    def line_of(self, claim_id: str) -> int:
        return self.id_lines.get(claim_id, self.first)


def _caller() -> _Statement:
    """The statement, two frames up, that called a registration function.

    Read from the module's syntax tree, so a decorated function is shown from its first
    decorator to its last line and a table whole, and each id points at its own line.
    """
    frame = sys._getframe(2)
    path, line = Path(frame.f_code.co_filename), frame.f_lineno
    try:
        statements = _statements(path.read_text(encoding="utf-8"))
    except OSError:
        statements = []
    spans = [span for span in statements if span[0] <= line <= span[1]]
    if not spans:
        return _Statement(path, line, line, {})
    first, last, statement = min(spans, key=lambda span: span[1] - span[0])
    id_lines: dict[str, int] = {}
    for node in ast.walk(statement):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            id_lines.setdefault(node.value, node.lineno)
    return _Statement(path, first, last, id_lines)


@functools.lru_cache(maxsize=64)
def _statements(text: str) -> list[tuple[int, int, ast.stmt]]:
    """Every statement of a module with its lines, a decorated definition from its decorator."""
    return [
        (_first_line(node), node.end_lineno or node.lineno, node)
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.stmt)
    ]


def _first_line(node: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])
