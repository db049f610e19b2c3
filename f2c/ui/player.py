"""The player: Run / Pause / Step / Reset, the epoch scrubber, and the live loop that draws frames.

During a run a worker thread (f2c.runtime.worker) computes the session's train.Run chunk by chunk, while the
script draws the latest epoch on a clock. A click anywhere makes Streamlit rerun the script, which stops
the loop at its next draw and the worker within one chunk; the run stays in the session's Player and the
next Run resumes it where it stopped.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import streamlit as st

from f2c.core.i18n import t
from f2c.explain.one_step import loss_and_grad, single_step
from f2c.render import live_charts as figures
from f2c.render import style
from f2c.runtime.shared_runs import LIVE, RESULTS
from f2c.runtime.worker import Worker
from f2c.ui import timing
from f2c.ui.state import (
    DIVERGED,
    DONE,
    IDLE,
    PAUSED,
    RUNNING,
    K,
    Player,
    current_player,
    frame_cap,
    frame_values,
    mode_name,
    model_inputs,
    setup,
)

# The server draws at most SERVER_FPS frames per second in all: one session gets the full FRAME_SECONDS
# rate, a class of twenty about one frame a second each, so the page's work stays bounded however many
# students follow a run (bench/bench_load.py: halving it to 8 changed the class's p95 by nothing measurable).
FRAME_SECONDS = 0.06  # at most ~16 frames per second for one session: live to the eye
SERVER_FPS = 16
# Points of the live loss curve, log-spaced: enough for a chart half a screen wide. With 1,500 points the
# loss chart took about 17 of a frame's 63 ms of browser work; with 300, about 9 (DevTools metrics).
LIVE_POINTS = 400
_live_loops = 0
_live_lock = threading.Lock()


def _frame_seconds() -> float:
    return max(FRAME_SECONDS, _live_loops / SERVER_FPS)


# ---- buttons: callbacks run before the script, so the script sees the new status ------------------


def _player() -> Player:
    return current_player()


def _on_run() -> None:
    p = _player()
    if p.status in (DONE, DIVERGED) or p.error:
        p.reset()
    p.status = RUNNING
    timing.clicked(p)


def _on_pause() -> None:
    p = _player()
    if p.status == RUNNING:
        p.status = PAUSED


def _on_step() -> None:
    p = _player()
    if p.status in (DONE, DIVERGED) or p.error:
        p.reset()
    p.status = "step"


def _on_reset() -> None:
    _player().reset()


def _on_scrub() -> None:
    p = _player()
    p.cursor = int(st.session_state[K + "scrub"])
    if p.status == RUNNING:
        p.status = PAUSED


def buttons(p: Player, lang: str) -> None:
    cols = st.columns([1.2, 1, 1.4, 1, 2.4])
    run_label = t("player.continue", lang) if p.status == PAUSED and p.epochs_done else t("player.run", lang)
    cols[0].button(
        run_label,
        on_click=_on_run,
        type="primary",
        key=K + "btn_run",
        width="stretch",
        disabled=p.status == RUNNING,
    )
    cols[1].button(
        t("player.pause", lang),
        on_click=_on_pause,
        icon=":material/pause:",
        key=K + "btn_pause",
        width="stretch",
        disabled=p.status != RUNNING,
    )
    cols[2].button(
        t("player.step", lang),
        on_click=_on_step,
        icon=":material/skip_next:",
        key=K + "btn_step",
        width="stretch",
    )
    cols[3].button(
        t("player.reset", lang),
        on_click=_on_reset,
        icon=":material/replay:",
        key=K + "btn_reset",
        width="stretch",
    )
    status = p.status if p.status in (IDLE, RUNNING, PAUSED, DONE, DIVERGED) else PAUSED
    cols[4].container(key=K + "status").markdown(f"**{t('player.status.' + status, lang)}**")


# ---- the view: placeholders a frame redraws ---------------------------------------------------------


@dataclass
class View:
    metrics: list
    units: object
    progress: object
    fit: object
    loss: object
    message: object
    validation: object = None  # training and validation loss side by side, when the data is split
    # What each placeholder shows now. A frame re-sends only what changed: every element sent is a message
    # the browser applies and re-renders, and with a class on one server the students' browsers drew
    # frames for longer than the server took to compute the run (bench/bench_load.py).
    shown: dict = field(default_factory=dict)

    def show(self, slot, method: str, *args, **kwargs) -> None:
        """slot.method(*args, **kwargs), unless that is exactly what the slot shows in this script run."""
        wanted = (method, args, kwargs)
        if self.shown.get(id(slot)) != wanted:
            self.shown[id(slot)] = wanted
            getattr(slot, method)(*args, **kwargs)


# Six readouts side by side: at Streamlit's 2.25rem, b = -17.2503 showed as "-17.2…" on a 1400-pixel-wide
# window. The size follows the window instead (the teacher's projector layout sets its own). A fixed string.
METRIC_CSS = """
<style>
  [data-testid="stMetricValue"] > div { font-size: clamp(1.25rem, 1.85vw, 2.25rem); }
