"""Issue 16, defect 8: a TensorFlow export ran eagerly for ~6 minutes without a word. The page says how long
the exported train.py takes, and the script prints it before its loop (f2c.render.export_time)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest
from apptest import app

from f2c.core.config import RunConfig
from f2c.core.data import article
from f2c.render import export_time
from f2c.render.script import export_script


def test_the_estimate_follows_the_measured_eager_costs():
    tf_default = RunConfig(framework="tensorflow", stage=3)  # the article's 330,000 epochs
    assert export_time.slow(tf_default)
    assert 5 * 60 < export_time.eager_seconds(tf_default) < 8 * 60
    assert "about 7 minutes" in export_time.note(tf_default)  # the audit timed ~6
    assert not export_time.slow(RunConfig(framework="numpy", stage=1))  # ~5 s: nothing to warn about
    assert not export_time.slow(RunConfig(framework="tensorflow", stage=3, epochs=3000))


@pytest.mark.parametrize("epochs", [330_000, 3000])
def test_the_script_says_how_long_before_its_loop(tmp_path, epochs):
    config = RunConfig(framework="tensorflow", stage=2, epochs=epochs)
    with zipfile.ZipFile(io.BytesIO(export_script(config, article()))) as archive:
        archive.extractall(tmp_path)
    (folder,) = tmp_path.iterdir()
    text = (folder / "train.py").read_text()
    assert "# Time:    about" in text.split("\n\n", 1)[0]  # the header says it too
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    with subprocess.Popen(
        [sys.executable, "-I", str(folder / "train.py")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            first = process.stdout.readline().strip()  # the note, or (short run) the first log line
        finally:
            process.kill()
    if epochs == 330_000:
        assert first == export_time.note(config)
        assert (
            first.startswith("Note: this loop runs eagerly") and "330000 epochs take about 5 minutes" in first
        )
    else:
        assert first.startswith(("Epoch ", "Params:")), first  # 3,000 epochs: no note


def test_the_export_panel_says_how_long_for_tensorflow_not_numpy():
    for lang, words in (("en", "take about 7 minutes"), ("zh", "大约要 7 分钟")):
        at = app(framework="tensorflow", stage="3", lang=lang)
        at.session_state["f2c_export_open"] = True  # what a click on the panel's header does
        at.run()
        assert any(words in w.value for w in at.warning), [w.value for w in at.warning]
    at = app(framework="numpy")
    at.session_state["f2c_export_open"] = True
    at.run()
    assert not any("eager" in w.value for w in at.warning)
