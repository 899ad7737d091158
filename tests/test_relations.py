"""Every relation a page states is sorted into a kind, and the checkable kinds are checked."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from verified_docs.checks import Derivative, Model, matrix_symbols, sample_entries
from verified_docs.general import PROBE
from verified_docs.page_scan import Statement, scan_page
from verified_docs.relations import classify
from verified_docs.statements import PageModel, check_statements

PAGE = Path("docs/chapter.md")


@pytest.mark.parametrize(
    ("latex", "kind"),
    [
        ("u = x^2", "definition"),
        ("f(x, y) = xy", "definition"),
        (r"\mathbf{g}(\mathbf{x}) = (x_1 x_2, x_1 + x_2)", "definition"),
        ("t = 0", "binding"),
        (r"\mathbf{x} = (1, -2)", "binding"),
        ("n = k = m = 1", "dimension"),
        (r"k \neq m", "dimension"),
        ("x > 0", "condition"),
        (r"0 < x < \pi^{1/3}", "condition"),
        (r"y \in [0, 1]", "condition"),
        (r"X \in \mathbb{R}^{2 \times 3}", "declaration"),
        (r"\mathbf{f}: \mathbb{R}^n \to \mathbb{R}^m", "declaration"),
        (r"h \to 0", "arrow"),
        (r"t \to \mathbf{u} \to \mathbf{x} \to f", "arrow"),
        ("e^0 = 1", "arithmetic"),
        (r"\frac{e}{2} \approx 1.359", "arithmetic"),
        ("y = f(u)", "template"),
        (r"f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}", "template"),
        (r"5x^2 = \frac{d}{dx}(x^3)", "result"),
        (r"\frac{d}{dx}(x^3) \approx 5x^2", "result"),
        (r"\frac{df}{dx} = 2x", "result"),
        (r"\operatorname{tr}(AX) \to A^\top", "result"),
        (r"\begin{bmatrix} 6y & 6x \\ 0 & 0 \end{bmatrix}", "result"),
        (r"x^\top A x = x^\top A^\top x", "result"),
    ],
)
def test_each_relation_is_sorted_into_its_kind(latex: str, kind: str) -> None:
    """Assert the syntax of a relation decides its kind, results included."""
    assert classify(latex).kind == kind, classify(latex)


def test_inline_claim_marker_makes_a_claim_with_its_line() -> None:
    """Assert '$…${claim: id}' yields an inline claim on its line, and no problem."""
    scan = scan_page(PAGE, "one\n\nso $\\frac{d}{dx}(x^2) = 2x${claim: square}\nhere\n")
    assert scan.problems == ()
    (claim,) = scan.equations
    assert (claim.line, claim.claim_id, claim.inline) == (3, "square", True)


def test_restatement_marker_is_an_inline_claim_restating_another() -> None:
    """Assert '${restates: id}' is read as a restatement of claim id."""
    (equation,) = scan_page(
        PAGE, "in short, $\\nabla f = 2\\mathbf{x}${restates: grad}\n"
    ).equations
    assert (equation.role, equation.claim_id) == ("restates", "grad")


def test_headings_tables_and_admonitions_are_scanned() -> None:
    """Assert relations in a heading, a table cell and an indented answer are all refused."""
    text = (
        "## Since $x^2 = x \\cdot x$\n\n| a | $\\frac{d}{dx}(x^2) = 2x$ |\n\n"
        '??? note "Answer"\n\n    so $2 + x = x + 2$ holds\n'
    )
    assert [problem.line for problem in scan_page(PAGE, text).problems] == [1, 3, 7]


t = sp.Symbol("t", real=True)
u = sp.Symbol("u", real=True)
SQUARED = PageModel("u-squared", Model(sample={t: (-2.0, 2.0)}, where={u: t**2}))
POSITIVE = PageModel("positive", Model(sample={t: (0.5, 2.0)}))


def _statements(text: str) -> list[Statement]:
    scan = scan_page(PAGE, text)
    assert scan.problems == ()
    return list(scan.statements)


def _errors(text: str, *models: PageModel) -> list[str | None]:
    return [record.error for record in check_statements(_statements(text), list(models))]


def test_definition_agreeing_with_the_model_passes() -> None:
    """Assert 'let $u = t^2$' passes when a check binds u to t²."""
    assert _errors("let $u = t^2$\n", SQUARED) == [None]


def test_changed_definition_fails() -> None:
    """Assert 'let $u = t^3$' fails, naming the check whose model disagrees."""
    (error,) = _errors("let $u = t^3$\n", SQUARED)
    assert error is not None
    assert error.startswith("false: at t = ")
    assert "'u-squared'" in error


def test_definition_of_a_name_no_check_binds_fails() -> None:
    """Assert a definition nothing on the page can decide is refused, not passed."""
    (error,) = _errors("let $v = t^3$\n", SQUARED)
    assert error is not None
    assert "no check on this page binds 'v'" in error


def test_function_a_check_differentiates_is_bound() -> None:
    """Assert a check with lhs ∂f/∂t binds f itself, so '$f(t) = …$' is compared."""
    derivative = Derivative(sp.sin(t), t)
    entry = PageModel("df", Model(sample={t: (-1.0, 1.0)}), r"\frac{df}{dt}", derivative)
    assert _errors("for $f(t) = \\sin(t)$\n", entry) == [None]
    (error,) = _errors("for $f(t) = \\cos(t)$\n", entry)
    assert error is not None
    assert error.startswith("false")


def test_condition_must_be_respected_by_the_sampling() -> None:
    """Assert 'for t > 0' passes with t sampled in (0.5, 2) and fails with t in (-2, 2) only."""
    assert _errors("for $t > 0$\n", POSITIVE) == [None]
    (error,) = _errors("for $t > 0$\n", SQUARED)
    assert error is not None
    assert "no check of this page samples inside it" in error


def test_not_equal_must_be_sampled_on_both_sides() -> None:
    """Assert 't ≠ 0' fails when every sampled t is positive, and passes on (-2, 2)."""
    (error,) = _errors("for $t \\neq 0$\n", POSITIVE)
    assert error is not None
    assert "only one side" in error
    assert _errors("for $t \\neq 0$\n", SQUARED) == [None]


def test_vector_not_equal_must_exclude_a_point_where_a_check_fails() -> None:
    """Assert 'x ≠ 0' passes for the gradient of ‖x‖ (0/0 at the origin) and 'x ≠ 1' fails."""
    xs = matrix_symbols("x", 2, 1)
    norm = sp.sqrt(xs[0] ** 2 + xs[1] ** 2)
    ones = sp.ones(2, 1)
    model = Model(sample=sample_entries(xs), names={r"\mathbf{x}": xs, r"\mathbf{1}": ones})
    entry = PageModel("grad-norm", model, r"\nabla f", Derivative(norm, xs, layout="gradient"))
    assert _errors("for $\\mathbf{x} \\neq \\mathbf{0}$\n", entry) == [None]
    (error,) = _errors("for $\\mathbf{x} \\neq \\mathbf{1}$\n", entry)
    assert error is not None
    assert error.startswith("every check it governs is defined at \\mathbf{x} = \\mathbf{1}")


def test_arithmetic_is_evaluated_to_the_digits_written() -> None:
    """Assert e/2 ≈ 1.359 passes, e/2 ≈ 1.36 passes, e/2 ≈ 1.358 fails, e^0 = 2 fails."""
    assert _errors("$\\frac{e}{2} \\approx 1.359$ and $\\frac{e}{2} \\approx 1.36$\n") == [
        None,
        None,
    ]
    assert all(_errors("$\\frac{e}{2} \\approx 1.358$ and $e^0 = 2$\n"))


def test_declared_shape_must_be_a_checked_shape() -> None:
    """Assert 'X ∈ ℝ^{2×3}' passes for a 2×3 X and fails for a 3×2 one."""
    wide, tall = matrix_symbols("X", 2, 3), matrix_symbols("X", 3, 2)
    wide_model = PageModel("wide", Model(sample=sample_entries(wide), names={"X": wide}))
    tall_model = PageModel("tall", Model(sample=sample_entries(tall), names={"X": tall}))
    text = "with $X \\in \\mathbb{R}^{2 \\times 3}$\n"
    assert _errors(text, wide_model) == [None]
    (error,) = _errors(text, tall_model)
    assert error is not None
    assert "makes it 3×2" in error


def test_declared_shape_with_letters_must_fit_the_checked_shapes() -> None:
    """Assert 'A ∈ ℝ^{n×n}' fits a square A only, and n must be the model's n where it has one."""
    square, wide = matrix_symbols("A", 2, 2), matrix_symbols("A", 2, 3)
    square_model = PageModel("square", Model(sample=sample_entries(square), names={"A": square}))
    wide_model = PageModel("wide", Model(sample=sample_entries(wide), names={"A": wide}))
    text = "with $A \\in \\mathbb{R}^{n \\times n}$\n"
    assert _errors(text, square_model) == [None]
    (error,) = _errors(text, wide_model)
    assert error == "no check of this page makes A n×n; the check of claim 'wide' makes it 2×3"
    x = matrix_symbols("x", 2, 1)
    two = PageModel("two", Model(sample=sample_entries(x), names={"x": x}, dimensions={"n": 3}))
    (error,) = _errors("for $x \\in \\mathbb{R}^n$\n", two)
    assert error is not None
    assert "makes it 2×1" in error


