"""A chapter notebook shown as a page of the site, as the rest of the site is shown.

mkdocs-jupyter turns a notebook into HTML made for a page that Jupyter's own scripts and styles
finish in the browser: MathJax (from a CDN) typesets the ``$…$`` left in the prose, Mermaid and
a copy-button script load from inline ``<script>`` blocks, and about 600 KB of JupyterLab CSS is
inlined into every page. The notebooks this engine writes hold only prose with math, code, text
and SVG output, so none of that is needed: here the math is rendered to HTML with KaTeX at build
time like every other page, the scripts and JupyterLab's styles are dropped (the site's theme
styles the cells, and its code colours apply once the highlight class is the theme's), and the
page loads nothing from another host. Plain functions of HTML text, tested without a build.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from verified_docs.notebooks import SETUP_TAG

RenderMath = Callable[[str, bool], str]

# What the converter adds around the cells and the notebook never needs: loaders of MathJax,
# require.js and Mermaid, the copy-button script and its markup, JupyterLab's inlined styles.
_DROPPED = re.compile(
    r"<script\b.*?</script>\s*"
    r"|<style\b.*?</style>\s*"
    r"|<!--.*?-->\s*"
    r'|<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*'
    r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*',
    re.DOTALL,
)
# Where a ``$`` is not math: code, preformatted output and figures are kept as they are.
_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<svg\b.*?</svg>)", re.DOTALL)
# The converter escapes ``<`` inside math, so a ``<`` ends a candidate: math never spans a tag.
_DISPLAY_PARAGRAPH = re.compile(r"<p>\s*\$\$(?P<tex>[^$<]+?)\$\$\s*</p>")
_DISPLAY = re.compile(r"\$\$(?P<tex>[^$<]+?)\$\$")
_INLINE = re.compile(r"(?<![\\$])\$(?P<tex>[^$<]+?)\$")
# The converter writes a cell's tags as classes of the cell's outer <div>.
_SETUP_CELL = re.compile(rf'<div class="jp-Cell [^"]*\bcelltag_{SETUP_TAG}\b[^"]*">')
_DIV_TAG = re.compile(r"<div\b|</div>")
_SETUP_SUMMARY = (
    "Setup: writes the modules of the site's repository that the code below imports "
    "beside the notebook"
)


def notebook_page_html(
    converted: str, render_math: RenderMath, *, site_url: str | None, depth: int
) -> str:
    """mkdocs-jupyter's HTML for a notebook, made a page like the others.

    Args:
        converted: the converter's HTML for the notebook.
        render_math: KaTeX, as for every page (``latex, display -> HTML``).
        site_url: the site's address, which the notebook's links to the chapters start with
            (a downloaded notebook needs absolute links); on the page they become relative.
        depth: how many folders below the site's root the page's URL is.

    """
    page = _DROPPED.sub("", converted)
    # The theme colours code in ``.highlight`` blocks and shows ``.headerlink`` only on hover.
    page = page.replace('class="highlight-ipynb ', 'class="highlight ')
    page = page.replace('class="anchor-link"', 'class="headerlink"')
    parts = _VERBATIM.split(page)
    for index in range(0, len(parts), 2):  # the text between verbatim blocks
        parts[index] = _with_math(parts[index], render_math)
    page = _folded_setup("".join(parts))
    if site_url:
        root = site_url.rstrip("/") + "/"
        page = page.replace(f'href="{root}', f'href="{"../" * depth or "./"}')
    return page


def _folded_setup(page: str) -> str:
    """The setup cell's contents folded under a summary, as JupyterLab shows it.

    Hundreds of highlighted lines of the repository's source sit above the lesson otherwise,
    and a phone lays them all out before it shows the first paragraph.
    """
    match = _SETUP_CELL.search(page)
    if match is None:
        return page
    depth, end = 1, match.end()
    for tag in _DIV_TAG.finditer(page, match.end()):
        depth += 1 if tag.group() == "<div" else -1
        if depth == 0:
            end = tag.start()
            break
    else:
        raise ValueError("the converter's setup cell has no closing </div>")
    return (
        f'{page[: match.end()]}<details class="mcv-setup"><summary>{_SETUP_SUMMARY}</summary>'
        f"{page[match.end() : end]}</details>{page[end:]}"
    )


def _with_math(text: str, render_math: RenderMath) -> str:
    """``$$…$$`` and ``$…$`` in converted prose rendered; a display is a block, not a paragraph."""

    def tex(match: re.Match[str]) -> str:
        return html.unescape(match.group("tex")).strip()

    text = _DISPLAY_PARAGRAPH.sub(lambda m: render_math(tex(m), True), text)
    text = _DISPLAY.sub(lambda m: render_math(tex(m), True), text)
    return _INLINE.sub(lambda m: render_math(tex(m), False), text)


def plain_title(title: str, plain_math: Callable[[str], str]) -> str:
    """A table-of-contents entry with its ``$…$`` as plain text, as headings read elsewhere."""
    return _INLINE.sub(lambda m: plain_math(html.unescape(m.group("tex"))), title)
