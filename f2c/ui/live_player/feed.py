"""What one session's live player is sent: the run's constant facts (meta) and the next block of rows.

The blocks come from f2c.render.live.Feed (thinning, size, no NaN); this module adds the session: which
run the browser is playing, the texts in the page's language, and the readout at the server's cursor (in
Python's formats, for the tests; the browser formats its own the same way on every frame).
"""

from __future__ import annotations

import itertools
import time

import numpy as np
import streamlit as st

from f2c.core import analysis
from f2c.core.i18n import t
from f2c.core.normalize import Normalizer
from f2c.core.split import validation_loss
from f2c.explain.one_step import loss_and_grad
from f2c.render import live
from f2c.render.style import fit_ranges
from f2c.ui.live_player import history, live_player, plotly_url
from f2c.ui.state import K, frame_values

STATE = K + "live_feed"
READOUT = ("epoch", "w", "b", "loss", "dw", "db")
_ids = itertools.count(1)
# Rows per second of the gap between two updates that a block carries at least: the browser glides over
# the gap one row a frame (60 a second, a little more as it glides a little longer). Under load a
# session's updates come seconds apart, and a block of FILL rows would leave it holding an epoch.
FILL_PER_SECOND = 75


def fmt(value: float, digits: int = 4) -> str:
    if not np.isfinite(value):
        return "—"
    if value != 0 and (abs(value) >= 1e7 or abs(value) < 10 ** (-digits)):
        return f"{value:.{digits - 1}e}"
    return f"{value:,.{digits}f}"


def short(value: float) -> str:
    """Six significant digits: fits a readout on a projector (the Step view shows every digit)."""
    if not np.isfinite(value):
        return "—"
    for digits in (6, 5, 4, 3):
        text = f"{value:.{digits}g}"
        if len(text) <= 8:
            break
    return text


def readout(values: dict) -> list[str]:
    v = values
    return [f"{v['epoch']:,}", fmt(v["w"]), fmt(v["b"]), short(v["loss"]), short(v["dw"]), short(v["db"])]


def _session(p) -> dict:
    """The session's feed for the player's run; a different run (or none) starts a new one."""
    state = st.session_state.get(STATE)
    if state is None or state["run"] is not p.run or state["config"] != p.config:
        if state is not None:
            history.keep(state["run"])  # the run the player leaves stays beside the next one
        state = {"run": p.run, "config": p.config, "feed": live.Feed(f"r{next(_ids)}"), "meta": {}}
        if p.run is not None:
            state["feed"].logged_every = p.run.keep_every
        st.session_state[STATE] = state
    return state


def restart(p) -> None:
    """Play the run from its first epoch again (a new Run on a finished or cached run)."""
    old = st.session_state.pop(STATE, None)
    if old is not None and old["run"] is not p.run:
        history.keep(old["run"])
    _session(p)


def resend(p, have: dict) -> None:
    """The browser lost blocks (its element was rebuilt, an update was never drawn): send again from the
    rows it still has, numbered as it numbers them."""
    f = _session(p)["feed"]
    try:
        rows, epoch = int(have.get("rows", 0)), int(have.get("epoch", 0))
    except (TypeError, ValueError):
        return  # not from our player
    if have.get("run") != f.run_id or not 0 <= rows <= f.sent or not 0 <= epoch <= f.after:
        return
    f.resume(rows, epoch if rows else 0)


def played_run(reported) -> str | None:
    """The run the browser said it played to its end ({"run": id, "n": times said})."""
    return reported.get("run") if isinstance(reported, dict) else None


def shown_status(p, status: str, reported) -> str:
    """The status the page shows: a computed run ("done", "diverged") is "replaying" until the browser
    reports that it played the session's run to its end."""
    if status in ("done", "diverged") and played_run(reported) != _session(p)["feed"].run_id:
        return "replaying"
    return status


def follow(p, reported: dict) -> None:
    """What the browser reported besides its cursor: rows it lost (resend), the Clear button pressed."""
    history.clear(reported.get("clear"))
    if reported.get("have"):
        resend(p, reported["have"])


def pending(p) -> int:
    """Kept trajectory rows not considered yet (an upper bound on the rows still to send)."""
    if p.run is None:
        return 0
    f = _session(p)["feed"]
    if f.stopped:
        return 0
    epochs = p.run.trajectory.epoch
    return len(epochs) - int(np.searchsorted(epochs, f.after, side="right"))


def _texts(lang: str, rate: float) -> dict:
    labels = {k: t(f"metric.{k}", lang) for k in READOUT}
    names = ("fit_title", "loss_title", "x", "y", "data", "best", "textbook", "loss", "epoch", "loss_axis")
    out = {name: t(f"fig.{name}", lang) for name in names}
    out["line"] = t("fig.line_now", lang)
    out["clear"], out["history"] = t("live.history.clear", lang), t("live.history.note", lang)
    keys = ("readouts", "play", "pause", "replay", "back", "forward", "scrub", "at", "mode", "keys")
    out.update({k: t(f"live.{k}", lang) for k in keys})
    out.update(
        {k: t(f"live.{k}", lang) for k in ("progress", "units", "validation", "vloss", "hover", "diverged")}
    )
    out.update(labels=labels, lang=lang, final_note=t("metric.final_note", lang), cursor=t("fig.loss", lang))
    out["modes"] = [
        ["story", t("live.mode.story", lang)],
        ["computed", t("live.mode.computed", lang)],
        ["rate", t("live.mode.rate", lang, rate=f"{rate:,.0f}")],
    ]
    return out


