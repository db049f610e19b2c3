"""The PyTorch lesson against the article's printed numbers (REFERENCE.md), eager against compiled.

Tolerances (REFERENCE.md): losses and gradients 1e-5 relative, parameters 1e-4 absolute against the
article; eager and compiled within 1e-5 relative on loss, and on parameters relative to the largest
magnitude the parameter takes (b crosses zero, where a plain relative error means nothing).
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
import torch

from f2c.core.config import RunConfig
from f2c.core.data import ARTICLE_X, ARTICLE_Y
from f2c.lessons import ModeUnavailable
from f2c.lessons import torch_lesson as L
from f2c.lessons.runners import torch_compiled as C
from f2c.lessons.runners import torch_runner as R
from f2c.runtime import training as train

X = torch.tensor(ARTICLE_X)
Y = torch.tensor(ARTICLE_Y)
XN = np.asarray(ARTICLE_X, dtype=np.float32)
YN = np.asarray(ARTICLE_Y, dtype=np.float32)

ARTICLE_LOG = [12.095908, 6.133891, 4.048903, 3.319792, 3.064586, 2.975681, 2.944574, 2.933552, 2.929731,
               2.928472, 2.927906]  # fmt: skip
ARTICLE_FINAL = [0.5358, -17.2503]


def rel(a, b):
    return np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) / np.abs(b)


def test_loss_and_gradients_at_the_articles_points():
    loss = L.loss_fn(L.model(X, 1.0, 0.0), Y)
    assert rel(loss.item(), 1763.8846) < 1e-5

    # hand-written (stage 1) and autograd (stage 2) gradients, at (1, 0) and (1, 0.01)
    for b0, expected in ((0.0, [4517.2969, 82.6000]), (0.01, [4518.3325, 82.6200])):
        params = torch.tensor([1.0, b0])
        _, _, grad1 = L.stage1_step(params, X, Y, 1e-4)
        _, _, grad2 = L.stage2_step(params.clone().requires_grad_(), X, Y, 1e-4)
        assert (rel(grad1.numpy(), expected) < 1e-5).all()
        assert (rel(grad2.numpy(), expected) < 1e-5).all()


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_one_sgd_step_from_the_articles_start(stage):
    params = torch.tensor([1.0, 0.01], requires_grad=stage > 1)
    arg = L.make_optimizer("sgd", params, 1e-4) if stage == 3 else 1e-4
    new, loss, grad = L.STEPS[stage](params, X, Y, arg)
    assert rel(loss.item(), 1764.7108) < 1e-5
    assert (rel(grad.numpy(), [4518.3325, 82.6200]) < 1e-5).all()
    assert np.abs(new.detach().numpy() - [0.5482, 0.0017]).max() < 1e-4


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_compiled_default_run_prints_the_articles_log(stage):
    runner = L.make_runner(stage, "sgd", 1e-4, 1.0, 0.01, XN, YN, "compiled")
    assert runner.mode == "compiled"
    rows = runner.run(330_000)
    assert rows.shape == (330_000, 5) and rows.dtype == np.float64
    logged = rows[np.arange(30_000, 330_001, 30_000) - 1, 2]  # loss before the update of that epoch
    assert (rel(logged, ARTICLE_LOG) < 1e-5).all(), logged
    assert np.abs(np.array(runner.params()) - ARTICLE_FINAL).max() < 1e-4


def test_runner_rows_start_at_the_initial_params():
    runner = L.make_runner(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager")
    assert runner.mode == "eager" and runner.compile_seconds == 0.0 and runner.notice is None
    rows = runner.run(2)
    assert rows.shape == (2, 5)
    np.testing.assert_allclose(rows[0, :2], [1.0, 0.01], rtol=1e-7)
    np.testing.assert_allclose(rows[1, :2], [0.5482, 0.0017], atol=1e-4)
    np.testing.assert_allclose(runner.params(), rows[1, :2] - 1e-4 * rows[1, 3:], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize(("stage", "optimizer"), [(1, "sgd"), (2, "sgd"), (3, "sgd"), (3, "adam")])
def test_eager_rows_are_exactly_what_the_step_computed(stage, optimizer):
    """Each row holds w, b at the start of the epoch and that epoch's loss and gradient, float32 exact."""
    runner = L.make_runner(stage, optimizer, 1e-3, 1.0, 0.01, XN, YN, "eager")
    rows = np.concatenate([runner.run(1), runner.run(4)])

    params = torch.tensor([1.0, 0.01], requires_grad=stage > 1)
    arg = L.make_optimizer(optimizer, params, 1e-3) if stage == 3 else 1e-3
    expected = []
    for _ in range(5):
        start = params.detach().clone()  # before stage 3's optimizer.step() updates params in place
        params, loss, grad = L.STEPS[stage](params, X, Y, arg)
        expected.append(torch.cat([start, loss.detach().reshape(1), grad]).numpy().astype(np.float64))
    assert rows.dtype == np.float64
    np.testing.assert_array_equal(rows, np.stack(expected))
    assert runner.params() == tuple(params.detach().tolist())
    assert runner.run(0).shape == (0, 5)


