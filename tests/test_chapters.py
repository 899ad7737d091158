"""Every chapter verifies as committed, and every plausible slip in one of its claims fails it.

The chapters and their mutations are data (``tests/mutations/<chapter>.py``); each mutation
alters one claim the way an author might get it wrong and must be reported at that claim's page
line, naming it. The copies are verified against the real checks with the session's cache, so a
mutation costs the verification of the one claim it changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chapter_mutations import (
    REPO_ROOT,
    assert_chapter_verifies,
    assert_mutation_caught,
    chapter_problems,
    is_problem,
    mutate,
    verify_copy,
)
from tests.mutations import Chapter, Mutation, chapters
from verified_docs import site
from verified_docs.examples.runner import ExampleRunner

DOCS = REPO_ROOT / "docs"
CHAPTERS = chapters()
LONG_CHAINS = DOCS / "long-chains.md"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[chapter.name for chapter in CHAPTERS])
def test_chapter_verifies(chapter: Chapter, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as committed yields no problems: every claim and example passes."""
    assert_chapter_verifies(tmp_path, DOCS / chapter.page, runner)


@pytest.mark.parametrize(
    ("chapter", "mutation"),
    [
        pytest.param(chapter, mutation, id=f"{chapter.name}-{mutation.name}")
        for chapter in CHAPTERS
        for mutation in chapter.mutations
    ],
)
def test_mutation_is_caught(
    chapter: Chapter, mutation: Mutation, tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, DOCS / chapter.page, runner, mutation)


def test_misspelt_claim_id_is_unknown_and_its_check_unused(
    tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert a typo in an id is reported at the claim's line, and its check as used by no page."""
    claim_id = "long-chain-dfdt-direct"
    text, line = mutate(
        LONG_CHAINS.read_text(encoding="utf-8"),
        claim_id,
        f"claim: {claim_id}",
        f"claim: {claim_id}x",
    )
    page, report = verify_copy(tmp_path, LONG_CHAINS.name, text, runner)
    reason = f"unknown claim id: no check is registered under it; did you mean '{claim_id}'?"
    assert is_problem(report.problems[0], page, line, "claim", f"{claim_id}x", reason), (
        report.problems[0]
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
    text, line = mutate(
        LONG_CHAINS.read_text(encoding="utf-8"), "long-chain-du-dt", r"\\ 3 \end", r"\\ 2 \end"
    )
    page, report = verify_copy(tmp_path, LONG_CHAINS.name, front_matter + text, runner)
    problems = chapter_problems(report, text)
    assert len(problems) == 1, problems
    assert is_problem(problems[0], page, line + 3, "claim", "long-chain-du-dt"), problems[0]


def test_statements_verified_again_come_from_the_cache(
    tmp_path: Path, runner: ExampleRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert a page verified again decides its statements from the cache, the same way.

    A changed statement is decided afresh, and fails when it is false.
    """
    text = LONG_CHAINS.read_text(encoding="utf-8")
    _, first = verify_copy(tmp_path / "first", LONG_CHAINS.name, text, runner)
    decided = [(r.statement.latex, r.checked_against, r.error) for r in first.statements]
    assert any(checked is not None for _, checked, _ in decided)

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("statements decided again")

    with monkeypatch.context() as patch:
        patch.setattr(site, "check_statements", refuse)
        _, again = verify_copy(tmp_path / "again", LONG_CHAINS.name, text, runner)
    assert [(r.statement.latex, r.checked_against, r.error) for r in again.statements] == decided
    changed = text.replace(r"f(\mathbf{x}) = x_1 x_2 .", r"f(\mathbf{x}) = x_1 + x_2 .", 1)
    assert changed != text
    _, report = verify_copy(tmp_path / "changed", LONG_CHAINS.name, changed, runner)
    assert [r.error for r in report.statements if r.error and "f(" in r.statement.latex]
