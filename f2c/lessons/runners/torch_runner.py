"""The torch lesson's runners: the article's loop recorded eagerly, or torch.compile'd chunks of epochs."""

from __future__ import annotations

import contextlib
import time

import numpy as np
import torch

from f2c.lessons import ModeUnavailable
from f2c.lessons import torch_lesson as lesson
from f2c.lessons.runners import torch_batch
from f2c.lessons.runners.torch_compiled import (
    compile_chunk,
    initial_opt_state,
    one_epoch,
)
from f2c.lessons.runners.torch_source import source  # noqa: F401  (Lesson.source, read without torch)
from f2c.lessons.runners.torch_switch import COMPILER, PureEager, SwitchingRunner

STEPS = lesson.STEPS
make_optimizer = lesson.make_optimizer


# ---- Runners: drive a step for n epochs and record every epoch -------------------------------


def make_runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode):
    X, Y = lesson.as_inputs(X, Y)
    if mode == "eager":
        return EagerRunner(stage, optimizer, learning_rate, w0, b0, X, Y)
    if mode == "compiled":
        return CompiledRunner(stage, optimizer, learning_rate, w0, b0, X, Y)
    raise ModeUnavailable(f"torch has no mode {mode!r}")


def make_runner_soon(stage, optimizer, learning_rate, w0, b0, X, Y, mode):
    """Like make_runner, but mode "compiled" starts at once: eager until its chunk has compiled in the
    background (torch_switch). The compute child builds its runners so; the command line, the tests and
    the benchmarks wait for the compiler (make_runner), so that their timings are of one mode."""
    if mode != "compiled":
        return make_runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode)
    X, Y = lesson.as_inputs(X, Y)
    args = (stage, optimizer, learning_rate, w0, b0, X, Y)

    def make_compiled(state):
        runner = CompiledRunner(*args)
        if state is not None:
            runner.state = state
        return runner

    def make_eager():
        if stage < 3:
            return EagerRunner(*args)
        start = (torch.tensor([w0, b0], dtype=torch.float32), *initial_opt_state(optimizer))
        return PureEager(one_epoch(stage, optimizer), start, X, Y, learning_rate)

    key = _chunk_key(stage, optimizer, len(X))
    return SwitchingRunner(key, make_eager, make_compiled, lambda: CompiledRunner(*args), compiler=COMPILER)


def warm(settings):
    """Compile mode "compiled" for each (stage, optimizer, number of points) in the background."""
    for stage, optimizer, n_points in settings:
        x = np.zeros(n_points, np.float32)
        X, Y = lesson.as_inputs(x, x)
        build = lambda s=stage, o=optimizer, X=X, Y=Y: CompiledRunner(s, o, 1e-4, 1.0, 0.01, X, Y)  # noqa: E731
        COMPILER.request(_chunk_key(stage, optimizer, n_points), build)
    for stage, optimizer, n_points in settings:  # then the batched chunks, for a class (torch_batch)
        torch_batch.request(_chunk_key(stage, optimizer, n_points))


class EagerRunner:
    """Calls STEPS[stage] once per epoch, exactly as the article's loop does."""

    mode = "eager"
    compile_seconds = 0.0
    notice = None

    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y):
        self.stage = stage
        self.X, self.Y = X, Y
        self._params = torch.tensor([w0, b0], dtype=torch.float32, requires_grad=stage > 1)
        if stage == 3:
            self._arg = make_optimizer(optimizer, self._params, learning_rate)
        else:
            # The learning rate as a float32 tensor: `learning_rate * grad` with a Python float first
            # wraps the float into a new double tensor and promotes it, about 1 us of a 42 us epoch
            # (measured: 2.0 against 0.9 us per multiplication). The product is the same float32 number,
            # since torch multiplies a float32 tensor by a Python float in float32.
            self._arg = torch.tensor(learning_rate, dtype=torch.float32)

    def params(self):
        w, b = self._params.detach().tolist()
        return w, b

    def run(self, n):
        step, X, Y, arg = STEPS[self.stage], self.X, self.Y, self._arg
        params = self._params
        # Each epoch appends its row to a flat list of Python floats: w, b, read before the step (stage
        # 3's optimizer.step() updates params in place), then the loss and the gradient the step
        # returned. .tolist() and .item() give the float32 values exactly and cost about 0.3 us each
        # in this loop. Measured slower: keeping the tensors and stacking them at the end of the chunk
        # (loss.detach(), and params.detach().clone() in stage 3, about 1 us per tensor kept).
        if self.stage == 2:
            # Stage 2's update makes a new tensor params - learning_rate * grad each epoch, in float32: w and
            # b follow exactly from the chunk's start and the gradients, so an epoch reads only its loss and
            # gradient (each read is about 1% of an epoch). The derived parameters are checked bit for bit
            # against the step's own at the end of the chunk; if they ever differed, the chunk is computed
            # again from its start, reading w and b at every epoch.
            start, out = params, []
            for _ in range(n):
                params, loss, grad = step(params, X, Y, arg)
                out.append(loss.item())
                out += grad.tolist()
            rows = _with_derived_params(start.tolist(), out, arg, params)
            if rows is not None:
                self._params = params
                return rows
            params = start
        out = []
        # Stage 1 needs no autograd: switching its bookkeeping off saves about a tenth of the time.
        with torch.inference_mode() if self.stage == 1 else contextlib.nullcontext():
            for _ in range(n):
                out += params.tolist()
                params, loss, grad = step(params, X, Y, arg)
                out.append(loss.item())
                out += grad.tolist()
        self._params = params
        return _rows(out)


