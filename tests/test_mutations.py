"""Mutation tests of the real chapter: every plausible slip in a claim must fail the site.

Each test copies ``docs/long-chains.md`` into a temporary docs folder with one claim altered
the way an author might get it wrong, verifies that folder against the real checks in
``calc_examples``, and requires a problem located at the page and the claim's exact line, naming
the claim. The unaltered copy must verify cleanly, so every reported problem is the mutation's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chapter_mutations import (
    REPO_ROOT,
    Mutation,
    assert_chapter_verifies,
    assert_mutation_caught,
    chapter_problems,
    mutate,
    mutation_params,
    verify_copy,
)
from verified_docs.examples.runner import ExampleRunner

CHAPTER = REPO_ROOT / "docs" / "long-chains.md"
TEXT = CHAPTER.read_text(encoding="utf-8")


def test_unmutated_chapter_verifies_cleanly(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as committed yields no problems: every claim and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim, text in the claim, its replacement, role after the change, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "wrong-coefficient",
        "long-chain-dfdt-direct",
        "36t",
        "35t",
        "claim",
        "side 2 is false",
    ),
    (
        "flipped-sign",
        "long-chain-dfdt-direct",
        "- 36t",
        "+ 36t",
        "claim",
        "side 2 is false",
    ),
    (
        "dropped-transpose",
        "long-chain-df-dx",
        r"^\top",
        "",
        "claim",
        "side 2 has shape 2×1 but the true value is 1×2",
    ),
    (
        "swapped-jacobian-entries",
        "long-chain-dx-du",
        r"= \begin{bmatrix} 1 & 2 \\",
        r"= \begin{bmatrix} 2 & 1 \\",
        "claim",
        "side 3 (entry 1,1) is false",
    ),
    (
        "wrong-constant-derivative",
        "long-chain-du-dt",
        r"\\ 3 \end",
        r"\\ 2 \end",
        "claim",
        "side 2 (entry 2,1) is false",
    ),
    (
        "quiz-sign",
        "long-chain-quiz-1-option-a",
        "-2t",
        "2t",
        "claim",
        "side 2 is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "long-chain-quiz-1-option-b",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "side 2 is false",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "long-chain-quiz-1-option-a",
        "$$ claim:",
        "$$ refuted:",
        "refuted",
        "marked refuted",
    ),
    (
        "wrong-last-side",
        "long-chain-f-of-t",
        "18t^2",
        "17t^2",
        "claim",
        "side 3 is false",
    ),
    (
        "wrong-shape-label",
        "long-chain-rule",
        r"_{1 \times 2}",
        r"_{2 \times 1}",
        "claim",
        "labelled 2×1 but it is 1×2",
    ),
    (
        "wrong-middle-side",
        "long-chain-assembled",
        r"(2t - 3) \\",
        r"(2t + 3) \\",
        "claim",
        "side 3 is false",
    ),
    (
        "column-written-as-row",
        "long-chain-quiz-2-option-a",
        r"\begin{bmatrix} 1/2 \\ -1/2 \end{bmatrix}",
        r"\begin{bmatrix} 1/2 & -1/2 \end{bmatrix}",
        "claim",
        "cannot multiply 1×2 by 1×2",
    ),
    (
        "wrong-left-side",
        "long-chain-dfdt-direct",
        r"\frac{df}{dt}",
        r"\frac{dg}{dt}",
        "claim",
        "the left side reads",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutated_claim_fails_at_its_page_line(
    mutation: Mutation, tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)


def test_misspelt_claim_id_is_unknown_and_its_check_unused(
    tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert a typo in an id is reported at the claim's line, and its check as used by no page."""
    claim_id = "long-chain-dfdt-direct"
    text, line = mutate(TEXT, claim_id, f"claim: {claim_id}", f"claim: {claim_id}x")
    page, report = verify_copy(tmp_path, CHAPTER.name, text, runner)
    assert str(report.problems[0]) == (
        f"{page}:{line}: claim '{claim_id}x': unknown claim id: no check is registered under "
        f"it; did you mean '{claim_id}'?"
    )
    # Only this chapter's checks count: the copy holds no other page, so theirs are unused too.
    unused = [
        problem.subject
        for problem in report.problems
        if problem.kind == "check" and problem.path.parent == Path("calc_examples/long_chains")
    ]
    assert unused == [claim_id]


def test_claim_line_is_the_line_of_its_opening_in_the_file(
    tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert lines shift with the file: a mutation below added front matter is located too."""
    front_matter = "---\ntitle: Long chains\n---\n"
    text, line = mutate(TEXT, "long-chain-du-dt", r"\\ 3 \end", r"\\ 2 \end")
    page, report = verify_copy(tmp_path, CHAPTER.name, front_matter + text, runner)
    problems = chapter_problems(report, text)
    assert len(problems) == 1, problems
    where = (problems[0].path, problems[0].line, problems[0].kind, problems[0].subject)
    assert where == (page, line + 3, "claim", "long-chain-du-dt")
