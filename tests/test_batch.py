"""Runs batched together (f2c.autodiff.compile.run_batch, the compute child's batches): each member's rows
equal the same run alone within REFERENCE.md's tolerance, whatever its learning rate, start, epochs,
optimizer and normalisation; a diverging member leaves at its epoch; a stopped stream is out within a chunk."""

from __future__ import annotations

import time
from collections import OrderedDict

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import PARAMS_ABS
from test_compile import X, Y, assert_rows_close

from f2c import lessons
from f2c.core.config import RunConfig
from f2c.core.data import article
from f2c.core.normalize import Normalizer
from f2c.runtime import children as compute
from f2c.runtime import compute_child
from f2c.runtime import training as train
from f2c.runtime.shared_runs import ComputeSlots
from f2c.runtime.worker import Worker

L = lessons.load("numpy")
CASES = [(1, "sgd"), (2, "sgd"), (3, "sgd"), (3, "momentum"), (3, "adam"), (3, "rmsprop")]


def member(stage, optimizer, lr, w0, b0, normalize, mode="compiled"):
    x = Normalizer.fit(normalize, X).transform(X).astype(np.float32)
    return L.make_runner(stage, optimizer, lr, w0, b0, x, Y, mode)


def run_batched(runners, epochs, chunk):
    """Chunk after chunk as the compute child does: the members still running advance as one batch."""
    rows = [[] for _ in runners]
    left = list(epochs)
    while True:
        active = [k for k in range(len(runners)) if left[k] > 0]
        if not active:
            return [np.concatenate(r) if r else np.empty((0, 5)) for r in rows]
        counts = [min(chunk, left[k]) for k in active]
        out = runners[active[0]].run_batch([runners[k] for k in active], counts)
        for k, n, got in zip(active, counts, out):
            rows[k].append(got)
            left[k] = 0 if len(got) < n or not np.isfinite(got).all() else left[k] - n


def assert_same_as_alone(batched, alone):
    finite = np.isfinite(alone).all(axis=1)
    if finite.all():
        assert len(batched) == len(alone)
    else:  # it diverged: it left the batch at the first non-finite epoch, that epoch included
        first = int(np.argmin(finite))
        assert len(batched) == first + 1 and not np.isfinite(batched[-1]).all()
        batched, alone = batched[:first], alone[:first]
    assert_rows_close(batched, alone)


members = st.tuples(
    st.floats(-6, 0.5).map(lambda e: 10.0**e),  # the learning rate: from crawling to diverging
    st.floats(-5, 5),
    st.floats(-5, 5),  # the start w0, b0
    st.integers(1, 2500),  # epochs
    st.sampled_from(("none", "scale", "standardize")),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CASES), st.lists(members, min_size=2, max_size=6), st.integers(1, 700))
def test_each_member_of_a_batch_gives_the_rows_it_gives_alone(case, settings_, chunk):
    stage, optimizer = case
    runners = [member(stage, optimizer, lr, w0, b0, norm) for lr, w0, b0, _, norm in settings_]
    assert len({r.batch_key for r in runners}) == 1  # one compiled loop for them all
    epochs = [e for *_, e, _ in settings_]
    for runner, rows, (lr, w0, b0, e, norm) in zip(runners, run_batched(runners, epochs, chunk), settings_):
        solo = member(stage, optimizer, lr, w0, b0, norm, mode="function")
        alone = solo.run(e)
        assert_same_as_alone(rows, alone)
        if np.isfinite(alone).all():  # its state was handed back after each chunk
            np.testing.assert_allclose(runner.params(), solo.params(), rtol=1e-6, atol=PARAMS_ABS)


def test_a_diverging_member_leaves_at_its_epoch_and_the_others_go_on():
    lrs = (1e-4, 1e-2, 5e-5)  # 1e-2 diverges on the article's data (test_compile)
    runners = [member(1, "sgd", lr, 1.0, 0.01, "none") for lr in lrs]
    out = runners[0].run_batch(runners, [3000, 3000, 3000])
    alone = [member(1, "sgd", lr, 1.0, 0.01, "none", mode="function").run(3000) for lr in lrs]
    first = int(np.argmin(np.isfinite(alone[1][:, 2])))
    assert 5 < first < 3000 and len(out[1]) == first + 1
    assert len(out[0]) == len(out[2]) == 3000
    for rows, theirs in zip(out, alone):
        assert_same_as_alone(rows, theirs)


def test_streams_that_share_a_loop_are_one_batch_and_the_rest_go_alone():
    class Fake:
        def __init__(self, key):
            self.batch_key = key

    runners = {1: Fake("a"), 2: Fake(None), 3: Fake("a"), 4: Fake("b"), 5: Fake("a")}
    streams = OrderedDict.fromkeys(runners)
    assert compute_child._next_batch(runners, streams) == [1, 3, 5]
    assert compute_child._next_batch(runners, streams) == [2]
    assert compute_child._next_batch(runners, streams) == [4]
    assert list(streams) == [1, 3, 5, 2, 4]  # each batch went to the back of the queue


def test_a_stopped_stream_leaves_its_batch_within_one_chunk_and_the_others_match_alone():
    process = compute.process_for("numpy")
    process.call("count")
    deadline = time.time() + 240  # the child compiles the default loops when it starts
    while "pending" in process.call("prepared").values() and time.time() < deadline:
        time.sleep(0.05)
    # A million epochs each: a batch of three compiled runs of 330,000 epochs can end within the 0.3 s a stop
    # takes on a loaded machine (CI once saw the stopped run finish first).
    epochs = 1_000_000
    configs = [RunConfig(framework="numpy", stage=1, lr=lr, epochs=epochs) for lr in (1e-4, 2e-4, 3e-5)]
    runs = [train.Run(c, article(), chunk_seconds=0.005, remote=True) for c in configs]
    for run in runs:
        run.prepare()
        assert run.mode == "compiled" and run.notices == []  # the default loop was ready
    workers = [Worker(run, slots=ComputeSlots(3)).start() for run in runs]
    while len(runs[1].trajectory) < 1000 and time.time() < deadline:
        time.sleep(0.001)
    started = time.perf_counter()
    assert workers[1].stop(timeout=5)  # returns once the child has ended its stream
    assert time.perf_counter() - started < 0.5  # within a chunk (~chunk_seconds) and the pipe's delay
    stopped_at = len(runs[1].trajectory)
    time.sleep(0.2)
    assert len(runs[1].trajectory) == stopped_at < epochs  # nothing more arrives for it
    for worker in (workers[0], workers[2]):
        worker._thread.join(120)
    for run, config in zip(runs, configs):
        if run is runs[1]:
            assert not run.finished
            continue
        alone = train.Run(config.with_(mode="function"), article()).run_to_end()
        assert run.finished and len(run.trajectory) == config.epochs
        assert_rows_close(run.trajectory.rows, alone.trajectory.rows)
