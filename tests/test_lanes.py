"""A batch of runs side by side in SIMD lanes (f2c.autodiff.lanes): more runs than one lane group holds,
each with its own learning rate, start, data and epoch count, some diverging, give each run's rows and
state bit for bit as the same run compiled alone; data too long to write out falls back to run by run."""

from __future__ import annotations

import numpy as np
import pytest
from test_compile import CASES, X, Y

from f2c.autodiff import compile as compiled
from f2c.autodiff import lanes
from f2c.lessons.runners import numpy_runner


def runner(stage, optimizer, lr, w0, b0, x=X, y=Y):
    with np.errstate(all="ignore"):
        return compiled.compiled_runner(numpy_runner.trace_step(stage, optimizer, lr, w0, b0, x, y))


def alone(stage, optimizer, lr, w0, b0, epochs, x=X, y=Y):
    """The run compiled alone, cut as a batch cuts it: after its first epoch that is not finite."""
    solo = runner(stage, optimizer, lr, w0, b0, x, y)
    with np.errstate(all="ignore"):
        rows = solo.run(epochs)
    finite = np.isfinite(rows).all(axis=1)
    return (rows if finite.all() else rows[: int(np.argmin(finite)) + 1]), solo.params()


def settings(seed, count):
    rng = np.random.default_rng(seed)
    lrs = 10 ** rng.uniform(-6, -1.5, count)
    lrs[[2, 9, 17]] = (0.5, 3e-3, 1.0)  # diverging at once, later, and at once in the second group
    epochs = rng.integers(0, 1500, count)
    epochs[[0, 17]] = 1500  # the longest run and a diverging one in the second group
    return lrs, rng.uniform(-3, 3, count), rng.uniform(-3, 3, count), epochs


@pytest.mark.parametrize(("stage", "optimizer"), CASES)
def test_a_batch_of_two_lane_groups_gives_each_run_its_own_rows_bit_for_bit(stage, optimizer):
    count = lanes.LANES + 5  # a full group and a padded one
    lrs, w0s, b0s, epochs = settings(stage * 10 + len(optimizer), count)
    x = [X * np.float32(1 + k / 7) for k in range(count)]  # each its own data (a normalisation, say)
    members = [runner(stage, optimizer, lrs[k], w0s[k], b0s[k], x[k]) for k in range(count)]
    assert hasattr(members[0]._module, "train_lanes")
    with np.errstate(all="ignore"):
        out = compiled.run_batch(members, epochs)
    diverged = 0
    for k, (member, rows) in enumerate(zip(members, out)):
        theirs, params = alone(stage, optimizer, lrs[k], w0s[k], b0s[k], int(epochs[k]), x[k])
        assert rows.shape == theirs.shape, k
        assert np.array_equal(rows, theirs, equal_nan=True), k
        diverged += len(theirs) < epochs[k]
        if len(theirs) == epochs[k]:  # its state was handed back, to go on from in the next chunk
            assert member.params() == params, k
        else:  # it left at its diverging epoch: its state is the one after that epoch, as alone
            solo = runner(stage, optimizer, lrs[k], w0s[k], b0s[k], x[k])
            with np.errstate(all="ignore"):
                solo.run(len(theirs))
            for ours, its in zip(member._state, solo._state):
                assert np.array_equal(ours, its, equal_nan=True), k
    assert diverged >= 3 or optimizer in ("adam", "rmsprop")  # their steps are bounded by lr: none diverge


def test_a_run_that_has_no_epochs_left_keeps_its_state():
    members = [runner(2, "sgd", 1e-4, 1.0, 0.01) for _ in range(3)]
    compiled.run_batch(members, [0, 700, 0])
    assert members[0].params() == members[2].params() == (1.0, float(np.float32(0.01)))
    assert members[1].params() == alone(2, "sgd", 1e-4, 1.0, 0.01, 700)[1]


def test_data_too_long_to_write_out_goes_run_by_run_with_the_same_rows():
    x = np.linspace(20, 80, lanes.LANE_POINTS + 8).astype(np.float32)
    y = (x * np.float32(0.55) - np.float32(17)).astype(np.float32)
    members = [runner(2, "sgd", lr, 1.0, 0.01, x, y) for lr in (1e-5, 1e-4)]
    assert not hasattr(members[0]._module, "train_lanes") and hasattr(members[0]._module, "train_batch")
    out = compiled.run_batch(members, [400, 300])
    for lr, rows, n in zip((1e-5, 1e-4), out, (400, 300)):
        assert np.array_equal(rows, alone(2, "sgd", lr, 1.0, 0.01, n, x, y)[0])


def test_the_lane_loop_is_one_loop_per_epoch_over_flat_arrays():
    """What lets LLVM vectorise it: no loop over the data inside the lane loop, no 2-d array."""
    source = compiled._generate(numpy_runner.trace_step(2, "sgd", 1e-4, 1.0, 0.01, X, Y), "t")[0]
    lane_loop = source.split("def train_lanes")[1].split(f"for lane in range({lanes.LANES}):")[1]
    assert "for " not in lane_loop and "numpy_sum" not in lane_loop
    assert "X[X_at + 16 + lane]" in lane_loop and "[r," not in lane_loop


@pytest.mark.parametrize("points", [5, 8, 9, 17, lanes.LANE_POINTS])
@pytest.mark.parametrize(("stage", "optimizer"), [(1, "sgd"), (3, "adam")])
def test_every_data_size_that_fits_in_lanes_sums_in_numpys_order(points, stage, optimizer):
    """Sums of under 8, of 8, and of 8 running sums plus a tail: each written out per run, in NumPy's order."""
    rng = np.random.default_rng(points)
    x = rng.uniform(-40, 100, points).astype(np.float32)
    y = (x * np.float32(0.55) - 17 + rng.normal(0, 1, points)).astype(np.float32)
    lrs = 10 ** rng.uniform(-6, -4, 3)
    members = [runner(stage, optimizer, lr, 1.0, 0.01, x, y) for lr in lrs]
    assert hasattr(members[0]._module, "train_lanes")
    for lr, rows in zip(lrs, compiled.run_batch(members, [400] * 3)):
        assert np.array_equal(rows, alone(stage, optimizer, lr, 1.0, 0.01, 400, x, y)[0], equal_nan=True)


def test_the_warm_up_compiles_the_lane_loop_the_batch_then_calls():
    """load_job (what the helper process and the loading thread run) must compile train_lanes for the
    very argument types run_batch hands it, or the first real batch would wait for a second compile."""
    function = numpy_runner.trace_step(3, "momentum", 1e-4, 1.0, 0.01, X, Y)
    compiled.load_job(compiled.job(function))
    members = [runner(3, "momentum", lr, 1.0, 0.01) for lr in (1e-4, 2e-4)]
    compiled.run_batch(members, [50, 50])
    assert len(members[0]._module.train_lanes.signatures) == 1


def test_a_strided_data_array_is_one_constant_in_both_loops():
    strided = np.repeat(X, 2)[::2]  # the same numbers, not C-ordered
    members = [runner(2, "sgd", lr, 1.0, 0.01, strided) for lr in (1e-4, 3e-5)]
    assert hasattr(members[0]._module, "train_lanes")
    for lr, rows in zip((1e-4, 3e-5), compiled.run_batch(members, [300, 300])):
        assert np.array_equal(rows, alone(2, "sgd", lr, 1.0, 0.01, 300)[0])
