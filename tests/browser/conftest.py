import os
from pathlib import Path

import pytest

from .harness import CHROMIUM, browser, server

SCREENSHOTS = Path(os.environ.get("F2C_SCREENSHOTS", Path(__file__).parent / "screenshots"))


def pytest_sessionstart(session):
    # Browser tests never skip themselves into green: without Chromium they fail, saying how to install it.
    if not Path(CHROMIUM).exists():
        raise pytest.UsageError(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (see README)")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with server(log=log) as (url, _):
        yield url


@pytest.fixture
def page():
    with browser() as p:
        yield p


@pytest.fixture(scope="session")
def shots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