def test_the_statements_own_section_decides_first() -> None:
    """Assert a name defined in a section is checked against that section's claims."""
    text = "## One\n\n$$ claim: u-squared\nu = t^2\n$$\n\nlet $u = t^3$\n"
    scan = scan_page(PAGE, text)
    other = PageModel("other", Model(sample={t: (-2.0, 2.0)}, where={u: t**3}), section=0)
    here = PageModel("u-squared", SQUARED.model, section=1)
    (record,) = check_statements(scan.statements, [other, here])
    assert record.error is not None
    assert "'u-squared'" in record.error


def test_execution_off_skips_the_checks() -> None:
    """Assert a preview build marks checkable statements skipped instead of deciding them."""
    (record,) = check_statements(_statements("let $u = t^3$\n"), [SQUARED], execute=False)
    assert record.skipped
    assert record.error is None


def test_binding_must_be_a_point_the_checks_fix() -> None:
    """Assert 'at $t = 0$' passes where a check fixes t at 0 and fails where it fixes t at 1."""
    at_zero = PageModel("at-zero", Model(sample={u: (-1.0, 1.0)}, names={"t": sp.Integer(0)}))
    at_one = PageModel("at-one", Model(sample={u: (-1.0, 1.0)}, names={"t": sp.Integer(1)}))
    assert _errors("at $t = 0$\n", at_zero) == [None]
    (error,) = _errors("at $t = 0$\n", at_one)
    assert error == "false: the checks of this page fix t = 1"


