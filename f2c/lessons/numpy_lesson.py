"""The article's three stages with no framework at all: NumPy arrays, float32, as the article uses.

Stage 1 writes the gradient by hand. Stage 2 lets f2c.autodiff (our own small autograd) find it.
Stage 3 hands the update to an optimizer class of ours. Same names, same order as torch_lesson.py
and tf_lesson.py.
"""

from __future__ import annotations

import numpy as np


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
