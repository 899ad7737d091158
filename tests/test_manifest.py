"""claims.json: every claim with where to read it, a learner's title and kind, and the build."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from verified_docs.claim_context import (
    ANSWER,
    MISTAKE,
    OPTION,
    RESULT,
    ClaimContext,
    claim_contexts,
    context_of,
)
from verified_docs.manifest import SCHEMA_VERSION, build_date, claim_url, claims_manifest
from verified_docs.page_scan import DisplayMath
from verified_docs.site import ClaimRecord, SiteReport

PAGE = """# Chapter

## The power rule

$$ claim: power
\\frac{d}{dx}(x^2) = 2x
$$

## Worked example: $3x^2y$

??? question "Answer"

    $$ claim: folded
    y = 1
    $$

## Exercise 1

<div class="mcv-choices" markdown>

$$ claim: first
a = a
$$

$$ refuted: second
a = b
$$

</div>

## Common mistakes

$$ refuted: slip
x = 2
$$
"""


def test_contexts_name_heading_and_kind() -> None:
    """Assert each claim gets its heading as title and its kind from the page's structure."""
    contexts = claim_contexts(PAGE)
    displays = [
        n for n, line in enumerate(PAGE.split("\n"), start=1) if line.lstrip().startswith("$$ ")
    ]
    by_line = {line: (contexts[line].title, contexts[line].kind) for line in displays}
    assert by_line == {
        5: ("The power rule", RESULT),
        13: ("Worked example: 3x²y", ANSWER),
        21: ("Exercise 1, option A", OPTION),
        25: ("Exercise 1, option B", OPTION),
        33: ("Common mistakes", MISTAKE),
    }
    assert contexts[8] == ClaimContext("The power rule", RESULT), "running text has one too"
    assert context_of(contexts, 8, refuted=True) == ClaimContext("The power rule", MISTAKE)


def record(page: str, claim_id: str, line: int = 5) -> ClaimRecord:
    equation = DisplayMath(
        page=Path(page),
        line=line,
        end_line=line + 2,
        indent="",
        role="claim",
        claim_id=claim_id,
        latex="a = a",
    )
    return ClaimRecord(equation)


@pytest.mark.parametrize(
    ("page", "directory_urls", "url"),
    [
        ("docs/derivatives.md", True, "derivatives/#claim-x"),
        ("docs/index.md", True, "#claim-x"),
        ("docs/part/index.md", True, "part/#claim-x"),
        ("docs/derivatives.md", False, "derivatives.html#claim-x"),
    ],
)
def test_claim_url_follows_the_site_layout(page: str, directory_urls: bool, url: str) -> None:
    """Assert a claim's URL is its page's (directory or .html URLs) with the claim's anchor."""
    assert claim_url(record(page, "x"), PurePosixPath("docs"), directory_urls) == url


def test_manifest_carries_schema_build_title_and_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert the manifest has a schema version, the build's date, and per-claim title and URL."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    manifest = claims_manifest(
        SiteReport(claims=[record("docs/page.md", "power")]),
        tmp_path,
        docs_prefix=PurePosixPath("docs"),
    )
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["build"] == {"commit": None, "date": "1970-01-01T00:00:00Z"}
    (claim,) = manifest["claims"]
    assert claim["title"] == "The power rule"
    assert claim["kind"] == RESULT
    assert claim["url"] == "page/#claim-power"
    assert build_date() == "1970-01-01T00:00:00Z"
