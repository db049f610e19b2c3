"""torch's compiled mode without the wait: a run computes eagerly while its chunk compiles behind it.

A first torch.compile of a stage takes 1.3-3 s with inductor's disk cache warm, 4-11 s cold, and 30-110 s
for momentum, Adam and RMSprop on a loaded machine. A run that waited for it showed no frame for that long.
Here one thread per process compiles the chunks asked for, in order; a SwitchingRunner computes with the
article's eager loop from its first epoch and, at the first chunk boundary after its compiled chunk is
ready, hands the exact float32 state (parameters, and the optimizer's state) to a CompiledRunner and goes on
compiled. Measured (2 cores, load 9): while the compile thread runs, eager chunks still advance at about 60%
of their speed alone; the GIL is shared, not taken.
"""

from __future__ import annotations

import queue
import threading
import time

import numpy as np
import torch

from f2c.lessons import ModeUnavailable


class Compiler:
    """One daemon thread compiling chunks one at a time, so two compiles never share the two cores."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: dict[tuple, str] = {}  # key -> "queued", "ready" or the error's text
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None

    def request(self, key, build) -> None:
        """Compile `key` by calling build() in the compile thread, unless it is compiled or queued already."""
        with self._lock:
            if key in self._state:
                return
            self._state[key] = "queued"
            if self._thread is None or not self._thread.is_alive():
                # Imported here first: torch.optim imports torch._dynamo on first use, and two threads
                # importing its circular modules at once fail with "partially initialized module".
                import torch._dynamo  # noqa: F401

                self._thread = threading.Thread(target=self._work, name="f2c-torch-compile", daemon=True)
                self._thread.start()
        self._queue.put((key, build))

    def ready(self, key) -> bool:
        return self._state.get(key) == "ready"

    def failed(self, key) -> str | None:
        state = self._state.get(key)
        return None if state in (None, "queued", "ready") else state

    def wait(self, key, timeout: float) -> bool:
        """Block until `key` is compiled or has failed, at most `timeout` s (tests); True if it is ready."""
        deadline = time.monotonic() + timeout
        while self._state.get(key) == "queued" and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.ready(key)

    def _work(self) -> None:
        while True:
            key, build = self._queue.get()
            try:
                build()
                state = "ready"
            except Exception as error:  # ModeUnavailable: no compiler, a dynamo error, ...
                state = f"{type(error).__name__}: {error}"[:300]
            with self._lock:
                self._state[key] = state


COMPILER = Compiler()  # one per process (the torch compute child)


class PureEager:
    """Stage 3's eager phase: the compiled mode's own pure step (torch_compiled), epoch by epoch, uncompiled.

    Not the lesson's torch.optim loop: while dynamo compiles in another thread, torch.compiler.is_compiling()
    is True for the whole process, and torch.optim then takes its compiling path (Adam's step count becomes a
    float32 tensor: its losses moved 2e-5 relative from the eager run's). The pure update reads no such flag,
    and its state is the compiled chunk's state as it is. It costs about twice the torch.optim loop per epoch.
    """

    def __init__(self, epoch, state, X, Y, learning_rate):
        self.epoch, self.state, self.X, self.Y = epoch, state, X, Y
        self.learning_rate = torch.tensor(learning_rate, dtype=torch.float32)

    def params(self):
        w, b = self.state[0].tolist()
        return w, b

    def run(self, n):
        epoch, state, X, Y, learning_rate = self.epoch, self.state, self.X, self.Y, self.learning_rate
        out = []
        for _ in range(n):
            new_state, loss, grad = epoch(state, X, Y, learning_rate)
            out += state[0].tolist()
            out.append(loss.item())
            out += grad.tolist()
            state = new_state
        self.state = state
        return np.array(out, dtype=np.float64).reshape(-1, 5)


def state_of(runner):
    """The state tuple a CompiledRunner goes on from: (params, *optimizer state)."""
    if isinstance(runner, PureEager):
        return runner.state
    return (runner._params.detach().clone(),)  # EagerRunner, stages 1 and 2: the parameters are all


class SwitchingRunner:
    """Mode "compiled" from the first epoch: eager until the compiled chunk is ready, then compiled.

    make_eager() builds the EagerRunner; make_compiled(state) a CompiledRunner continuing from `state`
    (None: from the run's start); build() compiles the chunk (in the compiler's thread).
    """

    mode = "compiled"
    compile_seconds = 0.0

    def __init__(self, key, make_eager, make_compiled, build, compiler=COMPILER):
        self.key = key
        self.compiler, self._make_compiled = compiler, make_compiled
        failed = compiler.failed(key)
        if failed:
            raise ModeUnavailable(failed)
        self.epochs = 0
        self.switched_at: int | None = None  # the first epoch computed compiled
        if compiler.ready(key):
            self._runner = make_compiled(None)
            self.switched_at = 1
            self.notice = None
        else:
            compiler.request(key, build)
            self._runner = make_eager()
            self.notice = "train.compiling_behind"

    def params(self):
        return self._runner.params()

    def run(self, n):
        if self.switched_at is None and self.compiler.ready(self.key):
            self._switch()
        rows = self._runner.run(n)
        self.epochs += len(rows)
        return rows

    def _switch(self) -> None:
        self._runner = self._make_compiled(state_of(self._runner))
        self.switched_at = self.epochs + 1

    # Batching (torch_batch) once compiled: a class of switched runs advances as one call.
    @property
    def max_batch(self):
        return getattr(self._runner, "max_batch", None)

    @property
    def batch_key(self):
        return getattr(self._runner, "batch_key", None) if self.switched_at is not None else None

    def want_batch(self) -> None:
        want = getattr(self._runner, "want_batch", None)
        if want is not None:
            want()

    @staticmethod
    def run_batch(runners, counts):
        inner = [r._runner for r in runners]
        out = type(inner[0]).run_batch(inner, counts)
        for runner, rows in zip(runners, out):
            runner.epochs += len(rows)
        return out
