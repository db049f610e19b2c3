"""Earlier runs of this session, kept beside the current one: the live player draws each as a faint, named
line on the fit and on the loss curve, so a student compares learning rates, stages or frameworks.

Bounded: the last RUNS runs, each as POINTS log-spaced rows of its loss (what a log axis shows of it)
and its final line, a few kB in all; the same setup run again replaces its older copy.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from f2c.core.i18n import t
from f2c.ui.state import K

HISTORY = K + "live_history"
CLEARED = K + "live_cleared"
RUNS = 5
POINTS = 60
OPTIMIZERS = {"sgd": "", "momentum": "Momentum", "rmsprop": "RMSprop", "adam": "Adam"}


def _four(values) -> list[float]:
    # four significant digits: a faint comparison line needs no more, and the update stays small
    return [float(f"{v:.4g}") for v in np.asarray(values, dtype=np.float64).tolist()]


def summary(run) -> dict | None:
    """A finished or stopped run as the player keeps it: its loss on a log grid of epochs and its line."""
    if run is None or len(run.trajectory) < 10:  # a step or two by hand is not a run to compare with
        return None
    with run.lock:
        epochs, loss = run.trajectory.epoch.copy(), run.trajectory.loss.copy()
        w, b = run.trajectory.rows[-1, :2]
    keep = np.isfinite(loss) & (loss > 0)
    epochs, loss = epochs[keep], loss[keep]
    if not len(epochs):
        return None
    grid = np.unique(np.geomspace(1, epochs[-1], POINTS).astype(np.int64))
    index = np.unique(np.searchsorted(epochs, grid).clip(max=len(epochs) - 1))
    final = run.final() if run.finished and not run.diverged else None
    rw, rb = (final["w"], final["b"]) if final else (float(v) for v in run.original_units(w, b))
    if not (np.isfinite(rw) and np.isfinite(rb)):
        return None
    return {
        "config": run.config,
        "e": [int(e) for e in epochs[index]],
        "loss": _four(loss[index]),
        "rw": float(f"{rw:.6g}"),
        "rb": float(f"{rb:.6g}"),
    }


def keep(run) -> None:
    """Keep `run` (the one the player leaves) among the session's earlier runs."""
    entry = summary(run)
    if entry is None:
        return
    runs = [r for r in st.session_state.get(HISTORY, []) if r["config"] != entry["config"]]
    st.session_state[HISTORY] = (runs + [entry])[-RUNS:]


def clear(request) -> None:
    """The player's Clear button: `request` changes on each press (the browser's clock)."""
    if request is not None and request != st.session_state.get(CLEARED):
        st.session_state[CLEARED] = request
        st.session_state[HISTORY] = []


def _lr(lr: float) -> str:
    if lr >= 1e-3:
        return f"{lr:g}"
    mantissa, exponent = f"{lr:.2e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def label(config, lang: str) -> str:
    more = OPTIMIZERS.get(config.optimizer, config.optimizer)
    text = t(
        "live.history.label",
        lang,
        lr=_lr(config.lr),
        framework=t(f"live.history.fw.{config.framework}", lang),
        stage=config.stage,
    )
    return f"{text} · {more}" if more else text


def shown(lang: str, current) -> list[dict]:
    """What the browser is sent of the earlier runs (not the setup on screen now), in the page's language."""
    return [
        {"label": label(r["config"], lang), "e": r["e"], "loss": r["loss"], "rw": r["rw"], "rb": r["rb"]}
        for r in st.session_state.get(HISTORY, [])
        if r["config"] != current
    ]
