"""Mutation tests of docs/derivatives.md: each plausible slip in a claim must fail the site.

Every mutation alters one claim the way a learner (or the course notes the chapter grew from)
might get it wrong, and must be reported at that claim's page line, naming it.
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

CHAPTER = REPO_ROOT / "docs" / "derivatives.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as committed yields no problems: every claim and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim id, old text in the claim block, new text, role after the change, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "wrong-coefficient",
        "deriv-example-constant-multiple",
        "= 15x^2",
        "= 5x^2",
        "claim",
        "side 3 is false",
    ),
    (
        "flipped-sign",
        "deriv-cos",
        r"= -\sin x",
        r"= \sin x",
        "claim",
        "side 2 is false",
    ),
    (
        "wrong-exponent-in-power-rule",
        "deriv-power",
        "n x^{n - 1}",
        "n x^{n + 1}",
        "claim",
        "side 2 is false",
    ),
    (
        "swapped-terms-in-quotient-rule",
        "deriv-quotient-rule",
        r"{v \frac{du}{dx} - u \frac{dv}{dx}}",
        r"{u \frac{dv}{dx} - v \frac{du}{dx}}",
        "claim",
        "side 2 is false",
    ),
    (
        "inner-and-outer-swapped",
        "deriv-example-chain",
        r"= 2x \cos(x^2)",
        r"= x^2 \cos(2x)",
        "claim",
        "side 4 is false",
    ),
    (
        "seed-negative-power-exponent-slip",
        "deriv-power-negative",
        "= -m x^{m - 1 - 2m}",
        "= -x^{-m - 1}(m x^{m - 1})",
        "claim",
        "side 3 is false",
    ),
    (
        "seed-dropped-reciprocal-sine",
        "deriv-ex1-option-a",
        r"\frac{6x^2 \cos(x^3)}{\sin(x^3)}",
        r"6x^2 \cos(x^3)",
        "claim",
        "side 2 is false",
    ),
    (
        "central-difference-with-forward-error",
        "deriv-central-cubic",
        "= 3x^2 + h^2",
        "= 3x^2 + 3xh + h^2",
        "claim",
        "side 2 is false",
    ),
    (
        "sigmoid-sign-slip",
        "deriv-sigmoid",
        r"\sigma \cdot (1 - \sigma)",
        r"\sigma \cdot (1 + \sigma)",
        "claim",
        "side 3 is false",
    ),
    (
        "relu-slope-on-wrong-side",
        "deriv-relu-negative",
        "= 0",
        "= 1",
        "claim",
        "side 2 is false",
    ),
    (
        "tangent-line-intercept",
        "deriv-tangent-line",
        "= 2x - 3",
        "= 2x + 3",
        "claim",
        "side 3 is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "deriv-mistake-negative-power",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "side 2 is false",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "deriv-ex2-option-b",
        "$$ claim:",
        "$$ refuted:",
        "refuted",
        "marked refuted",
    ),
    (
        "wrong-left-side",
        "deriv-experiment-derivative",
        r"\frac{df}{dx}",
        r"\frac{dg}{dx}",
        "claim",
        "the left side reads",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)
