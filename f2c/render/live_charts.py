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
from f2c.render.style import (
    BEST_COLOR,
    CURSOR_COLOR,
    DATA_COLOR,
    LINE_COLOR,
    TEXTBOOK_COLOR,
    downsample,
    finite_rows,
)

# Colours that stay distinct on a washed-out projector and for colour-blind readers (Okabe-Ito).
HEIGHT = 380
FONT_SIZE = 16


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
        for row in finite_rows(x=ends, y=ys):
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
        "datasets": {"points": finite_rows(x=x, y=y), "lines": lines},
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
        marker = finite_rows(epoch=[cursor], loss=[cursor_loss])
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
        "datasets": {"loss": finite_rows(epoch=e, loss=v), "cursor": marker},
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
