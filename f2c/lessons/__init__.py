"""The article's three stages, one module per framework, and the Lesson protocol they all implement.

Everything outside f2c/lessons/ (explain/, runtime/, render/, ui/) knows a framework only through
`load(framework) -> Lesson`; torch, tensorflow (and any framework we add) are imported only under here,
and only when a run uses them (a NumPy run never imports torch or TensorFlow).

A lesson module (`<framework>_lesson.py`) reads like the article: model, loss_fn, the hand-written
derivatives, the three step functions and STEPS, then a few lines of protocol glue that point to its
runner (`runners/<framework>.py`, the speed code) and its "see inside" hooks. Adding a framework means:
that lesson file, its runner, its strings file (f2c/core/strings/<framework>.py: fw.<framework>,
mode.<mode> for a new mode, in.agree.src.<GRADIENT_SOURCE>, in.graph.about.<framework> and, with
BREAK_IT, in.break.zero_about.<framework> and in.break.explain.<framework>), optionally its see-inside
hooks (inside/<framework>_inside.py), and one registry line, its modes in f2c.core.config.FRAMEWORK_MODES
(core cannot import lessons, so the list of frameworks lives there). tests/test_lessons_protocol.py checks
all of it for every framework listed there.

Conventions every member follows:
- `x`, `y` (lower case) are NumPy arrays; `X`, `Y`, `params` (upper case / framework values) are what the
  framework's own code uses: `as_inputs` and `as_params` make them, `to_numpy` reads any of them back.
- Parameters are float32 and [w, b]; every number handed back is a float64 NumPy array or a Python float.
- A step returns the NEW parameters and the loss and gradient computed at the OLD ones (what the article
  prints for an epoch).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from f2c.lessons.graph import Graph, Node

__all__ = [
    "BreakIt",
    "Graph",
    "Lesson",
    "ModeUnavailable",
    "Node",
    "Runner",
    "installed",
    "load",
    "module_name",
    "background_status",
    "start_background",
]


class ModeUnavailable(RuntimeError):
    """A requested execution mode cannot run on this host (e.g. no C++ compiler for torch.compile)."""


@runtime_checkable
class Runner(Protocol):
    """Training state across calls, for one run: what `Lesson.make_runner` returns."""

    mode: str  # the mode that really runs: one of the lesson's MODES
    compile_seconds: float  # one-time tracing / compiling done in make_runner (0.0 for eager)
    notice: str | None  # None, or an i18n key saying why a requested mode fell back

    def params(self) -> tuple[float, float]:
        """The current (w, b) as Python floats, after the last update."""
        ...

    def run(self, n: int) -> np.ndarray:
        """Exactly n more epochs -> float64 array (n, 5): w, b, loss, dw, db per epoch, where w, b are the
        parameters at the start of the epoch (model units) and loss, dw, db are computed at them. It keeps
        going past a non-finite loss: the training core (f2c.runtime.training) decides when to stop."""
        ...


@dataclass(frozen=True)
class BreakIt:
    """Stage 2 broken on purpose, with the framework's real calls (f2c.explain.break_it drives these).

    The two *_step functions are what the app shows (inspect.getsource), so they are written plainly.
    """

    # 1. Forgetting to zero the gradient.
    forget_zero_step: Callable[..., Any]  # the shown step, with a zero_grad flag
    # forget_zero(x, y, learning_rate, w0, b0, zero_grad) -> (step, params_of): step() runs one epoch of
    # forget_zero_step on fresh state and returns the loss as a float; params_of() reads (w, b) as floats.
    forget_zero: Callable[..., tuple[Callable[[], float], Callable[[], tuple[float, float]]]]
    # 2. Updating the parameters inside the autograd graph.
    update_in_graph_step: Callable[..., Any]  # the shown (broken) step
    # update_in_graph(x, y, learning_rate, w0, b0) -> an endless iterator: each next() runs one epoch of
    # update_in_graph_step and yields the autograd graph's size after it (or None if the framework has no
    # such number). The framework's own error, if it raises one, comes out of next() unchanged.
    update_in_graph: Callable[..., Iterator[int | None]]


@runtime_checkable
class Lesson(Protocol):
    """What every lesson module provides. A module implements a Protocol member by a module-level name
    (PEP 544): the methods below are module functions there, without `self`."""

    NAME: str  # the framework id used everywhere: "numpy", "torch", "tensorflow"
    TITLE: str  # its name in an exported script's header, e.g. "PyTorch"
    REQUIREMENTS: tuple[str, ...]  # pip packages an exported script needs, e.g. ("numpy", "torch")
    MODES: tuple[str, ...]  # execution modes, fastest first; "eager" (the article's loop) is last
    GRADIENT_SOURCE: str  # its id in f2c.explain.agreement: "autodiff", "torch", "tensorflow"
    BREAK_IT: BreakIt | None  # None where the break-it exercises do not apply

    # ---- the article's functions, on framework values ----

    def model(self, X: Any, w: Any, b: Any) -> Any:
        """Y_hat = w * X + b."""
        ...

    def loss_fn(self, Y_hat: Any, Y: Any) -> Any:
        """Mean squared error."""
        ...

    def dloss_fn(self, Y_hat: Any, Y: Any) -> Any:
        """Stage 1's hand-written dL/dY_hat factor, 2 (Y_hat - Y)."""
        ...

    def dmodel_dw(self, X: Any, w: Any, b: Any) -> Any: ...

    def dmodel_db(self, X: Any, w: Any, b: Any) -> Any: ...

    def grad_fn(self, X: Any, Y: Any, Y_hat: Any, w: Any, b: Any) -> Any:
        """Stage 1's hand-written gradient [dL/dw, dL/db]."""
        ...

    # STEPS[1](params, X, Y, learning_rate), STEPS[2](params, X, Y, learning_rate) and
    # STEPS[3](params, X, Y, optimizer), each -> (new params, loss, grad): what the app shows as source.
    STEPS: dict[int, Callable[..., tuple[Any, Any, Any]]]

    def make_optimizer(self, name: str, params: Any, learning_rate: float) -> Any:
        """Stage 3's optimizer (sgd, momentum, adam, rmsprop), every hyper-parameter from
        f2c.core.config.HYPERPARAMS written out."""
        ...

    # ---- tensors from arrays and back ----

    def as_inputs(self, x: np.ndarray, y: np.ndarray) -> tuple[Any, Any]:
        """X, Y as the article creates them, float32."""
        ...

    def as_params(self, params: np.ndarray, stage: int) -> Any:
        """[w, b] (float32) as the article creates them for `stage` (e.g. requires_grad, tf.Variable)."""
        ...

    def to_numpy(self, value: Any) -> np.ndarray:
        """Any value a step or the model returns (tensor, variable, array, float), as a float64 array."""
        ...

    # ---- one step, the graph, the source ----

    def one_step(
        self, stage: int, X: Any, Y: Any, params: Any, learning_rate: float, optimizer: str
    ) -> tuple[Any, Any, Any]:
        """One epoch of STEPS[stage] from `params` (made by as_params), making stage 3's optimizer first:
        -> (new params, loss, grad) as framework values."""
        ...

    def graph(self, x: np.ndarray, y: np.ndarray, w: float, b: float) -> Graph:
        """The real autograd graph of stage 2's forward and backward pass at (w, b), walked from the
        framework's own objects (f2c.lessons.graph.Graph)."""
        ...

    def gradient(self, x: np.ndarray, y: np.ndarray, w: float, b: float) -> np.ndarray:
        """[dL/dw, dL/db] at (w, b) from the framework's autograd, float64 (f2c.explain.agreement)."""
        ...

    def source(self, stage: int, optimizer: str, mode: str) -> str:
        """The code the app shows as running each epoch for (stage, optimizer, mode): for "eager" the step
        function STEPS[stage]; for another mode what that mode compiles, traces or replays. Never empty;
        for stage 3 it names the optimizer. `optimizer` is ignored for stages 1 and 2."""
        ...

    # ---- the runner ----

    def make_runner(
        self,
        stage: int,
        optimizer: str,
        learning_rate: float,
        w0: float,
        b0: float,
        x: np.ndarray,
        y: np.ndarray,
        mode: str,
    ) -> Runner:
        """A Runner for one run in `mode` (one of MODES); ModeUnavailable if that mode cannot run here."""
        ...


