"""The live player beside earlier runs of the session, and in Streamlit's dark theme."""

from __future__ import annotations

import time

from .harness import browser, readout, server, wait_ready, wait_status

DONE = ("Finished", "Diverged")
DARK = ("--theme.base", "dark", "--theme.backgroundColor", "#0E1117", "--theme.textColor", "#FAFAFA")
NAMES = "(sel) => [...document.querySelector(sel).data].map((t) => [t.name, t.line && t.line.dash])"


def run(page) -> None:
    page.locator(".st-key-f2c_btn_run button").click()
    wait_status(page, DONE, timeout=300)


def test_earlier_runs_stay_as_named_dashed_lines_until_cleared(app_url, page, shots):
    page.goto(f"{app_url}/?lang=en&framework=numpy&epochs=3000")
    wait_ready(page)
    run(page)
    page.get_by_text("TensorFlow", exact=True).first.click()
    time.sleep(2)
    run(page)
    earlier = "lr 1e-4 · NumPy stage 1"
    for chart in (".f2c-fit", ".f2c-loss"):
        page.wait_for_function(
            f"() => [...document.querySelector('{chart}').data].some((t) => t.name === '{earlier}')",
            timeout=30_000,
        )
        assert [earlier, "dot"] in page.evaluate(NAMES, chart)  # a line style, not colour alone
    page.locator('[data-testid="f2c-live"]').screenshot(path=str(shots / "player_runs_side_by_side.png"))
    page.locator('[data-testid="f2c-live"] button', has_text="Clear earlier runs").click()
    page.wait_for_function(
        f"() => ![...document.querySelector('.f2c-loss').data].some((t) => t.name === '{earlier}')",
        timeout=30_000,
    )
    assert not page.locator('[data-testid="f2c-live"] button', has_text="Clear earlier runs").is_visible()
    assert readout(page)[0] == "3,000"


def test_the_player_follows_the_dark_theme(shots):
    with server(args=DARK) as (url, _), browser(1400, 1000) as page:
        # The config has a light and a dark theme; Streamlit picks by the system's preference.
        page.emulate_media(color_scheme="dark")
        page.goto(f"{url}/?lang=en&epochs=3000")
        wait_ready(page)
        run(page)
        page.wait_for_function("() => window.__f2cLive && window.__f2cLive.ended", timeout=60_000)
        assert page.evaluate("window.__f2cPlayer.themeNow") == "dark"
        fonts = page.evaluate(
            "[...document.querySelectorAll('.f2c-fit, .f2c-loss')].map((d) => d.layout.font.color)"
        )
        assert fonts == ["#FAFAFA", "#FAFAFA"]
        page.locator('[data-testid="f2c-live"]').screenshot(path=str(shots / "player_dark.png"))
