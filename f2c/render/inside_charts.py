"""Plotly figures for the "see inside" panels: pure functions of the data, the analysis and a cursor.

No NaN or infinity ever enters a figure: every array passes through `finite_arrays`, and diverged runs
are drawn only as far as they stayed finite. The ui frames each figure for the page's theme (style.themed).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from f2c.core import analysis
from f2c.core.i18n import t
from f2c.render import style as palette
from f2c.render.style import (
    BEST_COLOR,
    CURSOR_COLOR,
    DATA_COLOR,
    LINE_COLOR,
    LOG_AXIS,
    TEXTBOOK_COLOR,
    downsample,
    finite_arrays,
    panel_layout,
)

MAX_PATH = 1500


# ---- 1. the loss landscape -------------------------------------------------------------------


def landscape_ranges(
    points_w, points_b, anchor_w, anchor_b
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis ranges around the anchors (start and optimum) and the path, ignoring a path that ran away."""
    aw = np.asarray(anchor_w, dtype=np.float64)
    ab = np.asarray(anchor_b, dtype=np.float64)
    span_w = max(float(np.ptp(aw)), 1e-3 + 0.05 * float(np.abs(aw).max()))
    span_b = max(float(np.ptp(ab)), 1e-3 + 0.05 * float(np.abs(ab).max()))
    pw, pb = finite_arrays(points_w, points_b)
    # A diverging path would stretch the view to 1e30: keep only what stays within 3 spans of the anchors.
    near = (np.abs(pw - aw.mean()) < 3 * span_w) & (np.abs(pb - ab.mean()) < 3 * span_b)
    ws = np.concatenate([aw, pw[near]])
    bs = np.concatenate([ab, pb[near]])
    lo_w, hi_w, lo_b, hi_b = ws.min(), ws.max(), bs.min(), bs.max()
    pad_w = 0.15 * max(hi_w - lo_w, 1e-3)
    pad_b = 0.15 * max(hi_b - lo_b, 1e-3)
    return (float(lo_w - pad_w), float(hi_w + pad_w)), (float(lo_b - pad_b), float(hi_b + pad_b))


def landscape(
    x,
    y,
    paths: list[tuple[str, np.ndarray, np.ndarray, str]],
    optimum: tuple[float, float],
    start: tuple[float, float],
    lang: str,
    n: int = 121,
    title: str | None = None,
) -> go.Figure:
    """Contours of log10(loss) over (w, b) in the model's units, the paths drawn on it, the optimum marked.

    paths: (name, w array, b array, colour), each drawn up to its last finite point.
    """
    all_w = np.concatenate([np.asarray(p[1], dtype=np.float64) for p in paths] or [np.empty(0)])
    all_b = np.concatenate([np.asarray(p[2], dtype=np.float64) for p in paths] or [np.empty(0)])
    w_range, b_range = landscape_ranges(all_w, all_b, [start[0], optimum[0]], [start[1], optimum[1]])
    ws, bs, loss = analysis.loss_surface(x, y, w_range, b_range, n)
    z = np.log10(np.maximum(loss, 1e-12))
    lo, hi = math.floor(float(z.min()) * 4) / 4, math.ceil(float(z.max()) * 4) / 4
    fig = go.Figure()
    fig.add_trace(
        go.Contour(
            x=ws,
            y=bs,
            z=z,
            contours={"start": lo, "end": hi, "size": max((hi - lo) / 24, 0.05), "coloring": "heatmap"},
            colorscale="Blues",
            reversescale=True,
            line={"width": 0.6, "color": "rgba(0,0,0,0.35)"},
            colorbar={"title": {"text": t("in.land.colorbar", lang)}},
            hovertemplate="w=%{x:.4g}<br>b=%{y:.4g}<br>log10 L=%{z:.3f}<extra></extra>",
            name=t("in.land.colorbar", lang),
            showlegend=False,
        )
    )
    for (name, pw, pb, color), dash in zip(paths, palette.DASHES):
        pw, pb = finite_arrays(pw, pb)
        if len(pw):
            index, _ = downsample(np.arange(1, len(pw) + 1), np.zeros(len(pw)), MAX_PATH)
            index = np.asarray(index, dtype=np.int64) - 1
            fig.add_trace(
                go.Scatter(
                    x=pw[index],
                    y=pb[index],
                    mode="lines+markers",
                    marker={"size": 4},
                    line={"color": color, "width": 3, "dash": dash},
                    name=name,
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=pw[-1:],
                    y=pb[-1:],
                    mode="markers",
                    marker={
                        "size": 14,
                        "color": color,
                        "symbol": "diamond",
                        "line": {"color": "white", "width": 2},
                    },
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[start[0]],
            y=[start[1]],
            mode="markers",
            marker={"size": 13, "color": TEXTBOOK_COLOR, "symbol": "circle"},
            name=t("in.land.start", lang),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[optimum[0]],
            y=[optimum[1]],
            mode="markers",
            marker={
                "size": 20,
                "color": BEST_COLOR,
                "symbol": "star",
                "line": {"color": "white", "width": 1},
            },
            name=t("in.land.optimum", lang),
        )
    )
    fig.update_xaxes(title_text="w", range=list(w_range))
    fig.update_yaxes(title_text="b", range=list(b_range))
    return panel_layout(fig, title or t("in.land.title", lang), height=520)


# ---- 2. stability of the learning rate ---------------------------------------------------------


def zone(lr: float, stability: analysis.Stability) -> str:
    """converge (every direction shrinks monotonically), oscillate (the fast one flips sign), diverge."""
    if lr * stability.lambda_max < 1:
        return "converge"
    if lr < stability.critical_lr:
        return "oscillate"
    return "diverge"


