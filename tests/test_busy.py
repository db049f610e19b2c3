"""A busy server says so (f2c/runtime/busy.py, f2c/ui/player/notes.py): how many runs are ahead of or taking
turns with this one, and how long the rest should take, from its recent chunk times."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from f2c.core.config import RunConfig
from f2c.core.data import article
from f2c.runtime import busy
from f2c.runtime import training as train
from f2c.runtime.shared_runs import ComputeSlots
from f2c.runtime.worker import Worker
from tests.apptest import app
from tests.test_app import player


def a_run(epochs=10_000, computed=1_000):
    run = train.Run(RunConfig(epochs=epochs, mode="eager"), article())
    run.step(computed)
    return run


def test_a_run_with_its_compute_to_itself_reports_nothing():
    slots = ComputeSlots(2)
    slots.busy = 1  # ours
    worker = SimpleNamespace(alive=True, rate=None, slots=slots, queue_position=None)
    assert busy.report(a_run(), worker) is None
    assert busy.report(a_run(), SimpleNamespace(alive=False)) is None


def test_a_run_waiting_for_a_compute_slot_counts_who_is_ahead_and_how_long_it_takes():
    run = a_run()
    slots = ComputeSlots(2)
    slots.busy = 2  # two computing, four waiting: ours is third in line
    slots._queue.extend([object()] * 4)
    worker = SimpleNamespace(alive=True, rate=None, slots=slots, queue_position=2)
    found = busy.report(run, worker)
    assert found.ahead == 4  # the two in the slots and the two in front of ours
    per_epoch = run.compute_seconds / 1_000
    assert found.seconds == pytest.approx(9_000 * per_epoch * 3)  # six contenders for two slots


def test_streams_taking_turns_in_one_child_count_as_ahead():
    run = a_run()
    run._runner = SimpleNamespace(process=SimpleNamespace(streaming=4), stream=None)  # ours and three more
    found = busy.report(run, SimpleNamespace(alive=True, rate=None))
    assert found.ahead == 3
    assert found.seconds == pytest.approx(9_000 * run.compute_seconds / 1_000 * 4)
    fresh = train.Run(RunConfig(epochs=10_000), article())
    fresh._runner = run._runner
    assert busy.report(fresh, SimpleNamespace(alive=True, rate=None)).seconds is None  # no chunk yet


def test_the_page_says_so_when_another_run_takes_turns_in_the_same_child(monkeypatch):
    # Run waits this long for the end in its own script run, then leaves the rest to the player's timer
    # (which AppTest never fires): the page is the one a student sees while the run computes.
    monkeypatch.setenv("F2C_LIVE_WAIT", "1.0")
    blocker = train.Run(RunConfig(framework="torch", mode="eager", epochs=1_000_000), article(), remote=True)
    blocker.prepare()
    worker = Worker(blocker, slots=ComputeSlots(1)).start()
    try:
        deadline = time.monotonic() + 60
        while len(blocker.trajectory) < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
        for lang, words in (("en", "The server is busy: 1 other run"), ("zh", "服务器正忙:还有 1 个运行")):
            at = app(framework="torch", mode="eager", lang=lang)
            at.button(key="f2c_btn_run").click().run()
            assert not at.exception
            assert player(at).status == "running"
            captions = [c.value for c in at.caption]
            assert any(words in text for text in captions), captions
            at.session_state["f2c_live_worker"]["worker"].stop()  # not the next page's neighbour
    finally:
        worker.stop()


def test_alone_the_page_says_nothing_of_the_kind(monkeypatch):
    monkeypatch.setenv("F2C_LIVE_WAIT", "1.0")
    at = app(framework="torch", mode="eager")
    at.button(key="f2c_btn_run").click().run()
    assert player(at).status == "running"
    assert not any("busy" in c.value for c in at.caption)
    at.session_state["f2c_live_worker"]["worker"].stop()
