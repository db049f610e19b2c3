"""Replay a computed run in the browser: one Plotly figure with animation frames, no server round trip.

Once a run is computed, playing it back or scrubbing through it needs no Python at all: the figure carries
~100 frames on log-spaced epochs (the steep start keeps its detail; the last epoch is always there), and
Plotly's own play/pause buttons and slider move between them in the browser. A class replaying its runs
then costs the server nothing.

Left: the data points and the fitted line in the input's original units; right: the loss curve (log axes)
with a marker at the frame's epoch. A frame only restyles the line and the marker (3 numbers each), so the
figure stays small (tens of KB) whatever the run's length. Every number is finite: no NaN or infinity
reaches the browser. A pure function of the run: no Streamlit here.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from f2c.core import analysis
from f2c.core.i18n import t
from f2c.render import style as figures

DEFAULT_FRAMES = 100
MAX_FRAMES = 120
MIN_FRAMES = 2
CURVE_POINTS = 400
FRAME_MS = 80  # 12.5 frames per second: 100 frames play in 8 s
FONT_SIZE = 15
BOTTOM = 270  # px below the plots: room for the bands of controls (see the layout below)

# Trace order; frames restyle only LINE and MARKER.
POINTS, BEST, LINE, CURVE, MARKER = range(5)


def _num(value: float) -> float:
    """Seven significant digits: enough for the readout, and a short JSON."""
    return float(f"{value:.7g}")


def _finite(*values: float) -> bool:
    return all(value is not None and math.isfinite(value) for value in values)


def frame_epochs(n: int, frames: int = DEFAULT_FRAMES) -> list[int]:
    """About `frames` epochs in 1..n, log-spaced, distinct, always including the first and the last."""
    if n < 1:
        return []
    frames = max(MIN_FRAMES, min(int(frames), MAX_FRAMES))
    epochs = np.unique(np.round(np.geomspace(1, n, min(frames, n))).astype(np.int64))
    # Rounding merges early epochs on a long run: fill up with the next unused ones, keeping the count.
    if len(epochs) < min(frames, n):
        missing = min(frames, n) - len(epochs)
        extra = np.setdiff1d(np.arange(1, n + 1, dtype=np.int64)[: len(epochs) + missing], epochs)
        epochs = np.union1d(epochs, extra[:missing])
    out = [int(e) for e in epochs]
    if out[-1] != n:
        out[-1] = n
    return out


def _frame_values(run, epochs: list[int]) -> list[dict[str, float]]:
    """Epoch, loss and w, b (original units) at each frame epoch; the final update's parameters at the end."""
    traj = run.trajectory
    n = len(traj)
    with run.lock:
        rows = [traj.at(e) for e in epochs]
    values = []
    for e, row in zip(epochs, rows):
        w, b = run.original_units(row["w"], row["b"])
        values.append({"epoch": e, "w": float(w), "b": float(b), "loss": row["loss"]})
    if values and run.finished and not run.diverged and epochs[-1] == n:
        final = run.final()  # the parameters after the last update, as the article prints them
        if final is not None:
            values[-1].update(w=final["w"], b=final["b"])
    return values


def _line(w: float, b: float, x_range: list[float]) -> tuple[list[float], list[float]]:
    ys = [w * x + b for x in x_range]
    if not _finite(w, b, *ys):
        return [], []
    return [_num(x) for x in x_range], [_num(y) for y in ys]


def _marker(epoch: int, loss: float) -> tuple[list[float], list[float]]:
    if not _finite(loss) or loss <= 0:
        return [], []
    return [epoch], [_num(loss)]


def _loss_curve(run) -> tuple[list[float], list[float]]:
    with run.lock:
        e = np.array(run.trajectory.epoch, dtype=np.float64)
        v = np.array(run.trajectory.loss, dtype=np.float64)
    keep = np.isfinite(e) & np.isfinite(v) & (v > 0) & (e >= 1)
    e, v = figures.downsample(e[keep], v[keep], CURVE_POINTS)
    return [int(x) for x in e], [_num(x) for x in v]


