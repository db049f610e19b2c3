"""The article's single-step cells for one framework and stage, computed by the lesson module's own functions.

No Streamlit: `single_step(...)` returns plain NumPy values that the UI shows cell by cell:

    Y_hat = model(X, w, b)          the forward pass
    loss  = loss_fn(Y_hat, Y)
    stage 1:  dloss_fn(Y_hat, Y), dmodel_dw(X, w, b), dmodel_db(X, w, b), grad_fn(...)   (the chain rule)
    stage 2:  autograd's gradient
    stage 3:  autograd's gradient and the optimizer's step
    params  = the new parameters

The update itself is the lesson's STEPS[stage] function (Lesson.one_step), the very function a run repeats.
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


def single_step(
    framework: str, stage: int, x, y, w: float, b: float, learning_rate: float, optimizer: str = "sgd"
) -> StepCells:
    """One epoch of the chosen stage at (w, b), every intermediate value as the article's cells show it."""
    lesson = lessons.load(framework)
    to_numpy = lesson.to_numpy
    X, Y = lesson.as_inputs(np.asarray(x, np.float32), np.asarray(y, np.float32))
    params = lesson.as_params(np.asarray([w, b], dtype=np.float32), stage)
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
    new_params, loss2, grad = lesson.one_step(stage, X, Y, params, learning_rate, optimizer)
    cells.grad = to_numpy(grad).reshape(-1)[:2]
    cells.new_params = to_numpy(new_params).reshape(-1)[:2]
    cells.loss = float(to_numpy(loss2))
    return cells


def loss_and_grad(x, y, w: float, b: float) -> tuple[float, float, float]:
    """Float64 mean squared error and [dL/dw, dL/db] at (w, b): the readout before any epoch ran."""
    dw, db = gradient_at(x, y, w, b)
    return float(loss_at(x, y, w, b)), float(dw), float(db)
