"""The guided path in Chromium, in both languages: every step drawn, every cell run and matched, a question
checked, the derivative typed and accepted; a screenshot per step (looked at by hand)."""

from __future__ import annotations

import pytest

from f2c.core.i18n import t
from f2c.explain import guide

STEP_NAMES = [step[1] if step[0] == "cell" else step[0] for step in guide.STEPS]


def wait_idle(page, timeout: float = 180_000) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.match(/Running|运行/)",
        timeout=timeout,
    )


def click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    wait_idle(page)


def wait_text(page, text: str, timeout: float = 180_000) -> None:
    page.wait_for_function(f"document.body.innerText.includes({text!r})", timeout=timeout)


def exceptions(page) -> int:
    return len(page.query_selector_all('[data-testid="stException"]'))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_walk_the_guided_path_in_chromium(app_url, page, shots, lang):
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.goto(f"{app_url}/?guide=1&lang={lang}")
    page.wait_for_selector(".st-key-f2c_guide_next_bottom", timeout=120_000)
    wait_idle(page)
    assert t("guide.title", lang) in page.inner_text("body")
    for i, name in enumerate(STEP_NAMES):
        wait_text(page, t("guide.progress", lang, i=i + 1, n=len(STEP_NAMES)))  # the step's own page is drawn
        if name == "derivative":
            page.locator(".st-key-f2c_guide_dw input").fill("mean(2*(w*x + b - y)*x)")
            page.locator(".st-key-f2c_guide_db input").fill("2*mean(y_hat - y)")
            page.locator(".st-key-f2c_guide_db input").press("Enter")
            wait_idle(page)
            click(page, "f2c_guide_der_check")
            page.wait_for_function(
                f"document.body.innerText.includes({t('guide.der.correct_long', lang, n=5)!r})",
                timeout=60_000,
            )
        elif name == "fit":
            page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        else:
            if name == "loss_at_start":  # one question answered in the browser
                page.locator(".st-key-f2c_gq_loss_start input").fill("1763.88")
                page.locator(".st-key-f2c_gq_loss_start input").press("Enter")
                wait_idle(page)
                click(page, "f2c_gq_check_loss_start")
                wait_text(page, "1763.884")  # the feedback quotes the app's own loss
            click(page, f"f2c_guide_run_numpy_{name}")
            mark = (
                t("guide.match", lang, worst=0.0).split("(")[0].strip()
            )  # every NumPy cell has the article's
            wait_text(page, mark)
        assert exceptions(page) == 0, name
        page.screenshot(path=str(shots / f"guide_{i:02d}_{name}_{lang}.png"), full_page=True)
        if i < len(STEP_NAMES) - 1:
            click(page, "f2c_guide_next_bottom")
            page.evaluate("window.scrollTo(0, 0)")