def replay_figure(run, lang: str, frames: int = DEFAULT_FRAMES) -> go.Figure:
    """The run as a Plotly animation: fitted line and loss marker per frame, play/pause and a slider."""
    data = run.data
    c = run.config
    n = len(run.trajectory)
    epochs = frame_epochs(n, frames)
    values = _frame_values(run, epochs)

    w0, b0 = run.original_units(c.w0, c.b0)
    x_range, y_range = figures.fit_ranges(data.x, data.y, float(w0), float(b0))
    best_w, best_b = analysis.least_squares(data.x, data.y)[:2]
    curve_x, curve_y = _loss_curve(run)

    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(t("fig.fit_title", lang), t("fig.loss_title", lang)),
        # room for the loss axis' powers of ten and its title, clear of the fit's plot at a laptop's width
        horizontal_spacing=0.14,
    )
    px_ = figures.finite_rows(x=data.x, y=data.y)
    fig.add_trace(
        go.Scatter(
            x=[_num(r["x"]) for r in px_],
            y=[_num(r["y"]) for r in px_],
            mode="markers",
            name=t("fig.data", lang),
            marker={"color": figures.DATA_COLOR, "size": 11, "line": {"color": "white", "width": 1.5}},
        ),
        row=1,
        col=1,
    )
    bx, by = _line(float(best_w), float(best_b), x_range)
    fig.add_trace(
        go.Scatter(
            x=bx,
            y=by,
            mode="lines",
            name=t("fig.best", lang),
            line={"color": figures.BEST_COLOR, "dash": "dash", "width": 3},
        ),
        row=1,
        col=1,
    )
    first = values[0] if values else {"epoch": 0, "w": float(w0), "b": float(b0), "loss": float("nan")}
    lx, ly = _line(first["w"], first["b"], x_range)
    fig.add_trace(
        go.Scatter(
            x=lx,
            y=ly,
            mode="lines",
            name=t("fig.line_now", lang),
            line={"color": figures.LINE_COLOR, "width": 4},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=curve_x,
            y=curve_y,
            mode="lines",
            name=t("fig.loss", lang),
            line={"color": figures.DATA_COLOR, "width": 3},
        ),
        row=1,
        col=2,
    )
    mx, my = _marker(first["epoch"], first["loss"])
    fig.add_trace(
        go.Scatter(
            x=mx,
            y=my,
            mode="markers",
            name=t("replay.marker", lang),
            marker={
                "color": figures.CURSOR_COLOR,
                "size": 16,
                "symbol": "diamond",
                "line": {"color": "white", "width": 2},
            },
        ),
        row=1,
        col=2,
    )

    frame_list = []
    steps = []
    for v in values:
        name = str(v["epoch"])
        lx, ly = _line(v["w"], v["b"], x_range)
        mx, my = _marker(v["epoch"], v["loss"])
        frame_list.append(
            go.Frame(
                name=name,
                data=[go.Scatter(x=lx, y=ly), go.Scatter(x=mx, y=my)],
                traces=[LINE, MARKER],
            )
        )
        label = t("replay.step_label", lang, epoch=v["epoch"], w=v["w"], b=v["b"])
        steps.append(
            {
                "method": "animate",
                "label": label,
                "args": [
                    [name],
                    {
                        "mode": "immediate",
                        "frame": {"duration": 0, "redraw": False},
                        "transition": {"duration": 0},
                    },
                ],
            }
        )
    fig.frames = frame_list

    total = max(int(c.epochs), 10)
    fig.update_xaxes(title_text=t("fig.x", lang), range=x_range, row=1, col=1)
    fig.update_yaxes(title_text=t("fig.y", lang), range=y_range, row=1, col=1)
    fig.update_xaxes(
        title_text=t("fig.epoch", lang), **figures.LOG_AXIS, range=[0, math.log10(total)], row=1, col=2
    )
    if curve_y:
        lo, hi = min(curve_y), max(curve_y)
        pad = 0.05 * max(math.log10(hi) - math.log10(lo), 1.0)
        y_log = [math.log10(lo) - pad, math.log10(hi) + pad]
        fig.update_yaxes(title_text=t("fig.loss_axis", lang), **figures.LOG_AXIS, range=y_log, row=1, col=2)
    else:
        fig.update_yaxes(title_text=t("fig.loss_axis", lang), **figures.LOG_AXIS, row=1, col=2)

    play = {
        "label": t("replay.play", lang),
        "method": "animate",
        "args": [
            None,
            {
                "frame": {"duration": FRAME_MS, "redraw": False},
                "fromcurrent": True,
                "transition": {"duration": 0},
                "mode": "immediate",
            },
        ],
    }
    pause = {
        "label": t("replay.pause", lang),
        "method": "animate",
        "args": [
            [None],
            {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}},
        ],
    }
    fig.update_layout(
        # Below the plots, top to bottom, each in its own band of the bottom margin (in plot heights): the
        # axes' titles, Play / Pause, the slider with its label, the legend; none is drawn over another,
        # at a phone's width too.
        height=600,
        font={"size": FONT_SIZE},
        margin={"t": 60, "b": BOTTOM, "l": 60, "r": 20},
        legend={"orientation": "h", "y": -0.72, "yanchor": "top", "x": 0},
        template="plotly_white",
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "showactive": False,
                "x": 0,
                "xanchor": "left",
                "y": -0.27,
                "yanchor": "top",
                "pad": {"r": 10, "t": 10},
                "buttons": [play, pause],
            }
        ],
        sliders=[
            {
                "active": 0,
                "x": 0,
                "len": 1.0,
                "y": -0.4,
                "yanchor": "top",
                "pad": {"t": 10},
                "currentvalue": {
                    "prefix": t("replay.slider_prefix", lang),
                    "font": {"size": FONT_SIZE},  # its colour: the theme's (style.themed)
                },
                # ~100 step labels would overlap: hide them; the current value above names the epoch.
                "font": {"color": "rgba(0,0,0,0)", "size": 1},
                "ticklen": 0,
                "minorticklen": 0,
                "transition": {"duration": 0},
                "steps": steps,
            }
        ],
    )
    return fig
