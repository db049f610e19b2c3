"""The app's wiring, with Streamlit's AppTest: widgets and the URL in, the live player's data out.

AppTest has no browser and no timers, so runs use the player's frame cap or wait for the end
(F2C_LIVE_WAIT, tests/conftest.py). The readout read here is the one the server sends the browser's
player (tests/browser check what the browser draws from it).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from apptest import app  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from f2c.render import live  # noqa: E402
from f2c.ui.state import FRAME_CAP  # noqa: E402

FRAMEWORKS = ["numpy", "torch", "tensorflow"]


def updates(at: AppTest) -> list[dict]:
    """What the page sent the browser's live player in the last script run (one update per player)."""
    players = [e for e in at.get("bidi_component") if e.proto.component_name.endswith("live_player")]
    return [json.loads(element.proto.json) for element in players]


def readout(at: AppTest) -> list[str]:
    return updates(at)[0]["meta"]["readout"]


def player(at: AppTest):
    return at.session_state["f2c_player"]


def all_finite(update: dict) -> bool:
    """json.dumps(allow_nan=False) raises on a NaN or an infinity anywhere in the update."""
    try:
        json.dumps(update, allow_nan=False)
    except ValueError:
        return False
    return True


def test_first_page_shows_the_starting_point_and_imports_no_framework():
    import sys

    at = app()
    assert readout(at) == ["0", "1.0000", "0.0100", "1764.71", "4518.33", "82.62"]
    assert player(at).status == "idle"
    # The charts are drawn in the browser: one live player, no chart drawn by the server.
    assert len(updates(at)) == 1 and not at.get("vega_lite_chart") and not at.get("plotly_chart")
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
    values = readout(at) + [m.value for m in at.metric]  # the player's six readouts, then the step's
    assert values[0] == "1"
    loss, dw, db, new = values[6:10]
    assert float(loss) == pytest.approx(1764.7108, abs=5e-4)
    assert float(dw) == pytest.approx(4518.3325, abs=2e-3)
    assert float(db) == pytest.approx(82.62, abs=1e-4)
    assert new == "[0.5482, 0.0017]"
    code = " ".join(c.value for c in at.code)
    assert f"def stage{stage}_step" in code and "◀ ①" in code


def test_run_with_a_frame_cap_pauses_and_sends_finite_rows_not_frames():
    at = app(mode="function")  # the compiled loop (fastest) would finish 330,000 epochs before frame 2
    at.session_state[FRAME_CAP] = 2
    at.button(key="f2c_btn_run").click().run()
    p = player(at)
    assert p.status == "paused"
    assert 0 < p.epochs_done < 330_000
    assert readout(at)[0] == f"{p.cursor:,}"
    update = updates(at)[0]
    assert all_finite(update)
    rows = update["rows"]["e"]
    assert rows[: min(len(rows), live.EARLY)] == list(range(1, min(len(rows), live.EARLY) + 1))
    assert len(rows) <= live.MAX_BLOCK_ROWS and rows == sorted(set(rows))  # one bounded block at a time
    meta = update["meta"]
    assert meta["text"]["line"] == "current line" and meta["text"]["best"] == "least-squares best"
    assert meta["plotly"].endswith("/plotly.min.js") and not meta["plotly"].startswith("http")
    # Run again continues the same run where it paused, and only the new rows are sent.
    before = p.epochs_done
    at.button(key="f2c_btn_run").click().run()
    assert player(at).epochs_done > before
    assert player(at).run is p.run
    again = updates(at)[0]
    assert again["from"] == len(rows) and again["rows"]["e"][0] > rows[-1]  # the stream goes on


def test_step_after_pause_moves_one_epoch_from_where_the_browser_stopped():
    # The browser plays slower than a run computes: paused at epoch 29 while 44,637 were computed, Step
    # jumped to 44,638. It now steps through the computed epochs as the student sees them.
    at = app(mode="function")
    at.session_state[FRAME_CAP] = 2
    at.button(key="f2c_btn_run").click().run()
    p = player(at)
    assert p.status == "paused" and p.epochs_done > 30
    computed, behind = p.epochs_done, 29
    p.cursor = behind  # what the browser reports when it is paused there
    at.button(key="f2c_btn_step").click().run()
    assert not at.exception
    p = player(at)
    assert (p.cursor, p.epochs_done, p.cells.epoch) == (behind + 1, computed, behind + 1)
    assert readout(at)[0] == f"{behind + 1:,}"
    row = p.run.trajectory.at(behind + 1)
    assert list(p.cells.params) == pytest.approx([row["w"], row["b"]], rel=1e-6)  # epoch 30's own start
    assert p.cells.loss == pytest.approx(row["loss"], rel=1e-5)


