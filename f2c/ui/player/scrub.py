"""The epoch scrubber under the player, after a run: the page's cursor, which the browser's player follows."""

from __future__ import annotations

import streamlit as st

from f2c.core.i18n import t
from f2c.ui.kept_values import default_of
from f2c.ui.state import RUNNING, K, Player, current_player

SEEK = K + "live_seek"  # counts the page's requests that the browser show the server's cursor


def _on_scrub() -> None:
    p = current_player()
    if p.status == RUNNING:
        # The scrubber is not drawn while a run computes: this value is from a page drawn before the Run
        # (a busy browser sends it late) and must not pause the new run (CI: "Run again", then Paused).
        return
    p.cursor = int(st.session_state[K + "scrub"])
    st.session_state[SEEK] = st.session_state.get(SEEK, 0) + 1  # the browser's player follows


def scrubber(p: Player, lang: str) -> None:
    n = p.epochs_done
    if p.status == RUNNING or n < 2:
        return
    cursor = min(max(p.cursor, 1), n)
    st.session_state[K + "scrub"] = cursor
    kept = default_of("slider", K + "scrub")  # a browser that renders a later run still shows the cursor
    st.slider(t("player.scrubber", lang), 1, n, key=K + "scrub", on_change=_on_scrub, **kept)
