"""Python-Markdown extension: render claims, equations and examples from a verified report.

Generator-neutral: it needs only a :class:`Session` (the verified report, a math renderer and
the current page), so it works under MkDocs, Zensical or plain ``markdown.markdown``.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

from verified_docs.checks import ClaimCheck
from verified_docs.claim_context import ClaimContext, claim_contexts, context_of
from verified_docs.markdown_syntax import INLINE_MATH, claim_anchor
from verified_docs.math_render import KatexRenderer, LatexError
from verified_docs.page_scan import DisplayMath, scan_page
from verified_docs.plain_math import plain_math
from verified_docs.problems import Problem
from verified_docs.render import (
    claim_html,
    equation_html,
    example_output_html,
    inline_claim_html,
    method_text,
)
from verified_docs.site import ClaimRecord, SiteReport, page_body

# "<!-- verified-claims -->" lists every claim not listed elsewhere, with an overview;
# "<!-- verified-claims: derivatives.md -->" lists the claims of one chapter.
INDEX_MARKER = re.compile(r"^<!-- verified-claims(?:: (?P<page>\S+))? -->$")
# Blocks are found before pymdownx.snippets (32), while line numbers are still those of the
# file, but stashed after normalize_whitespace (30), which strips the stash's placeholder
# markers, and before the fenced-code (25) and raw-HTML (20) preprocessors.
PREPROCESSOR_PRIORITY = 40
STASH_PRIORITY = 29
BLOCK_KEY = "mcv-block-{index:06d}-mcv"
# The name under which a builder lists this extension in ``markdown_extensions``.
EXTENSION_NAME = "verified_docs.markdown_ext"
NOT_VERIFIED = (
    "verified-docs: this builder ran the Markdown extension but not the verified-docs "
    "plugin, so no claim on this site would be verified and no example would run; "
    "build with `mkdocs build` (plugins: - verified-docs)"
)


@dataclass
class Session:
    """State shared by the pages of one build."""

    report: SiteReport
    katex: KatexRenderer
    repo_root: Path
    docs_prefix: PurePosixPath
    use_directory_urls: bool = True
    page: PurePosixPath = field(default_factory=PurePosixPath)  # set before each page
    first_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    # the page that lists every claim not listed on a page of its chapter
    claims_index: str = "verified-claims.md"
    # chapter (docs-relative) -> the page that lists its claims, when it is not claims_index
    claims_pages: dict[str, str] = field(default_factory=dict)
    chapter_titles: dict[str, str] = field(default_factory=dict)
    # MkDocs leaves links in raw HTML alone, so they are written relative to the page's URL;
    # Zensical rewrites them as if relative to the page's source file, so they are written so.
    links_from_source: bool = False
    # page -> its claims' titles and kinds, read when a claims listing first needs them
    contexts: dict[str, dict[int, ClaimContext]] = field(default_factory=dict)

    def claims_page_for(self, page: PurePosixPath | Path) -> str:
        """Where the claims of ``page`` (named relative to the repository) are listed."""
        chapter = str(PurePosixPath(str(page)).relative_to(self.docs_prefix))
        return self.claims_pages.get(chapter, self.claims_index)

    def render_math(self, latex: str, display: bool, line: int | None = None) -> str:
        try:
            return self.katex.render(latex, display=display)
        except LatexError as error:
            message = f"invalid LaTeX {latex[:60]!r}: {error.message}"
            self.problems.append(Problem(Path(self.page), line or None, "latex", latex, message))
            return f'<span class="mcv-latex-error">{html.escape(latex)}</span>'

    def url_of(self, docs_relative: str) -> str:
        """The URL of a page relative to the current one, as MkDocs will write it."""

        def site_path(relative: str) -> str:
            stem = relative[:-3]
            if not self.use_directory_urls:
                return stem + ".html"
            if stem == "index" or stem.endswith("/index"):
                return stem[:-5]
            return stem + "/"

        source = str(self.page.relative_to(self.docs_prefix))
        here = site_path(source)
        target = site_path(docs_relative)
        if self.links_from_source:
            base = posixpath.dirname(source)
        else:
            base = posixpath.dirname(here.rstrip("/")) if not here.endswith("/") else here
        return posixpath.relpath(target or ".", base or ".") + ("/" if target.endswith("/") else "")


class _ClaimsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, session: Session, blocks: dict[str, str]) -> None:
        super().__init__(md)
        self.session = session
        self.blocks = blocks

    def hold(self, block_html: str) -> str:
        """Keep an HTML block aside and return the plain-text key that marks its place."""
        key = BLOCK_KEY.format(index=len(self.blocks))
        self.blocks[key] = block_html
        return key

    def run(self, lines: list[str]) -> list[str]:
        session = self.session
        scan = scan_page(Path(str(session.page)), "\n".join(lines), session.first_line)
        replacements: dict[int, tuple[int, list[str]]] = {}
        for equation in scan.equations:
            if equation.inline:
                continue  # rendered where it stands, by the inline math pattern
            start = equation.line - session.first_line
            end = equation.end_line - session.first_line
            math = session.render_math(equation.latex, True, equation.line)
            if equation.claim_id is None:
                equation_block = equation_html(math, equation.role)
            else:
                claim_record = session.report.claim_at(equation.page, equation.line)
                if claim_record is None:
                    continue
                index_url = session.url_of(session.claims_page_for(equation.page))
                equation_block = claim_html(claim_record, math, index_url)
            replacements[start] = (end, [equation.indent + self.hold(equation_block)])
        for example in scan.examples:
            start = example.line - session.first_line
            end = example.end_line - session.first_line
            record = session.report.example_at(example.page, example.line)
            if record is None:
                continue
            code = (record.code or "").split("\n")
            fence = [f'```python title="{example.source}"', *code, "```"]
            output = example_output_html(record, session.render_math)
            if example.figure:
                # The picture is what the reader came for; its code is one click away.
                folded = ['??? example "Code for this figure"', ""]
                folded += ["    " + line for line in fence]
                block = [example.indent + self.hold(output), ""] if output else []
                block += [example.indent + line for line in folded]
            else:
                block = [example.indent + line for line in fence] + [""]
                if output:
                    block.append(example.indent + self.hold(output))
            replacements[start] = (end, block)
        result: list[str] = []
        index = 0
        while index < len(lines):
            if index in replacements:
                end, block = replacements[index]
                result.extend(["", *block, ""])
                index = end + 1
            elif marker := INDEX_MARKER.match(lines[index].strip()):
                result.extend(claims_index_markdown(session, self.hold, marker.group("page")))
                index += 1
            else:
                result.append(lines[index])
                index += 1
        return result


class _StashPreprocessor(Preprocessor):
    """Swap each block key for a raw-HTML stash placeholder."""

    def __init__(self, md: Markdown, blocks: dict[str, str]) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        result = []
        for line in lines:
            key = line.strip()
            if key in self.blocks:
                line = line[: len(line) - len(line.lstrip())] + self.md.htmlStash.store(
                    self.blocks.pop(key)
                )
            result.append(line)
        return result


def find_claims_pages(docs_dir: Path) -> dict[str, str]:
    """Chapter -> the page whose ``<!-- verified-claims: chapter -->`` lists its claims."""
    found = {}
    for path in sorted(docs_dir.rglob("*.md")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            marker = INDEX_MARKER.match(line.strip())
            if marker and marker.group("page"):
                found[marker.group("page")] = path.relative_to(docs_dir).as_posix()
    return found


def claims_index_markdown(
    session: Session, stash: Callable[[str], str], chapter: str | None = None
) -> list[str]:
    """A list of claims: each claim, where it is stated, how it was checked.

    With ``chapter``, that chapter's claims; without, an overview of the chapters listed on
    pages of their own and the claims of every other chapter.
    """
    records = sorted(session.report.claims, key=lambda r: (str(r.equation.page), r.equation.line))
    index = session.claims_index
    listing = session.claims_pages.get(chapter, index) if chapter else index
    overview = _overview(session, records) if chapter is None else []
    shown = records if overview else []  # the overview counts the whole site
    records = [r for r in records if session.claims_page_for(r.equation.page) == listing]
    counted = shown or records
    refuted = sum(1 for r in counted if r.equation.role == "refuted")
    lines = [
        f"{len(counted) - refuted} claims verified true and {refuted} wrong exercise options "
        "shown false, each checked when the site was built.",
        "",
        *overview,
    ]
    for record in records:
        equation = record.equation
        claim_id = equation.claim_id or ""
        page = str(PurePosixPath(str(equation.page)).relative_to(session.docs_prefix))
        # Raw HTML, which no builder validates (Zensical does not know the claim anchors the
        # plugin registers with MkDocs): the link is computed here and checked by the
        # built-site link test instead.
        link = f"{session.url_of(page)}#{claim_anchor(claim_id)}"
        context = _claim_context(session, equation)
        title = context.title if context else claim_id
        summary = _markdown_text(_shortened(plain_math(equation.latex)))
        lines += [f"## {_markdown_text(title)}: {summary} {{#{claim_anchor(claim_id)}}}", ""]
        lines.append(
            f"{(context.kind if context else equation.role).capitalize()}, "
            f'<a href="{html.escape(link)}">read it in the chapter</a> '
            f"(<code>{html.escape(page)}</code>, line {equation.line}; "
            f"id <code>{html.escape(claim_id)}</code>)."
        )
        lines += ["", stash(session.render_math(equation.latex, True)), ""]
        if record.skipped:
            lines.append("- Not checked: execution is off in this preview build.")
        elif record.verdict:
            lines += [f"- {_markdown_text(method_text(m))}" for m in record.verdict.methods]
            if record.verdict.witness:
                witness = plain_math(record.verdict.witness)
                lines.append(f"- Counterexample: {_markdown_text(witness)}")
        else:
            lines.append(f"- **Not verified:** {record.error}")
        if record.check:
            lines += ["", *check_source(record.check, session.repo_root)]
        lines.append("")
    return lines


def _claim_context(session: Session, equation: DisplayMath) -> ClaimContext | None:
    """The claim's title and kind, read from its page (each page read once per build)."""
    page = str(equation.page)
    if page not in session.contexts:
        try:
            text = (session.repo_root / page).read_text(encoding="utf-8")
        except OSError:
            text = ""
        session.contexts[page] = claim_contexts(*page_body(text))
    return context_of(session.contexts[page], equation.line, equation.role == "refuted")


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _markdown_text(text: str) -> str:
    """Plain text that Markdown shows as it is: no emphasis from ``_`` or ``*``, no HTML."""
    return re.sub(r"([\\`*_\[\]{}#])", r"\\\1", html.escape(text, quote=False))