@pytest.mark.parametrize("stage", [1, 2])
@pytest.mark.parametrize("lr", [1e-4, 3e-7, 1e-2, 0.7])
def test_eager_runner_computes_the_lessons_step_with_a_python_float_bit_for_bit(stage, lr):
    """The runner passes the learning rate as a float32 tensor (faster); the lesson's numbers do not change."""
    n = 3000
    rows = L.make_runner(stage, "sgd", lr, 1.0, 0.01, XN, YN, "eager").run(n)
    params = torch.tensor([1.0, 0.01], requires_grad=stage > 1)
    expected = []
    for _ in range(n):
        start = params.detach().clone()
        params, loss, grad = L.STEPS[stage](params, X, Y, lr)  # lr a Python float, as the article passes it
        expected.append(torch.cat([start, loss.detach().reshape(1), grad]).numpy().astype(np.float64))
    np.testing.assert_array_equal(rows, np.stack(expected))  # NaN == NaN here: a diverged run too


def test_stage2_rows_are_the_same_when_the_derived_parameters_are_refused(monkeypatch):
    """If the parameters derived from the gradients did not match the step's, the chunk is read again."""
    derived = L.make_runner(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager")
    a = np.concatenate([derived.run(1), derived.run(50)])
    monkeypatch.setattr(R, "_with_derived_params", lambda *args: None)
    read = L.make_runner(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager")
    b = np.concatenate([read.run(1), read.run(50)])
    np.testing.assert_array_equal(a, b)
    assert read.params() == derived.params()


def _assert_same_trajectory(eager, compiled):
    np.testing.assert_allclose(compiled[:, 2], eager[:, 2], rtol=1e-5)  # loss
    for col in (0, 1, 3, 4):  # w, b, dw, db: relative to the largest value the column takes
        scale = np.abs(eager[:, col]).max()
        assert np.abs(compiled[:, col] - eager[:, col]).max() <= 1e-5 * scale, col


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_compiled_agrees_with_eager_sgd(stage):
    n = 30_000
    eager = L.make_runner(stage, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager")
    compiled = L.make_runner(stage, "sgd", 1e-4, 1.0, 0.01, XN, YN, "compiled")
    a = eager.run(n)
    # uneven pieces: the last chunk of each call runs with some epochs switched off
    b = np.concatenate([compiled.run(1), compiled.run(100), compiled.run(n - 101)])
    _assert_same_trajectory(a, b)
    np.testing.assert_allclose(compiled.params(), eager.params(), rtol=1e-5)


@pytest.mark.parametrize("optimizer", ["momentum", "adam", "rmsprop"])
def test_compiled_agrees_with_eager_optimizers(optimizer, monkeypatch):
    # A short unrolled chunk compiles fast; the code path is the same as the default CHUNK's.
    monkeypatch.setattr(R, "CHUNK", 8)
    n = 2_000
    # Learning rates where the run settles smoothly. Where it oscillates (RMSprop at 1e-3 and above
    # here), one-ulp differences in the mean's summation order grow, and no two implementations agree.
    lr = {"momentum": 1e-5, "adam": 1e-2, "rmsprop": 1e-4}[optimizer]
    eager = L.make_runner(3, optimizer, lr, 1.0, 0.01, XN, YN, "eager")
    compiled = L.make_runner(3, optimizer, lr, 1.0, 0.01, XN, YN, "compiled")
    a = eager.run(n)
    b = np.concatenate([compiled.run(3), compiled.run(n - 3)])
    assert a[-1, 2] < 0.75 * a[0, 2]  # it trains
    _assert_same_trajectory(a, b)
    np.testing.assert_allclose(compiled.params(), eager.params(), rtol=1e-5)


def test_compiled_code_is_reused_for_a_new_learning_rate():
    from torch._dynamo.utils import counters

    first = L.make_runner(1, "sgd", 1e-4, 1.0, 0.01, XN, YN, "compiled")
    first.run(10)
    graphs = counters["stats"]["unique_graphs"]
    second = L.make_runner(1, "sgd", 3e-4, -2.0, 5.0, XN, YN, "compiled")
    rows = second.run(70)
    assert counters["stats"]["unique_graphs"] == graphs  # no new graph was compiled
    assert second.compile_seconds < 1.0
    # and the new learning rate and start are really used
    eager = L.make_runner(1, "sgd", 3e-4, -2.0, 5.0, XN, YN, "eager").run(70)
    _assert_same_trajectory(eager, rows)


def test_compile_failure_raises_mode_unavailable_and_train_falls_back(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no compiler here")

    monkeypatch.setattr(R, "_COMPILED", {})
    monkeypatch.setattr(torch, "compile", broken)
    with pytest.raises(ModeUnavailable, match="no compiler here"):
        L.make_runner(1, "sgd", 1e-4, 1.0, 0.01, XN, YN, "compiled")

    run = train.run(RunConfig(framework="torch", mode="compiled", epochs=10)).run_to_end()
    assert run.mode == "eager"
    assert any(key == "train.mode_fallback" and kw["mode"] == "compiled" for key, kw in run.notices), (
        run.notices
    )
    assert len(run.trajectory) == 10


def test_the_shown_code_is_the_code_that_runs():
    for steps in (L.STEPS, C.COMPILED_STEPS):
        assert set(steps) == {1, 2, 3}
        for fn in steps.values():
            assert "return params" in inspect.getsource(fn)
    assert C.COMPILED_STEPS[1] is L.stage1_step
    assert "loss.backward()" in inspect.getsource(L.stage2_step)
    assert "optimizer.step()" in inspect.getsource(L.stage3_step)
    assert set(C.OPTIMIZER_UPDATES) == {"sgd", "momentum", "adam", "rmsprop"}


def test_make_optimizer_sets_every_hyperparameter():
    p = torch.zeros(2, requires_grad=True)
    momentum = L.make_optimizer("momentum", p, 1e-3).defaults
    assert (momentum["momentum"], momentum["dampening"], momentum["nesterov"]) == (0.9, 0.0, False)
    adam = L.make_optimizer("adam", p, 1e-3).defaults
    assert adam["betas"] == (0.9, 0.999) and adam["eps"] == 1e-8 and adam["amsgrad"] is False
    assert adam["weight_decay"] == 0.0
    rms = L.make_optimizer("rmsprop", p, 1e-3).defaults
    assert (rms["alpha"], rms["eps"], rms["momentum"], rms["centered"]) == (0.9, 1e-8, 0.0, False)
