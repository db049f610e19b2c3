"""The "see inside" core: thresholds, runs either side of them, gradient agreement, break-it, figures."""

from __future__ import annotations

import numpy as np
import pytest

from f2c.core import analysis
from f2c.core.config import RunConfig
from f2c.core.data import article
from f2c.core.normalize import Normalizer
from f2c.explain import agreement
from f2c.explain import break_it as breakit
from f2c.render import inside_charts as inside_figures
from f2c.render.style import figure_is_finite
from f2c.runtime import training as train

FRAMEWORKS = ["numpy", "torch", "tensorflow"]


def model_x(normalize: str) -> np.ndarray:
    d = article()
    return Normalizer.fit(normalize, d.x).transform(d.x)


@pytest.mark.parametrize(("normalize", "threshold"), [("none", 3.3994e-4), ("scale", 0.032978)])
def test_thresholds_match_the_reference(normalize, threshold):
    s = analysis.stability(model_x(normalize))
    assert f"{s.critical_lr:.5g}" == f"{threshold:.5g}"
    assert s.lambda_min < 1 / s.best_lr < s.lambda_max
    assert inside_figures.zone(0.5 / s.lambda_max, s) == "converge"
    assert inside_figures.zone(1.5 / s.lambda_max, s) == "oscillate"
    assert inside_figures.zone(1.01 * s.critical_lr, s) == "diverge"


@pytest.mark.parametrize("normalize", ["none", "scale"])
def test_runs_just_below_converge_and_just_above_diverge(normalize):
    critical = analysis.critical_lr(model_x(normalize))
    below = train.run(RunConfig(lr=0.99 * critical, epochs=20_000, normalize=normalize)).run_to_end()
    above = train.run(RunConfig(lr=1.01 * critical, epochs=20_000, normalize=normalize)).run_to_end()
    assert not below.diverged
    assert below.last_finite_loss < below.trajectory.loss[0]
    assert np.isfinite(below.trajectory.loss).all()
    assert above.diverged and above.diverged_epoch < 20_000


def test_predicted_epochs_explain_the_articles_330000():
    d = article()
    # The article stops 0.054 short of the optimum in b: the prediction for that tolerance is ~330,000.
    predicted = analysis.epochs_to_converge(d.x, d.y, 1e-4, 1.0, 0.01, tol=0.055)
    assert 250_000 < predicted < 400_000
    assert analysis.epochs_to_converge(d.x, d.y, 1.01 * analysis.critical_lr(d.x), 1.0, 0.01) == float("inf")
    scaled = model_x("scale")
    assert analysis.epochs_to_converge(scaled, d.y, 0.03, 10.0, 0.01) < 10_000


@pytest.mark.parametrize(("w", "b"), [(1.0, 0.01), (1.0, 0.0), (0.5, -17.0), (-3.0, 40.0)])
def test_every_gradient_source_agrees(w, b):
    d = article()
    exact, sources = agreement.sources(d.x, d.y, w, b, frameworks=("torch", "tensorflow"))
    names = [s.name for s in sources]
    assert names[:2] == ["grad_fn", "autodiff"] and names[-1] == "finite_difference"
    for f in ("torch", "tensorflow"):
        assert f in names  # torch and tensorflow are required packages: both sources must be there
    for s in sources:
        assert s.rel_diff < 1e-3, s
    np.testing.assert_allclose(exact, analysis.gradient_at(d.x, d.y, w, b))
    if (w, b) == (1.0, 0.01):
        np.testing.assert_allclose(sources[0].grad, [4518.3325, 82.62], rtol=1e-6)


def test_frameworks_are_not_loaded_unless_asked():
    d = article()
    _, sources = agreement.sources(d.x, d.y, 1.0, 0.01)
    assert [s.name for s in sources] == ["grad_fn", "autodiff", "finite_difference"]


def test_float32_finite_differences_show_cancellation():
    d = article()
    fd64 = agreement.finite_difference(d.x, d.y, 1.0, 0.01, 1e-4, np.float64)
    fd32 = agreement.finite_difference(d.x, d.y, 1.0, 0.01, 1e-4, np.float32)
    exact = analysis.gradient_at(d.x, d.y, 1.0, 0.01)
    assert agreement.compare(fd64, exact)[1] < 1e-8
    assert agreement.compare(fd32, exact)[1] > 1e-3


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_forgetting_to_zero_accumulates(framework):
    d = article()
    paths = breakit.forget_zero(framework, d.x, d.y, 1e-4, 1.0, 0.01, epochs=300)
    right, wrong = paths["right"], paths["wrong"]
    assert len(right.loss) == 300 and right.diverged_epoch is None
    # Epoch 1 is the same; from epoch 3 on the accumulated gradient has pushed the wrong run elsewhere.
    assert right.loss[0] == pytest.approx(wrong.loss[0])
    assert right.loss[1] == pytest.approx(wrong.loss[1], rel=1e-5)
    assert wrong.loss[2] > 4 * right.loss[2]
    assert right.loss[-1] < 30 < wrong.loss[-1]
    # The right path follows the lesson's own stage 2.
    np.testing.assert_allclose(right.loss[:3], [1764.7108, 323.2557, 78.98280], rtol=1e-5)


