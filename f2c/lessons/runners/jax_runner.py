"""How the app runs the JAX lesson's step functions: eagerly, or `jax.jit` of a `lax.fori_loop` over epochs.

"eager"  calls STEPS[stage] once per epoch, as the article's loop does: JAX dispatches op by op.
"jit"    the same step function, k epochs of it inside one `lax.fori_loop`, compiled once by XLA per
         (stage, optimizer, number of points). Each epoch writes its row into a buffer of CHUNK rows.
"""

from __future__ import annotations

import inspect
import threading
import time

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from f2c.lessons import ModeUnavailable
from f2c.lessons import jax_lesson as lesson
from f2c.lessons.runners import eager_source

MODES = ("jit", "eager")

# Rows of one compiled call. k, the epochs actually run, is an argument, so any k <= CHUNK reuses the code.
CHUNK = 65_536

_COMPILED: dict[tuple, object] = {}
_LOCK = threading.Lock()  # two app sessions may build the same loop at once


def make_runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode):
    if stage not in lesson.STEPS:
        raise ValueError(f"unknown stage {stage!r}")
    if mode == "eager":
        return EagerRunner(stage, optimizer, learning_rate, w0, b0, X, Y)
    if mode == "jit":
        return JitRunner(stage, optimizer, learning_rate, w0, b0, X, Y)
    raise ModeUnavailable(f"jax has no mode {mode!r}")


def _start(stage, optimizer, learning_rate, w0, b0):
    """The parameters the article starts from, and what the stage's step takes besides them."""
    params = jnp.asarray([w0, b0], dtype=jnp.float32)
    if stage == 3:
        return params, lesson.make_optimizer(optimizer, params, learning_rate)
    return params, jnp.float32(learning_rate)


class EagerRunner:
    """Calls STEPS[stage] once per epoch, exactly as the article's loop does."""

    mode = "eager"
    compile_seconds = 0.0
    notice = None

    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y):
        self.stage = stage
        self.X, self.Y = lesson.as_inputs(X, Y)
        self._params, self._arg = _start(stage, optimizer, learning_rate, w0, b0)

    def params(self):
        w, b = np.asarray(self._params).tolist()
        return w, b

    def run(self, n):
        step, X, Y, arg = lesson.STEPS[self.stage], self.X, self.Y, self._arg
        params = self._params
        rows = []
        # Keep each epoch's arrays and copy them to NumPy once at the end of the chunk: reading a value
        # waits for JAX's asynchronous dispatch, and would do so three times per epoch.
        for _ in range(n):
            start = params
            params, loss, grad = step(params, X, Y, arg)
            rows.append((start, loss, grad))
        self._params = params
        if not rows:
            return np.empty((0, 5), np.float64)
        starts, losses, grads = (np.asarray(jax.device_get(list(column))) for column in zip(*rows))
        return np.column_stack([starts, losses, grads]).astype(np.float64)


# ---- jit: k epochs of the step function in one compiled lax.fori_loop ------------------------


def _epoch(stage, optimizer):
    """STEPS[stage] on a state tuple (params, optimizer state): what one pass of the loop body runs."""
    step = lesson.STEPS[stage]
    if stage == 3:

        def epoch(state, X, Y, learning_rate):
            params, opt_state = state
            opt = lesson.make_optimizer(optimizer, params, learning_rate)
            opt.state = opt_state  # this run's state, carried by the loop, not a fresh one
            new_params, loss, grad = step(params, X, Y, opt)
            return (new_params, opt.state), loss, grad

    else:

        def epoch(state, X, Y, learning_rate):
            params, opt_state = state
            new_params, loss, grad = step(params, X, Y, learning_rate)
            return (new_params, opt_state), loss, grad

    return epoch


def _make_loop(stage, optimizer):
    epoch = _epoch(stage, optimizer)

    def loop(state, X, Y, learning_rate, k):
        def body(i, carry):
            state, rows = carry
            new_state, loss, grad = epoch(state, X, Y, learning_rate)
            row = jnp.concatenate([state[0], loss.reshape(1), grad])
            return new_state, rows.at[i].set(row)

        rows = jnp.zeros((CHUNK, 5), jnp.float32)
        return lax.fori_loop(0, k, body, (state, rows))

    return jax.jit(loop)


def _initial_opt_state(stage, optimizer, params, learning_rate):
    if stage != 3:
        return ()
    return lesson.make_optimizer(optimizer, params, learning_rate).state


def source(stage, optimizer, mode):
    """Lesson.source: the step function in eager mode; in mode "jit" the loop jax.jit compiles around it."""
    if mode == "eager":
        return eager_source(lesson, stage, optimizer)
    if mode != "jit":
        raise ModeUnavailable(f"jax has no mode {mode!r}")
    parts = [
        f"# Mode 'jit': jax.jit compiles lax.fori_loop over up to {CHUNK:,} epochs with XLA, once per process;"
        f"\n# the loop body is STEPS[{stage}] of jax_lesson.py, unchanged.",
        inspect.getsource(_epoch),
        inspect.getsource(_make_loop),
    ]
    if stage == 3:
        parts[0] = f"# Stage 3: optimizer = make_optimizer({optimizer!r}, params, learning_rate)\n" + parts[0]
    return "\n\n".join(parts)


class JitRunner:
    mode = "jit"
    notice = None

    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y):
        self.stage = stage
        self.X, self.Y = lesson.as_inputs(X, Y)
        # the learning rate is an argument of the compiled loop, so a new run reuses the code
        self.learning_rate = jnp.float32(learning_rate)
        params = jnp.asarray([w0, b0], dtype=jnp.float32)
        self.state = (params, _initial_opt_state(stage, optimizer, params, self.learning_rate))
        key = (stage, optimizer if stage == 3 else "", int(self.X.shape[0]))
        start = time.perf_counter()
        try:
            with _LOCK:
                if key not in _COMPILED:
                    _COMPILED[key] = _make_loop(stage, optimizer)
                self._loop = _COMPILED[key]
            # Compile now (or find the compiled code), on zero epochs: the state does not move.
            jax.block_until_ready(self._loop(self.state, self.X, self.Y, self.learning_rate, 0))
        except Exception as error:  # an XLA or tracing error: fall back to eager
            _COMPILED.pop(key, None)
            raise ModeUnavailable(f"{type(error).__name__}: {error}"[:300]) from error
        self.compile_seconds = time.perf_counter() - start

    def params(self):
        w, b = np.asarray(self.state[0]).tolist()
        return w, b

    def run(self, n):
        n = int(n)
        out = np.empty((n, 5), np.float64)
        for done in range(0, n, CHUNK):
            k = min(CHUNK, n - done)
            self.state, rows = self._loop(self.state, self.X, self.Y, self.learning_rate, k)
            # slice in NumPy: a jax slice rows[:k] would compile a new program for every new k
            out[done : done + k] = np.asarray(rows)[:k]
        return out
