"""The TensorFlow lesson's runner: one stage in one of three modes.

    "eager"     the article's own Python loop, one step per epoch
    "function"  the same step function called k times in a loop inside one tf.function
    "xla"       the same, compiled by XLA (tf.function(jit_compile=True))
Each loop is traced once per process and shared by every runner; "function" follows the eager float32
trajectory bit for bit, "xla" sums and fuses in its own order (losses agree to about 1e-6 relative).
"""

from __future__ import annotations

import inspect
import threading
import time
import weakref

import numpy as np
import tensorflow as tf

from f2c.lessons import ModeUnavailable
from f2c.lessons import tf_lesson as lesson
from f2c.lessons.runners import eager_source, with_optimizer

# Grappler's arithmetic optimizer rewrites graphs (e.g. x / sqrt(y) into x * rsqrt(y)), which rounds
# differently from the eager ops; without it a tf.function runs the eager float32 trajectory bit for bit.
tf.config.optimizer.set_experimental_options({"arithmetic_optimization": False})

STEPS = lesson.STEPS
stage3_step = lesson.stage3_step
make_optimizer = lesson.make_optimizer
MODES = lesson.MODES

#
# Not part of the lesson: this is how the app runs the step functions above fast enough to watch.

CHUNK = 65_536  # epochs per call of a compiled loop (XLA's row buffer has this fixed size)

_VEC = tf.TensorSpec([None], tf.float32)
_PAIR = tf.TensorSpec([2], tf.float32)
_SCALAR = tf.TensorSpec([], tf.float32)
_COUNT = tf.TensorSpec([], tf.int32)

# One traced (and, for XLA, compiled) loop per (stage, mode[, optimizer]), shared by every runner.
_LOOPS: dict[tuple, object] = {}


def _record(params, loss, grad):
    return tf.concat([params, tf.reshape(loss, [1]), grad], 0)


def _hand_update_loop(step, jit):
    """Stages 1 and 2: k epochs of `step` in one graph; the state is the params tensor."""

    @tf.function(input_signature=[_PAIR, _VEC, _VEC, _SCALAR, _COUNT], jit_compile=jit)
    def loop(params, X, Y, learning_rate, k):
        rows = tf.TensorArray(tf.float32, size=CHUNK if jit else k, element_shape=[5])  # XLA: fixed size
        i = tf.constant(0)
        while i < k:  # not `for i in tf.range(k)`: XLA would recompile for every new k
            new_params, loss, grad = step(params, X, Y, learning_rate)
            rows = rows.write(i, _record(params, loss, grad))
            params = new_params
            i += 1
        return params, rows.stack()

    return loop


def _optimizer_loop(params, optimizer, jit):
    """Stage 3: k epochs of stage3_step in one graph; the state lives in params and the optimizer."""

    @tf.function(input_signature=[_VEC, _VEC, _COUNT], jit_compile=jit)
    def loop(X, Y, k):
        rows = tf.TensorArray(tf.float32, size=CHUNK if jit else k, element_shape=[5])  # XLA: fixed size
        i = tf.constant(0)
        while i < k:  # not `for i in tf.range(k)`: XLA would recompile for every new k
            start = tf.identity(params.read_value())
            _, loss, grad = stage3_step(params, X, Y, optimizer)
            rows = rows.write(i, _record(start, loss, grad))
            i += 1
        return rows.stack()

    return loop


def compiled_source(stage, mode):
    """What modes "function" and "xla" run: the step function above, called k times in one tf.function."""
    if mode not in ("function", "xla"):
        return None
    loop = _optimizer_loop if stage == 3 else _hand_update_loop
    flag = "jit_compile=True: XLA compiles the whole loop" if mode == "xla" else "jit_compile=False"
    return f"# Mode {mode!r} ({flag}); traced once per process.\n" + inspect.getsource(loop)


class _Stage3Slot:
    """The tf.Variable and optimizer a stage-3 loop was traced with; runners take turns using them.

    A traced tf.function is tied to the variables it captured, so every runner of one (optimizer, mode)
    shares one variable and one optimizer, and swaps its own state (params, learning rate, iteration
    count, momentum / moment slots) in and out of them.
    """

    def __init__(self, optimizer_name, jit):
        self.params = tf.Variable([0.0, 0.0], dtype=tf.float32)
        self.optimizer = make_optimizer(optimizer_name, self.params, 1e-4)
        self.variables = [self.params, *self.optimizer.variables]
        self.owner = None  # weakref to the runner whose state the variables hold
        self.lock = threading.Lock()  # two app sessions may run the same slot at once
        self.loop = _optimizer_loop(self.params, self.optimizer, jit)

    def fresh_state(self, w0, b0, learning_rate):
        state = []
        for v in self.variables:
            if v is self.params:
                state.append(np.array([w0, b0], np.float32))
            elif v is self.optimizer.learning_rate:
                state.append(np.array(learning_rate, np.float32))
            else:
                state.append(np.zeros_like(v.numpy()))  # iteration count and slots start at zero
        return state

    def claim(self, runner):
        """Make the variables hold `runner`'s state, saving the previous owner's first."""
        owner = self.owner() if self.owner is not None else None
        if owner is runner:
            return
        if owner is not None:
            owner._saved = [v.numpy() for v in self.variables]
        self.load(runner._saved)
        self.owner = weakref.ref(runner)

    def load(self, state):
        for v, value in zip(self.variables, state, strict=True):
            v.assign(value)


