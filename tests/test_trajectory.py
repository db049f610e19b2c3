import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from f2c.core.trajectory import DEFAULT_MAX_ROWS, Chunk, Trajectory


def rows_for(first: int, n: int) -> np.ndarray:
    epochs = np.arange(first, first + n, dtype=np.float64)
    return np.stack([epochs, -epochs, 1 / epochs, 2 * epochs, 3 * epochs], axis=1)


def fill(trajectory: Trajectory, sizes) -> None:
    first = 1
    for n in sizes:
        trajectory.append(Chunk(first, rows_for(first, n), 0.0))
        first += n


def test_unbounded_keeps_every_epoch():
    t = Trajectory(max_rows=None)
    fill(t, [10, 1000, 5])
    assert len(t) == 1015 and t.complete
    assert t.epoch.tolist() == list(range(1, 1016))
    assert t.at(500)["w"] == 500


def test_chunks_must_be_consecutive():
    t = Trajectory()
    fill(t, [10])
    with pytest.raises(ValueError):
        t.append(Chunk(12, rows_for(12, 3), 0.0))


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 30_000), min_size=1, max_size=12),
    max_rows=st.integers(2_000, 20_000),
    keep_every=st.sampled_from([1000, 3000, 30_000]),
)
def test_bounded_memory_keeps_logged_first_and_latest_epochs(sizes, max_rows, keep_every):
    t = Trajectory(max_rows=max_rows, keep_every=keep_every, head=100)
    fill(t, sizes)
    total = sum(sizes)
    assert len(t) == total
    logged = list(range(keep_every, total + 1, keep_every))
    # Thinning can never go below the kept set, so the bound is max_rows plus what must be kept.
    assert len(t.epoch) <= max_rows + len(logged) + 100 + 1
    kept = set(t.epoch.tolist())
    assert set(logged) <= kept
    assert set(range(1, min(total, 100) + 1)) <= kept
    assert total in kept
    assert np.all(np.diff(t.epoch) > 0)
    # Every kept row is the right epoch's row.
    np.testing.assert_array_equal(t.w, t.epoch.astype(np.float64))
    for epoch in logged + [total]:
        assert t.at(epoch)["epoch"] == epoch and t.at(epoch)["w"] == epoch


def test_a_million_epochs_stay_small():
    t = Trajectory()  # default bound
    fill(t, [50_000] * 20)
    assert len(t) == 1_000_000
    assert len(t.epoch) <= DEFAULT_MAX_ROWS + 40
    assert t.nbytes <= 2 * (DEFAULT_MAX_ROWS + 1) * 48
    assert not t.complete
    at = t.at(123_457)
    assert at["epoch"] <= 123_457 and at["w"] == at["epoch"]


def test_one_long_chunk_gives_back_the_room_it_needed_before_thinning():
    # The compute child sends chunks of up to 262,144 epochs: stored whole, then thinned, they left every
    # finished run holding an array sized for the whole chunk (tracemalloc: 2.9 MB on average, 57 runs).
    t = Trajectory()
    fill(t, [64, 512, 4_096, 32_768, 262_144, 30_416])
    assert len(t) == 330_000 and len(t.epoch) <= DEFAULT_MAX_ROWS
    assert t.nbytes <= 2 * (DEFAULT_MAX_ROWS + 1) * 48
    assert t.at(330_000)["w"] == 330_000 and t.at(300_000)["w"] == 300_000