@pytest.mark.parametrize(
    ("framework", "error_type", "words"),
    [
        ("numpy", None, ""),
        ("torch", "RuntimeError", "leaf Variable that requires grad"),
        ("tensorflow", "TypeError", "NoneType"),
    ],
)
def test_updating_inside_the_graph_is_caught(framework, error_type, words):
    d = article()
    caught = breakit.update_in_graph(framework, d.x, d.y, 1e-4, 1.0, 0.01)
    assert caught.error_type == error_type
    assert words in caught.message
    if framework == "numpy":  # no error: the graph grows by the update's nodes every epoch
        sizes = caught.graph_nodes
        assert sizes == sorted(sizes) and sizes[-1] > sizes[0]
    else:
        assert caught.epoch in (1, 2)


def test_landscape_figure_is_finite_and_holds_the_path_and_optimum():
    d = article()
    run = train.run(RunConfig(epochs=2_000)).run_to_end()
    w_opt, b_opt, _ = analysis.least_squares(d.x, d.y)
    fig = inside_figures.landscape(
        d.x, d.y, [("path", run.trajectory.w, run.trajectory.b, "red")], (w_opt, b_opt), (1.0, 0.01), "en"
    )
    assert figure_is_finite(fig)
    contour = fig.data[0]
    assert contour.type == "contour"
    z = np.asarray(contour.z)
    # log-spaced levels: the z values are log10 of the loss on the grid
    assert z.min() == pytest.approx(
        np.log10(analysis.loss_at(d.x, d.y, contour.x, contour.y[:, None]).min()), abs=0.05
    )
    path = fig.data[1]
    assert path.x[0] == pytest.approx(1.0) and len(path.x) <= inside_figures.MAX_PATH + 1
    star = fig.data[-1]
    assert star.x[0] == pytest.approx(0.536772, abs=1e-5) and star.y[0] == pytest.approx(-17.304786, abs=1e-4)
    lo, hi = fig.layout.xaxis.range
    assert lo < 0.536772 < 1.0 < hi


def test_landscape_with_a_runaway_path_stays_finite_and_readable():
    d = article()
    w = np.array([1.0, -50.0, 1e20, np.inf, np.nan])
    b = np.array([0.01, 3.0, -1e20, np.nan, 0.0])
    fig = inside_figures.landscape(d.x, d.y, [("p", w, b, "red")], (0.5367, -17.3), (1.0, 0.01), "zh")
    assert figure_is_finite(fig)
    assert fig.layout.xaxis.range[1] < 1e3


def test_sweep_figure_marks_the_threshold_and_diverged_runs():
    d = article()
    s = analysis.stability(d.x)
    lrs = np.geomspace(s.critical_lr / 100, s.critical_lr * 2, 25)
    final = analysis.lr_sweep(d.x, d.y, lrs, 3_000)
    assert np.isinf(final[lrs > 1.01 * s.critical_lr]).all()
    assert np.isfinite(final[lrs < 0.99 * s.critical_lr]).all()
    fig = inside_figures.lr_sweep(lrs, final, s, 1e-4, 3_000, "en")
    assert figure_is_finite(fig)
    names = [trace.name for trace in fig.data]
    assert any("0.00033994" in (n or "") for n in names)
    diverged = next(trace for trace in fig.data if trace.name == "Diverged")
    assert len(diverged.x) == int((~np.isfinite(final)).sum())


def test_stability_and_chain_figures():
    d = article()
    s = analysis.stability(d.x)
    fig = inside_figures.stability_bar(1e-4, s, "zh")
    assert figure_is_finite(fig)
    table = analysis.chain_rule_table(d.x, d.y, 1.0, 0.01)
    np.testing.assert_allclose(
        [table["share_dw"].sum(), table["share_db"].sum()], [4518.3325, 82.62], rtol=1e-6
    )
    bars = inside_figures.chain_shares(table, "en")
    assert figure_is_finite(bars)
    np.testing.assert_allclose(np.sum(bars.data[0].y), 4518.3325, rtol=1e-6)
    curves = inside_figures.loss_paths([("a", np.array([3.0, np.inf, np.nan, 1.0]), "red")], "en")
    assert figure_is_finite(curves) and list(curves.data[0].y) == [3.0, 1.0]


def _legend_below_the_plot(fig) -> bool:
    legend = fig.layout.legend
    return legend.yanchor == "top" and legend.y is not None and legend.y <= -0.25


def test_legends_sit_below_the_plots_and_log_axes_read_in_powers_of_ten():
    # Above the plot the legend ran into the title ("Wrong (never zeroed)", the sweep's legend): issue 16.
    s = analysis.stability(article().x)
    lrs = np.geomspace(1e-6, 1e-3, 8)
    sweep = inside_figures.lr_sweep(lrs, np.geomspace(100, 1, 8), s, 1e-4, 1000, "en")
    curves = inside_figures.loss_paths(
        [("right", np.array([3.0, 1.0]), "#000"), ("wrong", np.array([3.0, 2.0]), "#f00")], "en"
    )
    bars = inside_figures.stability_bar(1e-4, s, "en")
    for fig in (sweep, curves, bars):
        assert _legend_below_the_plot(fig)
        logs = [a for a in (fig.layout.xaxis, fig.layout.yaxis) if a.type == "log"]
        assert all(a.exponentformat == "power" for a in logs)
    assert any(a.type == "log" for a in (sweep.layout.xaxis, sweep.layout.yaxis))
