"""The player's two charts as Vega-Lite specs: pure functions of the data, the trajectory and a cursor.

Why Vega-Lite and not Plotly for the live view (measured in headless Chromium, see bench/bench_ui.py and
the notes in f2c/ui/player.py): Streamlit 1.67 gives every `st.plotly_chart` an id hashed from its
content, so each new frame is a new element and the browser tears the chart down and draws it again
(the flicker of streamlit/streamlit#8782; the fix, #16052, is not released). A keyed Plotly chart cannot
be redrawn twice in one script run (duplicate key). A Vega-Lite chart without selections has no id: when
only its named datasets change, the frontend updates the same Vega view in place.

So each spec below is constant for a run (titles, colours, axis ranges that depend on the data and the
starting point only) and the changing numbers live in the named datasets. Every number passes through
`_finite`: no NaN or infinity ever reaches the browser.
"""

from __future__ import annotations

import math

import numpy as np

from f2c.core.i18n import t

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


def _config() -> dict:
    return {
        "axis": {
            "labelFontSize": FONT_SIZE,
            "titleFontSize": FONT_SIZE + 1,
            "grid": True,
            "gridColor": "#E5E7EB",
        },
        "legend": {"labelFontSize": FONT_SIZE - 1, "titleFontSize": FONT_SIZE},
        "title": {"fontSize": FONT_SIZE + 3, "anchor": "start"},
        "view": {"stroke": None},
    }


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


def fit_chart(
    x,
    y,
    w: float | None,
    b: float | None,
    lang: str,
    x_range: list[float],
    y_range: list[float],
    best: tuple[float, float] | None = None,
    textbook: bool = True,
) -> dict:
    """The article's plot: the data points and the current line y = w x + b (raw units), with reference lines."""
    names = {
        "line": t("fig.line_now", lang),
        "best": t("fig.best", lang),
        "textbook": t("fig.textbook", lang),
        "data": t("fig.data", lang),
    }
    ends = np.asarray(x_range, dtype=np.float64)
    lines: list[dict] = []

    def add(series: str, ys) -> None:
        for row in _finite_rows(x=ends, y=ys):
            # Clip into the y range so a wild line still draws as a line, not as nothing.
            lines.append({**row, "series": names[series]})

    if textbook:
        add("textbook", (ends - 32.0) * 5.0 / 9.0)
    if best is not None and _is_finite(best[0]) and _is_finite(best[1]):
        add("best", best[0] * ends + best[1])
    if _is_finite(w) and _is_finite(b):
        add("line", w * ends + b)
    series = [names["line"], names["best"]] + ([names["textbook"]] if textbook else [])
    colors = [LINE_COLOR, BEST_COLOR] + ([TEXTBOOK_COLOR] if textbook else [])
    dashes = [[1, 0], [8, 5]] + ([[2, 4]] if textbook else [])
    x_enc = {"field": "x", "type": "quantitative", "title": t("fig.x", lang), "scale": {"domain": x_range}}
    y_enc = {"field": "y", "type": "quantitative", "title": t("fig.y", lang), "scale": {"domain": y_range}}
    return {
        "title": t("fig.fit_title", lang),
        "height": HEIGHT,
        "config": _config(),
        "datasets": {"points": _finite_rows(x=x, y=y), "lines": lines},
        "layer": [
            {
                "data": {"name": "lines"},
                "mark": {"type": "line", "clip": True, "strokeWidth": 4},
                "encoding": {
                    "x": x_enc,
                    "y": y_enc,
                    "color": {
                        "field": "series",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": series, "range": colors},
                    },
                    "strokeDash": {
                        "field": "series",
                        "type": "nominal",
                        "legend": None,
                        "scale": {"domain": series, "range": dashes},
                    },
                    "detail": {"field": "series"},
                },
            },
            {
                "data": {"name": "points"},
                "mark": {
                    "type": "point",
                    "filled": True,
                    "size": 160,
                    "color": DATA_COLOR,
                    "opacity": 1,
                    "stroke": "white",
                    "strokeWidth": 1.5,
                },
                "encoding": {"x": x_enc, "y": y_enc, "tooltip": [{"field": "x"}, {"field": "y"}]},
            },
        ],
    }


def downsample(epochs: np.ndarray, values: np.ndarray, max_points: int = MAX_POINTS):
    """At most about max_points points, log-spaced in epoch so the steep start keeps its detail."""
    n = len(epochs)
    if n <= max_points:
        return epochs, values
    index = np.unique(np.geomspace(1, n, max_points).astype(np.int64) - 1)
    if index[-1] != n - 1:
        index = np.append(index, n - 1)
    return epochs[index], values[index]


def loss_chart(
    epochs, loss, cursor: int | None, cursor_loss: float | None, total_epochs: int, lang: str
) -> dict:
    """The loss per epoch, both axes logarithmic, with the cursor's epoch marked."""
    e = np.asarray(epochs, dtype=np.float64).reshape(-1)
    v = np.asarray(loss, dtype=np.float64).reshape(-1)
    keep = np.isfinite(e) & np.isfinite(v) & (v > 0) & (e >= 1)
    e, v = downsample(e[keep], v[keep])
    marker = []
    if cursor is not None and cursor >= 1 and _is_finite(cursor_loss) and cursor_loss > 0:
        marker = _finite_rows(epoch=[cursor], loss=[cursor_loss])
    x_enc = {
        "field": "epoch",
        "type": "quantitative",
        "title": t("fig.epoch", lang),
        "scale": {"type": "log", "domain": [1, max(int(total_epochs), 10)], "nice": False},
        "axis": {"values": [10**k for k in range(7) if 10**k <= max(int(total_epochs), 10)], "format": "~s"},
    }
    y_enc = {
        "field": "loss",
        "type": "quantitative",
        "title": t("fig.loss_axis", lang),
        "scale": {"type": "log"},
    }
    return {
        "title": t("fig.loss_title", lang),
        "height": HEIGHT,
        "config": _config(),
        "datasets": {"loss": _finite_rows(epoch=e, loss=v), "cursor": marker},
        "layer": [
            {
                "data": {"name": "loss"},
                "mark": {"type": "line", "color": DATA_COLOR, "strokeWidth": 3, "clip": True},
                "encoding": {"x": x_enc, "y": y_enc},
            },
            {
                "data": {"name": "cursor"},
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": True,
                    "size": 320,
                    "color": CURSOR_COLOR,
                    "stroke": "white",
                    "strokeWidth": 2,
                    "clip": True,
                },
                "encoding": {"x": x_enc, "y": y_enc, "tooltip": [{"field": "epoch"}, {"field": "loss"}]},
            },
        ],
    }


def chart_is_finite(spec: dict) -> bool:
    """True when no dataset of the spec holds a NaN or an infinity (what the tests check)."""
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            for value in row.values():
                if isinstance(value, float) and not math.isfinite(value):
                    return False
    return True
