""" "See inside" panels below the player: one view at a time, computed only when the run is not playing.

The student picks a view (landscape, stability, gradients, graph, chain rule, prediction, sweep, break
it); nothing is computed, and neither torch nor TensorFlow is imported, until a view asks for it.
Pure work lives below the UI (f2c.core.analysis, f2c.explain.agreement, f2c.explain.break_it, f2c.explain.graphs, f2c.render.inside_charts)
and is cached with st.cache_data on its inputs.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np
import streamlit as st

from f2c.core import analysis
from f2c.core.i18n import t
from f2c.core.normalize import Normalizer
from f2c.ui import state

VIEWS = ("landscape", "stability", "agreement", "graph", "chain", "predict", "sweep", "breakit")
VIEW_KEY = "f2c_inside_view"


@dataclass
class Context:
    """What every view needs, read once under the run's lock: model-unit inputs and the cursor's point."""

    x: np.ndarray  # the inputs the model sees (normalised), float32
    y: np.ndarray
    normalizer: Normalizer
    epoch: int  # the cursor's epoch (0 = before the first)
    w: float  # parameters at the cursor, model units
    b: float
    path_w: np.ndarray  # the run's parameters up to the cursor, model units
    path_b: np.ndarray
    lr: float
    framework: str

    @property
    def key(self) -> tuple:
        """A cache key for the data: (x, y) as tuples of floats."""
        return tuple(map(float, self.x)), tuple(map(float, self.y))


def context(p: state.Player) -> Context:
    from f2c.ui.player import frame_values

    c = p.config
    run = p.run
    normalizer = run.normalizer if run is not None else Normalizer.fit(c.normalize, p.data.x)
    with run.lock if run is not None else contextlib.nullcontext():
        v = frame_values(p)
        if run is not None and len(run.trajectory.epoch) and v["epoch"] > 0:
            upto = run.trajectory.epoch <= v["epoch"]
            path_w = np.array(run.trajectory.w[upto])
            path_b = np.array(run.trajectory.b[upto])
        else:
            path_w = np.array([c.w0])
            path_b = np.array([c.b0])
    if v["epoch"] > 0:  # the point on screen closes the path (the final parameters after the last update)
        path_w = np.append(path_w, v["w"])
        path_b = np.append(path_b, v["b"])
    return Context(
        x=normalizer.transform(p.data.x),
        y=np.asarray(p.data.y, dtype=np.float32),
        normalizer=normalizer,
        epoch=int(v["epoch"]),
        w=float(v["w"]),
        b=float(v["b"]),
        path_w=path_w,
        path_b=path_b,
        lr=float(c.lr),
        framework=c.framework,
    )


def panels(p: state.Player, lang: str) -> None:
    """The "see inside" section: a picker, then the chosen view at the player's cursor."""
    st.divider()
    st.subheader(t("in.header", lang))
    view = st.segmented_control(
        t("in.pick", lang),
        VIEWS,
        format_func=lambda v: t(f"in.view.{v}", lang),
        key=VIEW_KEY,
        selection_mode="single",
    )
    if not view:
        st.caption(t("in.pick_hint", lang))
        return
    if p.status == state.RUNNING:
        st.info(t("in.while_running", lang))
        return
    ctx = context(p)
    if not (np.isfinite(ctx.w) and np.isfinite(ctx.b)):
        st.warning(t("in.not_finite", lang))
        return
    st.caption(t("in.at_cursor", lang, epoch=ctx.epoch, w=ctx.w, b=ctx.b))
    from f2c.ui import inside_grad, inside_math

    views = {
        "landscape": inside_math.landscape,
        "stability": inside_math.stability,
        "chain": inside_math.chain,
        "predict": inside_math.predict,
        "sweep": inside_math.sweep,
        "agreement": inside_grad.agreement,
        "graph": inside_grad.graph,
        "breakit": inside_grad.breakit,
    }
    views[view](p, ctx, lang)


def lr_zone(side, lr: float, normalize: str, data, lang: str) -> None:
    """Beside the learning-rate control: which zone the chosen learning rate is in (pure NumPy, cheap)."""
    from f2c.render.inside_charts import zone

    s = analysis.stability(Normalizer.fit(normalize, data.x).transform(data.x))
    which = zone(lr, s)
    text = t(f"in.zone_caption.{which}", lang, ratio=lr / s.critical_lr, best=s.best_lr)
    side.caption({"converge": ":green[●] ", "oscillate": ":orange[●] ", "diverge": ":red[●] "}[which] + text)
