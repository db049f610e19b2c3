"""LiveRuns (f2c/runtime/shared_runs.py): sessions pressing Run on a setup being computed follow that one run."""

from __future__ import annotations

from f2c.core.config import RunConfig
from f2c.runtime.shared_runs import ComputeSlots, LiveRuns
from f2c.runtime.training import run
from f2c.runtime.worker import Worker

# Runs that last long enough to be followed, paused and carried on: NumPy's fastest (compiled) loop would
# finish 200,000 epochs before a second session could join it.
SLOW = "function"


def test_a_second_session_follows_the_run_in_flight_and_carries_it_on():
    live = LiveRuns()
    slots = ComputeSlots()
    a = live.adopt(run(RunConfig(mode=SLOW, epochs=200_000), chunk_seconds=0.01))
    b = live.adopt(run(RunConfig(mode=SLOW, epochs=200_000), chunk_seconds=0.01))
    assert b is a and live.joined == 1
    assert live.adopt(run(RunConfig(mode=SLOW, epochs=200_001))) is not a  # another setup: its own run
    with live.prepare_lock(a):
        a.prepare()
    first, mine = live.worker(a, None, lambda: Worker(a, slots=slots).start())
    again, theirs = live.worker(a, None, lambda: Worker(a, slots=slots).start())
    assert mine and not theirs and again is first and live.busy(a)
    assert first.stop()  # the session that started it leaves
    assert not live.busy(a)
    second, mine = live.worker(a, None, lambda: Worker(a, slots=slots).start())  # a follower carries on
    assert mine and second is not first
    second._thread.join(60)
    assert a.finished and len(a.trajectory) == 200_000
    assert a.final() == run(RunConfig(mode=SLOW, epochs=200_000)).run_to_end().final()
    # A finished run is not followed: the next Run of that setup is served by RESULTS or starts afresh.
    c = run(RunConfig(mode=SLOW, epochs=200_000))
    assert live.adopt(c) is c


def test_a_paused_run_is_not_joined_and_a_stepped_run_is_forgotten():
    live = LiveRuns()
    a = live.adopt(run(RunConfig(mode=SLOW, epochs=100_000)))
    a.prepare()
    worker, _ = live.worker(a, None, lambda: Worker(a, slots=ComputeSlots()).start())
    worker.stop()  # everyone paused
    b = run(RunConfig(mode=SLOW, epochs=100_000))
    assert live.adopt(b) is b
    live.forget(b)
    assert live.adopt(a) is a and len(live) == 1