# The module of a framework is f2c.lessons.<framework>_lesson, except where an older name stays.
_MODULE_NAMES = {"tensorflow": "tf_lesson"}


def module_name(framework: str) -> str:
    """The lesson module's import name, e.g. "f2c.lessons.torch_lesson"."""
    return f"f2c.lessons.{_MODULE_NAMES.get(framework, framework + '_lesson')}"


def installed(framework: str) -> bool:
    """Whether the framework's package can be imported here, without importing it: a framework id is
    also its package's import name (numpy, torch, tensorflow, jax)."""
    return importlib.util.find_spec(framework) is not None


def load(framework: str) -> Lesson:
    """The lesson of `framework`, imported on first use."""
    from f2c.core.config import FRAMEWORKS

    if framework not in FRAMEWORKS:
        raise KeyError(f"unknown framework {framework!r}")
    return importlib.import_module(module_name(framework))  # type: ignore[return-value]


def _runner_name(framework: str, part: str = "runner") -> str:
    """f2c.lessons.runners.<name>_runner, or another part of a lesson's runner (<name>_source)."""
    return f"f2c.lessons.runners.{module_name(framework).rsplit('.', 1)[-1].removesuffix('_lesson')}_{part}"


def runner_module(framework: str):
    """A framework's runner module (f2c.lessons.runners.<name>_runner), imported on first use: the compute
    child reads its optional make_runner_soon (a runner that starts at once while its mode compiles behind
    it) and warm(settings) (compile those in the background) there; a lesson need not have either."""
    load(framework)
    return importlib.import_module(_runner_name(framework))


