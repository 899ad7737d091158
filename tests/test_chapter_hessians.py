"""Mutation tests of docs/hessians.md: every plausible slip in a claim must fail the site."""

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

CHAPTER = REPO_ROOT / "docs" / "hessians.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the Hessians chapter as committed verifies: every claim and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim id, old text in the claim block, new text, role, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    ("wrong-coefficient", "hess-norm-squared", "2I", "3I", "claim", "is false"),
    ("wrong-factor-of-two", "hess-quadratic-symmetric", "2S", "S", "claim", "is false"),
    (
        "flipped-sign",
        "hess-running-mixed",
        "(2x^2 - 1)",
        "(2x^2 + 1)",
        "claim",
        "side 3 is false",
    ),
    (
        "dropped-transpose",
        "hess-quadratic-form",
        r"A + A^\top",
        "A + A",
        "claim",
        "is false",
    ),
    (
        "wrong-factor-order",
        "hess-least-squares",
        r"2A^\top A",
        r"2AA^\top",
        "claim",
        "side 2 has shape 3×3 but the true value is 2×2",
    ),
    (
        "swapped-hessian-entries",
        "hess-saddle",
        r"\begin{bmatrix} 2 & 0 \\ 0 & -2 \end{bmatrix}",
        r"\begin{bmatrix} -2 & 0 \\ 0 & 2 \end{bmatrix}",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "seed-jacobian-slip-8y2",
        "hess-field-jacobian",
        "2y",
        "8y^2",
        "claim",
        "side 2 (entry 2,2) is false",
    ),
    (
        "seed-jacobian-as-second-derivatives",
        "hess-field-second-derivatives",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "is false",
    ),
    (
        "schwarz-without-continuity",
        "hess-counter-origin-symmetric",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "side 2 is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "hess-ex2-option-b",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "has shape",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "hess-ex2-option-a",
        "$$ claim:",
        "$$ refuted:",
        "refuted",
        "marked refuted",
    ),
    (
        "taylor-mixed-term-halved",
        "hess-taylor-at-p",
        r"2\Delta_1 \Delta_2",
        r"\Delta_1 \Delta_2",
        "claim",
        "side 3 is false",
    ),
    (
        "counterexample-sign",
        "hess-counter-origin-yx",
        "= -1",
        "= 1",
        "claim",
        "side 2 is false",
    ),
    (
        "critical-point-hessian-sign",
        "hess-running-max",
        r"-\sqrt{2}\,e^{-1/2} \end",
        r"\sqrt{2}\,e^{-1/2} \end",
        "claim",
        "side 2 (entry 2,2) is false",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)