</style>
"""


def layout() -> View:
    st.html(METRIC_CSS)
    metric_cols = st.columns(6)
    metrics = [col.empty() for col in metric_cols]
    units = st.empty()
    validation = st.empty()
    progress = st.empty()
    left, right = st.columns(2)
    return View(metrics, units, progress, left.empty(), right.empty(), st.container(), validation)


def _fmt(value: float, digits: int = 4) -> str:
    if not np.isfinite(value):
        return "—"
    if value != 0 and (abs(value) >= 1e7 or abs(value) < 10 ** (-digits)):
        return f"{value:.{digits - 1}e}"
    return f"{value:,.{digits}f}"


def _short(value: float) -> str:
    """Six significant digits: fits a metric column on a projector (the Step view shows every digit)."""
    if not np.isfinite(value):
        return "—"
    for digits in (6, 5, 4, 3):
        text = f"{value:.{digits}g}"
        if len(text) <= 8:
            break
    return text


def _arrow(spec: dict) -> dict:
    """The spec with its named datasets as Arrow IPC bytes, which st.vega_lite_chart sends as they are.

    Given lists of rows, Streamlit converts each through a pandas DataFrame: 4 ms a dataset against 0.06 ms
    here, and a frame has four. With a class on one server, frames were a third of the server's work.
    """
    datasets = {}
    for name, rows in spec["datasets"].items():
        table = pa.Table.from_pylist(rows)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        datasets[name] = sink.getvalue().to_pybytes()
    return {**spec, "datasets": datasets}


def draw(p: Player, view: View, lang: str) -> None:
    """One frame at the player's cursor: readout, progress, the fitted line and the loss curve."""
    run = p.run
    # A worker thread may be appending to the trajectory: read what this frame needs under its lock.
    with run.lock if run is not None else contextlib.nullcontext():
        v = frame_values(p)
        curve = None
        if run is not None and len(run.trajectory.epoch):
            e, loss = style.downsample(run.trajectory.epoch, run.trajectory.loss, LIVE_POINTS)
            curve = (np.array(e), np.array(loss))
    labels = ("metric.epoch", "metric.w", "metric.b", "metric.loss", "metric.dw", "metric.db")
    texts = (
        f"{v['epoch']:,}",
        _fmt(v["w"], 4),
        _fmt(v["b"], 4),
        _short(v["loss"]),
        _short(v["dw"]),
        _short(v["db"]),
    )
    for slot, label, text in zip(view.metrics, labels, texts):
        view.show(slot, "metric", t(label, lang), text)
    c = p.config
    derived = setup(c.normalize, p.data)
    normalizer = run.normalizer if run is not None else derived.normalizer
    raw_w, raw_b = v["w"], v["b"]
    if c.normalize != "none":
        rw, rb = normalizer.to_original(v["w"], v["b"])
        raw_w, raw_b = float(rw), float(rb)
        units = t("metric.units", lang, w=raw_w, b=raw_b)
    elif v["final"]:
        units = t("metric.final_note", lang)
    else:
        units = None
    view.show(view.units, "caption", units) if units else view.show(view.units, "empty")
    if view.validation is not None:
        if p.validation is not None:  # O(1): the split's loss from the validation points' moments
            from f2c.core.split import validation_loss

            held_out = validation_loss(raw_w, raw_b, p.validation)
            text = t(
                "split.readout", lang, train=_short(v["loss"]), validation=_short(held_out), epoch=v["epoch"]
            )
        else:
            text = None
        view.show(view.validation, "markdown", text) if text else view.show(view.validation, "empty")
    total = c.epochs
    progress = t("player.progress", lang, epoch=v["epoch"], total=total)
    view.show(view.progress, "progress", min(v["epoch"] / total, 1.0), text=progress)
    w0_raw, b0_raw = normalizer.to_original(c.w0, c.b0)
    x_range, y_range = style.fit_ranges(p.data.x, p.data.y, float(w0_raw), float(b0_raw))
    best = derived.best
    fit = figures.fit_chart(
        p.data.x, p.data.y, raw_w, raw_b, lang, x_range, y_range, best, textbook=p.data.name == "article"
    )
    # Vega-Lite, not Plotly: an unkeyed Vega-Lite chart whose spec stays the same is updated in place
    # (only its datasets change); st.plotly_chart remounts on every new frame (see f2c/render/live_charts.py).
    view.show(view.fit, "vega_lite_chart", _arrow(fit), theme=None, width="stretch")
    if curve is not None:
        chart = figures.loss_chart(curve[0], curve[1], v["epoch"], v["loss"], total, lang)
    else:
        chart = figures.loss_chart([], [], None, None, total, lang)
    view.show(view.loss, "vega_lite_chart", _arrow(chart), theme=None, width="stretch")
    p.frames += 1


