"""The bottom of the UI: what the app keeps between Streamlit reruns, and helpers several panels use.

One Player per browser session lives in st.session_state under PLAYER; every widget and session key starts
with K. Panels import this module (and f2c.ui.settings), never each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from f2c.core import analysis
from f2c.core.config import RunConfig
from f2c.core.data import Dataset, article
from f2c.core.i18n import t
from f2c.core.normalize import Normalizer
from f2c.explain.one_step import StepCells, loss_and_grad
from f2c.render.style import themed
from f2c.runtime.training import Run

IDLE, RUNNING, PAUSED, DONE, DIVERGED = "idle", "running", "paused", "done", "diverged"

K = "f2c_"  # the prefix of every widget and session key
PLAYER = K + "player"
# Tests set st.session_state[FRAME_CAP] = n: a Run then pauses after n frames (AppTest has no timers).
FRAME_CAP = K + "frame_cap"

# The learning-rate slider's stops: 1, 2, 5 per decade (the exact input beside it takes any value).
LR_STEPS = tuple(float(f"{m}e{e}") for e in range(-6, 0) for m in (1, 2, 5)) + (1.0,)


@dataclass
class Player:
    """The run being played and where the player stands. A rerun of the script resumes it."""

    config: RunConfig
    data: Dataset = field(default_factory=article)  # the points the run trains on (the training part)
    validation: Dataset | None = None  # the held-back points, when the data is split
    status: str = IDLE
    run: Run | None = None
    cursor: int = 0  # the epoch on screen; 0 = before the first epoch
    next_shown: int = 0  # the next epoch the browser holds after the cursor (0: none, or not known)
    cells: StepCells | None = None  # the last Step's single-step cells
    error: str | None = None
    lost: bool = False  # the error is the loss of the process computing the run (killed, out of memory)
    frames: int = 0  # frames drawn in the current script run (for tests and the benchmark)
    clicked_at: float | None = None  # when Run was pressed, for the load test's log (f2c.ui.timing)
    computed_at: float | None = None  # when its worker had computed the whole run (f2c.ui.timing)

    def reset(self, config: RunConfig | None = None) -> None:
        if config is not None:
            self.config = config
        self.status = IDLE
        self.run = None
        self.cursor = 0
        self.next_shown = 0
        self.cells = None
        self.error = None
        self.lost = False

    def ensure_run(self) -> Run:
        if self.run is None:
            self.run = Run(self.config, self.data, chunk_seconds=0.02, remote=True)
        return self.run

    @property
    def epochs_done(self) -> int:
        return len(self.run.trajectory) if self.run is not None else 0


def player(config: RunConfig, data: Dataset | None = None, validation: Dataset | None = None) -> Player:
    """The session's player; a changed configuration or data set starts afresh (and keeps playing if it was)."""
    current: Player | None = st.session_state.get(PLAYER)
    if current is None:
        current = Player(config, data if data is not None else article(), validation)
        st.session_state[PLAYER] = current
        return current
    new_data = data is not None and data.fingerprint() != current.data.fingerprint()
    if validation is not None or data is not None:
        old_v = current.validation.fingerprint() if current.validation is not None else None
        new_v = validation.fingerprint() if validation is not None else None
        current.validation = validation if old_v != new_v else current.validation
    if current.config != config or new_data:
        was_running = current.status == RUNNING
        if new_data:
            current.data = data
        current.reset(config)
        if was_running and not new_data:
            current.status = RUNNING
    return current


def frame_cap() -> int | None:
    cap = st.session_state.get(FRAME_CAP)
    return int(cap) if cap else None


def current_player() -> Player:
    """The session's player, once f2c.ui.main has made it for this script run."""
    return st.session_state[PLAYER]


def nearest_lr_step(lr: float) -> float:
    return min(LR_STEPS, key=lambda step: abs(math.log10(step) - math.log10(max(lr, 1e-12))))


def mode_name(mode: str | None, lang: str) -> str:
    return t(f"mode.{mode}", lang) if mode else ""


@dataclass(frozen=True)
class Setup:
    """What follows from the data and the normalisation alone, computed once per setup, not per frame."""

    normalizer: Normalizer
    x: np.ndarray  # the inputs the model sees, float32
    stability: analysis.Stability
    best: tuple[float, float]  # the least-squares (w, b) in original units, float64


def setup(normalize: str, data: Dataset) -> Setup:
    """The session's Setup for (normalize, data), kept in the session until either changes."""
    key = (normalize, data.fingerprint())
    cached = st.session_state.get(K + "setup")
    if cached is not None and cached[0] == key:
        return cached[1]
    normalizer = Normalizer.fit(normalize, data.x)
    x = normalizer.transform(data.x)
    made = Setup(normalizer, x, analysis.stability(x), analysis.least_squares(data.x, data.y)[:2])
    st.session_state[K + "setup"] = (key, made)
    return made


def model_inputs(config: RunConfig, data: Dataset) -> np.ndarray:
    return setup(config.normalize, data).x


def frame_values(p: Player) -> dict[str, float]:
    """Epoch, w, b (model units), loss, dw, db at the cursor; before any epoch, the starting point."""
    run, c = p.run, p.config
    n = p.epochs_done
    if run is None or n == 0 or p.cursor <= 0:
        x = model_inputs(c, p.data)
        loss, dw, db = loss_and_grad(x, p.data.y, c.w0, c.b0)
        return {"epoch": 0, "w": c.w0, "b": c.b0, "loss": loss, "dw": dw, "db": db, "final": False}
    cursor = min(p.cursor, n)
    row = run.trajectory.at(cursor)
    values = {**row, "epoch": cursor, "final": False}
    if cursor == n and run.finished and not run.diverged:
        final = run.final()  # the parameters after the last update, as the article prints them
        if final is not None:
            w, b = run.normalizer.from_original(final["w"], final["b"])
            values.update(w=float(w), b=float(b), final=True)
    return values


def theme() -> str:
    """The page's theme as the browser reports it, "light" or "dark" (light until it has said).

    Streamlit learns of a switch in its settings menu at the next rerun, so a chart drawn before follows then.
    """
    kind = st.context.theme.type
    return kind if kind in ("light", "dark") else "light"


def chart(fig, where=None, **kwargs):
    """st.plotly_chart (or where.plotly_chart) with the figure framed for the page's theme."""
    return (where or st).plotly_chart(themed(fig, theme()), **kwargs)
