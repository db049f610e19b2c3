"""The TensorFlow article's cells, in its order, written against f2c.lessons.tf_lesson.

Stage 2 has no params.grad in TensorFlow: a GradientTape records the forward pass and hands the gradient
back once. Its three cells show the same three facts as PyTorch's: an unwatched constant has no gradient
(None), tape.gradient gives it, and a tape cannot be asked twice, so nothing piles up between epochs.
"""

from __future__ import annotations

import tensorflow as tf

from f2c.lessons import tf_lesson as lesson
from f2c.lessons.cells import log_lines, run_fastest
from f2c.lessons.tf_lesson import grad_fn, loss_fn, loss_object, model, stage1_step

FASTEST = (
    "xla",
    "function",
    "eager",
)  # the modes to try, fastest first (see f2c.core.config.FRAMEWORK_MODES)


def data():
    Y = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]  # Celsius
    X = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]  # Fahrenheit
    Y = tf.constant(Y)
    X = tf.constant(X)
    return X, Y


def predict(X):
    w = tf.ones(1)
    b = tf.zeros(1)
    Y_hat = model(X, w, b)
    return Y_hat


def loss_at_start(X, Y):
    Y_hat = model(X, tf.ones(1), tf.zeros(1))
    loss = loss_fn(Y_hat, Y)
    return loss


def hand_gradient(X, Y):
    w, b = tf.ones(1), tf.zeros(1)
    Y_hat = model(X, w, b)
    grad = grad_fn(X, Y, Y_hat, w, b)  # dloss_fn · dmodel_dw and · dmodel_db, averaged
    return grad


def one_update(X, Y):
    params = tf.constant([1.00, 0.01])
    params, loss, grad = stage1_step(params, X, Y, learning_rate=1e-4)  # params - learning_rate * grad
    return params


def stage1_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage1_step in TensorFlow's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 1, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, tf.constant(params)


def grad_none(X, Y):
    params = tf.constant([1.00, 0.01])
    with tf.GradientTape() as tape:  # no tape.watch(params): a constant is not followed
        loss = loss_object(model(X, *tf.unstack(params)), Y)
    return tape.gradient(loss, params) is None


def backward(X, Y):
    params = tf.constant([1.00, 0.01])
    with tf.GradientTape() as tape:
        tape.watch(params)  # follow the constant
        Y_hat = model(X, *tf.unstack(params))
        loss = loss_object(Y_hat, Y)
    gradients = tape.gradient(loss, params)  # automatic backprop
    return gradients


def zeroing(X, Y):
    params = tf.constant([1.00, 0.01])
    with tf.GradientTape() as tape:
        tape.watch(params)
        loss = loss_object(model(X, *tf.unstack(params)), Y)
    tape.gradient(loss, params)
    try:
        tape.gradient(loss, params)  # a tape gives its gradient once, then lets go of what it recorded
    except RuntimeError as error:
        return f"RuntimeError: {error}"
    return "no error"


def backward_twice(X, Y):
    params = tf.constant([1.0, 0.0])
    for _ in range(2):  # two epochs: a new tape each time, so nothing carries over
        with tf.GradientTape() as tape:
            tape.watch(params)
            loss = loss_object(model(X, *tf.unstack(params)), Y)
        gradients = tape.gradient(loss, params)
    return gradients


def stage2_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage2_step in TensorFlow's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 2, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, tf.constant(params)


def optimizer_step(X, Y):
    params = tf.Variable([1.00, 0.01])
    optimizer = tf.keras.optimizers.SGD(learning_rate=1e-4)
    with tf.GradientTape() as tape:
        tape.watch(params)
        loss = loss_object(model(X, *tf.unstack(params)), Y)
    gradients = tape.gradient(loss, params)
    optimizer.apply_gradients(zip([gradients], [params]))
    return params


def stage3_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage3_step in TensorFlow's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 3, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, tf.Variable(params)
