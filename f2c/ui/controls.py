"""The sidebar: one table of controls -> (RunConfig, playback speed).

Each row of CONTROLS draws one widget; what the address hides is not drawn and what it locks is drawn
disabled (f2c.ui.settings). Beside the learning rate: its zone (converge / oscillate / diverge).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from f2c.core.config import (
    FRAMEWORK_MODES,
    FRAMEWORKS,
    NORMALIZE,
    OPTIMIZERS,
    STAGES,
    ConfigError,
    RunConfig,
)
from f2c.core.data import Dataset
from f2c.core.i18n import t
from f2c.core.links import CONTROLS as LINKED
from f2c.render.inside_charts import zone
from f2c.ui.kept_values import default_of
from f2c.ui.settings import link, value
from f2c.ui.state import LR_STEPS, K, mode_name, nearest_lr_step, setup

SPEEDS = ("max", 100_000, 10_000, 1_000, 100, 10)

# The article's eager loops, microseconds per epoch on a 2-core CPU (REFERENCE.md).
EAGER_US = {
    "torch": {1: 49, 2: 93, 3: 181},
    "tensorflow": {1: 665, 2: 1827, 3: 2845},
}


def _on_framework() -> None:
    ss = st.session_state
    if ss[K + "mode"] != "fastest" and ss[K + "mode"] not in FRAMEWORK_MODES[ss[K + "framework"]]:
        ss[K + "mode"] = "fastest"


def _on_lr_slider() -> None:
    st.session_state[K + "lr"] = float(st.session_state[K + "lr_slider"])


def _on_lr_exact() -> None:
    st.session_state[K + "lr_slider"] = nearest_lr_step(float(st.session_state[K + "lr"]))


def _modes(chosen: dict) -> tuple[str, ...]:
    return ("fastest", *FRAMEWORK_MODES[chosen["framework"]])


def _speed_name(speed: object, lang: str) -> str:
    return t("speed.max", lang) if speed == "max" else t("speed.rate", lang, rate=speed)


@dataclass(frozen=True)
class Control:
    """One widget of the sidebar, bound to the setting `name` (the link's and RunConfig's name)."""

    name: str
    widget: str  # the Streamlit method that draws it
    label: str  # its i18n key
    options: Callable[[dict], tuple] | None = None  # given the settings chosen above it
    shows: Callable[[object, str], str] | None = None  # an option's text in a language
    suffix: str = ""  # the widget key's suffix, when two widgets set one value
    on_change: Callable[[], None] | None = None
    when: Callable[[dict], bool] = lambda chosen: True
    paired: bool = False  # drawn in two columns with the next paired control
    args: dict = field(default_factory=dict)


CONTROLS = (
    Control(
        "framework",
        "radio",
        "ctl.framework",
        lambda c: FRAMEWORKS,
        lambda f, lang: t(f"fw.{f}", lang),
        on_change=_on_framework,
    ),
    Control("stage", "radio", "ctl.stage", lambda c: STAGES, lambda s, lang: t(f"stage.{s}", lang)),
    Control(
        "optimizer",
        "selectbox",
        "ctl.optimizer",
        lambda c: OPTIMIZERS,
        lambda o, lang: t(f"opt.{o}", lang),
        when=lambda c: c["stage"] == 3,
    ),
    Control("mode", "selectbox", "ctl.mode", _modes, mode_name, args={"help": "ctl.mode_help"}),
    Control(
        "lr",
        "select_slider",
        "ctl.lr",
        lambda c: LR_STEPS,
        lambda v, lang: f"{v:g}",
        suffix="_slider",
        on_change=_on_lr_slider,
    ),
    Control(
        "lr",
        "number_input",
        "ctl.lr_exact",
        on_change=_on_lr_exact,
        args={"step": 1e-5, "format": "%.6g"},
    ),
    Control("epochs", "number_input", "ctl.epochs", args={"step": 10_000}),
    *(
        Control(
            name,
            "number_input",
            f"ctl.{name}",
            paired=True,
            args={"step": 0.1, "format": "%.4f"},
        )
        for name in ("w0", "b0")
    ),
    Control(
        "normalize", "selectbox", "ctl.normalize", lambda c: NORMALIZE, lambda n, lang: t(f"norm.{n}", lang)
    ),
    Control("speed", "select_slider", "ctl.speed", lambda c: SPEEDS, _speed_name),
)


def _draw(control: Control, where, chosen: dict, lang: str) -> None:
    kwargs = {"key": K + control.name + control.suffix, "disabled": link().locked(control.name)}
    kwargs.update((k, t(v, lang) if k == "help" else v) for k, v in control.args.items())
    if control.on_change is not None:
        kwargs["on_change"] = control.on_change
    if control.options is None:
        kwargs.update(default_of(control.widget, kwargs["key"]))
        getattr(where, control.widget)(t(control.label, lang), **kwargs)
        return
    options = control.options(chosen)
    if control.name == "mode" and st.session_state.get(kwargs["key"]) not in options:
        st.session_state[kwargs["key"]] = "fastest"
    kwargs.update(default_of(control.widget, kwargs["key"], options))
    getattr(where, control.widget)(
        t(control.label, lang), options, format_func=lambda o: control.shows(o, lang), **kwargs
    )


def _after(name: str, side, chosen: dict, data: Dataset, lang: str) -> None:
    """What the sidebar says below a control, whether the control is shown or hidden by the link."""
    if name == "mode":
        cost = EAGER_US.get(chosen["framework"], {}).get(chosen["stage"])
        if cost:
            epochs_now = int(value("epochs") or RunConfig().epochs)
            side.caption(
                t("ctl.eager_cost", lang, us=cost, epochs=epochs_now, seconds=cost * epochs_now / 1e6)
            )
    elif name == "normalize":
        stability = setup(chosen["normalize"], data).stability
        side.caption(t("ctl.lr_threshold", lang, threshold=stability.critical_lr))
        lr_zone(side, float(value("lr")), stability, lang)


def lr_zone(side, lr: float, stability, lang: str) -> None:
    """Beside the learning-rate control: which zone the chosen learning rate is in (pure NumPy, cheap)."""
    which = zone(lr, stability)
    text = t(f"in.zone_caption.{which}", lang, ratio=lr / stability.critical_lr, best=stability.best_lr)
    side.caption({"converge": ":green[●] ", "oscillate": ":orange[●] ", "diverge": ":red[●] "}[which] + text)


def sidebar(data: Dataset, lang: str, side=None) -> tuple[RunConfig, object]:
    """Draw the run's controls (into `side`, the sidebar by default); return the configuration and the speed."""
    teacher = link()
    side = side if side is not None else st.sidebar
    side.header(t("ctl.header", lang))
    if any(teacher.locked(name) for name in LINKED):
        side.caption(t("teach.locked", lang))
    chosen: dict = {}
    columns: list = []
    for control in CONTROLS:
        if not teacher.hidden(control.name) and control.when(chosen):
            if control.paired and not columns:
                columns = list(side.columns(2))
            _draw(control, columns.pop(0) if control.paired else side, chosen, lang)
        chosen[control.name] = value(control.name)
        if control.name == "mode" and chosen["mode"] not in _modes(chosen):
            chosen["mode"] = "fastest"
        _after(control.name, side, chosen, data, lang)
    config = _config(chosen, side, lang)
    kept = default_of("toggle", K + "present")
    side.toggle(t("teach.present", lang), key=K + "present", help=t("teach.present_help", lang), **kept)
    side.caption(t("ctl.share", lang))
    return config, chosen["speed"]


def _config(chosen: dict, side, lang: str) -> RunConfig:
    """The chosen settings as a RunConfig; a refused value is named in view and only it falls back.

    The number boxes have no bounds of their own: with bounds, Streamlit's box refused a typed 50 silently
    (the reason only on hover, "Press Enter to apply" still shown). RunConfig refuses it here, in words. Their ranges live in one place, RunConfig.
    """
    fields = {
        "framework": chosen["framework"],
        "stage": int(chosen["stage"]),
        "lr": float(chosen["lr"]),
        "epochs": int(chosen["epochs"]),
        "w0": float(chosen["w0"]),
        "b0": float(chosen["b0"]),
        "optimizer": chosen["optimizer"],
        "normalize": chosen["normalize"],
        "mode": chosen["mode"],
    }
    for _ in range(len(fields)):
        try:
            return RunConfig(**fields)
        except ConfigError as error:
            side.error(t(error.key, lang, field=t(f"ctl.{error.field}", lang), **error.kwargs))
            side.caption(t("ctl.refused_default", lang, value=getattr(RunConfig(), error.field)))
            fields.pop(error.field, None)
    return RunConfig()
