"""Speed code, one module per framework: how the app runs a lesson's step functions fast enough to watch.

Each `<framework>_runner.py` builds the Runner (f2c.lessons.Runner) of one run in one of the lesson's
MODES (the eager recorder, a traced / compiled / XLA chunk loop) and says what a mode shows as its
source. None of it is part of the article, and none of it is exported with a script.
"""

from __future__ import annotations

import inspect


def with_optimizer(text: str, stage: int, optimizer: str) -> str:
    """A stage's shown source; for stage 3 headed by the optimizer its step is handed."""
    if stage == 3:
        text = f"# Stage 3: optimizer = make_optimizer({optimizer!r}, params, learning_rate)\n" + text
    return text


def eager_source(lesson, stage, optimizer):
    """What eager mode runs: STEPS[stage] as written, and for stage 3 the optimizer it is handed."""
    return with_optimizer(inspect.getsource(lesson.STEPS[stage]), stage, optimizer)
