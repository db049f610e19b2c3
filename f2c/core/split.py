"""Hold some points back: a seeded train/validation split, and the validation loss along a trajectory.

    train, validation = split(data, 0.25, seed=0)    # validation is None when the fraction is 0
    losses = validation_loss(w, b, validation)      # w, b: scalars or arrays, in the data's units

Each part keeps the original order of its points. Each part has at least 2 points (a line needs 2) and
x values that are not all equal, or the split is refused with a SplitError carrying an i18n key.
"""

from __future__ import annotations

import math

import numpy as np

from f2c.core.data import DataError, Dataset

MAX_FRACTION = 0.9


class SplitError(DataError):
    """A split we refuse: an i18n key and its arguments, like DataError."""


def split_sizes(n: int, validation_fraction: float) -> tuple[int, int]:
    """(train size, validation size): the validation part is the fraction of n, rounded half up."""
    fraction = validation_fraction
    if isinstance(fraction, bool) or not isinstance(fraction, int | float) or not math.isfinite(fraction):
        raise SplitError("split.fraction", value=fraction, max=MAX_FRACTION)
    if not 0.0 <= fraction <= MAX_FRACTION:
        raise SplitError("split.fraction", value=fraction, max=MAX_FRACTION)
    n_validation = math.floor(fraction * n + 0.5) if fraction > 0 else 0
    return n - n_validation, n_validation


def split_indices(n: int, validation_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted indices of the training and validation points; the same (n, fraction, seed) gives the same split."""
    n_train, n_validation = split_sizes(n, validation_fraction)
    order = np.random.default_rng(seed).permutation(n)
    return np.sort(order[n_validation:]), np.sort(order[:n_validation])


def split(data: Dataset, validation_fraction: float, seed: int = 0) -> tuple[Dataset, Dataset | None]:
    """Training and validation sets. Refuses (SplitError) a part with fewer than 2 points or equal x."""
    n = len(data)
    n_train, n_validation = split_sizes(n, validation_fraction)
    if validation_fraction == 0:
        return data, None
    for part, count in (("train", n_train), ("validation", n_validation)):
        if count < 2:
            raise SplitError("split.too_few", part=part, count=count, total=n)
    train_idx, validation_idx = split_indices(n, validation_fraction, seed)
    parts = []
    for part, idx in (("train", train_idx), ("validation", validation_idx)):
        x, y = data.x[idx], data.y[idx]
        if float(np.ptp(x)) == 0.0:
            raise SplitError("split.x_equal", part=part)
        parts.append(Dataset(x, y, f"{data.name}/{part}"))
    return parts[0], parts[1]


def validation_loss(w, b, data: Dataset):
    """mean((w * x + b - y)^2) over `data`, in float64, for scalar or array w and b (e.g. a trajectory's
    parameters in the data's units: `run.original_units(trajectory.w, trajectory.b)`).

    Computed from the data's moments, so a million-epoch trajectory costs O(epochs + points), and written
    as a sum of squares so it stays >= 0 and accurate near the optimum:
        L = var(x) (w - w*)^2 + (w mean(x) + b - mean(y))^2 + L*,   L* = mean((yc - w* xc)^2)
    """
    x = np.asarray(data.x, dtype=np.float64)
    y = np.asarray(data.y, dtype=np.float64)
    mx, my = x.mean(), y.mean()
    xc, yc = x - mx, y - my
    var_x = float(np.mean(xc * xc))
    w_star = float(np.mean(xc * yc)) / var_x
    residual = float(np.mean((yc - w_star * xc) ** 2))
    w64 = np.asarray(w, dtype=np.float64)
    b64 = np.asarray(b, dtype=np.float64)
    loss = var_x * (w64 - w_star) ** 2 + (w64 * mx + b64 - my) ** 2 + residual
    return float(loss) if loss.ndim == 0 else loss
