import numpy as np
import pytest
from reference import CRITICAL_LR_RAW, CRITICAL_LR_SCALED, LEAST_SQUARES

from f2c.core.analysis import (
    chain_rule_table,
    critical_lr,
    epochs_to_converge,
    finite_difference_gradient,
    gradient_at,
    least_squares,
    loss_surface,
    lr_sweep,
    stability,
)
from f2c.core.data import article
from f2c.core.normalize import Normalizer


def test_critical_learning_rate_matches_reference():
    x = article().x
    assert critical_lr(x) == pytest.approx(CRITICAL_LR_RAW, rel=1e-4)
    scaled = Normalizer.fit("scale", x).transform(x)
    assert critical_lr(scaled) == pytest.approx(CRITICAL_LR_SCALED, rel=1e-4)


def test_eigenvalues_and_condition_number():
    s = stability(article().x)
    assert s.lambda_min == pytest.approx(0.17511, rel=1e-4)
    assert s.lambda_max == pytest.approx(5883.42, rel=1e-5)
    assert s.condition == pytest.approx(33599, rel=1e-4)
    assert s.best_lr == pytest.approx(2 / (0.17511 + 5883.42), rel=1e-4)
    assert s.best_lr < s.critical_lr


def test_least_squares_matches_reference():
    d = article()
    w, b, mse = least_squares(d.x, d.y)
    assert (w, b, mse) == pytest.approx(LEAST_SQUARES, abs=1e-6)
    assert np.allclose(np.polyfit(d.x.astype(float), d.y.astype(float), 1), [w, b])


def test_finite_differences_match_the_exact_gradient_and_the_article():
    d = article()
    exact = gradient_at(d.x, d.y, 1.0, 0.01)
    assert exact == pytest.approx([4518.3325, 82.62], rel=1e-6)
    for h in (1e-2, 1e-4):
        assert finite_difference_gradient(d.x, d.y, 1.0, 0.01, h) == pytest.approx(exact, rel=1e-7)


def test_chain_rule_shares_add_up_to_the_gradient():
    d = article()
    table = chain_rule_table(d.x, d.y, 1.0, 0.0)
    assert table["share_dw"].sum() == pytest.approx(4517.2969, rel=1e-6)
    assert table["share_db"].sum() == pytest.approx(82.6, rel=1e-6)


def test_loss_surface_minimum_is_the_least_squares_point():
    d = article()
    w_opt, b_opt, mse = least_squares(d.x, d.y)
    ws, bs, losses = loss_surface(d.x, d.y, (w_opt - 0.1, w_opt + 0.1), (b_opt - 5, b_opt + 5), n=101)
    i, j = np.unravel_index(np.argmin(losses), losses.shape)
    assert (ws[j], bs[i]) == pytest.approx((w_opt, b_opt), abs=0.1)
    assert losses.min() == pytest.approx(mse, rel=1e-3)


def test_predicted_epochs_explain_the_articles_330000():
    d = article()
    predicted = epochs_to_converge(d.x, d.y, 1e-4, 1.0, 0.01, tol=0.06)
    assert 200_000 < predicted < 400_000
    assert epochs_to_converge(d.x, d.y, 1.01 * critical_lr(d.x), 1.0, 0.01) == float("inf")
    scaled = Normalizer.fit("scale", d.x).transform(d.x)
    assert epochs_to_converge(scaled, d.y, 0.03, 10.0, 0.01, tol=0.06) < 2000


def test_learning_rate_sweep_diverges_above_the_threshold():
    d = article()
    threshold = critical_lr(d.x)
    losses = lr_sweep(d.x, d.y, np.array([0.5, 0.99, 1.01, 2.0]) * threshold, epochs=6000)
    assert np.isfinite(losses[:2]).all() and losses[1] < 100
    assert np.isinf(losses[2:]).all()
