"""Check the internal links of the pages: the target page exists and so does its anchor.

MkDocs validates links too, but names no line; pytest does not see them at all. This check
reports ``page:line`` in both. Anchors are the pages' heading ids (MkDocs's default slugs),
explicit ``{#id}`` attributes and claim anchors (``#claim-<id>``). A heading with math in it
has an unpredictable slug, so a page with such headings is only checked for explicit ids; an
anchor missing there is left to MkDocs's own validation.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown.extensions.toc import slugify

from verified_docs.markdown_syntax import (
    HEADING,
    HEADING_ID,
    RESTATES,
    claim_anchor,
    display_claim,
    inline_math,
    lines_outside_fences,
    without_code_spans,
)

_LINK = re.compile(r"(?<!!)\[(?:[^\]\[]|\[[^\]]*\])*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)


@dataclass(frozen=True)
class PageAnchors:
    """What a page can be linked to."""

    anchors: frozenset[str]
    complete: bool  # False if some heading's slug cannot be predicted


def page_anchors(markdown: str) -> PageAnchors:
    anchors: set[str] = set()
    complete = True
    seen: dict[str, int] = {}
    for _, line in lines_outside_fences(markdown.split("\n")):
        claim = display_claim(line)
        if claim:
            anchors.add(claim_anchor(claim[1]))
            continue
        # An inline claim carries its anchor too; a restatement links to the claim it restates.
        anchors.update(
            claim_anchor(math.group("id"))
            for math in inline_math(line)
            if math.group("role") not in (None, RESTATES) and math.group("id")
        )
        heading = HEADING.match(line)
        if not heading:
            continue
        explicit = HEADING_ID.search(heading.group("attrs") or "")
        if explicit:
            anchors.add(explicit.group("id"))
        elif "$" in heading.group("text"):
            complete = False
        else:
            slug = slugify(_plain(heading.group("text")), "-")
            # Python-Markdown's toc numbers repeated slugs: intro, intro_1, intro_2.
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            anchors.add(slug if count == 0 else f"{slug}_{count}")
    return PageAnchors(frozenset(anchors), complete)


def broken_links(
    page: PurePosixPath, markdown: str, first_line: int, pages: Mapping[PurePosixPath, PageAnchors]
) -> Iterable[tuple[int, str, str]]:
    """(file line, target, message) for each link on ``page`` (inside docs/) that leads nowhere."""
    for number, line in lines_outside_fences(markdown.split("\n")):
        for match in _LINK.finditer(without_code_spans(line)):
            target = match.group("target")
            if _EXTERNAL.match(target):
                continue
            path_part, _, anchor = target.partition("#")
            if path_part and not path_part.endswith(".md"):
                continue  # assets and downloads are checked by MkDocs
            resolved = (
                PurePosixPath(posixpath.normpath(str(page.parent / path_part)))
                if path_part
                else page
            )
            if resolved not in pages:
                yield (
                    first_line + number,
                    target,
                    f"broken link {target!r}: there is no page {resolved}",
                )
                continue
            known = pages[resolved]
            if anchor and anchor not in known.anchors and known.complete:
                yield (
                    first_line + number,
                    target,
                    f"broken link {target!r}: {resolved} has no heading or anchor '#{anchor}'",
                )


def _plain(text: str) -> str:
    """Heading text as the table of contents sees it: no code ticks, emphasis or links."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[`*_]", "", text)
