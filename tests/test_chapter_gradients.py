"""Mutation tests of docs/gradients.md: every plausible slip in a claim must fail the site.

Each mutation alters one claim the way an author might get it wrong (a coefficient, a sign, a
transpose, an entry, a factor order, a mistake from the course notes) and requires exactly one
problem, located at the claim's page line and naming it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chapter_mutations import (
    REPO_ROOT,
    Mutation,
    assert_chapter_verifies,
    assert_mutation_caught,
    mutation_params,
)
from verified_docs.examples.runner import ExampleRunner

CHAPTER = REPO_ROOT / "docs" / "gradients.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as written yields no problems: every claim and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim, text in the claim, its replacement, role after the change, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    ("wrong-coefficient", "grad-f-dx", "= 6xy", "= 5xy", "claim", "side 3 is false"),
    (
        "flipped-sign",
        "grad-least-squares",
        r"A\mathbf{x} - \mathbf{b}",
        r"A\mathbf{x} + \mathbf{b}",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "dropped-transpose",
        "grad-trace-ax",
        r"A^\top",
        "A",
        "claim",
        "with A 3×2, X 2×3: side 2 has shape 3×2 but the true value is 2×3",
    ),
    (
        "added-transpose",
        "grad-frobenius",
        "= 2X",
        r"= 2X^\top",
        "claim",
        "side 2 has shape 3×2 but the true value is 2×3",
    ),
    (
        "inverse-without-transpose",
        "grad-log-det",
        r"(X^{-1})^\top",
        "X^{-1}",
        "claim",
        "side 2 (entry 1,2) is false",
    ),
    (
        "swapped-entries",
        "grad-det-2x2",
        r"w_{22} & -w_{21} \\ -w_{12} & w_{11}",
        r"w_{22} & -w_{12} \\ -w_{21} & w_{11}",
        "claim",
        "side 3 (entry 1,2) is false",
    ),
    (
        "wrong-factor-order",
        "grad-quiz-layer-a",
        r"(W\mathbf{x} - \mathbf{y})\mathbf{x}^\top",
        r"\mathbf{x}^\top(W\mathbf{x} - \mathbf{y})",
        "claim",
        "cannot multiply 1×3 by 2×1",
    ),
    (
        "seed-power-rule-slip",
        "grad-g-dy",
        "= 2y",
        "= 8y^2",
        "claim",
        "side 3 is false",
    ),
    (
        "seed-frobenius-as-matrix",
        "grad-frobenius-trace",
        r"\operatorname{tr}(X^\top X) =",
        r"X^\top X =",
        "claim",
        "side 2 has shape 3×3 but the true value is 1×1",
    ),
    (
        "gradient-written-as-column-label",
        "grad-f-row",
        r"6xy & 3x^2",
        r"6xy \\ 3x^2",
        "claim",
        "labelled 1×2 but it is 2×1",
    ),
    (
        "directional-wrong-variable",
        "grad-directional",
        "12x^2",
        "12y^2",
        "claim",
        "side 3 is false",
    ),
    (
        "descent-sign",
        "grad-steepest-descent",
        r"= -\lVert",
        r"= \lVert",
        "claim",
        "side 2 is false",
    ),
    (
        "linearisation-remainder",
        "grad-linearisation",
        r"6\Delta_1 \Delta_2",
        r"3\Delta_1 \Delta_2",
        "claim",
        "side 3 is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "grad-mistake-quadratic",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "is false",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "grad-quiz-ls-a",
        "$$ claim:",
        "$$ refuted:",
        "refuted",
        "marked refuted",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the mutated claim, and only it, is reported at its page line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)
