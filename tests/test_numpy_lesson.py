"""The NumPy lesson (f2c.autodiff, f2c.autodiff.optim) against the article's printed numbers (REFERENCE.md).

Tolerances: logged losses 1e-5 relative and final parameters 1e-4 absolute (REFERENCE.md); single values
the article prints with 4 decimals (loss, gradient, one SGD step) within 1e-6 relative, i.e. within a few
float32 units in the last place. The traced mode ("function") replays the very NumPy calls of the eager
step, so the two modes are compared bit for bit.
"""

from __future__ import annotations

import inspect
import warnings

import numpy as np
import pytest
import torch
from reference import FINAL_PARAMS, LOG_EPOCHS, LOG_LOSSES, LOSS_REL, PARAMS_ABS

from f2c import lessons
from f2c.autodiff import tensor as ad
from f2c.core.config import HYPERPARAMS
from f2c.core.data import ARTICLE_X, ARTICLE_Y
from f2c.lessons.runners import numpy_runner as R

L = lessons.load("numpy")

X = np.array(ARTICLE_X, np.float32)
Y = np.array(ARTICLE_Y, np.float32)
STAGES = (1, 2, 3)
MODES = ("function", "eager")
OPTIMIZERS = ("sgd", "momentum", "adam", "rmsprop")
OPT_LR = {"sgd": 1e-4, "momentum": 1e-4, "adam": 1e-2, "rmsprop": 1e-2}


def runner(stage, mode, optimizer="sgd", lr=1e-4, w0=1.0, b0=0.01):
    return L.make_runner(stage, optimizer, lr, w0, b0, X, Y, mode)


# ---- the article's printed numbers ---------------------------------------------------------------


def test_loss_at_one_zero():
    assert float(L.loss_fn(L.model(X, np.float32(1.0), np.float32(0.0)), Y)) == pytest.approx(
        1763.8846, rel=1e-6
    )
    params = ad.tensor([1.0, 0.0], requires_grad=True)
    assert L.loss_fn(L.model(X, *params), Y).item() == pytest.approx(1763.8846, rel=1e-6)


@pytest.mark.parametrize(
    ("b", "loss", "grad"), [(0.0, 1763.8846, (4517.2969, 82.6000)), (0.01, 1764.7108, (4518.3325, 82.6200))]
)
def test_gradient_by_autodiff_and_by_hand(b, loss, grad):
    params = ad.tensor([1.0, b], requires_grad=True)
    assert params.grad is None
    out = L.loss_fn(L.model(X, *params), Y)
    out.backward()
    assert out.item() == pytest.approx(loss, rel=1e-6)
    np.testing.assert_allclose(params.grad.data, grad, rtol=1e-6)
    # Stage 1's hand-written gradient. At (1, 0) it is 4517.2964, one float32 step (1e-7) below autograd's
    # 4517.2969: mean(2 * (Y_hat - Y) * X) and autograd's sum(X * g) round differently. torch's own
    # stage 1 gives 4517.2964 as well.
    w, b32 = np.float32(1.0), np.float32(b)
    np.testing.assert_allclose(L.grad_fn(X, Y, L.model(X, w, b32), w, b32), grad, rtol=1e-6)


def test_one_sgd_step_in_every_stage():
    expected = (0.54816675, 0.001738)  # TensorFlow's print; PyTorch prints [0.5482, 0.0017]
    p1, _, _ = L.stage1_step(np.array([1.0, 0.01], np.float32), X, Y, 1e-4)
    p2, _, _ = L.stage2_step(ad.tensor([1.0, 0.01], requires_grad=True), X, Y, 1e-4)
    params = ad.tensor([1.0, 0.01], requires_grad=True)
    p3, _, _ = L.stage3_step(params, X, Y, L.make_optimizer("sgd", params, 1e-4))
    for p in (p1, p2.data, p3.data):
        np.testing.assert_allclose(p, expected, rtol=1e-6)
        np.testing.assert_allclose(np.round(p, 4), (0.5482, 0.0017))


@pytest.mark.parametrize("stage", STAGES)
def test_default_run_logs_the_articles_losses(stage):
    r = runner(stage, "function")
    rows = r.run(330_000)
    logged = rows[np.array(LOG_EPOCHS) - 1, 2]  # the loss printed at epoch e is row e - 1
    np.testing.assert_allclose(logged, LOG_LOSSES, rtol=LOSS_REL)
    np.testing.assert_allclose(r.params(), FINAL_PARAMS, atol=PARAMS_ABS)
    assert all(np.isfinite(rows).all(axis=1))


# ---- eager and traced modes compute the same numbers ---------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_function_mode_replays_eager_bit_for_bit_for_30000_epochs(stage):
    eager, traced = runner(stage, "eager"), runner(stage, "function")
    a, b = eager.run(30_000), traced.run(30_000)
    np.testing.assert_array_equal(a, b)
    assert eager.params() == traced.params()
    assert a[-1, 2] == pytest.approx(LOG_LOSSES[0], rel=LOSS_REL)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_runs_2000_epochs_the_same_in_both_modes(optimizer):
    a = runner(3, "eager", optimizer, OPT_LR[optimizer]).run(2000)
    b = runner(3, "function", optimizer, OPT_LR[optimizer]).run(2000)
    np.testing.assert_array_equal(a, b)
    assert np.isfinite(a).all()
    assert a[-1, 2] < a[0, 2] / 10  # it learns


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("stage", STAGES)
def test_chunking_does_not_change_the_numbers(stage, mode):
    optimizer = "adam" if stage == 3 else "sgd"  # Adam's step counter must carry over between chunks
    lr = OPT_LR[optimizer]
    one = runner(stage, mode, optimizer, lr)
    two = runner(stage, mode, optimizer, lr)
    whole = one.run(2000)
    halves = np.concatenate([two.run(1000), two.run(1000)])
    np.testing.assert_array_equal(whole, halves)
    assert one.params() == two.params()


