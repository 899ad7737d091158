"""Decide whether the equation on a page is true, by two independent routes.

Route 1 (symbolic): every side of the page's equation is evaluated with SymPy and subtracted
from what the check says the left-hand side means; the difference must simplify to zero.
Route 2 (numeric): every side is evaluated with NumPy at random points and compared with the
check's numeric value (central finite differences for derivatives), which never calls SymPy's
differentiation. A claim passes only if both routes agree; a ``refuted`` equation passes only
if the numeric route finds a point where it is wrong.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import sympy as sp

from verified_docs.checks import (
    ClaimCheck,
    ConditionError,
    Model,
    NumericFunction,
    Quantity,
    as_quantity,
)
from verified_docs.latex.ast import Name, Node
from verified_docs.latex.errors import EvaluationError, LatexSyntaxError
from verified_docs.latex.evaluate import (
    NumpyAlgebra,
    SympyAlgebra,
    direction_name,
    evaluate,
    shape_text,
)
from verified_docs.latex.lexer import tokenize
from verified_docs.latex.parser import canonical_name, parse_expression, split_sides
from verified_docs.rational_zero import proves_zero

SAMPLES = 200
RELATIVE_TOLERANCE = 1e-6
# A refutation must be unmistakable, not a rounding artefact of finite differences.
REFUTATION_MARGIN = 1e-3


class ClaimFailure(Exception):
    """The claim is false, unreadable or unverifiable; the message is one line for the author."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of verifying one claim, as shown on the page and in ``claims.json``."""

    methods: tuple[str, ...]
    witness: str | None = None
    samples: int = 0
    sides: tuple[str, ...] = field(default_factory=tuple)


def verify_equation(check: ClaimCheck, latex: str, *, refuted: bool = False) -> Verdict:
    """Verify (or, with ``refuted``, refute) ``latex`` against ``check``.

    Raises:
        ClaimFailure: with a one-line reason when the verdict is not the expected one.

    """
    try:
        sides = split_sides(latex)
        nodes = [parse_expression(side) for side in sides]
    except LatexSyntaxError as error:
        raise ClaimFailure(f"cannot read the equation: {error}") from None
    if len(nodes) < 2:
        raise ClaimFailure("a claim must be an equation with '=' (mark notation as 'notation')")
    if check.lhs is not None:
        _require_same_text(sides[0], check.lhs)
    if refuted:
        # A general statement is refuted by one instance where it is false.
        symbolic_outcome, numeric_outcome, witness, samples = _refute_in_some_model(
            check, sides, nodes
        )
        return Verdict(
            methods=(symbolic_outcome, numeric_outcome),
            witness=witness,
            samples=samples,
            sides=tuple(sides),
        )
    outcomes = [
        _verify_in_model(check, model, sides, nodes, refuted=False) for model in check.models
    ]
    symbolic_outcome, numeric_outcome, witness, samples = outcomes[0]
    if len(check.models) > 1:
        shapes = "; ".join(model.label or "?" for model in check.models)
        symbolic_outcome += f" for each of {len(check.models)} instances ({shapes})"
        numeric_outcome += f", for each of {len(check.models)} instances"
    return Verdict(
        methods=(symbolic_outcome, numeric_outcome),
        witness=witness,
        samples=samples,
        sides=tuple(sides),
    )


def _refute_in_some_model(
    check: ClaimCheck, sides: list[str], nodes: list[Node]
) -> tuple[str, str, str | None, int]:
    failures: list[str] = []
    for model in check.models:
        try:
            return _verify_in_model(check, model, sides, nodes, refuted=True)
        except ClaimFailure as failure:
            failures.append(str(failure))
    raise ClaimFailure(failures[0])


