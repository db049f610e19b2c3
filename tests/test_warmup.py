"""The compute child's compiled torch runs start at once and switch when compiled; the server's warm-up
(f2c/runtime/warmup.py) compiles the default stages in the child before anyone asks."""

from __future__ import annotations

import time

import numpy as np

from f2c.core.config import RunConfig
from f2c.core.data import article
from f2c.runtime import children as compute
from f2c.runtime import training as train
from f2c.runtime import warmup
from f2c.runtime.shared_runs import ComputeSlots
from f2c.runtime.worker import Worker
from tests.test_torch_switch import assert_same_trajectory


def rows(run):
    t = run.trajectory
    return np.column_stack([t.w, t.b, t.loss, t.dw, t.db])


def test_a_compiled_torch_run_in_a_fresh_child_starts_eagerly_and_matches_eager(monkeypatch):
    process = compute.ComputeProcess("torch")  # nothing compiled in it yet
    monkeypatch.setattr(compute, "process_for", lambda framework: process)
    try:
        config = RunConfig(framework="torch", stage=2, mode="compiled", epochs=30_000)
        run = train.Run(config, article(), remote=True)
        run.prepare()
        assert run.mode == "compiled" and ("train.compiling_behind", {}) in run.notices
        worker = Worker(run, slots=ComputeSlots(1)).start()
        worker._thread.join(600)
        assert not worker.alive and worker.error is None and run.finished
        local = train.Run(config.with_(mode="eager"), article()).run_to_end()
        assert_same_trajectory(rows(local), rows(run))
        np.testing.assert_allclose(run.final()["loss"], local.final()["loss"], rtol=1e-5)
    finally:
        process.stop()


def test_a_warmed_child_builds_compiled_runners_that_need_no_eager_start():
    process = compute.ComputeProcess("torch")
    try:
        process.call("warm", 0, "torch", [(1, "sgd", 11)])
        data = article()
        x, y = np.asarray(data.x, np.float32), np.asarray(data.y, np.float32)
        args = (1, "sgd", 3e-4, -2.0, 5.0, x, y, "compiled")
        deadline = time.monotonic() + 600
        runner = compute.RemoteRunner(process, "torch", args)
        while runner.notice is not None and time.monotonic() < deadline:
            time.sleep(0.5)
            runner = compute.RemoteRunner(process, "torch", args)
        assert runner.notice is None and runner.mode == "compiled"
        local = train.Run(
            RunConfig(framework="torch", lr=3e-4, w0=-2.0, b0=5.0, mode="eager", epochs=100), data
        )
        assert_same_trajectory(rows(local.run_to_end()), runner.run(100))
    finally:
        process.stop()


def test_the_warm_up_starts_once_per_process_and_not_at_all_when_switched_off(monkeypatch):
    started = []
    monkeypatch.setattr(warmup, "_started", False)
    monkeypatch.setattr(warmup, "_warm_all", lambda names: started.append(names))
    monkeypatch.setenv("F2C_WARMUP", "torch, tensorflow")
    assert warmup.start_once() is True
    assert warmup.start_once() is False
    time.sleep(0.2)
    assert started == [("torch", "tensorflow")]
    monkeypatch.setattr(warmup, "_started", False)
    monkeypatch.setenv("F2C_WARMUP", "0")
    assert warmup.start_once() is False and started == [("torch", "tensorflow")]
