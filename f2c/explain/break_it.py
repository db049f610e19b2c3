"""Break stage 2 on purpose, with the real frameworks, and record what happens.

1. Forget to zero the gradient. torch (and our autodiff, which copies torch) *adds* each backward()
   into params.grad, so without `params.grad.zero_()` epoch k steps along the sum of k gradients.
   TensorFlow's tape hands back a fresh gradient each time: there is nothing to forget, and the same
   bug only appears if you keep a running sum yourself (shown, so that the three columns line up).
2. Update the parameters without leaving the autograd graph. torch refuses an in-place update of a leaf
   that requires grad (RuntimeError); in TensorFlow `params = params - lr * grads` turns the Variable into
   a plain Tensor that the tape no longer watches, so the next gradient is None (TypeError); our autodiff
   raises nothing but chains every epoch onto the last one, so its graph grows without end.

No Streamlit here. Every step function below is shown in the app with inspect.getsource.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

# ---- 1. forgetting to zero the gradient ------------------------------------------------------


def torch_step(params, X, Y, learning_rate, zero_grad=True):
    import torch

    from f2c.lessons.torch_lesson import loss_fn, model

    if zero_grad and params.grad is not None:
        params.grad.zero_()  # the line that is easy to forget
    loss = loss_fn(model(X, *params), Y)
    loss.backward()  # ADDS this epoch's gradient into params.grad
    with torch.no_grad():
        params -= learning_rate * params.grad
    return float(loss.detach())


def autodiff_step(params, X, Y, learning_rate, zero_grad=True):
    from f2c.lessons.numpy_lesson import loss_fn, model

    if zero_grad and params.grad is not None:
        params.grad.zero_()  # the line that is easy to forget
    loss = loss_fn(model(X, *params), Y)
    loss.backward()  # ADDS this epoch's gradient into params.grad
    params.data -= learning_rate * params.grad.data  # update the numbers, outside the graph
    return float(loss.data)


def tensorflow_step(params, grad_sum, X, Y, learning_rate, zero_grad=True):
    import tensorflow as tf

    from f2c.lessons.tf_lesson import loss_fn, model

    with tf.GradientTape() as tape:
        loss = loss_fn(model(X, *tf.unstack(params)), Y)
    gradients = tape.gradient(loss, params)  # always a fresh gradient: nothing to zero
    if zero_grad:
        grad_sum.assign(tf.zeros_like(grad_sum))  # only a hand-kept running sum needs resetting
    grad_sum.assign_add(gradients)
    params.assign_sub(learning_rate * grad_sum)
    return float(loss)


@dataclass
class Path:
    """Parameters at the start of each epoch and the loss there (finite epochs only)."""

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    diverged_epoch: int | None = None


def _run(step, params_of, epochs: int) -> Path:
    ws, bs, losses = [], [], []
    diverged = None
    with np.errstate(all="ignore"):
        for epoch in range(1, epochs + 1):
            w, b = params_of()
            loss = step()
            if not (np.isfinite(w) and np.isfinite(b) and np.isfinite(loss)):
                diverged = epoch
                break
            ws.append(w)
            bs.append(b)
            losses.append(loss)
    return Path(np.array(ws), np.array(bs), np.array(losses), diverged)


def _path(framework: str, x32, y32, lr: float, w0: float, b0: float, epochs: int, zero: bool) -> Path:
    if framework == "torch":
        import torch

        X, Y = torch.tensor(x32), torch.tensor(y32)
        params = torch.tensor([w0, b0], dtype=torch.float32, requires_grad=True)
        return _run(
            lambda: torch_step(params, X, Y, lr, zero),
            lambda: tuple(float(v) for v in params.detach().numpy()),
            epochs,
        )
    if framework == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import tensorflow as tf

        X, Y = tf.constant(x32), tf.constant(y32)
        params = tf.Variable([w0, b0], dtype=tf.float32)
        grad_sum = tf.Variable([0.0, 0.0], dtype=tf.float32)
        return _run(
            lambda: tensorflow_step(params, grad_sum, X, Y, lr, zero),
            lambda: tuple(float(v) for v in params.numpy()),
            epochs,
        )
    from f2c.autodiff import tensor as autodiff

    params = autodiff.tensor([w0, b0], requires_grad=True)
    return _run(
        lambda: autodiff_step(params, x32, y32, lr, zero),
        lambda: tuple(float(v) for v in params.data),
        epochs,
    )


def forget_zero(framework: str, x, y, lr: float, w0: float, b0: float, epochs: int = 300) -> dict[str, Path]:
    """{"right": the path with zeroing, "wrong": the path without}, by the real framework's calls."""
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    return {
        "right": _path(framework, x32, y32, lr, w0, b0, epochs, True),
        "wrong": _path(framework, x32, y32, lr, w0, b0, epochs, False),
    }


