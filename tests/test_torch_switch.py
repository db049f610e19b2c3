"""torch's compiled mode without the wait (f2c/lessons/runners/torch_switch.py): a run computes eagerly while
its chunk compiles in the background, then goes on compiled; the trajectory across the switch is the run's
own, within the tolerance compiled and eager keep everywhere (tests/test_torch_lesson.py)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from f2c.core.data import ARTICLE_X, ARTICLE_Y
from f2c.lessons import ModeUnavailable
from f2c.lessons.runners import torch_runner as R
from f2c.lessons.runners.torch_switch import Compiler

XN = np.asarray(ARTICLE_X, dtype=np.float32)
YN = np.asarray(ARTICLE_Y, dtype=np.float32)


class Gated(Compiler):
    """Compiles for real, but says "ready" only once the test opens the gate: the switch epoch is ours."""

    open = False

    def ready(self, key):
        return self.open and super().ready(key)


@pytest.fixture
def gated(monkeypatch):
    compiler = Gated()
    monkeypatch.setattr(R, "COMPILER", compiler)
    monkeypatch.setattr(R, "CHUNK", 8)  # a short unrolled chunk compiles fast; the same code path
    return compiler


def assert_same_trajectory(eager, switched):
    np.testing.assert_allclose(switched[:, 2], eager[:, 2], rtol=1e-5)  # loss
    for col in (0, 1, 3, 4):  # w, b, dw, db: relative to the largest value the column takes
        scale = np.abs(eager[:, col]).max()
        assert np.abs(switched[:, col] - eager[:, col]).max() <= 1e-5 * scale, col


CASES = [(1, "sgd", 1e-4), (2, "sgd", 1e-4), (3, "sgd", 1e-4), (3, "momentum", 1e-5), (3, "adam", 1e-2),
         (3, "rmsprop", 1e-4)]  # fmt: skip


@pytest.mark.parametrize(("stage", "optimizer", "lr"), CASES)
def test_rows_across_the_switch_are_the_runs_own(gated, stage, optimizer, lr):
    runner = R.make_runner_soon(stage, optimizer, lr, 1.0, 0.01, XN, YN, "compiled")
    assert runner.mode == "compiled" and runner.notice == "train.compiling_behind"
    parts = [runner.run(777)]  # eager: the compiled chunk is not ready (gated)
    deadline = time.monotonic() + 600
    while Compiler.ready(gated, runner.key) is False and time.monotonic() < deadline:
        parts.append(runner.run(50))  # eager chunks computed while dynamo compiles in its thread
        assert gated.failed(runner.key) is None
    before = sum(len(rows) for rows in parts)
    n = before + 2_000
    assert runner.switched_at is None
    gated.open = True
    parts += [runner.run(5), runner.run(n - before - 5)]
    assert runner.switched_at == before + 1
    assert type(runner._runner) is R.CompiledRunner
    eager = R.make_runner(stage, optimizer, lr, 1.0, 0.01, XN, YN, "eager")
    rows = eager.run(n)
    assert rows[-1, 2] < 0.75 * rows[0, 2]  # it trains
    assert_same_trajectory(rows, np.concatenate(parts))
    np.testing.assert_allclose(runner.params(), eager.params(), rtol=1e-5)


def test_a_compiled_chunk_ready_before_the_run_computes_compiled_from_the_first_epoch(gated):
    gated.open = True
    R.warm([(1, "sgd", len(XN))])
    runner = R.make_runner_soon(1, "sgd", 1e-4, 1.0, 0.01, XN, YN, "compiled")
    assert gated.wait(runner.key, timeout=600)
    runner = R.make_runner_soon(1, "sgd", 3e-4, -2.0, 5.0, XN, YN, "compiled")
    assert runner.switched_at == 1 and runner.notice is None
    assert_same_trajectory(
        R.make_runner(1, "sgd", 3e-4, -2.0, 5.0, XN, YN, "eager").run(100), runner.run(100)
    )


def test_a_compile_that_fails_leaves_the_run_eager_and_the_next_run_falls_back(gated, monkeypatch):
    def broken(*args, **kwargs):
        raise ModeUnavailable("no compiler here")

    gated.open = True
    monkeypatch.setattr(R, "CompiledRunner", broken)
    runner = R.make_runner_soon(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "compiled")
    assert not gated.wait(runner.key, timeout=60)
    rows = runner.run(50)  # still eager, still right
    assert_same_trajectory(R.make_runner(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager").run(50), rows)
    assert runner.switched_at is None
    with pytest.raises(ModeUnavailable, match="no compiler here"):
        R.make_runner_soon(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "compiled")
