"""Compute a run in a worker thread while the page draws: drawing never stalls the computation.

The worker advances a train.Run chunk by chunk (each holding one of the server's compute slots) until the
run ends, diverges, or someone calls stop(). stop() returns once the thread has ended, which takes at most
one chunk (~50 ms), so a changed setting or Reset never leaves work running behind it.
"""

from __future__ import annotations

import threading
import time

from f2c.runtime.shared_runs import SLOTS, ComputeSlots
from f2c.runtime.training import Run


class Worker:
    def __init__(self, run: Run, rate: float | None = None, slots: ComputeSlots = SLOTS) -> None:
        self.run = run
        self.rate = rate  # epochs per second to play at, or None for as fast as possible
        self.slots = slots
        self.error: BaseException | None = None
        self.queue_position: int | None = None  # set while waiting for a compute slot
        self._stop = threading.Event()
        self.ended = threading.Event()  # set when the thread ends: a player waiting for a frame wakes at once
        self.ended_at: float | None = None  # wall-clock time it ended (f2c.ui.timing, for the load test)
        self._thread = threading.Thread(target=self._work, name="f2c-worker", daemon=True)

    def start(self) -> Worker:
        self._thread.start()
        return self

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end after its current chunk and wait for it; True once it has ended."""
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _waiting(self, position: int) -> None:
        self.queue_position = position

    def _work(self) -> None:
        run = self.run
        started, start_epoch = time.perf_counter(), len(run.trajectory)
        try:
            run.prepare()  # done already by the app, behind a spinner; a no-op then
            if self.rate is None and run.streams:
                # Computed in a child process that takes turns between its runs itself: no slot needed.
                run.stream(self._stop)
                return
            while not self._stop.is_set() and not run.finished:
                if self.rate is None:
                    n = run.next_chunk_size()
                else:
                    n = int(start_epoch + self.rate * (time.perf_counter() - started)) - len(run.trajectory)
                    if n <= 0:
                        self._stop.wait(min(0.05, 1.0 / self.rate))
                        continue
                with self.slots.slot(on_wait=self._waiting):
                    self.queue_position = None
                    if self._stop.is_set():
                        break
                    run.step(n)
        except BaseException as error:  # reported on the page by the UI, never a traceback
            self.error = error
        finally:
            self.ended_at = time.time()
            self.ended.set()
