"""Why float32 gradient descent stops improving: a step smaller than half the spacing of float32 is lost.

float32 holds about 7 significant digits, so between two neighbouring float32 numbers near b = -17.25
there is a gap of 2**-19 = 1.9e-6 (np.spacing). An update b - lr * g changes b only if lr * |g| is at
least half that gap; otherwise b - lr * g rounds back to b. Near the optimum the gradient is small, so
with lr = 1e-4 the parameters freeze while the float64 maths still promises progress.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Stall:
    w: float
    b: float
    spacing_w: float  # the gap between w and the next float32 number
    spacing_b: float
    min_grad_w: float  # the smallest |dL/dw| whose step lr * g still moves w (half a gap)
    min_grad_b: float
    grad_w: float  # the float32 gradient there, as stage 1 computes it
    grad_b: float
    step_w: float  # lr * grad: the update float32 is asked to make
    step_b: float

    @property
    def frozen(self) -> bool:
        """Neither parameter can move: every update rounds back to the same float32 numbers."""
        return not any(moves(self.w, self.b, self.step_w, self.step_b))


def gradient32(x, y, w: float, b: float) -> tuple[float, float]:
    """The gradient in float32, the formula of stage 1's grad_fn."""
    x32, y32 = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    d = 2 * (np.float32(w) * x32 + np.float32(b) - y32)
    return float((d * x32).mean()), float(d.mean())


def stall(x, y, w: float, b: float, lr: float) -> Stall:
    w32, b32 = np.float32(w), np.float32(b)
    sw, sb = float(np.spacing(np.abs(w32))), float(np.spacing(np.abs(b32)))
    gw, gb = gradient32(x, y, w, b)
    return Stall(float(w32), float(b32), sw, sb, sw / 2 / lr, sb / 2 / lr, gw, gb, lr * gw, lr * gb)


def moves(w: float, b: float, step_w: float, step_b: float) -> tuple[bool, bool]:
    """Whether the float32 update params - step changes w and b at all (a tie rounds back to even)."""
    params = np.array([w, b], dtype=np.float32)
    new = params - np.array([step_w, step_b], dtype=np.float32)
    return bool(new[0] != params[0]), bool(new[1] != params[1])


EPS32 = float(np.finfo(np.float32).eps)


def gradient_rounding(x, y, w: float, b: float) -> tuple[float, float]:
    """About how far a float32 gradient can be from the exact one by rounding alone, per component.

    Each residual w·x + b − y is rounded at the size of its largest term, and dL/dw multiplies it by x:
    2·eps·mean(|x|·(|w·x| + |b| + |y|)) and 2·eps·mean(|w·x| + |b| + |y|). Far from the optimum that is
    ~1e-7 of the gradient; at the optimum the exact gradient is near 0 and this is all that is left.
    """
    x64, y64 = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    size = np.abs(w * x64) + abs(b) + np.abs(y64)
    return float(2 * EPS32 * np.mean(np.abs(x64) * size)), float(2 * EPS32 * np.mean(size))


@dataclass(frozen=True)
class Floor:
    error: float  # how close to the optimum float32 descent gets before it freezes
    gap: float  # the float32 gap at the optimum of the parameter that freezes
    param: str  # "w" or "b": the parameter carrying the slow direction


def floor(x, y, lr: float) -> Floor:
    """The distance from the optimum (in the Hessian's eigen-coordinates) at which float32 descent freezes.

    Near the optimum the error lies along the slow eigenvector v and the gradient is lambda_min·e·v. The
    slow direction is carried by the parameter k with the largest |v_k| (b here: the other one follows it
    through the fast direction within a few epochs), and k stops moving once lr·lambda_min·e·|v_k| is below
    half the float32 gap at the optimum: e = gap_k / (2·lr·lambda_min·|v_k|). For the article's data and
    lr = 1e-4 that is 0.0545, which is where its run freezes (0.5358, -17.2503; measured 0.0545).
    """
    from f2c.core.analysis import hessian, least_squares

    w_opt, b_opt, _ = least_squares(x, y)
    eigenvalues, vectors = np.linalg.eigh(hessian(x))
    slow, v = eigenvalues[0], vectors[:, 0]
    gaps = np.spacing(np.abs(np.array([w_opt, b_opt], dtype=np.float32))).astype(np.float64)
    k = int(np.argmax(np.abs(v)))
    return Floor(float(gaps[k] / (2 * lr * slow * abs(v[k]))), float(gaps[k]), "wb"[k])
