"""Build the HTML a reader sees for claims, equations and example output.

Plain functions of already-verified records: rendering never decides truth, it only shows it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from verified_docs.markdown_syntax import RESTATES, claim_anchor
from verified_docs.plain_math import plain_math
from verified_docs.site import ClaimRecord, ExampleRecord

RenderMath = Callable[[str, bool], str]


def equation_html(math_html: str, role: str) -> str:
    """A definition or notation: the equation, labelled so readers know it is not a result."""
    return (
        f'<div class="mcv-equation mcv-{role}">{math_html}'
        f'<p class="mcv-mark mcv-mark--{role}">{role.capitalize()}</p></div>'
    )


def claim_html(record: ClaimRecord, math_html: str, index_url: str) -> str:
    """The equation with a one-line verification mark; how it was checked is behind a click.

    The mark is a ``<details>``: its summary ("✓ Verified", "✗ Shown false") is all a reader
    sees while reading, so the lesson is not buried under the audit; opening it gives the
    methods, the instances checked or the counterexample, in plain text, and a link to the
    claim's entry with the check's source.
    """
    claim_id = record.equation.claim_id or ""
    refuted = record.equation.role == "refuted"
    link = f"{index_url}#{claim_anchor(claim_id)}"
    if record.skipped:
        status, label = "unchecked", "Not checked"
        details = ["Execution is off in this preview build: nothing was verified."]
    elif record.verdict is None:
        status, label = "failed", "Not verified"
        details = [record.error or "no verdict"]
    elif refuted:
        status, label = "refuted", "Shown false"
        witness = plain_math(record.verdict.witness or "")
        kind = "Wrong shape" if witness.startswith("it is ") else "Counterexample"
        details = [f"{kind}: {witness}."]
        details += [method_text(method) for method in record.verdict.methods]
    else:
        status, label = "verified", "Verified"
        details = [method_text(method) for method in record.verdict.methods]
    symbol = {"verified": "✓", "refuted": "✗", "failed": "⚠", "unchecked": "…"}[status]
    items = "".join(f"<li>{html.escape(item)}</li>" for item in details)
    return (
        f'<div class="mcv-claim mcv-claim--{status}" id="{claim_anchor(claim_id)}">'
        f"{math_html}"
        f'<details class="mcv-mark mcv-mark--{status}" data-search-exclude>'
        f'<summary><span aria-hidden="true">{symbol}</span> {label}</summary>'
        f"<ul>{items}</ul>"
        f'<a href="{html.escape(link)}">The check and its source</a></details></div>'
    )


def inline_claim_html(record: ClaimRecord, math_html: str, index_url: str) -> str:
    """Inline math that is a claim: the math and a small mark linking to its check."""
    claim_id = record.equation.claim_id or ""
    if record.skipped:
        status, symbol, label = "unchecked", "…", "not checked in this preview"
    elif record.verdict is None:
        status, symbol, label = "failed", "⚠", f"not verified: {record.error or 'no verdict'}"
    elif record.equation.role == "refuted":
        status, symbol, label = "refuted", "✗", "shown false"
    else:
        status, symbol, label = "verified", "✓", "verified"
    link = f"{index_url}#{claim_anchor(claim_id)}"
    # A restatement links to the claim; only the first statement carries its anchor.
    anchor = "" if record.equation.role == RESTATES else f' id="{claim_anchor(claim_id)}"'
    return (
        f'<span class="mcv-inline-claim mcv-claim--{status}"{anchor}>'
        f'{math_html}<a class="mcv-inline-mark" href="{html.escape(link)}" '
        f'title="Claim {html.escape(claim_id)}: {html.escape(label)}" '
        f'aria-label="Claim {html.escape(claim_id)}: {html.escape(label)}" data-search-exclude>'
        f"<sup>{symbol}</sup></a></span>"
    )


_INSTANCES = re.compile(r" for each of (?P<count>\d+) instances \((?P<list>.*)\)$")
_ENTRY = re.compile(r"^(?P<name>.+) (?P<rows>\d+)×(?P<cols>\d+)$")


def method_text(method: str) -> str:
    """A method line as plain text: TeX names become Unicode, instances read as spaces.

    ``… for each of 2 instances (\\mathbf{u} 2×1, \\mathbf{v} 2×1; …)`` becomes
    ``… for 2 shapes: u, v ∈ ℝ²; …``; unlabelled instances are only counted.
    """
    match = _INSTANCES.search(method)
    if match is None:
        return plain_math(method) if "\\" in method or "_{" in method else method
    count, listing = match.group("count"), match.group("list")
    head = method[: match.start()]
    shapes = [_instance_text(instance) for instance in listing.split("; ")]
    if any(shape is None for shape in shapes):
        return f"{head} for each of {count} instances"
    return f"{head} for {count} shapes: {'; '.join(s for s in shapes if s)}"


def _instance_text(instance: str) -> str | None:
    """``\\mathbf{u} 2×1, \\mathbf{v} 2×1, W 2×3`` → ``u, v ∈ ℝ², W ∈ ℝ²ˣ³``; None if unlabelled."""
    groups: list[tuple[list[str], str]] = []
    for entry in instance.split(", "):
        match = _ENTRY.match(entry.strip())
        if match is None:
            return None
        rows, cols = match.group("rows"), match.group("cols")
        space = (
            "ℝ"
            if rows == cols == "1"
            else f"ℝ^{{{rows}}}"
            if cols == "1"
            else f"ℝ^{{{rows}×{cols}}}"
        )
        name = plain_math(match.group("name"))
        if groups and groups[-1][1] == space:
            groups[-1][0].append(name)
        else:
            groups.append(([name], space))
    return ", ".join(f"{', '.join(names)} ∈ {plain_math(space)}" for names, space in groups)


_TEXT_ALTERNATIVE = re.compile(r'aria-label="([^"]*)"')


def _caption(figure_html: str) -> str:
    """The figure's description as its visible caption: what to look for, for every reader."""
    found = _TEXT_ALTERNATIVE.search(figure_html)
    if found is None:
        return ""
    return f"<figcaption>{found.group(1)}</figcaption>"


def example_output_html(record: ExampleRecord, render_math: RenderMath) -> str:
    """What an example printed and displayed, under its code."""
    if record.skipped:
        return (
            '<div class="mcv-output mcv-output--skipped"><p>Output not shown: execution is '
            "off in this preview build.</p></div>"
        )
    if record.error:
        return (
            f'<div class="mcv-output mcv-output--failed"><p>⚠ Example failed: '
            f"{html.escape(record.error)}</p></div>"
        )
    parts = []
    for output in record.run.outputs if record.run else ():
        kind, text = output["kind"], output["text"]
        if kind == "latex":
            parts.append(render_math(text, True))
        elif kind == "svg":
            parts.append(f'<div class="mcv-figure">{text}</div>')
        else:
            parts.append(f"<pre><code>{html.escape(text.rstrip())}</code></pre>")
    if not parts:
        return ""
    if record.example.figure:
        return (
            '<figure class="mcv-output mcv-output--figure" data-search-exclude>'
            + "".join(parts)
            + _caption("".join(parts))
            + "</figure>"
        )
    return (
        '<div class="mcv-output" aria-label="Output of the code above">'
        '<p class="mcv-output__label">Output</p>' + "".join(parts) + "</div>"
    )
