"""How long an exported train.py runs, said before it runs (issue 16: TensorFlow's took ~6 minutes, silently).

The export's loop is the article's own, eager, one step per epoch (f2c.render.script): not the app's
compiled loops, which live in f2c/lessons/runners/ and are not exported. Its time is the epochs times the
eager cost per epoch measured by bench/bench_train.py on a 2-core CPU (the README's Speed table). JAX's
eager rows were measured on a loaded machine only; they are scaled here by the article's TensorFlow loops
of that same run (JAX eager / TF article) times the TF figures of the unloaded run.
"""

from __future__ import annotations

from f2c.core.config import RunConfig

# Microseconds per epoch, eager, by framework and stage: the article's loops where it wrote one (torch,
# TensorFlow), f2c's eager rows for NumPy. The exported TF loop, timed against the article's TF loop in one
# run (bench/bench_export.py, two runs at load ~9): 0.81-0.81x, 0.45-0.94x, 0.55-1.08x of it for stages
# 1-3. The article's figures are the upper end: a warning that errs long, not short.
EAGER_US = {
    "numpy": {1: 16.4, 2: 40.2, 3: 38.4},
    "torch": {1: 33.8, 2: 41.4, 3: 57.9},
    "tensorflow": {1: 342.7, 2: 860.4, 3: 1345.2},
    "jax": {1: 121.8, 2: 751.7, 3: 447.5},
}
# Warn above this: a student waiting longer than a minute with no line printed thinks it hangs.
SLOW_SECONDS = 60.0


def eager_seconds(config: RunConfig) -> float:
    return config.epochs * EAGER_US[config.framework][config.stage] * 1e-6


def slow(config: RunConfig) -> bool:
    return eager_seconds(config) > SLOW_SECONDS


# What train.py prints before its loop when it is slow (English, like the rest of the script); the script
# fills it in from its own EPOCHS, so it stays true if the student edits them.
NOTE = (
    "Note: this loop runs eagerly, one step per epoch, as the article wrote it: %d epochs take about %s "
    "(%.0f microseconds per epoch on a 2-core CPU). Lower EPOCHS for a quick try."
)


def duration_en(seconds: float) -> str:
    return "%.0f minutes" % (seconds / 60) if seconds >= 120 else "%.0f seconds" % seconds


def duration_zh(seconds: float) -> str:
    return f"{seconds / 60:.0f} 分钟" if seconds >= 120 else f"{seconds:.0f} 秒"


def note(config: RunConfig) -> str:
    """The line train.py prints for `config` (None-free: callers check slow() first)."""
    per_epoch = EAGER_US[config.framework][config.stage]
    return NOTE % (config.epochs, duration_en(eager_seconds(config)), per_epoch)


# The driver's own copy of duration_en and of the check, written into train.py (f2c.render.script).
DRIVER_CODE = (
    """

def say_how_long():
    \"\"\"The loop is eager, as the article wrote it: if it takes long, say so before it starts.\"\"\"
    seconds = EPOCHS * EAGER_US_PER_EPOCH * 1e-6
    if seconds > %r:
        took = "%%.0f minutes" %% (seconds / 60) if seconds >= 120 else "%%.0f seconds" %% seconds
        print(NOTE %% (EPOCHS, took, EAGER_US_PER_EPOCH), flush=True)
"""
    % SLOW_SECONDS
)
