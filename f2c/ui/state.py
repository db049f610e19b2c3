"""What the app keeps between Streamlit reruns: one Player per browser session, in st.session_state."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from f2c.core.config import RunConfig
from f2c.core.data import Dataset, article
from f2c.explain.one_step import StepCells
from f2c.runtime.training import Run

IDLE, RUNNING, PAUSED, DONE, DIVERGED = "idle", "running", "paused", "done", "diverged"

# Tests set st.session_state[FRAME_CAP] = n: a Run then pauses after n frames (AppTest has no timers).
FRAME_CAP = "f2c_frame_cap"


@dataclass
class Player:
    """The run being played and where the player stands. A rerun of the script resumes it."""

    config: RunConfig
    data: Dataset = field(default_factory=article)  # the points the run trains on (the training part)
    validation: Dataset | None = None  # the held-back points, when the data is split
    status: str = IDLE
    run: Run | None = None
    cursor: int = 0  # the epoch on screen; 0 = before the first epoch
    cells: StepCells | None = None  # the last Step's single-step cells
    error: str | None = None
    frames: int = 0  # frames drawn in the current script run (for tests and the benchmark)
    clicked_at: float | None = None  # when Run was pressed, for the load test's log (f2c.ui.timing)

    def reset(self, config: RunConfig | None = None) -> None:
        if config is not None:
            self.config = config
        self.status = IDLE
        self.run = None
        self.cursor = 0
        self.cells = None
        self.error = None

    def ensure_run(self) -> Run:
        if self.run is None:
            self.run = Run(self.config, self.data, chunk_seconds=0.02, remote=True)
        return self.run

    @property
    def epochs_done(self) -> int:
        return len(self.run.trajectory) if self.run is not None else 0


def player(config: RunConfig, data: Dataset | None = None, validation: Dataset | None = None) -> Player:
    """The session's player; a changed configuration or data set starts afresh (and keeps playing if it was)."""
    current: Player | None = st.session_state.get("f2c_player")
    if current is None:
        current = Player(config, data if data is not None else article(), validation)
        st.session_state["f2c_player"] = current
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
