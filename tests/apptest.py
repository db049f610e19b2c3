"""The app under Streamlit's AppTest, opened at a URL query: shared by the app-wiring test modules."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def app(timeout: float = 180, **query: str) -> AppTest:
    """The app after its first run at ?lang=en&<query>, which must raise nothing."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params.update({"lang": "en", **query})
    at.run()
    assert not at.exception, at.exception
    return at
