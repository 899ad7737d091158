"""The Markdown extension, in-process: a ``Markdown`` with the extension, and ``md.convert``.

The report is built by hand from a scan of the page (verdicts as the verifier would give them)
and math is rendered by a stand-in for KaTeX, so each test exercises the extension alone: what
it replaces, what HTML it writes, what it reports. The wiring into a real build is tested end to
end once, in ``tests/test_failures_e2e.py``.
"""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath
from typing import Any

import markdown
import pytest

from verified_docs.markdown_ext import (
    EXTENSION_NAME,
    NotVerifiedError,
    Session,
    VerifiedMathExtension,
)
from verified_docs.markdown_syntax import claim_anchor
from verified_docs.math_render import LatexError
from verified_docs.page_scan import scan_page
from verified_docs.problems import Problem
from verified_docs.site import ClaimRecord, ExampleRecord, SiteReport
from verified_docs.verify import Verdict

PAGE = PurePosixPath("docs/page.md")
VERIFIED = Verdict(methods=("SymPy: the difference simplifies to 0", "NumPy: 200 points agree"))


class StandInKatex:
    """Math as ``<m>latex</m>``; ``\\broken`` is refused the way KaTeX refuses bad LaTeX."""

    def render(self, latex: str, *, display: bool) -> str:
        if r"\broken" in latex:
            raise LatexError(latex, "Undefined control sequence: \\broken")
        return f'<m display="{display}">{html.escape(latex)}</m>'


def session_for(text: str, *, failing: str | None = None) -> Session:
    """A session whose report verifies every claim of ``text`` except the one named ``failing``."""
    scan = scan_page(Path(str(PAGE)), text)
    report = SiteReport()
    for equation in scan.equations:
        if equation.claim_id is None:
            continue
        record = ClaimRecord(equation)
        if equation.claim_id == failing:
            record.error = "side 2 is false"
        else:
            record.verdict = VERIFIED
        (report.restatements if equation.role == "restates" else report.claims).append(record)
    report.examples.extend(ExampleRecord(example, code="print(1)") for example in scan.examples)
    katex: Any = StandInKatex()
    return Session(report, katex, Path("/project"), PurePosixPath("docs"), page=PAGE)


@pytest.fixture
def md() -> Any:
    """Convert a page with the extension, its session built from that page."""

    def convert(text: str, *, failing: str | None = None) -> tuple[str, Session]:
        session = session_for(text, failing=failing)
        converter = markdown.Markdown(
            extensions=[VerifiedMathExtension(session), "pymdownx.superfences"]
        )
        return converter.convert(text), session

    return convert


def test_a_display_claim_is_its_math_and_a_verified_mark(md: Any) -> None:
    """Assert a claim block becomes its rendered math, its anchor and a verified mark."""
    page, session = md("# T\n\n$$ claim: cube\n\\frac{d}{dt}(t^3) = 3t^2\n$$\n")
    assert f'id="{claim_anchor("cube")}"' in page
    assert '<m display="True">\\frac{d}{dt}(t^3) = 3t^2</m>' in page
    assert "mcv-claim--verified" in page
    assert "$$" not in page
    assert session.problems == []


def test_a_failed_claim_shows_why(md: Any) -> None:
    """Assert a claim the report failed is marked failed, with the reason."""
    page, _ = md("$$ claim: cube\nt^3 = 2t\n$$\n", failing="cube")
    assert "mcv-claim--failed" in page
    assert "side 2 is false" in page


def test_definition_and_notation_blocks_are_labelled(md: Any) -> None:
    """Assert a definition block is shown as one, not as a result."""
    page, _ = md("$$ definition\nu = t^2\n$$\n")
    assert 'class="mcv-equation mcv-definition"' in page
    assert '<m display="True">u = t^2</m>' in page


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("so $x + x = 2x${claim: double} and, again, $x + x = 2x${restates: double}.\n", 2),
        ("$$ claim: double\nx + x = 2x\n$$\n\nagain, $x + x = 2x${restates: double}.\n", 1),
    ],
    ids=["inline", "display"],
)
def test_a_claim_has_one_anchor_though_restated_in_the_same_words(
    md: Any, text: str, marks: int
) -> None:
    """Assert a restatement written like its claim links to it but carries no anchor of its own."""
    page, _ = md(text)
    assert page.count(f'id="{claim_anchor("double")}"') == 1
    assert page.count("mcv-inline-mark") == marks
    assert "{claim:" not in page
    assert "{restates:" not in page


def test_inline_math_is_rendered_but_code_spans_win(md: Any) -> None:
    """Assert inline math renders as math, and math in a code span stays code."""
    page, _ = md("the slope $a$ and `$b$` and prices $5 and $6\n")
    assert '<m display="False">a</m>' in page
    assert "<code>$b$</code>" in page
    assert "$5 and $6" in page


def test_an_example_fence_becomes_its_code(md: Any) -> None:
    """Assert a ``python run`` fence shows the section's code under its file name."""
    page, _ = md('```python run\n--8<-- "pkg/demo.py:main"\n```\n')
    assert "pkg/demo.py" in page
    assert "--8<--" not in page
    assert "print" in page


def test_latex_katex_refuses_is_a_located_problem(md: Any) -> None:
    """Assert math KaTeX refuses is shown as source and reported as a latex problem."""
    _, session = md("\n\n$$ claim: bad\n\\broken = 1\n$$\n")
    (problem,) = session.problems
    assert problem == Problem(
        Path(str(PAGE)),
        3,
        "latex",
        "\\broken = 1",
        "invalid LaTeX '\\\\broken = 1': Undefined control sequence: \\broken",
    )


def test_the_extension_by_name_refuses_to_render_unverified() -> None:
    """Assert a builder that loads the extension without the plugin gets a refusal."""
    converter = markdown.Markdown(extensions=[EXTENSION_NAME])
    with pytest.raises(NotVerifiedError, match="but not the verified-docs plugin"):
        converter.convert("# Page\n")
