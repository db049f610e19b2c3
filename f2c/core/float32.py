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
