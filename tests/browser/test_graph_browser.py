"""Issue 16, defect 4: the autograd graph's node text is readable (>= 12 px on screen) at 1400x1000 and 1280x800."""

from __future__ import annotations

import re

import pytest

from .harness import wait_ready
from .test_inside_browser import exceptions, pick

# The smallest size on screen of any node text: the text's font size times the scale the SVG is drawn at.
MIN_TEXT_PX = """
() => {
  const svg = document.querySelector('[data-testid="stGraphVizChart"] svg');
  const sizes = [...svg.querySelectorAll('g.node text')].map(t => {
    const size = parseFloat(getComputedStyle(t).fontSize);
    const m = t.getScreenCTM();
    return size * Math.hypot(m.a, m.b);
  });
  return {n: sizes.length, min: Math.min(...sizes), svgWidth: svg.getBoundingClientRect().width};
}
"""
# A node each framework's graph has, to know its graph (not the previous one) is drawn.
OPS = {"torch": "AccumulateGrad", "tensorflow": "StridedSliceGrad", "jax": "add_any", "numpy": "mean"}
LABELS = {"torch": "PyTorch", "tensorflow": "TensorFlow", "jax": "JAX", "numpy": "NumPy from scratch"}


@pytest.mark.parametrize("size", [(1400, 1000), (1280, 800)], ids=["1400x1000", "1280x800"])
@pytest.mark.parametrize("framework", ["torch", "tensorflow", "jax"])
def test_graph_text_readable(app_url, page, shots, framework, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/?lang=en&framework={framework}")
    wait_ready(page)
    pick(page, "Autograd graph")
    page.get_by_role("radiogroup", name="Whose graph").get_by_text(LABELS[framework], exact=True).click()
    page.wait_for_function(
        "op => { const s = document.querySelector('[data-testid=\"stGraphVizChart\"] svg');"
        " return s && s.textContent.includes(op); }",
        arg=OPS[framework],
        timeout=180_000,
    )
    # The view opens on the sidebar's framework at the last backward step: every node shows its value and
    # its gradient, the widest labels, so the smallest the graph is drawn.
    caption = page.get_by_text("the backward pass has just passed")
    caption.wait_for(timeout=60_000)
    step = re.match(r"Step (\d+) of (\d+)", caption.inner_text())
    assert step and step[1] == step[2], caption.inner_text()
    page.wait_for_timeout(1500)  # d3-graphviz fades the graph in
    backward = page.evaluate(MIN_TEXT_PX)
    page.locator('[data-testid="stGraphVizChart"]').scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"graph_{framework}_{size[0]}.png"))
    assert exceptions(page) == 0
    print(framework, size, backward)
    assert backward["n"] > 5
    assert backward["min"] >= 12, backward
