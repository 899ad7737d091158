"""The Markdown syntax of a verified page, recognised in one place.

The scanner, the link checker and the Markdown extension must agree on what is a fence, a claim,
inline math and an anchor: a claim the scanner verifies but the extension does not render (or a
link to an anchor the renderer never writes) is a page that lies. So each rule is written once,
here, and every reader of a page imports it. See README "How to write a chapter".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Roles of a display equation (``$$ claim: id``); ``restates`` is inline only
# (``$…${restates: id}``: a claim stated again in a summary, verified again by the same check).
ROLES_WITH_ID = ("claim", "refuted")
ROLES_WITHOUT_ID = ("definition", "notation")
RESTATES = "restates"

# A fence opening (CommonMark: three or more backticks or tildes; a backtick fence's info string
# holds no backtick). A fence is closed by a line of fence characters starting with its marker.
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
# A display equation opens with ``$$`` and its role on the same line.
DISPLAY_OPEN = re.compile(r"^(?P<indent>\s*)\$\$(?P<rest>.*)$")
DISPLAY_ROLE = re.compile(r"^\s*(?P<role>[a-z-]+)\s*(?::\s*(?P<id>\S+))?\s*$")
# The one line in a ``python run`` fence: the section of a module the example runs.
SNIPPET = re.compile(r'^\s*--8<--\s+"(?P<path>[^":]+\.py):(?P<section>[A-Za-z0-9_-]+)"\s*$')
# Inline math, and the marker an inline claim carries right after it: ``$…${claim: <id>}``.
# ``$`` not escaped and not doubled, no space inside either dollar, no digit after the closing
# one (``$5 and $6`` is prices). The body may wrap a line, and a backslash escapes any character,
# a line break included: DOTALL, as Python-Markdown compiles its inline patterns.
_CLAIM_MARKER = r"\{(?P<role>claim|refuted|restates):\s*(?P<id>[^}\s]*)\}"
INLINE_MATH = re.compile(
    r"(?<![\\$])\$(?![\s$])(?P<body>(?:\\.|[^\\$])+?)(?<!\s)\$(?!\d)" rf"(?:{_CLAIM_MARKER})?",
    re.DOTALL,
)
# The marker alone, right after the closing ``$`` of its math: what a copy of the page for
# another reader (a notebook) leaves out.
CLAIM_MARKER = re.compile(r"(?<=\$)" + _CLAIM_MARKER)
CODE_SPAN = re.compile(r"(`+).*?\1")
# An ATX heading, with the attribute list that may give it an explicit id: ``## Title {#id}``.
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
HEADING_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


def claim_anchor(claim_id: str) -> str:
    """The HTML id of a stated claim, which links to it use."""
    return f"claim-{claim_id}"


def closes_fence(line: str, marker: str) -> bool:
    """Whether ``line`` closes the fence opened with ``marker`` (such as ``````` or ``~~~``)."""
    return line.strip().startswith(marker) and not line.strip(" `~")


def display_role(rest: str) -> tuple[str | None, str | None]:
    """The role and id written after a display equation's ``$$``; (None, None) if no known role."""
    match = DISPLAY_ROLE.match(rest) if rest.strip() else None
    if match is None or match.group("role") not in (*ROLES_WITH_ID, *ROLES_WITHOUT_ID):
        return None, None
    return match.group("role"), match.group("id")


def display_claim(line: str) -> tuple[str, str] | None:
    """(role, id) when ``line`` opens a display claim or refuted option, else None."""
    opening = DISPLAY_OPEN.match(line)
    if opening is None:
        return None
    role, claim_id = display_role(opening.group("rest"))
    if role not in ROLES_WITH_ID or not claim_id:
        return None
    return role, claim_id


def without_code_spans(text: str) -> str:
    """``text`` with its code spans blanked, not removed: offsets still give lines and columns."""
    return CODE_SPAN.sub(lambda code: re.sub(r"[^\n]", " ", code.group()), text)


def inline_math(text: str) -> Iterable[re.Match[str]]:
    """The inline math of running text, outside code spans, with its claim marker if any."""
    return INLINE_MATH.finditer(without_code_spans(text))


def lines_outside_fences(lines: Sequence[str]) -> Iterable[tuple[int, str]]:
    """(index, line) of each line not in a fenced code block, the fence lines left out too."""
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening.group("fence")
            continue
        yield index, line
