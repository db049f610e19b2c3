import os
from pathlib import Path

import pytest

from .harness import CHROMIUM, browser, server

SCREENSHOTS = Path(os.environ.get("F2C_SCREENSHOTS", Path(__file__).parent / "screenshots"))


def pytest_collection_modifyitems(config, items):
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
        for item in items:
            if "browser" in str(item.fspath):
                item.add_marker(skip)


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
