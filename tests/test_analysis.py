import numpy as np
import pytest
from reference import CRITICAL_LR_RAW, CRITICAL_LR_SCALED, LEAST_SQUARES

from f2c.analysis import critical_lr, least_squares, stability
from f2c.data import article
from f2c.normalize import Normalizer


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