def _verify_in_model(
    check: ClaimCheck, model: Model, sides: list[str], nodes: list[Node], *, refuted: bool
) -> tuple[str, str, str | None, int]:
    """Both routes in one model; a failure names the model's shapes when there are several."""
    declared = check.quantity(model)
    stated = nodes[1:]
    if check.lhs is not None and declared is None:
        raise ClaimFailure(f"the check declares lhs={check.lhs!r} but gives no quantity for it")
    quantity: Quantity = declared if declared is not None else _PageSide(nodes[0])
    where = f"with {model.label}: " if len(check.models) > 1 and model.label else ""
    problems: list[str] = []
    symbolic_outcome, (witness, samples) = "", (None, 0)
    try:
        symbolic_outcome = _symbolic(quantity, stated, model, refuted)
    except ClaimFailure as failure:
        problems.append(str(failure))
    except (EvaluationError, LatexSyntaxError) as error:
        raise ClaimFailure(where + str(error)) from None
    try:
        witness, samples = _numeric(check.claim_id, quantity, stated, sides, model, refuted)
    except ClaimFailure as failure:
        problems.append(str(failure))
    except (EvaluationError, LatexSyntaxError) as error:
        raise ClaimFailure(where + str(error)) from None
    if problems:
        # Both routes are reported: an author sees the symbolic residual and a concrete point.
        raise ClaimFailure(where + "; ".join(dict.fromkeys(problems)))
    numeric_outcome = (
        f"NumPy: {quantity.method} differ at a sample point"
        if refuted
        else f"NumPy: {quantity.method} at {samples} random points"
    )
    return symbolic_outcome, numeric_outcome, witness, samples


def _require_same_text(page_lhs: str, declared: str) -> None:
    if _normal_text(page_lhs) != _normal_text(declared):
        raise ClaimFailure(f"the left side reads {page_lhs!r} but the check defines {declared!r}")


def _normal_text(latex: str) -> str:
    try:
        return canonical_name(latex)
    except LatexSyntaxError:
        return " ".join(token.text for token in tokenize(latex))


@dataclass(frozen=True)
class _PageSide:
    """An identity's left-hand side: the page's own expression is the reference."""

    node: Node
    method: str = "direct evaluation"

    def symbolic(self, model: Model) -> Any:
        return model.expand(evaluate(self.node, _Scope(model, symbolic=True), SympyAlgebra()))

    def numeric(self, model: Model) -> NumericFunction:
        scope_for = numeric_scope_factory(model)
        return lambda point: evaluate(self.node, scope_for(point), NumpyAlgebra())


def _symbolic(quantity: Quantity, stated: list[Node], model: Model, refuted: bool) -> str:
    truth = quantity.symbolic(model)
    scope = _Scope(model, symbolic=True)
    for index, node in enumerate(stated, start=1):
        value = model.expand(evaluate(node, scope, SympyAlgebra()))
        if refuted and _shape(value) != _shape(truth):
            stated_shape, true_shape = shape_text(_shape(value)), shape_text(_shape(truth))
            return f"SymPy: the stated shape {stated_shape} is not the true {true_shape}"
        _require_same_shape(_shape(value), _shape(truth), index)
        if refuted:
            point = _exact_counterexample(value - truth, model)
            if point is None:
                raise ClaimFailure("marked refuted, but SymPy finds it true at every test point")
            return f"SymPy: stated − true ≠ 0 exactly at {point}"
        where, residual = _simplified_difference(value, truth, model)
        if residual != 0:
            residual = residual.xreplace(_page_symbols(model))
            raise ClaimFailure(
                f"side {index + 1}{where} is false: stated − true simplifies to {_short(residual)}"
            )
    return "SymPy: stated − true simplifies to 0"


