"""One look for every figure: sizes, fonts and spines shared by the chapters' plots.

Colours are Matplotlib's defaults on purpose: the site maps them (and black ink) to theme
variables, so each figure reads well in light and dark mode without a second copy.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

plt.rcParams.update(
    {
        "font.size": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "lines.linewidth": 2.0,
    }
)


def new_figure(description: str, columns: int = 1, width: float = 6.4) -> tuple[Figure, list[Axes]]:
    """A figure whose label is its text alternative (required by the site for accessibility)."""
    figure, axes = plt.subplots(1, columns, figsize=(width, width * 0.62 / max(1, columns / 1.6)))
    figure.set_label(description)
    return figure, list(axes) if columns > 1 else [axes]
