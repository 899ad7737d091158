"""Internal links: a missing page or anchor is a located problem; valid links pass."""

from __future__ import annotations

from pathlib import PurePosixPath

from verified_docs.links import broken_links, page_anchors

TARGET = """# Title

## Plain heading

## Heading with `code` and *emphasis*

## Repeated

## Repeated

## With math $x$ {#explicit}

$$ claim: some-claim
x = x
$$

```text
## not a heading
```
"""


def problems(markdown: str, target: str = TARGET) -> list[tuple[int, str, str]]:
    pages = {
        PurePosixPath("a.md"): page_anchors(markdown),
        PurePosixPath("sub/b.md"): page_anchors(target),
    }
    return list(broken_links(PurePosixPath("a.md"), markdown, 1, pages))


def test_valid_links_pass() -> None:
    """Assert heading slugs, numbered repeats, explicit ids and claim anchors all resolve."""
    page = (
        "[a](sub/b.md) [b](sub/b.md#plain-heading) [c](sub/b.md#heading-with-code-and-emphasis) "
        "[d](sub/b.md#repeated_1) [e](sub/b.md#explicit) [f](sub/b.md#claim-some-claim) "
        "[g](https://example.org/x.md) [h](image.png) `[code](nowhere.md)`"
    )
    assert problems(page) == []


def test_missing_page_and_anchor_are_reported_at_their_line() -> None:
    """Assert each broken target is reported with its file line and what is missing."""
    page = "intro\n\nsee [x](nowhere.md)\nand [y](sub/b.md#not-here) or [z](#self)\n"
    assert problems(page) == [
        (3, "nowhere.md", "broken link 'nowhere.md': there is no page nowhere.md"),
        (
            4,
            "sub/b.md#not-here",
            "broken link 'sub/b.md#not-here': sub/b.md has no heading or anchor '#not-here'",
        ),
        (4, "#self", "broken link '#self': a.md has no heading or anchor '#self'"),
    ]


def test_links_inside_code_fences_are_ignored() -> None:
    """Assert example Markdown shown in a fence is not checked."""
    assert problems("```markdown\n[x](nowhere.md)\n```\n") == []


def test_page_with_math_headings_is_left_to_mkdocs() -> None:
    """Assert an unknown anchor into a page whose math headings have no explicit id passes."""
    target = "# T\n\n## The $L$ layers\n"
    assert problems("[x](sub/b.md#the-l-layers)", target) == []
    assert problems("[x](sub/b.md)", target) == []
