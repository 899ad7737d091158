"""Where on its page a claim stands, told in a learner's words: a title and a kind.

A claim's id (``deriv-ex1-option-b``) is for authors. A reader of the claims listing or of
``claims.json`` wants "Exercise 1, option B" and to know whether it is a result the chapter
teaches, an answer to an exercise, an option of a multiple-choice question, or a common
mistake shown false. Both follow from the page's structure alone: the heading above the
claim, whether it stands among a question's options (a ``<div class="mcv-choices">`` block)
or inside a folded block (``???``), and whether it is refuted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verified_docs.markdown_syntax import (
    HEADING,
    INLINE_MATH,
    display_claim,
    lines_outside_fences,
)
from verified_docs.plain_math import plain_math

CHOICES_OPEN = re.compile(r'^\s*<div class="mcv-choices"')
CHOICES_CLOSE = re.compile(r"^\s*</div>\s*$")
FOLDED = re.compile(r'^(\?\?\?\+?|!!!)\s*\w*\s*(?:"[^"]*")?\s*$')

RESULT = "result"
ANSWER = "exercise answer"
OPTION = "exercise option"
MISTAKE = "mistake shown false"


@dataclass(frozen=True)
class ClaimContext:
    title: str
    kind: str


def claim_contexts(text: str, first_line: int = 1) -> dict[int, ClaimContext]:
    """The context of a claim on each line of a page (file line numbers).

    A display claim's is on the line its ``$$`` opens; every line of running text has one too,
    for the inline claims written there.
    """
    contexts: dict[int, ClaimContext] = {}
    heading = ""
    in_choices = False
    option = 0
    folded_indent: int | None = None
    for offset, line in lines_outside_fences(text.split("\n")):
        number = first_line + offset
        indent = len(line) - len(line.lstrip())
        if folded_indent is not None and line.strip() and indent <= folded_indent:
            folded_indent = None
        if (found := HEADING.match(line)) is not None:
            heading = _plain_heading(found.group("text"))
        elif CHOICES_OPEN.match(line):
            in_choices, option = True, 0
        elif in_choices and CHOICES_CLOSE.match(line):
            in_choices = False
        elif FOLDED.match(line.strip()):
            folded_indent = indent
        elif (display := display_claim(line)) is not None:
            refuted = display[0] == "refuted"
            if in_choices:
                letter = chr(ord("A") + option)
                option += 1
                contexts[number] = ClaimContext(f"{heading}, option {letter}", OPTION)
            elif folded_indent is not None:
                contexts[number] = ClaimContext(heading, MISTAKE if refuted else ANSWER)
            else:
                contexts[number] = ClaimContext(heading, MISTAKE if refuted else RESULT)
        else:
            # Running text, where an inline claim may stand.
            kind = ANSWER if folded_indent is not None else RESULT
            contexts[number] = ClaimContext(heading, kind)
    return contexts


def context_of(contexts: dict[int, ClaimContext], line: int, refuted: bool) -> ClaimContext | None:
    """A claim's context; a refuted statement outside a question's options is a mistake."""
    context = contexts.get(line)
    if context is not None and refuted and context.kind != OPTION:
        return ClaimContext(context.title, MISTAKE)
    return context


def _plain_heading(text: str) -> str:
    return INLINE_MATH.sub(lambda found: plain_math(found.group("body")), text).strip()
