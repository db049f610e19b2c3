"""The server-drawn charts in Chromium, at the narrowest laptop width: the replay and every see-inside chart.

No chart's title, legend, axis titles or play controls lie over one another and no readout or title is
cut (in Chinese, light theme; in English, dark theme), and in the dark theme their text is light on the
dark page. Screenshots of each
are saved under tests/browser/screenshots/ (panel_*.png).
"""

from __future__ import annotations

import pytest

from .harness import browser, click, wait_played, wait_ready, wait_status
from .layout_checks import CHART_OVERLAP_JS, CLIPPED_JS
from .test_inside_browser import VIEW_LABELS, pick, wait_idle

REPLAY = {"zh": "回放:在浏览器里重播这次训练", "en": "Replay: play this run back in your browser"}
RUN = {"zh": "运行", "en": "Run"}
CHART_VIEWS = ("landscape", "stability", "chain", "sweep", "breakit")

# The text colours of the server's charts (st.plotly_chart, not the live player) that are too close to
# the page's background: WCAG's 4.5:1 for text.
DARK_TEXT_JS = """
(page) => {
  const lum = (rgb) => {
    const c = rgb.map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const bg = lum(page);
  const bad = [];
  for (const text of document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg text')) {
    if (!text.textContent.trim()) continue;
    const fill = getComputedStyle(text).fill.match(/[\\d.]+/g);
    const cs = getComputedStyle(text);
    if (!fill || (fill.length > 3 && +fill[3] === 0) || +cs.fillOpacity === 0 || +cs.opacity === 0) continue;
    const l = lum(fill.slice(0, 3).map(Number));
    const ratio = (Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05);
    if (ratio < 4.5) bad.push(`"${text.textContent.slice(0, 30)}" ${getComputedStyle(text).fill} ${ratio.toFixed(1)}:1`);
  }
  return [...new Set(bad)];
}
"""


def charts_drawn(page, at_least: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot .main-svg').length >= {at_least}",
        timeout=120_000,
    )
    wait_idle(page)
    page.wait_for_timeout(1500)  # Plotly lays out the legend and titles after the first draw


@pytest.mark.parametrize(("lang", "scheme"), [("zh", "light"), ("en", "dark")])
def test_panel_charts_do_not_overlap_and_follow_the_theme(app_url, shots, lang, scheme):
    found = []
    with browser(1280, 800, locale="en-US", color_scheme=scheme) as page:
        page.goto(f"{app_url}/?lang={lang}&epochs=3000")
        wait_ready(page)
        click(page, RUN[lang])
        wait_status(page, ("Finished", "完成"), timeout=180)
        wait_played(page)
        page.get_by_text(REPLAY[lang]).first.click()
        charts_drawn(page, 1)
        for view in CHART_VIEWS:
            pick(page, VIEW_LABELS[lang][view])
            page.wait_for_timeout(500)
            charts_drawn(page, 2)  # the replay's and the view's
            found += [f"{view}: {p}" for p in page.evaluate(CHART_OVERLAP_JS) + page.evaluate(CLIPPED_JS)]
            if scheme == "dark":
                found += [f"{view}: {p}" for p in page.evaluate(DARK_TEXT_JS, [15, 23, 42])]
            page.locator(".st-key-f2c_inside_view").evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(shots / f"panel_{view}_{lang}_{scheme}.png"))
        page.locator('[data-testid="stExpander"]').filter(has_text=REPLAY[lang]).evaluate(
            "e => e.scrollIntoView({block: 'start'})"
        )
        page.wait_for_timeout(300)
        page.screenshot(path=str(shots / f"panel_replay_{lang}_{scheme}.png"))
    assert not found, "\n".join(dict.fromkeys(found))
