"""What every chart of the app shares: a colour-blind-safe palette (Okabe-Ito), the light and dark theme's
colours, thinning, finiteness.

No NaN or infinity ever reaches a browser: charts pass their arrays through `finite_arrays`, and the tests
check whole figures with `figure_is_finite`.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

DATA_COLOR = "#0072B2"
LINE_COLOR = "#D55E00"
BEST_COLOR = "#009E73"
TEXTBOOK_COLOR = "#888888"
CURSOR_COLOR = "#CC79A7"
WRONG_COLOR = "#CC0000"  # break it: the run that never zeroes its gradients
ZONE_COLORS = {"converge": "#009E73", "oscillate": "#E69F00", "diverge": "#D55E00"}
# Lines drawn in one chart take these in turn, so they differ by style as well as by colour.
DASHES = ("solid", "dash", "dot", "dashdot")
# Every colour a chart draws its lines in, each paired with its line style where lines are drawn, so no
# two lines differ by colour alone (tests/test_palette.py checks both under colour-blindness simulations).
PALETTE = {
    "data": DATA_COLOR,
    "line": LINE_COLOR,
    "best": BEST_COLOR,
    "textbook": TEXTBOOK_COLOR,
    "cursor": CURSOR_COLOR,
    "wrong": WRONG_COLOR,
    **{f"zone_{name}": color for name, color in ZONE_COLORS.items()},
    # the live player's own (f2c/ui/live_player/overlay.js): earlier runs, and the blues and grey on dark
    "history": "#6B7280",
    "data_dark": "#56B4E9",
    "textbook_dark": "#C8CCD4",
}
MAX_POINTS = 1500
# Log axes label every decade the same way (10^n): Plotly's default mixed "1e+34" with "10,000,000,000".
LOG_AXIS = {"type": "log", "exponentformat": "power", "showexponent": "all"}


def downsample(epochs: np.ndarray, values: np.ndarray, max_points: int = MAX_POINTS):
    """At most about max_points points, log-spaced in epoch so the steep start keeps its detail."""
    n = len(epochs)
    if n <= max_points:
        return epochs, values
    index = np.unique(np.geomspace(1, n, max_points).astype(np.int64) - 1)
    if index[-1] != n - 1:
        index = np.append(index, n - 1)
    return epochs[index], values[index]


def finite_arrays(*arrays) -> list[np.ndarray]:
    """The arrays (equal length, float64) with every position where any is NaN or infinite removed."""
    arrays = [np.asarray(a, dtype=np.float64).reshape(-1) for a in arrays]
    keep = np.ones(len(arrays[0]), dtype=bool)
    for a in arrays:
        keep &= np.isfinite(a)
    return [a[keep] for a in arrays]


def figure_is_finite(fig: go.Figure | dict) -> bool:
    """True when no number anywhere in the figure (data, frames, layout) is NaN or infinite."""
    stack = [fig.to_plotly_json() if isinstance(fig, go.Figure) else fig]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, np.ndarray):
            if item.dtype.kind in "fc" and not np.isfinite(item).all():
                return False
        elif isinstance(item, float) and not math.isfinite(item):
            return False
    return True


def finite_rows(**columns) -> list[dict[str, float]]:
    """Rows of equal-length columns, keeping only rows where every value is a finite number."""
    arrays = {k: np.asarray(v, dtype=np.float64).reshape(-1) for k, v in columns.items()}
    if not arrays:
        return []
    keep = np.ones(len(next(iter(arrays.values()))), dtype=bool)
    for values in arrays.values():
        keep &= np.isfinite(values)
    return [dict(zip(arrays, map(float, row))) for row in zip(*(a[keep] for a in arrays.values()))]


def fit_ranges(x, y, w0: float, b0: float) -> tuple[list[float], list[float]]:
    """Fixed axis ranges for a run: the data, and the starting line as far as it stays readable."""
    x64, y64 = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    x_lo, x_hi = float(x64.min()), float(x64.max())
    x_pad = 0.08 * (x_hi - x_lo)
    x_range = [x_lo - x_pad, x_hi + x_pad]
    y_lo, y_hi = float(y64.min()), float(y64.max())
    span = max(y_hi - y_lo, 1e-9)
    start = [w0 * xi + b0 for xi in x_range]
    if all(math.isfinite(v) for v in start):
        # Show the starting line, but never squeeze the data into less than a quarter of the height.
        y_lo = max(min(y_lo, *start), y_lo - 1.5 * span)
        y_hi = min(max(y_hi, *start), y_hi + 1.5 * span)
    pad = 0.08 * (y_hi - y_lo)
    return [round(v, 6) for v in x_range], [round(y_lo - pad, 6), round(y_hi + pad, 6)]


PANEL_FONT = 16
PANEL_HEIGHT = 440
PANEL_MARGIN = {"l": 70, "r": 30, "t": 60, "b": 130}
# The legend's top, in pixels below the plot area: under the x axis' tick labels and title. Plotly places
# a legend in plot heights, so a fixed fraction put it over the axis title of a short chart (the
# stability bar's plot is 110 px high: 0.3 of it is 33 px, where its x title sits).
LEGEND_GAP = 75


def panel_layout(fig: go.Figure, title: str, height: int = PANEL_HEIGHT) -> go.Figure:
    """The see-inside panels' common layout: title at the top left, the legend below the plot."""
    plot_height = max(height - PANEL_MARGIN["t"] - PANEL_MARGIN["b"], 1)
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": PANEL_FONT + 3}},
        height=height,
        font={"size": PANEL_FONT},
        # The legend goes below the x axis' title: above the plot it ran into long titles (zh and en).
        margin=PANEL_MARGIN,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -LEGEND_GAP / plot_height,
            "x": 0,
            "xanchor": "left",
        },
        template="plotly_white",
    )
    return fig


