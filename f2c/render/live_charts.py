"""What the player's charts share with the exports and the panels: colours, axis ranges, downsampling.

The live charts themselves are drawn in the browser with Plotly.js (f2c/ui/live_player, fed by
f2c/render/live.py); the Vega-Lite specs the server used to send every frame are gone. These helpers stay
for the replay export, the "see inside" charts and the export panel, which draw the same run the same way.
"""

from __future__ import annotations

import math

import numpy as np

# Colours that stay distinct on a washed-out projector and for colour-blind readers (Okabe-Ito).
DATA_COLOR = "#0072B2"
LINE_COLOR = "#D55E00"
BEST_COLOR = "#009E73"
TEXTBOOK_COLOR = "#888888"
CURSOR_COLOR = "#CC79A7"
HEIGHT = 380
MAX_POINTS = 1500
FONT_SIZE = 16


def _finite_rows(**columns) -> list[dict[str, float]]:
    """Rows of equal-length columns, keeping only rows where every value is a finite number."""
    arrays = {k: np.asarray(v, dtype=np.float64).reshape(-1) for k, v in columns.items()}
    if not arrays:
        return []
    keep = np.ones(len(next(iter(arrays.values()))), dtype=bool)
    for values in arrays.values():
        keep &= np.isfinite(values)
    return [dict(zip(arrays, map(float, row))) for row in zip(*(a[keep] for a in arrays.values()))]


def _is_finite(value) -> bool:
    return value is not None and math.isfinite(value)


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


def downsample(epochs: np.ndarray, values: np.ndarray, max_points: int = MAX_POINTS):
    """At most about max_points points, log-spaced in epoch so the steep start keeps its detail."""
    n = len(epochs)
    if n <= max_points:
        return epochs, values
    index = np.unique(np.geomspace(1, n, max_points).astype(np.int64) - 1)
    if index[-1] != n - 1:
        index = np.append(index, n - 1)
    return epochs[index], values[index]
