"""The page syntax, recognised once: the scanner, link checker and extension agree on it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from markdown.inlinepatterns import InlineProcessor

from verified_docs.links import broken_links, page_anchors
from verified_docs.markdown_syntax import (
    INLINE_MATH,
    ROLES_WITH_ID,
    claim_anchor,
    display_claim,
    inline_math,
    lines_outside_fences,
)
from verified_docs.page_scan import scan_page
from verified_docs.site import page_body

REPO_ROOT = Path(__file__).resolve().parents[1]
PAGE = Path("docs/page.md")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("so $a + b$ holds", [("a + b", None, None)]),
        ("$\\frac{d}{dx}(x^2) = 2x${claim: c-1}", [("\\frac{d}{dx}(x^2) = 2x", "claim", "c-1")]),
        (
            "$x = 1${refuted: r} and $x${restates: c}",
            [("x = 1", "refuted", "r"), ("x", "restates", "c")],
        ),
        ("it costs $5 and $6 later", []),
        ("\\$5 and $x$", [("x", None, None)]),
        ("`$x = 1$` is code", []),
        ("$$", []),
        ("$ x$ and $x $", []),
        # wrapped over a line, and a backslash before the line break (LaTeX's control space)
        ("so $a\n= b$ holds", [("a\n= b", None, None)]),
        ("so $a\\\nb = c$ holds", [("a\\\nb = c", None, None)]),
    ],
)
def test_inline_math_and_its_claim_marker(
    text: str, found: list[tuple[str, str | None, str | None]]
) -> None:
    """Assert what is inline math, which marker it carries, and where it ends."""
    assert [(m.group("body"), m.group("role"), m.group("id")) for m in inline_math(text)] == found


def test_the_extension_compiles_the_scanners_inline_pattern_alike() -> None:
    """Assert Python-Markdown's compiled inline pattern is the scanner's, flags included."""
    compiled = InlineProcessor(INLINE_MATH.pattern).compiled_re
    assert (compiled.pattern, compiled.flags) == (INLINE_MATH.pattern, INLINE_MATH.flags)


def test_an_inline_claim_wrapped_after_a_backslash_is_one_claim() -> None:
    """Assert the scanner reads a claim whose math breaks after a backslash as one claim."""
    (equation,) = scan_page(PAGE, "so $a\\\nb = c${claim: wrapped} holds\n").equations
    assert (equation.claim_id, equation.line) == ("wrapped", 1)


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        ("$$ claim: grad-one", ("claim", "grad-one")),
        ("    $$ refuted: ex-1-b  ", ("refuted", "ex-1-b")),
        ("$$claim:tight", ("claim", "tight")),
        ("$$ claim:", None),
        ("$$ definition", None),
        ("$$ lemma: x", None),
        ("$$", None),
        ("text $$ claim: x", None),
    ],
)
def test_display_claim_openings(line: str, claim: tuple[str, str] | None) -> None:
    """Assert which lines open a claim or refuted block, with its id."""
    assert display_claim(line) == claim


def test_a_fence_closes_only_on_a_line_of_fence_characters() -> None:
    """Assert a fence's info line inside a longer fence does not close it, for every reader."""
    text = "````markdown\n```python\n[x](nowhere.md)\n$$\n```\n````\nafter\n"
    assert [line for _, line in lines_outside_fences(text.split("\n"))] == ["after", ""]
    assert list(broken_links(PurePosixPath("page.md"), text, 1, {})) == []
    scan = scan_page(PAGE, text)
    assert (scan.equations, scan.problems) == ((), ())


def test_heading_ids_and_claims_are_anchors() -> None:
    """Assert explicit heading ids, display and inline claims are anchors; restatements not."""
    text = (
        "## The $L$ layers {#layers}\n\n$$ claim: shown\na = a\n$$\n\n"
        "so $x = 1${claim: inline} and again $x = 1${restates: inline}\n"
    )
    anchors = page_anchors(text)
    assert {"layers", claim_anchor("shown"), claim_anchor("inline")} <= anchors.anchors


@pytest.mark.parametrize("page", sorted((REPO_ROOT / "docs").rglob("*.md")), ids=lambda p: p.name)
def test_the_link_checker_knows_the_anchor_of_every_claim_the_scanner_finds(page: Path) -> None:
    """Assert a chapter's claim anchors, as the link checker reads them, are its scanned claims."""
    body, first_line = page_body(page.read_text(encoding="utf-8"))
    scanned = {
        claim_anchor(equation.claim_id)
        for equation in scan_page(PAGE, body, first_line).equations
        if equation.claim_id and equation.role in ROLES_WITH_ID
    }
    anchors = {anchor for anchor in page_anchors(body).anchors if anchor.startswith("claim-")}
    assert anchors == scanned
