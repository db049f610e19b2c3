"""Break stage 2 on purpose, with the real frameworks, and record what happens.

1. Forget to zero the gradient. torch (and our autodiff, which copies torch) *adds* each backward()
   into params.grad, so without `params.grad.zero_()` epoch k steps along the sum of k gradients.
   TensorFlow's tape hands back a fresh gradient each time: there is nothing to forget, and the same
   bug only appears if you keep a running sum yourself (shown, so that the three columns line up).
2. Update the parameters without leaving the autograd graph. torch refuses an in-place update of a leaf
   that requires grad (RuntimeError); in TensorFlow `params = params - lr * grads` turns the Variable into
   a plain Tensor that the tape no longer watches, so the next gradient is None (TypeError); our autodiff
   raises nothing but chains every epoch onto the last one, so its graph grows without end.

No Streamlit and no framework here: each lesson's BREAK_IT (f2c.lessons.inside.<framework>_inside) holds its
step functions, written with the framework's real calls; the app shows them with inspect.getsource.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from f2c import lessons


def hooks(framework: str) -> lessons.BreakIt:
    hooks = lessons.load(framework).BREAK_IT
    if hooks is None:
        raise ValueError(f"{framework} has no break-it exercises")
    return hooks


def shown_steps(framework: str) -> tuple:
    """(the step that forgets to zero, the step that updates inside the graph): what the app shows."""
    h = hooks(framework)
    return h.forget_zero_step, h.update_in_graph_step


# ---- 1. forgetting to zero the gradient ------------------------------------------------------


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


def forget_zero(framework: str, x, y, lr: float, w0: float, b0: float, epochs: int = 300) -> dict[str, Path]:
    """{"right": the path with zeroing, "wrong": the path without}, by the real framework's calls."""
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    h = hooks(framework)
    return {
        "right": _run(*h.forget_zero(x32, y32, lr, w0, b0, True), epochs),
        "wrong": _run(*h.forget_zero(x32, y32, lr, w0, b0, False), epochs),
    }


# ---- 2. updating the parameters inside the graph ----------------------------------------------


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
    sizes: list[int] = []
    epoch_sizes = hooks(framework).update_in_graph(x32, y32, lr, w0, b0)
    try:
        for _ in range(epochs):
            size = next(epoch_sizes)
            done += 1
            if size is not None:
                sizes.append(size)
    except Exception as error:  # the point of the exercise: show what the framework says
        message = (str(error).strip().splitlines() or [""])[0][:400]
        return Caught(framework, type(error).__name__, message, done + 1)
    return Caught(framework, None, "", epochs, sizes or None)
