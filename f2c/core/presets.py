"""Ready-made data sets for a class: each a Dataset with a stable key and i18n keys for its name and story.

    article      the article's 11 points (a thermometer reading that is not exact Fahrenheit)
    fahrenheit   exact C = (F - 32) * 5/9 at 20 readings between 0 and 100 F, plus Gaussian noise (sd 1 C)
    outlier      the article's points plus one reading written down wrong: watch the fit lean towards it
    wide         readings from -40 to 250 F: at the article's learning rate 1e-4 gradient descent diverges
                 (its threshold 2/lambda_max is about 6.8e-5); normalising the input fixes it

Every preset is deterministic: the random ones draw from a numpy Generator with a fixed seed, and their
numbers are rounded to 0.1 like a thermometer's. The UI translates `name_key` / `description_key` with
f2c.core.i18n (the strings live in f2c.core.i18n.STRINGS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from f2c.core.data import ARTICLE_X, ARTICLE_Y, DataError, Dataset

FAHRENHEIT_SEED = 2024
WIDE_SEED = 2024
NOISE_SD = 1.0  # degrees Celsius
OUTLIER = (40.0, 35.0)  # a reading of 40 logged as 35 C (the line says about 4.5 C)


def celsius(fahrenheit: np.ndarray) -> np.ndarray:
    """The exact conversion, in float64."""
    return (np.asarray(fahrenheit, dtype=np.float64) - 32.0) * 5.0 / 9.0


def _noisy_readings(seed: int, low: float, high: float, count: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = np.round(np.sort(rng.uniform(low, high, count)), 1)
    y = np.round(celsius(x) + rng.normal(0.0, NOISE_SD, count), 1)
    return x, y


def article_points() -> Dataset:
    return Dataset(ARTICLE_X, ARTICLE_Y, "article")


def fahrenheit_points() -> Dataset:
    x, y = _noisy_readings(FAHRENHEIT_SEED, 0.0, 100.0, 20)
    return Dataset(x, y, "fahrenheit")


def outlier_points() -> Dataset:
    return Dataset((*ARTICLE_X, OUTLIER[0]), (*ARTICLE_Y, OUTLIER[1]), "outlier")


def wide_points() -> Dataset:
    x, y = _noisy_readings(WIDE_SEED, -40.0, 250.0, 25)
    return Dataset(x, y, "wide")


@dataclass(frozen=True)
class Preset:
    key: str
    name_key: str
    description_key: str
    build: Callable[[], Dataset]


PRESETS: dict[str, Preset] = {
    key: Preset(key, f"preset.{key}.name", f"preset.{key}.description", build)
    for key, build in (
        ("article", article_points),
        ("fahrenheit", fahrenheit_points),
        ("outlier", outlier_points),
        ("wide", wide_points),
    )
}
DEFAULT = "article"


def keys() -> tuple[str, ...]:
    return tuple(PRESETS)


def load(key: str) -> Dataset:
    """The preset's points (a fresh, read-only Dataset named after the key)."""
    if key not in PRESETS:
        raise DataError("preset.unknown", name=str(key)[:40], choices=keys())
    return PRESETS[key].build()
