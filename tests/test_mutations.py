"""Mutation tests of the real chapter: every plausible slip in a claim must fail the site.

Each test copies ``docs/long-chains.md`` into a temporary docs folder with one claim altered
the way an author might get it wrong, verifies that folder against the real checks in
``calc_examples``, and requires a problem located at the page and the claim's exact line, naming
the claim. The unaltered copy must verify cleanly, so every reported problem is the mutation's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from verified_docs.examples.runner import ExampleRunner
from verified_docs.site import SiteReport, verify_site

REPO_ROOT = Path(__file__).resolve().parents[1]
CHAPTER = REPO_ROOT / "docs" / "long-chains.md"
TEXT = CHAPTER.read_text(encoding="utf-8")
UNUSED_CHECK = re.compile(r"^\S+:\d+: check '(?P<id>[^']+)' is used by no page")


@pytest.fixture(scope="module")
def runner() -> Iterator[ExampleRunner]:
    """One example runner for the module: the chapter's examples run once, not per mutation."""
    example_runner = ExampleRunner(REPO_ROOT)
    yield example_runner
    example_runner.close()


def claim_block(text: str, claim_id: str) -> tuple[int, int]:
    """The 0-based indices of the opening and closing '$$' lines of a claim or refuted block."""
    lines = text.split("\n")
    openings = [
        index
        for index, line in enumerate(lines)
        if re.fullmatch(rf"\s*\$\$ (claim|refuted): {re.escape(claim_id)}\s*", line)
    ]
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
    return set(re.findall(r"^\s*\$\$ (?:claim|refuted): (\S+)\s*$", text, flags=re.MULTILINE))


def verify_copy(tmp_path: Path, text: str, runner: ExampleRunner) -> tuple[Path, SiteReport]:
    """Verify a docs folder holding only ``text`` as long-chains.md, against the real checks."""
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / CHAPTER.name
    page.write_text(text, encoding="utf-8")
    return page, verify_site(docs, repo_root=REPO_ROOT, runner=runner)


def chapter_problems(report: SiteReport, text: str) -> list[str]:
    """The report's problems, less 'used by no page' for checks belonging to other pages."""
    ours = page_claim_ids(text)
    return [
        problem
        for problem in report.problems
        if not ((match := UNUSED_CHECK.match(problem)) and match.group("id") not in ours)
    ]


def test_unmutated_chapter_verifies_cleanly(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as committed yields no problems: every claim and example passes."""
    _, report = verify_copy(tmp_path, TEXT, runner)
    assert chapter_problems(report, TEXT) == []
    assert {record.equation.claim_id for record in report.claims} == page_claim_ids(TEXT)
    for record in report.claims:
        assert record.error is None, record.equation.claim_id
        assert record.verdict is not None
        assert record.verdict.methods[0].startswith("SymPy: ")
        assert record.verdict.methods[1].startswith("NumPy: ")
        assert (record.verdict.witness is not None) == (record.equation.role == "refuted")
    assert len(report.examples) == TEXT.count("```python run")
    assert all(record.error is None for record in report.examples)


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
        "quiz-1-option-a",
        "-2t",
        "2t",
        "claim",
        "side 2 is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "quiz-1-option-b",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "side 2 is false",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "quiz-1-option-a",
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
        "quiz-2-option-a",
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


@pytest.mark.parametrize(
    ("claim_id", "old", "new", "role", "reason"),
    [pytest.param(*mutation[1:], id=mutation[0]) for mutation in MUTATIONS],
)
def test_mutated_claim_fails_at_its_page_line(
    claim_id: str,
    old: str,
    new: str,
    role: str,
    reason: str,
    tmp_path: Path,
    runner: ExampleRunner,
) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    text, line = mutate(TEXT, claim_id, old, new)
    page, report = verify_copy(tmp_path, text, runner)
    problems = chapter_problems(report, text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{page}:{line}: {role} '{claim_id}': ")
    assert reason in problems[0]
    (failed,) = [record for record in report.claims if record.error]
    assert (failed.equation.claim_id, failed.equation.line) == (claim_id, line)


def test_misspelt_claim_id_is_unknown_and_its_check_unused(
    tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert a typo in an id is reported at the claim's line, and its check as used by no page."""
    claim_id = "long-chain-dfdt-direct"
    text, line = mutate(TEXT, claim_id, f"claim: {claim_id}", f"claim: {claim_id}x")
    page, report = verify_copy(tmp_path, text, runner)
    assert report.problems[0] == (
        f"{page}:{line}: claim '{claim_id}x': unknown claim id: no check is registered under "
        f"it; did you mean '{claim_id}'?"
    )
    unused = [problem for problem in report.problems if UNUSED_CHECK.match(problem)]
    assert [UNUSED_CHECK.match(problem).group("id") for problem in unused] == [claim_id]  # type: ignore[union-attr]
    assert unused[0].startswith("calc_examples/long_chains/claims.py:")


def test_claim_line_is_the_line_of_its_opening_in_the_file(
    tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert lines shift with the file: a mutation below added front matter is located too."""
    front_matter = "---\ntitle: Long chains\n---\n"
    text, line = mutate(TEXT, "long-chain-du-dt", r"\\ 3 \end", r"\\ 2 \end")
    page, report = verify_copy(tmp_path, front_matter + text, runner)
    problems = chapter_problems(report, text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{page}:{line + 3}: claim 'long-chain-du-dt': ")
