"""The "see inside" panels in the app (AppTest): every view renders in both languages with its numbers."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from apptest import app  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from f2c.ui.inside import VIEW_KEY, VIEWS  # noqa: E402


def show(at: AppTest, view: str) -> AppTest:
    at.session_state[VIEW_KEY] = view
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text(at: AppTest) -> str:
    """Every string the page shows: markdown, captions, alerts, metrics, code, dataframes."""
    parts = []
    for kind in ("markdown", "caption", "info", "success", "error", "warning", "code", "subheader"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [e.value.to_string() for e in at.dataframe]
    return "\n".join(parts)


def array(values) -> np.ndarray:
    """A Plotly JSON array: a list, or {"dtype", "bdata"} (base64 of the raw numbers)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).astype(np.float64)
    return np.asarray(values, dtype=np.float64)


def plotly(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


NUMBERS = {
    "landscape": ["33,599"],
    "stability": ["0.00033994", "33,599", "357", "diverges at epoch", "converges"],
    "agreement": ["4518.33", "82.62"],
    "graph": [],
    "chain": ["4518.33", "82.62"],
    "predict": ["37.78", "-17.30"],
    "sweep": ["0.00033994"],
    "breakit": ["No error", "Mistake 1"],
}
ZH_NUMBERS = {"stability": ["0.00033994", "33,599", "第 1,993 轮发散"], "breakit": ["没有报错"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_view_renders_without_exception(lang):
    at = app(lang=lang)
    assert at.get("plotly_chart") == [] or len(at.get("plotly_chart")) == 0  # nothing until a view is picked
    assert ":green[●]" in text(at)  # the learning rate's zone beside its control
    for view in VIEWS:
        show(at, view)
        shown = text(at)
        for number in (NUMBERS if lang == "en" else ZH_NUMBERS).get(view, []):
            assert number in shown, (view, number)
        if view in ("landscape", "stability", "chain", "sweep", "breakit"):
            assert at.get("plotly_chart"), view
            for spec in plotly(at):
                assert "NaN" not in json.dumps(spec.get("data")) and "Infinity" not in json.dumps(
                    spec.get("data")
                )
        if view == "graph":
            assert at.get("graphviz_chart")


def test_scaled_input_thresholds_and_the_try_buttons_set_the_learning_rate():
    at = show(app(normalize="scale"), "stability")
    shown = text(at)
    assert "0.032978" in shown and "357" in shown
    at.button(key="f2c_in_use_0.99").click().run()
    assert at.session_state["f2c_lr"] == pytest.approx(0.99 * 0.0329782, rel=1e-5)
    assert ":orange[●]" in text(at)  # 0.99 x the threshold oscillates but converges
    at.button(key="f2c_in_use_1.01").click().run()
    assert ":red[●]" in text(at)


def test_graph_steps_through_backward():
    at = show(app(), "graph")
    slider = at.slider(key="f2c_in_graph_step")
    n = slider.max
    assert slider.value == n and n >= 6
    dot = at.get("graphviz_chart")[0].proto.spec
    assert "mean" in dot and "4518.3" in dot
    at.button(key="f2c_in_graph_prev").click().run()
    assert at.slider(key="f2c_in_graph_step").value == n - 1
    at.slider(key="f2c_in_graph_step").set_value(0).run()
    assert "4518.3" not in at.get("graphviz_chart")[0].proto.spec


def test_prediction_box_rejects_text_with_a_message():
    at = show(app(lang="zh"), "predict")
    at.text_input(key="f2c_in_reading").input("<b>hot</b>").run()
    assert not at.exception
    assert "请输入一个数字" in text(at)
    at.text_input(key="f2c_in_reading").input("-40").run()
    assert "-40.00 °C" in text(at)


def test_after_a_short_run_the_views_use_the_cursor():
    at = app(epochs="2000")
    at.button(key="f2c_btn_run").click().run()
    assert at.session_state["f2c_player"].status == "done"
    for view in ("landscape", "agreement", "chain", "predict"):
        show(at, view)
        assert "epoch 2,000" in text(at)
    show(at, "landscape")
    traces = [trace for spec in plotly(at) for trace in spec["data"]]
    path = next(trace for trace in traces if trace.get("name") == "Path of the run")
    xs = array(path["x"])
    assert len(xs) > 100 and np.isfinite(xs).all() and xs[0] == pytest.approx(1.0)


def test_agreement_loads_torch_and_tensorflow_on_request():
    import importlib.util

    at = show(app(), "agreement")
    installed = [f for f in ("torch", "tensorflow") if importlib.util.find_spec(f)]
    buttons = [b for b in at.button if "Add" in b.label]
    if installed and buttons:
        buttons[0].click().run()
    shown = text(at)
    for name in ("PyTorch autograd", "TensorFlow GradientTape"):
        if name.split()[0].lower().replace("pytorch", "torch") in installed:
            assert name in shown
    assert "❌" not in shown
