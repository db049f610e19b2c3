"""Cancellation: stopping a worker mid-run ends its computation within 0.5 s and leaves no thread."""

import threading
import time

import pytest

from f2c.core.config import RunConfig
from f2c.runtime import training as train
from f2c.runtime.shared_runs import ComputeSlots
from f2c.runtime.worker import Worker


def workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "f2c-worker"]


@pytest.mark.parametrize("framework", ["numpy", "torch", "tensorflow"])
def test_stop_mid_run_ends_the_work_within_half_a_second(framework):
    run = train.run(RunConfig(framework=framework, mode="eager", epochs=1_000_000))
    run.prepare()
    worker = Worker(run, slots=ComputeSlots(2)).start()
    deadline = time.time() + 30
    while len(run.trajectory) < 100 and time.time() < deadline:
        time.sleep(0.01)
    assert len(run.trajectory) >= 100 and worker.alive
    started = time.perf_counter()
    assert worker.stop(timeout=5)
    assert time.perf_counter() - started < 0.5
    assert workers() == []
    done = len(run.trajectory)
    time.sleep(0.2)
    assert len(run.trajectory) == done < 1_000_000 and not run.finished
    # The same run resumes where it stopped.
    worker = Worker(run, slots=ComputeSlots(2)).start()
    while len(run.trajectory) == done and time.time() < deadline:
        time.sleep(0.01)
    worker.stop()
    assert len(run.trajectory) > done and run.trajectory.epoch[-1] == len(run.trajectory)


def test_worker_finishes_a_run_and_ends():
    run = train.run(RunConfig(epochs=20_000))
    worker = Worker(run, slots=ComputeSlots(1)).start()
    worker._thread.join(30)
    assert not worker.alive and run.finished and len(run.trajectory) == 20_000
    assert worker.error is None


def test_rate_limited_playback():
    run = train.run(RunConfig(epochs=10_000))
    worker = Worker(run, rate=200.0, slots=ComputeSlots(1)).start()
    time.sleep(0.5)
    worker.stop()
    assert 20 <= len(run.trajectory) <= 200


def test_waiting_for_a_slot_is_visible_and_stoppable():
    slots = ComputeSlots(1)
    blocker = Worker(train.run(RunConfig(epochs=1_000_000, mode="eager")), slots=slots).start()
    time.sleep(0.1)
    waiting = Worker(train.run(RunConfig(epochs=1000)), slots=slots).start()
    deadline = time.time() + 5
    while waiting.queue_position is None and waiting.alive and time.time() < deadline:
        time.sleep(0.005)
    # Chunks interleave: the second run gets its turn while the first one is still running.
    waiting._thread.join(10)
    assert waiting.run.finished and blocker.alive
    assert blocker.stop() and workers() == []
