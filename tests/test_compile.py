"""The compiled mode (f2c.autodiff.compile): a traced step written out as a numba loop over epochs.

Against the function mode (the traced step replayed by NumPy) within REFERENCE.md's tolerances (losses
1e-5 relative, parameters 1e-4 absolute), and against the article's printed log. Compiling writes into
a fresh directory for this test session, so the cold path (generate, compile, cache) is what runs.
"""

from __future__ import annotations

import os
import sys
import warnings

import numpy as np
import pytest
from reference import FINAL_PARAMS, LOG_EPOCHS, LOG_LOSSES, LOSS_REL, PARAMS_ABS

from f2c import lessons
from f2c.autodiff import compile as compiled
from f2c.autodiff import source_text
from f2c.core.data import ARTICLE_X, ARTICLE_Y
from f2c.lessons.runners import numpy_runner

L = lessons.load("numpy")
X = np.array(ARTICLE_X, np.float32)
Y = np.array(ARTICLE_Y, np.float32)
OPT_LR = {"sgd": 1e-4, "momentum": 1e-4, "adam": 1e-2, "rmsprop": 1e-2}
CASES = [(1, "sgd"), (2, "sgd"), (3, "sgd"), (3, "momentum"), (3, "adam"), (3, "rmsprop")]


@pytest.fixture(scope="module", autouse=True)
def compile_dir(tmp_path_factory):
    before = os.environ.get("F2C_COMPILE_DIR")
    os.environ["F2C_COMPILE_DIR"] = str(tmp_path_factory.mktemp("numba"))
    yield os.environ["F2C_COMPILE_DIR"]
    if before is None:
        del os.environ["F2C_COMPILE_DIR"]
    else:
        os.environ["F2C_COMPILE_DIR"] = before


def traced(stage, optimizer="sgd", lr=1e-4, x=X, y=Y):
    with np.errstate(all="ignore"):
        return numpy_runner.trace_step(stage, optimizer, lr, 1.0, 0.01, x, y)


def assert_rows_close(ours, theirs):
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours[:, 2], theirs[:, 2], rtol=LOSS_REL)  # loss
    np.testing.assert_allclose(ours[:, :2], theirs[:, :2], atol=PARAMS_ABS, rtol=0)  # w, b
    np.testing.assert_allclose(ours[:, 3:], theirs[:, 3:], rtol=1e-4, atol=1e-4)  # dw, db


@pytest.mark.parametrize(("stage", "optimizer"), CASES)
def test_compiled_rows_match_the_function_mode(stage, optimizer):
    lr = OPT_LR[optimizer]
    epochs = 30_000 if stage < 3 else 3_000
    ours = compiled.compiled_runner(traced(stage, optimizer, lr))
    theirs = L.make_runner(stage, optimizer, lr, 1.0, 0.01, X, Y, "function")
    a, b = ours.run(epochs), theirs.run(epochs)
    assert a.dtype == np.float64 and np.isfinite(a).all()
    assert_rows_close(a, b)
    np.testing.assert_allclose(ours.params(), theirs.params(), atol=PARAMS_ABS)
    assert a[-1, 2] < a[0, 2] / 10  # it learns
    assert ours.compile_seconds > 0


@pytest.mark.parametrize(("stage", "optimizer"), CASES)
def test_one_compiled_loop_serves_every_learning_rate(stage, optimizer):
    base = OPT_LR[optimizer]
    runners = [compiled.compiled_runner(traced(stage, optimizer, lr)) for lr in (base, base / 3, base * 1.7)]
    kernel = runners[0]._train
    assert all(r._train is kernel for r in runners) and len(kernel.signatures) == 1  # compiled once
    assert "learning_rate)" in runners[0].source.split("def train(")[1].split("\n")[0]  # a named argument
    assert all(r.source == runners[0].source for r in runners)  # no learning rate written into it
    for runner, lr in zip(runners, (base, base / 3, base * 1.7)):
        theirs = L.make_runner(stage, optimizer, lr, 1.0, 0.01, X, Y, "function")
        a, b = runner.run(2000), theirs.run(2000)
        assert_rows_close(a, b)
        np.testing.assert_allclose(runner.params(), theirs.params(), atol=PARAMS_ABS)


@pytest.mark.parametrize("stage", (1, 2, 3))
def test_default_run_logs_the_articles_losses(stage):
    ours = compiled.compiled_runner(traced(stage))
    rows = ours.run(330_000)
    logged = rows[np.array(LOG_EPOCHS) - 1, 2]  # the loss printed at epoch e is row e - 1
    np.testing.assert_allclose(logged, LOG_LOSSES, rtol=LOSS_REL)
    np.testing.assert_allclose(ours.params(), FINAL_PARAMS, atol=PARAMS_ABS)


