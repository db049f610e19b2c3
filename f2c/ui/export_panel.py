"""Take the lesson home: the standalone script, the trajectory as CSV, and Plotly pictures of the run.

The live charts are Vega-Lite (updated in place each frame, see f2c/render/live_charts.py). After a run this panel
draws the same fit and loss curve once as Plotly figures, whose modebar has Plotly's "download as png".
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from f2c.core.i18n import t
from f2c.render import export_time
from f2c.render import style as figures
from f2c.render.script import csv_filename, export_script, script_filename, trajectory_csv
from f2c.ui.state import RUNNING, K, Player, chart

PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def _script(p: Player) -> str:
    """The script for this setup, made once per (configuration, data) in this session."""
    key = (p.config, p.data.fingerprint())
    cache = st.session_state.setdefault(K + "export_cache", {})
    if key not in cache:
        cache.clear()
        cache[key] = export_script(p.config, p.data)
    return cache[key]


def fit_figure(p: Player, lang: str) -> go.Figure:
    run = p.run
    x, y = np.asarray(p.data.x, float), np.asarray(p.data.y, float)
    fig = go.Figure()
    fig.add_scatter(x=x, y=y, mode="markers", name=t("fig.data", lang), marker={"size": 10})
    if p.validation is not None:
        fig.add_scatter(
            x=np.asarray(p.validation.x, float),
            y=np.asarray(p.validation.y, float),
            mode="markers",
            name=t("fig.validation", lang),
            marker={"size": 10, "symbol": "diamond-open"},
        )
    final = run.final() if run is not None else None
    everything = x if p.validation is None else np.concatenate([x, np.asarray(p.validation.x, float)])
    xs = np.linspace(float(everything.min()), float(everything.max()), 2)
    if final is not None and np.isfinite(final["w"]) and np.isfinite(final["b"]):
        fig.add_scatter(x=xs, y=final["w"] * xs + final["b"], mode="lines", name=t("fig.line_now", lang))
    fig.update_layout(
        title=t("fig.fit_title", lang),
        xaxis_title=t("fig.x", lang),
        yaxis_title=t("fig.y", lang),
        template="plotly_white",
        height=420,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
    )
    return fig


def loss_figure(p: Player, lang: str) -> go.Figure:
    run = p.run
    with run.lock:
        epochs, loss = figures.downsample(run.trajectory.epoch, run.trajectory.loss)
        epochs, loss = np.asarray(epochs, float), np.asarray(loss, float)
        keep = np.isfinite(loss) & (loss > 0)
        fig = go.Figure()
        fig.add_scatter(x=epochs[keep], y=loss[keep], mode="lines", name=t("split.train_loss", lang))
        if p.validation is not None:
            from f2c.core.split import validation_loss

            e, w = figures.downsample(run.trajectory.epoch, run.trajectory.w)
            _, b = figures.downsample(run.trajectory.epoch, run.trajectory.b)
            raw_w, raw_b = run.original_units(np.asarray(w, float), np.asarray(b, float))
            held_out = np.asarray(validation_loss(raw_w, raw_b, p.validation), float)
            ok = np.isfinite(held_out) & (held_out > 0)
            fig.add_scatter(
                x=np.asarray(e, float)[ok],
                y=held_out[ok],
                mode="lines",
                name=t("split.validation_loss", lang),
            )
    fig.update_layout(
        title=t("fig.loss_title", lang),
        xaxis_title=t("fig.epoch", lang),
        yaxis_title=t("fig.loss_axis", lang),
        xaxis_type="log",
        yaxis_type="log",
        template="plotly_white",
        height=420,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
    )
    return fig


OPEN_KEY = K + "export_open"


def show(p: Player, lang: str) -> None:
    # Lazy: the script and the figures are built only while the panel is open. A class that finishes a
    # run together would otherwise build and send them thirty times over for a panel nobody opened.
    panel = st.expander(t("exp.header", lang), expanded=False, key=OPEN_KEY, on_change="rerun")
    if not panel.open:
        return
    with panel:
        try:
            script = _script(p)
        except Exception as error:  # a bug of ours: say so, keep the page
            st.error(t("exp.error", lang, error=type(error).__name__))
            script = None
        name = script_filename(p.config)
        c = p.config
        if export_time.slow(c):  # said before the download: the script's loop is eager, as the article's
            seconds = export_time.eager_seconds(c)
            duration = export_time.duration_zh(seconds) if lang == "zh" else export_time.duration_en(seconds)
            st.warning(
                t(
                    "exp.slow",
                    lang,
                    framework=t(f"fw.{c.framework}", lang),
                    stage=c.stage,
                    epochs=c.epochs,
                    duration=duration,
                    us=export_time.EAGER_US[c.framework][c.stage],
                ),
                icon=":material/schedule:",
            )
        left, right = st.columns(2)
        if script is not None:
            left.download_button(
                t("exp.script", lang, name=name),
                script,
                file_name=name,
                mime="application/zip",
                key=K + "dl_script",
                help=t("exp.script_help", lang),
                on_click="ignore",
                icon=":material/download:",
            )
        run = p.run
        has_data = run is not None and p.epochs_done > 0 and p.status != RUNNING
        if not has_data:
            right.caption(t("exp.csv_wait", lang))
            return
        right.download_button(
            t("exp.csv", lang),
            lambda: trajectory_csv(run),
            file_name=csv_filename(p.config),
            mime="text/csv",
            key=K + "dl_csv",
            help=t("exp.csv_help", lang),
            on_click="ignore",
            icon=":material/table:",
        )
        st.caption(t("exp.figures", lang))
        a, b = st.columns(2)
        chart(fit_figure(p, lang), a, config=PLOTLY_CONFIG, key=K + "export_fit")
        chart(loss_figure(p, lang), b, config=PLOTLY_CONFIG, key=K + "export_loss")
