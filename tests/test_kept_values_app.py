"""Every control's own default is the session's value (f2c/ui/kept_values.py).

Streamlit sends a value set through session state only in the script run where it changed; a later run
carries the widget's default. A busy browser that renders the later run first showed lr 1e-06, w0 0 and
b0 0 for a link that said otherwise, and sent them back with the next click.
"""

from __future__ import annotations

from apptest import app

from f2c.ui.state import LR_STEPS, nearest_lr_step

LINK = {
    "framework": "torch",
    "stage": "3",
    "optimizer": "adam",
    "lr": "0.0003",
    "epochs": "5000",
    "w0": "2.0",
    "b0": "-1.5",
    "val": "0.2",
    "seed": "7",
}


def test_every_control_carries_the_links_value_as_its_default_in_a_later_run():
    at = app(**LINK)
    at.run()  # the later run: what a browser renders if it never rendered the first one
    assert not at.exception
    number = {
        key: at.number_input(key=key).proto.default for key in ("f2c_lr", "f2c_epochs", "f2c_w0", "f2c_b0")
    }
    assert number == {"f2c_lr": 0.0003, "f2c_epochs": 5000, "f2c_w0": 2.0, "f2c_b0": -1.5}
    assert at.number_input(key="f2c_val").proto.default == 0.2
    assert at.number_input(key="f2c_seed").proto.default == 7
    framework, stage = at.radio(key="f2c_framework"), at.radio(key="f2c_stage")
    assert framework.proto.options[framework.proto.default] == "PyTorch", framework.proto.options
    assert framework.proto.default == 1 and stage.proto.default == 2
    optimizer = at.selectbox(key="f2c_optimizer")
    assert optimizer.proto.options[optimizer.proto.default].lower().startswith("adam")
    slider = at.select_slider(key="f2c_lr_slider")
    assert list(slider.proto.default) == [LR_STEPS.index(nearest_lr_step(0.0003))]


def test_the_language_and_the_projector_toggle_keep_theirs_too():
    at = app(lang="zh", present="1")
    at.run()
    assert not at.exception
    assert at.toggle(key="f2c_present").proto.default is True