# ---- actions ------------------------------------------------------------------------------------


def _prepare(p: Player, lang: str) -> bool:
    run = p.ensure_run()
    if run.mode is not None:
        return True
    try:
        with st.spinner(t("player.loading", lang, framework=t(f"fw.{p.config.framework}", lang))):
            with LIVE.prepare_lock(run):  # a run shared by several sessions is prepared (compiled) once
                run.prepare()
    except Exception as error:  # a framework that fails to load or compile: say so, no traceback
        p.error = f"{type(error).__name__}: {error}"
        p.status = PAUSED
        return False
    return True


def _settle(p: Player) -> None:
    run = p.run
    if run is None:
        return
    if run.diverged:
        p.status = DIVERGED
    elif run.finished:
        p.status = DONE


def do_step(p: Player, lang: str) -> None:
    """Exactly one epoch, and the article's single-step cells for it."""
    p.status = PAUSED
    if p.run is not None and LIVE.busy(p.run):
        # Another session's worker is computing this shared run: step a run of our own instead.
        p.run, p.cursor = None, 0
    if p.run is not None:
        LIVE.forget(p.run)  # stepped by hand from now on: no other session joins it
    if not _prepare(p, lang):
        return
    run = p.run
    try:
        chunk = run.step(1)
    except Exception as error:
        p.error = f"{type(error).__name__}: {error}"
        return
    p.cursor = p.epochs_done
    _settle(p)
    if len(chunk.rows) == 0 and not run.diverged:
        return
    epoch = chunk.first_epoch
    if run.diverged and len(chunk.rows) == 0:
        return
    w, b = float(chunk.rows[0, 0]), float(chunk.rows[0, 1])
    c = p.config
    try:
        cells = single_step(c.framework, c.stage, model_inputs(c, p.data), p.data.y, w, b, c.lr, c.optimizer)
    except Exception as error:
        p.error = f"{type(error).__name__}: {error}"
        return
    cells.epoch = epoch
    p.cells = cells


