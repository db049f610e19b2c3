"""The article's three stages, one module per framework, written the way the article teaches them.

Every lesson module has the same names in the same order, so they can be read side by side:

    model(X, w, b)                       the linear model  Y_hat = w * X + b
    loss_fn(Y_hat, Y)                    mean squared error
    dloss_fn, dmodel_dw, dmodel_db       the hand-written derivative factors (stage 1)
    grad_fn(X, Y, Y_hat, w, b)           the hand-written gradient [dL/dw, dL/db] (stage 1)
    stage1_step(params, X, Y, learning_rate) -> (params, loss, grad)   hand-written backprop and update
    stage2_step(params, X, Y, learning_rate) -> (params, loss, grad)   autograd, hand-written update
    stage3_step(params, X, Y, optimizer)     -> (params, loss, grad)   autograd and the optimizer
    make_optimizer(name, params, learning_rate)                        stage 3's optimizer
    STEPS = {1: stage1_step, 2: stage2_step, 3: stage3_step}            what the app shows as source
    make_runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode) -> Runner

A step function is one pass of the article's `for epoch in ...` body. It returns the new parameters and
the loss and gradient computed at the old ones (what the article prints).

A Runner holds the training state across calls:
    runner.mode              the mode that really runs ("eager", "function", "xla", "compiled")
    runner.compile_seconds   one-time tracing / compiling done in make_runner (0.0 for eager)
    runner.notice            None, or an i18n key saying why a requested mode fell back
    runner.params()          the current parameters (w, b) as Python floats, after the last update
    runner.run(n)            exactly n more epochs -> float64 array (n, 5): w, b, loss, dw, db, where
                             w, b are the parameters at the start of the epoch (model units) and loss,
                             dw, db are computed at them. It keeps going past a non-finite loss; the
                             training core (f2c.runtime.training) decides when to stop.

Modules are imported lazily (`load`), so a NumPy run never imports torch or TensorFlow.
"""

from __future__ import annotations

import importlib
from types import ModuleType

MODULES = {
    "numpy": "f2c.lessons.numpy_lesson",
    "torch": "f2c.lessons.torch_lesson",
    "tensorflow": "f2c.lessons.tf_lesson",
}


class ModeUnavailable(RuntimeError):
    """A requested execution mode cannot run on this host (e.g. no C++ compiler for torch.compile)."""


def load(framework: str) -> ModuleType:
    return importlib.import_module(MODULES[framework])