def _short(value: Any, limit: int = 160) -> str:
    """A residual for a one-line message: long expressions are cut, not wrapped."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _exact_counterexample(difference: Any, model: Model) -> str | None:
    """Find a rational point where the exact difference is clearly nonzero.

    Simplifying a false equation's difference can take SymPy minutes; evaluating it exactly
    at a rational point, to 30 significant digits, takes milliseconds and proves the same.
    """
    entries = list(difference) if isinstance(difference, sp.MatrixBase) else [difference]
    for fraction in (sp.Rational(1, 3), sp.Rational(-2, 7), sp.Rational(5, 4), sp.Rational(3, 5)):
        # Each variable gets its own fraction: equal entries would hide a missing transpose.
        point = {
            symbol: low + (high - low) * ((fraction + index * sp.Rational(7, 19)) % 1)
            for index, (symbol, (low, high)) in enumerate(model.sample.items())
        }
        exact = {s: sp.nsimplify(v) for s, v in point.items()}
        for entry in entries:
            magnitude = abs(sp.N(entry.xreplace(exact), 30))
            if magnitude.is_number and magnitude > sp.Float("1e-20"):
                return _point_text(exact, model, str)
    return None


def _simplified_difference(value: Any, truth: Any, model: Model) -> tuple[str, Any]:
    """Return the first entry whose difference does not simplify to 0, and its residual.

    Clearing denominators proves most true claims zero in milliseconds, all entries at once
    (they share their determinants and softmax sums); only what it does not prove goes on to
    SymPy's ``expand``, ``cancel`` and ``simplify``, which also name a false entry's residual.
    """
    difference = value - truth
    if proves_zero(list(difference) if isinstance(difference, sp.MatrixBase) else [difference]):
        return "", 0
    if not isinstance(difference, sp.MatrixBase):
        return "", _residual(difference, model)
    for (row, col), entry in np.ndenumerate(np.array(difference.tolist(), dtype=object)):
        residual = _residual(entry, model)
        if residual != 0:
            return f" (entry {row + 1},{col + 1})", residual
    return "", 0


def _residual(expression: Any, model: Model) -> Any:
    """The difference, simplified; 0 if and only if SymPy proves it is zero.

    A difference that is exactly nonzero at a rational point is false for certain, and is
    returned expanded rather than simplified: simplifying a false claim's residual can take
    SymPy minutes, which would stall the build on an author's slip.
    """
    expanded = sp.expand(expression)
    if expanded == 0:
        return expanded
    if _exact_counterexample(expanded, model) is not None:
        return expanded
    # cancel() settles rational functions (matrix inverses) long before simplify() would.
    cancelled = sp.cancel(sp.together(expanded))
    return cancelled if cancelled == 0 else sp.simplify(cancelled)


def _shape(value: Any) -> tuple[int, int]:
    shape: tuple[int, ...] = tuple(getattr(value, "shape", ()))
    return (int(shape[0]), int(shape[1])) if len(shape) == 2 else (1, 1)


def _require_same_shape(stated: tuple[int, int], true: tuple[int, int], index: int) -> None:
    if stated != true:
        raise ClaimFailure(
            f"side {index + 1} has shape {shape_text(stated)} but the true value is "
            f"{shape_text(true)}"
        )


def _numeric(
    claim_id: str,
    quantity: Quantity,
    stated: list[Node],
    sides: list[str],
    model: Model,
    refuted: bool,
) -> tuple[str | None, int]:
    rng = np.random.default_rng(zlib.crc32(claim_id.encode()))
    truth_at = quantity.numeric(model)
    scope_for = numeric_scope_factory(model)
    algebra = NumpyAlgebra()
    compared = 0
    signs_seen: set[tuple[int, int]] = set()
    with np.errstate(all="ignore"):
        for _ in range(SAMPLES):
            point = model.numeric_point(rng)
            try:
                signs_seen.update(enumerate(model.condition_signs(point)))
            except ConditionError as broken:
                raise ClaimFailure(str(broken)) from None
            truth = np.asarray(truth_at(point), dtype=float)
            if not np.all(np.isfinite(truth)):
                continue
            compared += 1
            for index, node in enumerate(stated, start=1):
                value = _real(evaluate(node, scope_for(point), algebra))
                stated_shape = _shape(value if value.ndim == 2 else 0)
                true_shape = _shape(truth if truth.ndim == 2 else 0)
                if refuted and stated_shape != true_shape:
                    return (
                        f"it is {shape_text(stated_shape)}, but the true value is "
                        f"{shape_text(true_shape)}"
                    ), compared
                _require_same_shape(stated_shape, true_shape, index)
                scale = max(1.0, float(np.max(np.abs(truth))))
                error = (
                    float(np.max(np.abs(value - truth))) if np.all(np.isfinite(value)) else (np.inf)
                )
                if refuted and error > REFUTATION_MARGIN * scale:
                    return _witness(point, model, value, truth), compared
                if not refuted and error > RELATIVE_TOLERANCE * scale:
                    raise ClaimFailure(
                        f"side {index + 1} ({sides[index]}) is false at "
                        f"{_point_text(point, model)}: stated {_number_text(value)}, "
                        f"true {_number_text(truth)}"
                    )
    for index, condition in enumerate(model.conditions):
        if isinstance(condition, sp.Ne) and {(index, -1), (index, 1)} - signs_seen:
            raise ClaimFailure(
                f"the model samples only one side of {sp.latex(condition)}; a claim stated "
                "on both sides must be checked on both"
            )
    if compared < SAMPLES // 2:
        raise ClaimFailure(
            f"only {compared} of {SAMPLES} sample points were in the domain; "
            "narrow the sampling intervals of the check's model"
        )
    if refuted:
        raise ClaimFailure(f"marked refuted, but it held at all {compared} sample points")
    return None, compared


def _real(value: Any) -> Any:
    """A float array, or NaN where NumPy produced a complex or non-numeric value."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return np.asarray(np.nan)


