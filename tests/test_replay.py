"""The in-browser replay figure (f2c/render/replay.py) and its panel in the app."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from f2c.core.config import RunConfig
from f2c.render.replay import LINE, MARKER, frame_epochs, replay_figure
from f2c.render.style import figure_is_finite
from f2c.runtime.training import run


@pytest.fixture(scope="module")
def article_run():
    return run(RunConfig()).run_to_end()  # the article's 330,000 epochs


@pytest.mark.parametrize(
    "n, frames", [(1, 100), (5, 100), (120, 100), (330_000, 100), (330_000, 60), (10**6, 120)]
)
def test_frame_epochs_are_distinct_log_spaced_and_end_at_the_last(n, frames):
    epochs = frame_epochs(n, frames)
    assert len(epochs) == min(n, frames)
    assert epochs == sorted(set(epochs))
    assert epochs[0] == 1 and epochs[-1] == n
    if n > 10 * frames:  # log-spaced: half of the frames fall in the first ~sqrt(n) epochs
        assert epochs[frames // 2] < 10 * np.sqrt(n)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_run_replay(article_run, lang):
    fig = replay_figure(article_run, lang)
    assert len(fig.frames) == 100
    assert [f.name for f in fig.frames][-1] == "330000"
    # The last frame's line is the article's final parameters (after the last update), in original units.
    final = article_run.final()
    last = fig.frames[-1]
    assert last.traces == (LINE, MARKER)
    line = last.data[0]
    x0, x1 = line.x
    w = (line.y[1] - line.y[0]) / (x1 - x0)
    b = line.y[0] - w * x0
    assert w == pytest.approx(final["w"], rel=1e-5) and b == pytest.approx(final["b"], abs=1e-3)
    assert round(final["w"], 4) == 0.5358 and round(final["b"], 4) == -17.2503
    assert last.data[1].x == (330000,)
    # The controls: Plotly's own play/pause and a slider with one step per frame, labels in the language.
    menu = fig.layout.updatemenus[0]
    labels = [b.label for b in menu.buttons]
    assert labels == (["▶ 播放", "❚❚ 暂停"] if lang == "zh" else ["▶ Play", "❚❚ Pause"])
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == 100 and list(slider.steps[-1].args[0]) == ["330000"]
    assert fig.layout.xaxis2.type == "log" and fig.layout.yaxis2.type == "log"
    titles = [a.text for a in fig.layout.annotations]
    assert ("损失" in " ".join(titles)) == (lang == "zh")
    assert figure_is_finite(fig)
    size = len(fig.to_json())
    assert size < 300_000, size


def test_short_and_normalized_runs():
    r = run(RunConfig(epochs=3, normalize="standardize", stage=3, optimizer="adam", lr=0.1)).run_to_end()
    fig = replay_figure(r, "en", frames=60)
    assert len(fig.frames) == 3
    final = r.final()
    line = fig.frames[-1].data[0]
    w = (line.y[1] - line.y[0]) / (line.x[1] - line.x[0])
    assert w == pytest.approx(final["w"], rel=1e-5)
    assert figure_is_finite(fig)


def test_diverged_run_has_no_nan_or_inf():
    r = run(RunConfig(stage=2, lr=0.01, epochs=10_000)).run_to_end()
    assert r.diverged
    fig = replay_figure(r, "zh")
    assert figure_is_finite(fig)
    assert 0 < len(fig.frames) <= 100
    assert int(fig.frames[-1].name) == len(r.trajectory)
    text = fig.to_json()
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text)


def test_figure_is_finite_catches_nan():
    assert not figure_is_finite({"data": [{"y": [1.0, float("nan")]}]})
    assert not figure_is_finite({"data": [{"y": np.array([1.0, np.inf])}]})


def test_the_app_shows_the_replay_panel_after_a_short_run():
    from streamlit.testing.v1 import AppTest

    app = str(Path(__file__).resolve().parents[1] / "app.py")
    at = AppTest.from_file(app, default_timeout=120)
    at.query_params.update({"lang": "en", "epochs": "2000"})
    at.run()
    assert not at.exception

    def replay_charts():
        return [c for c in at.get("plotly_chart") if getattr(c, "key", None) == "f2c_replay_chart"]

    assert not replay_charts()  # nothing to replay before a run
    at.button(key="f2c_btn_run").click().run()
    assert not at.exception, at.exception
    assert at.session_state["f2c_player"].status == "done"
    assert any(e.label.startswith("Replay") for e in at.expander)
    assert not replay_charts()  # built only once the panel is opened
    at.session_state["f2c_replay_open"] = True  # what a click on the panel's header does
    at.run()
    charts = replay_charts()
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert len(spec["frames"]) == 100 and spec["frames"][-1]["name"] == "2000"
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["label"] == "▶ Play"


def test_the_replays_controls_and_legend_each_have_their_own_band_below_the_plots():
    # Play / Pause had been drawn over the slider's label and the axis titles (issue 16).
    layout = replay_figure(run(RunConfig(epochs=500)).run_to_end(), "en").layout
    buttons, slider, legend = layout.updatemenus[0], layout.sliders[0], layout.legend
    assert -0.2 > buttons.y > slider.y > legend.y  # top to bottom, below the axis titles
    assert slider.x == 0 and slider.len == 1  # the full width: nothing beside it, on a phone too
    plot_height = layout.height - layout.margin.t - layout.margin.b
    assert -legend.y * plot_height + 30 < layout.margin.b  # the legend's band fits in the margin
