""" "See inside" panels below the player: one view at a time, computed only when the run is not playing.

The student picks a view (landscape, stability, gradients, graph, chain rule, prediction, sweep, break
it); nothing is computed, and neither torch nor TensorFlow is imported, until a view asks for it.
Pure work lives below the UI (f2c.core.analysis, f2c.explain.agreement, f2c.explain.break_it, f2c.explain.graphs, f2c.render.inside_charts)
and is cached with st.cache_data on its inputs.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from f2c.core.i18n import t
from f2c.ui import state
from f2c.ui.inside import grad_views, math_views
from f2c.ui.inside.context import context

VIEWS = ("landscape", "stability", "agreement", "graph", "chain", "predict", "sweep", "breakit")
VIEW_KEY = state.K + "inside_view"


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
    views = {
        "landscape": math_views.landscape,
        "stability": math_views.stability,
        "chain": math_views.chain,
        "predict": math_views.predict,
        "sweep": math_views.sweep,
        "agreement": grad_views.agreement,
        "graph": grad_views.graph,
        "breakit": grad_views.breakit,
    }
    views[view](p, ctx, lang)
