"""The training core: drives a lesson's runner in chunks, records every epoch, detects divergence.

It never sleeps or draws; the consumer decides how often to look. Stopping the iteration stops the work:
nothing runs between two `next()` calls.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from f2c import lessons
from f2c.core.config import FRAMEWORK_MODES, RunConfig
from f2c.core.data import Dataset, article
from f2c.core.normalize import Normalizer
from f2c.core.trajectory import DEFAULT_MAX_ROWS, FIRST_CHUNK, MAX_CHUNK, Chunk, Trajectory, next_chunk_size
from f2c.runtime import children as compute


@dataclass
class Run:
    """One training run: iterate it for chunks; its trajectory and status fill in as it goes."""

    config: RunConfig
    data: Dataset
    # ~50 ms a chunk: a UI can draw between chunks, and stopping takes at most one chunk.
    chunk_seconds: float = 0.05
    keep_every: int = 30_000
    max_rows: int | None = DEFAULT_MAX_ROWS
    # Compute in the framework's child process (f2c.runtime.children), as the app does: a run then never holds the
    # server's GIL. The command line, the tests and the benchmarks compute here, in this process.
    remote: bool = False
    trajectory: Trajectory = field(init=False)
    normalizer: Normalizer | None = None
    mode: str | None = None
    notices: list[tuple[str, dict]] = field(default_factory=list)  # (i18n key, its arguments)
    compile_seconds: float = 0.0
    compute_seconds: float = 0.0
    diverged_epoch: int | None = None
    finished: bool = False
    # (epochs, seconds) of the last chunks computed: how long the rest should take (f2c.runtime.busy)
    recent: deque = field(default_factory=lambda: deque(maxlen=8), repr=False)
    _runner: object = None
    _next_n: int = FIRST_CHUNK
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.trajectory = Trajectory(self.max_rows, keep_every=self.keep_every)
        self.normalizer = Normalizer.fit(self.config.normalize, self.data.x)

    @property
    def diverged(self) -> bool:
        return self.diverged_epoch is not None

    @property
    def last_finite_loss(self) -> float | None:
        return self.trajectory.at(len(self.trajectory))["loss"] if len(self.trajectory) else None

    def prepare(self) -> None:
        """Import the framework and build (and compile) the runner; a UI calls this behind a spinner."""
        if self._runner is not None:
            return
        c = self.config
        x = self.normalizer.transform(self.data.x)
        y = np.asarray(self.data.y, dtype=np.float32)
        process = compute.process_for(c.framework) if self.remote else None
        candidates = FRAMEWORK_MODES[c.framework] if c.mode == "fastest" else (c.mode, "eager")
        for mode in candidates:
            args = (c.stage, c.optimizer, c.lr, c.w0, c.b0, x, y, mode)
            try:
                if process is not None:
                    try:
                        self._runner = compute.RemoteRunner(process, c.framework, args)
                        break
                    except (compute.ComputeLost, OSError) as why:  # no child process here: compute in ours
                        self.notices.append(("train.compute_local", {"why": str(why)}))
                        process = None
                self._runner = lessons.load(c.framework).make_runner(*args)
                break
            except lessons.ModeUnavailable as why:
                self.notices.append(("train.mode_fallback", {"mode": mode, "why": str(why)}))
        if self._runner.mode != "eager":  # "running eagerly instead" would be untrue: say what runs
            self.notices = [
                ("train.mode_fallback_to", {**kw, "instead": self._runner.mode})
                if key == "train.mode_fallback"
                else (key, kw)
                for key, kw in self.notices
            ]
        notice = getattr(self._runner, "notice", None)
        if notice:
            self.notices.append((notice, {}) if isinstance(notice, str) else notice)
        self.mode = self._runner.mode
        self.compile_seconds = float(self._runner.compile_seconds)

    def __iter__(self) -> Iterator[Chunk]:
        self.prepare()
        while not self.finished:
            yield self.step(self.next_chunk_size())

    def next_chunk_size(self) -> int:
        """Epochs for the next chunk so that it takes about chunk_seconds (growing at most 8x at a time)."""
        return self._next_n

    def step(self, n: int = 1) -> Chunk:
        """Exactly n more epochs (fewer at the end or on divergence): a player's Step button and slow playback."""
        self.prepare()
        n = min(n, self.config.epochs - len(self.trajectory))
        first_epoch = len(self.trajectory) + 1
        if n <= 0 or self.diverged:
            self.finished = True
            return Chunk(first_epoch, np.empty((0, 5)), 0.0)
        n = min(n, MAX_CHUNK)
        start = time.perf_counter()
        rows = np.asarray(self._runner.run(n), dtype=np.float64)
        elapsed = time.perf_counter() - start
        chunk = self.record(rows, elapsed)
        self._next_n = next_chunk_size(n, elapsed, self.chunk_seconds, self._next_n)
        return chunk

    @property
    def streams(self) -> bool:
        """True if the runner computes in a child process that can stream the whole run (f2c.runtime.children)."""
        return hasattr(self._runner, "stream")

    def stream(self, stop: threading.Event) -> None:
        """Compute to the end in the runner's child process, recording chunks as they arrive.

        Returns when the run is finished or diverged, or soon after `stop` is set (one chunk, ~chunk_seconds).
        """
        self.prepare()
        left = self.config.epochs - len(self.trajectory)
        if left <= 0 or self.diverged:
            self.finished = True
            return
        for rows, elapsed in self._runner.stream(left, self.chunk_seconds, stop):
            self.record(rows, elapsed)

    def record(self, rows: np.ndarray, elapsed: float) -> Chunk:
        """Append a computed chunk, cut at its first non-finite row (the run diverged there)."""
        first_epoch = len(self.trajectory) + 1
        if self.diverged:
            return Chunk(first_epoch, np.empty((0, 5)), 0.0)
        self.compute_seconds += elapsed
        self.recent.append((len(rows), elapsed))
        finite = np.isfinite(rows).all(axis=1)
        if not finite.all():
            bad = int(np.argmin(finite))
            self.diverged_epoch = first_epoch + bad
            rows = rows[:bad]
        chunk = Chunk(first_epoch, rows, elapsed)
        with self.lock:  # a UI thread may be reading the trajectory to draw a frame
            if len(rows):
                self.trajectory.append(chunk)
            if len(self.trajectory) >= self.config.epochs or self.diverged:
                self.finished = True
        return chunk

    def run_to_end(self) -> Run:
        for _ in self:
            pass
        return self

    def original_units(self, w, b):
        return self.normalizer.to_original(w, b)

    def final(self) -> dict[str, float] | None:
        """Parameters after the last update (as the article prints them), and the last logged loss."""
        if not len(self.trajectory):
            return None
        last = self.trajectory.at(len(self.trajectory))
        w, b = last["w"], last["b"]
        if not self.diverged and self._runner is not None:
            w, b = self._runner.params()
        w, b = self.original_units(w, b)
        return {"epoch": last["epoch"], "w": float(w), "b": float(b), "loss": last["loss"]}

    def log(self, every: int) -> list[dict[str, float]]:
        """The article's log lines: every `every`-th epoch, parameters in original units."""
        out = []
        for epoch in range(every, len(self.trajectory) + 1, every):
            row = self.trajectory.at(epoch)
            w, b = self.original_units(row["w"], row["b"])
            out.append({**row, "w": float(w), "b": float(b)})
        return out


def run(
    config: RunConfig,
    data: Dataset | None = None,
    chunk_seconds: float = 0.05,
    keep_every: int = 30_000,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> Run:
    """A run of `config` on `data` (the article's by default); nothing is computed until it is iterated."""
    return Run(config, data if data is not None else article(), chunk_seconds, keep_every, max_rows)
