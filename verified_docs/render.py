"""Build the HTML a reader sees for claims, equations and example output.

Plain functions of already-verified records: rendering never decides truth, it only shows it.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from verified_docs.site import ClaimRecord, ExampleRecord

RenderMath = Callable[[str, bool], str]


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def equation_html(math_html: str, role: str) -> str:
    """A definition or notation: the equation, labelled so readers know it is not a result."""
    return (
        f'<div class="mcv-equation mcv-{role}">{math_html}'
        f'<p class="mcv-mark mcv-mark--{role}">{role.capitalize()}</p></div>'
    )


def claim_html(record: ClaimRecord, math_html: str, index_url: str) -> str:
    """The equation with its verification mark, linking to the check on the claims page."""
    claim_id = record.equation.claim_id or ""
    refuted = record.equation.role == "refuted"
    link = f"{index_url}#{claim_anchor(claim_id)}"
    if record.skipped:
        status, label = "unchecked", "Not checked"
        detail = "execution is off in this preview build"
    elif record.verdict is None:
        status, label = "failed", "Not verified"
        detail = html.escape(record.error or "no verdict")
    elif refuted:
        status, label = "refuted", "Shown false"
        detail = html.escape(record.verdict.witness or "")
    else:
        status, label = "verified", "Verified"
        detail = " · ".join(html.escape(m) for m in record.verdict.methods)
    symbol = {"verified": "✓", "refuted": "✗", "failed": "⚠", "unchecked": "…"}[status]
    return (
        f'<div class="mcv-claim mcv-claim--{status}" id="{claim_anchor(claim_id)}">'
        f"{math_html}"
        f'<p class="mcv-mark mcv-mark--{status}" data-search-exclude>'
        f'<a href="{html.escape(link)}" title="How claim {html.escape(claim_id)} is checked">'
        f'<span aria-hidden="true">{symbol}</span> {label}</a>'
        f' <span class="mcv-mark__detail">{detail}</span></p></div>'
    )


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
            + "</figure>"
        )
    return (
        '<div class="mcv-output" aria-label="Output of the code above">'
        '<p class="mcv-output__label">Output</p>' + "".join(parts) + "</div>"
    )
