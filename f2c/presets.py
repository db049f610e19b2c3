"""Ready-made data sets for a class: each a Dataset with a stable key and i18n keys for its name and story.

    article      the article's 11 points (a thermometer reading that is not exact Fahrenheit)
    fahrenheit   exact C = (F - 32) * 5/9 at 20 readings between 0 and 100 F, plus Gaussian noise (sd 1 C)
    outlier      the article's points plus one reading written down wrong: watch the fit lean towards it
    wide         readings from -40 to 250 F: at the article's learning rate 1e-4 gradient descent diverges
                 (its threshold 2/lambda_max is about 6.8e-5); normalising the input fixes it

Every preset is deterministic: the random ones draw from a numpy Generator with a fixed seed, and their
numbers are rounded to 0.1 like a thermometer's. The UI translates `name_key` / `description_key` with
f2c.i18n (the strings are in STRINGS below until they are merged there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from f2c.data import ARTICLE_X, ARTICLE_Y, DataError, Dataset

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


# To be merged into f2c.i18n.STRINGS.
STRINGS: dict[str, dict[str, str]] = {
    "preset.label": {"zh": "数据集", "en": "Data set"},
    "preset.unknown": {
        "zh": "没有名为“{name}”的数据集,可选:{choices}。",
        "en": "There is no data set called “{name}”; choose one of: {choices}.",
    },
    "preset.article.name": {"zh": "文章的 11 个数据点", "en": "The article's 11 points"},
    "preset.article.description": {
        "zh": "文章使用的数据:温度计读数和摄氏度。读数并不是准确的华氏度,"
        "所以最佳拟合 w = 0.5368、b = -17.30,而不是教科书上的 5/9 和 -160/9。",
        "en": "The article's data: a thermometer reading and degrees Celsius. The readings are not exact "
        "Fahrenheit, so the best fit is w = 0.5368, b = -17.30 rather than the textbook 5/9 and -160/9.",
    },
    "preset.fahrenheit.name": {"zh": "真正的华氏温度(带噪声)", "en": "True Fahrenheit (with noise)"},
    "preset.fahrenheit.description": {
        "zh": "0 到 100 °F 之间的 20 个读数,摄氏度按 C = (F - 32) × 5/9 精确换算,再加上标准差 1 °C 的"
        "测量噪声。拟合出的斜率应接近 5/9 ≈ 0.556。",
        "en": "20 readings between 0 and 100 °F, converted exactly with C = (F - 32) × 5/9, plus "
        "measurement noise with a standard deviation of 1 °C. The fitted slope should come out near "
        "5/9 ≈ 0.556.",
    },
    "preset.outlier.name": {"zh": "文章数据 + 一个离群点", "en": "The article's data plus one outlier"},
    "preset.outlier.description": {
        "zh": "在文章的数据中多了一个记错的读数(40, 35 °C)。均方误差对大的误差惩罚很重,"
        "看看拟合的直线如何被这一个点拉偏。",
        "en": "The article's data with one reading written down wrong (40, 35 °C). The mean squared error "
        "punishes large errors hard: see how far this single point pulls the fitted line.",
    },
    "preset.wide.name": {"zh": "宽范围读数(-40 到 250 °F)", "en": "Wide range (-40 to 250 °F)"},
    "preset.wide.description": {
        "zh": "读数跨度很大,损失曲面在 w 方向非常陡峭:在文章的学习率 1e-4 下梯度下降会发散"
        "(该数据的阈值 2/λmax 约为 6.8e-5)。把学习率调低到阈值以下,或者对输入做标准化,再试一次。",
        "en": "Readings over a wide range make the loss surface very steep along w: at the article's "
        "learning rate 1e-4 gradient descent diverges (this data's threshold 2/λmax is about 6.8e-5). "
        "Lower the learning rate below the threshold, or standardise the input, and try again.",
    },
}
