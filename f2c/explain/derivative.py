"""The derivative a student writes, checked against autograd and then trained with, as stage 1 does.

The reference is the NumPy lesson's own autograd (f2c.autodiff through lessons.load("numpy")), asked at
several (w, b): the start of the article, its first step, a point past the optimum and two far away, so a
formula that happens to agree at one point (a wrong sign that vanishes there) is still caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from f2c.autodiff import tensor as autodiff
from f2c.core.expr import Expr, ExprError, environment, parse
from f2c.lessons import load

# (w, b) where the formulas are compared; none is the optimum, where the gradient is rounding noise.
POINTS = ((1.0, 0.0), (1.0, 0.01), (0.5, -10.0), (0.6, -20.0), (-2.0, 5.0))
RTOL, ATOL = 1e-3, 1e-2  # float32 formulas in another order differ by ~1e-6 relative; a wrong one by far more


@dataclass
class Point:
    w: float
    b: float
    autograd: tuple[float, float]
    yours: tuple[float, float]

    def agrees(self, k: int) -> bool:
        return bool(abs(self.yours[k] - self.autograd[k]) <= ATOL + RTOL * abs(self.autograd[k]))


@dataclass
class Check:
    """The outcome for both components: an error per input, or the comparison at every point."""

    errors: dict[str, ExprError] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)

    @property
    def correct(self) -> dict[str, bool]:
        return {
            name: not self.errors.get(name) and bool(self.points) and all(p.agrees(k) for p in self.points)
            for k, name in enumerate(("dw", "db"))
        }

    @property
    def all_correct(self) -> bool:
        return all(self.correct.values())

    def hint(self, k: int) -> str | None:
        """An i18n key naming a common slip from the ratio yours / autograd, if it is the same everywhere."""
        ratios = [p.yours[k] / p.autograd[k] for p in self.points if abs(p.autograd[k]) > 1.0]
        if not ratios or max(ratios) - min(ratios) > 1e-3 * max(1.0, abs(ratios[0])):
            return None
        ratio = ratios[0]
        for value, key in ((0.5, "der.hint.half"), (-1.0, "der.hint.sign"), (2.0, "der.hint.double")):
            if abs(ratio - value) < 1e-3:
                return key
        if abs(ratio - 11.0) < 1e-2:
            return "der.hint.sum"
        return None


def autograd_gradient(x: np.ndarray, y: np.ndarray, w: float, b: float) -> tuple[float, float]:
    """dL/dw and dL/db from the NumPy lesson's autograd: forward, loss.backward(), params.grad."""
    lesson = load("numpy")
    params = autodiff.tensor([w, b], requires_grad=True)
    loss = lesson.loss_fn(lesson.model(autodiff.tensor(x), *params), autodiff.tensor(y))
    loss.backward()
    dw, db = params.grad.data.tolist()
    return dw, db


def compile_pair(dw_text: str, db_text: str) -> tuple[dict[str, Expr], dict[str, ExprError]]:
    exprs, errors = {}, {}
    for name, text in (("dw", dw_text), ("db", db_text)):
        try:
            exprs[name] = parse(text)
        except ExprError as error:
            errors[name] = error
    return exprs, errors


def check(dw_text: str, db_text: str, x: np.ndarray, y: np.ndarray) -> Check:
    exprs, errors = compile_pair(dw_text, db_text)
    result = Check(errors=errors)
    if errors:
        return result
    for w, b in POINTS:
        env = environment(x, y, w, b)
        yours = []
        for name in ("dw", "db"):
            try:
                value = float(exprs[name].scalar(env))
            except ExprError as error:
                result.errors[name] = error
                return result
            if not np.isfinite(value):
                result.errors[name] = ExprError("expr.not_finite", w=w, b=b)
                return result
            yours.append(value)
        result.points.append(Point(w, b, autograd_gradient(x, y, w, b), (yours[0], yours[1])))
    return result


def train(
    dw: Expr,
    db: Expr,
    x: np.ndarray,
    y: np.ndarray,
    epochs: int = 330_000,
    learning_rate: float = 1e-4,
    w0: float = 1.0,
    b0: float = 0.01,
    every: int = 30_000,
) -> tuple[list[tuple[int, float]], tuple[float, float]]:
    """Stage 1 with the student's gradient: the article's loop, the gradient being the student's closures.

    Returns the log [(epoch, loss before that epoch's update)] every `every` epochs (and the last epoch
    if it diverged) and the final (w, b). The loss is the lesson's own loss_fn in float32.
    """
    lesson = load("numpy")
    X, Y = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    params = np.array([w0, b0], dtype=np.float32)
    log = []
    with np.errstate(all="ignore"):
        for epoch in range(1, epochs + 1):
            w, b = params
            Y_hat = lesson.model(X, w, b)
            loss = lesson.loss_fn(Y_hat, Y)
            env = {"x": X, "y": Y, "w": w, "b": b, "y_hat": Y_hat}
            grad = np.array([dw(env), db(env)], dtype=np.float32)
            params = params - learning_rate * grad
            if epoch % every == 0:
                log.append((epoch, float(loss)))
            if not np.isfinite(loss):
                log.append((epoch, float(loss)))
                break
    return log, (float(params[0]), float(params[1]))
