"""The sidebar: widgets and the URL's query string -> (language, RunConfig, playback speed).

Every setting is read from the address once per browser session (the command line's flag names plus
`lang`, the data preset, the split and the teacher's hide / lock / present; see f2c.core.links) and written back
whenever it changes, so a copied address reproduces the setup. A control the link hides is not drawn (its
value stays the link's); a control it locks is drawn disabled.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from f2c.core import analysis
from f2c.core.config import (
    FRAMEWORK_MODES,
    FRAMEWORKS,
    LR_MAX,
    LR_MIN,
    MAX_EPOCHS,
    NORMALIZE,
    OPTIMIZERS,
    PARAM_LIMIT,
    STAGES,
    ConfigError,
    RunConfig,
)
from f2c.core.data import Dataset
from f2c.core.i18n import DEFAULT_LANG, LANGS, t
from f2c.core.links import CONTROLS, LinkSettings, Problem, parse_link, problem_text, to_link
from f2c.core.normalize import Normalizer

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


def _seed_from_url() -> None:
    """First script run of a session: put the address's settings into the widgets' state."""
    ss = st.session_state
    if ss.get(K + "seeded"):
        return
    query = {name: st.query_params[name] for name in st.query_params}
    config, link, problems = parse_link(query)
    lang = link.lang or _browser_lang()
    ss[K + "lang"] = lang
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
    ss[K + "source"] = "preset"
    ss[K + "preset"] = link.preset
    ss[K + "val"] = link.val
    ss[K + "seed"] = link.seed
    ss[K + "present"] = link.present
    # What a hidden control keeps: its widget is never drawn, so its value cannot live in the widget's key.
    ss[K + "fixed"] = {
        **config.to_dict(),
        "lang": lang,
        "preset": link.preset,
        "val": link.val,
        "seed": link.seed,
        "speed": "max",
    }
    ss[K + "link"] = link
    ss[K + "seeded"] = True
    ss[K + "url_problems"] = problems


def link() -> LinkSettings:
    """The teacher's settings of this session (hide, lock, present), read from the address once."""
    _seed_from_url()
    return st.session_state[K + "link"]


def value(name: str) -> object:
    """A control's current value: the link's for a hidden control, else its widget's."""
    ss = st.session_state
    if link().hidden(name):
        return ss[K + "fixed"][name]
    return ss.get(K + name, ss[K + "fixed"][name])


def present() -> bool:
    return bool(st.session_state.get(K + "present"))


def _on_framework() -> None:
    ss = st.session_state
    if ss[K + "mode"] != "fastest" and ss[K + "mode"] not in FRAMEWORK_MODES[ss[K + "framework"]]:
        ss[K + "mode"] = "fastest"


def _on_lr_slider() -> None:
    st.session_state[K + "lr"] = float(st.session_state[K + "lr_slider"])


def _on_lr_exact() -> None:
    st.session_state[K + "lr_slider"] = _nearest_lr_step(float(st.session_state[K + "lr"]))


