"""The Streamlit app. Streamlit is imported only here (and in app.py), never below."""

from __future__ import annotations

import sys

import streamlit as st
from streamlit.runtime.scriptrunner import script_runner

from f2c.core.i18n import LANGS, t
from f2c.runtime import warmup
from f2c.ui import (
    controls,
    data_panel,
    export_panel,
    guide,
    inside,
    page_style,
    panels,
    player,
    settings,
    state,
    teacher,
    timing,
)
from f2c.ui.replay_panel import replay_panel


def _clean_problem_modules_but_keras() -> None:
    """Streamlit's clean-up after every script run, without keras.backend.clear_session().

    Streamlit clears Keras once it is imported (our TensorFlow lesson imports it for its loss and stage 3's
    optimizers). clear_session empties TensorFlow's eager kernel cache and runs a full gc.collect(), in
    every session's thread after every rerun: with twenty sessions on TensorFlow it held the server for
    seconds (py-spy), and a lesson's run in one session lost the cache another session's rerun cleared.
    The app builds no Keras models, so there is no Keras state to clear between runs. What is left of
    Streamlit's version is closing pyplot figures (this app draws none).
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


if hasattr(script_runner, "_clean_problem_modules"):  # a private name: if Streamlit renames it, a test fails
    script_runner._clean_problem_modules = _clean_problem_modules_but_keras


def _page_lang() -> str:
    lang = st.session_state.get(state.K + "lang") or st.query_params.get("lang", "")
    return lang if lang in LANGS else settings.browser_lang()


def main() -> None:
    warmup.start_once()  # once per server process: torch and TensorFlow compile the default stages meanwhile
    st.set_page_config(
        page_title=t("app.page_title", _page_lang()),
        page_icon="📉",
        layout="wide",
        initial_sidebar_state="collapsed" if teacher.page_present() else "auto",  # auto: closed on a phone
    )
    lang = settings.language()
    page_style.apply(state.theme())
    if guide.requested():  # ?guide=1: the guided path instead of the playground
        guide.page(lang)
        return
    settings_box = st.sidebar.container()  # the run's controls above the data's
    st.title(t("app.title", lang))
    # Says how many points, once the data is chosen below. A container, not st.empty(): at every rerun an
    # empty placeholder is sent first and blanks the caption until it is written, so for a few frames the
    # whole page below moved up by its height (68 px at 1280x800, during a run and at its end).
    subtitle = st.container()
    guide.entry(lang)
    settings.url_notices(lang)
    table_area = st.container()
    choice = data_panel.choose(lang, table_area)
    with subtitle:
        st.caption(t("app.subtitle", lang, n=len(choice.everything)))
    config, speed = controls.sidebar(choice.data, lang, settings_box)
    present = settings.present()
    teacher.style(present)
    settings.write_url(
        config, lang, choice.preset, choice.custom, settings.value("val"), settings.value("seed")
    )
    p = state.player(config, choice.data, choice.validation)
    p.frames = 0

    if p.status == "step":
        player.do_step(p, lang)
    player.buttons(p, lang)
    view = player.layout()
    scrub = st.container()
    st.divider()
    if present:  # the projector: the player and the code that runs, nothing else
        panels.code_panel(p, lang)
    else:
        left, right = st.columns([1.1, 1])
        with left:
            panels.step_cells(p, lang)
        with right:
            panels.code_panel(p, lang)
    if p.status == state.RUNNING:
        player.play(p, view, lang, speed)
        if p.status != state.RUNNING:
            st.rerun()  # redraw buttons, scrubber and messages for the new status
    else:
        player.draw(p, view, lang)
    player.messages(p, view, lang)
    with scrub:
        player.scrubber(p, lang)
    if (
        not present
    ):  # a projector shows the lesson; exports and the deeper panels stay on the students' screens
        export_panel.show(p, lang)
        replay_panel(p, lang)
        inside.panels(p, lang)
    timing.page_sent(p)