def _overview(session: Session, records: list[ClaimRecord]) -> list[str]:
    """A table of the chapters whose claims have a page of their own."""
    rows = []
    # claims_pages is in reading order (the plugin builds it from the navigation).
    for chapter, listing in session.claims_pages.items():
        mine = [r for r in records if session.claims_page_for(r.equation.page) == listing]
        wrong = sum(1 for r in mine if r.equation.role == "refuted")
        title = session.chapter_titles.get(chapter) or chapter.removesuffix(".md")
        rows.append(f"| [{title}]({listing}) | {len(mine) - wrong} | {wrong} |")
    if not rows:
        return []
    return ["| chapter | verified | shown false |", "|---|---:|---:|", *rows, ""]


def check_source(check: ClaimCheck, repo_root: Path) -> list[str]:
    """The statement that registers the check, read from its file, with the id's line marked.

    The real source, whole: a decorated function from its first decorator, an ``identity``
    call, or the table of ``claims_by_name`` that holds the id's row.
    """
    source = check.source.resolve().relative_to(repo_root.resolve())
    first, last = check.lines
    code = check.source.read_text(encoding="utf-8").split("\n")[first - 1 : last]
    marked = f' hl_lines="{check.line - first + 1}"' if last > first else ""
    return [
        f'??? note "Check: `{source}`, line {check.line}"',
        "",
        f"    Defined at `{source}:{check.line}`. {check.how}",
        "",
        f"    ```python{marked}",
        *[f"    {line}".rstrip() for line in code],
        "    ```",
    ]