def write_url(config: RunConfig, lang: str, preset: str, custom: bool, val: float, seed: int) -> None:
    """Non-default settings, the language and the teacher's settings: a short address that reproduces the setup."""
    teacher = link()
    settings = LinkSettings(
        lang=lang,
        preset=preset,
        val=float(val),
        seed=int(seed),
        hide=teacher.hide,
        lock=teacher.lock,
        present=present(),
    )
    wanted = to_link(config, settings, custom_data=custom)
    ss = st.session_state
    first = ss.setdefault(K + "first_link", wanted)
    if wanted != first:  # the user changed something: the address's old problems are history
        ss[K + "url_problems"] = []
    current = {name: st.query_params[name] for name in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def escape(text: str) -> str:
    """Plain text for st.markdown-based elements: every ASCII punctuation mark escaped, so nothing from the
    address can become a link, an image, HTML, a colour directive or LaTeX."""
    return "".join("\\" + c if c in _PUNCTUATION else c for c in text)


_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def url_notices(lang: str) -> None:
    """The address's unusable parameters, in the user's language, each naming its parameter (shown until the
    user changes a setting)."""
    ss = st.session_state
    problems: list[Problem] = ss.get(K + "url_problems") or []
    for problem in problems:
        st.warning(escape(problem_text(problem, lang)), icon=":material/link_off:")


def language() -> str:
    """The language control (unless the link hides it), at the top of the sidebar."""
    _seed_from_url()
    if link().hidden("lang"):
        return str(value("lang"))
    return (
        st.sidebar.segmented_control(
            "Language",
            LANGS,
            format_func=LANG_NAMES.get,
            key=K + "lang",
            required=True,
            label_visibility="collapsed",
            disabled=link().locked("lang"),
        )
        or DEFAULT_LANG
    )


def mode_name(mode: str | None, lang: str) -> str:
    return t(f"mode.{mode}", lang) if mode else ""


def sidebar(data: Dataset, lang: str, side=None) -> tuple[RunConfig, object]:
    """Draw the run's controls (into `side`, the sidebar by default); return the configuration and the speed."""
    _seed_from_url()
    teacher = link()
    ss = st.session_state
    side = side if side is not None else st.sidebar

    def shown(name: str) -> bool:
        return not teacher.hidden(name)

    def locked(name: str) -> bool:
        return teacher.locked(name)

    side.header(t("ctl.header", lang))
    if any(teacher.locked(name) for name in CONTROLS):
        side.caption(t("teach.locked", lang))
    if shown("framework"):
        side.radio(
            t("ctl.framework", lang),
            FRAMEWORKS,
            format_func=lambda f: t(f"fw.{f}", lang),
            key=K + "framework",
            on_change=_on_framework,
            horizontal=False,
            disabled=locked("framework"),
        )
    framework = value("framework")
    if shown("stage"):
        side.radio(
            t("ctl.stage", lang),
            STAGES,
            format_func=lambda s: t(f"stage.{s}", lang),
            key=K + "stage",
            disabled=locked("stage"),
        )
    stage = value("stage")
    if stage == 3 and shown("optimizer"):
        side.selectbox(
            t("ctl.optimizer", lang),
            OPTIMIZERS,
            format_func=lambda o: t(f"opt.{o}", lang),
            key=K + "optimizer",
            disabled=locked("optimizer"),
        )
    modes = ("fastest", *FRAMEWORK_MODES[framework])
    if shown("mode"):
        if ss.get(K + "mode") not in modes:
            ss[K + "mode"] = "fastest"
        side.selectbox(
            t("ctl.mode", lang),
            modes,
            format_func=lambda m: mode_name(m, lang),
            key=K + "mode",
            help=t("ctl.mode_help", lang),
            disabled=locked("mode"),
        )
    mode = value("mode")
    if mode not in modes:
        mode = "fastest"
    cost = EAGER_US.get(framework, {}).get(stage)
    if cost:
        epochs_now = int(value("epochs") or RunConfig().epochs)
        side.caption(t("ctl.eager_cost", lang, us=cost, epochs=epochs_now, seconds=cost * epochs_now / 1e6))
    if shown("lr"):
        side.select_slider(
            t("ctl.lr", lang),
            LR_STEPS,
            format_func=lambda v: f"{v:g}",
            key=K + "lr_slider",
            on_change=_on_lr_slider,
            disabled=locked("lr"),
        )
        side.number_input(
            t("ctl.lr_exact", lang),
            min_value=LR_MIN,
            max_value=LR_MAX,
            step=1e-5,
            format="%.6g",
            key=K + "lr",
            on_change=_on_lr_exact,
            disabled=locked("lr"),
        )
    if shown("epochs"):
        side.number_input(
            t("ctl.epochs", lang),
            min_value=1,
            max_value=MAX_EPOCHS,
            step=10_000,
            key=K + "epochs",
            disabled=locked("epochs"),
        )
    if shown("w0") or shown("b0"):
        for name, column in zip(("w0", "b0"), side.columns(2)):
            if shown(name):
                column.number_input(
                    t(f"ctl.{name}", lang),
                    min_value=-PARAM_LIMIT,
                    max_value=PARAM_LIMIT,
                    step=0.1,
                    format="%.4f",
                    key=K + name,
                    disabled=locked(name),
                )
    if shown("normalize"):
        side.selectbox(
            t("ctl.normalize", lang),
            NORMALIZE,
            format_func=lambda n: t(f"norm.{n}", lang),
            key=K + "normalize",
            disabled=locked("normalize"),
        )
    normalize = value("normalize")
    threshold = analysis.critical_lr(Normalizer.fit(normalize, data.x).transform(data.x))
    side.caption(t("ctl.lr_threshold", lang, threshold=threshold))
    from f2c.ui import inside  # the learning rate's zone: converge / oscillate / diverge (issue 4)

    inside.lr_zone(side, float(value("lr")), normalize, data, lang)
    if shown("speed"):
        side.select_slider(
            t("ctl.speed", lang),
            SPEEDS,
            key=K + "speed",
            format_func=lambda s: t("speed.max", lang) if s == "max" else t("speed.rate", lang, rate=s),
            disabled=locked("speed"),
        )
    speed = value("speed")

    try:
        config = RunConfig(
            framework=framework,
            stage=int(stage),
            lr=float(value("lr")),
            epochs=int(value("epochs")),
            w0=float(value("w0")),
            b0=float(value("b0")),
            optimizer=value("optimizer"),
            normalize=normalize,
            mode=mode,
        )
    except ConfigError as error:
        side.error(t(error.key, lang, field=error.field, **error.kwargs))
        config = RunConfig()
    side.toggle(t("teach.present", lang), key=K + "present", help=t("teach.present_help", lang))
    side.caption(t("ctl.share", lang))
    return config, speed


def model_inputs(config: RunConfig, data: Dataset) -> np.ndarray:
    return Normalizer.fit(config.normalize, data.x).transform(data.x)
