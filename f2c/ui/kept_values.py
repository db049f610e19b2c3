"""A widget's own default set to the session's value, so that a browser never shows another one.

The app puts a control's value in its session-state key (the link's settings, a callback's change) and
draws the widget without a value of its own. Streamlit sends that value to the browser only in the script
run where it changed; later runs carry the widget's default (the first option, 0.0). A page loaded on a
busy server can render a later run before the first one: the widget then shows its default, and the next
click sends that default back as the user's choice. Measured with three busy processes on the 2 cores: 3
of 4 runs of the torch browser test ran with lr 1e-06, w0 0, b0 0 and showed w 0.2490 at epoch 330,000 (not
0.5358); after this, 6 of 6 page loads under the same load ran the link's settings. With its default equal
to the session's value, whatever run the browser renders shows the session's value.
"""

from __future__ import annotations

import streamlit as st

_VALUE = {"number_input", "select_slider", "slider", "toggle", "checkbox"}
_INDEX = {"selectbox", "radio"}


def default_of(widget: str, key: str, options=None) -> dict:
    """Keyword arguments giving `widget` (a Streamlit command's name) the value held under `key`."""
    if key not in st.session_state:
        return {}
    current = st.session_state[key]
    if widget in _INDEX:
        choices = list(options)
        return {"index": choices.index(current)} if current in choices else {}
    if widget == "segmented_control":
        return {"default": current}
    if widget in _VALUE:
        if options is not None and current not in list(options):
            return {}
        return {"value": current}
    return {}
