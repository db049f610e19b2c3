"""The panels under the player: the article's single-step cells and the source code that runs."""

from __future__ import annotations

import numpy as np
import streamlit as st

from f2c.core.i18n import t
from f2c.explain.one_step import StepCells
from f2c.lessons import module_name, texts
from f2c.ui.state import Player

# What each single-step cell looks for in the step function's source, to mark its line.
CELL_PATTERNS = {
    "①": ("model(",),
    "②": ("loss_fn(", "loss_object(", "loss ="),
    "③": ("grad_fn(", ".backward(", ".gradient(", "value_and_grad(", "grad ="),
    "④": ("params - ", "params = (params", ".step(", "apply_gradients", "assign_sub", "params ="),
}


def _vector(values: np.ndarray, digits: int = 4) -> str:
    return "[" + ", ".join(f"{v:.{digits}f}" for v in np.asarray(values).reshape(-1)) + "]"


def cell_lines(source: str) -> dict[str, int]:
    """The 1-based line of the step function's source that each cell ①-④ comes from."""
    lines = source.splitlines()
    found: dict[str, int] = {}
    for mark, patterns in CELL_PATTERNS.items():
        for number, line in enumerate(lines, start=1):
            code = line.split("#")[0]
            if number in found.values() or code.strip().startswith(("def ", '"""')):
                continue
            if any(pattern in code for pattern in patterns):
                found[mark] = number
                break
    return found


def marked_source(source: str, lines: dict[str, int]) -> str:
    out = source.splitlines()
    for mark, number in lines.items():
        out[number - 1] = f"{out[number - 1]}  # ◀ {mark}"
    return "\n".join(out)


def step_cells(p: Player, lang: str) -> None:
    st.subheader(t("step.header", lang))
    cells: StepCells | None = p.cells
    if cells is None or cells.framework != p.config.framework or cells.stage != p.config.stage:
        st.info(t("step.hint", lang))
        return
    lines = cell_lines(texts.step(cells.framework, cells.stage)[1])
    epoch = getattr(cells, "epoch", 1)
    w, b = cells.params
    st.markdown(f"**{t('step.epoch', lang, epoch=epoch, w=w, b=b)}**")

    def where(mark: str) -> str:
        return f" · {t('step.line', lang, line=lines[mark])}" if mark in lines else ""

    x = np.asarray(p.run.normalizer.transform(p.data.x) if p.run else p.data.x, dtype=np.float64)
    y = np.asarray(p.data.y, dtype=np.float64)
    st.markdown(f"**{t('step.forward', lang)}**{where('①')}")
    st.code(
        f"Y_hat = model(X, w, b) = {w:.4f} * X + {b:.4f}\n      = {_vector(cells.Y_hat, 2)}",
        language="python",
        wrap_lines=True,
    )
    st.markdown(f"**{t('step.loss', lang)}**{where('②')}")
    st.metric("loss = mean((Y_hat - Y)**2)", f"{cells.loss:.4f}")
    if cells.stage == 1:
        st.markdown(f"**{t('step.grad_manual', lang)}**{where('③')}")
        dloss = np.asarray(cells.factors["dloss_fn"]).reshape(-1)
        dw = np.broadcast_to(np.asarray(cells.factors["dmodel_dw"], dtype=np.float64), dloss.shape)
        db = np.broadcast_to(np.asarray(cells.factors["dmodel_db"], dtype=np.float64), dloss.shape)
        import pandas as pd  # only when a stage-1 Step is shown: keeps the first page quick

        table = pd.DataFrame(
            {
                "X": x,
                "Y": y,
                "Y_hat": np.asarray(cells.Y_hat).reshape(-1),
                "dloss_fn = 2(Y_hat-Y)": dloss,
                "dmodel_dw": dw,
                "dmodel_db": db,
                "dloss_fn·dmodel_dw": dloss * dw,
                "dloss_fn·dmodel_db": dloss * db,
            }
        )
        st.dataframe(table.style.format("{:.4f}"), hide_index=True, width="stretch")
    else:
        st.markdown(f"**{t('step.grad_auto', lang)}**{where('③')}")
    g1, g2 = st.columns(2)
    g1.metric("∂L/∂w", f"{cells.grad[0]:.4f}")
    g2.metric("∂L/∂b", f"{cells.grad[1]:.4f}")
    c = p.config
    if cells.stage == 3:
        st.markdown(f"**{t('step.update_auto', lang)}**{where('④')}")
        if c.optimizer != "sgd" and epoch > 1:
            st.caption(t("step.optimizer_state", lang, optimizer=t(f"opt.{c.optimizer}", lang)))
    else:
        st.markdown(f"**{t('step.update_manual', lang)}**{where('④')}")
    st.code(
        f"params = {_vector(cells.params)} - {c.lr:g} * {_vector(cells.grad)}\n       = {_vector(cells.new_params)}",
        language="python",
        wrap_lines=True,
    )
    st.metric(t("step.new_params", lang), _vector(cells.new_params))


def code_panel(p: Player, lang: str) -> None:
    c = p.config
    st.subheader(t("code.header", lang))
    # Read from the lesson's file, not inspect.getsource of the imported module: a server whose torch runs
    # compute in the torch child shows them without importing torch (f2c.lessons.texts).
    try:
        name, source = texts.step(c.framework, c.stage)
    except (ImportError, KeyError, OSError, SyntaxError) as error:
        st.warning(t("player.error", lang, error=f"{type(error).__name__}: {error}"))
        return
    lines = cell_lines(source)
    st.caption(t("code.caption", lang, function=f"{name}()", module=module_name(c.framework)))
    st.code(marked_source(source, lines), language="python", line_numbers=True, wrap_lines=True)
    if p.cells is not None and p.cells.framework == c.framework and p.cells.stage == c.stage:
        st.caption(t("code.step_at", lang, epoch=getattr(p.cells, "epoch", 1)))
    helpers = ["model", "loss_fn"]
    if c.stage == 1:
        helpers += ["dloss_fn", "dmodel_dw", "dmodel_db", "grad_fn"]
    if c.stage == 3:
        helpers += ["make_optimizer"]
    parts = [text for text in (texts.helper(c.framework, h) for h in helpers) if text is not None]
    with st.expander(t("code.helpers", lang), expanded=c.stage == 1):
        st.code("\n\n".join(parts), language="python", wrap_lines=True)
    compiled = None
    if p.run and p.run.mode not in (None, "eager"):
        compiled = texts.mode_source(c.framework, c.stage, c.optimizer, p.run.mode)
    if compiled:
        with st.expander(t("code.compiled", lang, mode=p.run.mode)):
            st.code(compiled, language="python", wrap_lines=True)
