"""The guided path as data: its steps in the article's order, each cell run live and held to the article.

No Streamlit here: f2c.ui.guide draws what this module lists and computes. A cell runs through the
framework's cell module (f2c.lessons.cells), whose source is what the page shows; its output is set
beside the article's printed output (f2c.explain.guide_article) with REFERENCE.md's tolerance.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

import numpy as np

from f2c.explain.guide_article import ARTICLE
from f2c.lessons import cells as cell_modules
from f2c.lessons import load

FRAMEWORKS = ("numpy", "torch", "tensorflow")

# The path: ("cell", name) runs an article cell; ("fit",) and ("derivative",) are the student's own turns.
# The questions asked at a step come before its output (f2c.explain.questions.AT).
STEPS = (
    ("cell", "data"),
    ("cell", "predict"),
    ("fit",),
    ("cell", "loss_at_start"),
    ("derivative",),
    ("cell", "hand_gradient"),
    ("cell", "one_update"),
    ("cell", "stage1_loop"),
    ("cell", "grad_none"),
    ("cell", "backward"),
    ("cell", "zeroing"),
    ("cell", "stage2_loop"),
    ("cell", "optimizer_step"),
    ("cell", "stage3_loop"),
)

# The stage each step belongs to, so leaving for the playground opens the stage being read.
STAGE = {**dict.fromkeys(range(0, 8), 1), **dict.fromkeys(range(8, 12), 2), 12: 3, 13: 3}

LOSS_RTOL = 1e-5  # REFERENCE.md: every logged loss within 1e-5 relative
PARAM_ATOL = 1e-4  # and parameters within 1e-4 absolute


@dataclass(frozen=True)
class CellResult:
    text: str  # what the notebook prints for the live value
    numbers: tuple[float, ...] | None
    article_text: str
    article_numbers: tuple[float, ...] | None
    n_losses: int  # how many leading numbers are logged losses (held to the relative tolerance)

    @property
    def matches(self) -> bool | None:
        """True / False against the article, None where the article prints nothing to compare."""
        if self.article_numbers is None or self.numbers is None:
            return None
        return numbers_match(self.numbers, self.article_numbers, self.n_losses)

    @property
    def worst(self) -> float:
        """The largest difference from the article (absolute), for the match line."""
        if self.numbers is None or self.article_numbers is None:
            return float("nan")
        if len(self.numbers) != len(self.article_numbers):
            return float("inf")
        return max((abs(a - b) for a, b in zip(self.numbers, self.article_numbers)), default=0.0)


def numbers_match(live, article, n_losses: int = 0) -> bool:
    if len(live) != len(article):
        return False
    for i, (a, b) in enumerate(zip(live, article)):
        if not np.isfinite(a):
            return False
        if i < n_losses:
            if abs(a - b) > LOSS_RTOL * abs(b):
                return False
        elif abs(a - b) > max(PARAM_ATOL, LOSS_RTOL * abs(b)):
            return False
    return True


def _as_numbers(value) -> list[float] | None:
    if isinstance(value, bool):
        return [1.0 if value else 0.0]
    if isinstance(value, str):
        return None
    if isinstance(value, tuple):
        return [v for part in value for v in (_as_numbers(part) or [])]
    for name in ("detach", "numpy"):  # torch tensor, tf tensor / variable
        if hasattr(value, name) and callable(getattr(value, name)):
            value = value.detach() if name == "detach" else value
            value = value.numpy()
            break
    if hasattr(value, "data") and hasattr(value, "grad"):  # an f2c.autodiff Tensor
        value = value.data
    return np.asarray(value, dtype=np.float64).ravel().tolist()


def _printed(value) -> str:
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list):  # a loop: (lines, params)
        return "\n".join(value[0]) + "\n\n" + repr(value[1])
    return repr(value) if not isinstance(value, str) else value


def cells(framework: str):
    return cell_modules.load(framework)


def cell_function(framework: str, name: str):
    return getattr(cells(framework), name)


def cell_source(framework: str, name: str) -> str:
    """The code the page shows: the cell's function, and for a loop the lesson's step it repeats."""
    source = inspect.getsource(cell_function(framework, name))
    stage = cell_modules.LOOP_STAGE.get(name)
    if stage is not None:
        step = load(framework).STEPS[stage]
        source += f"\n\n# {framework} lesson: the step the runner repeats every epoch\n" + inspect.getsource(
            step
        )
    return source


@functools.lru_cache(maxsize=64)
def data(framework: str):
    return cells(framework).data()


@functools.lru_cache(maxsize=64)
def run_cell(framework: str, name: str) -> CellResult:
    """Run one cell on the article's data (cached per process: a cell is a pure function of the article)."""
    fn = cell_function(framework, name)
    X, Y = data(framework)
    if name == "data":
        value = (X, Y)
    elif name == "predict":
        value = fn(X)
    else:
        value = fn(X, Y)
    numbers = _loop_numbers(value) if _is_loop(value) else _as_numbers(value)
    article_text, article_numbers = ARTICLE[framework][name]
    return CellResult(
        text=_printed(value),
        numbers=None if numbers is None else tuple(numbers),
        article_text=article_text,
        article_numbers=None if article_numbers is None else tuple(article_numbers),
        n_losses=11 if _is_loop(value) else 0,
    )


def _is_loop(value) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list)


def _loop_numbers(value) -> list[float]:
    lines, params = value
    return [float(line.rsplit(" ", 1)[1]) for line in lines] + (_as_numbers(params) or [])


@functools.lru_cache(maxsize=8)
def two_backward(framework: str) -> tuple[float, float]:
    """params.grad after two backward passes with no zeroing (TensorFlow: two tapes, one per epoch)."""
    X, Y = data(framework)
    grad = _as_numbers(cell_function(framework, "backward_twice")(X, Y))
    return grad[0], grad[1]
