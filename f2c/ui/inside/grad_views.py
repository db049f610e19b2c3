"""The "see inside" views that may call torch or TensorFlow: gradient agreement, the autograd graph, break it.

torch and TensorFlow are imported only when the student asks for them here (or already uses them for the
run): a NumPy-only page never pays for the import.
"""

from __future__ import annotations

import inspect
import sys

import numpy as np
import streamlit as st

from f2c.core import float32
from f2c.core.config import FRAMEWORKS
from f2c.core.i18n import t
from f2c.explain import agreement as agree
from f2c.explain import break_it as brk
from f2c.render import inside_charts as inside_figures
from f2c.render import style
from f2c.ui.inside.context import Context
from f2c.ui.state import K, Player, chart

PLOT = {"displaylogo": False}
STEPS_H = (1e-10, 1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1, 1.0)
BREAK_EPOCHS = 300


def _loaded(framework: str) -> bool:
    return framework in sys.modules


def _available(framework: str) -> bool:
    return framework == "numpy" or agree.installed(framework)


def _framework_picker(label: str, key: str, ctx: Context, lang: str) -> str:
    options = [f for f in FRAMEWORKS if _available(f)]
    if st.session_state.get(key) not in options:
        st.session_state[key] = ctx.framework if ctx.framework in options else "numpy"
    return st.radio(label, options, format_func=lambda f: t(f"fw.{f}", lang), key=key, horizontal=True)


# ---- 3. gradient agreement -----------------------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def _sources(key: tuple, w: float, b: float, h: float, fd_dtype: str, frameworks: tuple[str, ...]):
    x, y = (np.array(v, dtype=np.float32) for v in key)
    return agree.sources(x, y, w, b, h, fd_dtype, frameworks)