def _witness(point: Mapping[sp.Symbol, float], model: Model, value: Any, truth: Any) -> str:
    # A model with no free variables (a claim at one fixed point) has no point to name.
    where = f"at {_point_text(point, model)} " if model.sample else ""
    return f"{where}it gives {_number_text(value)}, but the true value is {_number_text(truth)}"


def _point_text(
    point: Mapping[sp.Symbol, Any],
    model: Model,
    number: Callable[[Any], str] = lambda value: f"{value:.4g}",
) -> str:
    """The free variables at ``point``, each spelled as the page spells it."""
    spelled = _page_symbols(model)
    return ", ".join(
        f"{sp.latex(spelled.get(symbol, symbol))} = {number(point[symbol])}"
        for symbol in model.sample
    )


def _page_symbols(model: Model) -> dict[sp.Symbol, sp.Symbol]:
    """The entries of each direction the model binds, renamed as the page writes it.

    The page writes ``dX``; the check builds it of symbols of its own (``V_{12}``), which an
    author reading a failure could not find on the page: they become ``dX_{12}``.
    """
    variables = _variables(model)
    directions = {direction_name(Name(name, name)).canonical for name in variables}
    bound_directions = directions & set(variables)
    renamed: dict[sp.Symbol, sp.Symbol] = {}
    for latex, meaning in model.names.items():
        if canonical_name(latex) not in bound_directions:
            continue
        if not isinstance(meaning, sp.MatrixBase):
            renamed[meaning] = sp.Symbol(latex)
            continue
        for (row, col), entry in np.ndenumerate(np.array(meaning.tolist(), dtype=object)):
            index = f"{row + 1}" if meaning.cols == 1 else f"{row + 1}{col + 1}"
            renamed[entry] = sp.Symbol(f"{latex}_{{{index}}}")
    return renamed


def _number_text(value: Any) -> str:
    array = np.asarray(value, dtype=float)
    if array.ndim == 0 or array.size == 1:
        return f"{float(array.reshape(-1)[0]):.6g}"
    return np.array2string(array, precision=4, separator=", ").replace("\n", "")


