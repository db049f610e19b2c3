"""The player: Run / Pause / Step / Reset, the epoch scrubber, and what the live player is sent.

During a run a worker thread (f2c.runtime.worker) computes the session's Run chunk by chunk; the browser's
player (f2c.ui.live_player) draws every frame from the blocks of rows a fragment sends it. The run stays in
the session's Player, and the next Run resumes it where it stopped. What the page says beside the player
(errors, notices, the split's readout) is in f2c.ui.player.notes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import streamlit as st

from f2c.core.i18n import t
from f2c.render import live
from f2c.runtime.shared_runs import LIVE, RESULTS
from f2c.ui import timing
from f2c.ui.live_player import feed, session
from f2c.ui.player import notes
from f2c.ui.player.notes import busy_note, failure, run_label, split_readout, status_key
from f2c.ui.player.notes import fail as _fail
from f2c.ui.player.notes import messages as messages  # the app calls player.messages
from f2c.ui.player.scrub import SEEK as _SEEK
from f2c.ui.player.scrub import scrubber as scrubber  # the app calls player.scrubber
from f2c.ui.settings import present as controls_present
from f2c.ui.state import (
    DIVERGED,
    DONE,
    PAUSED,
    RUNNING,
    K,
    Player,
    current_player,
    frame_cap,
)

# The browser draws every frame (f2c/ui/live_player); the server sends it blocks of rows, at most one per
# UPDATE_SECONDS per session, from a fragment that reruns on that timer while a run computes.
UPDATE_SECONDS = 0.2
# How long Run waits in its own script run for the run to end before leaving the rest to the fragment (a
# short run, TensorFlow's XLA, is sent whole at once). AppTest has no timers: tests set F2C_LIVE_WAIT.
LIVE_WAIT = 0.3


def _live_wait() -> float:
    return float(os.environ.get("F2C_LIVE_WAIT", LIVE_WAIT))


KEY = K + "live"
_RESUME = K + "live_resume"  # counts Continue pressed on a paused replay: the browser plays on


# ---- buttons: callbacks run before the script, so the script sees the new status ------------------


def _shown(p: Player) -> str:
    """The status the page shows ("replaying": computed, and the browser still plays it)."""
    return feed.shown_status(p, status_key(p), (st.session_state.get(KEY) or {}).get("played"))


def _on_run() -> None:
    p = current_player()
    if p.status == PAUSED and p.run is not None and p.run.finished and not p.error:
        # Continue a paused replay: the browser plays on from where it stopped; nothing to compute.
        p.status = DIVERGED if p.run.diverged else DONE
        st.session_state[_RESUME] = st.session_state.get(_RESUME, 0) + 1
        return
    if p.status in (DONE, DIVERGED) or p.error:
        p.reset()
    p.status = RUNNING
    timing.clicked(p)


def _on_pause() -> None:
    p = current_player()
    if p.status == RUNNING or _shown(p) == "replaying":
        p.status = PAUSED  # a paused replay steps through the computed epochs (do_step)


def _on_step() -> None:
    p = current_player()
    behind = p.run is not None and 1 <= p.cursor < p.epochs_done  # a finished run scrubbed back: step in it
    if (p.status in (DONE, DIVERGED) and not behind) or p.error:
        p.reset()
    p.status = "step"


def _on_reset() -> None:
    current_player().reset()


def buttons(p: Player, lang: str) -> None:
    cols = st.columns([1.1, 1.2, 1.8, 1.2, 1.4])  # room for each label in both languages at 1280 px
    status = _shown(p)
    playing = p.status == RUNNING or status == "replaying"  # a replay can be paused in the browser too
    rows = (  # label, callback, icon, widget key, disabled
        (run_label(p, lang), _on_run, None, "btn_run", p.status == RUNNING),
        (t("player.pause", lang), _on_pause, ":material/pause:", "btn_pause", not playing),
        (t("player.step", lang), _on_step, ":material/skip_next:", "btn_step", False),
        (t("player.reset", lang), _on_reset, ":material/replay:", "btn_reset", False),
    )
    for col, (label, callback, icon, key, disabled) in zip(cols, rows):
        col.button(
            label,
            on_click=callback,
            icon=icon,
            type="primary" if key == "btn_run" else "secondary",
            key=K + key,
            width="stretch",
            disabled=disabled,
        )
    cols[4].container(key=K + "status").markdown(f"**{t('player.status.' + status, lang)}**")
    failure(p, lang)  # why it stopped, under the buttons: in view, not below the live chart


# ---- the view: the live player, and what it is sent ----------------------------------------------


@dataclass
class View:
    slot: object  # where the live player sits
    message: object


def layout() -> View:
    return View(st.container(), st.container())


def _on_report() -> None:
    """The browser moved its cursor (paused, scrubbed, ended) or lost a block: follow it."""
    p, state = current_player(), st.session_state.get(KEY) or {}
    feed.follow(p, state)
    notes.follow_cursor(p, state.get("cursor"))


def draw(p: Player, view: View, lang: str) -> None:
    """The player at rest (not computing): what the browser has not had yet, at the server's cursor.

    More rows than one block holds (a run that ended within LIVE_WAIT, a cached one) go out block by block
    from the live fragment, so no update is larger than ~50 KB.
    """
    if p.status != RUNNING:
        session.stop()
    with view.slot:
        if feed.pending(p) > live.MAX_BLOCK_ROWS:
            st.fragment(_live, run_every=UPDATE_SECONDS)(p, lang)
        else:
            # In a container of its own, as st.fragment writes the live fragment's: the player keeps its place
            # in the page's tree, so Streamlit keeps its element when a run starts or ends instead of
            # building a new one (the player was out of the page for a frame at every Run).
            with st.container():
                _note_and_player(p, lang, max_rows=None, busy=False)
        split_readout(p, lang)
    p.frames += 1


def _send(p: Player, lang: str, max_rows: int | None) -> None:
    payload = feed.payload(p, lang, controls_present(), session.rate(), max_rows=max_rows)
    payload["meta"]["seek"] = st.session_state.get(_SEEK, 0)
    payload["meta"]["resume"] = st.session_state.get(_RESUME, 0)
    payload["meta"]["played"] = feed.played_run((st.session_state.get(KEY) or {}).get("played"))
    feed.mount(payload, KEY, _on_report)


# ---- actions ------------------------------------------------------------------------------------


def _prepare(p: Player, lang: str) -> bool:
    run = p.ensure_run()
    if run.mode is not None:
        return True
    try:
        with st.spinner(t("player.loading_soon", lang, framework=t(f"fw.{p.config.framework}", lang))):
            with LIVE.prepare_lock(run):  # a run shared by several sessions is prepared (compiled) once
                run.prepare()
    except Exception as error:  # a framework that fails to load or compile: say so, no traceback
        _fail(p, error)
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
    session.stop()
    p.status = PAUSED
    st.session_state[_SEEK] = st.session_state.get(_SEEK, 0) + 1  # the browser shows the new epoch
    if notes.step_within(p):  # paused behind what is computed: one computed epoch on, not past the end
        return
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
        _fail(p, error)
        return
    p.cursor = p.epochs_done
    _settle(p)
    if len(chunk.rows) == 0:
        return
    notes.step_cells(p, chunk.first_epoch, float(chunk.rows[0, 0]), float(chunk.rows[0, 1]))


def _poll(p: Player) -> None:
    """Bring the player's status up to date with its worker (an error, the end, a carried-on run)."""
    held = st.session_state.get(session.WORKER)
    if p.status == RUNNING and held is not None and held["run"] is p.run and held["worker"].error is not None:
        _fail(p, held["worker"].error)  # before a new worker would replace a ComputeLost by its RunnerGone
    elif p.status == RUNNING and p.run is not None:
        held = session.start(p, held["rate"] if held is not None else None)
        if held is not None:
            held["lease"].touch()
            if held["worker"].error is not None:
                _fail(p, held["worker"].error)
    p.cursor = p.epochs_done
    _settle(p)
    held = st.session_state.get(session.WORKER)
    if held is not None and held["worker"].ended.is_set():
        timing.computed(p, held["worker"])
    if p.run is not None and p.run.finished:
        RESULTS.put(p.run)


