"""The live player's Streamlit component (components v2): our JavaScript in the page, Plotly.js beside it.

player.js and player.css are given to st.components.v2.component inline (a few kB, sent once per page).
Plotly.js (4.6 MB) is served by the app itself, never inlined and never fetched from a CDN: it is the
component's asset directory, the `plotly` package's own package_data folder, so the browser loads
/_stcore/bidi-components/f2c.live_player/plotly.min.js once and caches it. Components v2 finds an
asset directory through the manifest of an installed package; the app runs from a checkout, so it
registers the same manifest with the runtime's component manager itself (and again for each AppTest
runtime, which has its own manager).
"""

from __future__ import annotations

from pathlib import Path

import plotly
import streamlit as st
from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager
from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest

HERE = Path(__file__).parent
PACKAGE, COMPONENT = "f2c", "live_player"
NAME = f"{PACKAGE}.{COMPONENT}"
PLOTLY_ROOT = Path(plotly.__file__).parent
PLOTLY_DIR = "package_data"
PLOTLY_FILE = "plotly.min.js"

# The player's JavaScript in a few files, joined into one module here (components v2 takes one): the number
# formats, the overlay that moves on every frame (and the themes' colours), the player itself.
JS_FILES = ("format.js", "overlay.js", "player.js")

_mount = st.components.v2.component(
    NAME,
    css=(HERE / "player.css").read_text(encoding="utf-8"),
    js="\n".join((HERE / name).read_text(encoding="utf-8") for name in JS_FILES),
    isolate_styles=False,  # Plotly puts its own styles in the page's head: a shadow root would hide them
)


def _serve_plotly() -> None:
    manager = get_bidi_component_manager()
    if manager.get_component_path(NAME) is None:
        manifest = ComponentManifest(
            name=PACKAGE,
            version=plotly.__version__,
            components=[ComponentConfig(name=COMPONENT, asset_dir=PLOTLY_DIR)],
        )
        manager.register_from_manifest(manifest, PLOTLY_ROOT)


def plotly_url() -> str:
    """Where the page loads Plotly.js from, relative to the page (so a server.baseUrlPath works too)."""
    return f"_stcore/bidi-components/{NAME}/{PLOTLY_FILE}"


def live_player(data: dict, key: str, on_change=None):
    """Mount (or update) the player; what it reports back (the epoch on screen) is in the result."""
    _serve_plotly()
    callbacks = {}
    if on_change is not None:
        # the epoch on screen, rows it lost, the run it played to the end, its Clear button
        callbacks = {f"on_{name}_change": on_change for name in ("cursor", "have", "played", "clear")}
    return _mount(data=data, key=key, width="stretch", **callbacks)
