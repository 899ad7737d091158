"""Splitting an example module into the named sections a page shows and runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from verified_docs.examples.sections import Chunk, SectionError, find_section, split_sections

MODULE = Path("calc_examples/chapter/example.py")

GOOD = """\
import math

# --8<-- [start:first]
x = 1
print(x)
# --8<-- [end:first]

helper = 2

#   --8<--   [start:second-part]
y = x + helper
# --8<-- [end:second-part]
# --8<-- [start:third_part]
z = 3
# --8<-- [end:third_part]
"""


def test_module_splits_into_chunks_in_file_order() -> None:
    """Assert named sections and the code between them become chunks with their first lines."""
    assert split_sections(MODULE, GOOD) == [
        Chunk(None, 1, "import math\n"),
        Chunk("first", 4, "x = 1\nprint(x)"),
        Chunk(None, 7, "\nhelper = 2\n"),
        Chunk("second-part", 11, "y = x + helper"),
        Chunk("third_part", 14, "z = 3"),
    ]


def test_chunk_lines_are_module_lines() -> None:
    """Assert a chunk's first_line is the module line of its first code line."""
    lines = GOOD.splitlines()
    for chunk in split_sections(MODULE, GOOD):
        first_code = chunk.code.split("\n")[0]
        assert lines[chunk.first_line - 1] == first_code


def test_find_section_returns_the_named_chunk() -> None:
    """Assert find_section returns the section of that name."""
    chunks = split_sections(MODULE, GOOD)
    assert find_section(MODULE, chunks, "second-part").code == "y = x + helper"


def test_missing_section_lists_the_sections_that_exist() -> None:
    """Assert asking for an absent section names the file and the sections it has."""
    chunks = split_sections(MODULE, GOOD)
    with pytest.raises(SectionError) as caught:
        find_section(MODULE, chunks, "fourth")
    assert str(caught.value) == (
        f"{MODULE} has no section 'fourth' (sections: first, second-part, third_part)"
    )


def test_missing_section_of_a_module_without_sections() -> None:
    """Assert a module with no sections says so rather than listing nothing."""
    with pytest.raises(SectionError, match=r"\(sections: none\)"):
        find_section(MODULE, split_sections(MODULE, "x = 1\n"), "any")


# (module text, the line the error must name, a fragment of the message)
MALFORMED: list[tuple[str, int, str]] = [
    (
        "# --8<-- [start:outer]\nx = 1\n# --8<-- [start:inner]\ny = 2\n"
        "# --8<-- [end:inner]\n# --8<-- [end:outer]\n",
        3,
        "section 'inner' starts inside 'outer'",
    ),
    (
        "# --8<-- [start:twice]\nx = 1\n# --8<-- [end:twice]\n\n"
        "# --8<-- [start:twice]\ny = 2\n# --8<-- [end:twice]\n",
        5,
        "section 'twice' is defined twice",
    ),
    ("x = 1\n# --8<-- [end:orphan]\n", 2, "end of 'orphan' without its start"),
    (
        "# --8<-- [start:one]\nx = 1\n# --8<-- [end:other]\n",
        3,
        "end of 'other' without its start",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragment"), MALFORMED)
def test_malformed_markers_raise_with_file_and_line(text: str, line: int, fragment: str) -> None:
    """Assert nested, duplicate and unbalanced markers raise SectionError at file:line."""
    with pytest.raises(SectionError) as caught:
        split_sections(MODULE, text)
    assert str(caught.value).startswith(f"{MODULE}:{line}: ")
    assert fragment in str(caught.value)


def test_section_never_ended_is_an_error() -> None:
    """Assert a section left open at the end of the file raises SectionError naming it."""
    with pytest.raises(SectionError, match="section 'open' is never ended"):
        split_sections(MODULE, "x = 1\n# --8<-- [start:open]\ny = 2\n")


def test_section_never_ended_names_its_start_line() -> None:
    """Assert the 'never ended' error points at file:line of the section's start marker."""
    with pytest.raises(SectionError) as caught:
        split_sections(MODULE, "x = 1\n# --8<-- [start:open]\ny = 2\n")
    assert str(caught.value).startswith(f"{MODULE}:2: ")
