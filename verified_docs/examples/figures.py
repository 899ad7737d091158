"""Turn a Matplotlib figure into an inline SVG that follows the site's light and dark themes.

Figures are drawn at build time by example code. Saved as SVG with a transparent background,
their ink (black) becomes ``currentColor`` and Matplotlib's default colour cycle becomes CSS
variables, so one file reads well on Material's light and dark palettes; no image is fetched.
The figure's label (``fig.set_label(...)``) is its text alternative, and is required; the page
shows it as the caption too.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any

# Matplotlib's default colours, in cycle order, and the CSS variable each becomes.
_THEMED_COLOURS = {
    "#000000": "currentColor",
    "#ffffff": "var(--md-default-bg-color, #ffffff)",
    "#b0b0b0": "var(--mcv-plot-grid, #b0b0b0)",
    # Each variable falls back to the original colour where the site's CSS is absent (the
    # downloadable notebooks show the same SVG).
    "#1f77b4": "var(--mcv-plot-0, #1f77b4)",
    "#ff7f0e": "var(--mcv-plot-1, #ff7f0e)",
    "#2ca02c": "var(--mcv-plot-2, #2ca02c)",
    "#d62728": "var(--mcv-plot-3, #d62728)",
    "#9467bd": "var(--mcv-plot-4, #9467bd)",
    "#8c564b": "var(--mcv-plot-5, #8c564b)",
}
_COLOUR = re.compile("|".join(re.escape(colour) for colour in _THEMED_COLOURS), re.IGNORECASE)
_PREAMBLE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_GEOMETRY = re.compile(r'\b(d|transform|viewBox|points|x|y|x1|y1|x2|y2|width|height)="([^"]*)"')
_LONG_NUMBER = re.compile(r"(\d+\.\d{2})\d+")
_ID = re.compile(r'\bid="([^"]+)"')


def _rounded_attribute(match: re.Match[str]) -> str:
    return f'{match.group(1)}="{_LONG_NUMBER.sub(_two_decimals, match.group(2))}"'


def _two_decimals(match: re.Match[str]) -> str:
    return match.group(1)


class FigureError(ValueError):
    """A figure that cannot be published as it is (for example, without a description)."""


def is_figure(value: Any) -> bool:
    """True for a Matplotlib figure, checked without importing Matplotlib."""
    return type(value).__module__.startswith("matplotlib") and hasattr(value, "savefig")


def figure_svg(figure: Any) -> str:
    """The figure as themed, accessible inline SVG, one picture per panel (and it is closed).

    A panel's text keeps the size it was drawn at: the page never scales a figure up to its
    column, so a label is as large on a phone as on a desktop. Side-by-side panels become
    separate pictures, which the page lays out in a row where they fit and stacks on a phone.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    description = figure.get_label()
    if not description:
        plt.close(figure)
        raise FigureError(
            "a figure needs a description for readers who cannot see it: fig.set_label('...')"
        )
    panels = _panels(figure)
    pictures = []
    with matplotlib.rc_context(
        {"svg.hashsalt": "matrix-calculus-verified", "svg.fonttype": "none"}
    ):
        for index, shown in enumerate(panels):
            for axes in figure.axes:
                axes.set_visible(axes in shown)
            buffer = io.StringIO()
            figure.savefig(
                buffer,
                format="svg",
                transparent=True,
                bbox_inches="tight",
                metadata={"Date": None, "Creator": None},
            )
            pictures.append(theme_svg(buffer.getvalue(), f"{description}\0{index}"))
    plt.close(figure)
    label = _attribute(description)
    return f'<div class="mcv-panels" role="img" aria-label="{label}">{"".join(pictures)}</div>'


def _panels(figure: Any) -> list[list[Any]]:
    """Groups of axes drawn as one picture each.

    Every axes alone, unless some of them overlap (an inset, a colour bar): then the figure
    stays whole.
    """
    axes = [a for a in figure.axes if a.get_visible()]
    boxes = [a.get_position() for a in axes]
    overlapping = any(
        first.overlaps(second) for i, first in enumerate(boxes) for second in boxes[i + 1 :]
    )
    return [axes] if overlapping or len(axes) < 2 else [[a] for a in axes]


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def theme_svg(svg: str, identity: str) -> str:
    """Replace fixed colours by theme variables, keeping the drawn size.

    The picture is hidden from screen readers: the panels' container carries the text
    alternative.
    Inline SVG shares the page's ids and styles: its ids get a prefix unique to ``identity``
    (the figure and panel) and its ``*`` style rule is scoped to the picture. Coordinates are
    rounded to 0.01 px, which halves the markup without a visible change.
    """
    svg = _PREAMBLE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg)
    svg = _COLOUR.sub(lambda match: _THEMED_COLOURS[match.group(0).lower()], svg)
    svg = svg.replace("*{", ".mcv-plot *{")
    svg = _GEOMETRY.sub(_rounded_attribute, svg)
    prefix = "fig" + hashlib.sha256(identity.encode()).hexdigest()[:8]
    for identifier in sorted(set(_ID.findall(svg)), key=len, reverse=True):
        svg = svg.replace(f'id="{identifier}"', f'id="{prefix}-{identifier}"')
        svg = svg.replace(f"#{identifier})", f"#{prefix}-{identifier})")
        svg = svg.replace(f'"#{identifier}"', f'"#{prefix}-{identifier}"')
    return svg.replace("<svg", '<svg class="mcv-plot" aria-hidden="true" focusable="false"', 1)
