"""What a student sees: the app under `streamlit run`, driven in Debian's Chromium with Playwright."""

from __future__ import annotations

import time

import pytest

from .harness import PROBE_JS, click, readout, status, wait_played, wait_ready, wait_status

DONE = ("Finished", "完成")
DIVERGED = ("Diverged", "已发散")


def wait_script_done(page) -> None:
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.match(/Running|运行/)",
        timeout=60_000,
    )
    time.sleep(1)


def exceptions(page) -> int:
    return len(page.query_selector_all('[data-testid="stException"]'))


@pytest.mark.parametrize("framework", ["numpy", "torch", "tensorflow", "jax"])
def test_default_run_reaches_the_articles_parameters_live(app_url, page, shots, framework):
    page.goto(f"{app_url}/?lang=en&framework={framework}")
    wait_ready(page)
    page.evaluate(PROBE_JS)
    click(page, "Run")
    time.sleep(2.5)
    page.screenshot(path=str(shots / f"running_{framework}_en.png"))
    wait_status(page, DONE, timeout=600)
    page.wait_for_function("document.body.innerText.includes('Finished 330,000')", timeout=60_000)
    wait_played(page)
    epoch, w, b = readout(page)[:3]
    assert (epoch, w, b) == ("330,000", "0.5358", "-17.2503")
    probe = page.evaluate("window.__f2c")
    # Drawn by the browser: Plotly charts in the live player, never a Vega-Lite chart, and the same two
    # Plotly charts all along (not rebuilt per update).
    assert page.query_selector('[data-testid="f2c-live"] .js-plotly-plot')
    assert probe["vegaNodeCount"] == 0 and not page.query_selector(".vega-embed")
    assert page.query_selector_all('[data-testid="f2c-live"] .js-plotly-plot').__len__() == 2
    times = probe["times"]
    # Animation frames whose drawn epoch changed (speed itself is measured by bench/bench_ui.py): the story
    # plays the first epochs one by one and every run, even TensorFlow's 0.02 s one, animates.
    assert len(times) >= 100, len(times)
    assert probe["epochs"][:4] == [0, 1, 2, 3] or probe["epochs"][1:4] == [1, 2, 3], probe["epochs"][:8]
    fps = (len(times) - 1) / ((times[-1] - times[0]) / 1000)
    print(f"{framework}: {len(times)} frames, {fps:.1f} frames per second")
    assert exceptions(page) == 0
    page.screenshot(path=str(shots / f"done_{framework}_en.png"), full_page=True)


def test_the_six_readouts_show_every_digit_on_a_laptop_screen(app_url, page):
    """No readout is cut to "-17.2…": each value fits its column from 1280 to 1920 pixels wide."""
    page.goto(f"{app_url}/?lang=en&epochs=3000&b0=-17.2503")
    wait_ready(page)
    for width in (1280, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(500)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid^="f2c-readout-"]')]
                 .map(e => [e.innerText, e.scrollWidth, e.clientWidth])"""
        )
        assert len(sizes) == 6 and "-17.2503" in [text for text, _, _ in sizes], sizes
        assert all(scroll <= client for _, scroll, client in sizes), (width, sizes)


def test_step_shows_the_articles_numbers(app_url, page, shots):
    page.goto(f"{app_url}/?lang=zh&stage=3")
    wait_ready(page)
    click(page, "单步(1 轮)")
    page.wait_for_function("document.body.innerText.includes('0.5482, 0.0017')", timeout=60_000)
    wait_script_done(page)  # the step's cells are drawn one after the other
    text = page.inner_text("body")
    for number in ("1764.7108", "4518.3325", "82.6200", "[0.5482, 0.0017]"):
        assert number in text
    assert exceptions(page) == 0
    page.screenshot(path=str(shots / "step_stage3_zh.png"), full_page=True)


def test_divergence_message_then_the_app_still_works(app_url, page, shots):
    page.goto(f"{app_url}/?framework=torch&stage=2&lr=0.01&lang=en")
    wait_ready(page)
    click(page, "Run")
    wait_status(page, DIVERGED, timeout=180)
    page.wait_for_function("document.body.innerText.includes('Diverged at epoch')", timeout=60_000)
    alert = page.inner_text("body")
    assert "Diverged at epoch" in alert and "0.0003399" in alert
    assert "nan" not in " ".join(readout(page)).lower()
    assert exceptions(page) == 0
    page.screenshot(path=str(shots / "diverged_torch_en.png"), full_page=True)
    click(page, "Reset")
    wait_status(page, ("Ready",))
    assert readout(page)[0] == "0"
    click(page, "Step (1 epoch)")
    page.wait_for_function("document.body.innerText.includes('Epoch 1,')", timeout=60_000)
    assert exceptions(page) == 0
    assert status(page) == "Paused"
