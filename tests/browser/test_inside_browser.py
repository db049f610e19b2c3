"""The "see inside" views in Chromium: every view in zh and en, no exception element, screenshots saved."""

from __future__ import annotations

import pytest

from .harness import wait_ready

VIEW_LABELS = {
    "en": {
        "landscape": "Loss landscape",
        "stability": "Learning-rate stability",
        "agreement": "Gradients agree?",
        "graph": "Autograd graph",
        "chain": "Chain rule",
        "predict": "Predict",
        "sweep": "LR sweep",
        "breakit": "Break it",
    },
    "zh": {
        "landscape": "损失地形",
        "stability": "学习率稳定性",
        "agreement": "梯度对比",
        "graph": "计算图",
        "chain": "链式法则",
        "predict": "预测",
        "sweep": "学习率扫描",
        "breakit": "故意弄坏",
    },
}
# What must be on the page once the view has drawn (in the browser's own rendering).
READY = {
    "landscape": ".js-plotly-plot .contour",
    "stability": ".js-plotly-plot",
    "agreement": '[data-testid="stDataFrame"]',
    "graph": '[data-testid="stGraphVizChart"] svg',
    "chain": ".js-plotly-plot",
    "predict": '[data-testid="stMetricValue"]',
    "sweep": ".js-plotly-plot",
    "breakit": ".js-plotly-plot",
}


def exceptions(page) -> int:
    return len(page.query_selector_all('[data-testid="stException"]'))


def pick(page, label: str) -> None:
    """Click a view in the picker (a segmented control: its options are radio buttons)."""
    page.locator(".st-key-f2c_inside_view").get_by_role("radio", name=label, exact=True).click()


def wait_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.match(/Running|运行/)",
        timeout=timeout,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_inside_view_in_chromium(app_url, page, shots, lang):
    page.set_viewport_size({"width": 1600, "height": 1900})
    page.goto(f"{app_url}/?lang={lang}&normalize={'scale' if lang == 'zh' else 'none'}")
    wait_ready(page)
    for view, label in VIEW_LABELS[lang].items():
        pick(page, label)
        page.wait_for_selector(READY[view], timeout=120_000)
        page.wait_for_timeout(1500)
        wait_idle(page)
        assert exceptions(page) == 0, view
        page.locator(".st-key-f2c_inside_view").evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(shots / f"inside_{view}_{lang}.png"), full_page=True)
    text = page.inner_text("body")
    assert ("0.032978" if lang == "zh" else "0.00033994") in text or view != "stability"


def test_stability_numbers_and_framework_graph(app_url, page, shots):
    page.goto(f"{app_url}/?lang=en&framework=torch")
    wait_ready(page)
    pick(page, "Learning-rate stability")
    page.wait_for_function("document.body.innerText.includes('diverges at epoch')", timeout=120_000)
    text = page.inner_text("body")
    assert "0.00033994" in text and "33,599" in text and "converges, the loss falls" in text
    pick(page, "Autograd graph")
    page.wait_for_selector('[data-testid="stGraphVizChart"] svg', timeout=120_000)
    page.wait_for_function(
        "document.querySelector('[data-testid=\"stGraphVizChart\"] svg').textContent.includes('AccumulateGrad')",
        timeout=60_000,
    )
    svg = page.inner_text('[data-testid="stGraphVizChart"]')
    for op in ("MeanBackward0", "PowBackward0", "MulBackward0"):
        assert op in svg
    assert exceptions(page) == 0
    page.screenshot(path=str(shots / "inside_graph_torch_en.png"), full_page=True)