class _Scope:
    """Names on the page resolved through a check's model, symbolically or at one point."""

    def __init__(
        self,
        model: Model,
        *,
        symbolic: bool,
        point: Mapping[sp.Symbol, float] | None = None,
        names: Mapping[str, Any] | None = None,
        overrides: Mapping[str, Any] | None = None,
        variables: Mapping[str, tuple[sp.Symbol, ...]] | None = None,
        held: Mapping[str, str] | None = None,
    ) -> None:
        self.model = model
        self.symbolic = symbolic
        self.point = point
        self.names = names if names is not None else _symbolic_names(model)
        self.overrides = dict(overrides or {})
        self.variables = variables if variables is not None else _variables(model)
        # A derived variable -> the moved one it is derived from: it can no longer be read.
        self.held = dict(held or {})

    def value(self, name: Name) -> Any:
        if name.canonical in self.overrides:
            return self.overrides[name.canonical]
        if name.canonical in self.held:
            moved = self.held[name.canonical]
            raise EvaluationError(
                f"{name.source!r} is derived from {moved!r} in the check's model (where=), so "
                f"it cannot stay fixed while {moved!r} moves; write it in terms of {moved!r}"
            )
        if name.canonical not in self.names:
            known = ", ".join(sorted(self.names)) or "nothing"
            raise EvaluationError(
                f"the page uses {name.source!r}, which the check does not "
                f"define (it defines: {known})"
            )
        resolved = self.names[name.canonical]
        return resolved if self.symbolic else resolved(self.point)

    def function(self, name: str) -> Callable[[Any], Any]:
        if name not in self.model.functions:
            raise EvaluationError(f"the page applies {name!r}, which the check does not define")
        function = self.model.functions[name]
        if self.symbolic:
            return function
        return _numeric_function(function)

    def dimension(self, label: str) -> int:
        if label.isdigit():
            return int(label)
        if label not in self.model.dimensions:
            raise EvaluationError(f"the shape label {label!r} is not a dimension of the check")
        return self.model.dimensions[label]

    def with_value(self, name: str, value: Any) -> _Scope:
        """The scope with ``name`` moved to ``value``, and what the model derives from it.

        Moving a sampled variable, or a matrix of them, moves everything derived from it:
        \\frac{d}{dt}(x_1) with x_1 = t^2, or d(sX) with s = tr X, must see the derived name
        change, or a false claim would pass. A derived variable cannot move what it is derived
        from, so what is in turn derived from it is refused instead of silently held fixed.
        """
        entries = self.variables.get(name)
        if entries is None:
            held = {**self._derived_names(name), **self.held}
            return self._changed(overrides={**self.overrides, name: value}, held=held)
        moved = dict(zip(entries, _entries_of(value), strict=True))
        if not self.symbolic and self.point is not None:
            free = {symbol: self.point[symbol] for symbol in self.model.sample}
            return self._changed(point=self.model.complete({**free, **moved}))
        # Symbolically the names are stored expanded, so replacing the variables moves them.
        names = {key: _replace(meaning, moved) for key, meaning in self.names.items()}
        return self._changed(names=names, overrides={**self.overrides, name: value})

    def _derived_names(self, name: str) -> dict[str, str]:
        """Each name the model derives from the derived variable ``name``, mapped to it."""
        symbol = _per_model(_VARIABLE_NAMES, self.model, _variable_names).get(name)
        if symbol not in self.model.where:
            return {}
        return {
            canonical_name(sp.latex(derived)): name for derived in self.model.derived_from({symbol})
        }

    def _changed(
        self,
        *,
        point: Mapping[sp.Symbol, float] | None = None,
        names: Mapping[str, Any] | None = None,
        overrides: Mapping[str, Any] | None = None,
        held: Mapping[str, str] | None = None,
    ) -> _Scope:
        return _Scope(
            self.model,
            symbolic=self.symbolic,
            point=self.point if point is None else point,
            names=self.names if names is None else names,
            overrides=self.overrides if overrides is None else overrides,
            variables=self.variables,
            held=self.held if held is None else held,
        )


def _variables(model: Model) -> dict[str, tuple[sp.Symbol, ...]]:
    return _per_model(_VARIABLES, model, _compute_variables)


def _compute_variables(model: Model) -> dict[str, tuple[sp.Symbol, ...]]:
    """The page's names for sampled variables, each with the variables it is, entry by entry.

    A free variable is its own name; a name the model binds to a matrix of free variables
    (``X``, a direction ``dX``) stands for its entries, so moving it moves each of them.
    """
    variables = {canonical_name(sp.latex(s)): (s,) for s in model.sample}
    for latex, meaning in model.names.items():
        entries = tuple(meaning) if isinstance(meaning, sp.MatrixBase) else (meaning,)
        free = all(isinstance(entry, sp.Symbol) and entry in model.sample for entry in entries)
        if free and len(set(entries)) == len(entries):
            variables[canonical_name(latex)] = entries
        else:  # a named quantity wins over a variable of the same name, as on the page
            variables.pop(canonical_name(latex), None)
    return variables


