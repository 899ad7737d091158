"""One look for every figure: sizes, fonts and spines shared by the chapters' plots.

Colours are Matplotlib's defaults on purpose: the site maps them (and black ink) to theme
variables, so each figure reads well in light and dark mode without a second copy.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

# Figures are shown at their natural size, never scaled to the column, so their text has the
# same size in CSS pixels on a phone and on a desktop: 9 pt is 12 px, and a panel 3.4 inches
# wide (326 px) fits a phone's column. A figure with several panels is cut into one picture
# per panel, which the page lays side by side where they fit and stacks where they do not.
PANEL_WIDTH = 3.4

plt.rcParams.update(
    {
        "font.size": 9,
        "axes.titlesize": 9,
        "legend.fontsize": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "lines.linewidth": 1.8,
    }
)


def new_figure(
    description: str, columns: int = 1, aspect: float = 0.75
) -> tuple[Figure, list[Axes]]:
    """Panels of one phone column each; the label is the text alternative the site requires."""
    figure, axes = plt.subplots(
        1, columns, figsize=(PANEL_WIDTH * columns, PANEL_WIDTH * aspect), layout="constrained"
    )
    figure.set_label(description)
    return figure, list(axes) if columns > 1 else [axes]


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def label_powers_of_ten(axes: Axes) -> None:
    """Label log axes 10⁻⁴ … 10⁰ in plain text.

    Matplotlib writes log ticks as mathtext, whose raised exponent is smaller than the 9 pt
    every other label of the site's figures has; Unicode superscripts keep one text size.
    """
    power = FuncFormatter(
        lambda value, _: "10" + str(round(math.log10(value))).translate(_SUPERSCRIPT)
    )
    for axis in (axes.xaxis, axes.yaxis):
        axis.set_major_formatter(power)
        axis.set_minor_formatter(NullFormatter())
