"""The Streamlit app. Streamlit is imported only here (and in app.py), never below."""

from __future__ import annotations

import streamlit as st

from f2c.data import article
from f2c.i18n import LANGS, t
from f2c.ui import controls, panels, player, state
from f2c.ui.replay_panel import replay_panel


def _page_lang() -> str:
    lang = st.session_state.get("f2c_lang") or st.query_params.get("lang", "")
    return lang if lang in LANGS else controls._browser_lang()


def main() -> None:
    st.set_page_config(
        page_title=t("app.page_title", _page_lang()),
        page_icon="📉",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    data = article()
    lang, config, speed = controls.sidebar(data)
    p = state.player(config)
    p.frames = 0

    st.title(t("app.title", lang))
    st.caption(t("app.subtitle", lang))
    if p.status == "step":
        player.do_step(p, lang)
    player.buttons(p, lang)
    view = player.layout()
    scrub = st.container()
    st.divider()
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
    replay_panel(p, lang)
