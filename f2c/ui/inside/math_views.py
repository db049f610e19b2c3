"""The NumPy-only "see inside" views: loss landscape, stability, chain rule, prediction, learning-rate sweep."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from f2c.core import analysis, float32
from f2c.core.config import RunConfig
from f2c.core.i18n import t
from f2c.core.normalize import Normalizer
from f2c.render import inside_charts as inside_figures
from f2c.ui.inside.context import Context
from f2c.ui.state import K, Player, chart, nearest_lr_step

PLOT = {"displaylogo": False}
TOLERANCES = (1e-1, 1e-2, 1e-3, 1e-4)
SWEEP_EPOCHS = (1_000, 10_000, 30_000, 100_000)
SWEEP_POINTS = 61
TRY_EPOCHS = 20_000


def _fmt(value: float) -> str:
    return "∞" if not math.isfinite(value) else f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.5g}"


# ---- 1. landscape ----------------------------------------------------------------------------


def landscape(p: Player, ctx: Context, lang: str) -> None:
    w_opt, b_opt, _ = analysis.least_squares(ctx.x, ctx.y)
    c = p.config
    fig = inside_figures.landscape(
        ctx.x,
        ctx.y,
        [(t("in.land.path", lang), ctx.path_w, ctx.path_b, inside_figures.LINE_COLOR)],
        (w_opt, b_opt),
        (c.w0, c.b0),
        lang,
    )
    chart(fig, config=PLOT, width="stretch")
    s = analysis.stability(ctx.x)
    units = t(f"in.land.units.{c.normalize}", lang)
    st.caption(t("in.land.caption", lang, units=units, condition=s.condition))


# ---- 2. stability ----------------------------------------------------------------------------


@st.cache_data(max_entries=16, show_spinner=False)
def _try_runs(normalize: str, key: tuple, w0: float, b0: float) -> list[dict]:
    """Stage-1 NumPy runs at 0.99 and 1.01 times the threshold, through f2c.runtime.training like any run."""
    from f2c.core.data import Dataset
    from f2c.runtime import training as train

    x, y = (np.array(v, dtype=np.float32) for v in key)
    critical = analysis.critical_lr(Normalizer.fit(normalize, x).transform(x))
    out = []
    for factor in (0.99, 1.01):
        config = RunConfig(lr=critical * factor, epochs=TRY_EPOCHS, normalize=normalize, w0=w0, b0=b0)
        run = train.run(config, Dataset(x, y, "try")).run_to_end()
        loss = run.trajectory.loss
        out.append(
            {
                "factor": factor,
                "lr": critical * factor,
                "first": float(loss[0]),
                "last": float(run.last_finite_loss),
                "diverged_epoch": run.diverged_epoch,
            }
        )
    return out


def _set_lr(lr: float) -> None:
    st.session_state[K + "lr"] = float(f"{lr:.6g}")
    st.session_state[K + "lr_slider"] = nearest_lr_step(lr)


def stability(p: Player, ctx: Context, lang: str) -> None:
    c = p.config
    s = analysis.stability(ctx.x)
    # Three to a row: five in one row cut "0.00033994" to "0.000…" at a laptop's 1280 px.
    cols = [*st.columns(3), *st.columns(3)[:2]]
    cols[0].metric("λ_min", f"{s.lambda_min:.5g}")
    cols[1].metric("λ_max", f"{s.lambda_max:.6g}")
    cols[2].metric(
        t("in.stab.condition", lang), f"{s.condition:,.0f}" if s.condition >= 100 else f"{s.condition:.3g}"
    )
    cols[3].metric(t("in.stab.critical_short", lang), f"{s.critical_lr:.5g}")
    cols[4].metric(t("in.stab.best_short", lang), f"{s.best_lr:.5g}")
    which = inside_figures.zone(c.lr, s)
    chart(inside_figures.stability_bar(c.lr, s, lang), config=PLOT, width="stretch")
    left, right = st.columns([1, 2])
    tol = left.select_slider(
        t("in.stab.tol", lang), TOLERANCES, value=1e-3, format_func=lambda v: f"{v:g}", key=K + "in_tol"
    )
    predicted = analysis.epochs_to_converge(ctx.x, ctx.y, c.lr, c.w0, c.b0, tol)
    left.metric(t("in.stab.predicted", lang, tol=tol), _fmt(predicted))
    f32 = float32.floor(ctx.x, ctx.y, c.lr)
    words = {"gap": f32.gap, "floor": f32.error, "p": f32.param}
    if tol < f32.error and np.isfinite(predicted):  # float32 freezes before the float64 prediction comes true
        reached = analysis.epochs_to_converge(ctx.x, ctx.y, c.lr, c.w0, c.b0, f32.error)
        st.warning(t("in.stab.float32_stall", lang, epochs=reached, **words))
    elif np.isfinite(predicted):
        st.caption(t("in.stab.float32_ok", lang, tol=tol, **words))
    right.markdown(t(f"in.zone.explain.{which}", lang, lr=c.lr, crit=s.critical_lr, half=1 / s.lambda_max))
    raw = analysis.stability(Normalizer.fit("none", p.data.x).transform(p.data.x))
    scaled = analysis.stability(Normalizer.fit("scale", p.data.x).transform(p.data.x))
    standard = analysis.stability(Normalizer.fit("standardize", p.data.x).transform(p.data.x))
    st.info(
        t(
            "in.stab.why",
            lang,
            lr=c.lr,
            lmin=raw.lambda_min,
            frac=c.lr * raw.lambda_min,
            efold=1 / (c.lr * raw.lambda_min),
            lmax=raw.lambda_max,
            crit=raw.critical_lr,
            cond=raw.condition,
            cond_scaled=scaled.condition,
            crit_scaled=scaled.critical_lr,
            cond_std=standard.condition,
        )
    )
    st.markdown(t("in.stab.try_header", lang, epochs=TRY_EPOCHS, crit=s.critical_lr))
    results = _try_runs(c.normalize, ctx_key(p), c.w0, c.b0)
    for col, r in zip(st.columns(2), results):
        with col:
            if r["diverged_epoch"] is not None:
                st.error(
                    t("in.stab.try_diverged", lang, factor=r["factor"], lr=r["lr"], epoch=r["diverged_epoch"])
                )
            else:
                st.success(
                    t(
                        "in.stab.try_converged",
                        lang,
                        factor=r["factor"],
                        lr=r["lr"],
                        first=r["first"],
                        last=r["last"],
                    )
                )
            st.button(
                t("in.stab.use_lr", lang, lr=r["lr"]),
                key=K + f"in_use_{r['factor']}",
                on_click=_set_lr,
                args=(r["lr"],),
            )


def ctx_key(p: Player) -> tuple:
    return tuple(map(float, p.data.x)), tuple(map(float, p.data.y))


# ---- 5. chain rule ---------------------------------------------------------------------------


def chain(p: Player, ctx: Context, lang: str) -> None:
    import pandas as pd

    table = analysis.chain_rule_table(ctx.x, ctx.y, ctx.w, ctx.b)
    st.markdown(t("in.chain.explain", lang, n=len(ctx.x)))
    names = {
        "x": "x",
        "y": "y",
        "y_hat": "ŷ = w·x + b",
        "dL_dyhat": "dL/dŷ = 2(ŷ − y)/N",
        "dyhat_dw": "dŷ/dw = x",
        "share_dw": t("in.chain.col_dw", lang),
        "share_db": t("in.chain.col_db", lang),
    }
    frame = pd.DataFrame({names[k]: v for k, v in table.items()})
    st.dataframe(frame, hide_index=True, width="stretch")
    total_w, total_b = float(table["share_dw"].sum()), float(table["share_db"].sum())
    exact = analysis.gradient_at(ctx.x, ctx.y, ctx.w, ctx.b)
    st.caption(t("in.chain.sums", lang, dw=total_w, db=total_b, ew=exact[0], eb=exact[1]))
    chart(inside_figures.chain_shares(table, lang), config=PLOT, width="stretch")


# ---- 6. prediction ---------------------------------------------------------------------------


def parse_reading(text: str) -> float | None:
    """A number a student typed (a comma as decimal point is fine), or None if it is not one."""
    cleaned = text.strip().replace(",", ".").replace("°", "").rstrip("fF").strip()
    if not cleaned or len(cleaned) > 32:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) and abs(value) <= 1e6 else None


def predict(p: Player, ctx: Context, lang: str) -> None:
    text = st.text_input(t("in.pred.input", lang), value="100", max_chars=32, key=K + "in_reading")
    reading = parse_reading(text)
    if reading is None:
        st.warning(t("in.pred.bad", lang))
        return
    w_raw, b_raw = (float(v) for v in ctx.normalizer.to_original(ctx.w, ctx.b))
    w_ls, b_ls, _ = analysis.least_squares(p.data.x, p.data.y)
    cols = st.columns(3)
    cols[0].metric(t("in.pred.model", lang, epoch=ctx.epoch), f"{w_raw * reading + b_raw:.2f} °C")
    cols[1].metric(t("in.pred.ls", lang), f"{w_ls * reading + b_ls:.2f} °C")
    cols[2].metric(t("in.pred.exact", lang), f"{(reading - 32) * 5 / 9:.2f} °C")
    st.caption(t("in.pred.note", lang, w=w_ls, b=b_ls))


# ---- 7. learning-rate sweep --------------------------------------------------------------------


@st.cache_data(max_entries=16, show_spinner=False)
def _sweep(normalize: str, key: tuple, epochs: int, w0: float, b0: float):
    x, y = (np.array(v, dtype=np.float32) for v in key)
    xm = Normalizer.fit(normalize, x).transform(x)
    critical = analysis.critical_lr(xm)
    lrs = np.geomspace(critical / 1000, critical * 2, SWEEP_POINTS)
    return lrs, analysis.lr_sweep(xm, y, lrs, epochs, w0, b0)


def sweep(p: Player, ctx: Context, lang: str) -> None:
    c = p.config
    epochs = st.select_slider(
        t("in.sweep.epochs", lang),
        SWEEP_EPOCHS,
        value=10_000,
        format_func=lambda v: f"{v:,}",
        key=K + "in_sweep",
    )
    with st.spinner(t("in.sweep.computing", lang, n=SWEEP_POINTS, epochs=epochs)):
        lrs, final = _sweep(c.normalize, ctx_key(p), int(epochs), c.w0, c.b0)
    s = analysis.stability(ctx.x)
    chart(inside_figures.lr_sweep(lrs, final, s, c.lr, int(epochs), lang), config=PLOT, width="stretch")
    finite = np.isfinite(final)
    first_bad = lrs[~finite].min() if (~finite).any() else float("nan")
    st.caption(t("in.sweep.caption", lang, n=SWEEP_POINTS, crit=s.critical_lr, first_bad=first_bad))
