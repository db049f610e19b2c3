"""The app's wiring, with Streamlit's AppTest: widgets and the URL in, metrics and chart data out.

AppTest has no browser and no timers, so runs use the player's frame cap or a short run.
"""

from __future__ import annotations

import importlib
import json
import math
from pathlib import Path

import pytest
from apptest import app  # noqa: E402
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from f2c.ui.player import LIVE_POINTS, View  # noqa: E402
from f2c.ui.state import FRAME_CAP  # noqa: E402

FRAMEWORKS = ["numpy", "torch", "tensorflow"]


def readout(at: AppTest) -> list[str]:
    return [m.value for m in at.metric][:6]


def player(at: AppTest):
    return at.session_state["f2c_player"]


def charts(at: AppTest) -> list[dict]:
    """The Vega-Lite charts' specs with their named datasets as lists of rows."""
    out = []
    for element in at.get("vega_lite_chart"):
        proto = element.proto
        spec = json.loads(proto.spec)
        spec["datasets"] = {
            d.name: convert_arrow_bytes_to_pandas_df(d.data.data).to_dict("records") for d in proto.datasets
        }
        out.append(spec)
    return out


def all_finite(spec: dict) -> bool:
    return all(
        not (isinstance(v, float) and not math.isfinite(v))
        for rows in spec["datasets"].values()
        for row in rows
        for v in row.values()
    )


def test_first_page_shows_the_starting_point_and_imports_no_framework():
    import sys

    at = app()
    assert readout(at) == ["0", "1.0000", "0.0100", "1764.71", "4518.33", "82.62"]
    assert player(at).status == "idle"
    assert len(charts(at)) == 2
    # The app must not pay for torch or TensorFlow before a run needs them (AppTest shares this process,
    # so only check when nothing else imported them first).
    if "torch" not in sys.modules:
        assert "torch" not in sys.modules


def test_language_switch_and_url_round_trip():
    at = app(lang="zh")
    assert at.title[0].value.startswith("深度学习")
    at.segmented_control(key="f2c_lang").set_value("en").run()
    assert at.title[0].value.startswith("How deep-learning")
    at.radio(key="f2c_stage").set_value(2).run()
    at.number_input(key="f2c_lr").set_value(0.0002).run()
    assert at.query_params["stage"] in ("2", ["2"])
    assert at.query_params["lr"] in ("0.0002", ["0.0002"])
    assert at.query_params["lang"] in ("en", ["en"])
    assert at.select_slider(key="f2c_lr_slider").value == pytest.approx(2e-4)


def test_url_sets_every_control_and_bad_values_get_a_message():
    at = app(
        framework="numpy",
        stage="3",
        lr="0.001",
        epochs="5000",
        w0="2",
        b0="-1",
        optimizer="adam",
        normalize="scale",
        mode="eager",
    )
    c = player(at).config
    assert (c.stage, c.lr, c.epochs, c.w0, c.b0, c.optimizer, c.normalize, c.mode) == (
        3,
        0.001,
        5000,
        2.0,
        -1.0,
        "adam",
        "scale",
        "eager",
    )
    bad = app(lr="fast", epochs="-3")
    assert player(bad).config.lr == 1e-4
    warnings = " ".join(w.value for w in bad.warning)
    assert "fast" in warnings and "Epochs" in warnings
    assert not bad.exception


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("stage", [1, 2, 3])
def test_one_step_shows_the_articles_numbers(framework, stage):
    at = app(framework=framework, stage=str(stage))
    at.button(key="f2c_btn_step").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    values = [m.value for m in at.metric]
    assert values[0] == "1"
    loss, dw, db, new = values[6:10]
    assert float(loss) == pytest.approx(1764.7108, abs=5e-4)
    assert float(dw) == pytest.approx(4518.3325, abs=2e-3)
    assert float(db) == pytest.approx(82.62, abs=1e-4)
    assert new == "[0.5482, 0.0017]"
    code = " ".join(c.value for c in at.code)
    assert f"def stage{stage}_step" in code and "◀ ①" in code