def agreement(p: Player, ctx: Context, lang: str) -> None:
    import pandas as pd

    left, right = st.columns(2)
    h = left.select_slider(
        t("in.agree.h", lang), STEPS_H, value=1e-4, format_func=lambda v: f"{v:g}", key=K + "in_h"
    )
    fd_dtype = right.radio(
        t("in.agree.dtype", lang), ("float64", "float32"), horizontal=True, key=K + "in_fd"
    )
    wanted = st.session_state.get(K + "in_frameworks", False)
    frameworks = tuple(f for f in agree.FRAMEWORK_SOURCES if agree.installed(f) and (wanted or _loaded(f)))
    missing = [f for f in agree.FRAMEWORK_SOURCES if agree.installed(f) and f not in frameworks]
    if missing and st.button(t("in.agree.load", lang, names=", ".join(t(f"fw.{f}", lang) for f in missing))):
        st.session_state[K + "in_frameworks"] = True
        frameworks = tuple(f for f in agree.FRAMEWORK_SOURCES if agree.installed(f))
    with st.spinner(t("in.loading", lang)):
        exact, sources = _sources(ctx.key, ctx.w, ctx.b, float(h), fd_dtype, frameworks)
    scale = float32.gradient_rounding(ctx.x, ctx.y, ctx.w, ctx.b)
    rows = []
    for s in sources:
        within = all(abs(g - e) <= max(1e-3 * abs(e), r) for g, e, r in zip(s.grad, exact, scale))
        name = t(f"in.agree.src.{s.name}", lang, h=h, dtype=fd_dtype)
        rows.append(
            {
                t("in.agree.col_source", lang): name,
                "dL/dw": f"{s.grad[0]:.6f}",
                "dL/db": f"{s.grad[1]:.6f}",
                t("in.agree.col_abs", lang): f"{s.abs_diff:.2e}",
                t("in.agree.col_rel", lang): f"{s.rel_diff:.2e}",
                t("in.agree.col_ok32", lang): "✅" if within else "❌",
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("in.agree.caption32", lang, dw=exact[0], db=exact[1], sw=scale[0], sb=scale[1]))
    if fd_dtype == "float32" or h < 1e-8:
        st.info(t("in.agree.cancellation", lang))


# ---- 4. the real autograd graph --------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def _graph(framework: str, key: tuple, w: float, b: float):
    from f2c.explain import graphs

    x, y = (np.array(v, dtype=np.float32) for v in key)
    return graphs.graph(framework, x, y, w, b)


def _step(delta: int, n: int) -> None:
    key = K + "in_graph_step"
    st.session_state[key] = int(min(max(st.session_state.get(key, n) + delta, 0), n))


def graph(p: Player, ctx: Context, lang: str) -> None:
    from f2c.explain import graphs

    framework = _framework_picker(t("in.graph.framework", lang), K + "in_graph_fw", ctx, lang)
    with st.spinner(t("in.loading", lang)):
        g = _graph(framework, ctx.key, ctx.w, ctx.b)
    n = len(g.backward_order)
    key = K + "in_graph_step"
    if st.session_state.get(key) is None or st.session_state.get(key) > n:
        st.session_state[key] = n
    cols = st.columns([1, 1, 6])
    cols[0].button("◀", key=K + "in_graph_prev", on_click=_step, args=(-1, n), help=t("in.graph.prev", lang))
    cols[1].button("▶", key=K + "in_graph_next", on_click=_step, args=(1, n), help=t("in.graph.next", lang))
    k = cols[2].slider(t("in.graph.step", lang, n=n), 0, n, key=key)
    dot = graphs.to_dot(g, t("in.graph.value", lang), t("in.graph.grad", lang), upto=k)
    # At its natural size (16 px text), shrunk only if wider than the column: stretched, a small graph's
    # text grew to 35 px, and a wide one laid out left to right shrank to 5 px.
    st.graphviz_chart(dot, width="content")
    if k == 0:
        st.caption(t("in.graph.forward_only", lang))
    else:
        st.caption(t("in.graph.at_step", lang, k=k, n=n, op=g.node(g.backward_order[k - 1]).op))
    st.caption(t(f"in.graph.about.{framework}", lang, nodes=len(g.nodes), edges=len(g.edges)))
    derived = _program(framework, ctx.key, ctx.w, ctx.b)
    if derived:  # a framework that derives a gradient program (JAX): the program itself
        st.markdown(f"**{t('in.jaxpr.header', lang)}**")
        st.code(derived, language=None, wrap_lines=True)
        st.caption(t("in.jaxpr.caption", lang, w=ctx.w, b=ctx.b))


@st.cache_data(max_entries=16, show_spinner=False)
def _program(framework: str, key: tuple, w: float, b: float) -> str | None:
    from f2c.explain import graphs

    x, y = (np.array(v, dtype=np.float32) for v in key)
    return graphs.program(framework, x, y, w, b)


# ---- 8. break it ---------------------------------------------------------------------------------


@st.cache_data(max_entries=16, show_spinner=False)
def _forget_zero(framework: str, key: tuple, lr: float, w0: float, b0: float, epochs: int):
    x, y = (np.array(v, dtype=np.float32) for v in key)
    return brk.forget_zero(framework, x, y, lr, w0, b0, epochs)


@st.cache_data(max_entries=16, show_spinner=False)
def _in_graph(framework: str, key: tuple, lr: float, w0: float, b0: float):
    x, y = (np.array(v, dtype=np.float32) for v in key)
    return brk.update_in_graph(framework, x, y, lr, w0, b0)


def breakit(p: Player, ctx: Context, lang: str) -> None:
    from f2c.core import analysis

    c = p.config
    framework = _framework_picker(t("in.break.framework", lang), K + "in_break_fw", ctx, lang)
    st.markdown(t("in.break.zero_header", lang))
    st.caption(t(f"in.break.zero_about.{framework}", lang, epochs=BREAK_EPOCHS, lr=c.lr))
    with st.spinner(t("in.loading", lang)):
        paths = _forget_zero(framework, ctx.key, c.lr, c.w0, c.b0, BREAK_EPOCHS)
    right, wrong = paths["right"], paths["wrong"]
    w_opt, b_opt, _ = analysis.least_squares(ctx.x, ctx.y)
    names = (t("in.break.right", lang), t("in.break.wrong", lang))
    left_col, right_col = st.columns(2)
    with left_col:
        fig = inside_figures.landscape(
            ctx.x,
            ctx.y,
            [
                (names[0], right.w, right.b, inside_figures.BEST_COLOR),
                (names[1], wrong.w, wrong.b, style.WRONG_COLOR),
            ],
            (w_opt, b_opt),
            (c.w0, c.b0),
            lang,
            n=81,
            title=t("in.break.land_title", lang, epochs=BREAK_EPOCHS),
        )
        chart(fig, config=PLOT, width="stretch")
    with right_col:
        curves = [
            (names[0], right.loss, inside_figures.BEST_COLOR),
            (names[1], wrong.loss, style.WRONG_COLOR),
        ]
        chart(inside_figures.loss_paths(curves, lang), config=PLOT, width="stretch")
    for label, path in zip(names, (right, wrong)):
        if path.diverged_epoch is not None:
            st.caption(t("in.break.diverged", lang, name=label, epoch=path.diverged_epoch))
        elif len(path.loss):
            st.caption(t("in.break.final", lang, name=label, loss=float(path.loss[-1])))
    step_fn, graph_fn = brk.shown_steps(framework)
    with st.expander(t("in.break.source", lang)):
        st.code(inspect.getsource(step_fn), language="python", wrap_lines=True)

    st.markdown(t("in.break.graph_header", lang))
    with st.spinner(t("in.loading", lang)):
        caught = _in_graph(framework, ctx.key, c.lr, c.w0, c.b0)
    st.code(inspect.getsource(graph_fn), language="python", wrap_lines=True)
    if caught.error_type is not None:
        st.markdown(t("in.break.raised", lang, epoch=caught.epoch))
        st.code(f"{caught.error_type}: {caught.message}", language="text")
    else:
        sizes = ", ".join(str(s) for s in caught.graph_nodes or [])
        st.markdown(t("in.break.no_error", lang, epochs=caught.epoch, sizes=sizes))
    st.info(t(f"in.break.explain.{framework}", lang))