def play(p: Player, view: View, lang: str, speed) -> None:
    """The live loop: a worker thread computes; this script run draws the latest epoch every FRAME_SECONDS.

    A click makes Streamlit stop this script run at its next draw; the `finally` then stops the worker
    (within one chunk), and the run stays in the session's Player, so the next Run resumes it.
    """
    draw(p, view, lang)  # the page stays whole while a framework loads or compiles
    rate = None if speed == "max" else float(speed)
    fresh = p.run is None or not p.epochs_done
    cached = RESULTS.get(p.config, p.data) if fresh else None
    if cached is not None:  # someone on this server already ran this very setup: show it at once
        p.run = cached
    else:
        if fresh:  # someone is computing this very setup right now: follow that run, do not redo it
            p.run = LIVE.adopt(p.ensure_run(), rate)
        with view.units:
            if not _prepare(p, lang):
                return
    run = p.run

    def start() -> Worker:
        return Worker(run, rate).start()

    cap = frame_cap()
    frames = 0
    global _live_loops
    worker, mine = (None, False) if run.finished else LIVE.worker(run, rate, start)
    with _live_lock:
        _live_loops += 1
    try:
        next_frame = time.perf_counter()
        while p.status == RUNNING and worker is not None:
            # Pace frames by the clock, not by a fixed pause: drawing a frame takes time too.
            next_frame += _frame_seconds()
            delay = next_frame - time.perf_counter()
            if delay > 0:
                # With a class on the server a frame comes about once a second; a run that ends is
                # shown at once, not at the next frame.
                worker.ended.wait(delay)
            else:
                next_frame = time.perf_counter()  # behind: draw now, don't try to catch up
            if worker.error is not None:
                p.error = f"{type(worker.error).__name__}: {worker.error}"
                p.status = PAUSED
                break
            if not worker.alive and not run.finished:  # the session computing it left: carry it on
                worker, mine = LIVE.worker(run, rate, start)
            p.cursor = p.epochs_done
            _settle(p)
            if p.status != RUNNING:
                break
            if worker.queue_position is not None:
                view.units.caption(t("player.waiting", lang, ahead=worker.queue_position))
            draw(p, view, lang)
            frames += 1
            if cap is not None and frames >= cap:
                p.status = PAUSED
    finally:
        with _live_lock:
            _live_loops -= 1
        if worker is not None and mine:  # a run we only follow goes on for the others
            worker.stop()
    p.cursor = p.epochs_done
    _settle(p)
    if run.finished:
        RESULTS.put(run)
    draw(p, view, lang)


def messages(p: Player, view: View, lang: str) -> None:
    run, c = p.run, p.config
    with view.message:
        if p.error:
            st.error(t("player.error", lang, error=p.error))
        if run is None:
            return
        if run.mode is not None and run.mode != "eager" or run.compile_seconds > 0.05:
            st.caption(
                t("player.prepared", lang, mode=mode_name(run.mode, lang), seconds=run.compile_seconds)
            )
        for key, kwargs in run.notices:  # e.g. a compiled mode this host cannot run, and what ran instead
            st.info(t(key, lang, **kwargs))
        if run.diverged:
            threshold = setup(c.normalize, p.data).stability.critical_lr
            loss = run.last_finite_loss
            if loss is None:
                loss = loss_and_grad(model_inputs(c, p.data), p.data.y, c.w0, c.b0)[0]
            st.error(
                t("train.diverged", lang, epoch=run.diverged_epoch, loss=loss, lr=c.lr, threshold=threshold)
            )
            st.info(t("player.diverged_hint", lang, threshold=threshold))
        elif p.status == DONE:
            final = run.final()
            n = p.epochs_done
            if final is not None and n:
                st.success(
                    t(
                        "player.done",
                        lang,
                        epochs=n,
                        seconds=run.compute_seconds,
                        us=1e6 * run.compute_seconds / n,
                        w=final["w"],
                        b=final["b"],
                    )
                )


def scrubber(p: Player, lang: str) -> None:
    n = p.epochs_done
    if p.status == RUNNING or n < 2:
        return
    cursor = min(max(p.cursor, 1), n)
    st.session_state[K + "scrub"] = cursor
    st.slider(t("player.scrubber", lang), 1, n, key=K + "scrub", on_change=_on_scrub)