def test_step_on_a_paused_replay_past_epoch_200_moves_to_the_next_epoch_the_browser_holds():
    # Past live.EARLY the browser holds a thinned subset of the epochs; paused there, Step jumped to the
    # run's end (or one epoch past it). It now moves to the row after the cursor that the browser reported.
    at = app(epochs="20000", mode="function")
    at.button(key="f2c_btn_run").click().run()
    p = player(at)
    assert p.status == "done" and p.epochs_done == 20_000
    p.cursor, p.next_shown = 5_000, 5_042  # what the browser reports, paused on a replay at epoch 5,000
    at.button(key="f2c_btn_step").click().run()
    assert not at.exception
    p = player(at)
    assert (p.cursor, p.epochs_done, p.cells.epoch) == (5_042, 20_000, 5_042)
    assert readout(at)[0] == "5,042"
    row = p.run.trajectory.at(5_042)
    assert list(p.cells.params) == pytest.approx([row["w"], row["b"]], rel=1e-6)
    assert p.next_shown == 0  # until the browser, moved there, reports the row after it
    p.next_shown = 4_000  # a report behind the cursor (a stale or hand-made value) is not followed
    at.button(key="f2c_btn_step").click().run()
    assert not at.exception and player(at).cursor != 4_000


def test_a_hand_made_cursor_report_is_ignored_or_bounded():
    from f2c.ui.player import notes

    at = app(epochs="3000")
    at.button(key="f2c_btn_run").click().run()
    p = player(at)
    assert p.epochs_done == 3_000
    for report in ({"e": float("nan")}, {"e": "12"}, None, [5], {"next": 9}):
        p.cursor, p.next_shown = 7, 0
        notes.follow_cursor(p, report)
        assert (p.cursor, p.next_shown) == (7, 0), report
    notes.follow_cursor(p, {"e": 1e300, "next": float("inf")})
    assert (p.cursor, p.next_shown) == (3_000, 0)
    notes.follow_cursor(p, {"e": -5, "next": 2})
    assert (p.cursor, p.next_shown) == (1, 2)
    notes.follow_cursor(p, {"e": 10, "next": float("nan")})
    assert (p.cursor, p.next_shown) == (10, 0)


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
    update = updates(at)[0]
    assert all_finite(update)
    assert update["meta"]["diverged"] == p.run.diverged_epoch
    assert update["rows"]["e"][-1] < p.run.diverged_epoch  # up to its last finite epoch
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
    assert updates(at)[0]["meta"]["cursor"] == 10


def test_torch_and_tensorflow_are_not_imported_by_the_ui_modules():
    import sys

    for name in (
        "f2c.ui",
        "f2c.ui.controls",
        "f2c.ui.player",
        "f2c.ui.panels",
        "f2c.render.live",
        "f2c.render.live",
        "f2c.ui.live_player.feed",
        "f2c.explain.one_step",
    ):
        importlib.import_module(name)
    source = "".join(
        Path(m.__file__).read_text()
        for m in (
            sys.modules["f2c.ui.player"],
            sys.modules["f2c.render.live"],
            sys.modules["f2c.render.live"],
        )
    )
    assert "import torch" not in source and "import tensorflow" not in source


def test_a_rerun_at_rest_resends_no_rows_and_a_new_run_starts_a_new_stream():
    at = app(epochs="150")  # fewer rows than one block holds: the whole run in one update
    at.button(key="f2c_btn_run").click().run()
    first = updates(at)[0]
    assert first["rows"]["e"] == list(range(1, 151)) and first["meta"]["finished"]
    at.run()  # any rerun (a panel, a widget) re-mounts the player: nothing is sent twice
    again = updates(at)[0]
    assert again["rows"] is None and again["run"] == first["run"]
    at.button(key="f2c_btn_run").click().run()  # Run on a finished run plays it again from the start
    replay = updates(at)[0]
    assert replay["run"] != first["run"] and replay["from"] == 0 and replay["rows"]["e"][0] == 1


def test_the_load_tests_timing_log_has_one_row_per_finished_run(tmp_path, monkeypatch):
    log = tmp_path / "timing.jsonl"
    at = app(framework="numpy", epochs="3000")
    at.button(key="f2c_btn_run").click().run()  # no F2C_TIMING_LOG: nothing is written
    assert not log.exists()
    monkeypatch.setenv("F2C_TIMING_LOG", str(log))
    at.button(key="f2c_btn_run").click().run()  # the same setup again: the finished run, from the cache
    at.run()  # a rerun of the finished page logs nothing more
    fresh = app(framework="numpy", epochs="3001")  # a run its worker computes
    fresh.button(key="f2c_btn_run").click().run()
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(rows) == 2
    assert rows[0]["framework"] == "numpy" and rows[0]["epochs"] == 3000 and rows[0]["status"] == "done"
    assert 0 <= rows[0]["seconds"] < 60
    assert rows[0]["computed"] is None  # nothing was computed: no worker ran
    assert rows[1]["epochs"] == 3001 and 0 < rows[1]["computed"] <= rows[1]["seconds"] < 60


def test_streamlit_no_longer_clears_the_keras_session_after_each_script_run(monkeypatch):
    import types

    from streamlit.runtime.scriptrunner import script_runner

    import f2c.ui  # noqa: F401  (installs the replacement)

    calls = []
    fake = types.SimpleNamespace(backend=types.SimpleNamespace(clear_session=lambda: calls.append(1)))
    monkeypatch.setitem(__import__("sys").modules, "keras", fake)
    script_runner._clean_problem_modules()
    assert calls == []
