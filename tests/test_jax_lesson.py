"""The JAX lesson against the article's printed numbers (REFERENCE.md), eager against jit, optax against torch.

Tolerances (REFERENCE.md): losses and gradients 1e-5 relative, parameters 1e-4 absolute against the
article; eager and jit within 1e-5 relative on loss, and on parameters relative to the largest magnitude
the parameter takes (b crosses zero, where a plain relative error means nothing).
"""

from __future__ import annotations

import inspect
import subprocess
import sys

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from reference import FINAL_PARAMS, LOG_EPOCHS, LOG_LOSSES, LOSS_REL, PARAMS_ABS

from f2c import lessons
from f2c.core.config import FRAMEWORK_MODES, FRAMEWORKS, RunConfig
from f2c.core.data import ARTICLE_X, ARTICLE_Y
from f2c.core.i18n import t
from f2c.explain import agreement, graphs, one_step
from f2c.lessons import ModeUnavailable, torch_lesson
from f2c.lessons import jax_lesson as L
from f2c.lessons.inside import jax_inside
from f2c.lessons.runners import jax_runner as R
from f2c.runtime import training as train

XN = np.asarray(ARTICLE_X, dtype=np.float32)
YN = np.asarray(ARTICLE_Y, dtype=np.float32)
X, Y = L.as_inputs(XN, YN)


def rel(a, b):
    return np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) / np.abs(b)


def test_registered_like_the_other_frameworks():
    assert "jax" in FRAMEWORKS and FRAMEWORK_MODES["jax"] == ("jit", "eager") == L.MODES
    assert lessons.load("jax") is L
    assert isinstance(L, lessons.Lesson)
    assert (L.NAME, L.GRADIENT_SOURCE, L.REQUIREMENTS) == ("jax", "jax", ("numpy", "jax", "optax"))


def test_float32_throughout():
    assert not jax.config.jax_enable_x64
    params = L.as_params([1.0, 0.01], 2)
    new, loss, grad = L.STEPS[2](params, X, Y, 1e-4)
    assert X.dtype == params.dtype == new.dtype == loss.dtype == grad.dtype == jnp.float32


def test_the_article_functions_come_in_the_same_order_as_torchs():

    def article_names(module):
        names = [
            n for n, v in vars(module).items() if inspect.isfunction(v) and v.__module__ == module.__name__
        ]
        return names[: names.index("make_optimizer") + 1]

    assert article_names(L) == article_names(torch_lesson)
    assert list(vars(L)).index("STEPS") > list(vars(L)).index("make_optimizer")


