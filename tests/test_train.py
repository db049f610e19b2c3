"""The training core, driven with NumPy (no framework import needed)."""

import sys

import numpy as np
import pytest

from f2c.core.config import RunConfig
from f2c.core.data import Dataset
from f2c.core.normalize import Normalizer
from f2c.runtime import training as train


def test_chunks_cover_every_epoch_once():
    run = train.run(RunConfig(epochs=5000, mode="eager"), chunk_seconds=0.001)
    chunks = list(run)
    assert len(chunks) > 1
    assert chunks[0].first_epoch == 1 and chunks[-1].last_epoch == 5000
    for before, after in zip(chunks, chunks[1:]):
        assert after.first_epoch == before.last_epoch + 1
    assert len(run.trajectory) == 5000 and run.finished


def test_chunking_does_not_change_the_numbers():
    small = train.run(RunConfig(epochs=3000, mode="eager"), chunk_seconds=1e-4).run_to_end()
    large = train.run(RunConfig(epochs=3000, mode="eager"), chunk_seconds=10).run_to_end()
    np.testing.assert_array_equal(small.trajectory.rows, large.trajectory.rows)


def test_a_consumer_that_stops_stops_the_work():
    run = train.run(RunConfig(epochs=1_000_000, mode="eager"), chunk_seconds=0.01)
    iterator = iter(run)
    next(iterator)
    done = len(run.trajectory)
    iterator.close()
    assert len(run.trajectory) == done < 1_000_000
    assert not run.finished


def test_divergence_is_a_result():
    run = train.run(RunConfig(lr=1e-2, epochs=10_000)).run_to_end()
    assert run.diverged and run.diverged_epoch < 100
    assert len(run.trajectory) == run.diverged_epoch - 1
    assert np.isfinite(run.trajectory.rows).all()
    assert np.isfinite(run.last_finite_loss)


def test_numpy_runs_import_no_framework():
    train.run(RunConfig(epochs=10)).run_to_end()
    # Other tests in this process may have imported them; check in a fresh interpreter instead.
    import subprocess

    code = (
        "import sys; from f2c.runtime import training as train; from f2c.core.config import RunConfig;"
        "train.run(RunConfig(epochs=10)).run_to_end();"
        "print('torch' in sys.modules, 'tensorflow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.parametrize("kind", ("scale", "standardize"))
def test_normalised_runs_report_original_units(kind):
    x = np.array([10.0, 20.0, 30.0, 40.0], dtype=np.float32)
    data = Dataset(x, 0.5 * x - 3.0)
    run = train.run(RunConfig(normalize=kind, lr=0.05, epochs=20_000), data).run_to_end()
    final = run.final()
    assert (final["w"], final["b"]) == pytest.approx((0.5, -3.0), abs=2e-3)
    norm = Normalizer.fit(kind, x)
    w, b = norm.from_original(*norm.to_original(1.5, -2.0))
    assert (float(w), float(b)) == pytest.approx((1.5, -2.0))