# ---- our optimizers follow torch.optim's formulas ------------------------------------------------


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_optimizers_match_torch_optim_step_by_step(optimizer):
    """40 steps on the lesson's loss, ours and torch's, each from the same parameters and gradient.

    Compared per step (from a shared state) at 1e-6 relative: over many steps RMSprop's sign-like steps
    amplify one-ulp rounding differences, which says nothing about the formula.
    """
    lr = OPT_LR[optimizer]
    ours = ad.tensor([1.0, 0.01], requires_grad=True)
    opt = L.make_optimizer(optimizer, ours, lr)
    theirs = torch.tensor([1.0, 0.01], requires_grad=True)
    h = HYPERPARAMS[optimizer]
    topt = {
        "sgd": lambda: torch.optim.SGD([theirs], lr=lr),
        "momentum": lambda: torch.optim.SGD([theirs], lr=lr, momentum=h.get("momentum", 0)),
        "adam": lambda: torch.optim.Adam(
            [theirs], lr=lr, betas=(h.get("beta1"), h.get("beta2")), eps=h.get("eps"), foreach=False
        ),
        "rmsprop": lambda: torch.optim.RMSprop(
            [theirs], lr=lr, alpha=h.get("rho"), eps=h.get("eps"), foreach=False
        ),
    }[optimizer]()
    for _ in range(40):
        L.stage3_step(ours, X, Y, opt)
        topt.zero_grad()
        L.loss_fn(L.model(torch.from_numpy(X), *theirs), torch.from_numpy(Y)).backward()
        topt.step()
        np.testing.assert_allclose(ours.data, theirs.detach().numpy(), rtol=1e-6, atol=1e-7)
        with torch.no_grad():
            theirs.copy_(torch.from_numpy(ours.data.copy()))  # continue both from the same point


def test_make_optimizer_uses_config_hyperparameters():
    p = ad.tensor([1.0, 0.0], requires_grad=True)
    assert L.make_optimizer("momentum", p, 0.1).momentum == HYPERPARAMS["momentum"]["momentum"]
    adam = L.make_optimizer("adam", p, 0.1)
    assert (adam.beta1, adam.beta2, adam.eps) == tuple(
        HYPERPARAMS["adam"][k] for k in ("beta1", "beta2", "eps")
    )
    rms = L.make_optimizer("rmsprop", p, 0.1)
    assert (rms.rho, rms.eps) == (HYPERPARAMS["rmsprop"]["rho"], HYPERPARAMS["rmsprop"]["eps"])
    with pytest.raises(ValueError):
        L.make_optimizer("lbfgs", p, 0.1)


# ---- the runner contract -------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_runner_contract(mode):
    r = runner(2, mode)
    assert r.mode == mode and r.notice is None
    assert r.compile_seconds >= 0.0 and (r.compile_seconds > 0.0) == (mode == "function")
    assert r.params() == (1.0, pytest.approx(0.01))
    rows = r.run(3)
    assert rows.shape == (3, 5) and rows.dtype == np.float64
    np.testing.assert_allclose(rows[0, :2], [1.0, 0.01], rtol=1e-7)  # w, b at the start of epoch 1
    np.testing.assert_allclose(rows[0, 2:], [1764.7108, 4518.3325, 82.62], rtol=1e-6)
    np.testing.assert_allclose(rows[1, :2], (0.54816675, 0.001738), rtol=1e-6)
    assert r.params() == tuple(float(v) for v in runner(2, mode).run(4)[3, :2])


def test_unknown_mode_is_unavailable():
    with pytest.raises(lessons.ModeUnavailable):
        runner(1, "xla")


@pytest.mark.parametrize("mode", MODES)
def test_a_diverging_run_keeps_going_quietly(mode):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warnings leak out
        rows = runner(2, mode, lr=1e-2).run(300)
    assert rows.shape == (300, 5) and not np.isfinite(rows[-1]).all()


def test_steps_and_shared_names():
    assert L.STEPS == {1: L.stage1_step, 2: L.stage2_step, 3: L.stage3_step}
    for name in (
        "model",
        "loss_fn",
        "dloss_fn",
        "dmodel_dw",
        "dmodel_db",
        "grad_fn",
        "make_optimizer",
        "make_runner",
    ):
        assert callable(getattr(L, name))
    source = inspect.getsource(L.stage2_step)
    assert (
        "params.grad.zero_()" in source
        and "loss.backward()" in source
        and ".detach().requires_grad_()" in source
    )
    source = inspect.getsource(L.stage3_step)
    assert "optimizer.zero_grad()" in source and "optimizer.step()" in source


def test_trace_lines_show_what_each_epoch_replays():
    r = runner(3, "function", "momentum")
    lines = r.trace_lines()
    text = "\n".join(lines)
    assert "t3 = t1 * X" in text and "model: return w * X + b" in text
    assert "momentum_buffer *= 0.9" in text and "params -=" in text
    assert runner(3, "eager").trace_lines() == []
    assert len(r.function.ops) < len(r.function.recorded)  # folding, copy elision and pruning did work


def test_compiled_source_for_the_code_panel():
    text = R.compiled_source(3, "function", "adam", 1e-2)
    assert text.startswith("# Stage 3 (adam)") and "exp_avg +=" in text and "step += 1" in text
    assert R.compiled_source(2, "eager") is None
