"""What float32 does near the optimum: the rounding scale of a gradient, the stall of gradient descent and
its prediction, and how the agreement and stability views say so (AppTest)."""

from __future__ import annotations

import numpy as np
import pytest
from apptest import app
from test_inside_app import show, text

from f2c.core import analysis
from f2c.core.data import article
from f2c.core.float32 import floor, gradient_rounding
from f2c.explain import agreement
from f2c.lessons import load

D = article()
STALL = (0.5358124, -17.250313)  # where the article's 330,000 epochs (and 1,000,000) end


def _distance(w, b):
    w_opt, b_opt, _ = analysis.least_squares(D.x, D.y)
    return float(np.hypot(w - w_opt, b - b_opt))


@pytest.mark.parametrize("lr", [1e-4, 2e-4])
def test_the_predicted_float32_floor_is_where_descent_freezes(lr):
    runner = load("numpy").make_runner(1, "sgd", lr, 1.0, 0.01, D.x, D.y, "function")
    rows = runner.run(400_000 if lr == 2e-4 else 700_000)
    end = _distance(*rows[-1, :2])
    assert np.array_equal(rows[-1, :2], rows[-50_000, :2])  # frozen: the last 50,000 epochs changed nothing
    predicted = floor(D.x, D.y, lr)
    assert predicted.param == "b"
    assert abs(predicted.error - end) <= 0.02 * end, (predicted, end)
    assert _distance(*STALL) == pytest.approx(floor(D.x, D.y, 1e-4).error, rel=0.02)


def test_at_the_stall_the_gradient_sources_differ_only_by_rounding():
    exact, sources = agreement.sources(D.x, D.y, *STALL)
    scale = gradient_rounding(D.x, D.y, *STALL)
    hand = next(s for s in sources if s.name == "grad_fn")
    assert hand.rel_diff > 0.1  # relative: large, as the audit saw
    assert all(abs(g - e) <= r for g, e, r in zip(hand.grad, exact, scale))  # absolute: within rounding
    far = gradient_rounding(D.x, D.y, 1.0, 0.01)
    assert far[0] / 4518.33 < 1e-6  # far from the optimum it is ~1e-7 of the gradient


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_agreement_view_at_the_stall_explains_rounding_and_marks_agreement(lang):
    at = show(app(lang=lang, w0=str(STALL[0]), b0=str(STALL[1])), "agreement")
    shown = text(at)
    assert "❌" not in shown and "✅" in shown
    assert ("rounding scale" if lang == "en" else "舍入尺度") in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_stability_view_says_float32_stalls_and_predicts_where(lang):
    at = show(app(lang=lang), "stability")
    warnings = [w.value for w in at.warning]
    assert any(
        ("cannot get this close" if lang == "en" else "到不了这么近") in w and "0.0545" in w for w in warnings
    )
    assert any("328,997" in w for w in warnings)  # epochs until the floor: the article's 330,000 reach it