def play(p: Player, view: View, lang: str, speed) -> None:
    """Start the run in a worker thread and hand the page over to the live fragment.

    The fragment reruns every UPDATE_SECONDS while the run computes, each time sending the browser the
    rows computed since the last time; the browser animates from what it has. A click anywhere reruns
    the script; a status other than running then stops this session's worker (draw()).
    """
    rate = None if speed == "max" else float(speed)
    fresh = p.run is None or not p.epochs_done
    cached = RESULTS.get(p.config, p.data) if fresh else None
    if cached is not None:  # someone on this server already ran this very setup: show it at once
        p.run = cached
    else:
        if fresh:  # someone is computing this very setup right now: follow that run, do not redo it
            p.run = LIVE.adopt(p.ensure_run(), rate)
        with view.message:
            if not _prepare(p, lang):
                return
    if fresh:
        feed.restart(p)  # the browser plays this run from its first epoch
    held = session.start(p, rate)
    if held is not None:
        cap = frame_cap()  # tests: a few updates' worth of computing, then pause
        held["worker"].ended.wait(cap * UPDATE_SECONDS if cap is not None else _live_wait())
        busy_note(p, lang, view.message)  # runs queued or taking turns: how many, how long
        if cap is not None:
            _poll(p)
            if p.status == RUNNING:
                p.status = PAUSED
                session.stop()  # before the cursor is settled, so it is the last epoch computed
    _poll(p)
    if p.status == RUNNING:
        with view.slot:
            st.fragment(_live, run_every=UPDATE_SECONDS)(p, lang)
        p.frames += 1


def _live(p: Player, lang: str) -> None:
    """One update: the next block of rows; when the run ends (or the last block is out), a page rerun."""
    if p.status == RUNNING:
        _poll(p)
        if p.status != RUNNING:
            # Buttons, messages and the scrubber for the new status; the page's rerun sends the last rows
            # (a block sent here would be dropped with this fragment's output).
            st.rerun()
    elif not feed.pending(p):
        st.rerun()  # everything is out: the page without the timer
    _note_and_player(p, lang, max_rows=live.MAX_BLOCK_ROWS, busy=True)


def _note_and_player(p: Player, lang: str, max_rows: int | None, busy: bool) -> None:
    """The busy note's place (filled while runs queue), then the player: one layout, running or not."""
    note = st.container()
    if busy:
        busy_note(p, lang, note)
    _send(p, lang, max_rows=max_rows)
