"""The sidebar's controls under AppTest: what a student types that the settings refuse."""

from __future__ import annotations

import pytest
from apptest import app

from f2c.core.config import RunConfig


@pytest.mark.parametrize(
    ("key", "typed", "says"),
    [
        ("f2c_lr", 50.0, "The learning rate must be between 1e-08 and 10 (got 50"),
        ("f2c_epochs", 0, "Epochs must be a whole number from 1 to 1000000 (got 0)"),
        ("f2c_w0", 1e9, "at most"),
    ],
)
def test_an_out_of_range_number_is_refused_in_view_and_only_it_falls_back(key, typed, says):
    # Streamlit's bounded box refused such a value silently, the reason only on hover (issue 16, defect 7).
    at = app(framework="torch", stage="2")
    at.number_input(key=key).set_value(typed).run()
    assert not at.exception
    assert any(says in e.value for e in at.error), [e.value for e in at.error]
    config = at.session_state["f2c_player"].config
    assert (config.framework, config.stage) == ("torch", 2)  # the other settings are kept
    assert getattr(config, key.removeprefix("f2c_")) == getattr(RunConfig(), key.removeprefix("f2c_"))


@pytest.mark.parametrize("stage", ["1", "2", "3"])
def test_every_code_block_wraps_its_long_lines(stage):
    # At 1400 px the code panel cut "params = params - learning_rate *" and its cell markers (issue 16: 2).
    at = app(stage=stage)
    at.button(key="f2c_btn_step").click().run()
    assert not at.exception
    assert len(at.code) >= 3
    assert all(block.proto.wrap_lines for block in at.code)
