"""No student waits for a compiler: runners that start at once, and the defaults compiled when the server starts.

- In a compute child, a run in a compiled mode is built with its lesson's make_runner_soon where it has one
  (torch: eager until the chunk has compiled in a background thread, then compiled, the state handed over).
- The server, once per process (start_once, called by every script run), starts the NumPy and torch
  children, asks the torch child to compile the default stages (1-3, SGD, the article's 11 points), and
  builds TensorFlow's XLA loops for them, in daemon threads: the first student's Run finds the child
  running, torch imported and the chunks compiling or compiled. F2C_WARMUP lists the frameworks to warm
  ("numpy,torch,tensorflow" by default; "" or "0": none, as the tests set).
"""

from __future__ import annotations

import os
import threading
import time

import numpy as np

from f2c import lessons
from f2c.core.data import article

DEFAULT_WARMUP = "numpy,torch,tensorflow"
# TensorFlow warms up in the server itself: its import holds the server's GIL for seconds, so it waits
# until the first page (whose script run started the warm-up) has been drawn.
IN_SERVER_DELAY = 10.0
DEFAULT_STAGES = ((1, "sgd"), (2, "sgd"), (3, "sgd"))


def build(framework: str, make_args: tuple):
    """The child's runner for make_args (stage, optimizer, lr, w0, b0, x, y, mode)."""
    soon = getattr(lessons.runner_module(framework), "make_runner_soon", None)
    if soon is not None:
        return soon(*make_args)
    return lessons.load(framework).make_runner(*make_args)


def warm(framework: str, settings) -> None:
    """In the child: compile (stage, optimizer, number of points) in the background, if the lesson can."""
    start = getattr(lessons.runner_module(framework), "warm", None)
    if start is not None:
        start(settings)


def frameworks() -> tuple[str, ...]:
    names = os.environ.get("F2C_WARMUP", DEFAULT_WARMUP)
    return tuple(n for n in (s.strip() for s in names.split(",")) if n and n != "0")


def _warm_here(framework: str) -> None:
    """A framework computing in the server (TensorFlow): build a runner of each default stage in its fastest
    mode, which traces and compiles the loop every later runner of that stage shares."""
    from f2c.core.config import FRAMEWORK_MODES

    data = article()
    x, y = np.asarray(data.x, np.float32), np.asarray(data.y, np.float32)
    lesson = lessons.load(framework)
    for stage, optimizer in DEFAULT_STAGES:
        for mode in FRAMEWORK_MODES[framework][:-1]:  # the compiled modes, fastest first
            try:
                lesson.make_runner(stage, optimizer, 1e-4, 1.0, 0.01, x, y, mode)
                break
            except lessons.ModeUnavailable:
                continue


def _warm(framework: str) -> None:
    from f2c.runtime import children

    points = len(article().x)
    try:
        process = children.process_for(framework)
        if process is not None:  # starts the child (it imports the framework) and returns at once
            process.call("warm", 0, framework, [(s, o, points) for s, o in DEFAULT_STAGES])
        elif lessons.installed(framework):
            time.sleep(IN_SERVER_DELAY)
            _warm_here(framework)
    except Exception:  # a warm-up is only a head start: a run builds what it needs itself
        return


def _warm_all(names) -> None:
    # One thread per framework: the torch child imports torch in its own process while TensorFlow is
    # imported here, so a first run of either finds it sooner.
    for framework in names:
        threading.Thread(target=_warm, args=(framework,), name=f"f2c-warmup-{framework}", daemon=True).start()


_started = False
_lock = threading.Lock()


def start_once() -> bool:
    """Start the warm-up thread the first time this is called in the process; True if it started now."""
    global _started
    with _lock:
        if _started:
            return False
        _started = True
    names = frameworks()
    if names:
        threading.Thread(target=_warm_all, args=(names,), name="f2c-warmup", daemon=True).start()
    return bool(names)
