"""Mutation tests of docs/differentials.md: every plausible slip in a claim must fail the site.

Each mutation alters one claim the way a learner carrying scalar habits over to matrices might
(factors moved past a differential, a transpose dropped, the other layout), and requires exactly
that claim to be reported at its page line.
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

CHAPTER = REPO_ROOT / "docs" / "differentials.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as committed yields no problems: every claim and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim, text in the claim, its replacement, role after the change, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "inverse-factors-swapped",
        "diff-inverse",
        r"-X^{-1}\, dX\, X^{-1}",
        r"-X^{-1} X^{-1}\, dX",
        "claim",
        "is false",
    ),
    (
        "product-factors-swapped",
        "diff-product",
        r"dX\, Y + X\, dY",
        r"Y\, dX + X\, dY",
        "claim",
        "cannot multiply",
    ),
    (
        "gram-dropped-transpose",
        "diff-gram",
        r"dX^\top X + X^\top dX",
        r"dX^\top X + X dX",
        "claim",
        "cannot multiply",
    ),
    (
        "identification-dropped-transpose",
        "diff-grad-trace-ax",
        r"= A^\top",
        "= A",
        "claim",
        "has shape",
    ),
    (
        "gradient-in-numerator-layout",
        "diff-backprop-grad-w",
        r"G X^\top",
        r"X G^\top",
        "claim",
        "has shape",
    ),
    (
        "kronecker-factors-swapped",
        "diff-vec-kron",
        r"(B^\top \otimes A)",
        r"(A \otimes B^\top)",
        "claim",
        "is false",
    ),
    (
        "log-det-without-inverse",
        "diff-log-det",
        r"\operatorname{tr}(X^{-1} dX)",
        r"\operatorname{tr}(dX)",
        "claim",
        "is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "diff-mistake-inverse",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "is false",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)