@pytest.mark.parametrize("stage", (1, 2, 3))
def test_a_diverging_run_goes_non_finite_like_eager(stage):
    eager = L.make_runner(stage, "sgd", 1e-2, 1.0, 0.01, X, Y, "eager").run(300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing leaks out of the compiled loop either
        ours = compiled.compiled_runner(traced(stage, lr=1e-2)).run(300)
    first = int(np.argmax(~np.isfinite(eager[:, 2])))
    assert not np.isfinite(eager[first, 2]) and first > 5
    assert not np.isfinite(ours[first, 2]) and np.isfinite(ours[:first, 2]).all()
    assert_rows_close(ours[: first - 5], eager[: first - 5])  # the growth itself, up to the overflow


def test_chunks_carry_the_state_over():
    one = compiled.compiled_runner(traced(3, "adam", 1e-2))
    two = compiled.compiled_runner(traced(3, "adam", 1e-2))
    whole = one.run(2000)
    np.testing.assert_array_equal(whole, np.concatenate([two.run(1000), two.run(500), two.run(500)]))
    assert one.params() == two.params()
    assert one.run(0).shape == (0, 5)


def test_compiling_leaves_the_traced_function_alone():
    function = traced(2)
    compiled.compiled_runner(function).run(100)  # the compiled loop keeps a copy of the state of its own
    np.testing.assert_array_equal(function.run(3), traced(2).run(3))


def test_the_generated_source_is_what_students_read():
    ours = compiled.compiled_runner(traced(3, "momentum"), title="stage 3 (momentum)")
    src = ours.source
    assert src.startswith("# Generated by f2c.autodiff.compile") and "stage 3 (momentum)" in src
    assert "@numba.njit(cache=True)" in src and "for i in range(n):" in src
    assert "for j in range(11):" in src  # the data stays an array, the parameters become scalars
    assert "params_0 = params_in[0]" in src and "momentum_buffer_0" in src
    assert "# t3 = t1 * X    model: return w * X + b" in src  # each line says which call it replaces
    assert "np.float32(0.9)" in src and "numpy_sum(" in src
    compile(src, "<generated>", "exec")  # plain Python, too
    assert compiled.generated_source(traced(3, "momentum"), title="stage 3 (momentum)") == src


def test_other_data_sizes_and_numpys_order_of_additions():
    rng = np.random.default_rng(1)
    for n in (1, 7, 8, 11, 130, 300):  # every branch of NumPy's pairwise sum
        x = rng.uniform(0, 10, n).astype(np.float32)
        y = (3 * x + rng.normal(0, 1, n)).astype(np.float32)
        ours = compiled.compiled_runner(traced(2, lr=1e-3, x=x, y=y))
        theirs = traced(2, lr=1e-3, x=x, y=y)
        np.testing.assert_array_equal(ours.run(50), theirs.run(50))  # the same float32 bits, here


def test_literals_keep_numpys_dtypes():
    assert source_text.literal(1e-4, np.float32) == "np.float32(1e-04)"
    assert source_text.literal(2, np.float32) == "np.float32(2.0)"
    assert source_text.literal(0.9, np.float64) == "0.9"
    with pytest.raises(source_text.CompileError):
        source_text.literal(1, np.int64)


def test_without_a_disk_cache_it_compiles_all_the_same():
    ours = compiled.compiled_runner(traced(1, lr=2e-4), cache=False)
    np.testing.assert_array_equal(ours.run(100), traced(1, lr=2e-4).run(100))


def test_fastest_numpy_is_the_compiled_loop():
    from f2c.core.config import RunConfig
    from f2c.runtime import training

    run = training.run(RunConfig(framework="numpy", stage=2, epochs=3000)).run_to_end()
    assert run.mode == "compiled" and not run.notices
    function = training.run(RunConfig(framework="numpy", stage=2, epochs=3000, mode="function")).run_to_end()
    assert_rows_close(run.trajectory.rows, function.trajectory.rows)


def _fastest_mode(stage=1):
    from f2c.core.config import RunConfig
    from f2c.runtime import training

    run = training.run(RunConfig(framework="numpy", stage=stage, epochs=100))
    run.prepare()
    return run


def test_fastest_falls_back_to_the_function_mode_without_numba(monkeypatch):
    monkeypatch.setitem(sys.modules, "numba", None)  # `import numba` now fails, as where it is not installed
    for name in [m for m in sys.modules if m.startswith("f2c_compiled_")]:
        monkeypatch.delitem(sys.modules, name)  # loops this process compiled already would not re-import it
    run = _fastest_mode()
    assert run.mode == "function"
    assert [key for key, _ in run.notices] == ["train.mode_fallback_to"] and "numba" in run.notices[0][1][
        "why"
    ]
    assert run.notices[0][1]["instead"] == "function"  # said as such, not "running eagerly"


def test_fastest_falls_back_to_the_function_mode_when_numba_refuses(monkeypatch):
    def refuse(self, n):
        raise RuntimeError("a typing error, say")

    monkeypatch.setattr(compiled.Compiled, "run", refuse)
    run = _fastest_mode(3)
    assert run.mode == "function" and "numba could not compile" in run.notices[0][1]["why"]
