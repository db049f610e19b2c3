"""The PyTorch article's cells, in its order, written against f2c.lessons.torch_lesson."""

from __future__ import annotations

import torch
import torch.optim as optim

from f2c.lessons import torch_lesson as lesson
from f2c.lessons.cells import log_lines, run_fastest
from f2c.lessons.torch_lesson import grad_fn, loss_fn, model, stage1_step

torch.set_printoptions(edgeitems=2)


FASTEST = ("compiled", "eager")  # the modes to try, fastest first (see f2c.core.config.FRAMEWORK_MODES)


def data():
    Y = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]  # Celsius
    X = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]  # Fahrenheit
    Y = torch.tensor(Y, requires_grad=False)
    X = torch.tensor(X, requires_grad=False)
    return X, Y


def predict(X):
    w = torch.ones(1)
    b = torch.zeros(1)
    Y_hat = model(X, w, b)
    return Y_hat


def loss_at_start(X, Y):
    Y_hat = model(X, torch.ones(1), torch.zeros(1))
    loss = loss_fn(Y_hat, Y)
    return loss


def hand_gradient(X, Y):
    w, b = torch.ones(1), torch.zeros(1)
    Y_hat = model(X, w, b)
    grad = grad_fn(X, Y, Y_hat, w, b)  # dloss_fn · dmodel_dw and · dmodel_db, averaged
    return grad.flatten()


def one_update(X, Y):
    params = torch.tensor([1.00, 0.01])
    params, loss, grad = stage1_step(params, X, Y, learning_rate=1e-4)  # params - learning_rate * grad
    return params


def stage1_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage1_step in PyTorch's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 1, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, torch.tensor(params)


def grad_none(X, Y):
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    return params.grad is None


def backward(X, Y):
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    Y_hat = model(X, *params)
    loss = loss_fn(Y_hat, Y)
    loss.backward()  # autograd walks the graph back from loss and fills params.grad
    return params.grad


def zeroing(X, Y):
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    loss_fn(model(X, *params), Y).backward()
    if params.grad is not None:  # clear the gradient before the next epoch's backward()
        params.grad.zero_()
    return params.grad


def backward_twice(X, Y):
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    for _ in range(2):  # two epochs' backward passes, no zero_() between them
        loss = loss_fn(model(X, *params), Y)
        loss.backward()  # adds to params.grad
    return params.grad


def stage2_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage2_step in PyTorch's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 2, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, torch.tensor(params, requires_grad=True)


def optimizer_step(X, Y):
    params = torch.tensor([1.00, 0.01], requires_grad=True)
    optimizer = optim.SGD([params], lr=1e-4)
    Y_hat = model(X, *params)
    loss = loss_fn(Y_hat, Y)
    loss.backward()
    optimizer.step()
    return params


def stage3_loop(X, Y, n_epochs=330_000, learning_rate=1e-4):
    params = [1.00, 0.01]
    # The article's `for epoch in range(1, n_epochs + 1)` around the step below:
    # the lesson's runner repeats stage3_step in PyTorch's fastest mode
    # and records w, b, loss, dw, db of every epoch.
    rows, params = run_fastest(lesson, FASTEST, 3, learning_rate, params, X, Y, n_epochs)
    printed = log_lines(rows)  # 'Epoch %d, Loss %f' every 30,000 epochs, as the article prints
    return printed, torch.tensor(params, requires_grad=True)
