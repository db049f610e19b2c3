"""The layout after a finished run, from a phone to a projector, in Chinese and English.

At each size: nothing the student reads is cut off (readouts, buttons, table cells, titles), no chart's
title, legend, axis titles or play controls lie over one another, the title is not under Streamlit's
header, the player does not move as the status changes during a run, and on a phone the sidebar starts
closed, Run can be tapped on load and the page stacks in one column. Each size's page is saved whole under
tests/browser/screenshots/ (layout_*.png) to be looked at.
"""

from __future__ import annotations

import pytest

from .harness import browser, click, wait_played, wait_ready, wait_status
from .layout_checks import (
    CHART_OVERLAP_JS,
    CHARTS_STACKED_JS,
    CLIPPED_JS,
    NO_SIDEWAYS_JS,
    RUN_TAPPABLE_JS,
    TITLE_COVERED_JS,
    problems,
)

SIZES = [
    pytest.param(1280, 800, False, id="1280x800"),
    pytest.param(1400, 1000, False, id="1400x1000"),
    pytest.param(1280, 800, True, id="1280x800-present"),
    pytest.param(1920, 1080, True, id="1920x1080-present"),
    pytest.param(390, 844, False, id="390x844-phone"),
]
RUN = {"zh": "运行", "en": "Run"}
DONE = ("Finished", "完成")
PHONE = 640  # Streamlit stacks st.columns below this width
# A closed sidebar stays in the page at zero width, off the screen's left edge.
SIDEBAR_OPEN_JS = """
() => { const r = document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect();
        return r.width > 50 && r.right > 0; }
"""


# Where the live player's top edge is on every animation frame from here on (the status beside the buttons
# changes as a run goes: a status that wraps to more lines than the buttons' height moved the player).
PLAYER_TOPS_JS = """
() => {
  const tops = window.__f2cTops = new Set();
  const look = () => {
    const root = document.querySelector('[data-testid="f2c-live"]');
    if (root) tops.add(Math.round(root.getBoundingClientRect().top));
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
"""


def whole_page_shot(page, path) -> None:
    """The page scrolls inside Streamlit's main element, not the document: grow the window to all of it."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


@pytest.mark.parametrize(("width", "height", "present"), SIZES)
def test_layout_after_a_finished_run(app_url, shots, width, height, present):
    found = {}
    with browser(width, height, locale="en-US") as page:
        for lang in ("zh", "en"):
            page.goto(f"{app_url}/?lang={lang}&epochs=3000{'&present=1' if present else ''}")
            wait_ready(page)
            on_load = problems(page, [TITLE_COVERED_JS])
            if width < PHONE:
                on_load += problems(page, [RUN_TAPPABLE_JS])
                if page.evaluate(SIDEBAR_OPEN_JS):
                    on_load.append("the sidebar is open on load")
            if on_load:  # a covered Run cannot be clicked: say why instead of timing out on the click
                found[lang] = on_load
                continue
            page.evaluate(PLAYER_TOPS_JS)
            click(page, RUN[lang])
            wait_status(page, DONE, timeout=180)
            wait_played(page, timeout=240)  # once, under a load of 10 on 2 cores, 120 s ran out
            page.wait_for_timeout(1000)  # the last rerun's layout settles
            after = problems(page, [CLIPPED_JS, CHART_OVERLAP_JS])
            tops = page.evaluate("[...window.__f2cTops]")
            if max(tops) - min(tops) > 1:
                after.append(f"the live player moved during the run: its top at {sorted(tops)} px")
            if width < PHONE:
                after += problems(page, [NO_SIDEWAYS_JS])
                if not page.evaluate(CHARTS_STACKED_JS):
                    after.append("the live player's two charts are side by side")
            found[lang] = on_load + after
            tag = f"{width}x{height}{'_present' if present else ''}_{lang}"
            page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
            page.screenshot(path=str(shots / f"layout_{tag}_screen.png"))
            whole_page_shot(page, shots / f"layout_{tag}_page.png")
    assert found == {"zh": [], "en": []}