def test_loss_and_gradients_at_the_articles_points():
    loss = L.loss_fn(L.model(X, 1.0, 0.0), Y)
    assert rel(float(loss), 1763.8846) < 1e-5

    # hand-written (stage 1) and jax.grad (stage 2) gradients, at (1, 0) and (1, 0.01)
    for b0, expected in ((0.0, [4517.2969, 82.6000]), (0.01, [4518.3325, 82.6200])):
        params = L.as_params([1.0, b0], 1)
        _, _, grad1 = L.stage1_step(params, X, Y, 1e-4)
        _, _, grad2 = L.stage2_step(params, X, Y, 1e-4)
        assert (rel(grad1, expected) < 1e-5).all()
        assert (rel(grad2, expected) < 1e-5).all()


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_one_sgd_step_from_the_articles_start(stage):
    params = L.as_params([1.0, 0.01], stage)
    new, loss, grad = L.one_step(stage, X, Y, params, 1e-4, "sgd")
    assert rel(float(loss), 1764.7108) < 1e-5
    assert (rel(grad, [4518.3325, 82.6200]) < 1e-5).all()
    assert np.abs(L.to_numpy(new) - [0.5482, 0.0017]).max() < 1e-4


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_jit_default_run_prints_the_articles_log(stage):
    runner = L.make_runner(stage, "sgd", 1e-4, 1.0, 0.01, XN, YN, "jit")
    assert runner.mode == "jit" and runner.notice is None and runner.compile_seconds > 0
    rows = runner.run(330_000)
    assert rows.shape == (330_000, 5) and rows.dtype == np.float64
    logged = rows[np.array(LOG_EPOCHS) - 1, 2]  # loss before the update of that epoch
    np.testing.assert_allclose(logged, LOG_LOSSES, rtol=LOSS_REL, atol=0)
    np.testing.assert_allclose(runner.params(), FINAL_PARAMS, rtol=0, atol=PARAMS_ABS)


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_command_line_reproduces_the_article(stage):
    done = subprocess.run(
        [sys.executable, "-m", "f2c", "train", "--framework", "jax", "--stage", str(stage)],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    losses = [float(line.split("Loss ")[1]) for line in out.splitlines() if line.startswith("Epoch ")]
    np.testing.assert_allclose(losses, LOG_LOSSES, rtol=LOSS_REL, atol=0)
    assert "Params: [0.5358, -17.2503]" in out and "jax, mode jit" in done.stderr


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

    params = L.as_params([1.0, 0.01], stage)
    arg = L.make_optimizer(optimizer, params, 1e-3) if stage == 3 else 1e-3  # a Python float, as written
    expected = []
    for _ in range(5):
        start = params
        params, loss, grad = L.STEPS[stage](params, X, Y, arg)
        expected.append(np.concatenate([start, [loss], grad]).astype(np.float64))
    assert rows.dtype == np.float64
    np.testing.assert_array_equal(rows, np.stack(expected))
    assert runner.params() == tuple(np.asarray(params).tolist())
    assert runner.run(0).shape == (0, 5)


def _assert_same_trajectory(eager, jitted):
    np.testing.assert_allclose(jitted[:, 2], eager[:, 2], rtol=1e-5)  # loss
    for col in (0, 1, 3, 4):  # w, b, dw, db: relative to the largest value the column takes
        scale = np.abs(eager[:, col]).max()
        assert np.abs(jitted[:, col] - eager[:, col]).max() <= 1e-5 * scale, col


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_jit_agrees_with_eager_sgd(stage):
    n = 600  # eager JAX re-traces jax.grad every epoch: a few ms each
    eager = L.make_runner(stage, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager")
    jitted = L.make_runner(stage, "sgd", 1e-4, 1.0, 0.01, XN, YN, "jit")
    a = eager.run(n)
    b = np.concatenate([jitted.run(1), jitted.run(100), jitted.run(n - 101)])  # uneven pieces
    _assert_same_trajectory(a, b)
    np.testing.assert_allclose(jitted.params(), eager.params(), rtol=1e-5)


@pytest.mark.parametrize("optimizer", ["momentum", "adam", "rmsprop"])
def test_jit_agrees_with_eager_optimizers(optimizer):
    n = 400
    lr = {"momentum": 1e-5, "adam": 1e-2, "rmsprop": 1e-4}[optimizer]
    eager = L.make_runner(3, optimizer, lr, 1.0, 0.01, XN, YN, "eager")
    jitted = L.make_runner(3, optimizer, lr, 1.0, 0.01, XN, YN, "jit")
    a = eager.run(n)
    b = np.concatenate([jitted.run(3), jitted.run(n - 3)])
    assert a[-1, 2] < 0.9 * a[0, 2]  # it trains
    _assert_same_trajectory(a, b)
    np.testing.assert_allclose(jitted.params(), eager.params(), rtol=1e-5)


def test_jit_chunks_longer_than_the_buffer(monkeypatch):
    monkeypatch.setattr(R, "CHUNK", 64)
    monkeypatch.setattr(R, "_COMPILED", {})
    rows = L.make_runner(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "jit").run(200)
    whole = L.make_runner(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager").run(200)
    _assert_same_trajectory(whole, rows)


@pytest.mark.parametrize("optimizer", ["momentum", "adam", "rmsprop"])
def test_optax_agrees_with_torch_after_2000_epochs(optimizer):
    """Every hyper-parameter set as torch.optim sets it (RMSprop's eps outside the square root)."""
    lr = {"momentum": 1e-4, "adam": 1e-3, "rmsprop": 1e-4}[optimizer]
    ends = {}
    for framework in ("torch", "jax"):
        config = RunConfig(
            framework=framework, stage=3, optimizer=optimizer, lr=lr, epochs=2000, mode="eager"
        )
        if framework == "jax":
            config = config.with_(mode="jit")
        run = train.run(config).run_to_end()
        ends[framework] = np.array([*run.final().values()][1:], dtype=np.float64)  # w, b, loss
    assert abs(ends["torch"][0] - 1.0) > 1e-2, "the optimizer should have moved w"
    assert (rel(ends["jax"], ends["torch"]) <= 1e-4).all(), ends


@pytest.mark.parametrize("optimizer", ["adam", "rmsprop"])
def test_eps_where_torch_puts_it(optimizer):
    """With gradients near zero, eps decides the step: eps inside the square root (optax's RMSprop default)
    would make it about 30 times smaller than torch's. Three steps from zero, the same gradients fed to both."""
    import torch

    grads = np.array([[1e-5, -2e-7], [3e-6, 4e-7], [-2e-5, 1e-7]], np.float32)
    params = jnp.zeros(2, jnp.float32)
    opt = L.make_optimizer(optimizer, params, 1e-3)
    theirs = torch.zeros(2, requires_grad=True)
    torch_opt = torch_lesson.make_optimizer(optimizer, theirs, 1e-3)
    for g in grads:
        updates, opt.state = opt.update(jnp.asarray(g), opt.state, params)
        params = params + updates
        theirs.grad = torch.tensor(g)
        torch_opt.step()
    expected = theirs.detach().numpy()
    assert np.abs(expected).min() > 1e-4  # steps of about lr, whatever the gradient's size
    np.testing.assert_allclose(np.asarray(params), expected, rtol=1e-5)


def test_jit_code_is_reused_for_a_new_learning_rate_and_start():
    first = L.make_runner(1, "sgd", 1e-4, 1.0, 0.01, XN, YN, "jit")
    first.run(10)
    loop = first._loop
    compiled = loop._cache_size()
    second = L.make_runner(1, "sgd", 3e-4, -2.0, 5.0, XN, YN, "jit")
    rows = np.concatenate([second.run(7), second.run(63)])
    assert second._loop is loop and loop._cache_size() == compiled  # nothing new was compiled
    eager = L.make_runner(1, "sgd", 3e-4, -2.0, 5.0, XN, YN, "eager").run(70)
    _assert_same_trajectory(eager, rows)


def test_jit_failure_raises_mode_unavailable_and_train_falls_back(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no XLA here")

    monkeypatch.setattr(R, "_COMPILED", {})
    monkeypatch.setattr(R.jax, "jit", broken)
    with pytest.raises(ModeUnavailable, match="no XLA here"):
        L.make_runner(1, "sgd", 1e-4, 1.0, 0.01, XN, YN, "jit")

    run = train.run(RunConfig(framework="jax", mode="jit", epochs=10)).run_to_end()
    assert run.mode == "eager"
    assert any(key == "train.mode_fallback" and kw["mode"] == "jit" for key, kw in run.notices), run.notices
    assert len(run.trajectory) == 10


def test_the_shown_code_is_the_code_that_runs():
    assert set(L.STEPS) == {1, 2, 3}
    for fn in L.STEPS.values():
        assert "return params" in inspect.getsource(fn)
    assert "jax.value_and_grad(" in inspect.getsource(L.stage2_step)
    assert ".zero" not in inspect.getsource(L.stage2_step)  # nothing to zero
    assert "optimizer.update(" in inspect.getsource(L.stage3_step)
    for stage in (1, 2, 3):
        assert L.source(stage, "adam", "eager").endswith(inspect.getsource(L.STEPS[stage]))
        jit = L.source(stage, "adam", "jit")
        assert "lax.fori_loop" in jit and f"STEPS[{stage}]" in jit
    assert "'adam'" in L.source(3, "adam", "jit")
    with pytest.raises(ModeUnavailable):
        L.source(1, "sgd", "xla")


def test_single_step_cells_and_gradient_agreement():
    cells = one_step.single_step("jax", 1, XN, YN, 1.0, 0.01, 1e-4)
    assert set(cells.factors) == {"dloss_fn", "dmodel_dw", "dmodel_db"}
    assert cells.loss == pytest.approx(1764.7108, rel=1e-5)
    np.testing.assert_allclose(cells.new_params, [0.5482, 0.0017], atol=1e-4)
    _, found = agreement.sources(XN, YN, 1.0, 0.01, frameworks=("jax",))
    by_name = {s.name: s for s in found}
    assert by_name["jax"].rel_diff < 1e-6
    np.testing.assert_allclose(by_name["jax"].grad, [4518.3325, 82.62], rtol=1e-5)


def test_the_graph_is_the_jaxpr_jax_derived():
    text = jax_inside.gradient_graph_text(XN, YN, 1.0, 0.01)
    assert text.startswith("{ lambda") and "integer_pow" in text and "add_any" in text
    g = graphs.graph("jax", XN, YN, 1.0, 0.01)
    program = jax.make_jaxpr(jax.grad(lambda p: L.loss_fn(L.model(X, *p), Y)))(L.as_params([1.0, 0.01], 2))
    assert [n.op for n in g.nodes if n.kind in ("forward", "backward")] == [
        e.primitive.name for e in program.jaxpr.eqns
    ]
    kinds = [g.node(i).kind for i in g.backward_order]
    assert kinds[:-1] == ["backward"] * (len(kinds) - 1) and kinds[-1] == "leaf"
    first = g.node(g.backward_order[0])
    assert first.op == "div" and float(first.grad) == pytest.approx(1 / 11)  # d mean / d each term
    np.testing.assert_allclose(g.node("params").grad, [4518.3325, 82.62], rtol=1e-5)
    assert "digraph" in graphs.to_dot(g)


def test_break_it_shows_why_there_is_nothing_to_zero():
    from f2c.explain import break_it

    paths = break_it.forget_zero("jax", XN, YN, 1e-4, 1.0, 0.01, epochs=50)
    right = L.make_runner(2, "sgd", 1e-4, 1.0, 0.01, XN, YN, "eager").run(50)
    np.testing.assert_allclose(paths["right"].loss, right[:, 2], rtol=1e-6)  # resetting the sum: stage 2
    # without the reset, epoch 2 steps along the sum of the first two gradients
    g = right[:2, 3:].sum(axis=0)
    wrong = np.array([paths["wrong"].w[2], paths["wrong"].b[2]])
    np.testing.assert_allclose(wrong, right[1, :2] - 1e-4 * g, rtol=1e-5)
    assert paths["wrong"].loss[-1] > 5 * paths["right"].loss[-1]
    caught = break_it.update_in_graph("jax", XN, YN, 1e-4, 1.0, 0.01, epochs=5)
    assert caught.error_type is None and caught.epoch == 5 and caught.graph_nodes is None
    for lang in ("zh", "en"):
        assert ".grad" in t("in.break.zero_about.jax", lang, lr=1e-4, epochs=50)
        assert "params = params - lr * grad" in t("in.break.explain.jax", lang)
    for key in ("fw.jax", "mode.jit", "in.agree.src.jax", "in.graph.about.jax"):
        assert t(key, "zh", nodes=1, edges=1) and t(key, "en", nodes=1, edges=1) != key


def test_jax_is_imported_only_when_a_run_uses_it():
    code = (
        "import sys\n"
        "from f2c import lessons\n"
        "from f2c.core.config import RunConfig\n"
        "from f2c.runtime import training\n"
        "training.run(RunConfig(framework='numpy', epochs=10)).run_to_end()\n"
        "assert 'jax' not in sys.modules and 'optax' not in sys.modules\n"
        "training.run(RunConfig(framework='jax', epochs=10)).run_to_end()\n"
        "assert 'jax' in sys.modules and 'torch' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_see_inside_pickers_offer_jax_and_the_graph_view_shows_its_jaxpr():
    from apptest import app

    at = app(framework="jax", epochs="300")
    at.button(key="f2c_btn_run").click().run()
    at.segmented_control(key="f2c_inside_view").set_value("graph").run()
    assert not at.exception
    picker = at.radio(key="f2c_in_graph_fw")
    assert "jax" in picker.options or "JAX" in " ".join(picker.options)
    codes = " ".join(c.value for c in at.code)
    assert "add_any" in codes and "lambda" in codes  # the jaxpr JAX derived for the gradient
    assert any("jax.make_jaxpr" in c.value for c in at.caption)
