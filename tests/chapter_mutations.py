"""The machinery of the chapter tests: copy a chapter, alter one claim, verify the copy.

A mutation test copies one chapter into a temporary docs folder with one claim altered the way
an author might get it wrong (a :class:`tests.mutations.Mutation`), verifies that folder against
the real checks in ``calc_examples``, and requires exactly one problem, located at the page and
the claim's line, naming the claim. ``tests/test_chapters.py`` runs it for every chapter.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from tests.mutations import Mutation
from verified_docs.cache import ResultCache
from verified_docs.examples.runner import ExampleRunner
from verified_docs.markdown_syntax import ROLES_WITH_ID, display_claim, inline_math
from verified_docs.page_scan import scan_page
from verified_docs.problems import Problem
from verified_docs.settings import Settings, load_settings
from verified_docs.site import SiteReport, verify_site

REPO_ROOT = Path(__file__).resolve().parents[1]


def is_problem(
    problem: Problem, path: Path, line: int, kind: str, subject: str, reason: str = ""
) -> bool:
    """Whether ``problem`` is the one a test expects: its fields, and a reason its message says.

    Every test that expects a problem asks this function, so how a problem is compared is
    decided in one place.
    """
    where = (problem.path, problem.line, problem.kind, problem.subject)
    return where == (path, line, kind, subject) and reason in problem.message


@functools.cache
def project_settings() -> Settings:
    """The site's own configuration, as the build reads it.

    Loaded on first use, after the pytest plugin has pointed ``VERIFIED_DOCS_CACHE`` at the
    session's cache.
    """
    return load_settings(REPO_ROOT / "mkdocs.yml")


def claim_block(text: str, claim_id: str) -> tuple[int, int]:
    """The 0-based indices of the opening and closing '$$' lines of a claim or refuted block.

    An inline claim (``$…${claim: id}``, as in a table row) is its own line, both indices.
    """
    lines = text.split("\n")
    openings = [
        index
        for index, line in enumerate(lines)
        if (opening := display_claim(line)) and opening[1] == claim_id
    ]
    inline = [
        index
        for index, line in enumerate(lines)
        if any(
            math["id"] == claim_id and math["role"] in ROLES_WITH_ID for math in inline_math(line)
        )
    ]
    if not openings and len(inline) == 1:
        return inline[0], inline[0]
    assert len(openings) == 1, f"{claim_id} must open exactly one block in the chapter"
    start = openings[0]
    end = next(index for index in range(start + 1, len(lines)) if lines[index].strip() == "$$")
    return start, end


def mutate(text: str, claim_id: str, old: str, new: str) -> tuple[str, int]:
    """Replace ``old`` (which must occur once in that claim's block); return text and its line."""
    lines = text.split("\n")
    start, end = claim_block(text, claim_id)
    block = "\n".join(lines[start : end + 1])
    assert block.count(old) == 1, f"{old!r} must occur once in {claim_id}"
    mutated = block.replace(old, new)
    return "\n".join([*lines[:start], *mutated.split("\n"), *lines[end + 1 :]]), start + 1


def page_claim_ids(text: str) -> set[str]:
    """The ids of the page's claims, display (``$$ claim: id``) and inline (``${claim: id}``)."""
    equations = scan_page(Path("page.md"), text).equations
    return {e.claim_id for e in equations if e.claim_id and e.role in ROLES_WITH_ID}


def verify_copy(
    tmp_path: Path, name: str, text: str, runner: ExampleRunner
) -> tuple[Path, SiteReport]:
    """Verify a docs folder holding only ``text`` as ``name``, against the real checks."""
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    page = docs / name
    page.write_text(text, encoding="utf-8")
    # The session's cache (see verified_docs.pytest_plugin) holds the verdicts of the page's
    # other claims, so a mutation costs the verification of one claim, not of the chapter.
    settings = dataclasses.replace(project_settings(), docs_dir=docs)
    return page, verify_site(settings, runner, cache=ResultCache.for_settings(settings))


def chapter_problems(report: SiteReport, text: str) -> list[Problem]:
    """The report's problems, less those a lone copy of one page causes by being alone.

    Checks of other pages are used by no page here, and links to other pages lead nowhere;
    both are verified on the real site by the page items of the pytest plugin.
    """
    ours = page_claim_ids(text)
    return [
        problem
        for problem in report.problems
        if not (problem.kind == "check" and problem.subject not in ours) and problem.kind != "link"
    ]


def assert_chapter_verifies(tmp_path: Path, chapter: Path, runner: ExampleRunner) -> SiteReport:
    """Assert the chapter as committed yields no problems: every claim and example passes."""
    text = chapter.read_text(encoding="utf-8")
    _, report = verify_copy(tmp_path, chapter.name, text, runner)
    assert chapter_problems(report, text) == []
    assert {record.equation.claim_id for record in report.claims} == page_claim_ids(text)
    for record in report.claims:
        assert record.error is None, record.equation.claim_id
        assert record.verdict is not None
        assert record.verdict.methods[0].startswith("SymPy: ")
        assert record.verdict.methods[1].startswith("NumPy: ")
        assert (record.verdict.witness is not None) == (record.equation.role == "refuted")
    assert len(report.examples) == text.count("```python run")
    assert all(record.error is None for record in report.examples)
    return report


def assert_mutation_caught(
    tmp_path: Path, chapter: Path, runner: ExampleRunner, mutation: Mutation
) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    text, line = mutate(
        chapter.read_text(encoding="utf-8"), mutation.claim, mutation.old, mutation.new
    )
    page, report = verify_copy(tmp_path, chapter.name, text, runner)
    problems = chapter_problems(report, text)
    assert len(problems) == 1, problems
    assert is_problem(problems[0], page, line, mutation.role, mutation.claim, mutation.reason), (
        problems[0]
    )
    (failed,) = [record for record in report.claims if record.error]
    assert (failed.equation.claim_id, failed.equation.line) == (mutation.claim, line)
