"""The guided path's figures (Plotly): the data with the student's line, and a log beside the article's."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from f2c.core.i18n import t
from f2c.render.style import BEST_COLOR, DATA_COLOR, LINE_COLOR


def fit_figure(x, y, w: float, b: float, lang: str, trained: tuple[float, float] | None = None) -> go.Figure:
    """The eleven points, the student's line w·x + b and, after a run, the trained line."""
    x64, y64 = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    span = np.array([x64.min() - 5.0, x64.max() + 5.0])
    fig = go.Figure()
    fig.add_scatter(
        x=x64, y=y64, mode="markers", name=t("guide.fit.data", lang), marker={"color": DATA_COLOR, "size": 10}
    )
    fig.add_scatter(
        x=span,
        y=w * span + b,
        mode="lines",
        name=t("guide.fit.line", lang),
        line={"color": LINE_COLOR, "width": 3},
    )
    if trained is not None and all(np.isfinite(trained)):
        tw, tb = trained
        fig.add_scatter(
            x=span,
            y=tw * span + tb,
            mode="lines",
            name=t("guide.fit.trained", lang),
            line={"color": BEST_COLOR, "width": 3, "dash": "dash"},
        )
    fig.update_layout(
        height=380,
        margin={"l": 40, "r": 10, "t": 10, "b": 40},
        xaxis_title="x",
        yaxis_title="y",
        yaxis={"range": [-40, 80]},
        legend={"orientation": "h", "y": 1.08},
    )
    return fig
