"""The article's three stages in JAX, float32, written the way the article writes them.

Stage 1 writes the gradient by hand in `jax.numpy`. Stage 2 asks `jax.value_and_grad` for it: JAX traces
the loss function and derives a second function that computes its gradient, so there is no tape and no
`.grad` attribute to zero. Stage 3 hands the update to an optax optimizer. Same names, same order as
numpy_lesson.py, torch_lesson.py and tf_lesson.py.

Stages 2 and 3 differentiate in w and b (`argnums=(0, 1)`) after `w, b = params`, as stage 1 does, rather
than in the vector params: the same numbers, and eager JAX traces the slicing of a vector inside jax.grad
at every epoch, which measured about 40% of an eager epoch.

The runners (eager, and `jax.jit` of a `lax.fori_loop` over epochs) are in f2c/lessons/runners/jax_runner.py;
the glue the app needs (tensors from arrays, the derived program, the source per mode) is at the bottom.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax

from f2c.core.config import FRAMEWORK_MODES, HYPERPARAMS
from f2c.lessons import hooks

# JAX computes in float32 unless x64 is switched on; the article's numbers are float32.
jax.config.update("jax_enable_x64", False)


def model(X, w, b):
    return w * X + b


def loss_fn(Y_hat, Y):
    squared_diffs = (Y_hat - Y) ** 2
    return squared_diffs.mean()


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
    return jnp.stack([dloss_dw.mean(), dloss_db.mean()])


def stage1_step(params, X, Y, learning_rate):
    w, b = params

    Y_hat = model(X, w, b)
    loss = loss_fn(Y_hat, Y)
    grad = grad_fn(X, Y, Y_hat, w, b)

    params = params - learning_rate * grad  # hand-written gradient descent
    return params, loss, grad


# ---- Stage 2: jax.grad, hand-written update --------------------------------------------------


def stage2_step(params, X, Y, learning_rate):
    w, b = params

    def loss_of(w, b):
        Y_hat = model(X, w, b)
        loss = loss_fn(Y_hat, Y)
        return loss

    # jax.value_and_grad turns loss_of into a function that returns the loss and its derivatives in w and
    # b. They are new values at every call, not a .grad that accumulates: there is nothing to zero.
    loss, (dloss_dw, dloss_db) = jax.value_and_grad(loss_of, argnums=(0, 1))(w, b)
    grad = jnp.stack([dloss_dw, dloss_db])

    params = params - learning_rate * grad  # hand-written gradient descent
    return params, loss, grad


# ---- Stage 3: jax.grad and the optimizer -----------------------------------------------------


def stage3_step(params, X, Y, optimizer):
    w, b = params

    def loss_of(w, b):
        Y_hat = model(X, w, b)
        loss = loss_fn(Y_hat, Y)
        return loss

    loss, (dloss_dw, dloss_db) = jax.value_and_grad(loss_of, argnums=(0, 1))(w, b)
    grad = jnp.stack([dloss_dw, dloss_db])

    # optax is pure: update() returns the step and the optimizer's next state, changing neither
    updates, optimizer.state = optimizer.update(grad, optimizer.state, params)
    params = optax.apply_updates(params, updates)
    return params, loss, grad


def make_optimizer(name, params, learning_rate):
    """Stage 3's optimizer, every hyper-parameter written out (f2c.core.config.HYPERPARAMS).

    optax's defaults differ from torch.optim's: RMSprop adds eps inside the square root unless
    eps_in_sqrt=False (torch adds it outside). Both start the square average at zero, and Adam's bias
    correction and eps placement are torch's.
    """
    hp = HYPERPARAMS[name]
    if name == "sgd":
        tx = optax.sgd(learning_rate, momentum=None, nesterov=False)
    elif name == "momentum":
        tx = optax.sgd(learning_rate, momentum=hp["momentum"], nesterov=False)
    elif name == "adam":
        tx = optax.adam(
            learning_rate, b1=hp["beta1"], b2=hp["beta2"], eps=hp["eps"], eps_root=0.0, nesterov=False
        )
    elif name == "rmsprop":
        tx = optax.rmsprop(
            learning_rate,
            decay=hp["rho"],
            eps=hp["eps"],
            initial_scale=0.0,
            eps_in_sqrt=False,
            centered=False,
            momentum=None,
            nesterov=False,
            bias_correction=False,
        )
    else:
        raise ValueError(f"unknown optimizer {name!r}")
    return Optimizer(tx, params)


class Optimizer:
    """An optax optimizer and its state. optax is pure (update() returns the next state instead of changing
    anything), so the state between epochs is kept here: torch.optim and Keras keep it inside the optimizer."""

    def __init__(self, transformation, params):
        self.update = transformation.update
        self.state = transformation.init(params)


STEPS = {1: stage1_step, 2: stage2_step, 3: stage3_step}


# ---- Protocol glue (f2c.lessons.Lesson): how the app reaches this lesson --------------------------
#
# The speed code is in f2c/lessons/runners/jax_runner.py, the "see inside" hooks (the gradient, the
# jaxpr JAX derives for it) in f2c/lessons/inside/jax_inside.py; both import this lesson, and are bound to it by name (lessons.hooks).

NAME = "jax"
TITLE = "JAX"
REQUIREMENTS = ("numpy", "jax", "optax")
MODES = FRAMEWORK_MODES[NAME]  # the registry (f2c.core.config) says which modes, fastest first
GRADIENT_SOURCE = "jax"


def as_inputs(x, y):
    return jnp.asarray(np.asarray(x), dtype=jnp.float32), jnp.asarray(np.asarray(y), dtype=jnp.float32)


def as_params(params, stage):
    # the same array for every stage: JAX differentiates functions, so no requires_grad and no Variable
    return jnp.asarray(np.asarray(params), dtype=jnp.float32)


def to_numpy(value):
    return np.asarray(value, dtype=np.float64)


def one_step(stage, X, Y, params, learning_rate, optimizer):
    hyper = make_optimizer(optimizer, params, learning_rate) if stage == 3 else learning_rate
    return STEPS[stage](params, X, Y, hyper)


make_runner, source, graph, gradient, program, __getattr__ = hooks(__name__)