def test_vector_binding_must_be_the_point_a_check_fixes() -> None:
    """Assert 'at $\\mathbf{p} = (1, 1)$' passes where a check names that p, fails for (1, 2)."""
    fixed = Model(sample={t: (-1.0, 1.0)}, names={r"\mathbf{p}": sp.ImmutableMatrix([1, 1])})
    entry = PageModel("at-p", fixed)
    assert _errors("at $\\mathbf{p} = (1, 1)$\n", entry) == [None]
    (error,) = _errors("at $\\mathbf{p} = (1, 2)$\n", entry)
    assert error == "false: the checks of this page fix \\mathbf{p} = (1, 1)"


def test_listed_cases_must_be_the_checked_dimensions() -> None:
    """Assert 'n = 2, 3, 4' must list exactly the dimensions the checks use."""
    models = [
        PageModel(f"n{n}", Model(sample={t: (-1.0, 1.0)}, dimensions={"n": n})) for n in (2, 3)
    ]
    assert _errors("for $n = 2, 3$\n", *models) == [None]
    (error,) = _errors("for $n = 2, 3, 4$\n", *models)
    assert error == "false: the checks of this page fix n = 2, 3"


def _block(body: str) -> str:
    return f"$$ definition\n{body}\n$$\n"


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (  # a limit: the derivative of one variable
            r"f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}",
            r"f'(x) = \lim_{h \to 1} \frac{f(x + h) - f(x)}{h}",
        ),
        (  # a limit with an index and \dots in the argument list
            r"\frac{\partial f}{\partial x_i} = \lim_{h \to 0}"
            r" \frac{f(x_1, \dots, x_i + h, \dots, x_n) - f(x_1, \dots, x_i, \dots, x_n)}{h}",
            r"\frac{\partial f}{\partial x_i} = \lim_{h \to 0}"
            r" \frac{f(x_1, \dots, x_i - h, \dots, x_n) - f(x_1, \dots, x_i, \dots, x_n)}{h}",
        ),
        (  # a derivative along a unit vector
            r"D_{\mathbf{u}} f(\mathbf{x}) = \lim_{s \to 0}"
            r" \frac{f(\mathbf{x} + s\mathbf{u}) - f(\mathbf{x})}{s},"
            r" \qquad \lVert \mathbf{u} \rVert = 1",
            r"D_{\mathbf{u}} f(\mathbf{x}) = \lim_{s \to 0}"
            r" \frac{f(\mathbf{x} - s\mathbf{u}) - f(\mathbf{x})}{s},"
            r" \qquad \lVert \mathbf{u} \rVert = 1",
        ),
        (  # a remainder that vanishes faster than the step
            r"f(\mathbf{x}_0 + \mathbf{d}) = f(\mathbf{x}_0) + \nabla f(\mathbf{x}_0)^\top"
            r" \mathbf{d} + r(\mathbf{d}), \qquad \frac{r(\mathbf{d})}"
            r"{\lVert \mathbf{d} \rVert} \to 0 \text{ as } \mathbf{d} \to \mathbf{0}",
            r"f(\mathbf{x}_0 + \mathbf{d}) = f(\mathbf{x}_0) + \nabla f(\mathbf{x}_0)"
            r" \mathbf{d} + r(\mathbf{d}), \qquad \frac{r(\mathbf{d})}"
            r"{\lVert \mathbf{d} \rVert} \to 0 \text{ as } \mathbf{d} \to \mathbf{0}",
        ),
        (  # a quadratic model and its little-o error
            r"q(\mathbf{d}) = f(\mathbf{p}) + \nabla f(\mathbf{p})^\top \mathbf{d}"
            r" + \tfrac{1}{2}\,\mathbf{d}^\top H_f(\mathbf{p})\, \mathbf{d},"
            r" \qquad f(\mathbf{p} + \mathbf{d}) = q(\mathbf{d})"
            r" + o(\lVert \mathbf{d} \rVert^2) \text{ as } \mathbf{d} \to \mathbf{0}",
            r"q(\mathbf{d}) = f(\mathbf{p}) + \nabla f(\mathbf{p})^\top \mathbf{d}"
            r" + \tfrac{1}{2}\,\mathbf{d}^\top H_f(\mathbf{p})\, \mathbf{d},"
            r" \qquad f(\mathbf{p} + \mathbf{d}) = q(\mathbf{d})"
            r" + o(\lVert \mathbf{d} \rVert^3) \text{ as } \mathbf{d} \to \mathbf{0}",
        ),
        (  # an entry pattern with \vdots
            r"\nabla f = \begin{bmatrix} \frac{\partial f}{\partial x_1} \\ \vdots \\"
            r" \frac{\partial f}{\partial x_n} \end{bmatrix}",
            r"\nabla f = \begin{bmatrix} \frac{\partial f}{\partial x_1} \\ \vdots \\"
            r" \frac{\partial f}{\partial x_1} \end{bmatrix}",
        ),
        (  # a sum over an index, and an entry of a function's value
            r"\operatorname{softmax}(\mathbf{z})_k = \frac{e^{z_k}}{\sum_j e^{z_j}}",
            r"\operatorname{softmax}(\mathbf{z})_k = \frac{e^{z_k}}{\sum_j e^{z_k}}",
        ),
        (  # a matrix with \cdots and \ddots, and an entry by its indices
            r"H_f = \begin{bmatrix} \frac{\partial^2 f}{\partial x_1^2} & \cdots \\ \vdots & \ddots"
            r" \end{bmatrix}, \qquad (H_f)_{ij} = \frac{\partial}{\partial x_i}\left("
            r"\frac{\partial f}{\partial x_j}\right)",
            r"H_f = \begin{bmatrix} \frac{\partial^2 f}{\partial x_1^3} & \cdots \\ \vdots & \ddots"
            r" \end{bmatrix}, \qquad (H_f)_{ij} = \frac{\partial}{\partial x_i}\left("
            r"\frac{\partial f}{\partial x_j}\right)",
        ),
    ],
)
def test_general_definition_is_checked_on_a_probe_function(right: str, wrong: str) -> None:
    """Assert a definition stated for every f passes, and one changed as an author might slip fails.

    No check binds that f; the build evaluates the statement for a smooth probe function, so
    a wrong sign, limit point, power or index makes it false there.
    """
    records = check_statements(_statements(_block(right)), [])
    assert [record.error for record in records] == [None] * len(records)
    assert all(record.checked_against == PROBE for record in records)
    errors = [record.error for record in check_statements(_statements(_block(wrong)), [])]
    assert any(error and error.startswith("false for a smooth f") for error in errors)


def test_general_definition_the_probe_cannot_read_stays_a_template() -> None:
    """Assert a template using a name the probe does not bind passes undecided (y = f(u))."""
    (record,) = check_statements(_statements("where $y = f(u)$\n"), [])
    assert record.statement.relation.kind == "template"
    assert (record.error, record.checked_against) == (None, None)