# Runners with something to prepare while a compute child waits for runs (NumPy: numba's loops). The others
# are not imported at the child's start: importing torch's runner imports torch.
_BACKGROUND = ("numpy",)


def start_background(framework: str) -> None:
    """This process serves runs (a compute child): the framework's runner may prepare its fastest mode in
    the background from now on, so that no run waits for it (f2c.lessons.runners.numpy_runner)."""
    if framework in _BACKGROUND:
        importlib.import_module(_runner_name(framework)).start_background()


def background_status(framework: str) -> dict[str, str]:
    """What start_background has prepared so far, by name: pending, ready or failed ({} if nothing)."""
    if framework not in _BACKGROUND or _runner_name(framework) not in sys.modules:
        return {}
    return sys.modules[_runner_name(framework)].background_status()


def hooks(lesson: str) -> tuple[Callable, Callable, Callable, Callable, Callable, Callable]:
    """A lesson's make_runner, source, graph, gradient, program and module __getattr__ (for BREAK_IT), bound
    by name. `program(x, y, w, b)` is the gradient program a framework derives as text (JAX's jaxpr), or None.

    They live in f2c.lessons.runners.<name>_runner and f2c.lessons.inside.<name>_inside, which import their
    lesson; the lesson names them only through this registry (as load(fw) names the lessons), so a lesson
    never imports its runner and the import graph has no circle. Each is imported on first use.
    """
    stem = lesson.rsplit(".", 1)[-1].removesuffix("_lesson")

    def runner():
        return importlib.import_module(f"f2c.lessons.runners.{stem}_runner")

    def inside():
        return importlib.import_module(f"f2c.lessons.inside.{stem}_inside")

    def make_runner(stage, optimizer, learning_rate, w0, b0, x, y, mode):
        return runner().make_runner(stage, optimizer, learning_rate, w0, b0, x, y, mode)

    def source(stage, optimizer, mode):
        return runner().source(stage, optimizer, mode)

    def graph(x, y, w, b):
        return inside().graph(x, y, w, b)

    def gradient(x, y, w, b):
        return inside().gradient(x, y, w, b)

    def program(x, y, w, b):
        derive = getattr(inside(), "gradient_graph_text", None)
        return derive(x, y, w, b) if derive is not None else None

    def module_getattr(name):  # PEP 562: BREAK_IT is read from the see-inside module on first use
        if name == "BREAK_IT":
            return inside().BREAK_IT
        raise AttributeError(name)

    return make_runner, source, graph, gradient, program, module_getattr
