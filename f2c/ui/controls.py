"""The sidebar: widgets and the URL's query string -> (language, RunConfig, playback speed).

Every setting is read from the address once per browser session (the command line's flag names plus
`lang`) and written back whenever it changes, so a copied address reproduces the setup.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from f2c import analysis
from f2c.config import (
    FRAMEWORK_MODES,
    FRAMEWORKS,
    LR_MAX,
    LR_MIN,
    MAX_EPOCHS,
    NORMALIZE,
    OPTIMIZERS,
    STAGES,
    ConfigError,
    RunConfig,
)
from f2c.data import Dataset
from f2c.i18n import DEFAULT_LANG, LANGS, t
from f2c.normalize import Normalizer

LR_STEPS = tuple(float(f"{m}e{e}") for e in range(-6, 0) for m in (1, 2, 5)) + (1.0,)
SPEEDS = ("max", 100_000, 10_000, 1_000, 100, 10)
LANG_NAMES = {"zh": "中文", "en": "English"}

# The article's eager loops, microseconds per epoch on a 2-core CPU (REFERENCE.md).
EAGER_US = {
    "torch": {1: 49, 2: 93, 3: 181},
    "tensorflow": {1: 665, 2: 1827, 3: 2845},
}

K = "f2c_"  # widget keys


def _browser_lang() -> str:
    try:
        locale = st.context.locale or ""
    except Exception:  # older Streamlit, or no browser (AppTest)
        locale = ""
    if locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LANG


def _nearest_lr_step(lr: float) -> float:
    return min(LR_STEPS, key=lambda step: abs(math.log10(step) - math.log10(max(lr, 1e-12))))


def _seed_from_url() -> list[ConfigError]:
    """First script run of a session: put the address's settings into the widgets' state."""
    if st.session_state.get(K + "seeded"):
        return []
    query = {name: st.query_params[name] for name in st.query_params}
    config, problems = RunConfig.from_query(query)
    lang = str(query.get("lang", "")).lower()
    ss = st.session_state
    ss[K + "lang"] = lang if lang in LANGS else _browser_lang()
    ss[K + "framework"] = config.framework
    ss[K + "stage"] = config.stage
    ss[K + "optimizer"] = config.optimizer
    ss[K + "mode"] = config.mode
    ss[K + "lr"] = config.lr
    ss[K + "lr_slider"] = _nearest_lr_step(config.lr)
    ss[K + "epochs"] = config.epochs
    ss[K + "w0"] = config.w0
    ss[K + "b0"] = config.b0
    ss[K + "normalize"] = config.normalize
    ss[K + "speed"] = "max"
    ss[K + "seeded"] = True
    ss[K + "url_problems"] = problems
    return problems


def _on_framework() -> None:
    ss = st.session_state
    if ss[K + "mode"] != "fastest" and ss[K + "mode"] not in FRAMEWORK_MODES[ss[K + "framework"]]:
        ss[K + "mode"] = "fastest"


def _on_lr_slider() -> None:
    st.session_state[K + "lr"] = float(st.session_state[K + "lr_slider"])


def _on_lr_exact() -> None:
    st.session_state[K + "lr_slider"] = _nearest_lr_step(float(st.session_state[K + "lr"]))


def _write_url(config: RunConfig, lang: str) -> None:
    """Non-default settings and the language, so the address stays short and still reproduces the setup."""
    default = RunConfig().to_query()
    wanted = {k: v for k, v in config.to_query().items() if v != default[k]}
    wanted["lang"] = lang
    current = {name: st.query_params[name] for name in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def mode_name(mode: str | None, lang: str) -> str:
    return t(f"mode.{mode}", lang) if mode else ""


def sidebar(data: Dataset) -> tuple[str, RunConfig, object]:
    """Draw the controls; return the language, the run's configuration and the playback speed."""
    problems = _seed_from_url()
    ss = st.session_state
    side = st.sidebar
    lang = (
        side.segmented_control(
            "Language",
            LANGS,
            format_func=LANG_NAMES.get,
            key=K + "lang",
            required=True,
            label_visibility="collapsed",
        )
        or DEFAULT_LANG
    )
    side.header(t("ctl.header", lang))
    framework = side.radio(
        t("ctl.framework", lang),
        FRAMEWORKS,
        format_func=lambda f: t(f"fw.{f}", lang),
        key=K + "framework",
        on_change=_on_framework,
        horizontal=False,
    )
    stage = side.radio(
        t("ctl.stage", lang), STAGES, format_func=lambda s: t(f"stage.{s}", lang), key=K + "stage"
    )
    if stage == 3:
        side.selectbox(
            t("ctl.optimizer", lang),
            OPTIMIZERS,
            format_func=lambda o: t(f"opt.{o}", lang),
            key=K + "optimizer",
        )
    modes = ("fastest", *FRAMEWORK_MODES[framework])
    if ss.get(K + "mode") not in modes:
        ss[K + "mode"] = "fastest"
    side.selectbox(
        t("ctl.mode", lang),
        modes,
        format_func=lambda m: mode_name(m, lang),
        key=K + "mode",
        help=t("ctl.mode_help", lang),
    )
    cost = EAGER_US.get(framework, {}).get(stage)
    if cost:
        epochs_now = int(ss.get(K + "epochs") or RunConfig().epochs)
        side.caption(t("ctl.eager_cost", lang, us=cost, epochs=epochs_now, seconds=cost * epochs_now / 1e6))
    side.select_slider(
        t("ctl.lr", lang),
        LR_STEPS,
        format_func=lambda v: f"{v:g}",
        key=K + "lr_slider",
        on_change=_on_lr_slider,
    )
    side.number_input(
        t("ctl.lr_exact", lang),
        min_value=LR_MIN,
        max_value=LR_MAX,
        step=1e-5,
        format="%.6g",
        key=K + "lr",
        on_change=_on_lr_exact,
    )
    side.number_input(t("ctl.epochs", lang), min_value=1, max_value=MAX_EPOCHS, step=10_000, key=K + "epochs")
    left, right = side.columns(2)
    left.number_input(t("ctl.w0", lang), min_value=-1e6, max_value=1e6, step=0.1, format="%.4f", key=K + "w0")
    right.number_input(
        t("ctl.b0", lang), min_value=-1e6, max_value=1e6, step=0.1, format="%.4f", key=K + "b0"
    )
    normalize = side.selectbox(
        t("ctl.normalize", lang), NORMALIZE, format_func=lambda n: t(f"norm.{n}", lang), key=K + "normalize"
    )
    threshold = analysis.critical_lr(Normalizer.fit(normalize, data.x).transform(data.x))
    side.caption(t("ctl.lr_threshold", lang, threshold=threshold))
    speed = side.select_slider(
        t("ctl.speed", lang),
        SPEEDS,
        key=K + "speed",
        format_func=lambda s: t("speed.max", lang) if s == "max" else t("speed.rate", lang, rate=s),
    )

    try:
        config = RunConfig(
            framework=framework,
            stage=int(stage),
            lr=float(ss[K + "lr"]),
            epochs=int(ss[K + "epochs"]),
            w0=float(ss[K + "w0"]),
            b0=float(ss[K + "b0"]),
            optimizer=ss[K + "optimizer"],
            normalize=normalize,
            mode=ss[K + "mode"],
        )
    except ConfigError as error:
        side.error(t(error.key, lang, field=error.field, **error.kwargs))
        config = RunConfig()
    for problem in problems or ss.get(K + "url_problems", []):
        st.warning(
            t("app.url_problem", lang, message=t(problem.key, lang, field=problem.field, **problem.kwargs))
        )
    ss[K + "url_problems"] = []
    side.caption(t("ctl.share", lang))
    _write_url(config, lang)
    return lang, config, speed


def model_inputs(config: RunConfig, data: Dataset) -> np.ndarray:
    return Normalizer.fit(config.normalize, data.x).transform(data.x)
