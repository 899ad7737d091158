"""Find the display equations and executed examples of a Markdown page, with their lines.

Scanning is plain line work, independent of any Markdown library, so the same scan feeds the
page renderer, the site-wide verification run before a build, and the pytest collector.

Syntax (see README "How to write a chapter"):

* A display equation opens with ``$$`` followed by its role, and closes with a line ``$$``::

      $$ claim: long-chain-dfdt
      \\frac{df}{dt} = 4t^3 + 9t^2 - 36t
      $$

  Roles: ``claim: <id>`` (verified true), ``refuted: <id>`` (verified false, with the point
  where it fails), ``definition`` and ``notation`` (stated, not results).
* An executed example is a fence whose info string is ``python run`` and whose body is one
  snippet line, ``--8<-- "<package>/<path>.py:<section>"``. ``python run figure`` shows
  the section's figure first and folds its code away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from verified_docs.markdown_syntax import (
    DISPLAY_OPEN,
    FENCE,
    HEADING,
    ROLES_WITH_ID,
    ROLES_WITHOUT_ID,
    SNIPPET,
    closes_fence,
    display_role,
    inline_math,
)
from verified_docs.problems import Problem, ProblemKind
from verified_docs.relations import ALLOWED_KINDS, Relation, classify, is_template, statements


@dataclass(frozen=True)
class DisplayMath:
    page: Path
    line: int  # 1-based line of the opening ``$$``
    end_line: int
    indent: str
    role: str
    claim_id: str | None
    latex: str
    inline: bool = False  # ``$…${claim: id}`` in running text
    section: int = 0  # which heading of the page it stands under (0: before the first)


@dataclass(frozen=True)
class Statement:
    """A relation stated outside a claim: a definition, condition, declaration and so on."""

    page: Path
    line: int
    latex: str
    relation: Relation
    context: str  # "inline", "definition" or "notation": where on the page it is written
    section: int = 0  # the claims of the same section are the ones it most likely governs

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.relation.kind} ${self.latex}$"


@dataclass(frozen=True)
class Example:
    page: Path
    line: int  # 1-based line of the opening fence
    end_line: int
    indent: str
    source: str  # path relative to the repository root
    section: str
    figure: bool = False  # ``python run figure``: the picture first, its code folded away

    @property
    def example_id(self) -> str:
        return f"{self.source}:{self.section}"


@dataclass(frozen=True)
class PageScan:
    page: Path
    equations: tuple[DisplayMath, ...]
    examples: tuple[Example, ...]
    problems: tuple[Problem, ...]
    statements: tuple[Statement, ...] = ()


def scan_page(page: Path, text: str, first_line: int = 1) -> PageScan:
    """Scan ``text`` (the page body, starting at ``first_line`` of ``page``)."""
    scanner = _Scanner(page, text.split("\n"), first_line)
    scanner.run()
    return PageScan(
        page,
        tuple(scanner.equations),
        tuple(scanner.examples),
        tuple(scanner.problems),
        tuple(scanner.statements),
    )


class _Scanner:
    def __init__(self, page: Path, lines: list[str], first_line: int) -> None:
        self.page = page
        self.lines = lines
        self.first_line = first_line
        self.equations: list[DisplayMath] = []
        self.examples: list[Example] = []
        self.problems: list[Problem] = []
        self.statements: list[Statement] = []
        self.sections = _sections(lines)

    def problem(
        self, index: int, message: str, kind: ProblemKind = "syntax", subject: str = ""
    ) -> None:
        self.problems.append(Problem(self.page, self.first_line + index, kind, subject, message))

    def run(self) -> None:
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            fence = FENCE.match(line)
            opening = DISPLAY_OPEN.match(line)
            if fence:
                index = self.read_fence(index, fence)
            elif opening:
                index = self.read_display(index, opening)
            else:
                index = self.read_paragraph(index)

    def read_paragraph(self, start: int) -> int:
        """Read running text up to a blank line or a block: inline math may wrap a line."""
        end = start + 1
        while (
            end < len(self.lines)
            and self.lines[end].strip()
            and not FENCE.match(self.lines[end])
            and not DISPLAY_OPEN.match(self.lines[end])
        ):
            end += 1
        self.check_inline(start, "\n".join(self.lines[start:end]))
        return end

    def read_fence(self, start: int, fence: re.Match[str]) -> int:
        marker = fence.group("fence")
        end = next(
            (i for i in range(start + 1, len(self.lines)) if closes_fence(self.lines[i], marker)),
            len(self.lines) - 1,
        )
        info = fence.group("info").split()
        if info[:2] == ["python", "run"]:
            if info[2:] not in ([], ["figure"]):
                self.problem(
                    start, f"unknown option {' '.join(info[2:])!r} after python run (known: figure)"
                )
            body = [entry for entry in self.lines[start + 1 : end] if entry.strip()]
            snippet = SNIPPET.match(body[0]) if len(body) == 1 else None
            if snippet is None:
                self.problem(
                    start,
                    'a "python run" fence must hold exactly one line '
                    '--8<-- "<package>/<file>.py:<section>"',
                )
            else:
                self.examples.append(
                    Example(
                        self.page,
                        self.first_line + start,
                        self.first_line + end,
                        fence.group("indent"),
                        snippet.group("path"),
                        snippet.group("section"),
                        figure=info[2:] == ["figure"],
                    )
                )
        return end + 1

    def read_display(self, start: int, opening: re.Match[str]) -> int:
        rest = opening.group("rest")
        if "$$" in rest:
            self.problem(start, "put display math on its own lines: $$ <role> / equation / $$")
            return start + 1
        end = start + 1
        while end < len(self.lines) and "$$" not in self.lines[end]:
            end += 1
        if end >= len(self.lines) or self.lines[end].strip() != "$$":
            self.problem(start, "display math opened here is not closed by a line '$$'")
            return max(end, start + 1)
        latex = "\n".join(entry.strip() for entry in self.lines[start + 1 : end]).strip()
        role, claim_id = display_role(rest)
        if role is None:
            self.problem(
                start,
                "display equation without a role: open it with "
                "'$$ claim: <id>', '$$ refuted: <id>', '$$ definition' or "
                "'$$ notation'",
            )
        elif role in ROLES_WITH_ID and not claim_id:
            self.problem(start, f"'$$ {role}' needs an id: '$$ {role}: <id>'")
        elif role in ROLES_WITHOUT_ID and claim_id:
            self.problem(start, f"'$$ {role}' takes no id; did you mean '$$ claim: {claim_id}'?")
        else:
            found = len(self.problems)
            if role in ROLES_WITHOUT_ID:
                self.read_statements(start, latex, role)
            if len(self.problems) == found:
                self.equations.append(
                    DisplayMath(
                        self.page,
                        self.first_line + start,
                        self.first_line + end,
                        opening.group("indent"),
                        role,
                        claim_id,
                        latex,
                        section=self.sections[start],
                    )
                )
        return end + 1

    def read_statements(self, index: int, latex: str, context: str) -> None:
        """Classify each relation of math that is not a claim; refuse the unaccounted ones."""
        pieces = statements(latex)
        # A block defining a concept in general (a limit, "as Δ → 0", entries with \dots) may
        # state its other pieces in terms of it: those are read as part of the template.
        general = context == "definition" and any(is_template(piece) for piece in pieces)
        for piece in pieces:
            relation = classify(piece)
            if relation.kind == "none":
                continue
            if general and relation.kind not in ALLOWED_KINDS:
                relation = Relation(piece, relation.sides, relation.relations, "template")
            if context == "notation":
                self.problem(
                    index,
                    f"a notation block relates nothing that could be false, but ${piece}$ "
                    f"states {relation.relations[0]}; make it a claim, or list the notations "
                    "side by side without a relation",
                    "statement",
                    piece,
                )
            elif relation.kind not in ALLOWED_KINDS:
                where = "a definition block" if context == "definition" else "inline math"
                self.problem(
                    index, f"{where} ${_short(piece)}$ {relation.problem}", "statement", piece
                )
            else:
                self.statements.append(
                    Statement(
                        self.page,
                        self.first_line + index,
                        piece,
                        relation,
                        context,
                        self.sections[index],
                    )
                )

    def check_inline(self, start: int, text: str) -> None:
        for match in inline_math(text):
            index = start + text.count("\n", 0, match.start())
            body, role = " ".join(match.group("body").split("\n")), match.group("role")
            if role is None:
                self.read_statements(index, body, "inline")
            elif not match.group("id"):
                self.problem(index, f"'{{{role}: }}' after inline math needs an id")
            else:
                line = self.first_line + index
                self.equations.append(
                    DisplayMath(
                        self.page,
                        line,
                        line,
                        "",
                        role,
                        match.group("id"),
                        body,
                        True,
                        self.sections[index],
                    )
                )


def _sections(lines: list[str]) -> list[int]:
    """For each line, how many section headings (##, ###, ####) come before it or on it."""
    sections, count, fence = [], 0, None
    for line in lines:
        opening = FENCE.match(line)
        heading = HEADING.match(line)
        if opening and fence is None:
            fence = opening.group("fence")
        elif fence is not None and closes_fence(line, fence):
            fence = None
        elif fence is None and heading and 2 <= len(heading.group("hashes")) <= 4:
            count += 1
        sections.append(count)
    return sections


def _short(latex: str, limit: int = 80) -> str:
    return latex if len(latex) <= limit else latex[: limit - 1] + "…"
