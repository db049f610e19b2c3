"""The data presets: valid, deterministic, and each shows what it promises."""

from __future__ import annotations

import numpy as np
import pytest

from f2c.core import presets
from f2c.core.analysis import critical_lr, least_squares
from f2c.core.config import RunConfig
from f2c.core.data import ARTICLE_X, ARTICLE_Y, DataError, Dataset
from f2c.core.i18n import LANGS, STRINGS
from f2c.core.normalize import Normalizer
from f2c.runtime import training as train


@pytest.mark.parametrize("key", presets.keys())
def test_each_preset_is_a_valid_deterministic_dataset(key):
    first, second = presets.load(key), presets.load(key)
    assert isinstance(first, Dataset) and first.name == key
    assert first.x.dtype == np.float32 and first.y.dtype == np.float32
    assert len(first) >= 11
    assert first.fingerprint() == second.fingerprint()
    assert first is not second
    preset = presets.PRESETS[key]
    for text_key in (preset.name_key, preset.description_key):
        assert set(STRINGS[text_key]) == set(LANGS)
        assert all(STRINGS[text_key].values())


# A teacher's link that names a preset must show the same points next term. NumPy keeps the default
# Generator's stream stable in practice but does not promise it across versions: if a new NumPy changes
# these, freeze the points as literals in f2c/core/presets.py.
FINGERPRINTS = {
    "article": "c4997281d06da13b",
    "fahrenheit": "e57d9b3840506cbf",
    "outlier": "3ce64b3df23f12d1",
    "wide": "41af6c2856ea3ada",
}


def test_presets_are_stable_across_releases():
    assert {key: presets.load(key).fingerprint() for key in presets.keys()} == FINGERPRINTS
    np.testing.assert_array_equal(presets.load("article").x, np.float32(ARTICLE_X))
    np.testing.assert_array_equal(presets.load("article").y, np.float32(ARTICLE_Y))


def test_unknown_preset_is_refused_with_a_message_key():
    with pytest.raises(DataError) as error:
        presets.load("nope")
    assert error.value.key == "preset.unknown"
    assert error.value.key in STRINGS


def test_fahrenheit_is_the_exact_conversion_with_noise():
    data = presets.load("fahrenheit")
    x, y = data.x.astype(np.float64), data.y.astype(np.float64)
    assert x.min() >= 0.0 and x.max() <= 100.0
    w, b, mse = least_squares(x, y)
    assert abs(w - 5 / 9) < 0.05
    assert abs(b - (-160 / 9)) < 3.0
    residual_sd = np.std(y - presets.celsius(x))
    assert 0.5 < residual_sd < 1.6  # noise sd 1.0 C (and rounding to 0.1)
    assert critical_lr(x) > 1e-4  # trains at the article's learning rate


def test_fahrenheit_trains_at_the_article_settings():
    run = train.run(RunConfig(epochs=20_000), presets.load("fahrenheit")).run_to_end()
    assert not run.diverged
    assert run.trajectory.loss[-1] < 0.05 * run.trajectory.loss[0]


def test_outlier_changes_the_least_squares_fit():
    article, outlier = presets.load("article"), presets.load("outlier")
    assert len(outlier) == len(article) + 1
    np.testing.assert_array_equal(outlier.x[:-1], article.x)
    w0, b0, _ = least_squares(article.x, article.y)
    w1, b1, _ = least_squares(outlier.x, outlier.y)
    assert abs(w1 - w0) > 0.05 and abs(b1 - b0) > 2.0
    # The line leans towards the outlier: its residual shrinks compared with the article's fit.
    x, y = presets.OUTLIER
    assert abs(w1 * x + b1 - y) < abs(w0 * x + b0 - y)


def test_wide_diverges_at_the_article_learning_rate():
    data = presets.load("wide")
    assert data.x.min() < -30 and data.x.max() > 240
    threshold = critical_lr(data.x)
    assert threshold < 1e-4
    run = train.run(RunConfig(), data).run_to_end()
    assert run.diverged and run.diverged_epoch < 1000


def test_wide_converges_below_its_threshold_and_with_normalisation():
    data = presets.load("wide")
    below = train.run(RunConfig(lr=0.9 * critical_lr(data.x), epochs=5000), data).run_to_end()
    assert not below.diverged
    norm = Normalizer.fit("standardize", data.x)
    lr = 0.9 * critical_lr(norm.transform(data.x))
    assert lr > 0.1  # standardising turns a threshold of ~7e-5 into one near 1
    run = train.run(RunConfig(lr=lr, epochs=3000, normalize="standardize"), data).run_to_end()
    assert not run.diverged
    final = run.final()
    w, b, _ = least_squares(data.x, data.y)
    assert (final["w"], final["b"]) == pytest.approx((w, b), abs=1e-3)
