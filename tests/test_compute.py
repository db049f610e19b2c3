"""Runs computed in a child process (f2c/runtime/children.py): the same numbers, cancellation, crashes, fallback."""

from __future__ import annotations

import gc
import os
import signal
import time
from pathlib import Path

import numpy as np
import pytest

from f2c import lessons
from f2c.core.config import RunConfig
from f2c.core.data import article
from f2c.runtime import children as compute
from f2c.runtime import training as train
from f2c.runtime.shared_runs import ComputeSlots
from f2c.runtime.worker import Worker

FIELDS = ("epoch", "w", "b", "loss", "dw", "db")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_args(stage=2, mode="eager"):
    data = article()
    return (
        stage,
        "sgd",
        1e-4,
        1.0,
        0.01,
        np.asarray(data.x, np.float32),
        np.asarray(data.y, np.float32),
        mode,
    )


@pytest.mark.parametrize(
    ("framework", "mode", "stage"),
    [("numpy", "function", 2), ("numpy", "eager", 3), ("torch", "eager", 2), ("torch", "eager", 3)],
)
def test_a_remote_run_records_the_same_numbers_bit_for_bit(framework, mode, stage):
    config = RunConfig(framework=framework, mode=mode, stage=stage, epochs=5_000)
    remote = train.Run(config, article(), remote=True).run_to_end()
    local = train.Run(config, article()).run_to_end()
    assert isinstance(remote._runner, compute.RemoteRunner) and remote.notices == []
    assert remote.mode == local.mode == mode
    for name in FIELDS:
        assert np.array_equal(getattr(remote.trajectory, name), getattr(local.trajectory, name)), name
    assert remote.final() == local.final()


def test_tensorflow_computes_in_the_server():
    assert compute.process_for("tensorflow") is None
    assert compute.process_for("numpy") is compute.process_for("numpy")


def test_a_mode_the_child_cannot_run_is_the_same_error_as_here():
    process = compute.process_for("torch")
    with pytest.raises(lessons.ModeUnavailable):
        compute.RemoteRunner(process, "torch", make_args(mode="xla"))


def test_runners_collected_in_the_server_are_dropped_in_the_child():
    process = compute.process_for("numpy")
    before = process.call("count")
    runners = [compute.RemoteRunner(process, "numpy", make_args()) for _ in range(3)]
    assert process.call("count") == before + 3
    del runners
    gc.collect()
    assert process.call("count") == before


def test_a_killed_child_ends_its_runs_with_an_error_and_the_next_run_starts_a_new_one():
    process = compute.ComputeProcess("numpy")
    try:
        runner = compute.RemoteRunner(process, "numpy", make_args())
        assert len(runner.run(10)) == 10
        os.kill(process.pid, signal.SIGKILL)
        with pytest.raises((compute.ComputeLost, compute.RunnerGone)):
            runner.run(10)
        with pytest.raises(compute.RunnerGone):  # its runner is gone with it, for good
            runner.run(10)
        fresh = compute.RemoteRunner(process, "numpy", make_args())
        assert len(fresh.run(10)) == 10 and process.generation == 2
    finally:
        process.stop()
    assert process.pid is None


def test_stopping_a_remote_run_leaves_the_child_idle_within_half_a_second():
    run = train.Run(RunConfig(framework="numpy", mode="eager", epochs=1_000_000), article(), remote=True)
    run.prepare()
    pid = compute.process_for("numpy").pid
    deadline = time.time() + 240  # the child compiles its default loops when it starts: let that end first
    while "pending" in compute.process_for("numpy").call("prepared").values() and time.time() < deadline:
        time.sleep(0.05)
    worker = Worker(run, slots=ComputeSlots(2)).start()
    deadline = time.time() + 30
    while len(run.trajectory) < 1_000 and time.time() < deadline:
        time.sleep(0.01)
    assert worker.alive and cpu_seconds(pid) > 0
    started = time.perf_counter()
    assert worker.stop(timeout=5)
    assert time.perf_counter() - started < 0.5
    busy = cpu_seconds(pid)
    time.sleep(0.5)
    assert cpu_seconds(pid) - busy < 0.05  # the child waits for the next request: no work left behind
    assert not run.finished and len(run.trajectory) < 1_000_000


def test_without_a_child_process_the_run_computes_here_and_says_so(monkeypatch):
    class Refused(compute.ComputeProcess):
        def _start(self):
            raise OSError("no processes allowed")

    monkeypatch.setattr(compute, "process_for", lambda framework: Refused(framework))
    run = train.Run(RunConfig(framework="numpy", epochs=2_000), article(), remote=True).run_to_end()
    assert run.finished and len(run.trajectory) == 2_000
    assert not isinstance(run._runner, compute.RemoteRunner)
    assert [key for key, _ in run.notices] == ["train.compute_local"]


def stream_to_end(run: train.Run) -> train.Run:
    worker = Worker(run, slots=ComputeSlots(1)).start()
    worker._thread.join(60)
    assert not worker.alive and worker.error is None
    return run


def test_two_streamed_runs_take_turns_in_one_child_and_match_local_runs():
    configs = [
        RunConfig(framework="numpy", mode="function", stage=2, epochs=20_000),
        RunConfig(framework="numpy", mode="eager", stage=3, optimizer="adam", epochs=8_000),
    ]
    runs = [train.Run(c, article(), chunk_seconds=0.005, remote=True) for c in configs]
    for run in runs:
        run.prepare()
        assert run.streams
    workers = [Worker(run, slots=ComputeSlots(1)).start() for run in runs]
    time.sleep(0.1)
    assert all(0 < len(run.trajectory) < run.config.epochs for run in runs)  # both advance at once
    for worker in workers:
        worker._thread.join(60)
    for run, config in zip(runs, configs):
        local = train.Run(config, article()).run_to_end()
        assert run.finished and len(run.trajectory) == config.epochs
        for name in FIELDS:
            assert np.array_equal(getattr(run.trajectory, name), getattr(local.trajectory, name)), name
        assert run.final() == local.final()


def test_a_streamed_run_that_diverges_stops_at_the_first_non_finite_loss():
    config = RunConfig(framework="torch", mode="eager", stage=2, lr=1e-2, epochs=100_000)
    run = stream_to_end(train.Run(config, article(), remote=True))
    local = train.Run(config, article()).run_to_end()
    assert run.diverged and run.finished and run.diverged_epoch == local.diverged_epoch
    assert run.last_finite_loss == local.last_finite_loss
