"""Every way we know to compute the gradient at (w, b), side by side, with their differences.

Sources: the hand-written grad_fn (stage 1), our autodiff (f2c.autodiff), each framework's autograd asked
for (Lesson.gradient: torch autograd, the TensorFlow tape, ...), and central finite differences. Each is
compared with the exact float64 formula 2 mean((w x + b - y) * [x, 1]). A framework is imported only when
asked for and skipped if it is not installed: a NumPy-only student never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from f2c import lessons
from f2c.core import analysis
from f2c.core.config import FRAMEWORKS

# The frameworks a student may add to the comparison; NumPy's own (our autodiff) is always shown.
FRAMEWORK_SOURCES = tuple(f for f in FRAMEWORKS if f != "numpy")


@dataclass(frozen=True)
class Source:
    name: str  # a stable id: grad_fn, autodiff, torch, tensorflow (a lesson's GRADIENT_SOURCE), finite_difference
    grad: np.ndarray  # [dL/dw, dL/db], float64 copy of what the source returned
    abs_diff: float  # max |grad - exact|
    rel_diff: float  # max |grad - exact| / |exact| over the two components (exact 0: absolute)


def _hand(x32, y32, w, b) -> np.ndarray:
    """Stage 1's hand-written grad_fn, from the NumPy lesson (the same formula in every lesson)."""
    lesson = lessons.load("numpy")
    w32, b32 = np.float32(w), np.float32(b)
    Y_hat = lesson.model(x32, w32, b32)
    return lesson.grad_fn(x32, y32, Y_hat, w32, b32)


def installed(framework: str) -> bool:
    """Whether the framework's package is installed, without importing it (ids are import names)."""
    return lessons.installed(framework)


def _lesson(framework: str):
    """The framework's lesson, or None if its packages are not installed here."""
    try:
        return lessons.load(framework)
    except ImportError:
        return None


def finite_difference(x, y, w: float, b: float, h: float, dtype=np.float64) -> np.ndarray:
    """(L(p + h e_i) - L(p - h e_i)) / 2h in the given float type: float32 shows the cancellation."""
    xs, ys = np.asarray(x, dtype=dtype), np.asarray(y, dtype=dtype)
    h = dtype(h)

    def loss(wv, bv):
        return np.mean((dtype(wv) * xs + dtype(bv) - ys) ** 2, dtype=dtype)

    with np.errstate(all="ignore"):
        return np.array(
            [
                (loss(w + h, b) - loss(w - h, b)) / (2 * h),
                (loss(w, b + h) - loss(w, b - h)) / (2 * h),
            ],
            dtype=np.float64,
        )


def compare(grad: np.ndarray, exact: np.ndarray) -> tuple[float, float]:
    grad = np.asarray(grad, dtype=np.float64)
    diff = np.abs(grad - exact)
    scale = np.where(exact != 0, np.abs(exact), 1.0)
    with np.errstate(all="ignore"):
        rel = diff / scale
    if not np.all(np.isfinite(diff)):
        return float("inf"), float("inf")
    return float(diff.max()), float(rel.max())


def sources(
    x,
    y,
    w: float,
    b: float,
    h: float = 1e-4,
    fd_dtype: str = "float64",
    frameworks: tuple[str, ...] = (),
) -> tuple[np.ndarray, list[Source]]:
    """(exact float64 gradient, every source): the hand-written grad_fn, our autodiff (the NumPy lesson),
    then the autograd of each framework in `frameworks` whose packages are installed, in that order."""
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    exact = analysis.gradient_at(x, y, w, b)
    computed = [("grad_fn", _hand(x32, y32, float(w), float(b)))]
    for framework in dict.fromkeys(("numpy", *frameworks)):  # in order, each once
        lesson = _lesson(framework)
        if lesson is not None:
            computed.append((lesson.GRADIENT_SOURCE, lesson.gradient(x32, y32, float(w), float(b))))
    out = []
    for name, grad in computed:
        grad = np.asarray(grad, dtype=np.float64).copy()
        out.append(Source(name, grad, *compare(grad, exact)))
    fd = finite_difference(x, y, w, b, h, np.float32 if fd_dtype == "float32" else np.float64)
    out.append(Source("finite_difference", fd, *compare(fd, exact)))
    return exact, out
