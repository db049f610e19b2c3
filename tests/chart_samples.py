"""One of each chart the server draws (f2c/render), for the tests of their theme and palette."""

from __future__ import annotations

import numpy as np

from f2c.core import analysis
from f2c.core.config import RunConfig
from f2c.core.data import article
from f2c.render import inside_charts, style
from f2c.render.guide_charts import fit_figure
from f2c.render.replay import replay_figure
from f2c.runtime.training import run


def sample_figures():
    d = article()
    s = analysis.stability(d.x)
    short = run(RunConfig(epochs=200)).run_to_end()
    lrs = np.geomspace(1e-6, 1e-3, 6)
    path = (short.trajectory.w, short.trajectory.b)
    yield "replay", replay_figure(short, "en", frames=20)
    yield "fit", fit_figure(d.x, d.y, 0.5, -17.0, "zh", trained=(0.53, -17.2))
    yield (
        "landscape",
        inside_charts.landscape(
            d.x, d.y, [("p", *path, style.LINE_COLOR)], (0.5367, -17.3), (1.0, 0.01), "en"
        ),
    )
    yield (
        "breakit landscape",
        inside_charts.landscape(
            d.x,
            d.y,
            [("right", *path, style.BEST_COLOR), ("wrong", *path, style.WRONG_COLOR)],
            (0.5367, -17.3),
            (1.0, 0.01),
            "en",
        ),
    )
    yield "stability", inside_charts.stability_bar(1e-4, s, "en")
    yield "chain", inside_charts.chain_shares(analysis.chain_rule_table(d.x, d.y, 1.0, 0.01), "zh")
    yield "sweep", inside_charts.lr_sweep(lrs, np.geomspace(100, 1, 6), s, 1e-4, 1000, "en")
    curves = [
        ("right", np.array([3.0, 1.0]), style.BEST_COLOR),
        ("wrong", np.array([3.0, 2.0]), style.WRONG_COLOR),
    ]
    yield "breakit loss", inside_charts.loss_paths(curves, "en")
