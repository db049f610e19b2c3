"""Pure NumPy math about the data set: least squares, the loss Hessian, and the critical learning rate.

For L(w, b) = mean((w x + b - y)^2) the Hessian is constant:
    H = 2 [[mean(x^2), mean(x)], [mean(x), 1]]
Gradient descent with step lr contracts along each eigenvector by (1 - lr * lambda), so it diverges once
lr > 2 / lambda_max, and the slow direction needs about 1 / (lr * lambda_min) epochs per e-fold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def hessian(x: np.ndarray) -> np.ndarray:
    x64 = np.asarray(x, dtype=np.float64)
    return 2.0 * np.array([[np.mean(x64 * x64), np.mean(x64)], [np.mean(x64), 1.0]])


@dataclass(frozen=True)
class Stability:
    lambda_min: float
    lambda_max: float

    @property
    def condition(self) -> float:
        return self.lambda_max / self.lambda_min if self.lambda_min > 0 else float("inf")

    @property
    def critical_lr(self) -> float:
        """Gradient descent diverges above this learning rate."""
        return 2.0 / self.lambda_max

    @property
    def best_lr(self) -> float:
        """The constant step that contracts the fast and the slow direction equally."""
        return 2.0 / (self.lambda_min + self.lambda_max)


def stability(x: np.ndarray) -> Stability:
    eigenvalues = np.linalg.eigvalsh(hessian(x))
    return Stability(float(eigenvalues[0]), float(eigenvalues[-1]))


def critical_lr(x: np.ndarray) -> float:
    return stability(x).critical_lr


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """The exact optimum (w, b) and its mean squared error, in float64."""
    x64 = np.asarray(x, dtype=np.float64)
    y64 = np.asarray(y, dtype=np.float64)
    A = np.stack([x64, np.ones_like(x64)], axis=1)
    (w, b), *_ = np.linalg.lstsq(A, y64, rcond=None)
    mse = float(np.mean((w * x64 + b - y64) ** 2))
    return float(w), float(b), mse
