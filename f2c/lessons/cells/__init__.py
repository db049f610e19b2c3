"""The article's notebook cells, one module per framework, run by the guided path (f2c.ui.guide).

Each module defines the same functions in the order the article's cells come, each the body of one cell
written against that framework's lesson (f2c.lessons.<fw>_lesson): the guide shows a cell's source with
inspect.getsource and runs that very function. A cell returns what the notebook would print.

    data()                    X, Y as the framework's tensors
    predict(X)                Y_hat at w = 1, b = 0
    loss_at_start(X, Y)       the loss there
    hand_gradient(X, Y)       stage 1's hand-written grad_fn there
    one_update(X, Y)          one hand-written update from [1.0, 0.01] with lr = 1e-4
    stage1_loop(X, Y)         the article's 330,000 epochs: (printed lines, params)
    grad_none(X, Y)           stage 2 before backprop (torch: params.grad is None)
    backward(X, Y)            autograd's gradient at (1, 0)
    zeroing(X, Y)             clearing the gradient between epochs
    backward_twice(X, Y)      two backward passes without clearing (shown in a question's answer)
    stage2_loop(X, Y)
    optimizer_step(X, Y)      stage 3: one step of the framework's SGD from [1.0, 0.01]
    stage3_loop(X, Y)

The loops call the lesson's runner, which runs the lesson's STEPS[stage] (shown beside the cell) epoch
after epoch in the framework's fastest mode, so the article's 330,000 epochs take seconds, not minutes.
"""

from __future__ import annotations

import importlib
from types import ModuleType

MODULES = {
    "numpy": "f2c.lessons.cells.numpy_cells",
    "torch": "f2c.lessons.cells.torch_cells",
    "tensorflow": "f2c.lessons.cells.tf_cells",
}

CELLS = (
    "data",
    "predict",
    "loss_at_start",
    "hand_gradient",
    "one_update",
    "stage1_loop",
    "grad_none",
    "backward",
    "zeroing",
    "stage2_loop",
    "optimizer_step",
    "stage3_loop",
)

# Which lesson stage each loop cell runs, so the guide can show that stage's step function beside it.
LOOP_STAGE = {"stage1_loop": 1, "stage2_loop": 2, "stage3_loop": 3}


def load(framework: str) -> ModuleType:
    return importlib.import_module(MODULES[framework])


def log_lines(rows, every=30_000):
    """The article's `print('Epoch %d, Loss %f' % (epoch, float(loss)))`, from a runner's rows."""
    return [
        "Epoch %d, Loss %f" % (epoch, float(rows[epoch - 1, 2]))
        for epoch in range(every, len(rows) + 1, every)
    ]


def run_fastest(lesson, modes, stage, learning_rate, params, X, Y, n_epochs):
    """The lesson's runner in the first of `modes` this host can run; returns (rows, final params)."""
    w0, b0 = params
    from f2c.lessons import ModeUnavailable

    for mode in modes:
        try:
            runner = lesson.make_runner(stage, "sgd", learning_rate, w0, b0, X, Y, mode)
        except ModeUnavailable:
            continue
        return runner.run(n_epochs), runner.params()
    raise ModeUnavailable(f"none of {modes}")