# The chart's frame in each of Streamlit's themes: the data's colours above read on both backgrounds, but
# text, grid and the legend's box must follow the page (the ui passes st.context.theme.type).
THEMES = {
    "light": {
        "template": "plotly_white",
        "page": "#FFFFFF",  # the page behind the transparent chart: .streamlit/config.toml's backgroundColor
        "text": "#111827",
        "grid": "#E5E7EB",
        "axis": "#9CA3AF",
        "legend_bg": "rgba(255,255,255,0.85)",
        "control_bg": "#F2F4F7",
    },
    "dark": {
        "template": "plotly_dark",
        "page": "#0F172A",
        "text": "#E5E7EB",
        "grid": "#334155",
        "axis": "#64748B",
        "legend_bg": "rgba(15,23,42,0.85)",
        "control_bg": "#1E293B",
    },
}


def theme_colors(theme: str | None) -> dict[str, str]:
    """The theme's colours; light for anything else (the browser has not said yet)."""
    return THEMES.get(theme or "light", THEMES["light"])


def themed(fig: go.Figure, theme: str | None) -> go.Figure:
    """The figure framed for the page's theme: transparent background, readable text, grid and controls.

    Set in the figure's own layout, so they hold whatever template Streamlit lays under it.
    """
    c = theme_colors(theme)
    fig.update_layout(
        template=c["template"],
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font_color=c["text"],
        title_font_color=c["text"],
        legend={"bgcolor": c["legend_bg"], "font": {"color": c["text"]}},
    )
    axes = {"gridcolor": c["grid"], "zerolinecolor": c["axis"], "linecolor": c["axis"], "color": c["text"]}
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    for slider in fig.layout.sliders or ():
        slider.currentvalue.font.color = c["text"]
        slider.bgcolor, slider.bordercolor = c["control_bg"], c["axis"]
    for menu in fig.layout.updatemenus or ():
        menu.bgcolor, menu.bordercolor, menu.font.color = c["control_bg"], c["axis"], c["text"]
    return fig