# ---- 2. updating the parameters inside the graph ----------------------------------------------


def torch_update_in_graph(params, X, Y, learning_rate):
    from f2c.lessons.torch_lesson import loss_fn, model

    loss = loss_fn(model(X, *params), Y)
    loss.backward()
    params -= learning_rate * params.grad  # forgot `with torch.no_grad():`
    return loss


def tensorflow_update_in_graph(params, X, Y, learning_rate):
    import tensorflow as tf

    from f2c.lessons.tf_lesson import loss_fn, model

    with tf.GradientTape() as tape:  # no tape.watch: the tape follows Variables only
        loss = loss_fn(model(X, *tf.unstack(params)), Y)
    gradients = tape.gradient(loss, params)
    params = params - learning_rate * gradients  # a new plain Tensor, no longer the Variable
    return params, loss


def autodiff_update_in_graph(params, X, Y, learning_rate):
    from f2c.lessons.numpy_lesson import loss_fn, model

    if params.grad is not None:
        params.grad.zero_()
    loss = loss_fn(model(X, *params), Y)
    loss.backward()
    params = params - learning_rate * params.grad  # forgot .detach(): the update joins the graph
    return params, loss


@dataclass
class Caught:
    framework: str
    error_type: str | None  # e.g. "RuntimeError"; None when the framework raised nothing
    message: str
    epoch: int  # the epoch (1-based) in which it was raised, or the epochs run without an error
    graph_nodes: list[int] | None = None  # our autodiff: the graph's size after each epoch


def update_in_graph(framework: str, x, y, lr: float, w0: float, b0: float, epochs: int = 5) -> Caught:
    """Run the broken update for a few epochs with the real framework; return the error it raises."""
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    done = 0  # epochs finished without an error
    try:
        if framework == "torch":
            import torch

            X, Y = torch.tensor(x32), torch.tensor(y32)
            params = torch.tensor([w0, b0], dtype=torch.float32, requires_grad=True)
            for _ in range(epochs):
                torch_update_in_graph(params, X, Y, lr)
                done += 1
        elif framework == "tensorflow":
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
            import tensorflow as tf

            X, Y = tf.constant(x32), tf.constant(y32)
            params = tf.Variable([w0, b0], dtype=tf.float32)
            for _ in range(epochs):
                params, _ = tensorflow_update_in_graph(params, X, Y, lr)
                done += 1
        else:
            from f2c.autodiff import tensor as autodiff

            params = autodiff.tensor([w0, b0], requires_grad=True)
            sizes = []
            for _ in range(epochs):
                params, loss = autodiff_update_in_graph(params, x32, y32, lr)
                sizes.append(len(autodiff.topological_order(loss)))
            return Caught(framework, None, "", epochs, sizes)
    except Exception as error:  # the point of the exercise: show what the framework says
        message = (str(error).strip().splitlines() or [""])[0][:400]
        return Caught(framework, type(error).__name__, message, done + 1)
    return Caught(framework, None, "", epochs)
