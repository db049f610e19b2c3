"""No run waits for numba (f2c.autodiff.background): a run starts in mode "function" while a helper process
compiles its loop, and the compiled loop takes over at a chunk boundary with the same float32 state; a
compute child compiles the default loops when it starts. Each test compiles into a fresh cache directory."""

from __future__ import annotations

import time

import numpy as np
import pytest
from reference import PARAMS_ABS
from test_compile import OPT_LR, X, Y, assert_rows_close, traced

from f2c import lessons
from f2c.autodiff import background
from f2c.autodiff import compile as compiled
from f2c.lessons.runners import numpy_runner
from f2c.runtime import children as compute

L = lessons.load("numpy")


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("F2C_COMPILE_DIR", str(tmp_path))  # inherited by the helper and child processes
    return tmp_path


def wait_for(ready, seconds=240.0):
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "the background compile never finished"
        time.sleep(0.05)


@pytest.mark.parametrize("optimizer", ("sgd", "momentum", "adam", "rmsprop"))
def test_the_compiled_loop_goes_on_from_the_replays_state(optimizer):
    lr = OPT_LR[optimizer] / 2
    alone = traced(3, optimizer, lr).run(3000)
    function = traced(3, optimizer, lr)
    first = function.run(1234)
    rest = compiled.compiled_runner(function, current=True).run(3000 - 1234)
    assert_rows_close(np.concatenate([first, rest]), alone)
    assert not np.array_equal(rest[0, :2], alone[0, :2])  # it did not start again from the beginning


def test_a_run_starts_in_function_mode_and_switches_when_its_loop_is_ready(monkeypatch):
    monkeypatch.setattr(numpy_runner, "BUILDS", background.Builds())
    lr = 3e-4
    runner = L.make_runner(3, "adam", lr, 1.0, 0.01, X, Y, "compiled")
    assert runner.mode == "compiled" and runner.notice == "train.compiling_background"
    assert runner.running == "function" and runner.compiled is None
    alone = L.make_runner(3, "adam", lr, 1.0, 0.01, X, Y, "function")
    ours, theirs = [], []
    deadline = time.monotonic() + 240
    while runner.switched_at is None:
        assert time.monotonic() < deadline, "the background compile never finished"
        ours.append(runner.run(500))
        theirs.append(alone.run(500))
        time.sleep(0.02)
    assert runner.running == "compiled" and runner.switched_at > 0
    ours.append(runner.run(20_000))
    theirs.append(alone.run(20_000))
    assert_rows_close(np.concatenate(ours), np.concatenate(theirs))
    np.testing.assert_allclose(runner.params(), alone.params(), atol=PARAMS_ABS)
    again = L.make_runner(3, "adam", 2 * lr, 1.0, 0.01, X, Y, "compiled")  # another learning rate: no wait
    assert again.running == "compiled" and again.notice is None


def test_a_failed_compile_leaves_the_run_in_function_mode(monkeypatch):
    builds = background.Builds()
    monkeypatch.setattr(numpy_runner, "BUILDS", builds)
    monkeypatch.setattr(background, "_helper", lambda jobs: [False] * len(jobs))  # the helper could not
    runner = L.make_runner(1, "sgd", 1e-4, 1.0, 0.01, X, Y, "compiled")
    wait_for(lambda: "pending" not in builds.statuses().values())
    rows = runner.run(100)
    assert runner.running == "function" and runner.switched_at is None
    np.testing.assert_array_equal(rows, traced(1).run(100))
    with pytest.raises(lessons.ModeUnavailable):  # the next run falls back to mode "function" at once
        L.make_runner(1, "sgd", 2e-4, 1.0, 0.01, X, Y, "compiled")


def test_a_compute_child_compiles_the_default_loops_when_it_starts(fresh_cache):
    process = compute.ComputeProcess("numpy")
    try:
        assert process.call("count") == 0  # starts the child
        wait_for(lambda: list(process.call("prepared").values()) == ["ready"] * 3)
        assert len(list((fresh_cache / "__pycache__").glob("*.nbi"))) >= 3  # in numba's cache on disk
        runner = compute.RemoteRunner(process, "numpy", (2, "sgd", 7e-5, 1.0, 0.01, X, Y, "compiled"))
        assert runner.mode == "compiled" and runner.notice is None  # ready: no wait, no notice
        np.testing.assert_array_equal(runner.run(5000), traced(2, lr=7e-5).run(5000))
        other = compute.RemoteRunner(process, "numpy", (3, "rmsprop", 2e-3, 1.0, 0.01, X, Y, "compiled"))
        assert other.notice == "train.compiling_background"  # not a default: compiled while it runs
        rows = np.concatenate([other.run(2000) for _ in range(40)])
        assert_rows_close(rows, traced(3, "rmsprop", 2e-3).run(80_000))
    finally:
        process.stop()