class Runner:
    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y, mode):
        if stage not in STEPS:
            raise ValueError(f"unknown stage {stage!r}")
        if mode not in MODES:
            raise ModeUnavailable(f"TensorFlow has no mode {mode!r}")
        self.stage, self.mode, self.notice = stage, mode, None
        self.X = tf.constant(np.asarray(X, np.float32))
        self.Y = tf.constant(np.asarray(Y, np.float32))
        self.learning_rate = learning_rate
        self.compile_seconds = 0.0
        if mode == "eager":
            if stage == 3:
                self._params = tf.Variable([w0, b0], dtype=tf.float32)
                self._optimizer = make_optimizer(optimizer, self._params, learning_rate)
            else:
                self._params = tf.constant([w0, b0], dtype=tf.float32)
            return
        start = time.perf_counter()
        key = (stage, mode, optimizer if stage == 3 else None)
        try:
            if key not in _LOOPS:
                if stage == 3:
                    _LOOPS[key] = _Stage3Slot(optimizer, mode == "xla")
                else:
                    _LOOPS[key] = _hand_update_loop(STEPS[stage], mode == "xla")
            self._warm_up(_LOOPS[key], w0, b0, learning_rate)
        except (tf.errors.OpError, NotImplementedError, ValueError, TypeError) as error:
            _LOOPS.pop(key, None)
            raise ModeUnavailable(f"{type(error).__name__}: {error}") from error
        self.compile_seconds = time.perf_counter() - start

    def _warm_up(self, compiled, w0, b0, learning_rate):
        """Trace (and for XLA compile) with one throw-away epoch; the real state does not move."""
        if self.stage == 3:
            self._slot = compiled
            self._saved = compiled.fresh_state(w0, b0, learning_rate)
            with compiled.lock:
                compiled.claim(self)
                compiled.loop(self.X, self.Y, tf.constant(1)).numpy()
                compiled.load(self._saved)
        else:
            self._loop = compiled
            self._params = tf.constant([w0, b0], dtype=tf.float32)
            self._lr = tf.constant(learning_rate, tf.float32)
            self._loop(self._params, self.X, self.Y, self._lr, tf.constant(1))[1].numpy()

    def params(self):
        if self.stage == 3 and self.mode != "eager":
            with self._slot.lock:
                self._slot.claim(self)
                values = self._slot.params.numpy()
        else:
            values = self._params.numpy()
        return float(values[0]), float(values[1])

    def run(self, n):
        n = int(n)
        if self.mode == "eager":
            return self._run_eager(n)
        out = np.empty((n, 5), np.float64)
        for done in range(0, n, CHUNK):
            k = min(CHUNK, n - done)
            if self.stage == 3:
                with self._slot.lock:
                    self._slot.claim(self)
                    rows = self._slot.loop(self.X, self.Y, tf.constant(k)).numpy()
            else:
                self._params, rows = self._loop(self._params, self.X, self.Y, self._lr, tf.constant(k))
                rows = rows.numpy()
            out[done : done + k] = rows[:k]
        return out

    def _run_eager(self, n):
        """The article's loop, collecting each epoch's tensors and converting once per chunk."""
        step, X, Y = STEPS[self.stage], self.X, self.Y
        hyper = self._optimizer if self.stage == 3 else tf.constant(self.learning_rate, tf.float32)
        starts, losses, grads = [], [], []
        params = self._params
        for _ in range(n):
            starts.append(tf.identity(params) if self.stage == 3 else params)
            params, loss, grad = step(params, X, Y, hyper)
            losses.append(loss)
            grads.append(grad)
        self._params = params
        if n == 0:
            return np.empty((0, 5), np.float64)
        rows = tf.concat([tf.stack(starts), tf.stack(losses)[:, None], tf.stack(grads)], 1)
        return rows.numpy().astype(np.float64)


def make_runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode):
    return Runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode)


def source(stage, optimizer, mode):
    """Lesson.source: the step function in eager mode, else the loop that calls it inside a tf.function."""
    if mode == "eager":
        return eager_source(lesson, stage, optimizer)
    if mode not in MODES:
        raise ModeUnavailable(f"TensorFlow has no mode {mode!r}")
    return with_optimizer(compiled_source(stage, mode), stage, optimizer)