def _rows(out):
    """The flat list w, b, loss, dw, db, w, b, ... as a float64 array (n, 5)."""
    return np.array(out, dtype=np.float64).reshape(-1, 5)


def _with_derived_params(start, out, learning_rate, params):
    """Rows (n, 5) from the flat list loss, dw, db, ... and stage 2's update, or None if the update does not
    reproduce `params`, the parameters the step computed last."""
    loss_grad = np.array(out, dtype=np.float64).reshape(-1, 3)
    steps = np.float32(learning_rate.item()) * loss_grad[:, 1:].astype(np.float32)
    # w_{i+1} = w_i - learning_rate * dw_i, rounded to float32 at each epoch as torch does
    path = np.subtract.accumulate(np.vstack([np.float32(start), steps]), axis=0, dtype=np.float32)
    if not np.array_equal(path[-1], np.float32(params.tolist()), equal_nan=True):
        return None
    return np.column_stack([path[:-1].astype(np.float64), loss_grad])


# torch.compile unrolls CHUNK epochs into one graph (one fused C++ kernel): longer chunks run faster
# per epoch but take longer to compile.
CHUNK = 64

# Compiled chunks, one per (stage, optimizer, number of points), shared by every runner of the process.
_COMPILED: dict[tuple, object] = {}


def _make_chunk(stage, optimizer, k):
    epoch = one_epoch(stage, optimizer)

    def chunk(state, X, Y, learning_rate, active):
        """k epochs, unrolled; epochs where `active` is False leave the state as it is."""
        rows = []
        for i in range(k):
            new_state, loss, grad = epoch(state, X, Y, learning_rate)
            rows.append(torch.cat([state[0], loss.reshape(1), grad]))
            state = tuple(torch.where(active[i], new, old) for new, old in zip(new_state, state))
        return state, torch.stack(rows)

    return chunk


def _chunk_key(stage, optimizer, n_points):
    return (stage, optimizer if stage == 3 else "", n_points, CHUNK)


def _compiled_chunk(key):
    if key not in _COMPILED:
        stage, optimizer, n_points, k = key
        name = f"chunk{k}_stage{stage}_{optimizer or 'step'}_{n_points}"
        _COMPILED[key] = compile_chunk(_make_chunk(stage, optimizer, k), name)
    return _COMPILED[key]


class CompiledRunner:
    """Runs CHUNK epochs per call of a torch.compile'd chunk of COMPILED_STEPS[stage]."""

    mode = "compiled"
    notice = None

    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y):
        self.X, self.Y = X, Y
        # learning rate and state are tensors, so a new run reuses the compiled code
        self.learning_rate = torch.tensor(learning_rate, dtype=torch.float32)
        opt_state = initial_opt_state(optimizer) if stage == 3 else ()
        self.state = (torch.tensor([w0, b0], dtype=torch.float32), *opt_state)
        self.k = CHUNK
        self._active = [torch.arange(self.k) < i for i in range(self.k + 1)]
        self.key = key = _chunk_key(stage, optimizer, len(X))
        start = time.perf_counter()
        try:
            self._chunk = _compiled_chunk(key)
            # Compile (or find the cached code) now, on a copy: the real state does not move.
            copy = tuple(t.clone() for t in self.state)
            self._chunk(copy, X, Y, self.learning_rate, self._active[self.k])
        except Exception as error:  # no C++ compiler, a dynamo or inductor error, ...
            _COMPILED.pop(key, None)
            raise ModeUnavailable(f"{type(error).__name__}: {error}"[:300]) from error
        self.compile_seconds = time.perf_counter() - start

    def params(self):
        w, b = self.state[0].tolist()
        return w, b

    # A class of runs of this chunk advances as one batch (torch_batch), once its batched chunk is compiled.
    max_batch = torch_batch.BATCH

    @property
    def batch_key(self):
        return torch_batch.ready_key(self.key)

    def want_batch(self) -> None:
        torch_batch.request(self.key)

    @staticmethod
    def run_batch(runners, counts):
        return torch_batch.run_batch(runners, counts)

    def run(self, n):
        chunks = []
        while n > 0:
            k = min(n, self.k)
            self.state, rows = self._chunk(self.state, self.X, self.Y, self.learning_rate, self._active[k])
            chunks.append(rows[:k])
            n -= k
        rows = torch.cat(chunks) if chunks else torch.empty(0, 5)
        return rows.numpy().astype(np.float64)
