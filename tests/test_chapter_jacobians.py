"""Mutation tests of docs/jacobians.md: every plausible slip in a claim must fail the site.

Each mutation alters one claim the way an author (or the course notes the chapter grew from)
might get it wrong, and requires exactly that claim to be reported at its page line.
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

CHAPTER = REPO_ROOT / "docs" / "jacobians.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as committed yields no problems: every claim and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim, text in the claim, its replacement, role after the change, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "wrong-coefficient",
        "jac-grad-f1",
        "6xy",
        "3xy",
        "claim",
        "side 3 (entry 1,1) is false",
    ),
    (
        "flipped-sign",
        "jac-polar",
        r"-r\sin\theta",
        r"r\sin\theta",
        "claim",
        "side 2 (entry 1,2) is false",
    ),
    (
        "seed-power-rule-slip",
        "jac-two-functions",
        "2 & 2y",
        "2 & 8y^2",
        "claim",
        "side 3 (entry 2,2) is false",
    ),
    (
        "swapped-jacobian-entries",
        "jac-wide",
        r"2x_1 x_2 & x_1^2",
        r"x_1^2 & 2x_1 x_2",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "dropped-transpose",
        "jac-dot",
        r"\underbrace{\mathbf{v}^\top}",
        r"\underbrace{\mathbf{v}}",
        "claim",
        "labelled 1×n but it is 2×1",
    ),
    (
        "added-transpose",
        "jac-linear",
        r"\underbrace{A}",
        r"\underbrace{A^\top}",
        "claim",
        "labelled m×n but it is 3×2",
    ),
    (
        "chain-without-transpose",
        "jac-gradient-chain",
        r"\right)^\top",
        r"\right)",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "wrong-factor-order",
        "jac-quadratic-numerator",
        r"\mathbf{x}^\top (A + A^\top)",
        r"(A + A^\top) \mathbf{x}^\top",
        "claim",
        "cannot multiply 2×2 by 1×2",
    ),
    (
        "softmax-sign",
        "jac-softmax",
        r"- \mathbf{s}\mathbf{s}^\top",
        r"+ \mathbf{s}\mathbf{s}^\top",
        "claim",
        "is false",
    ),
    (
        "sympy-result-read-as-numerator-layout",
        "jac-sympy-linear",
        r"= A^\top",
        "= A",
        "claim",
        "side 3 has shape 2×3 but the true value is 3×2",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "jac-mistake-softmax-diag",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "is false",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "jac-ex-1-option-a",
        "$$ claim:",
        "$$ refuted:",
        "refuted",
        "marked refuted",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)
