"""The page reads the lessons' source from their files (f2c.lessons.texts) instead of importing them: the
text must be exactly what inspect.getsource of the imported function gives, and reading torch's must not
import torch."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

from f2c import lessons
from f2c.core.config import FRAMEWORK_MODES, FRAMEWORKS, OPTIMIZERS
from f2c.lessons import texts
from f2c.lessons.runners import eager_source

HELPERS = ("model", "loss_fn", "dloss_fn", "dmodel_dw", "dmodel_db", "grad_fn", "make_optimizer")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_step_and_helper_reads_as_inspect_gives_it(framework):
    lesson = lessons.load(framework)
    for stage, step in lesson.STEPS.items():
        assert texts.step(framework, stage) == (step.__name__, inspect.getsource(step))
    for name in HELPERS:
        expected = inspect.getsource(getattr(lesson, name)) if hasattr(lesson, name) else None
        assert texts.helper(framework, name) == expected, name


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_mode_shows_what_the_lesson_says_it_runs(framework):
    lesson = lessons.load(framework)
    for stage in (1, 2, 3):
        for optimizer in OPTIMIZERS if stage == 3 else ("sgd",):
            for mode in FRAMEWORK_MODES[framework]:
                shown = texts.mode_source(framework, stage, optimizer, mode)
                assert shown == lesson.source(stage, optimizer, mode)
                if mode == "eager":
                    assert shown == eager_source(lesson, stage, optimizer)


def test_torch_compiled_source_is_the_compiled_functions_own_text():
    from f2c.lessons.runners import torch_compiled, torch_runner

    for stage in (1, 2, 3):
        shown = texts.mode_source("torch", stage, "adam", "compiled")
        assert f"unrolls {torch_runner.CHUNK} epochs" in shown
        assert inspect.getsource(torch_compiled.COMPILED_STEPS[stage]) in shown
    assert inspect.getsource(torch_compiled.OPTIMIZER_UPDATES["adam"]) in shown
    assert "momentum_update" not in shown


def test_reading_torchs_lesson_imports_no_torch():
    # A fresh interpreter: this one has imported torch for the tests above.
    program = (
        "import sys\n"
        "from f2c.lessons import texts\n"
        "for stage in (1, 2, 3):\n"
        "    texts.step('torch', stage)\n"
        "    texts.mode_source('torch', stage, 'adam', 'compiled')\n"
        "    texts.mode_source('torch', stage, 'sgd', 'eager')\n"
        "texts.helper('torch', 'make_optimizer')\n"
        "print(sorted(m for m in ('torch', 'tensorflow', 'jax') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]"


def test_an_unknown_name_is_a_key_error():
    with pytest.raises(KeyError):
        texts.function("f2c.lessons.torch_lesson", "no_such_function")
    with pytest.raises(KeyError):
        texts.table("f2c.lessons.torch_lesson", "NO_SUCH_TABLE")
    assert texts.helper("numpy", "no_such_helper") is None
