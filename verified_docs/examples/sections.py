"""Split an example module into the named sections a page can show and run.

Sections are marked the way pymdown-extensions' snippets mark them, so the same file works
with a plain ``--8<--`` include too::

    # --8<-- [start:direct_substitution]
    ...
    # --8<-- [end:direct_substitution]

Code outside sections (imports, helpers) runs too, in file order, but is shown on no page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_MARKER = re.compile(r"^\s*#\s*--8<--\s*\[(?P<kind>start|end):(?P<name>[A-Za-z0-9_-]+)\]\s*$")


class SectionError(ValueError):
    """The markers of an example module are unbalanced, nested, repeated or missing."""


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive lines: a named section, or the code between sections (name None)."""

    name: str | None
    first_line: int  # 1-based line of the chunk's first line in the module
    code: str


def split_sections(path: Path, text: str) -> list[Chunk]:
    """Return the module as chunks in file order, raising SectionError with file:line."""
    chunks: list[Chunk] = []
    current: str | None = None
    opened_at = 0
    start = 1
    body: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        marker = _MARKER.match(line)
        if marker is None:
            body.append(line)
            continue
        kind, name = marker.group("kind"), marker.group("name")
        if kind == "start":
            if current is not None:
                raise SectionError(f"{path}:{number}: section {name!r} starts inside {current!r}")
            if name in seen:
                raise SectionError(f"{path}:{number}: section {name!r} is defined twice")
        elif name != current:
            raise SectionError(f"{path}:{number}: end of {name!r} without its start")
        if any(entry.strip() for entry in body):
            chunks.append(Chunk(current, start, "\n".join(body)))
        seen.add(name)
        current = name if kind == "start" else None
        opened_at = number
        start, body = number + 1, []
    if current is not None:
        raise SectionError(f"{path}:{opened_at}: section {current!r} is never ended")
    if any(entry.strip() for entry in body):
        chunks.append(Chunk(None, start, "\n".join(body)))
    return chunks


def find_section(path: Path, chunks: list[Chunk], name: str) -> Chunk:
    """Return the section ``name``; the error lists the sections that do exist."""
    for chunk in chunks:
        if chunk.name == name:
            return chunk
    names = ", ".join(c.name for c in chunks if c.name) or "none"
    raise SectionError(f"{path} has no section {name!r} (sections: {names})")
