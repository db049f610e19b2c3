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


def loss_at(x: np.ndarray, y: np.ndarray, w, b) -> np.ndarray:
    """The mean squared error at (w, b), broadcasting over arrays of w and b, in float64."""
    x64 = np.asarray(x, dtype=np.float64)
    y64 = np.asarray(y, dtype=np.float64)
    w64 = np.asarray(w, dtype=np.float64)[..., None]
    b64 = np.asarray(b, dtype=np.float64)[..., None]
    return np.mean((w64 * x64 + b64 - y64) ** 2, axis=-1)


def gradient_at(x: np.ndarray, y: np.ndarray, w: float, b: float) -> np.ndarray:
    """The exact gradient [dL/dw, dL/db] in float64: 2 mean((w x + b - y) * [x, 1])."""
    x64 = np.asarray(x, dtype=np.float64)
    residual = w * x64 + b - np.asarray(y, dtype=np.float64)
    return np.array([2 * np.mean(residual * x64), 2 * np.mean(residual)])


def finite_difference_gradient(
    x: np.ndarray, y: np.ndarray, w: float, b: float, h: float = 1e-4
) -> np.ndarray:
    """Central differences (L(p + h) - L(p - h)) / 2h, the framework-free check on every autograd."""
    return np.array(
        [
            (loss_at(x, y, w + h, b) - loss_at(x, y, w - h, b)) / (2 * h),
            (loss_at(x, y, w, b + h) - loss_at(x, y, w, b - h)) / (2 * h),
        ]
    )


def loss_surface(x, y, w_range: tuple[float, float], b_range: tuple[float, float], n: int = 121):
    """A grid of the loss over (w, b) for contour plots: (ws, bs, losses[b_index, w_index])."""
    ws = np.linspace(*w_range, n)
    bs = np.linspace(*b_range, n)
    return ws, bs, loss_at(x, y, ws[None, :], bs[:, None])


def chain_rule_table(x: np.ndarray, y: np.ndarray, w: float, b: float) -> dict[str, np.ndarray]:
    """Each point's part of the gradient: dL/dy_hat_i = 2 (y_hat_i - y_i) / N, times dy_hat_i/dw = x_i or 1."""
    x64 = np.asarray(x, dtype=np.float64)
    y64 = np.asarray(y, dtype=np.float64)
    y_hat = w * x64 + b
    dl_dyhat = 2 * (y_hat - y64) / x64.size
    return {
        "x": x64,
        "y": y64,
        "y_hat": y_hat,
        "dL_dyhat": dl_dyhat,
        "dyhat_dw": x64,
        "share_dw": dl_dyhat * x64,
        "share_db": dl_dyhat,
    }


def epochs_to_converge(x, y, lr: float, w0: float, b0: float, tol: float = 1e-3) -> float:
    """Predicted epochs until |params - optimum| < tol, from the eigen-decomposition of plain gradient descent.

    Along eigenvector i the error shrinks by |1 - lr * lambda_i| per epoch; inf if it never shrinks.
    """
    w_opt, b_opt, _ = least_squares(x, y)
    eigenvalues, vectors = np.linalg.eigh(hessian(x))
    error = vectors.T @ np.array([w0 - w_opt, b0 - b_opt])
    worst = 0.0
    for lam, e in zip(eigenvalues, error):
        rate = abs(1 - lr * lam)
        if abs(e) <= tol:
            continue
        if rate >= 1:
            return float("inf")
        worst = max(worst, np.log(tol / abs(e)) / np.log(rate))
    return float(np.ceil(worst))


def lr_sweep(x, y, lrs: np.ndarray, epochs: int, w0: float = 1.0, b0: float = 0.01) -> np.ndarray:
    """Final loss after `epochs` of stage-1 gradient descent for every learning rate at once, float32.

    One vectorised run: the parameters are arrays over the learning rates. inf marks a diverged run.
    """
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    lr32 = np.asarray(lrs, dtype=np.float32)
    w = np.full(lr32.shape, w0, dtype=np.float32)
    b = np.full(lr32.shape, b0, dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            residual = w[:, None] * x32 + b[:, None] - y32
            dw = (2 * residual * x32).mean(axis=1)
            db = (2 * residual).mean(axis=1)
            w = w - lr32 * dw
            b = b - lr32 * db
        loss = ((w[:, None] * x32 + b[:, None] - y32) ** 2).mean(axis=1)
    return np.where(np.isfinite(loss), loss, np.inf).astype(np.float64)
