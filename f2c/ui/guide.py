"""The guided path (?guide=1): the article cell by cell, questions before reveals, the student's own turns.

What a step holds and computes lives in f2c.explain.guide / questions / derivative; this page only lays it
out. Nothing a student types is executed or rendered as markup: answers are read with float() or compared
with option names, derivatives go through f2c.core.expr, and every message is escaped plain text.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from f2c.core import analysis
from f2c.core.config import FRAMEWORK_MODES, RunConfig
from f2c.core.data import article
from f2c.core.expr import parse
from f2c.core.i18n import STRINGS, t
from f2c.explain import derivative, questions
from f2c.explain import guide as path
from f2c.lessons import cells as cell_modules
from f2c.lessons import load
from f2c.render.guide_charts import fit_figure
from f2c.ui.settings import escape
from f2c.ui.state import K as APP_K
from f2c.ui.state import chart

K = APP_K + "guide_"
EPOCH_CHOICES = (30_000, 330_000)


def requested() -> bool:
    return st.query_params.get("guide") == "1"


def entry(lang: str) -> None:
    """The main page's way in."""
    st.button(
        t("guide.entry", lang),
        key=K + "entry",
        help=t("guide.entry_help", lang),
        on_click=_open,
        icon=":material/explore:",  # a font icon: an emoji showed as a box on machines without an emoji font
    )


def _open() -> None:
    st.query_params["guide"] = "1"


def _move(by: int) -> None:
    ss = st.session_state
    ss[K + "step"] = min(max(ss.get(K + "step", 0) + by, 0), len(path.STEPS) - 1)


def _leave(lang: str) -> None:
    """Into the playground with the framework, the stage being read and the student's guess as the start."""
    ss = st.session_state
    w0, b0 = ss.get(K + "guess", (1.0, 0.01))
    config = RunConfig(
        framework=ss.get(K + "fw", "numpy"),
        stage=path.STAGE[ss.get(K + "step", 0)],
        w0=float(w0),
        b0=float(b0),
    )
    st.query_params.from_dict({"lang": lang, **config.to_query()})
    ss.pop(APP_K + "seeded", None)  # the playground reads its controls from the new address


def page(lang: str) -> None:
    ss = st.session_state
    ss.setdefault(K + "step", 0)
    ss.setdefault(K + "fw", ss.get(APP_K + "framework", "numpy"))
    st.title(t("guide.title", lang))
    fw = st.segmented_control(
        t("guide.framework", lang),
        path.FRAMEWORKS,
        format_func=lambda f: t(f"fw.{f}", lang),
        key=K + "fw",
        required=True,
    )
    i, n = ss[K + "step"], len(path.STEPS)
    st.progress((i + 1) / n, text=t("guide.progress", lang, i=i + 1, n=n))
    _nav(lang, "top")
    step = path.STEPS[i]
    if step[0] == "cell":
        _cell(fw, step[1], lang)
    elif step[0] == "fit":
        _fit(lang)
    else:
        _derivative(lang)
    _nav(lang, "bottom")


def _nav(lang: str, where: str) -> None:
    back, forward, leave = st.columns([1, 1, 3])
    i = st.session_state[K + "step"]
    back.button(t("guide.back", lang), key=f"{K}back_{where}", on_click=_move, args=(-1,), disabled=i == 0)
    forward.button(
        t("guide.next", lang),
        key=f"{K}next_{where}",
        on_click=_move,
        args=(1,),
        disabled=i == len(path.STEPS) - 1,
        type="primary",
    )
    leave.button(t("guide.leave", lang), key=f"{K}leave_{where}", on_click=_leave, args=(lang,))


def _cell_text(fw: str, name: str, lang: str) -> str:
    key = f"guide.cell.{name}.text"
    return t(f"{key}.{fw}", lang) if f"{key}.{fw}" in STRINGS else t(key, lang)


def _cell(fw: str, name: str, lang: str) -> None:
    st.subheader(t(f"guide.cell.{name}.title", lang))
    st.markdown(escape(_cell_text(fw, name, lang)))
    st.caption(t("guide.code", lang))
    st.code(path.cell_source(fw, name), language="python", wrap_lines=True)
    if name in cell_modules.LOOP_STAGE:
        with st.expander(t("guide.modes.title", lang)):
            for mode in reversed(FRAMEWORK_MODES[fw]):  # slowest first: each adds one idea to the last
                st.markdown("- " + escape(t(f"guide.modes.{mode}", lang)))
    for qid in questions.AT.get(name, ()):
        _question(qid, fw, lang)
    ran = st.session_state.setdefault(K + "ran", set())
    if st.button(t("guide.run", lang), key=f"{K}run_{fw}_{name}"):
        ran.add((fw, name))
    if (fw, name) not in ran:
        return
    with st.spinner(t("guide.running", lang)):
        result = path.run_cell(fw, name)
    live, printed = st.columns(2)
    live.caption(t("guide.live", lang))
    live.code(result.text, language=None)
    printed.caption(t("guide.article", lang))
    printed.code(result.article_text, language=None)
    if result.matches is None:
        st.info(t("guide.no_article", lang))
    elif result.matches:
        st.success(t("guide.match", lang, worst=result.worst), icon=":material/check_circle:")
    else:
        st.error(t("guide.mismatch", lang, worst=result.worst), icon=":material/cancel:")


