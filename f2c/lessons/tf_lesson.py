"""The article's three stages in TensorFlow, written as the article writes them (float32 throughout).

Stage 1 writes the gradient by hand. Stage 2 lets tf.GradientTape find it. Stage 3 hands the update to a
tf.keras optimizer. Same names, same order as numpy_lesson.py and torch_lesson.py.

The runner at the bottom drives one stage in one of three modes:
    "eager"     the article's own Python loop, one step per epoch
    "function"  the same step function called k times in a loop inside one tf.function
    "xla"       the same, compiled by XLA (tf.function(jit_compile=True))
Each loop is traced once per process and shared by every runner; "function" follows the eager float32
trajectory bit for bit, "xla" sums and fuses in its own order (losses agree to about 1e-6 relative).
"""

from __future__ import annotations

import inspect
import os
import threading
import time
import weakref

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # hide TensorFlow's C++ start-up log lines

import tensorflow as tf  # noqa: E402

from f2c.core.config import HYPERPARAMS  # noqa: E402
from f2c.lessons import ModeUnavailable  # noqa: E402

# Grappler's arithmetic optimizer rewrites graphs (e.g. x / sqrt(y) into x * rsqrt(y)), which rounds
# differently from the eager ops; without it a tf.function runs the eager float32 trajectory bit for bit.
tf.config.optimizer.set_experimental_options({"arithmetic_optimization": False})


def model(X, w, b):
    return w * X + b


def loss_fn(Y_hat, Y):
    squared_diffs = (Y_hat - Y) ** 2
    return tf.reduce_mean(squared_diffs)


# ---- Stage 1: hand-written backprop, hand-written update -------------------------------------


def dloss_fn(Y_hat, Y):
    dsq_diffs = 2 * (Y_hat - Y)
    return dsq_diffs


def dmodel_dw(X, w, b):
    return X


def dmodel_db(X, w, b):
    return 1.0


def grad_fn(X, Y, Y_hat, w, b):
    dloss_dw = dloss_fn(Y_hat, Y) * dmodel_dw(X, w, b)
    dloss_db = dloss_fn(Y_hat, Y) * dmodel_db(X, w, b)
    return tf.stack([tf.reduce_mean(dloss_dw), tf.reduce_mean(dloss_db)])


def stage1_step(params, X, Y, learning_rate):
    w, b = tf.unstack(params)  # the article writes `w, b = params`, which only works eagerly

    Y_hat = model(X, w, b)
    loss = loss_fn(Y_hat, Y)
    grad = grad_fn(X, Y, Y_hat, w, b)

    params = params - learning_rate * grad  # hand-written gradient descent
    return params, loss, grad


# ---- Stage 2: autograd (tf.GradientTape), hand-written update --------------------------------

loss_object = tf.keras.losses.MeanSquaredError()  # the article's loss in stages 2 and 3


def stage2_step(params, X, Y, learning_rate):
    with tf.GradientTape() as tape:
        tape.watch(params)  # params is a constant: tell the tape to follow it
        Y_hat = model(X, *tf.unstack(params))
        loss = loss_object(Y_hat, Y)
    gradients = tape.gradient(loss, params)  # automatic backprop

    params = params - learning_rate * gradients  # hand-written gradient descent
    return params, loss, gradients


# ---- Stage 3: autograd and a tf.keras optimizer ----------------------------------------------


def stage3_step(params, X, Y, optimizer):
    with tf.GradientTape() as tape:
        tape.watch(params)  # params is a tf.Variable: the tape would follow it anyway
        Y_hat = model(X, *tf.unstack(params))
        loss = loss_object(Y_hat, Y)
    gradients = tape.gradient(loss, params)

    optimizer.apply_gradients(zip([gradients], [params]))  # automatic gradient descent
    return params, loss, gradients


def make_optimizer(name, params, learning_rate):
    """A tf.keras optimizer with every hyper-parameter written out (Keras' defaults differ from torch's)."""
    h = HYPERPARAMS[name]
    off = {
        "weight_decay": None,
        "clipnorm": None,
        "clipvalue": None,
        "global_clipnorm": None,
        "use_ema": False,
    }
    if name == "sgd":
        optimizer = tf.keras.optimizers.SGD(learning_rate, momentum=0.0, nesterov=False, **off)
    elif name == "momentum":
        optimizer = tf.keras.optimizers.SGD(learning_rate, momentum=h["momentum"], nesterov=False, **off)
    elif name == "adam":
        optimizer = tf.keras.optimizers.Adam(
            learning_rate, beta_1=h["beta1"], beta_2=h["beta2"], epsilon=h["eps"], amsgrad=False, **off
        )
    elif name == "rmsprop":
        optimizer = tf.keras.optimizers.RMSprop(
            learning_rate, rho=h["rho"], momentum=0.0, epsilon=h["eps"], centered=False, **off
        )
    else:
        raise ValueError(f"unknown optimizer {name!r}")
    optimizer.build([params])  # create its slots (momentum, Adam moments) now, outside any tf.function
    return optimizer


STEPS = {1: stage1_step, 2: stage2_step, 3: stage3_step}


# ---- Runner: drives one stage, records every epoch -------------------------------------------
#
# Not part of the lesson: this is how the app runs the step functions above fast enough to watch.

CHUNK = 65_536  # epochs per call of a compiled loop (XLA's row buffer has this fixed size)
MODES = ("eager", "function", "xla")

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
