"""Headings with math: plain-text labels for the table of contents and readable ids."""

from __future__ import annotations

import re
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from verified_docs.headings import MathHeadingsExtension
from verified_docs.math_render import searchable
from verified_docs.plain_math import plain_math


class _FakeMath(InlineProcessor):  # type: ignore[misc]
    """Inline ``$…$`` stashed as the renderer would, with stand-in KaTeX markup."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        rendered = searchable('<span class="katex">KATEX</span>', plain_math(m.group(1)))
        return self.md.htmlStash.store(rendered), m.start(0), m.end(0)


class _FakeMathExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_FakeMath(r"\$([^$]+)\$", md), "fake_math", 185)


def render(source: str) -> tuple[str, Any]:
    md = markdown.Markdown(
        extensions=[_FakeMathExtension(), "attr_list", "toc", MathHeadingsExtension()]
    )
    return md.convert(source), md.toc_tokens  # type: ignore[attr-defined]


def test_math_heading_gets_unicode_label_and_slug() -> None:
    """Assert a heading with math is listed as Unicode text under a slug of that text."""
    html, tokens = render("## Worked example: $3x^2y$\n\ntext\n")
    assert tokens[0]["name"] == "Worked example: 3x²y"
    assert tokens[0]["id"] == "worked-example-3x2y"
    assert 'id="worked-example-3x2y"' in html
    assert "KATEX" in html, "the heading itself still shows the rendered math"


def test_explicit_id_and_plain_headings_are_kept() -> None:
    """Assert an id written in the source wins, and headings without math are untouched."""
    _, tokens = render("## The $L$ layers {#layers}\n\n## Plain heading\n")
    assert [t["id"] for t in tokens] == ["layers", "plain-heading"]
    assert tokens[0]["name"] == "The L layers"


def test_repeated_math_headings_get_unique_ids() -> None:
    """Assert two headings with the same formula get distinct ids, as toc gives others."""
    _, tokens = render("## Example: $x^2$\n\n## Example: $x^2$\n")
    assert [t["id"] for t in tokens] == ["example-x2", "example-x2_1"]


def test_searchable_keeps_katex_out_of_the_index() -> None:
    """Assert rendered math is wrapped for the search exclusion with a plain-text copy beside."""
    wrapped = searchable('<span class="katex">K</span>', "a < b")
    assert wrapped.startswith('<mcv-math data-search-exclude role="img" aria-label="a &lt; b">')
    assert "hidden>a &lt; b</span>" in wrapped
