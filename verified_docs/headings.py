"""Python-Markdown extension: headings with math get a plain-text label and a readable id.

A heading such as ``### Worked example: $3x^2y$`` is listed in the table of contents, the
phone's navigation drawer and the search results by its text; the toc extension takes that
text from the rendered math and gets "Worked example: 3x2y3x^2y3x2y" (MathML, TeX and the
visual layout run together), and an id to match. This gives the heading the formula's
Unicode text, "Worked example: 3x²y", as its label and slugs that text ("worked-example-3x2y").
Headings that name their id (``{#layers}``) or label keep them.

List it after the extension that renders inline math (it reads the plain-text copy that
:func:`verified_docs.math_render.searchable` puts beside each formula).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify, unique
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from verified_docs.math_render import PLAIN_TEXT_CLASS

HEADING = re.compile(r"^h[1-6]$")
# After attr_list (8), which sets ids and labels written in the source; before toc (5).
PRIORITY = 6
_PLAIN_TEXT = re.compile(rf'<span class="{PLAIN_TEXT_CLASS}" hidden>(.*?)</span>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


# Python-Markdown ships no types: its base classes are Any.
class _MathHeadings(Treeprocessor):  # type: ignore[misc]
    def run(self, root: etree.Element) -> None:
        used = {el.attrib["id"] for el in root.iter() if "id" in el.attrib}
        for heading in root.iter():
            if not isinstance(heading.tag, str) or not HEADING.match(heading.tag):
                continue
            text = "".join(heading.itertext())
            if not HTML_PLACEHOLDER_RE.search(text) or PLAIN_TEXT_CLASS not in self._raw(text):
                continue
            label = re.sub(r"\s+", " ", HTML_PLACEHOLDER_RE.sub(self._plain, text)).strip()
            heading.attrib.setdefault("data-toc-label", html.escape(label))
            if "id" not in heading.attrib:
                heading.attrib["id"] = unique(self._slugify()(label, "-"), used)

    def _raw(self, text: str) -> str:
        """The stashed HTML the placeholders of ``text`` stand for."""
        return "".join(self._stashed(match) for match in HTML_PLACEHOLDER_RE.finditer(text))

    def _stashed(self, match: re.Match[str]) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        block = blocks[index] if index < len(blocks) else ""
        return block if isinstance(block, str) else ""

    def _plain(self, match: re.Match[str]) -> str:
        """A formula's plain-text copy, or any other stashed HTML without its tags."""
        raw = self._stashed(match)
        found = _PLAIN_TEXT.search(raw)
        return html.unescape(found.group(1) if found else _TAG.sub("", raw))

    def _slugify(self) -> Callable[[str, str], str]:
        """The toc extension's slugify, so these ids look like every other heading's."""
        configured: Callable[[str, str], str] = slugify
        if "toc" in self.md.treeprocessors:
            configured = getattr(self.md.treeprocessors["toc"], "slugify", slugify)
        return configured


class MathHeadingsExtension(Extension):  # type: ignore[misc]
    """Register the heading labeller between attr_list and toc."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_MathHeadings(md), "verified_math_headings", PRIORITY)


def makeExtension(**kwargs: Any) -> Extension:
    return MathHeadingsExtension(**kwargs)
