"""A problem found on a page or in a checks module, as data: where, what kind, about what.

The scanner, the verifier and the renderer report :class:`Problem` values; the build log,
the pytest items and the tests read their fields (a page's links are the problems of kind
``"link"`` whose ``path`` is that page), so no consumer has to match on message text, and the
text itself, written for people, can change without breaking one. ``str(problem)`` is the
one-line ``file:line: message`` an author sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ProblemKind = Literal[
    "syntax",  # a page's Markdown breaks a rule of the claim syntax (an unmarked $$, no id)
    "claim",  # a claim is false, unknown, or bound twice
    "refuted",  # a wrong exercise option is not shown false
    "restates",  # a restatement of an earlier claim fails
    "statement",  # a definition, condition or arithmetic in the prose is refused
    "example",  # an executed example fails, or its section cannot be found
    "latex",  # KaTeX refuses the math
    "link",  # an internal link leads to no page or no anchor
    "check",  # a check no page uses, or a claim id with two checks
    "import",  # a checks module cannot be imported
]
# The kinds that belong to the checks, not to a page: reported once for the whole site.
SITE_KINDS: tuple[ProblemKind, ...] = ("check", "import")
# The kinds a claim's own verdict is reported under: the role it is stated with on the page.
CLAIM_KINDS: tuple[ProblemKind, ...] = ("claim", "refuted", "restates")


@dataclass(frozen=True)
class Problem:
    """One problem, located at ``path:line`` (a whole file when ``line`` is None).

    ``subject`` is what it is about, as the page or module names it: the claim id, the example
    id, the statement's LaTeX, the link's target, the module's name; ``""`` for a syntax rule.
    ``message`` is the human text that follows the location.
    """

    path: Path
    line: int | None
    kind: ProblemKind
    subject: str
    message: str

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def claim_kind(role: str) -> ProblemKind:
    """The kind a claim's problem is reported under: the role it is stated with."""
    for kind in CLAIM_KINDS:
        if role == kind:
            return kind
    raise ValueError(f"{role!r} is not the role of a claim")