def _entries_of(value: Any) -> list[Any]:
    if isinstance(value, sp.MatrixBase):
        return list(value)
    return list(np.asarray(value).reshape(-1)) if isinstance(value, np.ndarray) else [value]


@functools.cache
def _numeric_function(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A model's function compiled for NumPy once, not at every sample point."""
    variable = sp.Dummy("z")
    return sp.lambdify(variable, function(variable), "numpy")  # type: ignore[no-any-return]


ModelData = TypeVar("ModelData")
# What a model's names mean, worked out once per model rather than once per claim, side and
# scope: every claim of a chapter shares a few models. Keyed by identity (a Model holds dicts,
# so it has no hash), holding the model so that its id cannot be reused; bounded for `serve`.
_MODEL_CACHE_LIMIT = 4096
_VARIABLES: dict[int, tuple[Model, Any]] = {}
_VARIABLE_NAMES: dict[int, tuple[Model, Any]] = {}
_SYMBOLIC_NAMES: dict[int, tuple[Model, Any]] = {}


def _per_model(
    cache: dict[int, tuple[Model, Any]], model: Model, compute: Callable[[Model], ModelData]
) -> ModelData:
    """``compute(model)``, once per model; callers only read what it returns."""
    cached = cache.get(id(model))
    if cached is not None and cached[0] is model:
        return cached[1]  # type: ignore[no-any-return]
    value = compute(model)
    if len(cache) >= _MODEL_CACHE_LIMIT:
        cache.clear()
    cache[id(model)] = (model, value)
    return value


def _variable_names(model: Model) -> dict[str, sp.Symbol]:
    return {canonical_name(sp.latex(s)): s for s in [*model.sample, *model.where]}


def _symbolic_names(model: Model) -> dict[str, Any]:
    return dict(_per_model(_SYMBOLIC_NAMES, model, _compute_symbolic_names))


def _compute_symbolic_names(model: Model) -> dict[str, Any]:
    names: dict[str, Any] = {}
    for symbol in [*model.sample, *model.where]:
        # Derived variables are expanded, so differentiating on the page sees through them.
        names[canonical_name(sp.latex(symbol))] = model.expand(symbol)
    for latex, meaning in model.names.items():
        names[canonical_name(latex)] = as_quantity(meaning).symbolic(model)
    return names


def _replace(meaning: Any, values: Mapping[sp.Symbol, Any]) -> Any:
    return meaning.xreplace(values) if hasattr(meaning, "xreplace") else meaning


def numeric_scope_factory(model: Model) -> Callable[[Mapping[sp.Symbol, float]], _Scope]:
    """Compile each name once, when first used; return a builder of the scope at a point."""
    compiled = _CompiledNames(model)
    variables = _variables(model)

    def scope_at(point: Mapping[sp.Symbol, float]) -> _Scope:
        return _Scope(model, symbolic=False, point=point, names=compiled, variables=variables)

    return scope_at


class _CompiledNames(Mapping[str, Callable[[Mapping[sp.Symbol, float]], Any]]):
    """The model's names compiled for NumPy on first use: a page uses few of a model's names."""

    def __init__(self, model: Model) -> None:
        self.model = model
        # A variable is read from the point; a named quantity (which wins) is compiled.
        self.sources: dict[str, tuple[sp.Symbol | None, Any]] = {
            name: (symbol, None)
            for name, symbol in _per_model(_VARIABLE_NAMES, model, _variable_names).items()
        }
        for latex, meaning in model.names.items():
            self.sources[canonical_name(latex)] = (None, meaning)
        self.compiled: dict[str, Callable[[Mapping[sp.Symbol, float]], Any]] = {}

    def __getitem__(self, name: str) -> Callable[[Mapping[sp.Symbol, float]], Any]:
        if name not in self.compiled:
            symbol, meaning = self.sources[name]
            self.compiled[name] = (
                _reader(symbol) if symbol is not None else as_quantity(meaning).numeric(self.model)
            )
        return self.compiled[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)


def _reader(symbol: sp.Symbol) -> Callable[[Mapping[sp.Symbol, float]], float]:
    return lambda point: point[symbol]