def _meta(p, lang: str, present: bool, rate: float | None) -> dict:
    """The run's constant facts: points, ranges, reference lines, the start, the texts."""
    c, data, run = p.config, p.data, p.run
    normalizer = run.normalizer if run is not None else Normalizer.fit(c.normalize, data.x)
    x = normalizer.transform(np.asarray(data.x, dtype=np.float64))
    loss, dw, db = loss_and_grad(x, data.y, c.w0, c.b0)
    rw, rb = (float(v) for v in normalizer.to_original(c.w0, c.b0))
    x_range, y_range = fit_ranges(data.x, data.y, rw, rb)
    best = analysis.least_squares(data.x, data.y)[:2]
    start = {"w": c.w0, "b": c.b0, "loss": loss, "dw": dw, "db": db, "rw": rw, "rb": rb, "vl": None}
    validation = None
    if p.validation is not None:
        validation = {"x": live.columns_of(p.validation.x), "y": live.columns_of(p.validation.y)}
        start["vl"] = live.finite_or_none(validation_loss(rw, rb, p.validation))
    play_rate = float(rate) if rate else 1000.0
    return {
        "total": int(c.epochs),
        "rate": play_rate,
        "present": present,
        "plotly": plotly_url(),
        "x_range": x_range,
        "y_range": y_range,
        "best": [live.finite_or_none(best[0]), live.finite_or_none(best[1])]
        if np.all(np.isfinite(best))
        else None,
        "textbook": data.name == "article",
        "points": {"x": live.columns_of(data.x), "y": live.columns_of(data.y)},
        "validation": validation,
        "normalized": c.normalize != "none",
        "start": {k: live.finite_or_none(v) for k, v in start.items()},
        "text": _texts(lang, play_rate),
    }


def payload(p, lang: str, present: bool, rate: float | None, max_rows: int | None = None) -> dict:
    """The next update for the browser: the run's meta, the next block, the status and the readout."""

    state = _session(p)
    key = (lang, present, rate, p.validation is not None)
    if state["meta"].get("key") != key:
        state["meta"] = {"key": key, "value": _meta(p, lang, present, rate)}
    meta = dict(state["meta"]["value"])
    block = {"run": state["feed"].run_id, "from": state["feed"].sent, "rows": None}
    run = p.run
    last = None
    if run is not None and len(run.trajectory):
        with run.lock:  # a worker thread may be appending to the trajectory
            # Only the rows after the last sent one (and that one): a long run keeps 200,000 rows, and a
            # whole copy five times a second per session is what a classroom's server would do most.
            epochs = run.trajectory.epoch
            first = max(int(np.searchsorted(epochs, state["feed"].after, side="right")) - 1, 0)
            epochs, rows = epochs[first:].copy(), run.trajectory.rows[first:].copy()
        last = int(epochs[-1])
        held_out = None
        if p.validation is not None:
            held_out = lambda w, b: validation_loss(w, b, p.validation)  # noqa: E731
        limit = max_rows if max_rows is not None else len(epochs) + 1
        now = time.monotonic()
        gap, state["sent_at"] = now - state.get("sent_at", now), now
        fill = min(max(live.FILL, int(FILL_PER_SECOND * gap)), live.MAX_BLOCK_ROWS // 2)
        block = state["feed"].next_block(
            epochs, rows, run.original_units, held_out, max_rows=limit, fill=fill
        )
        if block["rows"] is not None or not run.finished:  # at rest, a rerun sends nothing twice
            block = state["feed"].with_overlap(block)
    values = frame_values(p)
    final = None
    if run is not None and run.finished and not run.diverged:
        done = run.final()
        if done is not None:
            w, b = run.normalizer.from_original(done["w"], done["b"])
            final = {"w": float(w), "b": float(b), "rw": done["w"], "rb": done["b"]}
    theme = getattr(st.context.theme, "type", None)
    meta.update(
        theme="dark" if theme == "dark" else "light",
        history=history.shown(lang, p.config),
        running=p.status == "running",
        paused=p.status in ("paused", "step", "idle"),
        finished=bool(run is not None and run.finished),
        complete=bool(run is not None and run.finished and not pending(p)),  # nothing more will come
        # the epoch the playback ends at (a diverged run: its last finite one)
        last=(state["feed"].after if state["feed"].stopped else last)
        if run is not None and run.finished
        else None,
        final={k: live.finite_or_none(v) for k, v in final.items()} if final else None,
        diverged=run.diverged_epoch if run is not None and run.diverged else None,
        cursor=int(values["epoch"]),
        readout=readout(values),
    )
    return {**block, "meta": meta}


def mount(data: dict, key: str, on_change) -> None:
    live_player(data, key=key, on_change=on_change)
