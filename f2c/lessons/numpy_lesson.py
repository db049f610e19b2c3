"""The article's three stages with no framework at all: NumPy arrays, float32, as the article uses.

Stage 1 writes the gradient by hand. Stage 2 lets f2c.autodiff (our own small autograd) find it.
Stage 3 hands the update to an optimizer class of ours. Same names, same order as torch_lesson.py
and tf_lesson.py.
"""

from __future__ import annotations

import numpy as np

from f2c.autodiff import optim
from f2c.autodiff import tensor as autodiff
from f2c.core.config import FRAMEWORK_MODES, HYPERPARAMS
from f2c.lessons import hooks


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
    return np.stack([dloss_dw.mean(), dloss_db.mean()])


def stage1_step(params, X, Y, learning_rate):
    w, b = params

    Y_hat = model(X, w, b)
    loss = loss_fn(Y_hat, Y)
    grad = grad_fn(X, Y, Y_hat, w, b)

    params = params - learning_rate * grad  # hand-written gradient descent
    return params, loss, grad


# ---- Stage 2: autograd (f2c.autodiff), hand-written update -----------------------------------


def stage2_step(params, X, Y, learning_rate):
    if params.grad is not None:  # clear the gradient of the previous epoch
        params.grad.zero_()

    Y_hat = model(X, *params)
    loss = loss_fn(Y_hat, Y)
    loss.backward()  # autograd fills params.grad
    grad = params.grad

    params = (params - learning_rate * params.grad).detach().requires_grad_()
    return params, loss, grad


# ---- Stage 3: autograd and the optimizer (f2c.autodiff.optim) -----------------------------------------


def stage3_step(params, X, Y, optimizer):
    Y_hat = model(X, *params)
    loss = loss_fn(Y_hat, Y)

    optimizer.zero_grad()
    loss.backward()
    grad = params.grad
    optimizer.step()  # updates params in place
    return params, loss, grad


def make_optimizer(name, params, learning_rate):
    """Stage 3's optimizer, every hyper-parameter written out (f2c.core.config.HYPERPARAMS)."""
    hp = HYPERPARAMS.get(name, {})
    if name == "sgd":
        return optim.SGD([params], lr=learning_rate, momentum=0.0)
    if name == "momentum":
        return optim.SGD([params], lr=learning_rate, momentum=hp["momentum"])
    if name == "adam":
        return optim.Adam([params], lr=learning_rate, beta1=hp["beta1"], beta2=hp["beta2"], eps=hp["eps"])
    if name == "rmsprop":
        return optim.RMSprop([params], lr=learning_rate, rho=hp["rho"], eps=hp["eps"])
    raise ValueError(f"unknown optimizer {name!r}")


STEPS = {1: stage1_step, 2: stage2_step, 3: stage3_step}


# ---- Protocol glue (f2c.lessons.Lesson): how the app reaches this lesson --------------------------
#
# The speed code is in f2c/lessons/runners/numpy_runner.py, the \"see inside\" hooks in
# f2c/lessons/inside/numpy_inside.py; both import this lesson, and are bound to it by name (lessons.hooks).

NAME = "numpy"
TITLE = "NumPy (from scratch)"
REQUIREMENTS = ("numpy",)
MODES = FRAMEWORK_MODES[NAME]  # the registry (f2c.core.config) says which modes, fastest first
GRADIENT_SOURCE = "autodiff"


def as_inputs(x, y):
    return np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)


def as_params(params, stage):
    params = np.array(params, dtype=np.float32)  # a copy: a step may update it in place
    return autodiff.tensor(params, requires_grad=True) if stage > 1 else params


def to_numpy(value):
    return np.asarray(value.data if isinstance(value, autodiff.Tensor) else value, dtype=np.float64)


def one_step(stage, X, Y, params, learning_rate, optimizer):
    hyper = make_optimizer(optimizer, params, learning_rate) if stage == 3 else learning_rate
    return STEPS[stage](params, X, Y, hyper)


make_runner, source, graph, gradient, program, __getattr__ = hooks(__name__)
