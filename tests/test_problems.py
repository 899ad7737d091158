"""Problems are data: located, of a kind, about a subject; their text is for people."""

from __future__ import annotations

from pathlib import Path

import pytest

from verified_docs.page_scan import scan_page
from verified_docs.problems import Problem, claim_kind
from verified_docs.site import claim_problem

PAGE = Path("docs/page.md")


def test_text_is_the_location_and_the_message() -> None:
    """Assert str() is 'file:line: message', or 'file: message' for a whole file."""
    problem = Problem(PAGE, 7, "link", "missing.md", "broken link 'missing.md': no page")
    assert str(problem) == "docs/page.md:7: broken link 'missing.md': no page"
    whole = Problem(PAGE, None, "latex", "\\broken", "invalid LaTeX")
    assert str(whole) == "docs/page.md: invalid LaTeX"


@pytest.mark.parametrize(
    ("text", "kind", "subject"),
    [
        ("$$\nx = 1\n$$\n", "syntax", ""),
        ("so $\\frac{d}{dx}(x^3) = 5x^2$ holds\n", "statement", "\\frac{d}{dx}(x^3) = 5x^2"),
        ("$$ notation\nf'(x) = \\frac{df}{dx}\n$$\n", "statement", "f'(x) = \\frac{df}{dx}"),
    ],
)
def test_the_scanner_says_what_kind_of_problem_and_about_what(
    text: str, kind: str, subject: str
) -> None:
    """Assert a scanned problem carries its kind and subject as fields."""
    (problem,) = scan_page(PAGE, text).problems
    assert (problem.path, problem.line, problem.kind, problem.subject) == (PAGE, 1, kind, subject)


def test_a_claims_problem_is_of_its_role() -> None:
    """Assert a failing refuted option is reported under 'refuted', about its id."""
    (equation,) = scan_page(PAGE, "$$ refuted: ex-1-a\nx = 2\n$$\n").equations
    problem = claim_problem(equation, "it is true")
    assert (problem.kind, problem.subject) == ("refuted", "ex-1-a")
    assert str(problem) == "docs/page.md:1: refuted 'ex-1-a': it is true"
    with pytest.raises(ValueError, match="not the role of a claim"):
        claim_kind("definition")
