"""The replay panel: once a run is computed, play it back and scrub it in the browser (f2c/render/replay.py).

Shown only when the player holds epochs and is not computing (finished, diverged or paused), and built only
while its panel is open. The figure is built once per (run, epochs done, language) and kept in the session,
so reruns (e.g. the scrubber) do not rebuild it; playing it back costs the server nothing.
"""

from __future__ import annotations

import streamlit as st

from f2c.core.i18n import t
from f2c.render.replay import replay_figure
from f2c.ui.state import DIVERGED, DONE, PAUSED, K, Player, chart

CACHE = K + "replay_figure"
OPEN_KEY = K + "replay_open"


def replay_panel(p: Player, lang: str) -> None:
    run = p.run
    if run is None or p.status not in (DONE, DIVERGED, PAUSED) or p.epochs_done < 2:
        return
    # Lazy: the figure (100 frames) is built and sent only while the panel is open.
    panel = st.expander(
        t("replay.header", lang),
        expanded=False,
        icon=":material/slow_motion_video:",
        key=OPEN_KEY,
        on_change="rerun",
    )
    if not panel.open:
        return
    key = (id(run), p.epochs_done, run.finished, lang)
    cached = st.session_state.get(CACHE)
    if cached is None or cached[0] != key:
        cached = (key, replay_figure(run, lang))
        st.session_state[CACHE] = cached
    with panel:
        st.caption(t("replay.caption", lang))
        chart(cached[1], width="stretch", key=K + "replay_chart")
