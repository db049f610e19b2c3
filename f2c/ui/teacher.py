"""Teacher mode: the presentation layout for a projector (large type, fewer panels).

Hiding and locking controls is done where the controls are drawn (f2c/ui/controls.py, data_panel.py), from
the link's `hide` and `lock` parameters (f2c/core/links.py). The style below is a fixed string: nothing from the
address or from a user ever goes into it.
"""

from __future__ import annotations

import streamlit as st

from f2c.ui.state import K

PRESENT_CSS = """
<style>
  html, body, [data-testid="stAppViewContainer"] { font-size: 24px; }
  /* Streamlit's header is 3.75rem high, and a rem is 24px here: a smaller top padding put the title's
     first line under it. */
  [data-testid="stMainBlockContainer"] { padding-top: 4.5rem; max-width: 100%; }
  [data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] { font-size: 1.15rem; }
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 2.6rem !important; }
  [data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
  h1 { font-size: 2.4rem !important; }
  [data-testid="stCode"] code { font-size: 1.1rem; }
  /* The status beside the buttons wraps to two lines in a narrow column ("Computed; replaying…" at
     1280 px): at 1.15rem they were 69 px, taller than the buttons' 60, and the player moved 9 px. */
  .st-key-f2c_status p { font-size: 1rem; line-height: 1.2; }
</style>
"""


def page_present() -> bool:
    """Before the controls exist (set_page_config): the presentation layout from the session or the address."""
    if K + "present" in st.session_state:
        return bool(st.session_state[K + "present"])
    return str(st.query_params.get("present", "")).strip().lower() in ("1", "true", "yes", "on")


def style(present: bool) -> None:
    if present:
        st.html(PRESENT_CSS)
