"""The article's three stages in TensorFlow, written as the article writes them (float32 throughout).

Stage 1 writes the gradient by hand. Stage 2 lets tf.GradientTape find it. Stage 3 hands the update to a
tf.keras optimizer. Same names, same order as numpy_lesson.py and torch_lesson.py.

Its runner (f2c/lessons/runners/tf_runner.py) runs the step functions eagerly, in a tf.function, or
compiled by XLA.
"""

from __future__ import annotations

import os

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # hide TensorFlow's C++ start-up log lines

import tensorflow as tf  # noqa: E402

from f2c.core.config import FRAMEWORK_MODES, HYPERPARAMS  # noqa: E402
from f2c.lessons import hooks


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


# ---- Protocol glue (f2c.lessons.Lesson): how the app reaches this lesson --------------------------
#
# The speed code is in f2c/lessons/runners/tf_runner.py, the \"see inside\" hooks in
# f2c/lessons/inside/tf_inside.py; both import this lesson, and are bound to it by name (lessons.hooks).

NAME = "tensorflow"
TITLE = "TensorFlow"
REQUIREMENTS = ("numpy", "tensorflow")
MODES = FRAMEWORK_MODES[NAME]  # the registry (f2c.core.config) says which modes, fastest first
GRADIENT_SOURCE = "tensorflow"


def as_inputs(x, y):
    return tf.constant(np.asarray(x, np.float32)), tf.constant(np.asarray(y, np.float32))


def as_params(params, stage):
    params = np.asarray(params, np.float32)
    return tf.Variable(params) if stage == 3 else tf.constant(params)  # stage 3's optimizer needs a Variable


def to_numpy(value):
    if hasattr(value, "numpy"):  # tensors and variables
        value = value.numpy()
    return np.asarray(value, dtype=np.float64)


def one_step(stage, X, Y, params, learning_rate, optimizer):
    hyper = make_optimizer(optimizer, params, learning_rate) if stage == 3 else learning_rate
    return STEPS[stage](params, X, Y, hyper)


make_runner, source, graph, gradient, program, __getattr__ = hooks(__name__)
