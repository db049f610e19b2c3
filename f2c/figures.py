"""Plotly figures for the player: pure functions of the data, the trajectory and a cursor. No Streamlit.

Plotly gets finite numbers only: every array passes through `_finite` first, and a non-finite scalar
becomes "nothing to draw". The axes' ranges are fixed for a run (they depend on the data and the start,
not on the cursor), so a figure redrawn frame after frame does not jump.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from f2c.i18n import t

# Colours that stay distinct on a washed-out projector and for colour-blind readers (Okabe-Ito).
DATA_COLOR = "#0072B2"
LINE_COLOR = "#D55E00"
BEST_COLOR = "#009E73"
TEXTBOOK_COLOR = "#999999"
CURSOR_COLOR = "#CC79A7"
FONT = {"size": 18}
HEIGHT = 420
MAX_POINTS = 1500


def _finite(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def _is_finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _base_layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> None:
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 20}},
        font=FONT,
        height=HEIGHT,
        margin={"l": 70, "r": 20, "t": 50, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        xaxis_title=x_title,
        yaxis_title=y_title,
        uirevision="f2c",  # keep zoom and legend clicks across redraws
        template="plotly_white",
    )


@dataclass(frozen=True)
class FitFrame:
    """What the fit plot needs for one frame: parameters in the raw input's units."""

    w: float | None
    b: float | None
    epoch: int


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
    return x_range, [y_lo - pad, y_hi + pad]


def fit_figure(
    x,
    y,
    frame: FitFrame,
    lang: str,
    x_range: list[float],
    y_range: list[float],
    best: tuple[float, float] | None = None,
    textbook: bool = True,
) -> go.Figure:
    """The article's plot: the data points and the current line, with the best line for comparison."""
    x64, y64 = _finite(x), _finite(y)
    keep = np.isfinite(x64) & np.isfinite(y64)
    fig = go.Figure()
    ends = np.asarray(x_range, dtype=np.float64)
    if textbook:
        fig.add_trace(
            go.Scatter(
                x=ends,
                y=(ends - 32.0) * 5.0 / 9.0,
                mode="lines",
                name=t("fig.textbook", lang),
                line={"color": TEXTBOOK_COLOR, "width": 2, "dash": "dot"},
                hoverinfo="skip",
            )
        )
    if best is not None and _is_finite(best[0]) and _is_finite(best[1]):
        fig.add_trace(
            go.Scatter(
                x=ends,
                y=best[0] * ends + best[1],
                mode="lines",
                name=t("fig.best", lang),
                line={"color": BEST_COLOR, "width": 2, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x64[keep],
            y=y64[keep],
            mode="markers",
            name=t("fig.data", lang),
            marker={"color": DATA_COLOR, "size": 13, "line": {"color": "white", "width": 1.5}},
        )
    )
    if _is_finite(frame.w) and _is_finite(frame.b):
        line_y = frame.w * ends + frame.b
        if np.isfinite(line_y).all():
            fig.add_trace(
                go.Scatter(
                    x=ends,
                    y=line_y,
                    mode="lines",
                    name=t("fig.line", lang, epoch=frame.epoch),
                    line={"color": LINE_COLOR, "width": 4},
                )
            )
    _base_layout(fig, t("fig.fit_title", lang), t("fig.x", lang), t("fig.y", lang))
    fig.update_xaxes(range=x_range, fixedrange=False)
    fig.update_yaxes(range=y_range)
    return fig


def downsample(epochs: np.ndarray, values: np.ndarray, max_points: int = MAX_POINTS):
    """At most about max_points points, log-spaced in epoch so the steep start keeps its detail."""
    n = len(epochs)
    if n <= max_points:
        return epochs, values
    index = np.unique(np.geomspace(1, n, max_points).astype(np.int64) - 1)
    if index[-1] != n - 1:
        index = np.append(index, n - 1)
    return epochs[index], values[index]


def loss_figure(epochs, loss, cursor: int | None, total_epochs: int, lang: str) -> go.Figure:
    """The loss per epoch on a log axis (and log epochs), with the cursor's epoch marked."""
    e = np.asarray(epochs, dtype=np.float64)
    v = _finite(loss)
    keep = np.isfinite(e) & np.isfinite(v) & (v > 0)
    e, v = downsample(e[keep], v[keep])
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=e, y=v, mode="lines", name=t("fig.loss", lang), line={"color": DATA_COLOR, "width": 3})
    )
    if cursor is not None and len(e):
        at = int(np.searchsorted(e, cursor, side="right")) - 1
        at = min(max(at, 0), len(e) - 1)
        fig.add_trace(
            go.Scatter(
                x=[e[at]],
                y=[v[at]],
                mode="markers",
                name=t("fig.cursor", lang, epoch=int(e[at])),
                marker={
                    "color": CURSOR_COLOR,
                    "size": 16,
                    "symbol": "diamond",
                    "line": {"color": "white", "width": 2},
                },
            )
        )
    _base_layout(fig, t("fig.loss_title", lang), t("fig.epoch", lang), t("fig.loss_axis", lang))
    fig.update_xaxes(type="log", range=[0, math.log10(max(total_epochs, 10)) + 0.02])
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_layout(showlegend=False)
    return fig


def figure_is_finite(fig: go.Figure) -> bool:
    """True when no trace holds a NaN or an infinity (what the tests check)."""
    for trace in fig.data:
        for name in ("x", "y"):
            values = getattr(trace, name, None)
            if values is None:
                continue
            arr = np.asarray(values, dtype=np.float64)
            if arr.size and not np.isfinite(arr).all():
                return False
    return True
