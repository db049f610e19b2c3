"""Every way we know to compute the gradient at (w, b), side by side, with their differences.

Sources: the hand-written grad_fn (stage 1), our autodiff (f2c.autodiff), torch autograd, the TensorFlow
tape, and central finite differences. Each is compared with the exact float64 formula
2 mean((w x + b - y) * [x, 1]). torch and TensorFlow are imported lazily, only when asked for and only if
installed (importlib.util.find_spec): a NumPy-only student never pays for them.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass

import numpy as np

from f2c.core import analysis

FRAMEWORK_SOURCES = ("torch", "tensorflow")


@dataclass(frozen=True)
class Source:
    name: str  # a stable id: grad_fn, autodiff, torch, tensorflow, finite_difference
    grad: np.ndarray  # [dL/dw, dL/db], float64 copy of what the source returned
    abs_diff: float  # max |grad - exact|
    rel_diff: float  # max |grad - exact| / |exact| over the two components (exact 0: absolute)


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _hand(x32, y32, w, b) -> np.ndarray:
    from f2c.lessons import numpy_lesson as lesson

    w32, b32 = np.float32(w), np.float32(b)
    Y_hat = lesson.model(x32, w32, b32)
    return lesson.grad_fn(x32, y32, Y_hat, w32, b32)


def _autodiff(x32, y32, w, b) -> np.ndarray:
    from f2c.autodiff import tensor as autodiff
    from f2c.lessons import numpy_lesson as lesson

    params = autodiff.tensor([w, b], requires_grad=True)
    lesson.loss_fn(lesson.model(x32, *params), y32).backward()
    return params.grad.data


def _torch(x32, y32, w, b) -> np.ndarray:
    import torch

    from f2c.lessons import torch_lesson as lesson

    params = torch.tensor([w, b], dtype=torch.float32, requires_grad=True)
    lesson.loss_fn(lesson.model(torch.tensor(x32), *params), torch.tensor(y32)).backward()
    return params.grad.detach().numpy()


def _tensorflow(x32, y32, w, b) -> np.ndarray:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    from f2c.lessons import tf_lesson as lesson

    params = tf.constant([w, b], dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(params)
        loss = lesson.loss_fn(lesson.model(tf.constant(x32), *tf.unstack(params)), tf.constant(y32))
    return tape.gradient(loss, params).numpy()


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


COMPUTE = {"grad_fn": _hand, "autodiff": _autodiff, "torch": _torch, "tensorflow": _tensorflow}


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
    """(exact float64 gradient, every source): frameworks lists which of torch/tensorflow to include
    (each only if installed)."""
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    exact = analysis.gradient_at(x, y, w, b)
    names = ["grad_fn", "autodiff"] + [f for f in FRAMEWORK_SOURCES if f in frameworks and installed(f)]
    out = []
    for name in names:
        grad = np.asarray(COMPUTE[name](x32, y32, float(w), float(b)), dtype=np.float64).copy()
        out.append(Source(name, grad, *compare(grad, exact)))
    fd = finite_difference(x, y, w, b, h, np.float32 if fd_dtype == "float32" else np.float64)
    out.append(Source("finite_difference", fd, *compare(fd, exact)))
    return exact, out
