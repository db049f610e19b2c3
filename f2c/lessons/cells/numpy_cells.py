"""The article's cells with NumPy and f2c.autodiff (our own autograd), in the PyTorch article's order."""

from __future__ import annotations

import numpy as np

from f2c.autodiff import optim
from f2c.autodiff import tensor as autodiff
from f2c.lessons import numpy_lesson as lesson
from f2c.lessons.cells import log_lines, run_fastest
from f2c.lessons.numpy_lesson import grad_fn, loss_fn, model, stage1_step

FASTEST = ("function", "eager")  # the modes to try, fastest first (see f2c.core.config.FRAMEWORK_MODES)


def data():
    Y = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]  # Celsius
    X = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]  # "Fahrenheit"
    Y = np.array(Y, dtype=np.float32)
    X = np.array(X, dtype=np.float32)
    return X, Y


def predict(X):
    w = np.ones(1, dtype=np.float32)
    b = np.zeros(1, dtype=np.float32)
    Y_hat = model(X, w, b)
    return Y_hat


def loss_at_start(X, Y):
    Y_hat = model(X, np.float32(1.0), np.float32(0.0))
    loss = loss_fn(Y_hat, Y)
    return loss


def hand_gradient(X, Y):
    w, b = np.float32(1.0), np.float32(0.0)
    Y_hat = model(X, w, b)
    grad = grad_fn(X, Y, Y_hat, w, b)  # dloss_fn · dmodel_dw and · dmodel_db, averaged
    return grad


def one_update(X, Y):
    params = np.array([1.00, 0.01], dtype=np.float32)
    params, loss, grad = stage1_step(params, X, Y, learning_rate=1e-4)  # params - learning_rate * grad
    return params


def stage1_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage1_step in NumPy's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 1, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, np.array(params, dtype=np.float32)


def grad_none(X, Y):
    params = autodiff.tensor([1.0, 0.0], requires_grad=True)
    return params.grad is None


def backward(X, Y):
    params = autodiff.tensor([1.0, 0.0], requires_grad=True)
    Y_hat = model(autodiff.tensor(X), *params)
    loss = loss_fn(Y_hat, autodiff.tensor(Y))
    loss.backward()  # autograd walks the graph back from loss and fills params.grad
    return params.grad


def zeroing(X, Y):
    params = autodiff.tensor([1.0, 0.0], requires_grad=True)
    loss_fn(model(autodiff.tensor(X), *params), autodiff.tensor(Y)).backward()
    if params.grad is not None:  # clear the gradient before the next epoch's backward()
        params.grad.zero_()
    return params.grad


def backward_twice(X, Y):
    params = autodiff.tensor([1.0, 0.0], requires_grad=True)
    for _ in range(2):  # two epochs' backward passes, no zero_() between them
        loss = loss_fn(model(autodiff.tensor(X), *params), autodiff.tensor(Y))
        loss.backward()  # adds to params.grad
    return params.grad


def stage2_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage2_step in NumPy's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 2, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, np.array(params, dtype=np.float32)


def optimizer_step(X, Y):
    params = autodiff.tensor([1.00, 0.01], requires_grad=True)
    optimizer = optim.SGD([params], lr=1e-4)
    loss = loss_fn(model(autodiff.tensor(X), *params), autodiff.tensor(Y))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()  # params.data -= lr * params.grad, in place
    return params


def stage3_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage3_step in NumPy's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 3, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, np.array(params, dtype=np.float32)
