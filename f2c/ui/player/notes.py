"""What the page says beside the live player: why a run failed (under the buttons), the run's notices and
result (under the player), and the split's readout."""

from __future__ import annotations

import math

import streamlit as st

from f2c.core.i18n import t
from f2c.explain.one_step import loss_and_grad, single_step
from f2c.render import live
from f2c.runtime import busy
from f2c.runtime.children import ComputeLost, RunnerGone
from f2c.ui.live_player import feed, session
from f2c.ui.state import (
    DIVERGED,
    DONE,
    IDLE,
    PAUSED,
    RUNNING,
    Player,
    frame_values,
    mode_name,
    model_inputs,
    setup,
)


def fail(p: Player, error: BaseException) -> None:
    """The run stopped on `error`: said under the buttons (failure); the next Run starts from epoch 0."""
    p.error = f"{type(error).__name__}: {error}"
    p.lost = isinstance(error, ComputeLost | RunnerGone)  # its child process died, or restarted since
    p.status = PAUSED


def run_label(p: Player, lang: str) -> str:
    if p.error:  # Run after a failure starts from epoch 0 (the player's _on_run): not "Continue"
        return t("player.again", lang)
    return t("player.continue" if p.status == PAUSED and p.epochs_done else "player.run", lang)


def status_key(p: Player) -> str:
    """The player's status as the page says it: a failed run says why it stopped, not just "Paused"."""
    if p.error:
        return "lost" if p.lost else "failed"
    return p.status if p.status in (IDLE, RUNNING, PAUSED, DONE, DIVERGED) else PAUSED


def failure(p: Player, lang: str) -> None:
    """Why the run stopped, if it failed: drawn under the buttons, where the status says it stopped."""
    if not p.error:
        return
    if p.lost:
        st.error(t("player.lost", lang, epoch=p.epochs_done, error=p.error), icon=":material/error:")
    else:
        st.error(t("player.failed", lang, error=p.error), icon=":material/error:")


def messages(p: Player, view, lang: str) -> None:
    run, c = p.run, p.config
    with view.message:
        if run is None:
            return
        behind = any(key == "train.compiling_behind" for key, _ in run.notices)  # it compiles as it runs
        if (run.mode is not None and run.mode != "eager" or run.compile_seconds > 0.05) and not behind:
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


def busy_note(p: Player, lang: str, where) -> None:
    """When the run queues for compute or takes turns with others: how many, and how long it should take."""
    held = st.session_state.get(session.WORKER)
    found = busy.report(p.run, held["worker"] if held is not None else None)
    if found is None:
        return
    if found.seconds is None:
        where.caption(t("busy.ahead_estimating", lang, ahead=found.ahead))
    else:
        where.caption(t("busy.ahead", lang, ahead=found.ahead, seconds=max(found.seconds, 1.0)))


def split_readout(p: Player, lang: str) -> None:
    """Training and validation loss at the server's cursor, when the data is split (the browser's loss chart
    draws both curves as it plays)."""
    if p.validation is None:
        return
    from f2c.core.split import validation_loss

    v = frame_values(p)
    normalizer = p.run.normalizer if p.run is not None else setup(p.config.normalize, p.data).normalizer
    raw_w, raw_b = (float(x) for x in normalizer.to_original(v["w"], v["b"]))
    held_out = validation_loss(raw_w, raw_b, p.validation)  # O(1): from the validation points' moments
    train, val = feed.short(v["loss"]), feed.short(held_out)
    st.markdown(t("split.readout", lang, train=train, validation=val, epoch=v["epoch"]))


def step_cells(p: Player, epoch: int, w: float, b: float) -> None:
    """The article's single-step cells for `epoch`, which starts from (w, b)."""
    c = p.config
    try:
        cells = single_step(c.framework, c.stage, model_inputs(c, p.data), p.data.y, w, b, c.lr, c.optimizer)
    except Exception as error:
        p.error = f"{type(error).__name__}: {error}"
        return
    cells.epoch = epoch
    p.cells = cells


def follow_cursor(p: Player, cursor) -> None:
    """The browser's report of the epoch on screen ({"e": epoch, "next": the epoch of the row after it}),
    followed when the player is at rest; anything else in it (a hand-made value) is ignored."""
    epoch, after = (cursor.get("e"), cursor.get("next")) if isinstance(cursor, dict) else (cursor, None)
    if isinstance(epoch, int | float) and math.isfinite(epoch) and p.status != RUNNING and p.epochs_done:
        p.cursor = int(min(max(epoch, 1), p.epochs_done))
        held = isinstance(after, int | float) and p.cursor < after <= p.epochs_done
        p.next_shown = int(after) if held else 0


def step_within(p: Player) -> bool:
    """Step when paused behind what is computed (the browser plays slower than a run computes, or replays a
    finished run): the next epoch the student can be shown, instead of a jump past the computed end. False
    if there is none to show (then Step computes one more epoch past the end, as before).

    Up to live.EARLY the browser holds every epoch: the next one. Further on it holds a thinned subset, and
    the next epoch it holds is the one it reported beside its cursor (p.next_shown), shown if the run's
    record still has that very epoch."""
    if p.run is None or not 1 <= p.cursor < p.epochs_done:
        return False
    target = p.cursor + 1 if p.cursor < live.EARLY else p.next_shown
    if not p.cursor < target <= p.epochs_done:
        return False
    with p.run.lock:
        row = p.run.trajectory.at(target)
    if row["epoch"] != target:  # thinned away: the row is not there to show
        return False
    p.cursor, p.next_shown = target, 0  # the browser reports the row after it once it has moved there
    step_cells(p, row["epoch"], row["w"], row["b"])
    return True