def test_run_with_a_frame_cap_pauses_and_charts_hold_finite_data():
    at = app()
    at.session_state[FRAME_CAP] = 2
    at.button(key="f2c_btn_run").click().run()
    p = player(at)
    assert p.status == "paused"
    assert 0 < p.epochs_done < 330_000
    assert readout(at)[0] == f"{p.cursor:,}"
    fit, loss = charts(at)
    assert all_finite(fit) and all_finite(loss)
    assert 1 < len(loss["datasets"]["loss"]) <= LIVE_POINTS + 1 and len(loss["datasets"]["cursor"]) == 1
    assert {row["series"] for row in fit["datasets"]["lines"]} >= {"current line", "least-squares best"}
    # Run again continues the same run where it paused.
    before = p.epochs_done
    at.button(key="f2c_btn_run").click().run()
    assert player(at).epochs_done > before
    assert player(at).run is p.run


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_short_run_finishes_with_the_final_parameters(framework):
    from f2c.core.config import RunConfig
    from f2c.runtime.training import run

    at = app(framework=framework, epochs="3000")
    at.button(key="f2c_btn_run").click().run()
    assert player(at).status == "done"
    final = run(RunConfig(framework=framework, epochs=3000)).run_to_end().final()
    epoch, w, b = readout(at)[:3]
    assert epoch == "3,000"
    assert w == f"{final['w']:.4f}" and b == f"{final['b']:.4f}"
    assert at.success and "3,000" in at.success[0].value


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_divergence_stops_with_a_message_and_the_app_keeps_working(framework):
    at = app(framework=framework, stage="2", lr="0.01")
    at.button(key="f2c_btn_run").click().run()
    assert not at.exception
    p = player(at)
    assert p.status == "diverged"
    message = " ".join(e.value for e in at.error)
    assert f"epoch {p.run.diverged_epoch}" in message and "0.0003399" in message
    for spec in charts(at):
        assert all_finite(spec)
    assert "—" not in readout(at)[1:3]
    at.button(key="f2c_btn_reset").click().run()
    assert player(at).status == "idle" and readout(at)[0] == "0"
    at.number_input(key="f2c_lr").set_value(1e-4).run()
    at.session_state[FRAME_CAP] = 1
    at.button(key="f2c_btn_run").click().run()
    # With XLA the whole 330,000-epoch run can finish inside the first frame.
    assert player(at).status in ("paused", "done") and player(at).epochs_done > 0
    assert not at.exception


def test_scrubber_moves_the_cursor_after_a_run():
    at = app(epochs="2000")
    at.button(key="f2c_btn_run").click().run()
    at.slider(key="f2c_scrub").set_value(10).run()
    assert readout(at)[0] == "10"
    loss = charts(at)[1]
    assert loss["datasets"]["cursor"][0]["epoch"] == 10


def test_torch_and_tensorflow_are_not_imported_by_the_ui_modules():
    import sys

    for name in (
        "f2c.ui",
        "f2c.ui.controls",
        "f2c.ui.player",
        "f2c.ui.panels",
        "f2c.render.live_charts",
        "f2c.explain.one_step",
    ):
        importlib.import_module(name)
    source = "".join(
        Path(m.__file__).read_text()
        for m in (sys.modules["f2c.ui.player"], sys.modules["f2c.render.live_charts"])
    )
    assert "import torch" not in source and "import tensorflow" not in source


def test_a_frame_resends_only_the_placeholders_whose_content_changed():
    view = View(metrics=[], units=None, progress=None, fit=None, loss=None, message=None)
    sent = []

    class Slot:
        def __init__(self, name):
            self.name = name

        def metric(self, value):
            sent.append((self.name, value))

        def empty(self):
            sent.append((self.name, None))

    slot, other = Slot("slot"), Slot("other")
    for value in ("1,000", "1,000", "2,000", "2,000", "1,000"):
        view.show(slot, "metric", value)
    assert sent == [("slot", "1,000"), ("slot", "2,000"), ("slot", "1,000")]
    view.show(other, "empty")  # first call always draws
    assert sent[-1] == ("other", None)


def test_the_load_tests_timing_log_has_one_row_per_finished_run(tmp_path, monkeypatch):
    log = tmp_path / "timing.jsonl"
    at = app(framework="numpy", epochs="3000")
    at.button(key="f2c_btn_run").click().run()  # no F2C_TIMING_LOG: nothing is written
    assert not log.exists()
    monkeypatch.setenv("F2C_TIMING_LOG", str(log))
    at.button(key="f2c_btn_run").click().run()
    at.run()  # a rerun of the finished page logs nothing more
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(rows) == 1
    assert rows[0]["framework"] == "numpy" and rows[0]["epochs"] == 3000 and rows[0]["status"] == "done"
    assert 0 <= rows[0]["seconds"] < 60


def test_streamlit_no_longer_clears_the_keras_session_after_each_script_run(monkeypatch):
    import types

    from streamlit.runtime.scriptrunner import script_runner

    import f2c.ui  # noqa: F401  (installs the replacement)

    calls = []
    fake = types.SimpleNamespace(backend=types.SimpleNamespace(clear_session=lambda: calls.append(1)))
    monkeypatch.setitem(__import__("sys").modules, "keras", fake)
    script_runner._clean_problem_modules()
    assert calls == []