def _question(qid: str, fw: str, lang: str) -> None:
    q = questions.BY_ID[qid]
    box = st.container(border=True)
    box.markdown(f"**{t('guide.question', lang)}** · " + escape(t(f"gq.{qid}.ask", lang)))
    key = f"{APP_K}gq_{qid}"
    if q.kind == "number":
        box.text_input(t("guide.answer", lang), key=key, max_chars=40)
    else:
        box.radio(
            t("guide.answer", lang),
            q.options,
            index=None,
            key=key,
            format_func=lambda option: t(f"gq.{qid}.opt.{option}", lang),
        )
    checked = st.session_state.setdefault(K + "checked", {})
    if box.button(t("guide.check", lang), key=f"{APP_K}gq_check_{qid}"):
        checked[qid] = st.session_state.get(key)
    if qid not in checked:
        return
    response = checked[qid]
    if q.kind == "number" and questions.parse_number(response) is None:
        box.warning(t("guide.not_a_number", lang))
        return
    feedback = questions.check(qid, response, fw)
    show = box.success if feedback.correct else box.error
    show(escape(t(feedback.key, lang, **feedback.kwargs)))


def _fit(lang: str) -> None:
    d = article()
    st.subheader(t("guide.fit.title", lang))
    st.markdown(escape(t("guide.fit.text", lang)))
    left, right = st.columns([1, 2])
    w = left.slider("w", -1.0, 2.0, 1.0, 0.01, key=K + "w")
    b = left.slider("b", -30.0, 30.0, 0.0, 0.1, key=K + "b")
    bw, bb, best = analysis.least_squares(d.x, d.y)
    loss = float(analysis.loss_at(d.x, d.y, w, b))
    left.metric(t("guide.fit.loss_label", lang), f"{loss:.4f}")
    left.caption(t("guide.fit.loss", lang, loss=loss, best=best, bw=bw, bb=bb))
    ss = st.session_state
    ss[K + "guess"] = (w, b)  # kept for the playground: a slider's own state goes when its step is left
    if left.button(t("guide.fit.run", lang), key=K + "fit_run", help=t("guide.fit.run_help", lang)):
        runner = load("numpy").make_runner(1, "sgd", 1e-4, w, b, d.x, d.y, "function")
        rows = runner.run(330_000)
        ss[K + "fit_result"] = ((w, b), rows[:, 2], runner.params())
    result = ss.get(K + "fit_result")
    trained = None
    if result is not None:
        (w0, b0), losses, trained = result
        bad = np.flatnonzero(~np.isfinite(losses))
        if bad.size:
            left.error(t("guide.fit.diverged", lang, epoch=int(bad[0]) + 1))
            trained = None
        else:
            left.success(
                t("guide.fit.result", lang, w0=w0, b0=b0, w=trained[0], b=trained[1], loss=losses[-1])
            )
    chart(fit_figure(d.x, d.y, w, b, lang, trained), right, width="stretch", key=K + "fit_chart")


def _derivative(lang: str) -> None:
    d = article()
    ss = st.session_state
    st.subheader(t("guide.der.title", lang))
    st.markdown(escape(t("guide.der.text", lang)))
    dw_text = st.text_input("dL/dw", key=K + "dw", max_chars=300, placeholder="mean(2*(w*x + b - y)*x)")
    db_text = st.text_input("dL/db", key=K + "db", max_chars=300)
    if st.button(t("guide.der.check", lang), key=K + "der_check"):
        ss[K + "der"] = (dw_text, db_text)
        ss.pop(K + "der_run", None)
    if K + "der" not in ss:
        return
    dw_text, db_text = ss[K + "der"]
    result = derivative.check(dw_text, db_text, d.x, d.y)
    for k, name in enumerate(("dw", "db")):
        label = f"dL/d{name[1]}"
        if name in result.errors:
            st.error(f"{label}: " + escape(result.errors[name].message(lang)))
        elif result.correct[name]:
            st.success(f"{label}: {t('guide.der.correct', lang)}")
        else:
            hint = result.hint(k)
            st.error(
                f"{label}: "
                + escape(t("guide.der.wrong", lang))
                + (f" {escape(t(hint, lang))}" if hint else "")
            )
    if result.errors:
        return
    if result.all_correct:
        st.success(t("guide.der.correct_long", lang, n=len(result.points)))
    import pandas as pd

    st.table(pd.DataFrame(_table(result, lang)))
    epochs = st.segmented_control(
        t("guide.der.epochs", lang),
        EPOCH_CHOICES,
        format_func="{:,}".format,
        key=K + "der_epochs",
        default=330_000,
    )
    if st.button(t("guide.der.train", lang), key=K + "der_train"):
        exprs = (parse(dw_text), parse(db_text))
        ss[K + "der_run"] = derivative.train(*exprs, d.x, d.y, epochs=int(epochs or 330_000))
    run = ss.get(K + "der_run")
    if run is None:
        return
    log, (w, b) = run
    st.caption(t("guide.der.log", lang))
    mine, printed = st.columns(2)
    mine.code("\n".join("Epoch %d, Loss %f" % row for row in log) or "-", language=None)
    printed.code(path.ARTICLE["torch"]["stage1_loop"][0], language=None)
    if log and not np.isfinite(log[-1][1]):
        st.error(t("guide.der.diverged", lang, epoch=log[-1][0]))
    else:
        st.info(t("guide.der.final", lang, w=w, b=b))


def _table(result: derivative.Check, lang: str) -> list[dict]:
    rows = []
    for p in result.points:
        for k, name in enumerate(("dL/dw", "dL/db")):
            rows.append(
                {
                    t("guide.der.table.point", lang): f"({p.w:g}, {p.b:g}) {name}",
                    t("guide.der.table.yours", lang): f"{p.yours[k]:.6g}",
                    t("guide.der.table.autograd", lang): f"{p.autograd[k]:.6g}",
                    t("guide.der.table.ok", lang): t(
                        "guide.der.yes" if p.agrees(k) else "guide.der.no", lang
                    ),
                }
            )
    return rows
