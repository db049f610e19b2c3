"""The seeded train/validation split and the validation loss."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from f2c.core import presets
from f2c.core.config import RunConfig
from f2c.core.data import DataError, Dataset
from f2c.core.i18n import LANGS, STRINGS
from f2c.core.split import MAX_FRACTION, SplitError, split, split_indices, split_sizes, validation_loss
from f2c.runtime import training as train


def points(n: int) -> Dataset:
    x = np.arange(n, dtype=np.float32) * 1.5 + 3.0
    return Dataset(x, 0.5 * x - 2.0, "points")


def test_sizes_round_half_up():
    assert split_sizes(11, 0.0) == (11, 0)
    assert split_sizes(11, 0.25) == (8, 3)  # 2.75 -> 3
    assert split_sizes(10, 0.25) == (7, 3)  # 2.5 -> 3
    assert split_sizes(12, 0.5) == (6, 6)


def test_split_of_the_article():
    data = presets.load("article")
    train_set, validation = split(data, 0.25, seed=1)
    assert (len(train_set), len(validation)) == (8, 3)
    pairs = {(float(x), float(y)) for x, y in zip(data.x, data.y)}
    got = [(float(x), float(y)) for part in (train_set, validation) for x, y in zip(part.x, part.y)]
    assert sorted(got) == sorted(pairs)
    assert train_set.name == "article/train" and validation.name == "article/validation"


def test_fraction_zero_keeps_everything():
    data = presets.load("article")
    train_set, validation = split(data, 0.0, seed=5)
    assert train_set is data and validation is None


def test_deterministic_and_seed_dependent():
    data = points(40)
    a = split(data, 0.3, seed=7)
    b = split(data, 0.3, seed=7)
    c = split(data, 0.3, seed=8)
    assert a[1].fingerprint() == b[1].fingerprint()
    assert a[1].fingerprint() != c[1].fingerprint()


@pytest.mark.parametrize(
    ("n", "fraction", "part"),
    [(11, 0.05, "validation"), (3, 0.34, "validation"), (4, 0.75, "train"), (11, 0.1, "validation")],
)
def test_parts_too_small_are_refused(n, fraction, part):
    with pytest.raises(SplitError) as error:
        split(points(n), fraction, seed=0)
    assert isinstance(error.value, DataError) and isinstance(error.value, ValueError)
    assert error.value.key == "split.too_few" and error.value.kwargs["part"] == part


@pytest.mark.parametrize("fraction", (-0.1, 0.95, 1.0, float("nan"), float("inf"), True, "0.2"))
def test_bad_fractions_are_refused(fraction):
    with pytest.raises(SplitError) as error:
        split(points(20), fraction, seed=0)
    assert error.value.key == "split.fraction"


def test_a_part_with_equal_x_is_refused():
    data = Dataset([1.0, 1.0, 1.0, 1.0, 5.0, 6.0], [0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
    refused = 0
    for seed in range(30):
        try:
            split(data, 0.5, seed)
        except SplitError as error:
            assert error.key == "split.x_equal"
            refused += 1
    assert 0 < refused < 30


def test_every_message_key_has_both_languages():
    for key in ("split.fraction", "split.too_few", "split.x_equal", "split.train", "split.validation"):
        assert set(STRINGS[key]) == set(LANGS)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=300),
    fraction=st.floats(min_value=0.0, max_value=MAX_FRACTION),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_split_property(n, fraction, seed):
    n_train, n_validation = split_sizes(n, fraction)
    assert n_train + n_validation == n
    assert abs(n_validation - fraction * n) <= 0.5
    train_idx, validation_idx = split_indices(n, fraction, seed)
    assert len(train_idx) == n_train and len(validation_idx) == n_validation
    assert not set(train_idx.tolist()) & set(validation_idx.tolist())  # disjoint
    assert sorted([*train_idx.tolist(), *validation_idx.tolist()]) == list(range(n))  # covering
    assert np.all(np.diff(train_idx) > 0) and np.all(np.diff(validation_idx) > 0)  # original order
    again = split_indices(n, fraction, seed)
    assert np.array_equal(again[0], train_idx) and np.array_equal(again[1], validation_idx)
    data = points(n)
    if fraction == 0:
        assert split(data, fraction, seed)[1] is None
    elif n_train < 2 or n_validation < 2:
        with pytest.raises(SplitError):
            split(data, fraction, seed)
    else:
        train_set, validation = split(data, fraction, seed)
        np.testing.assert_array_equal(train_set.x, data.x[train_idx])
        np.testing.assert_array_equal(validation.y, data.y[validation_idx])


def direct_loss(w, b, data):
    x, y = data.x.astype(np.float64), data.y.astype(np.float64)
    return np.mean((np.multiply.outer(np.atleast_1d(w), x) + np.atleast_1d(b)[:, None] - y) ** 2, axis=1)


@settings(max_examples=100, deadline=None)
@given(
    w=st.lists(st.floats(-50, 50), min_size=1, max_size=20),
    b=st.floats(-1000, 1000),
    key=st.sampled_from(presets.keys()),
)
def test_validation_loss_matches_the_definition(w, b, key):
    data = presets.load(key)
    w = np.array(w)
    b = np.full_like(w, b)
    np.testing.assert_allclose(validation_loss(w, b, data), direct_loss(w, b, data), rtol=1e-9, atol=1e-9)


def test_validation_loss_scalar_and_optimum():
    data = presets.load("article")
    assert isinstance(validation_loss(1.0, 0.0, data), float)
    assert validation_loss(1.0, 0.0, data) == pytest.approx(1763.8846, rel=1e-6)
    assert validation_loss(0.536772, -17.304786, data) == pytest.approx(2.927646, rel=1e-6)
    exact = Dataset([0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0])
    assert 0.0 <= validation_loss(2.0, 1.0, exact) < 1e-12


def test_validation_loss_along_a_trajectory():
    data = presets.load("fahrenheit")
    train_set, validation = split(data, 0.25, seed=3)
    run = train.run(RunConfig(epochs=2000, normalize="standardize", lr=0.1), train_set).run_to_end()
    w, b = run.original_units(run.trajectory.w, run.trajectory.b)
    losses = validation_loss(w, b, validation)
    assert losses.shape == (2000,)
    assert losses[-1] < 0.05 * losses[0]
    np.testing.assert_allclose(losses[::250], direct_loss(w[::250], b[::250], validation), rtol=1e-9)