class _InlineMath(InlineProcessor):
    def __init__(self, pattern: str, md: Markdown, session: Session) -> None:
        super().__init__(pattern, md)
        self.session = session

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:
        session = self.session
        math = session.render_math(m.group("body"), False)
        if m.group("id"):
            page = Path(str(session.page))
            record = session.report.claim_with_id(
                page, m.group("id"), m.group("body"), m.group("role")
            )
            if record is not None:
                index_url = session.url_of(session.claims_page_for(record.equation.page))
                math = inline_claim_html(record, math, index_url)
        return self.md.htmlStash.store(math), m.start(0), m.end(0)


class VerifiedMathExtension(Extension):
    """Register the claim/example preprocessor and inline math."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        self.session = session
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        blocks: dict[str, str] = {}
        md.preprocessors.register(
            _ClaimsPreprocessor(md, self.session, blocks), "verified_claims", PREPROCESSOR_PRIORITY
        )
        md.preprocessors.register(_StashPreprocessor(md, blocks), "verified_stash", STASH_PRIORITY)
        # Above backticks (190) is wrong: code spans must win, so register just below them.
        md.inlinePatterns.register(
            # Python-Markdown compiles the pattern itself, with the same DOTALL flag.
            _InlineMath(INLINE_MATH.pattern, md, self.session),
            "verified_inline_math",
            185,
        )


class _RefuseUnverified(Preprocessor):
    """Stop a build whose builder loaded this extension without a verified report."""

    def run(self, lines: list[str]) -> list[str]:
        raise NotVerifiedError(NOT_VERIFIED)


class NotVerifiedError(RuntimeError):
    """The page would be published without its claims verified."""


class _UnverifiedGuard(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_RefuseUnverified(md), "verified_docs_guard", 1000)


def makeExtension(**kwargs: Any) -> Extension:
    """What a builder gets when it loads this extension by name: a refusal, never a pass.

    The verified-docs plugin replaces the named extension with one that holds the verified
    report; a builder that ignores plugins (Zensical accepts and ignores them) would
    otherwise publish every page with its claims unchecked. Only a build staged by
    :mod:`verified_docs.zensical_build`, which verified everything first, passes the options
    that turn this into the rendering extension.
    """
    if kwargs:
        from verified_docs.zensical_build import verified_extension

        return verified_extension(**kwargs)
    return _UnverifiedGuard()