def stability_bar(lr: float, stability: analysis.Stability, lang: str) -> go.Figure:
    """The learning-rate axis (log) split into the converge / oscillate / diverge zones, with lr marked."""
    crit, best = stability.critical_lr, stability.best_lr
    lo = min(crit / 1000, lr / 3)
    hi = max(crit * 10, lr * 3)
    edges = [lo, 1 / stability.lambda_max, crit, hi]
    fig = go.Figure()
    for (name, color), a, b in zip(palette.ZONE_COLORS.items(), edges[:-1], edges[1:]):
        fig.add_trace(
            go.Scatter(
                x=[a, b, b, a, a],
                y=[0, 0, 1, 1, 0],
                fill="toself",
                mode="lines",
                line={"width": 0},
                fillcolor=color,
                opacity=0.35,
                name=t(f"in.zone.{name}", lang),
                hoverinfo="name",
            )
        )
    for value, color, label, dash in (
        (crit, palette.ZONE_COLORS["diverge"], t("in.stab.critical", lang, lr=crit), "solid"),
        (best, BEST_COLOR, t("in.stab.best", lang, lr=best), "dash"),
        (lr, CURSOR_COLOR, t("in.stab.lr_now", lang, lr=lr), "dot"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[value, value],
                y=[0, 1],
                mode="lines",
                line={"color": color, "width": 5 if value == lr else 3, "dash": dash},
                name=label,
            )
        )
    fig.update_xaxes(**LOG_AXIS, title_text=t("in.stab.axis", lang), range=[math.log10(lo), math.log10(hi)])
    fig.update_yaxes(visible=False, range=[0, 1])
    return panel_layout(fig, t("in.stab.title", lang), height=300)


# ---- 5. the chain rule, point by point ----------------------------------------------------------


def chain_shares(table: dict[str, np.ndarray], lang: str) -> go.Figure:
    """Each point's share of dL/dw and of dL/db, as bars; the bars add up to the gradient."""
    labels = [f"x={v:.4g}" for v in table["x"]]
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(
            t("in.chain.share_dw", lang, total=float(np.sum(table["share_dw"]))),
            t("in.chain.share_db", lang, total=float(np.sum(table["share_db"]))),
        ),
    )
    for col, key, color in ((1, "share_dw", LINE_COLOR), (2, "share_db", DATA_COLOR)):
        (values,) = finite_arrays(table[key])
        fig.add_trace(
            go.Bar(x=labels[: len(values)], y=values, marker_color=color, showlegend=False), row=1, col=col
        )
    fig.update_xaxes(tickangle=-45)
    return panel_layout(fig, t("in.chain.title", lang), height=420)


# ---- 7. the learning-rate sweep -----------------------------------------------------------------


def lr_sweep(
    lrs, final_loss, stability: analysis.Stability, lr_now: float, epochs: int, lang: str
) -> go.Figure:
    """Final loss after `epochs` against the learning rate (log-log), diverged runs marked on top."""
    lrs = np.asarray(lrs, dtype=np.float64)
    loss = np.asarray(final_loss, dtype=np.float64)
    ok = np.isfinite(loss) & (loss > 0) & (loss < 1e30)
    fig = go.Figure()
    fx, fy = finite_arrays(lrs[ok], loss[ok])
    fig.add_trace(
        go.Scatter(
            x=fx,
            y=fy,
            mode="lines+markers",
            line={"color": DATA_COLOR, "width": 3},
            name=t("in.sweep.final", lang),
        )
    )
    top = float(fy.max()) * 3 if len(fy) else 1e4
    bottom = float(fy.min()) / 2 if len(fy) else 1.0
    bad = lrs[~ok]
    if len(bad):
        fig.add_trace(
            go.Scatter(
                x=bad,
                y=np.full(len(bad), top),
                mode="markers",
                marker={"symbol": "x", "size": 12, "color": palette.WRONG_COLOR},
                name=t("in.sweep.diverged", lang),
            )
        )
    for value, color, label, dash in (
        (
            stability.critical_lr,
            palette.ZONE_COLORS["diverge"],
            t("in.stab.critical", lang, lr=stability.critical_lr),
            "solid",
        ),
        (stability.best_lr, BEST_COLOR, t("in.stab.best", lang, lr=stability.best_lr), "dash"),
        (lr_now, CURSOR_COLOR, t("in.stab.lr_now", lang, lr=lr_now), "dot"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[value, value],
                y=[bottom, top],
                mode="lines",
                line={"color": color, "width": 3, "dash": dash},
                name=label,
            )
        )
    fig.update_xaxes(**LOG_AXIS, title_text=t("in.stab.axis", lang))
    fig.update_yaxes(**LOG_AXIS, title_text=t("in.sweep.axis", lang, epochs=epochs))
    return panel_layout(fig, t("in.sweep.title", lang, epochs=epochs), height=460)


# ---- 8. break it: the wrong loss beside the right one ------------------------------------------


def loss_paths(curves: list[tuple[str, np.ndarray, str]], lang: str) -> go.Figure:
    """Loss per epoch (log scale) of several runs; each drawn as far as it stayed finite and positive."""
    fig = go.Figure()
    for (name, loss, color), dash in zip(curves, palette.DASHES):
        loss = np.asarray(loss, dtype=np.float64)
        epochs = np.arange(1, len(loss) + 1, dtype=np.float64)
        e, v = finite_arrays(epochs, loss)
        keep = v > 0
        fig.add_trace(
            go.Scatter(
                x=e[keep], y=v[keep], mode="lines", line={"color": color, "width": 3, "dash": dash}, name=name
            )
        )
    fig.update_xaxes(title_text=t("fig.epoch", lang))
    fig.update_yaxes(**LOG_AXIS, title_text=t("fig.loss_axis", lang))
    return panel_layout(fig, t("in.break.loss_title", lang), height=400)
