"""The article's single-step cells for one framework and stage, computed by the lesson module's own functions.

No Streamlit: `single_step(...)` returns plain NumPy values that the UI shows cell by cell:

    Y_hat = model(X, w, b)          the forward pass
    loss  = loss_fn(Y_hat, Y)
    stage 1:  dloss_fn(Y_hat, Y), dmodel_dw(X, w, b), dmodel_db(X, w, b), grad_fn(...)   (the chain rule)
    stage 2:  autograd's gradient
    stage 3:  autograd's gradient and the optimizer's step
    params  = the new parameters

The update itself is the lesson's STEPS[stage] function, the very function a run repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from f2c import lessons
from f2c.core.analysis import gradient_at, loss_at


@dataclass
class StepCells:
    framework: str
    stage: int
    params: np.ndarray  # [w, b] before the step (model units)
    Y_hat: np.ndarray
    loss: float
    grad: np.ndarray  # [dL/dw, dL/db]
    new_params: np.ndarray
    factors: dict[str, np.ndarray] = field(default_factory=dict)  # stage 1: dloss, dmodel_dw, dmodel_db


def to_numpy(value) -> np.ndarray:
    """A NumPy, torch or TensorFlow value as a float64 NumPy array."""
    if type(value).__module__ == "f2c.autodiff.tensor":  # our own Tensor
        value = value.data
    elif hasattr(value, "detach"):  # torch
        value = value.detach().cpu().numpy()
    elif hasattr(value, "numpy"):  # TensorFlow tensors and variables
        value = value.numpy()
    return np.asarray(value, dtype=np.float64)


def _tensors(framework: str, lesson, stage: int, x, y, w: float, b: float):
    """X, Y and params as the lesson's stage expects them (as the article creates them)."""
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    p32 = np.asarray([w, b], dtype=np.float32)
    if hasattr(lesson, "as_inputs") and hasattr(lesson, "as_params"):
        X, Y = lesson.as_inputs(x32, y32)
        return X, Y, lesson.as_params(p32, stage)
    if framework == "torch":
        import torch

        X, Y = torch.tensor(x32), torch.tensor(y32)
        return X, Y, torch.tensor(p32, requires_grad=stage >= 2)
    if framework == "tensorflow":
        import tensorflow as tf

        X, Y = tf.constant(x32), tf.constant(y32)
        return X, Y, (tf.Variable(p32) if stage == 3 else tf.constant(p32))
    if stage >= 2:  # NumPy from scratch: our autodiff Tensor, as torch's stages 2 and 3 use torch's
        from f2c.autodiff import tensor as autodiff

        return x32, y32, autodiff.tensor(p32, requires_grad=True)
    return x32, y32, p32


def single_step(
    framework: str, stage: int, x, y, w: float, b: float, learning_rate: float, optimizer: str = "sgd"
) -> StepCells:
    """One epoch of the chosen stage at (w, b), every intermediate value as the article's cells show it."""
    lesson = lessons.load(framework)
    X, Y, params = _tensors(framework, lesson, stage, x, y, w, b)
    w_t, b_t = params[0], params[1]
    Y_hat = lesson.model(X, w_t, b_t)
    loss = lesson.loss_fn(Y_hat, Y)
    factors: dict[str, np.ndarray] = {}
    if stage == 1:
        factors = {
            "dloss_fn": to_numpy(lesson.dloss_fn(Y_hat, Y)),
            "dmodel_dw": to_numpy(lesson.dmodel_dw(X, w_t, b_t)),
            "dmodel_db": to_numpy(lesson.dmodel_db(X, w_t, b_t)),
        }
    cells = StepCells(
        framework,
        stage,
        np.asarray([w, b], dtype=np.float64),
        to_numpy(Y_hat),
        float(to_numpy(loss)),
        np.zeros(2),
        np.zeros(2),
        factors,
    )
    step = lesson.STEPS[stage]
    if stage == 3:
        opt = lesson.make_optimizer(optimizer, params, learning_rate)
        new_params, loss2, grad = step(params, X, Y, opt)
    else:
        new_params, loss2, grad = step(params, X, Y, learning_rate)
    cells.grad = to_numpy(grad).reshape(-1)[:2]
    cells.new_params = to_numpy(new_params).reshape(-1)[:2]
    cells.loss = float(to_numpy(loss2))
    return cells


def loss_and_grad(x, y, w: float, b: float) -> tuple[float, float, float]:
    """Float64 mean squared error and [dL/dw, dL/db] at (w, b): the readout before any epoch ran."""
    dw, db = gradient_at(x, y, w, b)
    return float(loss_at(x, y, w, b)), float(dw), float(db)
